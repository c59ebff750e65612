/* Unit tests of the model and uncertainty modules (include/rtfrac/model.h,
 * include/rtfrac/uncertainty.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include <rtfrac.h>

#define REL 1e-12

static rtfrac_effect effect(const rtfrac_model *m, double total, unsigned long n, double ab)
{
    rtfrac_effect e;
    memset(&e, 0, sizeof(e));
    int rc = rtfrac_model_effect(m, total, n, ab, &e);
    if (rc != RTFRAC_OK)
        print_error("rtfrac_model_effect(%g, %lu, %g) = %d\n", total, n, ab, rc);
    assert_int_equal(rc, RTFRAC_OK);
    return e;
}

static double overall_days(const rtfrac_calendar *c, unsigned long n)
{
    double t = -1.0;
    assert_int_equal(rtfrac_model_overall_days(c, n, &t), RTFRAC_OK);
    return t;
}

/* The overall time of the issue: weekdays from a Monday, 5 a week: 30
 * fractions take 39 days, 35 take 46, 22 take 29 (first to last fraction). */
static void test_calendar_weekdays(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    assert_rel(overall_days(&m.calendar, 1), 0.0, 0.0);
    assert_rel(overall_days(&m.calendar, 5), 4.0, 0.0);
    assert_rel(overall_days(&m.calendar, 6), 7.0, 0.0);
    assert_rel(overall_days(&m.calendar, 22), 29.0, 0.0);
    assert_rel(overall_days(&m.calendar, 30), 39.0, 0.0);
    assert_rel(overall_days(&m.calendar, 35), 46.0, 0.0);
    /* from a Wednesday: Wed Thu Fri, Mon Tue */
    m.calendar.start_weekday = 2;
    assert_rel(overall_days(&m.calendar, 5), 6.0, 0.0);
    assert_rel(overall_days(&m.calendar, 3), 2.0, 0.0);
}

/* CHART: 36 fractions, three a day on 12 consecutive days (Saunders M et
 * al., Radiother Oncol 1999;52:137-148): T = 11 days.  CONVERT: 45 Gy in 30
 * twice-daily fractions over 3 weeks (Faivre-Finn C et al., Lancet Oncol
 * 2017;18:1116-1125): 15 treatment days, T = 18 days. */
static void test_calendar_several_a_day(void **state)
{
    (void)state;
    rtfrac_calendar c = { 21, 3, 0, 6.0, 0, 0.0 };
    assert_rel(overall_days(&c, 36), 11.0, 0.0);
    rtfrac_calendar b = { 10, 2, 0, 6.0, 0, 0.0 };
    assert_rel(overall_days(&b, 30), 18.0, 0.0);
    rtfrac_calendar three = { 3, 1, 0, 0.0, 0, 0.0 }; /* Mon, Wed, Fri */
    assert_rel(overall_days(&three, 4), 7.0, 0.0);
    rtfrac_calendar given = { 5, 1, 0, 0.0, 1, 40.5 };
    assert_rel(overall_days(&given, 30), 40.5, 0.0);
}

static void test_calendar_errors(void **state)
{
    (void)state;
    double t = 42.0;
    rtfrac_calendar c = { 5, 1, 5, 0.0, 0, 0.0 }; /* start Saturday, weekdays only */
    assert_int_equal(rtfrac_model_overall_days(&c, 5, &t), RTFRAC_EDOM);
    rtfrac_calendar d = { 5, 2, 0, 6.0, 0, 0.0 }; /* 5 a week in pairs */
    assert_int_equal(rtfrac_model_overall_days(&d, 5, &t), RTFRAC_EDOM);
    rtfrac_calendar e = { 5, 1, 0, 0.0, 0, 0.0 };
    assert_int_equal(rtfrac_model_overall_days(&e, 0, &t), RTFRAC_EDOM);
    assert_rel(t, 42.0, 0.0);
}

/* BED = D (1 + d/(a/b)) - K (T - Tk) for T > Tk (Fowler JF, Br J Radiol
 * 1989;62:679-694), with the head-and-neck parameters of Pedicini P et al.,
 * Clin Transl Oncol 2015;17(6):469-476 (Tk 19.2 d, Dprolif 0.69 Gy EQD2/d,
 * which is K = 0.69 x 1.2 = 0.828 Gy BED/d at a/b 10 Gy): 70 Gy / 35
 * fractions in 46 days at a/b 10 Gy loses 0.69 x 26.8 Gy of EQD2. */
