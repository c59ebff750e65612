/* Tests of the plan evaluation (rtfrac/plan_eval.h) and of DVH bins under
 * a model (rtfrac_dvh_bins_eqd2_model, rtfrac/dvh.h).  Every expected value
 * is computed independently in the comment above it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define REL 1e-12

/* One bin at a single dose (lo = hi = dose) holding `volume` cm3. */
static void one_bin(rtfrac_dvh_bins *b, double *dose, double *vol, double dose_gy, double volume)
{
    memset(b, 0, sizeof(*b));
    *dose = dose_gy;
    *vol = volume;
    b->n = 1;
    b->dose_gy = b->lo_gy = b->hi_gy = dose;
    b->volume = vol;
    b->absolute = 1;
    b->total_volume = volume;
}

static void time_model(rtfrac_model *m, double tk, double k)
{
    rtfrac_model_init(m);
    m->time = 1;
    m->tk_days = tk;
    m->dprolif_gy_per_day = k;
}

/* 55 Gy in 22 fractions at alpha/beta 10 Gy, Tk 21 d, K 0.5 Gy/d: 22
 * weekday fractions from a Monday end on day 29 (4 weeks + 2 days = 28 + 1
 * counted from day 0: days 0..4, 7..11, 14..18, 21..25, 28, 29 -> T 29).
 * BED = 55 (1 + 2.5/10) = 68.75, minus 0.5 (29 - 21) = 4: 64.75 Gy;
 * EQD2 = 64.75 / (1 + 2/10) = 53.958333 Gy. */
static void test_bin_with_time(void **state)
{
    (void)state;
    rtfrac_dvh_bins in, out;
    rtfrac_dvh_model_info info;
    rtfrac_model m;
    double d, v;
    one_bin(&in, &d, &v, 55.0, 1.0);
    time_model(&m, 21.0, 0.5);
    assert_int_equal(rtfrac_dvh_bins_eqd2_model(&in, 22, &m, 10.0, &out, &info), RTFRAC_OK);
    assert_rel(out.dose_gy[0], 64.75 / 1.2, REL);
    assert_rel(out.hi_gy[0], 64.75 / 1.2, REL);
    assert_rel(out.volume[0], 1.0, REL);
    assert_int_equal(info.clamped_bins, 0);
    /* 55 / 22 = 2.5 Gy per fraction */
    assert_rel(info.max_dose_per_fraction_gy, 2.5, REL);
    rtfrac_dvh_bins_release(&out);
}

/* LQ-L (Astrahan 2008), dT 6 Gy, alpha/beta 3 Gy, a bin of 30 Gy in 3
 * fractions: d = 10 Gy > dT, BED_f = 6 (1 + 6/3) + (1 + 12/3)(10 - 6)
 * = 18 + 20 = 38 Gy, BED = 114 Gy; the reference 2 Gy is below dT, so
 * BED_f(2) = 2 (1 + 2/3) = 10/3 and EQD2 = 114 / (10/3 / 2) = 68.4 Gy
 * (plain LQ would give 30 (10 + 3) / 5 = 78 Gy). */
static void test_bin_lql_above_dt(void **state)
{
    (void)state;
    rtfrac_dvh_bins in, out;
    rtfrac_dvh_model_info info;
    rtfrac_model m;
    double d, v;
    one_bin(&in, &d, &v, 30.0, 2.0);
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 6.0;
    assert_int_equal(rtfrac_dvh_bins_eqd2_model(&in, 3, &m, 3.0, &out, &info), RTFRAC_OK);
    assert_rel(out.dose_gy[0], 68.4, REL);
    assert_rel(info.max_dose_per_fraction_gy, 10.0, REL);
    rtfrac_dvh_bins_release(&out);
}

/* A cold bin under time: 2 Gy in 22 fractions, BED = 2 (1 + (2/22)/10)
 * = 2.018 Gy, minus 4 Gy of repopulation: negative, clamped at 0 and
 * counted; EQD2 0. */
static void test_bin_clamped(void **state)
{
    (void)state;
    rtfrac_dvh_bins in, out;
    rtfrac_dvh_model_info info;
    rtfrac_model m;
    double d, v;
    one_bin(&in, &d, &v, 2.0, 5.0);
    time_model(&m, 21.0, 0.5);
    assert_int_equal(rtfrac_dvh_bins_eqd2_model(&in, 22, &m, 10.0, &out, &info), RTFRAC_OK);
    assert_int_equal(info.clamped_bins, 1);
    assert_rel(out.dose_gy[0], 0.0, REL);
    rtfrac_dvh_bins_release(&out);
    /* a bin without volume is converted alike but not counted */
    v = 0.0;
    assert_int_equal(rtfrac_dvh_bins_eqd2_model(&in, 22, &m, 10.0, &out, &info), RTFRAC_OK);
    assert_int_equal(info.clamped_bins, 0);
    assert_rel(info.max_dose_per_fraction_gy, 0.0, REL);
    rtfrac_dvh_bins_release(&out);
}

