/* Unit tests of the constraint module (include/rtfrac/constraint.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define REL 1e-12
#define REL_ROOT 1e-9 /* through GSL's root finder (LQ-L) */

/* A constraint as the preset loader makes it. */
static rtfrac_constraint constraint(rtfrac_metric_kind metric, double x, double limit,
                                    rtfrac_limit_unit unit, unsigned long fractions,
                                    double dose_per_fraction_gy)
{
    rtfrac_constraint k;
    memset(&k, 0, sizeof(k));
    snprintf(k.id, sizeof(k.id), "k");
    k.organ = "organ";
    k.metric_text = "";
    k.metric = metric;
    k.metric_x = x;
    k.limit = limit;
    k.unit = unit;
    k.endpoint = "";
    k.tissue = "";
    k.fractions = fractions;
    k.dose_per_fraction_gy = dose_per_fraction_gy;
    k.source = "test";
    return k;
}

static rtfrac_constraint_conversion convert(const rtfrac_model *m, const rtfrac_constraint *k,
                                            double ab, unsigned long n)
{
    rtfrac_constraint_conversion c;
    memset(&c, 0, sizeof(c));
    int rc = rtfrac_constraint_convert(m, k, ab, n, &c);
    if (rc != RTFRAC_OK)
        print_error("rtfrac_constraint_convert(ab %g, %lu fx) = %d\n", ab, n, rc);
    assert_int_equal(rc, RTFRAC_OK);
    return c;
}

/* LQ: the dose per fraction in n fractions with the given BED,
 * d = (a/b)/2 (sqrt(1 + 4 BED/(n a/b)) - 1). */
static double lq_dpf(double bed, double n, double ab)
{
    return ab / 2.0 * (sqrt(1.0 + 4.0 * bed / (n * ab)) - 1.0);
}

/* ---- metric ------------------------------------------------------------ */

typedef struct metric_case {
    const char *text;
    rtfrac_metric_kind kind;
    double x;
} metric_case;

static const metric_case valid_metrics[] = {
    { "mean", RTFRAC_METRIC_MEAN, 0.0 },
    { "max", RTFRAC_METRIC_MAX, 0.0 },
    { "D95%", RTFRAC_METRIC_D_PERCENT, 95.0 },
    { "D100%", RTFRAC_METRIC_D_PERCENT, 100.0 },
    { "D.5%", RTFRAC_METRIC_D_PERCENT, 0.5 },
    { "D0.03cc", RTFRAC_METRIC_D_CC, 0.03 },
    { "D2cc", RTFRAC_METRIC_D_CC, 2.0 },
    { "D1e-1cc", RTFRAC_METRIC_D_CC, 0.1 },
    { "V20Gy", RTFRAC_METRIC_V_GY, 20.0 },
    { "V2.385Gy", RTFRAC_METRIC_V_GY, 2.385 },
    /* TG-263 spellings through the one metric parser (rtfrac_dvh_metric_parse) */
    { "Dmax", RTFRAC_METRIC_MAX, 0.0 },
    { "Dmean", RTFRAC_METRIC_MEAN, 0.0 },
    { "median", RTFRAC_METRIC_D_PERCENT, 50.0 },
    { "V2000cGy", RTFRAC_METRIC_V_GY, 20.0 },
};

static void test_metric_parse_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(valid_metrics) / sizeof(valid_metrics[0]); i++) {
        const metric_case *m = &valid_metrics[i];
        rtfrac_metric_kind kind = (rtfrac_metric_kind)-1;
        double x = -1.0;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        int rc = rtfrac_constraint_metric_parse(m->text, &kind, &x, &d);
        if (rc != RTFRAC_OK)
            print_error("'%s': %s\n", m->text, d.message);
        assert_int_equal(rc, RTFRAC_OK);
        assert_int_equal(kind, m->kind);
        assert_rel(x, m->x, REL);
    }
}

typedef struct bad_metric {
    const char *text;
    unsigned column;
} bad_metric;

static const bad_metric invalid_metrics[] = {
    { "", 1 },        { "Mean", 1 },     { "min", 1 },      { "mean ", 5 },   { "X5cc", 1 },
    { " D2cc", 1 },   { "D", 2 },        { "D0%", 2 },     { "D150%", 2 },
    { "D-5cc", 2 },   { "D+5cc", 2 },    { "Dnancc", 2 },   { "D1,5cc", 2 },  { "D1e999cc", 2 },
    { "D95", 4 },     { "D2cc ", 5 },    { "D5Gy", 3 },     { "D0.03CC", 6 }, { "V20", 4 },
    { "V20Gy%", 6 },  { "V20Gy[%]", 6 }, { "D95%[Gy]", 5 },   { "V20%", 4 },     { "Vx20Gy", 2 },
};

static void test_metric_parse_invalid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(invalid_metrics) / sizeof(invalid_metrics[0]); i++) {
        const bad_metric *b = &invalid_metrics[i];
        rtfrac_metric_kind kind = RTFRAC_METRIC_MAX;
        double x = 7.0;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        int rc = rtfrac_constraint_metric_parse(b->text, &kind, &x, &d);
        if (rc != RTFRAC_EPARSE || d.column != b->column)
            print_error("'%s': rc %d column %u, expected column %u\n", b->text, rc, d.column,
                        b->column);
        assert_int_equal(rc, RTFRAC_EPARSE);
        assert_int_equal(d.column, b->column);
        char want[128];
        snprintf(want, sizeof(want), "unknown metric '%s'; accepted: mean, max, D<x>%%", b->text);
        assert_non_null(strstr(d.message, want));
        /* untouched on error */
        assert_int_equal(kind, RTFRAC_METRIC_MAX);
        assert_rel(x, 7.0, 0.0);
        /* the diagnostic is optional */
        assert_int_equal(rtfrac_constraint_metric_parse(b->text, &kind, &x, NULL), RTFRAC_EPARSE);
    }
}

