/* Tests of the one rule that builds each row's model (rtfrac/row.h).
 * Every expected value is computed independently in the comment above it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>
#include <rtfrac/row.h>

#define REL 1e-12

static rtfrac_tissue tissue(const char *id, rtfrac_tissue_kind kind, double ab)
{
    rtfrac_tissue t;
    memset(&t, 0, sizeof(t));
    snprintf(t.id, sizeof(t.id), "%s", id);
    t.name = id;
    t.source = "test";
    t.endpoint = "";
    t.kind = kind;
    t.alpha_beta_gy = ab;
    return t;
}

static rtfrac_row_input given(double ab)
{
    rtfrac_row_input in;
    memset(&in, 0, sizeof(in));
    in.ab_from = RTFRAC_ROW_AB_GIVEN;
    in.alpha_beta_gy = ab;
    return in;
}

static rtfrac_row resolve_ok(const rtfrac_row_options *o, const rtfrac_row_input *in)
{
    rtfrac_row r;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    int rc = rtfrac_row_resolve(o, in, &r, &d);
    if (rc != RTFRAC_OK)
        print_error("rtfrac_row_resolve: %s\n", d.message);
    assert_int_equal(rc, RTFRAC_OK);
    return r;
}

static rtfrac_effect effect(const rtfrac_row *r, double total, unsigned long n)
{
    rtfrac_effect e;
    assert_int_equal(rtfrac_model_effect(&r->model, total, n, r->alpha_beta_gy, &e), RTFRAC_OK);
    return e;
}

static void time_options(rtfrac_row_options *o, double tk, double k)
{
    rtfrac_row_options_init(o);
    o->time = 1;
    o->has_tk = 1;
    o->tk_days = tk;
    o->has_dprolif = 1;
    o->dprolif_rate_gy_per_day = k;
    o->dprolif_unit = RTFRAC_MODEL_RATE_BED;
}

/* CHART: 54 Gy in 36 fractions, three a day 6 h apart on 12 consecutive
 * days (Saunders M et al., Lancet 1997;350:161-165): T = 11 days, below
 * any kick-off time of head-and-neck cancer (Tk 19.2 d, Pedicini 2015), so
 * no repopulation.  Without the scheme's calendar rtfrac once took 5 a
 * week, T = 49 d and a loss of 0.69 (49 - 19.2) = 20.6 Gy. */
static void test_scheme_calendar_wins_over_default(void **state)
{
    (void)state;
    rtfrac_row_options o;
    time_options(&o, 19.2, 0.69);
    rtfrac_calendar chart = { 21, 3, 0, 6.0, 0, 0.0 };
    rtfrac_row_input in = given(10.0);
    in.schedule_calendar = &chart;
    in.schedule_calendar_has = RTFRAC_CALENDAR_HAS_PER_WEEK | RTFRAC_CALENDAR_HAS_PER_DAY |
                               RTFRAC_CALENDAR_HAS_INTERVAL;
    rtfrac_row r = resolve_ok(&o, &in);
    rtfrac_effect e = effect(&r, 54.0, 36);
    assert_rel(e.overall_time_days, 11.0, 0.0);
    assert_rel(e.repopulation_gy, 0.0, 0.0);
    /* no repair half-time known: complete repair, plain LQ: 54 (1 + 1.5/10) = 62.1 */
    assert_true(r.repair_complete_assumed);
    assert_rel(e.bed_gy, 62.1, REL);
    assert_int_equal(r.calendar_from_schedule, in.schedule_calendar_has);
    /* hypo-FLAME, 5 weekly fractions (Draulans C et al., Radiother Oncol
     * 2024;201:110568): Mondays of 5 weeks, T = 28 days */
    rtfrac_calendar weekly = { 1, 1, 0, 0.0, 0, 0.0 };
    in.schedule_calendar = &weekly;
    in.schedule_calendar_has = RTFRAC_CALENDAR_HAS_PER_WEEK;
    r = resolve_ok(&o, &in);
    e = effect(&r, 35.0, 5);
    assert_rel(e.overall_time_days, 28.0, 0.0);
    /* loss 0.69 (28 - 19.2) = 6.072 Gy off 35 (1 + 0.7) = 59.5 */
    assert_rel(e.bed_gy, 59.5 - 0.69 * 8.8, REL);
}

