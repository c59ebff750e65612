/* Unit tests of the iso-effect module (include/rtfrac/iso.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <float.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define REL 1e-12

/* Constraint conversion under plain LQ: rtfrac_model_convert_dose with an
 * LQ model (iso.h once had a plain-LQ copy of it). */
static int convert_lq(double dose_gy, unsigned long stated_fractions, double stated_dpf_gy,
                      double ab_gy, unsigned long fractions, double *converted_gy, double *bed_gy)
{
    rtfrac_model lq;
    rtfrac_model_init(&lq);
    return rtfrac_model_convert_dose(&lq, dose_gy, stated_fractions, stated_dpf_gy, ab_gy, fractions,
                                     converted_gy, bed_gy);
}

static double bed(double D, double d, double ab)
{
    double out = -1.0;
    assert_int_equal(rtfrac_lq_bed(D, d, ab, &out), RTFRAC_OK);
    return out;
}

static rtfrac_crossover cross(double Da, double da, double Db, double db)
{
    rtfrac_crossover c = { RTFRAC_CROSS_IDENTICAL, -1.0, 99 };
    assert_int_equal(rtfrac_iso_crossover(Da, da, Db, db, &c), RTFRAC_OK);
    return c;
}

/* Sign of BED_A - BED_B at alpha/beta ab: +1, -1 or 0. */
static int bed_sign(double Da, double da, double Db, double db, double ab)
{
    double a = bed(Da, da, ab), b = bed(Db, db, ab);
    return a > b ? 1 : (a < b ? -1 : 0);
}

/* Arcangeli S et al., Int J Radiat Oncol Biol Phys 2012;84(5):1172-1178
 * ("Updated results and patterns of failure in a randomized hypofractionation
 * trial for high-risk prostate cancer"): 80 Gy at 2 Gy per fraction and 62 Gy
 * at 3.1 Gy per fraction were "hypothesized to be isoeffective ... assuming a
 * fairly low alpha/beta ratio of 1.5-1.8 Gy". */
static void test_arcangeli_2012_crossover(void **state)
{
    (void)state;
    rtfrac_crossover c = cross(80.0, 2.0, 62.0, 3.1);
    assert_int_equal(c.kind, RTFRAC_CROSS_AT);
    assert_true(c.alpha_beta_gy >= 1.5 && c.alpha_beta_gy <= 1.8);
    /* closed form: (D_B d_B - D_A d_A) / (D_A - D_B) = 1.7888... */
    assert_rel(c.alpha_beta_gy, (62.0 * 3.1 - 80.0 * 2.0) / (80.0 - 62.0), REL);
    /* B, the hypofractionated arm, has the higher BED below the crossover */
    assert_int_equal(c.a_higher_below, -1);
    /* substitution: both schedules have the same BED there */
    assert_rel(bed(80.0, 2.0, c.alpha_beta_gy), bed(62.0, 3.1, c.alpha_beta_gy), REL);
}

/* 60 Gy/30 (d = 2) against 54 Gy/3 (d = 18): closed form
 * (54*18 - 60*2) / (60 - 54) = 142 Gy. */
static void test_crossover_sbrt_vs_conventional(void **state)
{
    (void)state;
    rtfrac_crossover c = cross(60.0, 2.0, 54.0, 18.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_AT);
    assert_rel(c.alpha_beta_gy, (54.0 * 18.0 - 60.0 * 2.0) / (60.0 - 54.0), REL);
    assert_rel(c.alpha_beta_gy, 142.0, REL);
    assert_int_equal(c.a_higher_below, -1);
    assert_rel(bed(60.0, 2.0, c.alpha_beta_gy), bed(54.0, 18.0, c.alpha_beta_gy), REL);
}

