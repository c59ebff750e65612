/* Unit tests of the gap module (include/rtfrac/gap.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define REL 1e-12

typedef struct fixture {
    rtfrac_model tumour, late;
    rtfrac_gap_input in;
} fixture;

/* 70 Gy in 35 fractions from a Monday, 5 a week; tumour alpha/beta 10 Gy,
 * Tk 21 d, K 0.9 Gy BED/d; late alpha/beta 3 Gy; 2 days missed after 10. */
static void setup(fixture *f)
{
    memset(f, 0, sizeof(*f));
    rtfrac_model_init(&f->tumour);
    rtfrac_model_init(&f->late);
    f->tumour.time = 1;
    f->tumour.tk_days = 21.0;
    f->tumour.dprolif_gy_per_day = 0.9;
    f->in.total_dose_gy = 70.0;
    f->in.fractions = 35;
    f->in.tumour = &f->tumour;
    f->in.tumour_alpha_beta_gy = 10.0;
    f->in.late = &f->late;
    f->in.late_alpha_beta_gy = 3.0;
    f->in.late_repair_half_time_h = 1.5;
    f->in.after_fractions = 10;
    f->in.missed_days = 2;
    f->in.interval_h = 6.0;
    f->in.late_tolerance_gy = 1.0;
}

static rtfrac_gap_result *compute(const rtfrac_gap_input *in)
{
    rtfrac_gap_result *r = NULL;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    int rc = rtfrac_gap_compute(in, &r, &d);
    if (rc != RTFRAC_OK)
        print_error("rtfrac_gap_compute = %d: %s\n", rc, d.message);
    assert_int_equal(rc, RTFRAC_OK);
    return r;
}

/* The plan: T = 46 days (35 weekday fractions from a Monday), the same as
 * rtfrac_model_overall_days; BED = 70 (1 + 2/10) - 0.9 (46 - 21) = 61.5 Gy
 * (Fowler JF, Br J Radiol 1989;62:679-694), late BED 70 (1 + 2/3). */
static void test_plan(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    rtfrac_gap_result *r = compute(&f.in);
    const rtfrac_gap_option *p = &r->options[RTFRAC_GAP_PLAN];
    double t = 0.0;
    assert_int_equal(rtfrac_model_overall_days(&f.tumour.calendar, 35, &t), RTFRAC_OK);
    assert_rel(p->overall_days, t, 0.0);
    assert_rel(p->overall_days, 46.0, 0.0);
    assert_int_equal(p->fractions, 35);
    assert_rel(p->tumour_bed_gy, 61.5, REL);
    assert_rel(p->tumour_eqd2_gy, 61.5 / 1.2, REL);
    assert_rel(p->late_bed_gy, 70.0 * (1.0 + 2.0 / 3.0), REL);
    assert_rel(p->late_eqd2_gy, 70.0, REL);
    assert_int_equal(p->status, RTFRAC_GAP_REFERENCE);
    /* fraction 10 is on day 11 (a Friday); the missed days are Mon 14, Tue 15 */
    assert_int_equal(r->delivered_before_gap, 10);
    assert_int_equal(r->missed_first_day, 14);
    assert_int_equal(r->last_missed_day, 15);
    rtfrac_gap_result_free(r);
}

/* Not compensated: the 25 fractions left end on Tue day 50, 4 days late:
 * tumour BED 84 - 0.9 (50 - 21) = 57.9 Gy, 3.6 Gy lost; late unchanged. */
static void test_uncompensated(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    rtfrac_gap_result *r = compute(&f.in);
    const rtfrac_gap_option *o = &r->options[RTFRAC_GAP_NONE];
    assert_rel(o->overall_days, 50.0, 0.0);
    assert_rel(o->tumour_bed_gy, 57.9, REL);
    assert_rel(o->delta_tumour_bed_gy, -3.6, 1e-9);
    assert_rel(o->delta_late_eqd2_gy, 0.0, REL);
    assert_int_equal(o->status, RTFRAC_GAP_REFERENCE);
    rtfrac_gap_result_free(r);
}

/* RCR option 1: the two missed fractions on Sat 19 and Sun 20; the overall
 * time, the tumour and the late BED are the plan's. */
