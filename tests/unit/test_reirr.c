/* Unit tests of the re-irradiation module (include/rtfrac/reirr.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define REL 1e-12

static double lq_bed(double D, unsigned long n, double ab)
{
    return D * (1.0 + D / (double)n / ab);
}

static rtfrac_reirr_limit cumulative(double bed_gy, double ab, int recovery_applies)
{
    rtfrac_reirr_limit l = { RTFRAC_REIRR_LIMIT_CUMULATIVE, bed_gy, ab, recovery_applies };
    return l;
}

/* The Nieder et al. 2006 thresholds as rtfrac ships them. */
static void nieder_limits(rtfrac_reirr_limit l[3])
{
    l[0] = cumulative(135.5, 2.0, 0);
    l[1] = (rtfrac_reirr_limit){ RTFRAC_REIRR_LIMIT_COURSE, 98.0, 2.0, 0 };
    l[2] = (rtfrac_reirr_limit){ RTFRAC_REIRR_LIMIT_INTERVAL, 6.0, 0.0, 0 };
}

/* Nieder C, Grosu AL, Andratschke NH, Molls M. Int J Radiat Oncol Biol Phys
 * 2006;66(5):1446-1449, abstract: "a dose of 50 Gy given in single daily
 * fractions of 2 Gy is equivalent to a BED of 100 Gy(2) or 75 Gy(4)". */
static void test_nieder_2006_bed(void **state)
{
    (void)state;
    rtfrac_reirr_course c = { 50.0, 25 };
    rtfrac_reirr_input in;
    rtfrac_reirr_result r;
    rtfrac_reirr_input_init(&in);
    in.courses = &c;
    in.ncourses = 1;
    in.alpha_beta_gy = 2.0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_rel(r.courses[0].bed_gy, 100.0, REL);
    assert_rel(r.courses[0].eqd2_gy, 50.0, REL);
    in.alpha_beta_gy = 4.0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_rel(r.courses[0].bed_gy, 75.0, REL);
}

/* The three Nieder 2006 limits on 50 Gy/25 then 30 Gy/10 after 14 months:
 * BED 100 + 30 (1 + 3/2) = 175 Gy at alpha/beta 2 (above 135.5), the first
 * course 100 Gy (above 98), the interval 14 months (at least 6). */
static void test_nieder_limits(void **state)
{
    (void)state;
    rtfrac_reirr_course c[2] = { { 50.0, 25 }, { 30.0, 10 } };
    double months = 14.0;
    rtfrac_reirr_limit l[3];
    rtfrac_reirr_input in;
    rtfrac_reirr_result r;
    nieder_limits(l);
    rtfrac_reirr_input_init(&in);
    in.courses = c;
    in.ncourses = 2;
    in.alpha_beta_gy = 2.0;
    in.limits = l;
    in.nlimits = 3;
    in.interval_months = &months;
    in.nintervals = 1;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_rel(r.cumulative_bed_gy, 175.0, REL);
    assert_rel(r.cumulative_eqd2_gy, 87.5, REL);
    assert_int_equal(r.limits[0].verdict, RTFRAC_CONSTRAINT_FAIL);
    assert_rel(r.limits[0].room_bed_gy, 135.5 - 175.0, REL);
    assert_rel(r.limits[0].room_eqd2_gy, (135.5 - 175.0) / 2.0, REL);
    assert_int_equal(r.limits[1].verdict, RTFRAC_CONSTRAINT_FAIL);
    assert_int_equal(r.limits[1].course, 0);
    assert_rel(r.limits[1].value_bed_gy, 100.0, REL);
    assert_int_equal(r.limits[2].verdict, RTFRAC_CONSTRAINT_PASS);
    assert_rel(r.limits[2].room_months, 8.0, REL);
    assert_int_equal(r.all_pass, 0);
    /* without the interval the interval limit is not evaluated */
    in.nintervals = 0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_int_equal(r.limits[2].verdict, RTFRAC_CONSTRAINT_NOT_EVALUATED);
    /* 4 months: too short */
    months = 4.0;
    in.nintervals = 1;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_int_equal(r.limits[2].verdict, RTFRAC_CONSTRAINT_FAIL);
    assert_rel(r.limits[2].room_months, -2.0, REL);
}