/* An explicit option wins over the preset, field by field: a plan of 5 a
 * week with --per-week 4 (Mon, Tue, Thu, Fri): 22 fractions end on the
 * Tuesday of week 6, T = 5 x 7 + 1 = 36 days. */
static void test_option_wins_over_preset(void **state)
{
    (void)state;
    rtfrac_row_options o;
    time_options(&o, 21.0, 0.5);
    o.calendar.per_week = 4;
    o.calendar_has = RTFRAC_CALENDAR_HAS_PER_WEEK;
    rtfrac_calendar plan = { 5, 1, 0, 0.0, 0, 0.0 };
    rtfrac_row_input in = given(10.0);
    in.schedule_calendar = &plan;
    in.schedule_calendar_has = RTFRAC_CALENDAR_HAS_PER_WEEK;
    rtfrac_row r = resolve_ok(&o, &in);
    rtfrac_effect e = effect(&r, 55.0, 22);
    assert_rel(e.overall_time_days, 36.0, 0.0);
    assert_int_equal(r.calendar_from_schedule, 0);
    /* 55 (1 + 0.25) - 0.5 (36 - 21) = 68.75 - 7.5 */
    assert_rel(e.bed_gy, 61.25, REL);
    /* options and preset that do not fit together are refused, not mixed */
    rtfrac_row_options o2;
    rtfrac_row_options_init(&o2);
    o2.calendar.per_day = 2;
    o2.calendar.interval_h = 6.0;
    o2.calendar_has = RTFRAC_CALENDAR_HAS_PER_DAY | RTFRAC_CALENDAR_HAS_INTERVAL;
    rtfrac_calendar chart = { 21, 3, 0, 6.0, 0, 0.0 };
    in.schedule_calendar = &chart;
    in.schedule_calendar_has = RTFRAC_CALENDAR_HAS_PER_WEEK | RTFRAC_CALENDAR_HAS_PER_DAY;
    rtfrac_row rr;
    rtfrac_diag d;
    assert_int_equal(rtfrac_row_resolve(&o2, &in, &rr, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "give --per-week, --per-day and --start that fit together"));
}

/* Late-responding rows get no repopulation from the options: the default
 * 3 Gy row and a late tissue preset.  70 Gy / 35 at 3 Gy: BED
 * 70 (1 + 2/3) = 116.67, EQD2 70 (once 56.50 with the tumour's K). */
static void test_late_rows_no_repopulation(void **state)
{
    (void)state;
    rtfrac_row_options o;
    time_options(&o, 21.0, 0.9);
    rtfrac_row_input in = given(3.0);
    in.ab_from = RTFRAC_ROW_AB_DEFAULT_LATE;
    rtfrac_row r = resolve_ok(&o, &in);
    assert_int_equal(r.time, RTFRAC_ROW_TIME_LATE_NONE);
    rtfrac_effect e = effect(&r, 70.0, 35);
    assert_rel(e.eqd2_gy, 70.0, REL);
    rtfrac_tissue rectum = tissue("rectum", RTFRAC_TISSUE_LATE, 3.0);
    in.ab_from = RTFRAC_ROW_AB_TISSUE;
    in.tissue = &rectum;
    r = resolve_ok(&o, &in);
    assert_int_equal(r.time, RTFRAC_ROW_TIME_LATE_NONE);
    assert_rel(effect(&r, 70.0, 35).eqd2_gy, 70.0, REL);
    /* an organ's typed alpha/beta (solve --limit) is late too */
    in = given(3.0);
    in.ab_from = RTFRAC_ROW_AB_GIVEN_LATE;
    r = resolve_ok(&o, &in);
    assert_int_equal(r.time, RTFRAC_ROW_TIME_LATE_NONE);
    /* the default 10 Gy row and a typed alpha/beta get it: T = 46 d,
     * 0.9 (46 - 21) = 22.5 off 84: 61.5, EQD2 61.5/1.2 = 51.25 */
    in.ab_from = RTFRAC_ROW_AB_DEFAULT_TUMOUR;
    in.alpha_beta_gy = 10.0;
    r = resolve_ok(&o, &in);
    assert_int_equal(r.time, RTFRAC_ROW_TIME_APPLIED);
    assert_rel(effect(&r, 70.0, 35).eqd2_gy, 51.25, REL);
    in.ab_from = RTFRAC_ROW_AB_GIVEN;
    r = resolve_ok(&o, &in);
    assert_rel(effect(&r, 70.0, 35).eqd2_gy, 51.25, REL);
}