static void test_weekend(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    rtfrac_gap_result *r = compute(&f.in);
    const rtfrac_gap_option *o = &r->options[RTFRAC_GAP_WEEKEND];
    assert_int_equal(o->status, RTFRAC_GAP_ACCEPTED);
    assert_int_equal(o->catch_up, 2);
    assert_int_equal(o->fractions, 35);
    assert_rel(o->overall_days, 46.0, 0.0);
    assert_int_equal(o->schedule[13].day, 19);
    assert_int_equal(o->schedule[14].day, 20);
    assert_int_equal(rtfrac_gap_weekday(o->schedule[13].day + 4), 5); /* day 0 = 1970-01-05, a Monday */
    assert_rel(o->tumour_bed_gy, 61.5, REL);
    assert_rel(o->delta_late_eqd2_gy, 0.0, 1e-12);
    rtfrac_gap_result_free(r);
}

/* RCR option 2: two fractions on Wed 16 and Thu 17, 6 h apart.  Incomplete
 * repair (Thames HD, Int J Radiat Biol 1985;47:319-339): a day of two
 * fractions of d has BED 2d + (d^2/(a/b)) (2 + 2 phi), phi = exp(-ln 2 6 /
 * 1.5) = 1/16: late BED + 2 x 2 phi 4/3 = +1/3 Gy, EQD2 +0.2 Gy. */
static void test_twice_daily(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    rtfrac_gap_result *r = compute(&f.in);
    const rtfrac_gap_option *o = &r->options[RTFRAC_GAP_TWICE_DAILY];
    assert_int_equal(o->status, RTFRAC_GAP_ACCEPTED);
    assert_int_equal(o->catch_up, 2);
    assert_rel(o->overall_days, 46.0, 0.0);
    assert_int_equal(o->schedule[10].day, 16);
    assert_int_equal(o->schedule[11].day, 16);
    assert_int_equal(o->schedule[11].slot, 1);
    assert_rel(o->delta_late_bed_gy, 1.0 / 3.0, 1e-9);
    assert_rel(o->delta_late_eqd2_gy, 0.2, 1e-9);
    assert_rel(o->tumour_bed_gy, 61.5, REL); /* tumour: complete repair assumed */
    assert_true(r->tumour_repair_assumed_complete);
    assert_false(r->late_repair_assumed_none);

    /* the same day against rtfrac_model_effect's repair term, 2 a day */
    rtfrac_model two;
    rtfrac_effect e;
    rtfrac_model_init(&two);
    two.calendar.per_day = 2;
    two.calendar.per_week = 10;
    two.calendar.interval_h = 6.0;
    two.repair = 1;
    two.repair_half_time_h = 1.5;
    assert_int_equal(rtfrac_model_effect(&two, 4.0, 2, 3.0, &e), RTFRAC_OK);
    rtfrac_gap_fraction day[2] = { { 0, 0, 2.0 }, { 0, 1, 2.0 } };
    double bed = 0.0;
    assert_int_equal(rtfrac_gap_schedule_bed(&two, day, 2, 3.0, 0.0625, &bed), RTFRAC_OK);
    assert_rel(bed, e.bed_without_time_gy, REL);

    /* an unknown late half-time: no repair between the two (phi = 1):
     * + 2 x 2 x 4/3 = 16/3 Gy BED, EQD2 +3.2 Gy: over the 1 Gy tolerance */
    f.in.late_repair_half_time_h = 0.0;
    rtfrac_gap_result_free(r);
    r = compute(&f.in);
    o = &r->options[RTFRAC_GAP_TWICE_DAILY];
    assert_true(r->late_repair_assumed_none);
    assert_rel(o->delta_late_eqd2_gy, 3.2, 1e-9);
    assert_int_equal(o->status, RTFRAC_GAP_REJECTED);
    assert_true(o->reasons & RTFRAC_GAP_WHY_LATE);
    assert_non_null(strstr(o->reason, "tolerance"));

    /* 4 h apart: rejected for the interval, shown all the same */
    f.in.late_repair_half_time_h = 1.5;
    f.in.interval_h = 4.0;
    rtfrac_gap_result_free(r);
    r = compute(&f.in);
    o = &r->options[RTFRAC_GAP_TWICE_DAILY];
    assert_int_equal(o->status, RTFRAC_GAP_REJECTED);
    assert_true(o->reasons & RTFRAC_GAP_WHY_INTERVAL);
    assert_non_null(strstr(o->reason, "under 6 h"));
    rtfrac_gap_result_free(r);
}

/* RCR option 3a: extra 2 Gy fractions after day 50 (Wed 51, Thu 52, Fri
 * 53): BED 84 + 2.4 j - 0.9 (50 + j - 21) reaches 61.5 Gy at j = 3 (62.4);
 * the late cost is 3 x 2 Gy = +6 Gy EQD2: rejected at 1 Gy. */