/* Plain LQ gives rtfrac_dvh_bins_eqd2 to the bit: 2.385 Gy x 30 at
 * alpha/beta 3: EQD2 = 71.55 (2.385 + 3) / 5 = 77.06133 Gy. */
static void test_plain_lq_is_closed_form(void **state)
{
    (void)state;
    rtfrac_dvh_bins in, a, b;
    rtfrac_model m;
    double d, v;
    one_bin(&in, &d, &v, 71.55, 1.0);
    rtfrac_model_init(&m);
    assert_int_equal(rtfrac_dvh_bins_eqd2_model(&in, 30, &m, 3.0, &a, NULL), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_bins_eqd2(&in, 30, 3.0, &b), RTFRAC_OK);
    assert_memory_equal(a.dose_gy, b.dose_gy, sizeof(double));
    assert_rel(a.dose_gy[0], 71.55 * 5.385 / 5.0, REL);
    rtfrac_dvh_bins_release(&a);
    rtfrac_dvh_bins_release(&b);
}

static void test_bin_errors(void **state)
{
    (void)state;
    rtfrac_dvh_bins in, out;
    rtfrac_model m;
    double d, v, dpf = -1.0;
    one_bin(&in, &d, &v, 55.0, 1.0);
    rtfrac_model_init(&m);
    assert_int_equal(rtfrac_dvh_bins_eqd2_model(&in, 0, &m, 10.0, &out, NULL), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_bins_eqd2_model(&in, 22, &m, 0.0, &out, NULL), RTFRAC_EDOM);
    m.kind = RTFRAC_MODEL_LQL; /* without dT */
    assert_int_equal(rtfrac_dvh_bins_eqd2_model(&in, 22, &m, 10.0, &out, NULL), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_bins_max_dose_per_fraction(&in, 0, &dpf), RTFRAC_EDOM);
    assert_rel(dpf, -1.0, REL);
}

static void test_validity(void **state)
{
    (void)state;
    rtfrac_plan_eval_validity v;
    rtfrac_plan_eval_source s;
    rtfrac_plan_eval_validity_init(&v);
    assert_int_equal(v.source, RTFRAC_PLAN_EVAL_SOURCE_NONE);
    assert_int_equal(rtfrac_plan_eval_validity_add(&v, RTFRAC_PLAN_EVAL_SOURCE_PRESCRIPTION, "PTV-1", 2.5), RTFRAC_OK);
    /* 13 Gy in one fraction, as a constraint states it */
    assert_int_equal(rtfrac_plan_eval_validity_add(&v, RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_STATED, "s/k", 13.0), RTFRAC_OK);
    assert_int_equal(rtfrac_plan_eval_validity_add(&v, RTFRAC_PLAN_EVAL_SOURCE_DVH, "Liver", 2.73), RTFRAC_OK);
    assert_rel(v.max_dose_per_fraction_gy, 13.0, REL);
    assert_int_equal(v.source, RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_STATED);
    assert_string_equal(v.what, "s/k");
    assert_true(rtfrac_plan_eval_validity_lq_exceeded(&v, RTFRAC_MODEL_LQ));
    assert_false(rtfrac_plan_eval_validity_lq_exceeded(&v, RTFRAC_MODEL_LQL));
    assert_int_equal(rtfrac_plan_eval_validity_add(&v, RTFRAC_PLAN_EVAL_SOURCE_DVH, "x", -1.0), RTFRAC_EDOM);
    assert_rel(v.max_dose_per_fraction_gy, 13.0, REL);
    for (int i = RTFRAC_PLAN_EVAL_SOURCE_NONE; i <= RTFRAC_PLAN_EVAL_SOURCE_DVH; i++) {
        assert_int_equal(rtfrac_plan_eval_source_parse(rtfrac_plan_eval_source_name((rtfrac_plan_eval_source)i), &s),
                         RTFRAC_OK);
        assert_int_equal(s, i);
    }
    assert_int_equal(rtfrac_plan_eval_source_parse("Constraint-Stated", &s), RTFRAC_OK);
    assert_int_equal(s, RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_STATED);
    assert_int_equal(rtfrac_plan_eval_source_parse("bogus", &s), RTFRAC_EINVAL);
    assert_string_equal(rtfrac_plan_eval_source_name((rtfrac_plan_eval_source)99), "");
}