/* A tumour tissue's own Tk and K apply when the options give none; the
 * options win over them when given; a row that needs them and has none
 * is refused. */
static void test_time_parameters_sources(void **state)
{
    (void)state;
    rtfrac_row_options o;
    rtfrac_row_options_init(&o);
    o.time = 1;
    rtfrac_tissue hn = tissue("hn-scc", RTFRAC_TISSUE_TUMOUR, 10.0);
    hn.has = RTFRAC_TISSUE_HAS_TK | RTFRAC_TISSUE_HAS_DPROLIF;
    hn.tk_days = 19.2;
    hn.dprolif_rate_gy_per_day = 0.69;
    hn.dprolif_unit = RTFRAC_MODEL_RATE_BED;
    rtfrac_row_input in;
    memset(&in, 0, sizeof(in));
    in.ab_from = RTFRAC_ROW_AB_TISSUE;
    in.tissue = &hn;
    in.alpha_beta_gy = 10.0;
    rtfrac_row r = resolve_ok(&o, &in);
    assert_rel(r.model.tk_days, 19.2, 0.0);
    assert_rel(r.model.dprolif_gy_per_day, 0.69, 0.0);
    /* the same rate in Gy EQD2/d: x (1 + 2/10) at the row's alpha/beta */
    hn.dprolif_unit = RTFRAC_MODEL_RATE_EQD2;
    r = resolve_ok(&o, &in);
    assert_rel(r.model.dprolif_gy_per_day, 0.69 * 1.2, REL);
    o.has_dprolif = 1;
    o.dprolif_rate_gy_per_day = 0.9;
    r = resolve_ok(&o, &in);
    assert_rel(r.model.dprolif_gy_per_day, 0.9, 0.0);
    assert_rel(r.model.tk_days, 19.2, 0.0);
    /* K from alpha and Tpot: ln 2 / (0.3 x 3) */
    rtfrac_row_options_init(&o);
    o.time = 1;
    o.has_tk = 1;
    o.tk_days = 21.0;
    o.has_tpot = 1;
    o.tpot_days = 3.0;
    o.has_alpha = 1;
    o.alpha_per_gy = 0.3;
    rtfrac_row_input g = given(10.0);
    r = resolve_ok(&o, &g);
    assert_rel(r.model.dprolif_gy_per_day, 0.69314718055994531 / 0.9, REL);
    /* missing K: refused */
    o.has_tpot = 0;
    rtfrac_diag d;
    assert_int_equal(rtfrac_row_resolve(&o, &g, &r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "needs Tk and K"));
    assert_non_null(strstr(d.message, "--tk"));
    /* a batch row's message names its columns, not calc's options */
    o.names_columns = 1;
    assert_int_equal(rtfrac_row_resolve(&o, &g, &r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "tk_days"));
    assert_non_null(strstr(d.message, "dprolif_gy_bed_per_day"));
    assert_null(strstr(d.message, "--"));
    o.names_columns = 0;
}

/* Incomplete repair where a half-time is known: CHART at 3 Gy with
 * T1/2 1.5 h: phi = 2^-(6/1.5) = 0.0625; a day is 3 d + (d^2/3)
 * (3 + 2 (2 phi + phi^2)) = 4.5 + 0.75 x 3.2578125 = 6.943359375 Gy,
 * 12 days 83.3203125 Gy (Thames HD, Int J Radiat Biol 1985;47:319-339). */