static void test_time_correction(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.time = 1;
    m.tk_days = 19.2;
    m.dprolif_gy_per_day = 0.69 * 1.2;
    rtfrac_effect e = effect(&m, 70.0, 35, 10.0);
    assert_rel(e.overall_time_days, 46.0, 0.0);
    assert_rel(e.bed_without_time_gy, 84.0, REL);
    assert_rel(e.repopulation_gy, 0.828 * (46.0 - 19.2), REL);
    assert_rel(e.bed_gy, 84.0 - 0.828 * 26.8, REL);
    assert_rel(e.eqd2_gy, e.bed_gy / 1.2, REL);
    assert_rel(e.eqd2_gy, 70.0 - 0.69 * 26.8, REL);
    /* T <= Tk: no correction at all (not a negative one) */
    e = effect(&m, 36.25, 5, 10.0);
    assert_rel(e.repopulation_gy, 0.0, 0.0);
    assert_rel(e.bed_gy, 36.25 * (1.0 + 7.25 / 10.0), REL);
    m.tk_days = 46.0;
    e = effect(&m, 70.0, 35, 10.0);
    assert_rel(e.repopulation_gy, 0.0, 0.0);
}

/* Repopulation that exceeds the dose: 70 Gy / 35 fractions in 46 days at
 * a/b 10 Gy with Tk 19.2 d and K 10 Gy/d loses K (T - Tk) = 268 Gy against a
 * dose term of 84 Gy.  The LQ value -184 Gy is no effect: refused, and
 * rtfrac_model_explain names both numbers.  At BED exactly 0 it is kept. */
static void test_repopulation_exceeds_dose(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_effect e;
    rtfrac_diag why;
    rtfrac_model_init(&m);
    m.time = 1;
    m.tk_days = 19.2;
    m.dprolif_gy_per_day = 10.0;
    memset(&e, 0, sizeof(e));
    e.bed_gy = 12345.0;
    assert_int_equal(rtfrac_model_effect(&m, 70.0, 35, 10.0, &e), RTFRAC_EREPOP);
    assert_rel(e.bed_gy, 12345.0, 0.0); /* untouched on error */
    assert_int_equal(rtfrac_model_effect_dose_per_fraction(&m, 70.0, 2.0, 35, 10.0, &e), RTFRAC_EREPOP);
    rtfrac_model_explain(&m, 70.0, 35, 10.0, &why);
    assert_string_equal(why.message,
                        "repopulation exceeds the dose: K (T - Tk) = 268 Gy > BED 84 Gy (T = 46 days)");
    assert_non_null(strstr(rtfrac_strerror(RTFRAC_EREPOP), "repopulation exceeds the dose"));
    /* a schedule that is not refused explains nothing */
    m.dprolif_gy_per_day = 0.69;
    rtfrac_model_explain(&m, 70.0, 35, 10.0, &why);
    assert_string_equal(why.message, "");
    /* K chosen so that BED is exactly 0: 84 / 26.8 */
    m.tk_days = 6.0;
    m.dprolif_gy_per_day = 2.1;
    e = effect(&m, 70.0, 35, 10.0);
    assert_true(fabs(e.bed_gy) < 1e-12);
    /* solvers still see through it: the BED of 84 - 10 (46 - 6) < 0 is
     * unreachable for 35 fractions of 2 Gy, but a larger dose reaches 10 Gy */
    double d = 0.0;
    m.dprolif_gy_per_day = 10.0;
    assert_int_equal(rtfrac_model_solve_dose_per_fraction(&m, 10.0, 35, 10.0, &d), RTFRAC_OK);
    e = effect(&m, d * 35.0, 35, 10.0);
    assert_rel(e.bed_gy, 10.0, 1e-9);
}

/* Incomplete repair (Thames HD, Int J Radiat Biol 1985;47:319-339):
 * BED_day = k d + (d^2/(a/b)) [k + 2 sum_{i<j} exp(-mu (t_j - t_i))].
 * Two fractions 6 h apart with T1/2 = 1.5 h: phi = 2^-4. */
static void test_incomplete_repair(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.repair = 1;
    m.repair_half_time_h = 1.5;
    m.calendar.per_day = 2;
    m.calendar.per_week = 10;
    m.calendar.interval_h = 6.0;
    double d = 1.5, ab = 3.0, phi = 0.0625;
    rtfrac_effect e = effect(&m, 45.0, 30, ab);
    double day = 2.0 * d + d * d / ab * (2.0 + 2.0 * phi);
    assert_rel(e.bed_gy, 15.0 * day, REL);
    /* three a day, 4 h apart, T1/2 2.385 h: the closed sum */
    m.calendar.per_day = 3;
    m.calendar.per_week = 15;
    m.calendar.interval_h = 4.0;
    m.repair_half_time_h = 2.385;
    double p = exp(-log(2.0) * 4.0 / 2.385);
    e = effect(&m, 7.0 * 1.8, 7, ab); /* two full days and one fraction */
    double d3 = 1.8;
    double full = 3.0 * d3 + d3 * d3 / ab * (3.0 + 2.0 * (2.0 * p + p * p));
    double one = d3 + d3 * d3 / ab;
    assert_rel(e.bed_gy, 2.0 * full + one, REL);
    /* an interval far shorter than T1/2: two fractions act as one of 2d */
    m.calendar.per_day = 2;
    m.calendar.per_week = 10;
    m.calendar.interval_h = 1e-9;
    e = effect(&m, 4.0, 2, ab);
    assert_rel(e.bed_gy, 4.0 * (1.0 + 4.0 / ab), 1e-9);
    /* and far longer: complete repair, plain LQ */
    m.calendar.interval_h = 23.0;
    m.repair_half_time_h = 0.01;
    e = effect(&m, 4.0, 2, ab);
    assert_rel(e.bed_gy, 4.0 * (1.0 + 2.0 / ab), 1e-12);
}