static void test_metric_name(void **state)
{
    (void)state;
    char buf[64];
    /* every valid form has a name that parses back to the same metric */
    for (size_t i = 0; i < sizeof(valid_metrics) / sizeof(valid_metrics[0]); i++) {
        const metric_case *m = &valid_metrics[i];
        rtfrac_metric_kind kind;
        double x = -1.0;
        assert_int_equal(rtfrac_constraint_metric_name(m->kind, m->x, buf, sizeof(buf)), RTFRAC_OK);
        assert_int_equal(rtfrac_constraint_metric_parse(buf, &kind, &x, NULL), RTFRAC_OK);
        assert_int_equal(kind, m->kind);
        assert_rel(x, m->x, 0.0);
    }
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_D_CC, 0.03, buf, sizeof(buf)), RTFRAC_OK);
    assert_string_equal(buf, "D0.03cc");
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_V_GY, 2.385, buf, sizeof(buf)), RTFRAC_OK);
    assert_string_equal(buf, "V2.385Gy");
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_D_PERCENT, 95.0, buf, sizeof(buf)), RTFRAC_OK);
    assert_string_equal(buf, "D95%");
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_MEAN, 0.0, buf, sizeof(buf)), RTFRAC_OK);
    assert_string_equal(buf, "mean");
    /* the shortest text that reads back exactly, not %g's six digits */
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_D_CC, 0.1 + 0.2, buf, sizeof(buf)), RTFRAC_OK);
    assert_string_equal(buf, "D0.30000000000000004cc");
    /* errors */
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_D_PERCENT, 150.0, buf, sizeof(buf)), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_V_GY, 0.0, buf, sizeof(buf)), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_D_CC, NAN, buf, sizeof(buf)), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_constraint_metric_name((rtfrac_metric_kind)99, 1.0, buf, sizeof(buf)), RTFRAC_EINVAL);
    char small[5];
    assert_int_equal(rtfrac_constraint_metric_name(RTFRAC_METRIC_D_CC, 0.03, small, sizeof(small)), RTFRAC_ERANGE);
    assert_string_equal(small, "D0.0");
}

/* ---- alpha/beta -------------------------------------------------------- */

static rtfrac_tissue tissue(const char *id, double ab)
{
    rtfrac_tissue t;
    memset(&t, 0, sizeof(t));
    snprintf(t.id, sizeof(t.id), "%s", id);
    t.name = id;
    t.endpoint = "";
    t.source = "test";
    t.kind = RTFRAC_TISSUE_LATE;
    t.alpha_beta_gy = ab;
    return t;
}

static void test_alpha_beta_order(void **state)
{
    (void)state;
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    rtfrac_tissue cord = tissue("spinal-cord", 2.0);
    double ab = -1.0;
    rtfrac_constraint_ab_source from = RTFRAC_CONSTRAINT_AB_NONE;

    /* the constraint's own wins over its tissue's and the caller's */
    k.tissue = "spinal-cord";
    k.has_alpha_beta = 1;
    k.alpha_beta_gy = 2.385;
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, &cord, 10.0, &ab, &from), RTFRAC_OK);
    assert_rel(ab, 2.385, 0.0);
    assert_int_equal(from, RTFRAC_CONSTRAINT_AB_CONSTRAINT);
    /* then the tissue's */
    k.has_alpha_beta = 0;
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, &cord, 10.0, &ab, &from), RTFRAC_OK);
    assert_rel(ab, 2.0, 0.0);
    assert_int_equal(from, RTFRAC_CONSTRAINT_AB_TISSUE);
    /* then the caller's */
    k.tissue = "";
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, NULL, 10.0, &ab, &from), RTFRAC_OK);
    assert_rel(ab, 10.0, 0.0);
    assert_int_equal(from, RTFRAC_CONSTRAINT_AB_CALLER);
    /* none: not an error, the caller decides */
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, NULL, 0.0, &ab, &from), RTFRAC_OK);
    assert_rel(ab, 0.0, 0.0);
    assert_int_equal(from, RTFRAC_CONSTRAINT_AB_NONE);
}

static void test_alpha_beta_errors(void **state)
{
    (void)state;
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    rtfrac_tissue liver = tissue("liver", 2.0);
    double ab = -1.0;
    rtfrac_constraint_ab_source from = RTFRAC_CONSTRAINT_AB_TISSUE;
    k.tissue = "spinal-cord";
    /* a tissue that is not the constraint's */
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, &liver, 0.0, &ab, &from), RTFRAC_EINVAL);
    k.tissue = "";
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, &liver, 0.0, &ab, &from), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, NULL, -3.0, &ab, &from), RTFRAC_EDOM);
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, NULL, NAN, &ab, &from), RTFRAC_EDOM);
    assert_int_equal(rtfrac_constraint_alpha_beta(&k, NULL, INFINITY, &ab, &from), RTFRAC_EDOM);
    assert_rel(ab, -1.0, 0.0);
    assert_int_equal(from, RTFRAC_CONSTRAINT_AB_TISSUE);
}