static void test_repair_from_option_or_tissue(void **state)
{
    (void)state;
    rtfrac_row_options o;
    rtfrac_row_options_init(&o);
    o.has_repair_half_time = 1;
    o.repair_half_time_h = 1.5;
    rtfrac_calendar chart = { 21, 3, 0, 6.0, 0, 0.0 };
    rtfrac_row_input in = given(3.0);
    in.schedule_calendar = &chart;
    in.schedule_calendar_has = RTFRAC_CALENDAR_HAS_PER_WEEK | RTFRAC_CALENDAR_HAS_PER_DAY |
                               RTFRAC_CALENDAR_HAS_INTERVAL;
    rtfrac_row r = resolve_ok(&o, &in);
    assert_true(r.model.repair);
    assert_rel(effect(&r, 54.0, 36).bed_gy, 83.3203125, REL);
    /* the tissue's half-time when the options give none */
    rtfrac_row_options_init(&o);
    rtfrac_tissue cord = tissue("spinal-cord", RTFRAC_TISSUE_LATE, 3.0);
    cord.has = RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME;
    cord.repair_half_time_h = 1.5;
    in.ab_from = RTFRAC_ROW_AB_TISSUE;
    in.tissue = &cord;
    r = resolve_ok(&o, &in);
    assert_rel(effect(&r, 54.0, 36).bed_gy, 83.3203125, REL);
    /* once a day: no repair term whatever the half-time */
    in.schedule_calendar = NULL;
    r = resolve_ok(&o, &in);
    assert_false(r.model.repair);
    assert_false(r.repair_complete_assumed);
}

/* USC (Park C et al., Int J Radiat Oncol Biol Phys 2008;70:847-852) with
 * the H460 parameters alpha 0.33 /Gy, D0 1.25 Gy, Dq 1.8 Gy: alpha D0 =
 * 0.4125; implied alpha/beta = 4 x 0.33 x 1.25 x 1.8 / 0.5875^2 =
 * 2.97 / 0.34515625 = 8.60479855 Gy; dT = 3.6 / 0.5875 = 6.12766 Gy. */
static void test_usc_implied_alpha_beta(void **state)
{
    (void)state;
    rtfrac_row_options o;
    rtfrac_row_options_init(&o);
    o.kind = RTFRAC_MODEL_USC;
    o.d0_gy = 1.25;
    o.dq_gy = 1.8;
    o.has_alpha = 1;
    o.alpha_per_gy = 0.33;
    rtfrac_row_input in;
    memset(&in, 0, sizeof(in));
    in.ab_from = RTFRAC_ROW_AB_USC;
    rtfrac_row r = resolve_ok(&o, &in);
    double ab = 2.97 / 0.34515625;
    assert_rel(r.alpha_beta_gy, ab, REL);
    /* BED below dT: 6 (1 + 6/ab) = 10.18371; above: (6.2 - 1.8)/0.4125 =
     * 10.6667: BED rises with the dose (it fell from 18 to 10.67 when the
     * user's 3 Gy was used below dT) */
    rtfrac_effect lo = effect(&r, 6.0, 1), hi = effect(&r, 6.2, 1);
    assert_rel(lo.bed_gy, 6.0 * (1.0 + 6.0 / ab), REL);
    assert_rel(hi.bed_gy, 4.4 / 0.4125, REL);
    assert_true(hi.bed_gy > lo.bed_gy);
    /* continuous at dT: dT (1 + dT/ab) = (dT - Dq)/(alpha D0) */
    double dt = 3.6 / 0.5875;
    rtfrac_effect at = effect(&r, dt, 1);
    assert_rel(at.bed_gy, (dt - 1.8) / 0.4125, 1e-12);
    /* a contradicting alpha/beta is refused with the implied value */
    in = given(3.0);
    rtfrac_diag d;
    assert_int_equal(rtfrac_row_resolve(&o, &in, &r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "8.605 Gy"));
    /* within 0.5 %: taken as the same, computed at the implied one */
    in = given(8.6);
    r = resolve_ok(&o, &in);
    assert_rel(r.alpha_beta_gy, ab, REL);
    /* solving for a BED of 10.2 Gy in 1 fraction returns a dose whose BED
     * is 10.2 (below dT: d = (ab/2)(sqrt(1 + 4 x 10.2/ab) - 1)) */
    double dpf = 0.0;
    assert_int_equal(rtfrac_model_solve_dose_per_fraction(&r.model, 10.2, 1, r.alpha_beta_gy, &dpf), RTFRAC_OK);
    assert_rel(dpf, ab / 2.0 * (sqrt(1.0 + 4.0 * 10.2 / ab) - 1.0), 1e-9);
}