/* The step rule quoted by Doi H, Tamari K, Oh RJ, Nieder C. Strahlenther
 * Onkol 2021;197:463-473, Introduction: 25 % after 6 months, 50 % after 12. */
static void test_doi_2021_model(void **state)
{
    (void)state;
    const rtfrac_reirr_model *m = rtfrac_reirr_model_find("DOI-2021");
    double f = -1.0;
    assert_non_null(m);
    assert_int_equal(rtfrac_reirr_model_count(), 1);
    assert_ptr_equal(rtfrac_reirr_model_at(0), m);
    assert_null(rtfrac_reirr_model_at(1));
    assert_null(rtfrac_reirr_model_find("woolley"));
    assert_null(rtfrac_reirr_model_find(NULL));
    const double months[] = { 0.0, 5.999, 6.0, 11.999, 12.0, 18.0, 120.0 };
    const double want[] = { 0.0, 0.0, 0.25, 0.25, 0.5, 0.5, 0.5 };
    for (size_t i = 0; i < sizeof(months) / sizeof(months[0]); i++) {
        assert_int_equal(rtfrac_reirr_model_recovery(m, months[i], &f), RTFRAC_OK);
        assert_rel(f, want[i], REL);
    }
    assert_int_equal(rtfrac_reirr_model_recovery(m, -1.0, &f), RTFRAC_EDOM);
    assert_int_equal(rtfrac_reirr_model_recovery(m, NAN, &f), RTFRAC_EDOM);
}

/* Doi et al. 2021, Introduction: a first course of EQD2 ~50 Gy (the
 * tolerance) may be followed 18 months later by 25 Gy EQD2 (50 % of the
 * tolerance).  The first course reached the tolerance, so both forms agree:
 * tolerance 150 % x 50 - 50 = 25; discount 50 - 50 x 50 % = 25. */
static void test_doi_2021_example(void **state)
{
    (void)state;
    rtfrac_reirr_course c = { 50.0, 25 };
    double months = 18.0;
    rtfrac_reirr_limit l = cumulative(100.0, 2.0, 1); /* 50 Gy EQD2 at a/b 2 */
    rtfrac_reirr_input in;
    rtfrac_reirr_result r;
    rtfrac_reirr_input_init(&in);
    in.courses = &c;
    in.ncourses = 1;
    in.alpha_beta_gy = 2.0;
    in.limits = &l;
    in.nlimits = 1;
    in.interval_months = &months;
    in.nintervals = 1;
    in.recovery = RTFRAC_REIRR_RECOVERY_MODEL;
    in.model = rtfrac_reirr_model_find("doi-2021");
    in.plan_fractions = 10;
    for (int form = 0; form < 2; form++) {
        in.form = (rtfrac_reirr_form)form;
        assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
        assert_int_equal(r.plan, RTFRAC_REIRR_PLAN_SOLVED);
        assert_int_equal(r.ncourses, 2);
        assert_true(r.courses[1].planned);
        assert_rel(r.courses[1].eqd2_gy, 25.0, 1e-12);
        /* closed form: 10 d (1 + d/2) = 50, d = -1 + sqrt(11) */
        assert_rel(r.courses[1].dose_per_fraction_gy, -1.0 + sqrt(11.0), 1e-12);
        assert_rel(r.courses[0].recovered_fraction, 0.5, REL);
        assert_rel(r.courses[0].months_to_last, 18.0, REL);
        assert_rel(r.limits[0].room_bed_gy, 0.0, 1e-9);
        assert_true(r.limits[0].recovery_used);
    }
    assert_rel(r.tolerance_raise_fraction, 0.5, REL);
    assert_rel(r.limits[0].allowed_eqd2_gy, 75.0, REL);
}