typedef struct fixture {
    rtfrac_presets *p;
    rtfrac_dvh_set *dvh;
    const rtfrac_plan *plan;
    const rtfrac_constraint_set *set;
    const rtfrac_tissue *tissues[8];
} fixture;

static void load(fixture *f)
{
    rtfrac_diag d;
    memset(f, 0, sizeof(*f));
    f->p = rtfrac_presets_alloc();
    assert_non_null(f->p);
    assert_int_equal(rtfrac_presets_load_dir(f->p, RTFRAC_SOURCE_PRESET_DIR, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_read(RTFRAC_SOURCE_PRESET_DIR "/../tests/cli/fixtures/hcc-sib-synthetic.dvh.csv",
                                     RTFRAC_DVH_FORMAT_AUTO, &f->dvh, &d), RTFRAC_OK);
    f->plan = rtfrac_presets_find_plan(f->p, "hcc-sib-55-44");
    f->set = rtfrac_presets_find_constraint_set(f->p, "quantec-liver");
    assert_non_null(f->plan);
    assert_non_null(f->set);
    assert_true(f->dvh->n <= 8);
    for (size_t i = 0; i < f->dvh->n; i++) {
        const char *name = f->dvh->dvhs[i].name;
        f->tissues[i] = rtfrac_presets_find_tissue(f->p, strncmp(name, "PTV", 3) == 0 ? "hcc"
                                                        : strcmp(name, "Liver") == 0 ? "liver"
                                                                                      : "spinal-cord");
    }
}

static void unload(fixture *f)
{
    rtfrac_dvh_set_free(f->dvh);
    rtfrac_presets_free(f->p);
}

static const rtfrac_plan_eval_structure *structure(const rtfrac_plan_eval *e, const char *name)
{
    for (size_t i = 0; i < e->nstructures; i++)
        if (strcmp(e->structures[i].dvh->name, name) == 0)
            return &e->structures[i];
    fail_msg("no structure %s", name);
    return NULL;
}

/* The founding plan: PTV-1 55 Gy, PTV-2 44 Gy in 22 fractions, hcc
 * alpha/beta 10, liver and cord 2.  PTV-1 EQD2 = 55 (2.5 + 10) / 12 =
 * 57.291667 Gy; Liver @ PTV-1 = 55 (2.5 + 2) / 4 = 61.875 Gy.  Quantec
 * liver states 15 Gy in 3 fractions: 5 Gy per fraction, the largest dose
 * per fraction of the report (targets 2.5 Gy, DVH bins up to 60/22 =
 * 2.73 Gy, limits converted to 22 fractions below 2 Gy). */
static void test_run_founding(void **state)
{
    (void)state;
    fixture f;
    rtfrac_plan_eval_input in;
    rtfrac_plan_eval *e = NULL;
    rtfrac_diag d;
    load(&f);
    rtfrac_plan_eval_input_init(&in);
    in.presets = f.p;
    in.plan = f.plan;
    in.constraint_sets = &f.set;
    in.nconstraint_sets = 1;
    in.dvh = f.dvh;
    in.structure_tissues = f.tissues;
    assert_int_equal(rtfrac_plan_eval_run(&in, &e, &d), RTFRAC_OK);
    /* 2 targets + 2 organs x 2 targets */
    assert_int_equal(e->nrows, 6);
    assert_rel(e->rows[0].effect.eqd2_gy, 55.0 * 12.5 / 12.0, REL);
    assert_int_equal(e->rows[2].oar, 0);
    assert_int_equal(e->rows[2].target, 0);
    assert_rel(e->rows[2].effect.eqd2_gy, 55.0 * 4.5 / 4.0, REL);
    assert_int_equal(e->nstructures, 4);
    assert_true(structure(e, "Liver")->has_eqd2);
    /* 6 mean-dose limits of the liver, each on the one Liver structure */
    assert_int_equal(e->nchecks, 6);
    for (size_t i = 0; i < e->nchecks; i++) {
        assert_true(e->checks[i].converted);
        assert_true(e->checks[i].has_value);
        assert_int_equal(e->checks[i].verdict, RTFRAC_CONSTRAINT_PASS);
    }
    /* the first: mean 32 Gy in 2 Gy fractions at alpha/beta 2: EQD2 32 Gy */
    assert_rel(e->checks[0].conversion.limit.eqd2_gy, 32.0, REL);
    assert_rel(e->validity.max_dose_per_fraction_gy, 5.0, REL);
    assert_int_equal(e->validity.source, RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_STATED);
    assert_int_equal(e->ncomparison_rows, 0);
    rtfrac_plan_eval_free(e);
    unload(&f);
}

/* Aim-only constraints (optimal without limit) stated in 5 fractions
 * (tests/cli/fixtures/constraints/aim-only-5fx.ini) on the founding plan's
 * synthetic DVH, in 22 fractions.  Liver D2cc aim 30 Gy/5 at alpha/beta 2:
 * BED 30 (1 + 6/2) = 120 Gy, EQD2 60 Gy; in 22 fractions D (1 + D/44) =
 * 120 -> D = 22 (sqrt(1 + 480/44) - 1) = 53.9232 Gy.  The Liver's D2cc EQD2
 * is 70.91 Gy (report-constraints-fail) > 60: beyond the aim, flagged
 * (PASS_ABOVE_OPTIMAL), never FAIL.  V20Gy aim 10 %: threshold 20 Gy/5 is BED
 * 60, EQD2 30 Gy (33.8928 Gy in 22 fractions); the Liver's V at EQD2 30 Gy
 * is 16.68 % > 10 %: flagged.  PTV D98% aim >= 35 Gy/5 at alpha/beta 10:
 * BED 35 x 1.7 = 59.5, EQD2 49.5833 Gy; PTV-1 D98% EQD2 54.34 Gy reaches
 * it (PASS), PTV-2 40.95 Gy is short of it (PASS_ABOVE_OPTIMAL).  No limit is
 * converted (has_limit_dose 0) except the V20Gy threshold.  The largest
 * dose per fraction is the stated aim 35/5 = 7 Gy of ptv-min-aim. */
static void test_run_aim_only(void **state)
{
    (void)state;
    fixture f;
    rtfrac_plan_eval_input in;
    rtfrac_plan_eval *e = NULL;
    rtfrac_diag d;
    const char *id = NULL;
    load(&f);
    assert_int_equal(rtfrac_presets_load_file(f.p, RTFRAC_PRESET_CONSTRAINTS,
                                              RTFRAC_SOURCE_PRESET_DIR "/../tests/cli/fixtures/constraints/aim-only-5fx.ini",
                                              &id, &d), RTFRAC_OK);
    f.set = rtfrac_presets_find_constraint_set(f.p, id);
    assert_non_null(f.set);
    rtfrac_plan_eval_input_init(&in);
    in.presets = f.p;
    in.plan = f.plan;
    in.constraint_sets = &f.set;
    in.nconstraint_sets = 1;
    in.dvh = f.dvh;
    in.structure_tissues = f.tissues;
    assert_int_equal(rtfrac_plan_eval_run(&in, &e, &d), RTFRAC_OK);
    assert_int_equal(e->nchecks, 4); /* D2cc and V20Gy on Liver, D98% on PTV-1 and PTV-2 */
    static const rtfrac_constraint_verdict want[4] = {
        RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL,
        RTFRAC_CONSTRAINT_PASS, RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL,
    };
    for (size_t i = 0; i < e->nchecks; i++) {
        const rtfrac_plan_eval_check *ck = &e->checks[i];
        assert_true(f.set->constraints[ck->constraint].aim_only);
        assert_true(ck->converted);
        assert_true(ck->has_value);
        assert_int_equal(ck->conversion.has_limit_dose, 0);
        assert_int_equal(ck->verdict, want[i]);
    }
    assert_true(e->checks[0].conversion.has_optimal_dose);
    assert_rel(e->checks[0].conversion.optimal.eqd2_gy, 60.0, REL);
    assert_rel(e->checks[0].conversion.optimal.dose_gy, 22.0 * (sqrt(1.0 + 480.0 / 44.0) - 1.0), 1e-9);
    assert_rel(e->checks[0].value, 70.91, 1e-3);
    assert_false(e->checks[1].conversion.has_optimal_dose); /* V<x>Gy: the threshold, volumes as stated */
    assert_rel(e->checks[1].conversion.limit.eqd2_gy, 30.0, REL);
    assert_rel(e->checks[1].value, 16.68, 1e-3);
    assert_rel(e->checks[2].conversion.optimal.eqd2_gy, 59.5 / 1.2, REL);
    assert_rel(e->checks[2].value, 54.34, 1e-3);
    assert_rel(e->checks[3].value, 40.95, 1e-3);
    assert_rel(e->validity.max_dose_per_fraction_gy, 7.0, REL);
    assert_int_equal(e->validity.source, RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_STATED);
    rtfrac_plan_eval_free(e);
    unload(&f);
}

/* With --time (Tk 21 d, K 0.5 Gy/d) the same model applies to the target
 * rows and to the tumour structures: PTV-1 EQD2 = (68.75 - 4) / 1.2 =
 * 53.958333 Gy in the table, and every PTV-1 bin loses 4 Gy of BED, so the
 * PTV-1 DVH's mean EQD2 drops by 4 / 1.2 = 3.33 Gy from its LQ value (EQD2
 * is linear in BED under LQ; the file's PTV-1 curve starts at 0 Gy, but the
 * bins below 47.5 Gy hold no volume, so none with volume is clamped).  The
 * liver is late-responding: no time, its DVH as without --time. */
static void test_run_time(void **state)
{
    (void)state;
    fixture f;
    rtfrac_plan_eval_input in;
    rtfrac_row_options o;
    rtfrac_plan_eval *plain = NULL, *e = NULL;
    rtfrac_diag d;
    rtfrac_dvh_stats s0, s1;
    load(&f);
    rtfrac_plan_eval_input_init(&in);
    in.presets = f.p;
    in.plan = f.plan;
    in.dvh = f.dvh;
    in.structure_tissues = f.tissues;
    assert_int_equal(rtfrac_plan_eval_run(&in, &plain, &d), RTFRAC_OK);
    rtfrac_row_options_init(&o);
    o.time = 1;
    o.has_tk = o.has_dprolif = 1;
    o.tk_days = 21.0;
    o.dprolif_rate_gy_per_day = 0.5;
    o.dprolif_unit = RTFRAC_MODEL_RATE_BED;
    in.options = &o;
    assert_int_equal(rtfrac_plan_eval_run(&in, &e, &d), RTFRAC_OK);
    assert_rel(e->rows[0].effect.eqd2_gy, 64.75 / 1.2, REL);
    const rtfrac_plan_eval_structure *ptv = structure(e, "PTV-1"), *ptv0 = structure(plain, "PTV-1");
    assert_int_equal(ptv->row.time, RTFRAC_ROW_TIME_APPLIED);
    assert_int_equal(ptv->info.clamped_bins, 0);
    assert_int_equal(rtfrac_dvh_stats_of(&ptv->eqd2, &s1), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_stats_of(&ptv0->eqd2, &s0), RTFRAC_OK);
    assert_rel(s0.mean_gy - s1.mean_gy, 4.0 / 1.2, 1e-9);
    const rtfrac_plan_eval_structure *liver = structure(e, "Liver"), *liver0 = structure(plain, "Liver");
    assert_int_equal(liver->row.time, RTFRAC_ROW_TIME_LATE_NONE);
    assert_int_equal(rtfrac_dvh_stats_of(&liver->eqd2, &s1), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_stats_of(&liver0->eqd2, &s0), RTFRAC_OK);
    assert_rel(s1.mean_gy, s0.mean_gy, REL);
    rtfrac_plan_eval_free(plain);
    rtfrac_plan_eval_free(e);
    unload(&f);
}

/* Compared schemes: 60 Gy in 30 fractions has EQD2 60 Gy at every
 * alpha/beta, 6 Gy x 5 at hcc 10 Gy has EQD2 30 (6 + 10) / 12 = 40 Gy. */
static void test_run_compare_and_errors(void **state)
{
    (void)state;
    fixture f;
    rtfrac_plan_eval_input in;
    rtfrac_plan_eval *e = NULL;
    rtfrac_diag d;
    rtfrac_plan_eval_scheme sc[2] = { { "conv", 60.0, 30, NULL, 0 }, { "hypo", 30.0, 5, NULL, 0 } };
    load(&f);
    rtfrac_plan_eval_input_init(&in);
    in.presets = f.p;
    in.plan = f.plan;
    in.compare = sc;
    in.ncompare = 2;
    assert_int_equal(rtfrac_plan_eval_run(&in, &e, &d), RTFRAC_OK);
    assert_int_equal(e->ncomparison_rows, 4);
    assert_int_equal(e->ncompare_tissues, 3); /* hcc, liver, spinal-cord */
    assert_string_equal(e->compare_tissues[0]->id, "hcc");
    for (size_t j = 0; j < 3; j++)
        assert_rel(e->comparisons[2 * 3 + j].eqd2_gy, 60.0, REL);
    assert_rel(e->comparisons[3 * 3 + 0].eqd2_gy, 40.0, REL);
    assert_rel(e->validity.max_dose_per_fraction_gy, 6.0, REL);
    assert_int_equal(e->validity.source, RTFRAC_PLAN_EVAL_SOURCE_COMPARED);
    assert_string_equal(e->validity.what, "hypo");
    assert_int_equal(e->comparison_models[3 * 3 + 0].model.calendar.per_day, 1);
    rtfrac_plan_eval_free(e);
    rtfrac_plan_eval_free(NULL);

    /* A compared scheme of 2 fractions a day 6 h apart (45 Gy in 30, as
     * CONVERT) keeps its calendar, and its resolved row says whether repair
     * was modelled.  By hand at hcc 10 Gy with T1/2 1.5 h: phi = exp(-ln 2 x
     * 6/1.5) = 1/16, BED = 45 + 15 days x (1.5^2/10) (2 + 2/16) = 52.171875 Gy,
     * EQD2 = 52.171875/1.2 = 43.4765625 Gy (Thames 1985 within a day, as
     * test_model); without a half-time complete repair is assumed: BED 45 (1 +
     * 0.15) = 51.75 Gy, EQD2 43.125 Gy. */
    rtfrac_calendar twice = { 10, 2, 0, 6.0, 0, 0.0 };
    rtfrac_plan_eval_scheme tw = { "twice", 45.0, 30, &twice,
                                   RTFRAC_CALENDAR_HAS_PER_WEEK | RTFRAC_CALENDAR_HAS_PER_DAY |
                                       RTFRAC_CALENDAR_HAS_INTERVAL };
    in.compare = &tw;
    in.ncompare = 1;
    assert_int_equal(rtfrac_plan_eval_run(&in, &e, &d), RTFRAC_OK);
    assert_int_equal(e->comparison_models[2 * 3 + 0].model.calendar.per_day, 2);
    assert_int_equal(e->comparison_models[2 * 3 + 0].repair_complete_assumed, 1);
    assert_int_equal(e->comparison_models[0].repair_complete_assumed, 0); /* the plan's target, once a day */
    assert_rel(e->comparisons[2 * 3 + 0].eqd2_gy, 43.125, REL);
    rtfrac_plan_eval_free(e);
    rtfrac_row_options ro;
    rtfrac_row_options_init(&ro);
    ro.has_repair_half_time = 1;
    ro.repair_half_time_h = 1.5;
    in.options = &ro;
    e = NULL;
    assert_int_equal(rtfrac_plan_eval_run(&in, &e, &d), RTFRAC_OK);
    assert_true(e->comparison_models[2 * 3 + 0].model.repair);
    assert_rel(e->comparisons[2 * 3 + 0].bed_gy, 52.171875, REL);
    assert_rel(e->comparisons[2 * 3 + 0].eqd2_gy, 43.4765625, REL);
    rtfrac_plan_eval_free(e);
    in.options = NULL;
    in.compare = sc;
    in.ncompare = 2;

    e = NULL;
    in.plan = NULL;
    assert_int_equal(rtfrac_plan_eval_run(&in, &e, &d), RTFRAC_EINVAL);
    assert_null(e);
    /* USC implies alpha/beta 8.60 Gy: the tissue hcc at 10 Gy contradicts it */
    rtfrac_row_options o;
    rtfrac_row_options_init(&o);
    o.kind = RTFRAC_MODEL_USC;
    o.d0_gy = 1.25;
    o.dq_gy = 1.8;
    o.has_alpha = 1;
    o.alpha_per_gy = 0.33;
    in.plan = f.plan;
    in.options = &o;
    assert_int_equal(rtfrac_plan_eval_run(&in, &e, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "PTV-1"));
    assert_null(e);
    unload(&f);
}

/* A structure whose curve has no volume is refused with its name. */
static void test_structure_errors(void **state)
{
    (void)state;
    rtfrac_dvh dvh;
    rtfrac_plan_eval_structure s;
    rtfrac_diag d;
    double dose[2] = { 0.0, 1.0 }, vol[2] = { 0.0, 0.0 };
    memset(&dvh, 0, sizeof(dvh));
    snprintf(dvh.name, sizeof(dvh.name), "Empty");
    dvh.kind = RTFRAC_DVH_CUMULATIVE;
    dvh.volume_unit = RTFRAC_VOLUME_CC;
    dvh.n = 2;
    dvh.dose_gy = dose;
    dvh.volume = vol;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_plan_eval_structure_eval(NULL, &dvh, NULL, 3.0, 5, NULL, 0, &s, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "Empty"));
    rtfrac_plan_eval_structure_release(&s);
    rtfrac_plan_eval_structure_release(NULL);
    /* with volume, no fractions: physical bins only */
    vol[0] = 10.0;
    assert_int_equal(rtfrac_plan_eval_structure_eval(NULL, &dvh, NULL, 3.0, 0, NULL, 0, &s, &d), RTFRAC_OK);
    assert_false(s.has_eqd2);
    assert_rel(s.alpha_beta_gy, 0.0, REL);
    rtfrac_plan_eval_structure_release(&s);
}