/* Swapping A and B keeps the crossover and flips the sign. */
static void test_crossover_swap_symmetry(void **state)
{
    (void)state;
    rtfrac_crossover ab = cross(47.7, 2.385, 36.25, 7.25);
    rtfrac_crossover ba = cross(36.25, 7.25, 47.7, 2.385);
    assert_int_equal(ab.kind, RTFRAC_CROSS_AT);
    assert_int_equal(ba.kind, RTFRAC_CROSS_AT);
    assert_rel(ab.alpha_beta_gy, (36.25 * 7.25 - 47.7 * 2.385) / (47.7 - 36.25), REL);
    assert_rel(ba.alpha_beta_gy, ab.alpha_beta_gy, REL);
    assert_int_equal(ab.a_higher_below, -1);
    assert_int_equal(ba.a_higher_below, 1);
    rtfrac_crossover c = cross(54.0, 18.0, 60.0, 2.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_AT);
    assert_rel(c.alpha_beta_gy, 142.0, REL);
    assert_int_equal(c.a_higher_below, 1);
}

/* a_higher_below means what it says: evaluate the BEDs either side. */
static void test_crossover_direction_by_evaluation(void **state)
{
    (void)state;
    const double Da[] = { 80.0, 60.0, 47.7, 54.0, 61.2 };
    const double da[] = { 2.0, 2.0, 2.385, 18.0, 3.6 };
    const double Db[] = { 62.0, 54.0, 36.25, 60.0, 70.3 };
    const double db[] = { 3.1, 18.0, 7.25, 2.0, 1.85 };
    for (size_t i = 0; i < sizeof(Da) / sizeof(Da[0]); i++) {
        rtfrac_crossover c = cross(Da[i], da[i], Db[i], db[i]);
        assert_int_equal(c.kind, RTFRAC_CROSS_AT);
        assert_true(c.alpha_beta_gy > 0.0);
        assert_int_equal(bed_sign(Da[i], da[i], Db[i], db[i], 0.5 * c.alpha_beta_gy),
                         c.a_higher_below);
        assert_int_equal(bed_sign(Da[i], da[i], Db[i], db[i], 2.0 * c.alpha_beta_gy),
                         -c.a_higher_below);
    }
}

static void test_crossover_identical(void **state)
{
    (void)state;
    rtfrac_crossover c = cross(60.0, 2.0, 60.0, 2.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_IDENTICAL);
    assert_int_equal(c.a_higher_below, 0);
    /* agreement to 1e-14 relative counts as identical */
    c = cross(60.0, 2.0, 60.0 * (1.0 + 1e-14), 2.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_IDENTICAL);
    assert_int_equal(c.a_higher_below, 0);
    c = cross(47.7, 2.385 * (1.0 + 1e-14), 47.7, 2.385);
    assert_int_equal(c.kind, RTFRAC_CROSS_IDENTICAL);
    assert_int_equal(c.a_higher_below, 0);
}

static void test_crossover_never(void **state)
{
    (void)state;
    /* same total, larger dose per fraction in B: B higher everywhere */
    rtfrac_crossover c = cross(60.0, 2.0, 60.0, 3.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_NEVER);
    assert_int_equal(c.a_higher_below, -1);
    /* the formula gives a negative alpha/beta, (60*2 - 70*2.5)/(70 - 60) =
     * -5.5 Gy: A = 70 Gy @ 2.5 is higher at every alpha/beta */
    c = cross(70.0, 2.5, 60.0, 2.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_NEVER);
    assert_int_equal(c.a_higher_below, 1);
    /* and swapped */
    c = cross(60.0, 2.0, 70.0, 2.5);
    assert_int_equal(c.kind, RTFRAC_CROSS_NEVER);
    assert_int_equal(c.a_higher_below, -1);
    /* same D d, different totals: BED_A - BED_B = D_A - D_B */
    c = cross(60.0, 3.0, 90.0, 2.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_NEVER);
    assert_int_equal(c.a_higher_below, -1);
}

/* NEVER: the reported side has the higher BED over a wide alpha/beta range. */
static void test_crossover_never_by_evaluation(void **state)
{
    (void)state;
    const double Da[] = { 60.0, 70.0, 60.0, 61.2, 47.7 };
    const double da[] = { 2.0, 2.5, 3.0, 3.6, 2.385 };
    const double Db[] = { 60.0, 60.0, 90.0, 50.0, 60.0 * 2.385 / 2.0 };
    const double db[] = { 3.0, 2.0, 2.0, 1.85, 2.0 };
    for (size_t i = 0; i < sizeof(Da) / sizeof(Da[0]); i++) {
        rtfrac_crossover c = cross(Da[i], da[i], Db[i], db[i]);
        assert_int_equal(c.kind, RTFRAC_CROSS_NEVER);
        for (double ab = 0.05; ab < 1e4; ab *= 1.7)
            assert_int_equal(bed_sign(Da[i], da[i], Db[i], db[i], ab), c.a_higher_below);
    }
}