/* The two forms on the case, reconstructed (no published source
 * found): tolerance 50 Gy EQD2, first course 40 Gy EQD2 (40 Gy/20 at a/b
 * 2), 50 % recovered: the tolerance form leaves 1.5 x 50 - 40 = 35 Gy
 * EQD2, the discount form 50 - 0.5 x 40 = 30 Gy EQD2. */
static void test_forms_35_30(void **state)
{
    (void)state;
    rtfrac_reirr_course c = { 40.0, 20 };
    rtfrac_reirr_limit l = cumulative(100.0, 2.0, 1);
    rtfrac_reirr_input in;
    rtfrac_reirr_result r;
    rtfrac_reirr_input_init(&in);
    in.courses = &c;
    in.ncourses = 1;
    in.alpha_beta_gy = 2.0;
    in.limits = &l;
    in.nlimits = 1;
    in.recovery = RTFRAC_REIRR_RECOVERY_PERCENT;
    in.recovery_fraction = 0.5;
    in.plan_fractions = 15;
    in.form = RTFRAC_REIRR_FORM_TOLERANCE;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_rel(r.courses[1].eqd2_gy, 35.0, 1e-12);
    assert_rel(r.courses[0].recovered_eqd2_gy, 0.0, REL);
    in.form = RTFRAC_REIRR_FORM_DISCOUNT;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_rel(r.courses[1].eqd2_gy, 30.0, 1e-12);
    assert_rel(r.courses[0].recovered_eqd2_gy, 20.0, REL);
    assert_rel(r.courses[0].counted_eqd2_gy, 20.0, REL);
    assert_rel(r.counted_eqd2_gy, 50.0, 1e-12);
    /* a limit the recovery does not apply to ignores it */
    l.recovery_applies = 0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_rel(r.courses[1].eqd2_gy, 10.0, 1e-12);
    assert_false(r.limits[0].recovery_used);
}

/* Three courses of unround doses, a model per earlier course: closed form. */
static void test_three_courses_discount(void **state)
{
    (void)state;
    rtfrac_reirr_course c[3] = { { 47.7, 20 }, { 21.3, 7 }, { 16.5, 3 } };
    double months[2] = { 8.5, 7.25 }; /* elapsed 15.75 and 7.25 months */
    rtfrac_reirr_limit l = cumulative(150.0, 2.385, 1);
    rtfrac_reirr_input in;
    rtfrac_reirr_result r;
    rtfrac_reirr_input_init(&in);
    in.courses = c;
    in.ncourses = 3;
    in.alpha_beta_gy = 2.385;
    in.limits = &l;
    in.nlimits = 1;
    in.interval_months = months;
    in.nintervals = 2;
    in.recovery = RTFRAC_REIRR_RECOVERY_MODEL;
    in.model = rtfrac_reirr_model_find("doi-2021");
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    double b0 = lq_bed(47.7, 20, 2.385), b1 = lq_bed(21.3, 7, 2.385), b2 = lq_bed(16.5, 3, 2.385);
    assert_rel(r.courses[0].months_to_last, 15.75, REL);
    assert_rel(r.courses[1].months_to_last, 7.25, REL);
    assert_rel(r.courses[0].recovered_fraction, 0.5, REL);
    assert_rel(r.courses[1].recovered_fraction, 0.25, REL);
    assert_rel(r.courses[2].recovered_fraction, 0.0, REL);
    assert_rel(r.cumulative_bed_gy, b0 + b1 + b2, 1e-12);
    assert_rel(r.counted_bed_gy, 0.5 * b0 + 0.75 * b1 + b2, 1e-12);
    assert_rel(r.counted_eqd2_gy, (0.5 * b0 + 0.75 * b1 + b2) / (1.0 + 2.0 / 2.385), 1e-12);
    assert_rel(r.limits[0].room_bed_gy, 150.0 - (0.5 * b0 + 0.75 * b1 + b2), 1e-12);
    /* the tolerance form is not defined for two earlier courses */
    in.form = RTFRAC_REIRR_FORM_TOLERANCE;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EINVAL);
    in.recovery = RTFRAC_REIRR_RECOVERY_NONE; /* ... unless nothing recovers */
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
}

