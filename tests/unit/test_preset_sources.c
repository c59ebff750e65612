/* Unit tests of shipped preset VALUES against the publications they cite
 * (presets/schemes.ini, tissues.ini, constraints/ files; issue 11).  Each
 * test names the source and what in it was read; the loader itself is
 * tested in test_preset.c.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#ifndef RTFRAC_SOURCE_PRESET_DIR
#error "the Makefile defines RTFRAC_SOURCE_PRESET_DIR"
#endif

static rtfrac_presets *load_shipped(void)
{
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_non_null(p);
    int rc = rtfrac_presets_load_dir(p, RTFRAC_SOURCE_PRESET_DIR, &d);
    if (rc != RTFRAC_OK)
        print_error("%s:%u: %s\n", d.file, d.line, d.message);
    assert_int_equal(rc, RTFRAC_OK);
    return p;
}

static const rtfrac_scheme *scheme(const rtfrac_presets *p, const char *id)
{
    const rtfrac_scheme *s = rtfrac_presets_find_scheme(p, id);
    if (s == NULL)
        print_error("scheme '%s' not shipped\n", id);
    assert_non_null(s);
    return s;
}

static const rtfrac_tissue *tissue(const rtfrac_presets *p, const char *id)
{
    const rtfrac_tissue *t = rtfrac_presets_find_tissue(p, id);
    if (t == NULL)
        print_error("tissue '%s' not shipped\n", id);
    assert_non_null(t);
    return t;
}

/* EQD2 of a scheme at a given alpha/beta, through the library's LQ calls. */
static double scheme_eqd2(const rtfrac_scheme *s, double ab)
{
    double d, bed, eqd2;
    assert_int_equal(rtfrac_lq_dose_per_fraction(s->total_dose_gy, s->fractions, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_bed(s->total_dose_gy, d, ab, &bed), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_eqd2(bed, ab, &eqd2), RTFRAC_OK);
    /* closed form: EQD2 = D (d + a/b) / (2 + a/b) */
    assert_rel(eqd2, s->total_dose_gy * (d + ab) / (2.0 + ab), 1e-12);
    return eqd2;
}

static double overall_days(const rtfrac_scheme *s)
{
    double t;
    assert_int_equal(rtfrac_model_overall_days(&s->calendar, s->fractions, &t), RTFRAC_OK);
    return t;
}

/* HYPRO: Incrocci L et al. Lancet Oncol 2016;17(8):1061-1069, abstract:
 * 64.6 Gy in 19 fractions of 3.4 Gy, three fractions per week; "based on an
 * estimated alpha/beta for prostate cancer of 1.5 Gy, the equivalent total
 * dose in fractions of 2.0 Gy was 90.4 Gy". */
static void test_hypro(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_scheme *s = scheme(p, "hypro-64.6-19");
    assert_rel(s->total_dose_gy, 64.6, 0.0);
    assert_int_equal(s->fractions, 19);
    assert_int_equal(s->calendar.per_week, 3);
    assert_abs(scheme_eqd2(s, 1.5), 90.4, 0.05);
    /* 19 fractions Mon/Wed/Fri: last on day 42, the abstract's 6.5 weeks
     * of treatment (Aluwini S et al. Lancet Oncol 2016;17(4):464-474) */
    assert_rel(overall_days(s), 42.0, 0.0);
    rtfrac_presets_free(p);
}

/* HYPO-RT-PC: Widmark A et al. Lancet 2019, abstract: 42.7 Gy in seven
 * fractions, 3 days per week for 2.5 weeks. */
static void test_hypo_rt_pc(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_scheme *s = scheme(p, "hypo-rt-pc-42.7-7");
    assert_rel(s->total_dose_gy, 42.7, 0.0);
    assert_int_equal(s->fractions, 7);
    assert_int_equal(s->calendar.per_week, 3);
    assert_rel(overall_days(s), 14.0, 0.0); /* Mon week 1 to Mon week 3 */
    rtfrac_presets_free(p);
}

/* FAST: Brunt AM et al. J Clin Oncol 2020;38(28):3261-3272, abstract:
 * 30 or 28.5 Gy in 5 once-weekly fractions of 6.0 or 5.7 Gy; alpha/beta
 * for the photographic endpoint 2.7 Gy, "giving a 5-fraction schedule of
 * 28 Gy (95% CI, 26 to 30 Gy) estimated to be isoeffective with 50 Gy/25".
 * The published 28 Gy is rounded to whole gray. */
static void test_fast(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_scheme *a = scheme(p, "fast-28.5-5"), *b = scheme(p, "fast-30-5");
    assert_rel(a->total_dose_gy, 28.5, 0.0);
    assert_rel(b->total_dose_gy, 30.0, 0.0);
    assert_int_equal(a->fractions, 5);
    assert_int_equal(b->fractions, 5);
    assert_int_equal(a->calendar.per_week, 1);
    assert_int_equal(b->calendar.per_week, 1);
    assert_rel(overall_days(a), 28.0, 0.0); /* five weekly fractions */
    double bed50, d;
    assert_int_equal(rtfrac_lq_bed(50.0, 2.0, 2.7, &bed50), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_dose_per_fraction_for_bed(bed50, 5, 2.7, &d), RTFRAC_OK);
    assert_abs(5.0 * d, 28.0, 0.5);
    /* substitution: 5 fractions of d give the BED of 50 Gy/25 */
    double back;
    assert_int_equal(rtfrac_lq_bed(5.0 * d, d, 2.7, &back), RTFRAC_OK);
    assert_rel(back, bed50, 1e-12);
    rtfrac_presets_free(p);
}

/* START-A: START Trialists' Group, Lancet Oncol 2008;9(4):331-341,
 * abstract: 41.6 Gy or 39 Gy in 13 fractions of 3.2 or 3.0 Gy. */
static void test_start_a(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_scheme *a = scheme(p, "start-a-41.6-13"), *b = scheme(p, "start-a-39-13");
    double d;
    assert_int_equal(rtfrac_lq_dose_per_fraction(a->total_dose_gy, a->fractions, &d), RTFRAC_OK);
    assert_rel(d, 3.2, 1e-12);
    assert_int_equal(rtfrac_lq_dose_per_fraction(b->total_dose_gy, b->fractions, &d), RTFRAC_OK);
    assert_rel(d, 3.0, 1e-12);
    rtfrac_presets_free(p);
}

/* Cervix: Tamaki T et al. J Radiat Res 2015;56(5):804-810, abstract: plan
 * 45 Gy/25 fractions + 28 Gy/4 fractions, point-A EQD2 "previously reported
 * to be 84 Gy" (84.1 Gy in their 3D analysis).  At the cervix-tumour
 * alpha/beta of 10 Gy: 44.25 + 39.67 = 83.92 Gy. */
static void test_cervix_ebrt_plus_hdr(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_scheme *ebrt = scheme(p, "cervix-ebrt-45-25");
    const rtfrac_tissue *t = tissue(p, "cervix-tumour");
    assert_rel(t->alpha_beta_gy, 10.0, 0.0);
    assert_int_equal(t->evidence, RTFRAC_EVIDENCE_CONVENTION);
    double bed, hdr;
    assert_int_equal(rtfrac_lq_bed(28.0, 7.0, t->alpha_beta_gy, &bed), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_eqd2(bed, t->alpha_beta_gy, &hdr), RTFRAC_OK);
    double total = scheme_eqd2(ebrt, t->alpha_beta_gy) + hdr;
    assert_abs(total, 84.0, 0.5);
    assert_rel(total, 44.25 + 28.0 * 17.0 / 12.0, 1e-12);
    /* the weekly 8 Gy x 3 arm (Al Daly et al. 2024, abstract) */
    const rtfrac_scheme *w = scheme(p, "cervix-hdr-24-3");
    assert_int_equal(w->calendar.per_week, 1);
    assert_rel(overall_days(w), 14.0, 0.0);
    rtfrac_presets_free(p);
}

/* Lung and spine SBRT calendars and doses (abstracts read):
 * RTOG 0236 (Timmerman R et al. JAMA 2010;303(11):1070-1076): 18 Gy x 3 =
 * 54 Gy in 1.5-2 weeks; RTOG 0915: 34 Gy in 1 fraction; SC.24 (Sahgal A et
 * al. Lancet Oncol 2021): 24 Gy in 2 daily fractions. */
static void test_sbrt(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_scheme *s = scheme(p, "rtog0236-54-3");
    assert_int_equal(s->fractions, 3);
    assert_rel(s->total_dose_gy, 54.0, 0.0);
    double t = overall_days(s);
    assert_true(t >= 7.0 && t <= 14.0); /* within 1.5-2 weeks */
    s = scheme(p, "rtog0915-34-1");
    assert_int_equal(s->fractions, 1);
    assert_rel(s->total_dose_gy, 34.0, 0.0);
    s = scheme(p, "sc24-spine-24-2");
    assert_int_equal(s->fractions, 2);
    assert_rel(overall_days(s), 1.0, 0.0); /* daily */
    rtfrac_presets_free(p);
}

/* Rectal cancer: Suwinski R et al. Int J Radiat Oncol Biol Phys
 * 2007;69(3):793-799, abstract: alpha 0.339 /Gy, beta 0.067 /Gy^2,
 * alpha/beta 5.06 Gy (95% CI -0.1 to 10.3, so no interval keys). */
static void test_rectum_tumour(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_tissue *t = tissue(p, "rectum-tumour");
    assert_rel(t->alpha_beta_gy, 5.06, 0.0);
    assert_rel(t->alpha_beta_gy, 0.339 / 0.067, 1e-3);
    assert_int_equal(t->has & RTFRAC_TISSUE_HAS_AB_INTERVAL, 0);
    assert_int_equal(t->kind, RTFRAC_TISSUE_TUMOUR);
    assert_int_equal(t->evidence, RTFRAC_EVIDENCE_CLINICAL);
    /* Swedish Rectal Cancer Trial, N Engl J Med 1997 (abstract): 25 Gy in
     * five fractions in one week */
    const rtfrac_scheme *s = scheme(p, "rectal-scrt-25-5");
    assert_rel(s->total_dose_gy, 25.0, 0.0);
    assert_int_equal(s->fractions, 5);
    assert_rel(overall_days(s), 4.0, 0.0);
    /* CAO/ARO/AIO-94 (Sauer R et al. N Engl J Med 2004, abstract): 5040 cGy
     * in fractions of 180 cGy */
    s = scheme(p, "rectal-lcrt-50.4-28");
    double d;
    assert_int_equal(rtfrac_lq_dose_per_fraction(s->total_dose_gy, s->fractions, &d), RTFRAC_OK);
    assert_rel(d, 1.8, 1e-12);
    rtfrac_presets_free(p);
}

/* Son SH et al. Radiat Oncol 2013;8:61, abstract: alpha/beta of the normal
 * liver with hepatitis (HCC patients) is 8 Gy; Thames HD et al. Radiother
 * Oncol 1990;19(3):219-235, abstract: late effects 2 to 4 Gy, the range the
 * convention entries are taken from. */
static void test_normal_tissues(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_tissue *t = tissue(p, "liver-hepatitis-son");
    assert_rel(t->alpha_beta_gy, 8.0, 0.0);
    assert_int_equal(t->kind, RTFRAC_TISSUE_LATE);
    static const char *const late[] = { "parotid", "larynx", "pharyngeal-constrictors", "cochlea", "lens",
                                        "brachial-plexus", "femoral-heads", "penile-bulb", "urethra" };
    for (size_t i = 0; i < sizeof(late) / sizeof(late[0]); i++) {
        t = tissue(p, late[i]);
        assert_int_equal(t->kind, RTFRAC_TISSUE_LATE);
        assert_int_equal(t->evidence, RTFRAC_EVIDENCE_CONVENTION);
        assert_true(t->alpha_beta_gy >= 2.0 && t->alpha_beta_gy <= 4.0);
    }
    assert_rel(tissue(p, "brachial-plexus")->alpha_beta_gy, 2.0, 0.0);
    rtfrac_presets_free(p);
}

/* Every QUANTEC organ links to a tissue preset that exists (issue 11). */
static void test_quantec_organs_have_tissues(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    static const char *const sets[] = { "quantec-conventional", "quantec-liver" };
    for (size_t i = 0; i < 2; i++) {
        const rtfrac_constraint_set *cs = rtfrac_presets_find_constraint_set(p, sets[i]);
        assert_non_null(cs);
        for (size_t k = 0; k < cs->nconstraints; k++) {
            const rtfrac_constraint *c = &cs->constraints[k];
            if (c->tissue[0] == '\0' || rtfrac_presets_find_tissue(p, c->tissue) == NULL)
                print_error("%s: '%s' has no tissue preset\n", sets[i], c->id);
            assert_true(c->tissue[0] != '\0');
            assert_non_null(rtfrac_presets_find_tissue(p, c->tissue));
        }
    }
    rtfrac_presets_free(p);
}

/* presets/constraints/esgo-estro-2023-cervix-brachy.ini against its table:
 * Int J Gynecol Cancer, Table 3 "Brachytherapy dose volume histogram
 * achievability" (the journal's table page; attributed to Chargari C,
 * Tanderup K, Planchamp F, et al. ESGO/ESTRO quality indicators for
 * radiation therapy of cervical cancer. Int J Gynecol Cancer
 * 2023;33(6):862-875, doi:10.1136/ijgc-2022-004180).  Total EQD2 of EBRT +
 * brachytherapy, alpha/beta 10 Gy (targets) and 3 Gy (organs).  The set's
 * optimal is the row "Achieved in 70% of patients", its limit the row
 * "Achieved in 90% of patients":
 *   D90 CTV_HR    70%: > 90 Gy (and < 95 Gy, not encoded)  90%: > 85 Gy
 *   D98 CTV_HR    70%: > 80 Gy                              90%: > 75 Gy
 *   D98 GTVres    70%: > 95 Gy                              90%: > 90 Gy
 *   D98 CTV_IR    70%: > 60 Gy                              90%: (none: aim only)
 *   Rectum D2cm3  70%: < 65 Gy                              90%: < 75 Gy
 *   Bladder D2cm3 70%: < 80 Gy                              90%: < 85 Gy
 *   ICRU recto-vaginal point 70%: < 65 Gy                   90%: < 75 Gy
 *   ICRU bladder point       70%: < 75 Gy                   90%: < 85 Gy
 *   Bowel D2cm3   70%: < 65 Gy                              90%: < 75 Gy
 *   Sigmoid D2cm3 70%: < 70 Gy                              90%: < 75 Gy */
static void test_esgo_estro_cervix_brachy(void **state)
{
    (void)state;
    static const struct {
        const char *id, *organ;
        rtfrac_metric_kind metric;
        double x, ab_gy, aim_gy, limit_gy; /* limit 0: an aim only */
        int lower;
    } rows[] = {
        { "hr-ctv-d90", "HR-CTV", RTFRAC_METRIC_D_PERCENT, 90.0, 10.0, 90.0, 85.0, 1 },
        { "hr-ctv-d98", "HR-CTV", RTFRAC_METRIC_D_PERCENT, 98.0, 10.0, 80.0, 75.0, 1 },
        { "gtvres-d98", "GTVres", RTFRAC_METRIC_D_PERCENT, 98.0, 10.0, 95.0, 90.0, 1 },
        { "ir-ctv-d98", "IR-CTV", RTFRAC_METRIC_D_PERCENT, 98.0, 10.0, 60.0, 0.0, 1 },
        { "rectum-d2cc", "rectum", RTFRAC_METRIC_D_CC, 2.0, 3.0, 65.0, 75.0, 0 },
        { "bladder-d2cc", "bladder", RTFRAC_METRIC_D_CC, 2.0, 3.0, 80.0, 85.0, 0 },
        { "icru-rectovaginal", "ICRU recto-vaginal point", RTFRAC_METRIC_MAX, 0.0, 3.0, 65.0, 75.0, 0 },
        { "icru-bladder", "ICRU bladder point", RTFRAC_METRIC_MAX, 0.0, 3.0, 75.0, 85.0, 0 },
        { "bowel-d2cc", "bowel", RTFRAC_METRIC_D_CC, 2.0, 3.0, 65.0, 75.0, 0 },
        { "sigmoid-d2cc", "sigmoid", RTFRAC_METRIC_D_CC, 2.0, 3.0, 70.0, 75.0, 0 },
    };
    rtfrac_presets *p = load_shipped();
    const rtfrac_constraint_set *cs = rtfrac_presets_find_constraint_set(p, "esgo-estro-2023-cervix-brachy");
    assert_non_null(cs);
    assert_int_equal(cs->checked, RTFRAC_CHECKED_PRIMARY);
    assert_non_null(strstr(cs->source, "doi:10.1136/ijgc-2022-004180, Table 3"));
    assert_int_equal(cs->nconstraints, sizeof(rows) / sizeof(rows[0]));
    for (size_t i = 0; i < cs->nconstraints; i++) {
        const rtfrac_constraint *k = &cs->constraints[i];
        assert_string_equal(k->id, rows[i].id);
        assert_string_equal(k->organ, rows[i].organ);
        assert_int_equal(k->metric, rows[i].metric);
        assert_rel(k->metric_x, rows[i].x, 0.0);
        assert_int_equal(k->lower_bound, rows[i].lower);
        assert_true(k->has_alpha_beta);
        assert_rel(k->alpha_beta_gy, rows[i].ab_gy, 0.0);
        assert_int_equal(k->fractions, 0);
        assert_rel(k->dose_per_fraction_gy, 2.0, 0.0); /* EQD2 */
        assert_int_equal(k->unit, RTFRAC_LIMIT_GY);
        assert_true(k->has_optimal);
        assert_rel(k->optimal, rows[i].aim_gy, 0.0);
        assert_int_equal(k->aim_only, rows[i].limit_gy > 0.0 ? 0 : 1);
        if (!k->aim_only)
            assert_rel(k->limit, rows[i].limit_gy, 0.0);
        assert_int_equal(k->checked, RTFRAC_CHECKED_PRIMARY);
        /* stated in 2 Gy fractions: the EQD2 aim and limit are the values themselves */
        rtfrac_brachy_structure st;
        memset(&st, 0, sizeof(st));
        assert_int_equal(rtfrac_brachy_goals_from_constraint(k, rows[i].ab_gy,
                                                             rows[i].lower ? RTFRAC_BRACHY_LOWER : RTFRAC_BRACHY_UPPER,
                                                             &st),
                         RTFRAC_OK);
        assert_true(st.has_aim);
        assert_rel(st.aim_eqd2_gy, rows[i].aim_gy, 0.0);
        assert_int_equal(st.has_limit, !k->aim_only);
        assert_rel(st.limit_eqd2_gy, rows[i].limit_gy, 0.0);
    }
    rtfrac_presets_free(p);
}

/* Every scheme and tissue added for issue 11 says how it was checked, and
 * none claims the full paper (only abstracts and named secondary sources
 * were read for them). */
static void test_new_entries_checked(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    static const char *const schemes[] = {
        "rectal-scrt-25-5", "rectal-lcrt-50.4-28", "fast-28.5-5", "fast-30-5", "start-a-41.6-13", "start-a-39-13",
        "hypro-64.6-19", "hypo-rt-pc-42.7-7", "prostate-hdr-boost-15-1", "prostate-ebrt-37.5-15", "rtog0236-54-3",
        "sabr-55-5", "rtog0915-34-1", "gbm-elderly-25-5", "nordic-34-10", "quartz-wbrt-20-5", "eortc22952-wbrt-30-10",
        "srs-24-1", "srs-20-1", "sc24-spine-24-2", "cervix-ebrt-45-25", "cervix-hdr-24-3", "cross-41.4-23",
        "bladder-55-20",
    };
    for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        rtfrac_checked c = scheme(p, schemes[i])->checked;
        assert_true(c == RTFRAC_CHECKED_ABSTRACT || c == RTFRAC_CHECKED_SECONDARY);
    }
    /* the secondary ones name what they relay */
    assert_int_equal(scheme(p, "sabr-55-5")->checked, RTFRAC_CHECKED_SECONDARY);
    assert_int_equal(scheme(p, "gbm-elderly-25-5")->checked, RTFRAC_CHECKED_SECONDARY);
    assert_int_equal(scheme(p, "bladder-55-20")->checked, RTFRAC_CHECKED_SECONDARY);
    static const char *const fitted[] = { "rectum-tumour", "liver-hepatitis-son" };
    for (size_t i = 0; i < 2; i++) {
        const rtfrac_tissue *t = tissue(p, fitted[i]);
        assert_int_equal(t->checked, RTFRAC_CHECKED_ABSTRACT);
        assert_int_equal(t->evidence, RTFRAC_EVIDENCE_CLINICAL);
    }
    static const char *const generic[] = { "cervix-tumour", "oesophagus-tumour", "pancreas-tumour", "parotid", "larynx",
                                           "pharyngeal-constrictors", "cochlea", "lens", "brachial-plexus",
                                           "femoral-heads", "penile-bulb", "urethra" };
    for (size_t i = 0; i < sizeof(generic) / sizeof(generic[0]); i++) {
        const rtfrac_tissue *t = tissue(p, generic[i]);
        assert_int_equal(t->checked, RTFRAC_CHECKED_CONVENTION);
        assert_int_equal(t->evidence, RTFRAC_EVIDENCE_CONVENTION);
    }
    rtfrac_presets_free(p);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hypro),
        cmocka_unit_test(test_hypo_rt_pc),
        cmocka_unit_test(test_fast),
        cmocka_unit_test(test_start_a),
        cmocka_unit_test(test_cervix_ebrt_plus_hdr),
        cmocka_unit_test(test_sbrt),
        cmocka_unit_test(test_rectum_tumour),
        cmocka_unit_test(test_normal_tissues),
        cmocka_unit_test(test_quantec_organs_have_tissues),
        cmocka_unit_test(test_new_entries_checked),
        cmocka_unit_test(test_esgo_estro_cervix_brachy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