static void test_extra_fractions(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    rtfrac_gap_result *r = compute(&f.in);
    const rtfrac_gap_option *o = &r->options[RTFRAC_GAP_EXTRA_FRACTIONS];
    assert_int_equal(o->catch_up, 3);
    assert_int_equal(o->fractions, 38);
    assert_rel(o->overall_days, 53.0, 0.0);
    assert_rel(o->tumour_bed_gy, 62.4, REL);
    assert_rel(o->delta_late_eqd2_gy, 6.0, 1e-9);
    assert_int_equal(o->status, RTFRAC_GAP_REJECTED);
    assert_int_equal(o->reasons, RTFRAC_GAP_WHY_LATE);
    rtfrac_gap_result_free(r);
}

/* RCR option 3b: 25 fractions of d' after the gap, T = 50:
 * 10 x 2.4 + 25 d' (1 + d'/10) - 0.9 x 29 = 61.5, the closed form
 * d' = (a/b)/2 (sqrt(1 + 4 c / (25 a/b)) - 1) with c = 63.6 Gy; checked by
 * substitution too. */
static void test_higher_dose(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    rtfrac_gap_result *r = compute(&f.in);
    const rtfrac_gap_option *o = &r->options[RTFRAC_GAP_HIGHER_DOSE];
    double c = 61.5 + 0.9 * 29.0 - 24.0;
    double x = 5.0 * (sqrt(1.0 + 4.0 * c / 250.0) - 1.0);
    assert_rel(o->dose_after_gap_gy, x, 1e-12);
    assert_rel(o->overall_days, 50.0, 0.0);
    assert_rel(o->tumour_bed_gy, 61.5, 1e-9);
    assert_rel(24.0 + 25.0 * x * (1.0 + x / 10.0) - 0.9 * 29.0, 61.5, 1e-12);
    double late = 20.0 * (1.0 + 2.0 / 3.0) + 25.0 * x * (1.0 + x / 3.0);
    assert_rel(o->late_bed_gy, late, 1e-12);
    assert_int_equal(o->status, RTFRAC_GAP_REJECTED);
    assert_true(o->reasons & RTFRAC_GAP_WHY_LATE);
    rtfrac_gap_result_free(r);
}

/* A published make-up (the TDFPlan user guide's walk-through of Jones B,
 * Dale RG, Br J Radiol 2008;81:323-326, secondary source): intended 30 x 2
 * Gy, BED 72.00 Gy10; 26 fractions given, 62.40 Gy10; 9.60 Gy10 to make up
 * in the 4 fractions left, i.e. 4 x 2 Gy.  Without repopulation (K = 0) and
 * a gap that does not cost tumour BED, option 3b keeps d' = 2 Gy. */
static void test_published_makeup(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    rtfrac_gap_fraction s[30];
    for (int i = 0; i < 30; i++)
        s[i] = (rtfrac_gap_fraction){ i, 0, 2.0 };
    double bed = 0.0, given = 0.0;
    f.tumour.time = 0;
    assert_int_equal(rtfrac_gap_schedule_bed(&f.tumour, s, 30, 10.0, 0.0, &bed), RTFRAC_OK);
    assert_int_equal(rtfrac_gap_schedule_bed(&f.tumour, s, 26, 10.0, 0.0, &given), RTFRAC_OK);
    assert_abs(bed, 72.00, 0.005);
    assert_abs(given, 62.40, 0.005);
    assert_abs(bed - given, 9.60, 0.005);
    f.in.total_dose_gy = 60.0;
    f.in.fractions = 30;
    f.in.after_fractions = 26;
    f.in.missed_days = 1;
    rtfrac_gap_result *r = compute(&f.in);
    assert_rel(r->options[RTFRAC_GAP_HIGHER_DOSE].dose_after_gap_gy, 2.0, REL);
    assert_int_equal(r->options[RTFRAC_GAP_EXTRA_FRACTIONS].catch_up, 0);
    assert_rel(r->options[RTFRAC_GAP_NONE].tumour_bed_gy, 72.0, REL);
    rtfrac_gap_result_free(r);
}

/* Missed dates and holidays: from Monday 2027-01-04, Thursday 7 and Friday
 * 8 January missed, Monday 18 January a holiday. */