static void test_enum_names(void **state)
{
    (void)state;
    static const rtfrac_constraint_ab_source sources[] = {
        RTFRAC_CONSTRAINT_AB_NONE, RTFRAC_CONSTRAINT_AB_CONSTRAINT, RTFRAC_CONSTRAINT_AB_TISSUE,
        RTFRAC_CONSTRAINT_AB_CALLER,
    };
    static const char *const source_names[] = { "none", "constraint", "tissue", "caller" };
    static const rtfrac_constraint_verdict verdicts[] = {
        RTFRAC_CONSTRAINT_PASS, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL, RTFRAC_CONSTRAINT_FAIL,
        RTFRAC_CONSTRAINT_NOT_EVALUATED,
    };
    static const char *const verdict_names[] = { "pass", "pass-above-optimal", "fail", "not-evaluated" };
    for (size_t i = 0; i < 4; i++) {
        rtfrac_constraint_ab_source s;
        rtfrac_constraint_verdict v;
        assert_string_equal(rtfrac_constraint_ab_source_name(sources[i]), source_names[i]);
        assert_int_equal(rtfrac_constraint_ab_source_parse(source_names[i], &s), RTFRAC_OK);
        assert_int_equal(s, sources[i]);
        assert_string_equal(rtfrac_constraint_verdict_name(verdicts[i]), verdict_names[i]);
        assert_int_equal(rtfrac_constraint_verdict_parse(verdict_names[i], &v), RTFRAC_OK);
        assert_int_equal(v, verdicts[i]);
    }
    rtfrac_constraint_ab_source s = RTFRAC_CONSTRAINT_AB_TISSUE;
    rtfrac_constraint_verdict v = RTFRAC_CONSTRAINT_FAIL;
    assert_string_equal(rtfrac_constraint_ab_source_name((rtfrac_constraint_ab_source)42), "");
    assert_string_equal(rtfrac_constraint_verdict_name((rtfrac_constraint_verdict)42), "");
    assert_int_equal(rtfrac_constraint_ab_source_parse("--ab", &s), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_constraint_verdict_parse("passed", &v), RTFRAC_EINVAL);
    assert_int_equal(s, RTFRAC_CONSTRAINT_AB_TISSUE); /* untouched on error */
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
    assert_int_equal(rtfrac_constraint_verdict_parse("PASS", &v), RTFRAC_OK); /* case ignored, as every _parse */
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
}

/* ---- conversion -------------------------------------------------------- */

/* Spinal cord maximum point dose 30 Gy in 5 fractions (Timmerman RD, Semin
 * Radiat Oncol 2008;18:215-222, Table 1) at alpha/beta 2 Gy:
 *   BED = 30 (1 + 6/2) = 120 Gy, EQD2 = 120 / (1 + 2/2) = 60 Gy.
 * In 3 fractions: d = (2/2)(sqrt(1 + 4 120/(3 2)) - 1) = sqrt(81) - 1 = 8 Gy,
 * 24 Gy (Timmerman's own 3-fraction limit, 21.9 Gy, is not LQ-isoeffective
 * with his 5-fraction one at a/b 2: his table is not an LQ conversion).
 * In 1 fraction: d = sqrt(241) - 1 = 14.5242 Gy. */
static void test_convert_cord_timmerman(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);

    rtfrac_constraint_conversion c = convert(&m, &k, 2.0, 5);
    assert_rel(c.alpha_beta_gy, 2.0, 0.0);
    assert_int_equal(c.fractions, 5);
    assert_int_equal(c.exact, 1);
    assert_rel(c.limit.stated_gy, 30.0, 0.0);
    assert_rel(c.limit.dose_gy, 30.0, REL);
    assert_rel(c.limit.dose_per_fraction_gy, 6.0, REL);
    assert_rel(c.limit.bed_gy, 120.0, REL);
    assert_rel(c.limit.eqd2_gy, 60.0, REL);
    assert_int_equal(c.has_optimal_dose, 0);

    c = convert(&m, &k, 2.0, 3);
    assert_rel(c.limit.dose_gy, 24.0, REL);
    assert_rel(c.limit.dose_per_fraction_gy, 8.0, REL);
    assert_rel(c.limit.bed_gy, 120.0, REL);
    assert_rel(c.limit.eqd2_gy, 60.0, REL);

    c = convert(&m, &k, 2.0, 1);
    assert_rel(c.limit.dose_gy, sqrt(241.0) - 1.0, REL);
    assert_abs(c.limit.dose_gy, 14.5242, 5e-5);
}

/* QUANTEC spinal cord (Kirkpatrick JP et al., Int J Radiat Oncol Biol Phys
 * 2010;76(3 Suppl):S42-S49, abstract): myelopathy < 1% when the maximum
 * cord dose is limited to 13 Gy in one fraction or 20 Gy in three.  At
 * a/b 2: BED(13 x 1) = 13 (1 + 13/2) = 97.5 Gy, EQD2 = 48.75 Gy; in three
 * fractions d = sqrt(1 + 4 97.5/6) - 1 = sqrt(66) - 1 = 7.1240 Gy, 21.372 Gy,
 * so LQ at a/b 2 is more permissive than QUANTEC's own 3-fraction figure
 * (BED(20 x 3) = 20 (1 + 6.667/2) = 86.67 Gy). */
static void test_convert_cord_quantec(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MAX, 0.0, 13.0, RTFRAC_LIMIT_GY, 1, 0.0);
    rtfrac_constraint_conversion c = convert(&m, &k, 2.0, 3);
    assert_rel(c.limit.bed_gy, 97.5, REL);
    assert_rel(c.limit.eqd2_gy, 48.75, REL);
    assert_rel(c.limit.dose_gy, 3.0 * (sqrt(66.0) - 1.0), REL);
    assert_abs(c.limit.dose_gy, 21.372, 5e-4);
    rtfrac_constraint k3 = constraint(RTFRAC_METRIC_MAX, 0.0, 20.0, RTFRAC_LIMIT_GY, 3, 0.0);
    rtfrac_constraint_conversion c3 = convert(&m, &k3, 2.0, 3);
    assert_rel(c3.limit.bed_gy, 20.0 * (1.0 + 20.0 / 3.0 / 2.0), REL);
    assert_true(c3.limit.bed_gy < c.limit.bed_gy);
}