/* --plan-fractions with the Nieder limits: 40 Gy/20 (BED 80 Gy at a/b 2),
 * 12 months later, 10 fractions: the cumulative limit leaves 55.5 Gy BED,
 * the course limit 98, so the cumulative one binds: 10 d (1 + d/2) = 55.5,
 * d = -1 + sqrt(1 + 11.1). */
static void test_plan_nieder(void **state)
{
    (void)state;
    rtfrac_reirr_course c = { 40.0, 20 };
    double months = 12.0;
    rtfrac_reirr_limit l[3];
    rtfrac_reirr_input in;
    rtfrac_reirr_result r;
    nieder_limits(l);
    rtfrac_reirr_input_init(&in);
    in.courses = &c;
    in.ncourses = 1;
    in.alpha_beta_gy = 2.0;
    in.limits = l;
    in.nlimits = 3;
    in.interval_months = &months;
    in.nintervals = 1;
    in.plan_fractions = 10;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_int_equal(r.plan, RTFRAC_REIRR_PLAN_SOLVED);
    assert_int_equal(r.plan_binding, 0);
    assert_rel(r.courses[1].dose_per_fraction_gy, -1.0 + sqrt(12.1), 1e-12);
    assert_rel(r.courses[1].bed_gy, 55.5, 1e-12);
    assert_rel(r.cumulative_bed_gy, 135.5, 1e-12);
    assert_true(r.all_pass);
    /* a small first course (BED 20 Gy) leaves a cumulative room of 115.5,
     * above the course limit 98, which then binds */
    c.total_dose_gy = 10.0;
    c.fractions = 5;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_int_equal(r.plan_binding, 1);
    assert_rel(r.courses[1].bed_gy, 98.0, 1e-12);
    /* a first course at BED 140: no room */
    c.total_dose_gy = 70.0;
    c.fractions = 35;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_int_equal(r.plan, RTFRAC_REIRR_PLAN_NO_ROOM);
    assert_int_equal(r.plan_binding, 0);
    assert_rel(r.courses[1].total_dose_gy, 0.0, REL);
    /* 3 months: the interval limit allows no course yet */
    months = 3.0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_int_equal(r.plan, RTFRAC_REIRR_PLAN_INTERVAL);
    assert_int_equal(r.plan_binding, 2);
}