static void test_dates(void **state)
{
    (void)state;
    fixture f;
    long start = 0, d1 = 0, d2 = 0, hol = 0;
    char buf[16];
    assert_int_equal(rtfrac_gap_date_parse("2027-01-04", &start, NULL), RTFRAC_OK);
    assert_int_equal(rtfrac_gap_weekday(start), 0);
    assert_int_equal(rtfrac_gap_date_parse("2027-01-07", &d1, NULL), RTFRAC_OK);
    assert_int_equal(rtfrac_gap_date_parse("2027-01-08", &d2, NULL), RTFRAC_OK);
    assert_int_equal(rtfrac_gap_date_parse("2027-01-18", &hol, NULL), RTFRAC_OK);
    rtfrac_gap_date_format(start + 46, buf, sizeof(buf));
    assert_string_equal(buf, "2027-02-19");
    setup(&f);
    long missed[2] = { d2 - start, d1 - start };
    long holidays[1] = { hol - start };
    f.in.after_fractions = 0;
    f.in.missed_days = 0;
    f.in.missed = missed;
    f.in.nmissed = 2;
    f.in.holidays = holidays;
    f.in.nholidays = 1;
    rtfrac_gap_result *r = compute(&f.in);
    /* the plan skips the holiday: 35 fractions end Monday 22 February */
    assert_rel(r->options[RTFRAC_GAP_PLAN].overall_days, 49.0, 0.0);
    assert_int_equal(r->delivered_before_gap, 3);
    /* option 1 uses Sat 9, Sun 10 January */
    const rtfrac_gap_option *o = &r->options[RTFRAC_GAP_WEEKEND];
    assert_int_equal(o->schedule[3].day, 5);
    assert_int_equal(o->schedule[4].day, 6);
    assert_rel(o->overall_days, 49.0, 0.0);
    rtfrac_gap_result_free(r);
}

/* A gap at the end leaves no weekend before the planned last day. */
static void test_no_room(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    f.in.after_fractions = 33;
    f.in.missed_days = 2;
    rtfrac_gap_result *r = compute(&f.in);
    const rtfrac_gap_option *o = &r->options[RTFRAC_GAP_WEEKEND];
    assert_int_equal(o->status, RTFRAC_GAP_REJECTED);
    assert_true(o->reasons & RTFRAC_GAP_WHY_NO_DAYS);
    assert_true(r->options[RTFRAC_GAP_TWICE_DAILY].reasons & RTFRAC_GAP_WHY_NO_DAYS);
    rtfrac_gap_result_free(r);
}

/* Through the one row rule: hn-scc's K is published as 0.69 Gy EQD2/d
 * (Pedicini P et al., Clin Transl Oncol 2015;17(6):469-476, abstract);
 * rtfrac_row_resolve converts it to BED per day, 0.69 (1 + 2/10.6), and the
 * plan's tumour BED is 70 (1 + 2/10.6) - K (46 - 19.2). */
static void test_row_rule_eqd2_rate(void **state)
{
    (void)state;
    rtfrac_tissue t;
    rtfrac_row_options o;
    rtfrac_row_input in;
    rtfrac_row tumour, late;
    rtfrac_diag d;
    memset(&t, 0, sizeof(t));
    snprintf(t.id, sizeof(t.id), "%s", "hn-scc-test");
    t.kind = RTFRAC_TISSUE_TUMOUR;
    t.alpha_beta_gy = 10.6;
    t.tk_days = 19.2;
    t.dprolif_rate_gy_per_day = 0.69;
    t.dprolif_unit = RTFRAC_MODEL_RATE_EQD2;
    t.has = RTFRAC_TISSUE_HAS_TK | RTFRAC_TISSUE_HAS_DPROLIF;
    rtfrac_row_options_init(&o);
    o.time = 1;
    memset(&in, 0, sizeof(in));
    in.ab_from = RTFRAC_ROW_AB_TISSUE;
    in.alpha_beta_gy = 10.6;
    in.tissue = &t;
    assert_int_equal(rtfrac_row_resolve(&o, &in, &tumour, &d), RTFRAC_OK);
    double k = 0.69 * (1.0 + 2.0 / 10.6);
    assert_rel(tumour.model.dprolif_gy_per_day, k, REL);
    memset(&in, 0, sizeof(in));
    in.ab_from = RTFRAC_ROW_AB_DEFAULT_LATE;
    in.alpha_beta_gy = 3.0;
    assert_int_equal(rtfrac_row_resolve(&o, &in, &late, &d), RTFRAC_OK);
    assert_false(late.model.time);
    fixture f;
    setup(&f);
    f.in.tumour = &tumour.model;
    f.in.tumour_alpha_beta_gy = tumour.alpha_beta_gy;
    f.in.late = &late.model;
    rtfrac_gap_result *r = compute(&f.in);
    assert_rel(r->options[RTFRAC_GAP_PLAN].tumour_bed_gy, 70.0 * (1.0 + 2.0 / 10.6) - k * (46.0 - 19.2), 1e-12);
    /* uncompensated: T = 50, 4 more days of K */
    assert_rel(r->options[RTFRAC_GAP_NONE].delta_tumour_bed_gy, -4.0 * k, 1e-9);
    rtfrac_gap_result_free(r);
}