/* QUANTEC liver, mean dose to the normal liver < 30-32 Gy in 2 Gy
 * fractions, classic RILD < 5% (Marks LB et al., Int J Radiat Oncol Biol
 * Phys 2010;76(3 Suppl):S10-S19, Table 1, p. S17), as the shipped preset
 * quantec-liver states it (limit 32, optimal 30), at the liver tissue's a/b
 * 2 Gy (Tai A et al., IJROBP 2009;74:283-289), converted to 22 fractions:
 *   BED = 32 (1 + 2/2) = 64 Gy, EQD2 = 32 Gy,
 *   d = sqrt(1 + 4 64/(22 2)) - 1 = sqrt(75/11) - 1 = 1.611165 Gy, 35.4456 Gy;
 *   optimal: BED 60 Gy, d = sqrt(1 + 60/11) - 1 = 1.540580 Gy, 33.8928 Gy.
 * A mean: the conversion is approximate. */
static void test_convert_liver_quantec_preset(void **state)
{
    (void)state;
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_non_null(p);
    assert_int_equal(rtfrac_presets_load_dir(p, RTFRAC_SOURCE_PRESET_DIR, &d), RTFRAC_OK);
    const rtfrac_constraint_set *set = rtfrac_presets_find_constraint_set(p, "quantec-liver");
    assert_non_null(set);
    const rtfrac_constraint *k = NULL;
    for (size_t i = 0; i < set->nconstraints; i++)
        if (strcmp(set->constraints[i].id, "liver-mean-normal-liver-function") == 0)
            k = &set->constraints[i];
    assert_non_null(k);
    assert_int_equal(k->metric, RTFRAC_METRIC_MEAN);
    assert_rel(k->limit, 32.0, 0.0);
    assert_rel(k->optimal, 30.0, 0.0);

    double ab = 0.0;
    rtfrac_constraint_ab_source from = RTFRAC_CONSTRAINT_AB_NONE;
    assert_int_equal(rtfrac_constraint_alpha_beta(k, rtfrac_presets_find_tissue(p, k->tissue), 3.0,
                                                  &ab, &from),
                     RTFRAC_OK);
    assert_int_equal(from, RTFRAC_CONSTRAINT_AB_TISSUE);
    assert_rel(ab, 2.0, 0.0);

    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_constraint_conversion c = convert(&m, k, ab, 22);
    assert_int_equal(c.exact, 0);
    assert_rel(c.limit.bed_gy, 64.0, REL);
    assert_rel(c.limit.eqd2_gy, 32.0, REL);
    assert_rel(c.limit.dose_per_fraction_gy, lq_dpf(64.0, 22.0, 2.0), REL);
    assert_rel(c.limit.dose_per_fraction_gy, sqrt(75.0 / 11.0) - 1.0, REL);
    assert_abs(c.limit.dose_gy, 35.4456, 5e-5);
    assert_int_equal(c.has_optimal_dose, 1);
    assert_rel(c.optimal.stated_gy, 30.0, 0.0);
    assert_rel(c.optimal.bed_gy, 60.0, REL);
    assert_rel(c.optimal.eqd2_gy, 30.0, REL);
    assert_rel(c.optimal.dose_gy, 22.0 * (sqrt(1.0 + 60.0 / 11.0) - 1.0), REL);
    assert_abs(c.optimal.dose_gy, 33.8928, 5e-5);
    rtfrac_presets_free(p);
}

/* QUANTEC lung V20Gy <= 30 % in 2 Gy fractions (symptomatic pneumonitis
 * <= 20 %; Marks LB et al. 2010, Table 1, p. S17), at a/b 3 Gy converted to
 * 5 fractions: the threshold, BED = 20 (1 + 2/3) = 100/3 Gy, becomes
 * d = 1.5 (sqrt(1 + 4 (100/3)/15) - 1) = sqrt(89)/2 - 1.5 = 3.21699 Gy,
 * V16.085Gy; EQD2 of the threshold 20 Gy; the volume stays 30 %. */
static void test_convert_v_threshold(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_constraint k = constraint(RTFRAC_METRIC_V_GY, 20.0, 30.0, RTFRAC_LIMIT_PERCENT, 0, 2.0);
    k.has_optimal = 1;
    k.optimal = 25.0;
    rtfrac_constraint_conversion c = convert(&m, &k, 3.0, 5);
    assert_int_equal(c.exact, 1);
    assert_rel(c.limit.stated_gy, 20.0, 0.0);
    assert_rel(c.limit.bed_gy, 100.0 / 3.0, REL);
    assert_rel(c.limit.eqd2_gy, 20.0, REL);
    assert_rel(c.limit.dose_per_fraction_gy, sqrt(89.0) / 2.0 - 1.5, REL);
    assert_abs(c.limit.dose_gy, 16.085, 5e-4);
    /* the volume limits are not doses: nothing converted */
    assert_int_equal(c.has_optimal_dose, 0);
    assert_rel(k.limit, 30.0, 0.0);
}

/* Unround inputs, closed form: D0.03cc <= 24.3 Gy in 3 fractions at a/b
 * 2.385 Gy, to 8 fractions: BED = 24.3 (1 + 8.1/2.385), d from lq_dpf. */
static void test_convert_unround(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_constraint k = constraint(RTFRAC_METRIC_D_CC, 0.03, 24.3, RTFRAC_LIMIT_GY, 3, 0.0);
    rtfrac_constraint_conversion c = convert(&m, &k, 2.385, 8);
    double bed = 24.3 * (1.0 + 8.1 / 2.385);
    assert_rel(c.limit.bed_gy, bed, REL);
    assert_rel(c.limit.eqd2_gy, bed / (1.0 + 2.0 / 2.385), REL);
    assert_rel(c.limit.dose_per_fraction_gy, lq_dpf(bed, 8.0, 2.385), REL);
    assert_rel(c.limit.dose_gy, 8.0 * lq_dpf(bed, 8.0, 2.385), REL);
}