/* LQ-L (Astrahan M, Med Phys 2008;35:4161-4172): linear beyond dT with the
 * slope of LQ at dT; the quadratic term is not added on top. */
static void test_lql(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 6.0;
    double ab = 10.0, b = 0.0;
    /* below dT it is LQ */
    assert_int_equal(rtfrac_model_bed_per_fraction(&m, 2.385, ab, &b), RTFRAC_OK);
    assert_rel(b, 2.385 * (1.0 + 2.385 / ab), REL);
    /* above: dT (1 + dT/(a/b)) + (1 + 2 dT/(a/b)) (d - dT) */
    rtfrac_effect e = effect(&m, 54.0, 3, ab);
    assert_rel(e.bed_gy, 3.0 * (6.0 * 1.6 + 2.2 * 12.0), REL);
    /* continuous at dT, and less than LQ above it */
    double below = 0.0, above = 0.0;
    rtfrac_model_bed_per_fraction(&m, 6.0 - 1e-9, ab, &below);
    rtfrac_model_bed_per_fraction(&m, 6.0 + 1e-9, ab, &above);
    assert_rel(below, above, 1e-9);
    assert_true(e.bed_gy < 54.0 * (1.0 + 18.0 / ab));
    /* LQ-L without dT is refused */
    m.has_dt = 0;
    assert_int_equal(rtfrac_model_effect(&m, 54.0, 3, ab, &e), RTFRAC_EDOM);
}

/* Universal survival curve (Park C et al., Int J Radiat Oncol Biol Phys
 * 2008;70(3):847-852): dT = 2 Dq / (1 - alpha D0); above it BED per
 * fraction = (d - Dq) / (alpha D0).  The NSCLC H460 parameters as used in
 * public implementations (alpha 0.33 /Gy, D0 1.25 Gy, Dq 1.8 Gy; secondary
 * source) give dT = 6.13 Gy (the paper prints 6.2 Gy). */
static void test_usc(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_USC;
    m.alpha_per_gy = 0.33;
    m.d0_gy = 1.25;
    m.dq_gy = 1.8;
    double dt = 0.0;
    assert_int_equal(rtfrac_model_transition_gy(&m, &dt), RTFRAC_OK);
    assert_rel(dt, 3.6 / (1.0 - 0.4125), REL);
    assert_abs(dt, 6.2, 0.1);
    rtfrac_effect e = effect(&m, 60.0, 3, 10.0);
    assert_rel(e.bed_gy, 3.0 * (20.0 - 1.8) / 0.4125, REL);
    /* alpha D0 >= 1: dT would not be positive; refused */
    m.alpha_per_gy = 0.8;
    rtfrac_diag why;
    rtfrac_diag_clear(&why);
    assert_int_equal(rtfrac_model_check(&m, &why), RTFRAC_EDOM);
    assert_non_null(strstr(why.message, "not positive"));
    /* a given dT is refused: BED would jump at it (issue 9, item 6) */
    m.alpha_per_gy = 0.33;
    m.has_dt = 1;
    m.dt_gy = 8.0;
    assert_int_equal(rtfrac_model_check(&m, &why), RTFRAC_EDOM);
    assert_non_null(strstr(why.message, "follows from the parameters"));
}