static void test_errors(void **state)
{
    (void)state;
    rtfrac_reirr_course c[RTFRAC_REIRR_COURSES_MAX + 1];
    double months[2] = { 6.0, 6.0 };
    rtfrac_reirr_limit l = cumulative(100.0, 2.0, 1);
    rtfrac_reirr_limit iv = { RTFRAC_REIRR_LIMIT_INTERVAL, 6.0, 0.0, 0 };
    rtfrac_reirr_input in;
    rtfrac_reirr_result r, keep;
    for (size_t i = 0; i < RTFRAC_REIRR_COURSES_MAX + 1; i++)
        c[i] = (rtfrac_reirr_course){ 20.0, 5 };
    rtfrac_reirr_input_init(&in);
    in.courses = c;
    in.alpha_beta_gy = 2.0;
    memset(&r, 0x5a, sizeof(r));
    keep = r;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM); /* no course */
    in.ncourses = RTFRAC_REIRR_COURSES_MAX + 1;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    in.ncourses = 2;
    in.alpha_beta_gy = 0.0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    /* outside the alpha/beta range every command accepts (0.1 to 100 Gy):
     * 1e-300 Gy gave a BED of 8e301 Gy */
    in.alpha_beta_gy = 1e-300;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    in.alpha_beta_gy = RTFRAC_ALPHA_BETA_MAX_GY * 1.5;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    in.alpha_beta_gy = 2.0;
    c[1].fractions = 0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    c[1].fractions = 5;
    c[1].total_dose_gy = -1.0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    c[1].total_dose_gy = 20.0;
    in.interval_months = months;
    in.nintervals = 2; /* two courses: one gap */
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EINVAL);
    in.nintervals = 1;
    months[0] = -1.0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    months[0] = 6.0;
    in.recovery = RTFRAC_REIRR_RECOVERY_PERCENT;
    in.recovery_fraction = 1.0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    in.recovery = RTFRAC_REIRR_RECOVERY_MODEL;
    in.model = NULL;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EINVAL);
    in.model = rtfrac_reirr_model_find("doi-2021");
    in.nintervals = 0; /* a model needs the intervals */
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EINVAL);
    in.recovery = RTFRAC_REIRR_RECOVERY_NONE;
    in.plan_fractions = 5; /* no dose limit to solve against */
    in.limits = &iv;
    in.nlimits = 1;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EINVAL);
    in.limits = &l;
    l.alpha_beta_gy = -2.0;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    l.alpha_beta_gy = 2.0;
    in.nlimits = RTFRAC_REIRR_LIMITS_MAX + 1;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_EDOM);
    assert_memory_equal(&r, &keep, sizeof(r)); /* untouched on error */
    in.nlimits = 1;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
}

static void test_names(void **state)
{
    (void)state;
    rtfrac_reirr_form f;
    rtfrac_reirr_recovery_kind k;
    assert_string_equal(rtfrac_reirr_form_name(RTFRAC_REIRR_FORM_DISCOUNT), "discount");
    assert_string_equal(rtfrac_reirr_form_name(RTFRAC_REIRR_FORM_TOLERANCE), "tolerance");
    assert_string_equal(rtfrac_reirr_form_name((rtfrac_reirr_form)7), "");
    assert_int_equal(rtfrac_reirr_form_parse("Tolerance", &f), RTFRAC_OK);
    assert_int_equal(f, RTFRAC_REIRR_FORM_TOLERANCE);
    assert_int_equal(rtfrac_reirr_form_parse("raise", &f), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_reirr_recovery_kind_parse("model", &k), RTFRAC_OK);
    assert_int_equal(k, RTFRAC_REIRR_RECOVERY_MODEL);
    assert_string_equal(rtfrac_reirr_limit_kind_name(RTFRAC_REIRR_LIMIT_INTERVAL), "interval");
    assert_string_equal(rtfrac_reirr_plan_status_name(RTFRAC_REIRR_PLAN_INTERVAL), "interval-too-short");
    assert_string_equal(rtfrac_reirr_plan_status_name((rtfrac_reirr_plan_status)9), "");
}