/* The model's dose-per-fraction term counts, its time and repair do not.
 * LQ-L with dT = 5 Gy (Astrahan M, Med Phys 2008;35:4161-4172), cord 30 Gy
 * in 5 at a/b 2: BED_f(6) = 5 (1 + 5/2) + (1 + 2 5/2)(6 - 5) = 23.5 Gy,
 * BED = 117.5 Gy, EQD2 = 58.75 Gy (2 Gy reference fractions are below dT);
 * in one fraction 17.5 + 6 (d - 5) = 117.5, d = 5 + 100/6 = 21.667 Gy. */
static void test_convert_model(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 5.0;
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    rtfrac_constraint_conversion c = convert(&m, &k, 2.0, 1);
    assert_rel(c.limit.bed_gy, 117.5, REL_ROOT);
    assert_rel(c.limit.eqd2_gy, 58.75, REL_ROOT);
    assert_rel(c.limit.dose_gy, 5.0 + 100.0 / 6.0, REL_ROOT);

    /* repopulation and incomplete repair are ignored for organ limits */
    rtfrac_model t;
    rtfrac_model_init(&t);
    t.time = 1;
    t.tk_days = 0.0;
    t.dprolif_gy_per_day = 0.9;
    c = convert(&t, &k, 2.0, 3);
    assert_rel(c.limit.dose_gy, 24.0, REL);
    assert_rel(c.limit.eqd2_gy, 60.0, REL);
}

static void test_convert_errors(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    rtfrac_constraint_conversion c, before;
    memset(&c, 0x5a, sizeof(c));
    before = c;
    assert_int_equal(rtfrac_constraint_convert(&m, &k, 0.0, 5, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_constraint_convert(&m, &k, -2.0, 5, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_constraint_convert(&m, &k, NAN, 5, &c), RTFRAC_EDOM);
    assert_int_equal(rtfrac_constraint_convert(&m, &k, 2.0, 0, &c), RTFRAC_EDOM);
    /* stated in both 5 fractions and 2 Gy fractions, or in neither */
    k.dose_per_fraction_gy = 2.0;
    assert_int_equal(rtfrac_constraint_convert(&m, &k, 2.0, 5, &c), RTFRAC_EDOM);
    k.fractions = 0;
    k.dose_per_fraction_gy = 0.0;
    assert_int_equal(rtfrac_constraint_convert(&m, &k, 2.0, 5, &c), RTFRAC_EDOM);
    /* a dose limit in % and a volume limit in Gy */
    rtfrac_constraint bad = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_PERCENT, 5, 0.0);
    assert_int_equal(rtfrac_constraint_convert(&m, &bad, 2.0, 5, &c), RTFRAC_EINVAL);
    bad = constraint(RTFRAC_METRIC_V_GY, 20.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    assert_int_equal(rtfrac_constraint_convert(&m, &bad, 2.0, 5, &c), RTFRAC_EINVAL);
    /* an LQ-L model without its transition dose cannot convert */
    rtfrac_model lql;
    rtfrac_model_init(&lql);
    lql.kind = RTFRAC_MODEL_LQL;
    k = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    assert_int_equal(rtfrac_constraint_convert(&lql, &k, 2.0, 5, &c), RTFRAC_EDOM);
    assert_memory_equal(&c, &before, sizeof(c));
}

/* ---- verdict ----------------------------------------------------------- */

static void test_check_dose_boundaries(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    /* liver mean <= 32 Gy (optimal 30 Gy) at 2 Gy per fraction, a/b 2:
     * limit EQD2 32 Gy, optimal EQD2 30 Gy whatever the plan's fractions */
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MEAN, 0.0, 32.0, RTFRAC_LIMIT_GY, 0, 2.0);
    k.has_optimal = 1;
    k.optimal = 30.0;
    rtfrac_constraint_conversion c = convert(&m, &k, 2.0, 22);
    rtfrac_constraint_verdict v = RTFRAC_CONSTRAINT_NOT_EVALUATED;
    const double lim = c.limit.eqd2_gy, opt = c.optimal.eqd2_gy;
    assert_rel(lim, 32.0, REL);
    assert_rel(opt, 30.0, REL);

    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 12.5, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, opt, &v), RTFRAC_OK); /* at the optimal limit */
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, nextafter(opt, 100.0), &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, lim, &v), RTFRAC_OK); /* at the limit */
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, nextafter(lim, 100.0), &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 0, NAN, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_NOT_EVALUATED);

    /* without an optimal limit: at the limit passes */
    rtfrac_constraint k2 = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    rtfrac_constraint_conversion c2 = convert(&m, &k2, 2.0, 5);
    assert_int_equal(rtfrac_constraint_check(&k2, &c2, 1, 60.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    assert_int_equal(rtfrac_constraint_check(&k2, &c2, 1, 60.01, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
}

/* A partial curve's bound decides only on its own side (issue 10): the liver
 * mean limit of test_check_dose_boundaries, EQD2 32 Gy (optimal 30 Gy). */
static void test_check_bounded(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MEAN, 0.0, 32.0, RTFRAC_LIMIT_GY, 0, 2.0);
    k.has_optimal = 1;
    k.optimal = 30.0;
    rtfrac_constraint_conversion c = convert(&m, &k, 2.0, 22);
    rtfrac_constraint_verdict v = RTFRAC_CONSTRAINT_PASS;
    /* at least 35 Gy: above 32 whatever the true value, a sure failure */
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 35.0, RTFRAC_DVH_AT_LEAST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
    /* at least 12 Gy: the true mean may be above 32: never a pass */
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 12.0, RTFRAC_DVH_AT_LEAST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_NOT_EVALUATED);
    /* at most 20 Gy: within both limits */
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 20.0, RTFRAC_DVH_AT_MOST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    /* at most 31 Gy: within the limit, perhaps above the optimal one: warned */
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 31.0, RTFRAC_DVH_AT_MOST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    /* at most 40 Gy: may be within or above: not judged */
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 40.0, RTFRAC_DVH_AT_MOST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_NOT_EVALUATED);
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 40.0, RTFRAC_DVH_UNKNOWN, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_NOT_EVALUATED);
    /* exact values as rtfrac_constraint_check */
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 32.5, RTFRAC_DVH_EXACT, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
}