/* Solutions reproduce the BED they were asked for, for every model. */
static void test_solve_substitution(void **state)
{
    (void)state;
    rtfrac_model models[5];
    for (int i = 0; i < 5; i++)
        rtfrac_model_init(&models[i]);
    models[1].time = 1;
    models[1].tk_days = 21.0;
    models[1].dprolif_gy_per_day = 0.9;
    models[2].kind = RTFRAC_MODEL_LQL;
    models[2].has_dt = 1;
    models[2].dt_gy = 6.0;
    models[3].kind = RTFRAC_MODEL_USC;
    models[3].alpha_per_gy = 0.33;
    models[3].d0_gy = 1.25;
    models[3].dq_gy = 1.8;
    models[4].repair = 1;
    models[4].repair_half_time_h = 1.5;
    models[4].calendar.per_day = 2;
    models[4].calendar.per_week = 10;
    models[4].calendar.interval_h = 6.0;
    const double beds[] = { 72.0, 151.2, 100.0 };
    const unsigned long ns[] = { 30, 3, 5 };
    for (int i = 0; i < 5; i++) {
        for (size_t k = 0; k < 3; k++) {
            double d = 0.0;
            assert_int_equal(rtfrac_model_solve_dose_per_fraction(&models[i], beds[k], ns[k], 10.0, &d),
                             RTFRAC_OK);
            rtfrac_effect e = effect(&models[i], d * (double)ns[k], ns[k], 10.0);
            assert_rel(e.bed_gy, beds[k], 1e-10);
        }
    }
    /* the number of fractions: whole numbers are exact */
    double n = 0.0;
    rtfrac_effect e = effect(&models[1], 60.0, 30, 10.0);
    assert_int_equal(rtfrac_model_solve_fractions(&models[1], e.bed_gy, 2.0, 10.0, &n), RTFRAC_OK);
    assert_rel(n, 30.0, 1e-12);
    assert_int_equal(rtfrac_model_solve_fractions(&models[0], 50.0, 2.385, 3.0, &n), RTFRAC_OK);
    assert_rel(n * 2.385 * (1.0 + 2.385 / 3.0), 50.0, 1e-12);
    /* repopulation faster than the dose: no solution */
    models[1].dprolif_gy_per_day = 5.0;
    models[1].tk_days = 0.0;
    assert_int_equal(rtfrac_model_solve_fractions(&models[1], 500.0, 1.0, 10.0, &n), RTFRAC_EDOM);
    assert_int_equal(rtfrac_model_solve_dose_per_fraction(&models[0], 0.0, 5, 3.0, &n), RTFRAC_EDOM);
}

/* One uncertain alpha/beta: exact values at the interval's ends. */
static void test_interval_ends(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_uncertain u;
    memset(&u, 0, sizeof(u));
    u.alpha_beta_gy = (rtfrac_interval){ 1, 0.8, 2.2 };
    rtfrac_effect_range r;
    assert_int_equal(rtfrac_uncertainty_effect(&m, &u, 36.25, 5, 1.5, NULL, &r), RTFRAC_OK);
    assert_int_equal(r.method, RTFRAC_RANGE_INTERVAL);
    assert_rel(r.estimate.bed_gy, 36.25 * (1.0 + 7.25 / 1.5), REL);
    assert_rel(r.bed_high_gy, 36.25 * (1.0 + 7.25 / 0.8), REL);
    assert_rel(r.bed_low_gy, 36.25 * (1.0 + 7.25 / 2.2), REL);
    assert_rel(r.eqd2_high_gy, 36.25 * (7.25 + 0.8) / (2.0 + 0.8), REL);
    assert_rel(r.eqd2_low_gy, 36.25 * (7.25 + 2.2) / (2.0 + 2.2), REL);
    /* an interval that does not contain the estimate is refused */
    u.alpha_beta_gy = (rtfrac_interval){ 1, 2.0, 3.0 };
    assert_int_equal(rtfrac_uncertainty_effect(&m, &u, 36.25, 5, 1.5, NULL, &r), RTFRAC_EDOM);
}

/* Several uncertain parameters: Monte Carlo, repeatable with a fixed seed. */
static void test_monte_carlo(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.time = 1;
    m.tk_days = 21.0;
    m.dprolif_gy_per_day = 0.9;
    rtfrac_uncertain u;
    memset(&u, 0, sizeof(u));
    u.alpha_beta_gy = (rtfrac_interval){ 1, 8.0, 12.0 };
    u.tk_days = (rtfrac_interval){ 1, 14.0, 28.0 };
    u.dprolif_gy_per_day = (rtfrac_interval){ 1, 0.6, 1.2 };
    rtfrac_mc_workspace *w = rtfrac_uncertainty_mc_alloc(20000, 7);
    assert_non_null(w);
    rtfrac_effect_range a, b;
    assert_int_equal(rtfrac_uncertainty_effect(&m, &u, 70.0, 35, 10.0, w, &a), RTFRAC_OK);
    assert_int_equal(rtfrac_uncertainty_effect(&m, &u, 70.0, 35, 10.0, w, &b), RTFRAC_OK);
    assert_int_equal(a.method, RTFRAC_RANGE_MONTE_CARLO);
    assert_int_equal(a.samples, 20000);
    assert_memory_equal(&a, &b, sizeof(a)); /* the same seed, the same numbers */
    assert_true(a.bed_low_gy < a.bed_median_gy && a.bed_median_gy < a.bed_high_gy);
    assert_true(a.eqd2_low_gy < a.estimate.eqd2_gy && a.estimate.eqd2_gy < a.eqd2_high_gy);
    assert_abs(a.bed_median_gy, a.estimate.bed_gy, 0.02 * a.estimate.bed_gy);
    /* without a workspace several uncertain parameters are refused */
    assert_int_equal(rtfrac_uncertainty_effect(&m, &u, 70.0, 35, 10.0, NULL, &b), RTFRAC_EDOM);
    rtfrac_uncertainty_mc_free(w);
    rtfrac_uncertainty_mc_free(NULL);
    assert_null(rtfrac_uncertainty_mc_alloc(10, 1));
}