/* EQDX with the same model for the reference fractions: LQ-L with dT 1.5 Gy
 * at alpha/beta 10: BED_f(2) = 1.5 (1 + 0.15) + (1 + 0.3)(0.5) = 2.375 Gy;
 * 30 x 2 Gy: BED 71.25, EQD2 71.25 x 2 / 2.375 = 60 (was 59.375 when the
 * reference used plain LQ); BED_f(1.8) = 1.725 + 1.3 x 0.3 = 2.115,
 * EQD1.8 = 71.25 x 1.8 / 2.115 = 60.638. */
static void test_eqdx_same_model(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 1.5;
    rtfrac_effect e;
    assert_int_equal(rtfrac_model_effect(&m, 60.0, 30, 10.0, &e), RTFRAC_OK);
    assert_rel(e.bed_gy, 71.25, REL);
    assert_rel(e.eqd2_gy, 60.0, REL);
    double x = 0.0, bed = 0.0;
    assert_int_equal(rtfrac_model_eqdx(&m, 71.25, 10.0, 1.8, &x), RTFRAC_OK);
    assert_rel(x, 71.25 * 1.8 / 2.115, REL);
    assert_int_equal(rtfrac_model_bed_from_eqdx(&m, 60.0, 10.0, 2.0, &bed), RTFRAC_OK);
    assert_rel(bed, 71.25, REL);
    /* plain LQ: the closed form BED / (1 + X/(a/b)) */
    rtfrac_model_init(&m);
    assert_int_equal(rtfrac_model_eqdx(&m, 100.0, 3.0, 2.0, &x), RTFRAC_OK);
    assert_rel(x, 60.0, REL);
    assert_int_equal(rtfrac_model_eqdx(&m, 100.0, 3.0, 0.0, &x), RTFRAC_EDOM);
}

/* Under USC BED grows strictly with the dose per fraction (issue 9, items 5
 * and 6): continuous at dT with the implied alpha/beta and increasing on
 * both sides, so every BED has exactly one dose per fraction, and the
 * solver's answer reproduces it by substitution on both sides of dT. */
static void test_usc_monotonic_unique_solution(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_USC;
    m.d0_gy = 1.25;
    m.dq_gy = 1.8;
    m.alpha_per_gy = 0.33;
    double ab = 2.97 / 0.34515625, prev = -1.0;
    for (double d = 0.5; d < 20.0; d += 0.0625) {
        rtfrac_effect e;
        assert_int_equal(rtfrac_model_effect(&m, d, 1, ab, &e), RTFRAC_OK);
        assert_true(e.bed_gy > prev);
        prev = e.bed_gy;
        double back = 0.0;
        assert_int_equal(rtfrac_model_solve_dose_per_fraction(&m, e.bed_gy, 1, ab, &back), RTFRAC_OK);
        assert_rel(back, d, 1e-9);
    }
    /* a dT of one's own would break this, and is refused */
    m.has_dt = 1;
    m.dt_gy = 5.0;
    double d = -1.0;
    assert_int_equal(rtfrac_model_solve_dose_per_fraction(&m, 7.85, 1, ab, &d), RTFRAC_EDOM);
    assert_rel(d, -1.0, 0.0); /* untouched */
}