static void test_check_volume_boundaries(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    /* V20Gy <= 30 % (optimal 25 %): the volume is compared as stated */
    rtfrac_constraint k = constraint(RTFRAC_METRIC_V_GY, 20.0, 30.0, RTFRAC_LIMIT_PERCENT, 0, 2.0);
    k.has_optimal = 1;
    k.optimal = 25.0;
    rtfrac_constraint_conversion c = convert(&m, &k, 3.0, 5);
    rtfrac_constraint_verdict v = RTFRAC_CONSTRAINT_NOT_EVALUATED;
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 25.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 27.5, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 30.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 30.001, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 0.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
}

static void test_check_errors(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MAX, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    rtfrac_constraint_conversion c = convert(&m, &k, 2.0, 5);
    rtfrac_constraint_verdict v = RTFRAC_CONSTRAINT_NOT_EVALUATED;
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, -1.0, &v), RTFRAC_EDOM);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, NAN, &v), RTFRAC_EDOM);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, INFINITY, &v), RTFRAC_EDOM);
    /* a conversion made before the constraint gained an optimal limit */
    k.has_optimal = 1;
    k.optimal = 28.0;
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 10.0, &v), RTFRAC_EINVAL);
    assert_int_equal(v, RTFRAC_CONSTRAINT_NOT_EVALUATED);
}

/* ---- value ------------------------------------------------------------- */

/* Two bins of 2 cm3 each, 0-10 Gy and 10-20 Gy (doses 5 and 15 Gy):
 * mean = (2 5 + 2 15)/4 = 10 Gy, max = 20 Gy; D50% (2 cm3) = 10 Gy;
 * D1cc = 20 - (1/2) 10 = 15 Gy; V15Gy = 2 (20 - 15)/10 = 1 cm3 = 25 %;
 * V5Gy = 2 (10 - 5)/10 + 2 = 3 cm3 = 75 %. */