/* Distinct schedules just outside the identity tolerance are not identical:
 * 1e-9 relative more dose at the same dose per fraction is higher everywhere. */
static void test_crossover_near_identical(void **state)
{
    (void)state;
    rtfrac_crossover c = cross(60.0, 2.0, 60.0 * (1.0 + 1e-9), 2.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_NEVER);
    assert_int_equal(c.a_higher_below, -1);
    c = cross(60.0 * (1.0 + 1e-9), 2.0, 60.0, 2.0);
    assert_int_equal(c.kind, RTFRAC_CROSS_NEVER);
    assert_int_equal(c.a_higher_below, 1);
}

static void test_crossover_domain_errors(void **state)
{
    (void)state;
    rtfrac_crossover c = { RTFRAC_CROSS_AT, 42.0, 7 };
    assert_int_equal(rtfrac_iso_crossover(0.0, 2.0, 60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 0.0, 60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 2.0, 0.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 2.0, 60.0, 0.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(-60.0, 2.0, 60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, -2.0, 60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 2.0, -60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 2.0, 60.0, -3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(NAN, 2.0, 60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, NAN, 60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 2.0, NAN, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 2.0, 60.0, NAN, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(INFINITY, 2.0, 60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, INFINITY, 60.0, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 2.0, INFINITY, 3.0, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_crossover(60.0, 2.0, 60.0, -INFINITY, &c), RTFRAC_EDOM);
    /* untouched on error */
    assert_int_equal(c.kind, RTFRAC_CROSS_AT);
    assert_rel(c.alpha_beta_gy, 42.0, 0.0);
    assert_int_equal(c.a_higher_below, 7);
}

/* BED = EQDX (1 + X/(a/b)), closed form with unround inputs. */
static void test_bed_from_eqdx_closed_form(void **state)
{
    (void)state;
    double b = -1.0;
    assert_int_equal(rtfrac_iso_bed_from_eqdx(74.0, 2.385, 2.0, &b), RTFRAC_OK);
    assert_rel(b, 74.0 * (1.0 + 2.0 / 2.385), REL);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(85.3, 1.5, 1.8, &b), RTFRAC_OK);
    assert_rel(b, 85.3 * (1.0 + 1.8 / 1.5), REL);
    /* X = 0: EQD0 is the BED itself */
    assert_int_equal(rtfrac_iso_bed_from_eqdx(93.1, 2.385, 0.0, &b), RTFRAC_OK);
    assert_rel(b, 93.1, REL);
    /* EQDX may be negative (header: finite) */
    assert_int_equal(rtfrac_iso_bed_from_eqdx(-12.7, 3.0, 2.0, &b), RTFRAC_OK);
    assert_rel(b, -12.7 * (1.0 + 2.0 / 3.0), REL);
}

/* Round trip with rtfrac_lq_eqdx in both directions. */
static void test_bed_from_eqdx_round_trip(void **state)
{
    (void)state;
    const double eq[] = { 74.0, 47.7, 0.37, 151.2, 28.19 };
    const double ab[] = { 2.385, 10.0, 1.55, 0.83, 2.7 };
    const double x[] = { 2.0, 1.8, 0.0, 3.6, 2.385 };
    for (size_t i = 0; i < sizeof(eq) / sizeof(eq[0]); i++) {
        double b = 0.0, e = 0.0;
        assert_int_equal(rtfrac_iso_bed_from_eqdx(eq[i], ab[i], x[i], &b), RTFRAC_OK);
        assert_int_equal(rtfrac_lq_eqdx(b, ab[i], x[i], &e), RTFRAC_OK);
        assert_rel(e, eq[i], REL);
        /* and the other way: BED -> EQDX -> BED */
        double b0 = bed(47.7, 2.385, ab[i]);
        assert_int_equal(rtfrac_lq_eqdx(b0, ab[i], x[i], &e), RTFRAC_OK);
        assert_int_equal(rtfrac_iso_bed_from_eqdx(e, ab[i], x[i], &b), RTFRAC_OK);
        assert_rel(b, b0, REL);
    }
}

static void test_bed_from_eqdx_errors(void **state)
{
    (void)state;
    double out = 42.0;
    assert_int_equal(rtfrac_iso_bed_from_eqdx(74.0, 0.0, 2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(74.0, -2.385, 2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(74.0, NAN, 2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(74.0, INFINITY, 2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(74.0, 2.385, -2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(74.0, 2.385, NAN, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(74.0, 2.385, INFINITY, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(NAN, 2.385, 2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(INFINITY, 2.385, 2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_bed_from_eqdx(DBL_MAX, 1e-300, 1.0, &out), RTFRAC_ERANGE);
    assert_rel(out, 42.0, 0.0); /* untouched on error */
}

/* Hoffman KE et al. J Clin Oncol 2018;36(29):2943-2949, abstract: 72 Gy in
 * 2.4 Gy fractions is "biologically equivalent to 85 Gy in 1.8-Gy fractions
 * assuming prostate cancer alpha-to-beta ratio of 1.5". */
static void test_hoffman_2018_fractions_for_bed(void **state)
{
    (void)state;
    double b = bed(72.0, 2.4, 1.5), n = 0.0;
    assert_int_equal(rtfrac_iso_fractions_for_bed(b, 1.8, 1.5, &n), RTFRAC_OK);
    assert_abs(n * 1.8, 85.0, 0.5);
    /* closed form: D (d + a/b) / (X + a/b) */
    assert_rel(n * 1.8, 72.0 * (2.4 + 1.5) / (1.8 + 1.5), REL);
}

/* n d (1 + d/(a/b)) reproduces the BED (substitution), unround inputs. */
static void test_fractions_for_bed_substitution(void **state)
{
    (void)state;
    const double beds[] = { 93.1, 72.0, 0.001, 151.2, 1e4 };
    const double d[] = { 2.385, 2.0, 0.37, 7.25, 18.0 };
    const double ab[] = { 3.7, 10.0, 2.385, 1.55, 0.83 };
    for (size_t i = 0; i < sizeof(beds) / sizeof(beds[0]); i++) {
        double n = 0.0;
        assert_int_equal(rtfrac_iso_fractions_for_bed(beds[i], d[i], ab[i], &n), RTFRAC_OK);
        assert_rel(n * d[i] * (1.0 + d[i] / ab[i]), beds[i], REL);
        assert_rel(bed(n * d[i], d[i], ab[i]), beds[i], REL);
    }
    /* a whole number of fractions comes back whole: 60 Gy/30 at a/b 10 */
    double n = 0.0;
    assert_int_equal(rtfrac_iso_fractions_for_bed(bed(60.0, 2.0, 10.0), 2.0, 10.0, &n),
                     RTFRAC_OK);
    assert_rel(n, 30.0, REL);
}

static void test_fractions_for_bed_errors(void **state)
{
    (void)state;
    double out = 42.0;
    assert_int_equal(rtfrac_iso_fractions_for_bed(0.0, 2.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(-93.1, 2.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(93.1, 0.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(93.1, -2.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(93.1, 2.0, 0.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(93.1, 2.0, -3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(NAN, 2.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(93.1, NAN, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(93.1, 2.0, NAN, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(INFINITY, 2.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(93.1, INFINITY, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(93.1, 2.0, INFINITY, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_fractions_for_bed(DBL_MAX, 1e-300, 1.0, &out),
                     RTFRAC_ERANGE);
    assert_rel(out, 42.0, 0.0); /* untouched on error */
}

/* The organ at risk at ratio * d per fraction over n fractions sits exactly
 * at its BED limit (substitution), unround inputs. */
static void test_limit_dose_per_fraction_substitution(void **state)
{
    (void)state;
    const double limit[] = { 100.0, 93.1, 0.37, 151.2, 72.0 };
    const unsigned long n[] = { 5, 20, 1, 3, 30 };
    const double ratio[] = { 0.85, 1.07, 0.3, 10.0, 0.642 };
    const double ab[] = { 3.0, 2.385, 1.55, 10.0, 0.83 };
    for (size_t i = 0; i < sizeof(limit) / sizeof(limit[0]); i++) {
        double d = 0.0;
        assert_int_equal(rtfrac_iso_limit_dose_per_fraction(limit[i], n[i], ratio[i], ab[i], &d),
                         RTFRAC_OK);
        assert_true(d > 0.0);
        double od = ratio[i] * d;
        assert_rel(bed(od * (double)n[i], od, ab[i]), limit[i], REL);
    }
}

/* With ratio 1 the prescription and the organ at risk coincide. */
static void test_limit_dose_per_fraction_ratio_one(void **state)
{
    (void)state;
    double d = 0.0, e = 0.0;
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(93.1, 17, 1.0, 2.385, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_dose_per_fraction_for_bed(93.1, 17, 2.385, &e), RTFRAC_OK);
    assert_rel(d, e, REL);
    /* and scales as 1/ratio */
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(93.1, 17, 1.27, 2.385, &d), RTFRAC_OK);
    assert_rel(d, e / 1.27, REL);
}

static void test_limit_dose_per_fraction_errors(void **state)
{
    (void)state;
    double out = 42.0;
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(100.0, 5, 0.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(100.0, 5, -0.5, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(100.0, 5, 10.01, 3.0, &out),
                     RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(100.0, 5, NAN, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(100.0, 0, 0.85, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(0.0, 5, 0.85, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(-100.0, 5, 0.85, 3.0, &out),
                     RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(NAN, 5, 0.85, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(INFINITY, 5, 0.85, 3.0, &out),
                     RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(100.0, 5, 0.85, 0.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_iso_limit_dose_per_fraction(100.0, 5, 0.85, NAN, &out), RTFRAC_EDOM);
    assert_rel(out, 42.0, 0.0); /* untouched on error */
}

/* Brunt AM et al. (FAST trial, 10-year results), J Clin Oncol
 * 2020;38(28):3261-3272, abstract: with alpha/beta 2.7 Gy (95% CI 1.5 to
 * 3.9 Gy) the 5-fraction dose isoeffective with 50 Gy in 25 fractions is
 * 28 Gy (26 to 30 Gy); printed to the whole Gy. */
static void test_brunt_2020_convert_dose(void **state)
{
    (void)state;
    double D = 0.0, b = 0.0;
    assert_int_equal(convert_lq(50.0, 25, 0.0, 2.7, 5, &D, &b), RTFRAC_OK);
    assert_abs(D, 28.0, 0.5);
    assert_rel(b, bed(50.0, 2.0, 2.7), REL);
    assert_int_equal(convert_lq(50.0, 25, 0.0, 1.5, 5, &D, &b), RTFRAC_OK);
    assert_abs(D, 26.0, 0.5);
    assert_int_equal(convert_lq(50.0, 25, 0.0, 3.9, 5, &D, &b), RTFRAC_OK);
    assert_abs(D, 30.0, 0.5);
}

/* A stated dose per fraction gives the same answer as stated fractions. */
static void test_convert_dose_stated_dose_per_fraction(void **state)
{
    (void)state;
    const double abs_[] = { 1.5, 2.7, 3.9, 2.385 };
    for (size_t i = 0; i < sizeof(abs_) / sizeof(abs_[0]); i++) {
        double D1 = 0.0, D2 = 0.0, b1 = 0.0, b2 = 0.0;
        assert_int_equal(convert_lq(50.0, 25, 0.0, abs_[i], 5, &D1, &b1),
                         RTFRAC_OK);
        assert_int_equal(convert_lq(50.0, 0, 2.0, abs_[i], 5, &D2, &b2),
                         RTFRAC_OK);
        assert_rel(D2, D1, REL);
        assert_rel(b2, b1, REL);
    }
}

/* The converted dose in n fractions has the stated BED (substitution), and
 * converting to the same fractionation returns the input. */
static void test_convert_dose_substitution_and_identity(void **state)
{
    (void)state;
    double D = 0.0, b = 0.0;
    assert_int_equal(convert_lq(50.0, 25, 0.0, 2.7, 5, &D, &b), RTFRAC_OK);
    assert_rel(bed(D, D / 5.0, 2.7), b, REL);
    assert_int_equal(convert_lq(47.7, 0, 2.385, 3.7, 7, &D, &b), RTFRAC_OK);
    assert_rel(b, bed(47.7, 2.385, 3.7), REL);
    assert_rel(bed(D, D / 7.0, 3.7), b, REL);
    /* same fractionation: the input dose comes back */
    assert_int_equal(convert_lq(47.7, 20, 0.0, 2.385, 20, &D, &b), RTFRAC_OK);
    assert_rel(D, 47.7, REL);
    assert_int_equal(convert_lq(47.7, 0, 2.385, 1.55, 20, &D, &b), RTFRAC_OK);
    assert_rel(D, 47.7, REL);
    assert_int_equal(convert_lq(36.25, 5, 0.0, 10.0, 5, &D, NULL), RTFRAC_OK);
    assert_rel(D, 36.25, REL);
    /* both outputs may be NULL */
    assert_int_equal(convert_lq(36.25, 5, 0.0, 10.0, 5, NULL, &b), RTFRAC_OK);
    assert_rel(b, bed(36.25, 7.25, 10.0), REL);
    assert_int_equal(convert_lq(36.25, 5, 0.0, 10.0, 5, NULL, NULL), RTFRAC_OK);
}

static void test_convert_dose_errors(void **state)
{
    (void)state;
    double D = 42.0, b = 43.0;
    /* both or neither stated fractionation */
    assert_int_equal(convert_lq(50.0, 25, 2.0, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(50.0, 0, 0.0, 2.7, 5, &D, &b), RTFRAC_EDOM);
    /* dose */
    assert_int_equal(convert_lq(0.0, 25, 0.0, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(-50.0, 25, 0.0, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(NAN, 25, 0.0, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(INFINITY, 25, 0.0, 2.7, 5, &D, &b), RTFRAC_EDOM);
    /* fractions */
    assert_int_equal(convert_lq(50.0, 25, 0.0, 2.7, 0, &D, &b), RTFRAC_EDOM);
    /* alpha/beta */
    assert_int_equal(convert_lq(50.0, 25, 0.0, 0.0, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(50.0, 25, 0.0, -2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(50.0, 25, 0.0, NAN, 5, &D, &b), RTFRAC_EDOM);
    /* stated dose per fraction */
    assert_int_equal(convert_lq(50.0, 0, -2.0, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(50.0, 0, NAN, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(50.0, 0, INFINITY, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(50.0, 25, NAN, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_int_equal(convert_lq(50.0, 25, -2.0, 2.7, 5, &D, &b), RTFRAC_EDOM);
    assert_rel(D, 42.0, 0.0); /* untouched on error */
    assert_rel(b, 43.0, 0.0);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arcangeli_2012_crossover),
        cmocka_unit_test(test_crossover_sbrt_vs_conventional),
        cmocka_unit_test(test_crossover_swap_symmetry),
        cmocka_unit_test(test_crossover_direction_by_evaluation),
        cmocka_unit_test(test_crossover_identical),
        cmocka_unit_test(test_crossover_never),
        cmocka_unit_test(test_crossover_never_by_evaluation),
        cmocka_unit_test(test_crossover_near_identical),
        cmocka_unit_test(test_crossover_domain_errors),
        cmocka_unit_test(test_bed_from_eqdx_closed_form),
        cmocka_unit_test(test_bed_from_eqdx_round_trip),
        cmocka_unit_test(test_bed_from_eqdx_errors),
        cmocka_unit_test(test_hoffman_2018_fractions_for_bed),
        cmocka_unit_test(test_fractions_for_bed_substitution),
        cmocka_unit_test(test_fractions_for_bed_errors),
        cmocka_unit_test(test_limit_dose_per_fraction_substitution),
        cmocka_unit_test(test_limit_dose_per_fraction_ratio_one),
        cmocka_unit_test(test_limit_dose_per_fraction_errors),
        cmocka_unit_test(test_brunt_2020_convert_dose),
        cmocka_unit_test(test_convert_dose_stated_dose_per_fraction),
        cmocka_unit_test(test_convert_dose_substitution_and_identity),
        cmocka_unit_test(test_convert_dose_errors),
    };
    return cmocka_run_group_tests_name("iso", tests, NULL, NULL);
}