/* Monte Carlo quantiles by selection, with the draws kept across rows,
 * give the very numbers of the former method: draw per row, sort both
 * arrays, gsl_stats_quantile_from_sorted_data.  The reference is computed
 * here that way, for sample counts odd and even and for several rows
 * sharing one workspace. */
static void mc_reference(const rtfrac_model *m, const rtfrac_uncertain *u, double total, unsigned long n,
                         double ab, unsigned long samples, unsigned long seed, double q[6])
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    double *bed = malloc(samples * sizeof(double)), *eqd2 = malloc(samples * sizeof(double));
    assert_non_null(rng);
    assert_non_null(bed);
    assert_non_null(eqd2);
    gsl_rng_set(rng, seed);
    const double z975 = 1.959963984540054;
    double s_ab = fmax(log(u->alpha_beta_gy.high / ab), log(ab / u->alpha_beta_gy.low)) / z975;
    double s_tk = fmax(log(u->tk_days.high / m->tk_days), log(m->tk_days / u->tk_days.low)) / z975;
    double s_k = fmax(log(u->dprolif_gy_per_day.high / m->dprolif_gy_per_day),
                      log(m->dprolif_gy_per_day / u->dprolif_gy_per_day.low)) / z975;
    for (unsigned long i = 0; i < samples; i++) {
        double z_ab = gsl_ran_ugaussian(rng), z_tk = gsl_ran_ugaussian(rng), z_k = gsl_ran_ugaussian(rng);
        rtfrac_model mm = *m;
        mm.tk_days = m->tk_days * exp(s_tk * z_tk);
        mm.dprolif_gy_per_day = m->dprolif_gy_per_day * exp(s_k * z_k);
        rtfrac_effect e;
        assert_int_equal(rtfrac_model_effect(&mm, total, n, ab * exp(s_ab * z_ab), &e), RTFRAC_OK);
        bed[i] = e.bed_gy;
        eqd2[i] = e.eqd2_gy;
    }
    gsl_sort(bed, 1, samples);
    gsl_sort(eqd2, 1, samples);
    const double f[3] = { 0.025, 0.5, 0.975 };
    for (int k = 0; k < 3; k++) {
        q[k] = gsl_stats_quantile_from_sorted_data(bed, 1, samples, f[k]);
        q[3 + k] = gsl_stats_quantile_from_sorted_data(eqd2, 1, samples, f[k]);
    }
    free(bed);
    free(eqd2);
    gsl_rng_free(rng);
}

static void test_monte_carlo_selection(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.time = 1;
    m.tk_days = 21.0;
    m.dprolif_gy_per_day = 0.9;
    rtfrac_uncertain u;
    memset(&u, 0, sizeof(u));
    u.alpha_beta_gy = (rtfrac_interval){ 1, 8.0, 12.0 };
    u.tk_days = (rtfrac_interval){ 1, 14.0, 28.0 };
    u.dprolif_gy_per_day = (rtfrac_interval){ 1, 0.6, 1.2 };
    static const unsigned long counts[] = { 100, 101, 1000, 4099 };
    static const struct { double total; unsigned long n; } rows[] = { { 70.0, 35 }, { 60.0, 20 }, { 70.0, 35 } };
    for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
        rtfrac_mc_workspace *w = rtfrac_uncertainty_mc_alloc(counts[c], 11);
        assert_non_null(w);
        for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
            double q[6];
            rtfrac_effect_range got;
            mc_reference(&m, &u, rows[r].total, rows[r].n, 10.0, counts[c], 11, q);
            assert_int_equal(rtfrac_uncertainty_effect(&m, &u, rows[r].total, rows[r].n, 10.0, w, &got), RTFRAC_OK);
            const double have[6] = { got.bed_low_gy, got.bed_median_gy, got.bed_high_gy,
                                     got.eqd2_low_gy, got.eqd2_median_gy, got.eqd2_high_gy };
            assert_memory_equal(have, q, sizeof(q)); /* bit for bit */
        }
        rtfrac_uncertainty_mc_free(w);
    }
}