static void test_value(void **state)
{
    (void)state;
    double dose[] = { 5.0, 15.0 }, lo[] = { 0.0, 10.0 }, hi[] = { 10.0, 20.0 }, vol[] = { 2.0, 2.0 };
    rtfrac_dvh_bins b = { .n = 2, .dose_gy = dose, .lo_gy = lo, .hi_gy = hi, .volume = vol, .absolute = 1, .total_volume = 4.0 };
    double v = -1.0;
    rtfrac_constraint k = constraint(RTFRAC_METRIC_MEAN, 0.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    assert_int_equal(rtfrac_constraint_value(&k, &b, 99.0, &v), RTFRAC_OK);
    assert_rel(v, 10.0, REL);
    k.metric = RTFRAC_METRIC_MAX;
    assert_int_equal(rtfrac_constraint_value(&k, &b, 0.0, &v), RTFRAC_OK);
    assert_rel(v, 20.0, REL);
    k = constraint(RTFRAC_METRIC_D_PERCENT, 50.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    assert_int_equal(rtfrac_constraint_value(&k, &b, 0.0, &v), RTFRAC_OK);
    assert_rel(v, 10.0, REL);
    k = constraint(RTFRAC_METRIC_D_CC, 1.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    assert_int_equal(rtfrac_constraint_value(&k, &b, 0.0, &v), RTFRAC_OK);
    assert_rel(v, 15.0, REL);
    k = constraint(RTFRAC_METRIC_V_GY, 12.0, 30.0, RTFRAC_LIMIT_CC, 5, 0.0);
    assert_int_equal(rtfrac_constraint_value(&k, &b, 15.0, &v), RTFRAC_OK);
    assert_rel(v, 1.0, REL);
    k.unit = RTFRAC_LIMIT_PERCENT;
    assert_int_equal(rtfrac_constraint_value(&k, &b, 15.0, &v), RTFRAC_OK);
    assert_rel(v, 25.0, REL);
    assert_int_equal(rtfrac_constraint_value(&k, &b, 5.0, &v), RTFRAC_OK);
    assert_rel(v, 75.0, REL);

    /* a relative DVH has no cm3 */
    double rvol[] = { 0.5, 0.5 };
    rtfrac_dvh_bins r = { .n = 2, .dose_gy = dose, .lo_gy = lo, .hi_gy = hi, .volume = rvol, .absolute = 0, .total_volume = 1.0 };
    v = -1.0;
    k = constraint(RTFRAC_METRIC_D_CC, 1.0, 30.0, RTFRAC_LIMIT_GY, 5, 0.0);
    assert_int_equal(rtfrac_constraint_value(&k, &r, 0.0, &v), RTFRAC_EDOM);
    k = constraint(RTFRAC_METRIC_V_GY, 12.0, 30.0, RTFRAC_LIMIT_CC, 5, 0.0);
    assert_int_equal(rtfrac_constraint_value(&k, &r, 15.0, &v), RTFRAC_EDOM);
    k.unit = RTFRAC_LIMIT_GY;
    assert_int_equal(rtfrac_constraint_value(&k, &b, 15.0, &v), RTFRAC_EINVAL);
    assert_rel(v, -1.0, 0.0);
    k.unit = RTFRAC_LIMIT_PERCENT;
    assert_int_equal(rtfrac_constraint_value(&k, &r, 15.0, &v), RTFRAC_OK);
    assert_rel(v, 25.0, REL);
}

/* A lower bound (bound = lower, a target's minimum: EMBRACE II HR-CTV D90
 * limit 85 Gy, aim 90 Gy EQD2) mirrors the verdicts: below 85 fails,
 * between 85 and 90 is short of the optimal, at or above 90 passes; a
 * partial curve's AT_LEAST value passes only when already at the limit. */
static void test_check_lower_bound(void **state)
{
    (void)state;
    rtfrac_constraint k;
    rtfrac_constraint_conversion c;
    rtfrac_constraint_verdict v;
    rtfrac_model m;
    memset(&k, 0, sizeof(k));
    k.metric = RTFRAC_METRIC_D_PERCENT;
    k.metric_x = 90.0;
    k.limit = 85.0;
    k.has_optimal = 1;
    k.optimal = 90.0;
    k.lower_bound = 1;
    k.unit = RTFRAC_LIMIT_GY;
    k.dose_per_fraction_gy = 2.0;
    rtfrac_model_init(&m);
    assert_int_equal(rtfrac_constraint_convert(&m, &k, 10.0, 1, &c), RTFRAC_OK);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 84.9, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 85.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 90.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 95.0, RTFRAC_DVH_AT_LEAST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 80.0, RTFRAC_DVH_AT_LEAST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_NOT_EVALUATED);
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 80.0, RTFRAC_DVH_AT_MOST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
}

/* An aim-only constraint (aim_only: an optimal, no limit), e.g. the
 * IR-CTV D98 > 60 Gy EQD2 aim of the ESGO/ESTRO cervix quality indicators
 * (Int J Gynecol Cancer 2023, Table 3: no limit row value).  Conversion:
 * the optimal only, by the closed form of the header (BED = EQD2 (1 +
 * 2/(a/b)); d_N = (a/b)/2 (sqrt(1 + 4 BED/(N a/b)) - 1)); the limit stays
 * zero and has_limit_dose 0.  Verdict: never FAIL, however far from the
 * aim: PASS within it, PASS_ABOVE_OPTIMAL beyond it (upper) or short of it
 * (lower). */
static void test_aim_only(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_constraint_conversion c;
    rtfrac_constraint_verdict v;
    rtfrac_model_init(&m);
    /* upper: rectum D2cc aim 65 Gy EQD2 (2 Gy fractions), a/b 3, into 5 fractions */
    rtfrac_constraint k = constraint(RTFRAC_METRIC_D_CC, 2.0, 0.0, RTFRAC_LIMIT_GY, 0, 2.0);
    k.aim_only = 1;
    k.has_optimal = 1;
    k.optimal = 65.0;
    assert_int_equal(rtfrac_constraint_convert(&m, &k, 3.0, 5, &c), RTFRAC_OK);
    double bed = 65.0 * (1.0 + 2.0 / 3.0), d = 1.5 * (sqrt(1.0 + 4.0 * bed / (5.0 * 3.0)) - 1.0);
    assert_false(c.has_limit_dose);
    assert_true(c.has_optimal_dose);
    assert_rel(c.limit.dose_gy, 0.0, 0.0);
    assert_rel(c.limit.eqd2_gy, 0.0, 0.0);
    assert_rel(c.optimal.bed_gy, bed, REL);
    assert_rel(c.optimal.eqd2_gy, 65.0, REL);
    assert_rel(c.optimal.dose_per_fraction_gy, d, REL);
    assert_rel(c.optimal.dose_gy, 5.0 * d, REL);
    const double upper_values[] = { 0.0, 64.9, 65.0, 65.1, 90.0, 1000.0 };
    const rtfrac_constraint_verdict upper_verdicts[] = { RTFRAC_CONSTRAINT_PASS, RTFRAC_CONSTRAINT_PASS,
                                                         RTFRAC_CONSTRAINT_PASS, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL,
                                                         RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL,
                                                         RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL };
    for (size_t i = 0; i < sizeof(upper_values) / sizeof(upper_values[0]); i++) {
        assert_int_equal(rtfrac_constraint_check(&k, &c, 1, upper_values[i], &v), RTFRAC_OK);
        assert_int_equal(v, upper_verdicts[i]);
    }
    /* a partial curve: at most within the aim passes; at least beyond it is surely beyond (the aim takes
     * the limit's part), at least within it is not judged; at most beyond it is flagged */
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 60.0, RTFRAC_DVH_AT_MOST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 70.0, RTFRAC_DVH_AT_LEAST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 60.0, RTFRAC_DVH_AT_LEAST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_NOT_EVALUATED);
    assert_int_equal(rtfrac_constraint_check_bounded(&k, &c, 1, 70.0, RTFRAC_DVH_AT_MOST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL); /* may lie beyond the aim: flagged */
    /* lower: IR-CTV D98 aim 60 Gy EQD2, a/b 10, into 1 fraction */
    rtfrac_constraint t = constraint(RTFRAC_METRIC_D_PERCENT, 98.0, 0.0, RTFRAC_LIMIT_GY, 0, 2.0);
    t.aim_only = 1;
    t.has_optimal = 1;
    t.optimal = 60.0;
    t.lower_bound = 1;
    assert_int_equal(rtfrac_constraint_convert(&m, &t, 10.0, 1, &c), RTFRAC_OK);
    bed = 60.0 * 1.2;
    d = 5.0 * (sqrt(1.0 + 4.0 * bed / 10.0) - 1.0);
    assert_false(c.has_limit_dose);
    assert_rel(c.optimal.dose_gy, d, REL);
    assert_rel(c.optimal.eqd2_gy, 60.0, REL);
    const double lower_values[] = { 0.0, 59.9, 60.0, 95.0 };
    const rtfrac_constraint_verdict lower_verdicts[] = { RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL,
                                                         RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL, RTFRAC_CONSTRAINT_PASS,
                                                         RTFRAC_CONSTRAINT_PASS };
    for (size_t i = 0; i < sizeof(lower_values) / sizeof(lower_values[0]); i++) {
        assert_int_equal(rtfrac_constraint_check(&t, &c, 1, lower_values[i], &v), RTFRAC_OK);
        assert_int_equal(v, lower_verdicts[i]);
    }
    /* a minimum's sides swap: at most 50 Gy is surely short of the aim; at least 50 Gy may be short of it
     * and stays flagged (as an optimal is kept as a warning beside a limit) */
    assert_int_equal(rtfrac_constraint_check_bounded(&t, &c, 1, 50.0, RTFRAC_DVH_AT_MOST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check_bounded(&t, &c, 1, 50.0, RTFRAC_DVH_AT_LEAST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check_bounded(&t, &c, 1, 65.0, RTFRAC_DVH_AT_LEAST, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    /* V<x>Gy with an aim only: the threshold is converted as always, the volume aim judged as stated */
    rtfrac_constraint w = constraint(RTFRAC_METRIC_V_GY, 20.0, 0.0, RTFRAC_LIMIT_PERCENT, 0, 2.0);
    w.aim_only = 1;
    w.has_optimal = 1;
    w.optimal = 25.0;
    assert_int_equal(rtfrac_constraint_convert(&m, &w, 3.0, 1, &c), RTFRAC_OK);
    assert_false(c.has_limit_dose);
    assert_false(c.has_optimal_dose);
    assert_rel(c.limit.eqd2_gy, 20.0, REL);
    assert_int_equal(rtfrac_constraint_check(&w, &c, 1, 80.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL);
    assert_int_equal(rtfrac_constraint_check(&w, &c, 1, 25.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_PASS);
    /* errors: neither a limit nor an aim; a conversion of the constraint with its limit */
    rtfrac_constraint none = k;
    none.has_optimal = 0;
    c.fractions = 77;
    assert_int_equal(rtfrac_constraint_convert(&m, &none, 3.0, 5, &c), RTFRAC_EINVAL);
    assert_int_equal(c.fractions, 77);
    rtfrac_constraint with_limit = k;
    with_limit.aim_only = 0;
    with_limit.limit = 75.0;
    assert_int_equal(rtfrac_constraint_convert(&m, &with_limit, 3.0, 5, &c), RTFRAC_OK);
    assert_true(c.has_limit_dose);
    v = RTFRAC_CONSTRAINT_NOT_EVALUATED;
    assert_int_equal(rtfrac_constraint_check(&k, &c, 1, 70.0, &v), RTFRAC_EINVAL);
    assert_int_equal(v, RTFRAC_CONSTRAINT_NOT_EVALUATED);
    assert_int_equal(rtfrac_constraint_check(&with_limit, &c, 1, 80.0, &v), RTFRAC_OK);
    assert_int_equal(v, RTFRAC_CONSTRAINT_FAIL);
}

/* A dose stated in 2 Gy fractions is its own EQD2, exactly: 85 Gy at a/b 3
 * went through BED = 85 (1 + 2/3) and back to 85.00000000000001, which a
 * column of inputs shown as given printed in full (rtfrac brachy, bladder
 * D2cc limit of esgo-estro-2023-cervix-brachy). */
static void test_convert_eqd2_exact(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_constraint_conversion c;
    rtfrac_model_init(&m);
    rtfrac_constraint k = constraint(RTFRAC_METRIC_D_CC, 2.0, 85.0, RTFRAC_LIMIT_GY, 0, 2.0);
    k.has_optimal = 1;
    k.optimal = 80.0;
    for (unsigned long n = 1; n <= 30; n++) {
        assert_int_equal(rtfrac_constraint_convert(&m, &k, 3.0, n, &c), RTFRAC_OK);
        assert_true(!(c.limit.eqd2_gy < 85.0) && !(c.limit.eqd2_gy > 85.0));
        assert_true(!(c.optimal.eqd2_gy < 80.0) && !(c.optimal.eqd2_gy > 80.0));
        assert_rel(c.limit.bed_gy, 85.0 * (1.0 + 2.0 / 3.0), REL);
    }
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_lower_bound),
        cmocka_unit_test(test_aim_only),
        cmocka_unit_test(test_convert_eqd2_exact),
        cmocka_unit_test(test_metric_parse_valid),
        cmocka_unit_test(test_metric_parse_invalid),
        cmocka_unit_test(test_metric_name),
        cmocka_unit_test(test_alpha_beta_order),
        cmocka_unit_test(test_alpha_beta_errors),
        cmocka_unit_test(test_enum_names),
        cmocka_unit_test(test_convert_cord_timmerman),
        cmocka_unit_test(test_convert_cord_quantec),
        cmocka_unit_test(test_convert_liver_quantec_preset),
        cmocka_unit_test(test_convert_v_threshold),
        cmocka_unit_test(test_convert_unround),
        cmocka_unit_test(test_convert_model),
        cmocka_unit_test(test_convert_errors),
        cmocka_unit_test(test_check_dose_boundaries),
        cmocka_unit_test(test_check_volume_boundaries),
        cmocka_unit_test(test_check_bounded),
        cmocka_unit_test(test_check_errors),
        cmocka_unit_test(test_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