static void test_errors(void **state)
{
    (void)state;
    fixture f;
    rtfrac_gap_result *r = NULL;
    rtfrac_diag d;
    long day;
    setup(&f);
    f.in.after_fractions = 35;
    assert_int_equal(rtfrac_gap_compute(&f.in, &r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "after 1 to 34"));
    setup(&f);
    f.in.interval_h = 0.0;
    assert_int_equal(rtfrac_gap_compute(&f.in, &r, &d), RTFRAC_EDOM);
    setup(&f);
    f.late.kind = RTFRAC_MODEL_LQL;
    f.late.has_dt = 1;
    f.late.dt_gy = 6.0;
    assert_int_equal(rtfrac_gap_compute(&f.in, &r, &d), RTFRAC_EDOM);
    setup(&f);
    long sat[1] = { 5 };
    f.in.after_fractions = 0;
    f.in.missed_days = 0;
    f.in.missed = sat;
    f.in.nmissed = 1;
    assert_int_equal(rtfrac_gap_compute(&f.in, &r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "not a treatment day"));
    assert_non_null(strstr(d.message, "day 5"));
    f.in.has_start_date = 1;
    assert_int_equal(rtfrac_gap_date_parse("2027-01-04", &f.in.start_date, NULL), RTFRAC_OK);
    assert_int_equal(rtfrac_gap_compute(&f.in, &r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "2027-01-09 (day 5)"));
    setup(&f);
    f.tumour.dprolif_gy_per_day = 10.0;
    f.tumour.tk_days = 0.0;
    assert_int_equal(rtfrac_gap_compute(&f.in, &r, &d), RTFRAC_EREPOP);
    assert_null(r);
    assert_int_equal(rtfrac_gap_date_parse("2027-02-29", &day, &d), RTFRAC_EPARSE);
    assert_int_equal(d.column, 9);
    assert_int_equal(rtfrac_gap_date_parse("2027-1-4", &day, &d), RTFRAC_EPARSE);
    assert_int_equal(rtfrac_gap_date_parse("2028-02-29", &day, &d), RTFRAC_OK);
    /* a course begun in December 2099 runs into 2100: its days still have dates */
    {
        char buf[16];
        assert_int_equal(rtfrac_gap_date_parse("2099-12-31", &day, &d), RTFRAC_OK);
        rtfrac_gap_date_format(day + 1, buf, sizeof(buf));
        assert_string_equal(buf, "2100-01-01");
        rtfrac_gap_date_format(day + 60, buf, sizeof(buf)); /* 2100 is not a leap year */
        assert_string_equal(buf, "2100-03-01");
        rtfrac_gap_date_format(RTFRAC_GAP_FORMAT_MIN, buf, sizeof(buf));
        assert_string_equal(buf, "0000-01-01");
        rtfrac_gap_date_format(RTFRAC_GAP_FORMAT_MAX, buf, sizeof(buf));
        assert_string_equal(buf, "9999-12-31");
        rtfrac_gap_date_format(RTFRAC_GAP_FORMAT_MAX + 1, buf, sizeof(buf));
        assert_string_equal(buf, "");
    }
    assert_int_equal(rtfrac_gap_date_parse("2027-13-01", &day, &d), RTFRAC_EPARSE);
    rtfrac_gap_fraction three[3] = { { 0, 0, 2.0 }, { 0, 1, 2.0 }, { 0, 2, 2.0 } };
    double bed;
    assert_int_equal(rtfrac_gap_schedule_bed(&f.late, three, 3, 3.0, 0.5, &bed), RTFRAC_EDOM);
    rtfrac_gap_method m;
    assert_int_equal(rtfrac_gap_method_parse("3B", &m), RTFRAC_OK);
    assert_int_equal(m, RTFRAC_GAP_HIGHER_DOSE);
    assert_string_equal(rtfrac_gap_status_name(RTFRAC_GAP_REJECTED), "rejected");
    assert_int_equal(rtfrac_gap_status_parse("maybe", &(rtfrac_gap_status){ 0 }), RTFRAC_EINVAL);
    rtfrac_gap_result_free(NULL);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan),
        cmocka_unit_test(test_uncompensated),
        cmocka_unit_test(test_weekend),
        cmocka_unit_test(test_twice_daily),
        cmocka_unit_test(test_extra_fractions),
        cmocka_unit_test(test_higher_dose),
        cmocka_unit_test(test_published_makeup),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_no_room),
        cmocka_unit_test(test_row_rule_eqd2_rate),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests_name("gap", tests, NULL, NULL);
}