/* Converting an organ limit: the model's dose-per-fraction term on both
 * sides, no time correction and no repair.  LQ-L, 30 Gy in 3 fractions
 * (d = 10 Gy above dT = 6 Gy) at a/b 2 Gy, to 5 fractions: the result has the
 * same LQ-L BED (substitution); with plain LQ it equals the closed form
 * d = 2 (BED/n) / (1 + sqrt(1 + 4 BED/(n a/b))). */
static void test_convert_dose(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 6.0;
    m.time = 1; /* ignored for organ limits */
    m.tk_days = 0.0;
    m.dprolif_gy_per_day = 5.0;
    double conv = 0.0, bed = 0.0, bf = 0.0;
    assert_int_equal(rtfrac_model_convert_dose(&m, 30.0, 3, 0.0, 2.0, 5, &conv, &bed), RTFRAC_OK);
    assert_int_equal(rtfrac_model_bed_per_fraction(&m, 10.0, 2.0, &bf), RTFRAC_OK);
    assert_rel(bed, 3.0 * bf, REL);
    assert_rel(bed, 3.0 * (6.0 * 4.0 + 7.0 * 4.0), REL);
    assert_int_equal(rtfrac_model_bed_per_fraction(&m, conv / 5.0, 2.0, &bf), RTFRAC_OK);
    assert_rel(5.0 * bf, bed, 1e-12);
    /* plain LQ: the same as the closed form */
    rtfrac_model_init(&m);
    double lq = 0.0, iso = 0.0;
    assert_int_equal(rtfrac_model_convert_dose(&m, 50.0, 0, 2.0, 2.7, 5, &lq, NULL), RTFRAC_OK);
    /* 50 Gy in 2 Gy fractions at 2.7: BED 50 (1 + 2/2.7) = 87.037; in 5 fx */
    double b50 = 50.0 * (1.0 + 2.0 / 2.7);
    iso = 5.0 * 2.0 * (b50 / 5.0) / (1.0 + sqrt(1.0 + 4.0 * b50 / (5.0 * 2.7)));
    assert_rel(lq, iso, 1e-13);
    /* exactly one stated fractionation */
    assert_int_equal(rtfrac_model_convert_dose(&m, 50.0, 25, 2.0, 2.7, 5, &lq, NULL), RTFRAC_EDOM);
    assert_int_equal(rtfrac_model_convert_dose(&m, 50.0, 0, 0.0, 2.7, 5, &lq, NULL), RTFRAC_EDOM);
}

static void test_describe(void **state)
{
    (void)state;
    rtfrac_model m;
    char buf[256];
    rtfrac_model_init(&m);
    rtfrac_model_describe(&m, NULL, buf, sizeof(buf));
    assert_string_equal(buf, "LQ");
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 6.0;
    m.time = 1;
    m.tk_days = 21.0;
    m.dprolif_gy_per_day = 0.9;
    rtfrac_effect e = effect(&m, 60.0, 30, 10.0);
    rtfrac_model_describe(&m, &e, buf, sizeof(buf));
    assert_string_equal(buf, "LQ-L dT=6 Gy + time Tk=21 d K=0.9 Gy BED/d T=39 d");
}

/* Repopulation rates in their two units (issue 11).  K_BED = K_EQD2 (1 +
 * 2/(alpha/beta)).
 * Pedicini P, Caivano R, Fiorentino A, Strigari L, Clin Transl Oncol
 * 2015;17(6):469-476, abstract: alpha 0.24 /Gy, beta 0.023 /Gy^2, alpha/beta
 * 10.6 Gy, Td 3.5 d, Dprolif 0.69 Gy/day.  The BED rate is ln 2 / (alpha Td)
 * = 0.825 Gy BED/d; Dprolif = ln 2 / ((alpha + 2 beta) Td) = 0.6925, the
 * EQD2 rate, published rounded to 0.69: the two published numbers convert
 * into each other within that rounding (0.005 / 0.69 = 0.7 %).
 * Pedicini P et al., Strahlenther Onkol 2014;190(10):925-932, abstract:
 * alpha 0.12 /Gy, beta 0.015 /Gy^2, alpha/beta 8 Gy, Td 15.4 d, Dprolif
 * 0.30 Gy/day: ln 2 / (alpha Td) = 0.375 Gy BED/d = 0.30 x (1 + 2/8).
 * Withers HR, Taylor JM, Maciejewski B, Acta Oncol 1988;27(2):131-146:
 * about 0.6 Gy per day in 2 Gy fractions; at alpha/beta 10 Gy that is 0.72
 * Gy BED/d. */