/* solve for the number of fractions under --time (issue 9, item 12): BED
 * at whole numbers of fractions with each count's own overall time, linear
 * in between.  60 Gy in 30 fractions at 10 Gy, Tk 21 d, K 0.9 Gy/d: T 39 d,
 * BED 72 - 0.9 x 18 = 55.8.  In 3 Gy fractions: 14 fractions end on day 17
 * (BED 14 x 3.9 = 54.6, no loss), 15 on day 18 (58.5): n = 14 + 1.2/3.9. */
static void test_solve_fractions_with_time(void **state)
{
    (void)state;
    rtfrac_row_options o;
    time_options(&o, 21.0, 0.9);
    rtfrac_row_input in = given(10.0);
    rtfrac_row r = resolve_ok(&o, &in);
    assert_rel(effect(&r, 60.0, 30).bed_gy, 55.8, REL);
    double n = 0.0, b = 0.0;
    assert_int_equal(rtfrac_model_solve_fractions(&r.model, 55.8, 3.0, 10.0, &n), RTFRAC_OK);
    assert_rel(n, 14.0 + 1.2 / 3.9, 1e-12);
    assert_int_equal(rtfrac_model_bed_real_fractions(&r.model, 14.5, 3.0, 10.0, &b), RTFRAC_OK);
    assert_rel(b, (54.6 + 58.5) / 2.0, REL);
}

/* Options alone: the combinations that are errors whatever the rows. */
static void test_options_check(void **state)
{
    (void)state;
    rtfrac_row_options o;
    rtfrac_diag d;
    rtfrac_row_options_init(&o);
    assert_int_equal(rtfrac_row_options_check(&o, &d), RTFRAC_OK);
    assert_true(rtfrac_row_options_plain(&o));
    o.kind = RTFRAC_MODEL_LQL;
    assert_int_equal(rtfrac_row_options_check(&o, &d), RTFRAC_EDOM);
    o.has_dt = 1;
    o.dt_gy = 6.0;
    assert_int_equal(rtfrac_row_options_check(&o, &d), RTFRAC_OK);
    assert_false(rtfrac_row_options_plain(&o));
    rtfrac_row_options_init(&o);
    o.has_tk = 1;
    assert_int_equal(rtfrac_row_options_check(&o, &d), RTFRAC_EDOM);
    rtfrac_row_options_init(&o);
    o.calendar.per_day = 2;
    o.calendar_has = RTFRAC_CALENDAR_HAS_PER_DAY;
    assert_int_equal(rtfrac_row_options_check(&o, &d), RTFRAC_EDOM); /* no interval */
    assert_string_equal(rtfrac_row_ab_from_name(RTFRAC_ROW_AB_USC), "implied by USC");
    rtfrac_row r;
    rtfrac_row_input in;
    memset(&in, 0, sizeof(in));
    in.ab_from = RTFRAC_ROW_AB_TISSUE;
    rtfrac_row_options_init(&o);
    assert_int_equal(rtfrac_row_resolve(&o, &in, &r, &d), RTFRAC_EINVAL);
}

/* A K given in Gy EQD2/d under an alpha/beta interval is converted again at
 * every alpha/beta evaluated (it was kept at the estimate's BED value).
 * 70 Gy/35 in 46 days, Tk 21 d, K 0.69 Gy EQD2/d, alpha/beta 10 (8 to 12):
 * at 2 Gy per fraction EQD2 = D - K_EQD2 (T - Tk) = 70 - 0.69 x 25 = 52.75
 * Gy whatever the alpha/beta, so the EQD2 interval is that one value; BED =
 * (1 + 2/ab)(70 - 17.25): 65.9375 at 8, 61.541666 at 12.  The same rate in
 * Gy BED/d (0.828 = 0.69 x 1.2) keeps K fixed: EQD2 at ab 8 is
 * (87.5 - 20.7)/1.25 = 53.44.  Monte Carlo (Tk also uncertain) gives
 * EQD2 = 70 - 0.69 (46 - Tk) in every sample, never depending on the
 * sampled alpha/beta. */