/* A constraint set's re-irradiation limits, built by hand. */
static void test_limits_from_set(void **state)
{
    (void)state;
    rtfrac_constraint k[4];
    rtfrac_constraint_set set;
    rtfrac_reirr_limit l[4];
    size_t n = 99;
    memset(k, 0, sizeof(k));
    memset(&set, 0, sizeof(set));
    for (int i = 0; i < 4; i++) {
        k[i].tissue = "";
        k[i].has_alpha_beta = 1;
        k[i].alpha_beta_gy = 2.0;
    }
    k[0].metric = RTFRAC_METRIC_CUMULATIVE_BED;
    k[0].limit = 135.5;
    k[1].metric = RTFRAC_METRIC_MAX; /* skipped */
    k[1].limit = 50.0;
    k[2].metric = RTFRAC_METRIC_COURSE_BED;
    k[2].limit = 98.0;
    k[3].metric = RTFRAC_METRIC_INTERVAL;
    k[3].limit = 6.0;
    k[3].has_alpha_beta = 0;
    set.constraints = k;
    set.nconstraints = 4;
    assert_int_equal(rtfrac_reirr_limits_from_set(&set, NULL, l, 4, &n), RTFRAC_OK);
    assert_int_equal(n, 3);
    assert_int_equal(l[0].kind, RTFRAC_REIRR_LIMIT_CUMULATIVE);
    assert_rel(l[0].value, 135.5, REL);
    assert_rel(l[0].alpha_beta_gy, 2.0, REL);
    assert_false(l[0].recovery_applies);
    assert_int_equal(l[1].kind, RTFRAC_REIRR_LIMIT_COURSE);
    assert_int_equal(l[2].kind, RTFRAC_REIRR_LIMIT_INTERVAL);
    assert_rel(l[2].value, 6.0, REL);
    assert_int_equal(rtfrac_reirr_limits_from_set(&set, NULL, l, 2, &n), RTFRAC_EDOM);
    k[0].has_alpha_beta = 0; /* no alpha/beta, no tissue */
    assert_int_equal(rtfrac_reirr_limits_from_set(&set, NULL, l, 4, &n), RTFRAC_EINVAL);
    assert_true(rtfrac_reirr_metric_is_reirr(RTFRAC_METRIC_INTERVAL));
    assert_false(rtfrac_reirr_metric_is_reirr(RTFRAC_METRIC_V_GY));
}

/* The metric words round-trip through the constraint metric parser. */
static void test_metric_words(void **state)
{
    (void)state;
    const char *words[] = { "cumulative-bed", "course-bed", "interval" };
    for (size_t i = 0; i < 3; i++) {
        rtfrac_metric_kind kind;
        double x = -1.0;
        char buf[32];
        assert_int_equal(rtfrac_constraint_metric_parse(words[i], &kind, &x, NULL), RTFRAC_OK);
        assert_true(rtfrac_reirr_metric_is_reirr(kind));
        assert_int_equal(rtfrac_constraint_metric_name(kind, x, buf, sizeof(buf)), RTFRAC_OK);
        assert_string_equal(buf, words[i]);
    }
}

/* A limit the library accepts (finite, above 0) but whose raised tolerance
 * overflows: refused with RTFRAC_ERANGE, never an infinite room. */
static void test_overflow_refused(void **state)
{
    (void)state;
    rtfrac_reirr_course c[2] = { { 50.0, 25 }, { 20.0, 10 } };
    rtfrac_reirr_limit l = cumulative(1.5e308, 1.0, 1); /* 1.5e308 (1 + 0.5) overflows */
    rtfrac_reirr_input in;
    rtfrac_reirr_result r;
    rtfrac_reirr_input_init(&in);
    in.courses = c;
    in.ncourses = 2;
    in.alpha_beta_gy = 2.0;
    in.limits = &l;
    in.nlimits = 1;
    in.recovery = RTFRAC_REIRR_RECOVERY_PERCENT;
    in.recovery_fraction = 0.5;
    in.form = RTFRAC_REIRR_FORM_TOLERANCE;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_ERANGE);
    /* the same limit without the raise is finite and passes */
    in.form = RTFRAC_REIRR_FORM_DISCOUNT;
    assert_int_equal(rtfrac_reirr_evaluate(&in, &r), RTFRAC_OK);
    assert_true(isfinite(r.limits[0].room_eqd2_gy));
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nieder_2006_bed),
        cmocka_unit_test(test_nieder_limits),
        cmocka_unit_test(test_doi_2021_model),
        cmocka_unit_test(test_doi_2021_example),
        cmocka_unit_test(test_forms_35_30),
        cmocka_unit_test(test_three_courses_discount),
        cmocka_unit_test(test_plan_nieder),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_limits_from_set),
        cmocka_unit_test(test_metric_words),
        cmocka_unit_test(test_overflow_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