static void test_rate_units(void **state)
{
    (void)state;
    const double ln2 = 0.69314718055994531;
    double k = 0.0, back = 0.0;
    /* closed form, both ways */
    assert_int_equal(rtfrac_model_rate_to_bed(0.69, RTFRAC_MODEL_RATE_EQD2, 10.6, &k), RTFRAC_OK);
    assert_rel(k, 0.69 * (1.0 + 2.0 / 10.6), 1e-15);
    assert_int_equal(rtfrac_model_rate_from_bed(k, RTFRAC_MODEL_RATE_EQD2, 10.6, &back), RTFRAC_OK);
    assert_rel(back, 0.69, 1e-15);
    /* Pedicini 2015: the published EQD2 rate and the BED rate of its alpha and Td */
    double k_bed = ln2 / (0.24 * 3.5);
    assert_rel(k_bed, 0.825, 0.001);
    assert_rel(k, k_bed, 0.007);
    assert_int_equal(rtfrac_model_rate_from_bed(k_bed, RTFRAC_MODEL_RATE_EQD2, 10.6, &back), RTFRAC_OK);
    /* 0.25 % apart: the abstract rounds beta to 0.023 /Gy^2, alpha / 10.6 is 0.0226 */
    assert_rel(back, ln2 / ((0.24 + 2.0 * 0.023) * 3.5), 0.003);
    assert_rel(back, 0.69, 0.007);
    /* Pedicini 2014 */
    assert_int_equal(rtfrac_model_rate_to_bed(0.30, RTFRAC_MODEL_RATE_EQD2, 8.0, &k), RTFRAC_OK);
    assert_rel(k, 0.375, 1e-15);
    assert_rel(k, ln2 / (0.12 * 15.4), 0.001);
    assert_int_equal(rtfrac_model_rate_from_bed(ln2 / (0.12 * 15.4), RTFRAC_MODEL_RATE_EQD2, 8.0, &back), RTFRAC_OK);
    assert_rel(back, 0.30, 0.001);
    /* Withers 1988 */
    assert_int_equal(rtfrac_model_rate_to_bed(0.6, RTFRAC_MODEL_RATE_EQD2, 10.0, &k), RTFRAC_OK);
    assert_rel(k, 0.72, 1e-15);
    assert_int_equal(rtfrac_model_rate_from_bed(0.72, RTFRAC_MODEL_RATE_EQD2, 10.0, &back), RTFRAC_OK);
    assert_rel(back, 0.6, 1e-15);
    /* a BED rate is unchanged; bad alpha/beta refused */
    assert_int_equal(rtfrac_model_rate_to_bed(0.9, RTFRAC_MODEL_RATE_BED, 10.0, &k), RTFRAC_OK);
    assert_rel(k, 0.9, 0.0);
    assert_int_equal(rtfrac_model_rate_to_bed(0.9, RTFRAC_MODEL_RATE_EQD2, 0.0, &k), RTFRAC_EDOM);
    assert_int_equal(rtfrac_model_rate_to_bed(NAN, RTFRAC_MODEL_RATE_BED, 10.0, &k), RTFRAC_EDOM);
    assert_rel(k, 0.9, 0.0); /* untouched on error */
    /* the time correction with K so converted: 70/35 at hn-scc, T 46 d, Tk 19.2 d, loses
     * 0.69 x 26.8 = 18.492 Gy of EQD2 (EQD2 with time 51.508 Gy) */
    rtfrac_model m;
    rtfrac_effect e;
    rtfrac_model_init(&m);
    m.time = 1;
    m.tk_days = 19.2;
    assert_int_equal(rtfrac_model_rate_to_bed(0.69, RTFRAC_MODEL_RATE_EQD2, 10.6, &m.dprolif_gy_per_day), RTFRAC_OK);
    assert_int_equal(rtfrac_model_effect(&m, 70.0, 35, 10.6, &e), RTFRAC_OK);
    assert_rel(e.eqd2_gy, 70.0 - 0.69 * 26.8, 1e-12);
}