/* The founding plan hcc-sib-55-44 (Cho et al. 2022): targets PTV-1 and
 * PTV-2 (hcc), organs at risk Liver (liver) and "Spinal cord"
 * (spinal-cord).  DVH names by label, any case, and by TG-263 synonym of
 * the tissue (Mayo et al. 2018, Int J Radiat Oncol Biol Phys
 * 100(4):1057-1066). */
static void test_match(void **state)
{
    (void)state;
    static const rtfrac_plan_target targets[] = {
        { .label = "PTV-1", .total_dose_gy = 55.0, .tissue = "hcc" },
        { .label = "PTV-2", .total_dose_gy = 44.0, .tissue = "hcc" },
    };
    static const rtfrac_plan_oar oars[] = { { .label = "Liver", .tissue = "liver" },
                                            { .label = "Spinal cord", .tissue = "spinal-cord" } };
    rtfrac_plan plan;
    memset(&plan, 0, sizeof(plan));
    plan.fractions = 22;
    plan.targets = targets;
    plan.ntargets = 2;
    plan.oars = oars;
    plan.noars = 2;
    static const struct {
        const char *dvh_name;
        rtfrac_plan_match_how how;
        int is_target;
        size_t index;
        const char *tissue;
    } cases[] = {
        { "PTV-1", RTFRAC_PLAN_MATCH_NAME, 1, 0, "hcc" },
        { "ptv-2", RTFRAC_PLAN_MATCH_NAME, 1, 1, "hcc" },
        { "LIVER", RTFRAC_PLAN_MATCH_NAME, 0, 0, "liver" },
        { "Liver_minus_GTV", RTFRAC_PLAN_MATCH_SYNONYM, 0, 0, "liver" },
        { "liver-gtv", RTFRAC_PLAN_MATCH_SYNONYM, 0, 0, "liver" },
        { "SpinalCord", RTFRAC_PLAN_MATCH_SYNONYM, 0, 1, "spinal-cord" },
        { "Cord", RTFRAC_PLAN_MATCH_SYNONYM, 0, 1, "spinal-cord" },
        { "Spinal_Cord", RTFRAC_PLAN_MATCH_SYNONYM, 0, 1, "spinal-cord" },
        { "spinal cord", RTFRAC_PLAN_MATCH_NAME, 0, 1, "spinal-cord" },
        { "PTV", RTFRAC_PLAN_MATCH_NONE, 0, 0, NULL },
        { "Duodenum", RTFRAC_PLAN_MATCH_NONE, 0, 0, NULL }, /* a synonym, but the plan has no duodenum */
        { "Body", RTFRAC_PLAN_MATCH_NONE, 0, 0, NULL },
        { "", RTFRAC_PLAN_MATCH_NONE, 0, 0, NULL },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rtfrac_plan_match m;
        assert_int_equal(rtfrac_plan_eval_match(&plan, cases[i].dvh_name, &m), RTFRAC_OK);
        assert_int_equal(m.how, cases[i].how);
        if (cases[i].how == RTFRAC_PLAN_MATCH_NONE) {
            assert_null(m.plan_label);
            continue;
        }
        assert_int_equal(m.is_target, cases[i].is_target);
        assert_int_equal(m.index, cases[i].index);
        assert_string_equal(m.tissue_id, cases[i].tissue);
    }
    rtfrac_plan_match m;
    m.how = RTFRAC_PLAN_MATCH_NAME;
    assert_int_equal(rtfrac_plan_eval_match(NULL, "Liver", &m), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_plan_eval_match(&plan, NULL, &m), RTFRAC_EINVAL);
    assert_int_equal(m.how, RTFRAC_PLAN_MATCH_NAME); /* untouched on error */
    assert_true(rtfrac_plan_eval_tissue_synonym("liver", "LIVER_MINUS_GTV"));
    assert_false(rtfrac_plan_eval_tissue_synonym("liver", "SpinalCord"));
    assert_false(rtfrac_plan_eval_tissue_synonym("hcc", "Liver"));
    assert_false(rtfrac_plan_eval_tissue_synonym(NULL, "Liver"));
    assert_string_equal(rtfrac_plan_match_how_name(RTFRAC_PLAN_MATCH_SYNONYM), "tg263-synonym");
    assert_string_equal(rtfrac_plan_match_how_name((rtfrac_plan_match_how)99), "");
}