static void test_eqd2_rate_under_ab_interval(void **state)
{
    (void)state;
    rtfrac_row_options o;
    rtfrac_row_options_init(&o);
    o.time = 1;
    o.has_tk = 1;
    o.tk_days = 21.0;
    o.has_dprolif = 1;
    o.dprolif_rate_gy_per_day = 0.69;
    o.dprolif_unit = RTFRAC_MODEL_RATE_EQD2;
    o.calendar.has_days = 1;
    o.calendar.days = 46.0;
    o.calendar_has |= RTFRAC_CALENDAR_HAS_DAYS;
    rtfrac_row_input in = given(10.0);
    in.alpha_beta_interval.has = 1;
    in.alpha_beta_interval.low = 8.0;
    in.alpha_beta_interval.high = 12.0;
    rtfrac_row r = resolve_ok(&o, &in);
    assert_true(r.uncertain.dprolif_per_eqd2);
    rtfrac_effect_range e;
    assert_int_equal(rtfrac_uncertainty_effect(&r.model, &r.uncertain, 70.0, 35, r.alpha_beta_gy, NULL, &e), RTFRAC_OK);
    assert_int_equal(e.method, RTFRAC_RANGE_INTERVAL);
    assert_rel(e.eqd2_low_gy, 52.75, 1e-12);
    assert_rel(e.eqd2_high_gy, 52.75, 1e-12);
    assert_rel(e.bed_high_gy, 1.25 * 52.75, 1e-12);
    assert_rel(e.bed_low_gy, (1.0 + 2.0 / 12.0) * 52.75, 1e-12);
    /* the same rate in BED units: K stays 0.828 */
    o.dprolif_rate_gy_per_day = 0.828;
    o.dprolif_unit = RTFRAC_MODEL_RATE_BED;
    r = resolve_ok(&o, &in);
    assert_false(r.uncertain.dprolif_per_eqd2);
    assert_int_equal(rtfrac_uncertainty_effect(&r.model, &r.uncertain, 70.0, 35, r.alpha_beta_gy, NULL, &e), RTFRAC_OK);
    assert_rel(e.eqd2_high_gy, (87.5 - 0.828 * 25) / 1.25, 1e-12);
    /* Monte Carlo over alpha/beta and Tk with the EQD2 rate */
    o.dprolif_rate_gy_per_day = 0.69;
    o.dprolif_unit = RTFRAC_MODEL_RATE_EQD2;
    o.tk_interval.has = 1;
    o.tk_interval.low = 21.0;
    o.tk_interval.high = 21.0;
    r = resolve_ok(&o, &in);
    rtfrac_mc_workspace *w = rtfrac_uncertainty_mc_alloc(1000, 7);
    assert_non_null(w);
    assert_int_equal(rtfrac_uncertainty_effect(&r.model, &r.uncertain, 70.0, 35, r.alpha_beta_gy, w, &e), RTFRAC_OK);
    rtfrac_uncertainty_mc_free(w);
    assert_int_equal(e.method, RTFRAC_RANGE_MONTE_CARLO);
    assert_rel(e.eqd2_low_gy, 52.75, 1e-12);
    assert_rel(e.eqd2_median_gy, 52.75, 1e-12);
    assert_rel(e.eqd2_high_gy, 52.75, 1e-12);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scheme_calendar_wins_over_default),
        cmocka_unit_test(test_option_wins_over_preset),
        cmocka_unit_test(test_late_rows_no_repopulation),
        cmocka_unit_test(test_time_parameters_sources),
        cmocka_unit_test(test_repair_from_option_or_tissue),
        cmocka_unit_test(test_usc_implied_alpha_beta),
        cmocka_unit_test(test_eqdx_same_model),
        cmocka_unit_test(test_usc_monotonic_unique_solution),
        cmocka_unit_test(test_solve_fractions_with_time),
        cmocka_unit_test(test_options_check),
        cmocka_unit_test(test_eqd2_rate_under_ab_interval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