static void test_rate_parse(void **state)
{
    (void)state;
    static const struct { const char *text; double rate; rtfrac_model_rate_unit unit; } good[] = {
        { "0.69 Gy EQD2/d", 0.69, RTFRAC_MODEL_RATE_EQD2 }, { "0.69GyEQD2/d", 0.69, RTFRAC_MODEL_RATE_EQD2 },
        { "0.825 Gy BED/d", 0.825, RTFRAC_MODEL_RATE_BED }, { "0.825GyBED/d", 0.825, RTFRAC_MODEL_RATE_BED },
        { " 0.6 gy eqd2/day ", 0.6, RTFRAC_MODEL_RATE_EQD2 }, { "1.8 Gy BED/day", 1.8, RTFRAC_MODEL_RATE_BED },
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        double v = 0.0;
        rtfrac_model_rate_unit u = RTFRAC_MODEL_RATE_BED;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        assert_int_equal(rtfrac_model_rate_parse(good[i].text, &v, &u, &d), RTFRAC_OK);
        assert_rel(v, good[i].rate, 0.0);
        assert_int_equal(u, good[i].unit);
    }
    static const struct { const char *text, *contains; } bad[] = {
        { "0.69", "a repopulation rate without its unit is ambiguous" },
        { "0.69 Gy/d", "'Gy/d' does not say whether the rate is BED or EQD2 per day" },
        { "0.69 Gy/day", "'Gy/d' does not say" },
        { "0.69 Gy", "without its unit" },
        { "69 cGy EQD2/d", "Gy only" },
        { "0.69 Sv/d", "unknown unit" },
        { "Gy EQD2/d", "no number before the unit" },
        { "0.6.9 Gy EQD2/d", "" },
        { "", "without its unit" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        double v = 7.0;
        rtfrac_model_rate_unit u = RTFRAC_MODEL_RATE_EQD2;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        assert_int_equal(rtfrac_model_rate_parse(bad[i].text, &v, &u, &d), RTFRAC_EPARSE);
        assert_non_null(strstr(d.message, bad[i].contains));
        assert_rel(v, 7.0, 0.0);
        assert_int_equal(u, RTFRAC_MODEL_RATE_EQD2);
    }
    /* the message gives both accepted spellings */
    rtfrac_diag d;
    double v;
    rtfrac_model_rate_unit u;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_model_rate_parse("0.69", &v, &u, &d), RTFRAC_EPARSE);
    assert_non_null(strstr(d.message, "'0.69 Gy EQD2/d'"));
    assert_non_null(strstr(d.message, "'0.825 Gy BED/d'"));
    /* the interval form leaves K:L:H to the caller */
    size_t n = 0;
    assert_int_equal(rtfrac_model_rate_unit_split("0.69:0.52:0.86 Gy EQD2/d", &n, &u, &d), RTFRAC_OK);
    assert_int_equal(n, strlen("0.69:0.52:0.86"));
    assert_int_equal(u, RTFRAC_MODEL_RATE_EQD2);
    assert_string_equal(rtfrac_model_rate_unit_name(RTFRAC_MODEL_RATE_EQD2), "Gy EQD2/d");
    assert_string_equal(rtfrac_model_rate_unit_name(RTFRAC_MODEL_RATE_BED), "Gy BED/d");
    assert_int_equal(rtfrac_model_rate_unit_parse("gy bed/d", &u), RTFRAC_OK);
    assert_int_equal(u, RTFRAC_MODEL_RATE_BED);
    assert_int_equal(rtfrac_model_rate_unit_parse("Gy/d", &u), RTFRAC_EINVAL);
}

static void test_model_domain_errors(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_effect e;
    rtfrac_model_init(&m);
    assert_int_equal(rtfrac_model_effect(&m, 60.0, 0, 3.0, &e), RTFRAC_EDOM);
    assert_int_equal(rtfrac_model_effect(&m, 60.0, 30, 0.0, &e), RTFRAC_EDOM);
    assert_int_equal(rtfrac_model_effect(&m, NAN, 30, 3.0, &e), RTFRAC_EDOM);
    m.repair = 1; /* no half-time */
    assert_int_equal(rtfrac_model_effect(&m, 60.0, 30, 3.0, &e), RTFRAC_EDOM);
    rtfrac_model_init(&m);
    m.time = 1;
    m.dprolif_gy_per_day = -1.0;
    assert_int_equal(rtfrac_model_effect(&m, 60.0, 30, 3.0, &e), RTFRAC_EDOM);
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 6.0;
    m.repair = 1;
    m.repair_half_time_h = 1.5;
    rtfrac_diag why;
    rtfrac_diag_clear(&why);
    assert_int_equal(rtfrac_model_check(&m, &why), RTFRAC_EDOM);
    assert_non_null(strstr(why.message, "LQ model only"));
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar_weekdays),
        cmocka_unit_test(test_calendar_several_a_day),
        cmocka_unit_test(test_calendar_errors),
        cmocka_unit_test(test_time_correction),
        cmocka_unit_test(test_repopulation_exceeds_dose),
        cmocka_unit_test(test_incomplete_repair),
        cmocka_unit_test(test_lql),
        cmocka_unit_test(test_usc),
        cmocka_unit_test(test_solve_substitution),
        cmocka_unit_test(test_interval_ends),
        cmocka_unit_test(test_monte_carlo),
        cmocka_unit_test(test_monte_carlo_selection),
        cmocka_unit_test(test_convert_dose),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_model_domain_errors),
        cmocka_unit_test(test_rate_units),
        cmocka_unit_test(test_rate_parse),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