/* issue 11: the plan's [oar] ntcp link, overridden structure by structure
 * by an explicit choice, and broken by a mapping to another tissue. */
static void test_ntcp_link(void **state)
{
    (void)state;
    fixture f;
    load(&f);
    const rtfrac_tissue *liver = rtfrac_presets_find_tissue(f.p, "liver"),
                        *cord = rtfrac_presets_find_tissue(f.p, "spinal-cord"),
                        *hcc = rtfrac_presets_find_tissue(f.p, "hcc");
    const rtfrac_ntcp_params *dawson = rtfrac_presets_find_ntcp(f.p, "liver-rild-primary-dawson");
    assert_non_null(dawson);
    rtfrac_plan_ntcp_link l;
    /* by name and by a TG-263 synonym of the organ's tissue */
    static const char *const liver_names[] = { "Liver", "LIVER", "Liver_minus_GTV" };
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(rtfrac_plan_eval_ntcp_link(f.p, f.plan, liver_names[i], liver, 0, &l), RTFRAC_OK);
        assert_int_equal(l.from, RTFRAC_PLAN_NTCP_PLAN);
        assert_ptr_equal(l.set, dawson);
        assert_string_equal(l.oar->label, "Liver");
        assert_rel(l.set->td50_gy, 39.8, 0.0);
    }
    /* an explicit choice for this structure overrides the link */
    assert_int_equal(rtfrac_plan_eval_ntcp_link(f.p, f.plan, "Liver", liver, 1, &l), RTFRAC_OK);
    assert_int_equal(l.from, RTFRAC_PLAN_NTCP_OPTION);
    assert_null(l.set);
    assert_string_equal(l.oar->ntcp, "liver-rild-primary-dawson");
    /* explicit on an organ without a link: nothing overridden */
    assert_int_equal(rtfrac_plan_eval_ntcp_link(f.p, f.plan, "SpinalCord", cord, 1, &l), RTFRAC_OK);
    assert_int_equal(l.from, RTFRAC_PLAN_NTCP_OPTION);
    assert_null(l.oar);
    /* no link: the cord, a target, an unmatched name, a structure mapped
     * to another tissue or to none */
    const struct { const char *name; const rtfrac_tissue *t; } none[] = {
        { "SpinalCord", cord }, { "PTV-1", hcc }, { "Body", liver }, { "Liver", cord }, { "Liver", NULL },
    };
    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        assert_int_equal(rtfrac_plan_eval_ntcp_link(f.p, f.plan, none[i].name, none[i].t, 0, &l), RTFRAC_OK);
        assert_int_equal(l.from, RTFRAC_PLAN_NTCP_NONE);
        assert_null(l.set);
        assert_null(l.oar);
    }
    /* a link to a set that is not loaded; NULL arguments: out untouched */
    rtfrac_plan_oar oars[1] = { { .label = "Liver", .tissue = "liver", .ntcp = "nosuch" } };
    rtfrac_plan plan = *f.plan;
    plan.oars = oars;
    plan.noars = 1;
    l.from = RTFRAC_PLAN_NTCP_PLAN;
    assert_int_equal(rtfrac_plan_eval_ntcp_link(f.p, &plan, "Liver", liver, 0, &l), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_plan_eval_ntcp_link(NULL, f.plan, "Liver", liver, 0, &l), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_plan_eval_ntcp_link(f.p, NULL, "Liver", liver, 0, &l), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_plan_eval_ntcp_link(f.p, f.plan, NULL, liver, 0, &l), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_plan_eval_ntcp_link(f.p, f.plan, "Liver", liver, 0, NULL), RTFRAC_EINVAL);
    assert_int_equal(l.from, RTFRAC_PLAN_NTCP_PLAN);
    assert_string_equal(rtfrac_plan_ntcp_from_name(RTFRAC_PLAN_NTCP_PLAN), "plan");
    assert_string_equal(rtfrac_plan_ntcp_from_name(RTFRAC_PLAN_NTCP_OPTION), "option");
    assert_string_equal(rtfrac_plan_ntcp_from_name(RTFRAC_PLAN_NTCP_NONE), "none");
    assert_string_equal(rtfrac_plan_ntcp_from_name((rtfrac_plan_ntcp_from)99), "");
    rtfrac_dvh_set_free(f.dvh);
    rtfrac_presets_free(f.p);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bin_with_time),
        cmocka_unit_test(test_bin_lql_above_dt),
        cmocka_unit_test(test_bin_clamped),
        cmocka_unit_test(test_plain_lq_is_closed_form),
        cmocka_unit_test(test_bin_errors),
        cmocka_unit_test(test_validity),
        cmocka_unit_test(test_run_founding),
        cmocka_unit_test(test_run_aim_only),
        cmocka_unit_test(test_run_time),
        cmocka_unit_test(test_run_compare_and_errors),
        cmocka_unit_test(test_structure_errors),
        cmocka_unit_test(test_match),
        cmocka_unit_test(test_ntcp_link),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
