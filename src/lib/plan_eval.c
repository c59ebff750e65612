/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/plan_eval.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtfrac/lq.h"
#include "rtfrac/reirr.h"
#include "util_int.h"

static const char *const source_names[] = { "none", "prescription", "compared", "constraint-stated",
                                            "constraint-converted", "dvh" };

const char *rtfrac_plan_eval_source_name(rtfrac_plan_eval_source value)
{
    return (unsigned)value < sizeof(source_names) / sizeof(source_names[0]) ? source_names[value] : "";
}

int rtfrac_plan_eval_source_parse(const char *text, rtfrac_plan_eval_source *out)
{
    int i = util_int_enum_parse(source_names, sizeof(source_names) / sizeof(source_names[0]), text);
    if (i < 0)
        return RTFRAC_EINVAL;
    *out = (rtfrac_plan_eval_source)i;
    return RTFRAC_OK;
}

void rtfrac_plan_eval_validity_init(rtfrac_plan_eval_validity *v)
{
    assert(v != NULL);
    memset(v, 0, sizeof(*v));
}

int rtfrac_plan_eval_validity_add(rtfrac_plan_eval_validity *v, rtfrac_plan_eval_source source,
                                  const char *what, double dpf)
{
    assert(v != NULL);
    if (!isfinite(dpf) || dpf < 0.0)
        return RTFRAC_EDOM;
    if (v->source == RTFRAC_PLAN_EVAL_SOURCE_NONE || dpf > v->max_dose_per_fraction_gy) {
        v->max_dose_per_fraction_gy = dpf;
        v->source = source;
        snprintf(v->what, sizeof(v->what), "%s", what ? what : "");
    }
    return RTFRAC_OK;
}

int rtfrac_plan_eval_validity_lq_exceeded(const rtfrac_plan_eval_validity *v, rtfrac_model_kind kind)
{
    return kind == RTFRAC_MODEL_LQ && v->max_dose_per_fraction_gy > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY;
}

/* ---- structures -------------------------------------------------------- */

void rtfrac_plan_eval_structure_release(rtfrac_plan_eval_structure *s)
{
    if (s == NULL)
        return;
    rtfrac_dvh_bins_release(&s->physical);
    rtfrac_dvh_bins_release(&s->eqd2);
    memset(s, 0, sizeof(*s));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void diag_set(rtfrac_diag *diag, const char *fmt, ...)
{
    va_list ap;
    if (diag == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(diag->message, sizeof(diag->message), fmt, ap); /* a long reason is cut, not lost */
    va_end(ap);
}

int rtfrac_plan_eval_structure_eval(const rtfrac_row_options *options, const rtfrac_dvh *dvh,
                                    const rtfrac_tissue *tissue, double fallback_ab,
                                    unsigned long fractions, const rtfrac_calendar *calendar,
                                    unsigned calendar_has, rtfrac_plan_eval_structure *out,
                                    rtfrac_diag *diag)
{
    rtfrac_plan_eval_structure s;
    rtfrac_row_options plain;
    rtfrac_diag d;
    int rc;
    assert(dvh != NULL && out != NULL);
    memset(&s, 0, sizeof(s));
    memset(out, 0, sizeof(*out));
    if (options == NULL) {
        rtfrac_row_options_init(&plain);
        options = &plain;
    }
    s.dvh = dvh;
    s.tissue = tissue;
    if ((rc = rtfrac_dvh_bins_from(dvh, &s.physical)) != RTFRAC_OK) {
        diag_set(diag, "structure '%s': the curve has no volume or is not a valid DVH", dvh->name);
        return rc;
    }
    double ab = tissue ? tissue->alpha_beta_gy : fallback_ab;
    if (fractions > 0 && ab > 0.0) {
        rtfrac_row_input in;
        memset(&in, 0, sizeof(in));
        in.ab_from = tissue ? RTFRAC_ROW_AB_TISSUE : RTFRAC_ROW_AB_GIVEN;
        in.alpha_beta_gy = ab;
        in.tissue = tissue;
        in.schedule_calendar = calendar;
        in.schedule_calendar_has = calendar ? calendar_has : 0;
        rtfrac_diag_clear(&d);
        rc = rtfrac_row_resolve(options, &in, &s.row, &d);
        if (rc != RTFRAC_OK) {
            diag_set(diag, "structure '%s': %s", dvh->name, d.message[0] ? d.message : rtfrac_strerror(rc));
            rtfrac_plan_eval_structure_release(&s);
            return rc;
        }
        s.alpha_beta_gy = s.row.alpha_beta_gy;
        rc = rtfrac_dvh_bins_eqd2_model(&s.physical, fractions, &s.row.model, s.alpha_beta_gy, &s.eqd2, &s.info);
        if (rc != RTFRAC_OK) {
            diag_set(diag, "structure '%s': cannot convert to EQD2: %s", dvh->name, rtfrac_strerror(rc));
            rtfrac_plan_eval_structure_release(&s);
            return rc;
        }
        s.has_eqd2 = 1;
    }
    *out = s;
    return RTFRAC_OK;
}

/* ---- the whole plan ---------------------------------------------------- */

void rtfrac_plan_eval_input_init(rtfrac_plan_eval_input *in)
{
    assert(in != NULL);
    memset(in, 0, sizeof(*in));
}

void rtfrac_plan_eval_free(rtfrac_plan_eval *e)
{
    if (e == NULL)
        return;
    for (size_t i = 0; i < e->nstructures; i++)
        rtfrac_plan_eval_structure_release(&e->structures[i]);
    free(e->rows);
    free(e->structures);
    free(e->checks);
    free(e->compare_tissues);
    free(e->comparisons);
    free(e->comparison_models);
    free(e);
}

typedef struct run_ctx {
    const rtfrac_plan_eval_input *in;
    const rtfrac_row_options *o;
    rtfrac_plan_eval *e;
    rtfrac_diag *diag;
} run_ctx;

/* The row of one schedule at one alpha/beta, and its effect. */
static int eval_row(run_ctx *c, const rtfrac_row_input *base, const rtfrac_calendar *cal, unsigned cal_has,
                    double total, unsigned long n, const char *label, rtfrac_row *row, rtfrac_effect *eff)
{
    rtfrac_row_input in = *base;
    rtfrac_diag d;
    in.schedule_calendar = cal;
    in.schedule_calendar_has = cal ? cal_has : 0;
    rtfrac_diag_clear(&d);
    int rc = rtfrac_row_resolve(c->o, &in, row, &d);
    if (rc != RTFRAC_OK) {
        diag_set(c->diag, "'%s': %s", label, d.message[0] ? d.message : rtfrac_strerror(rc));
        return rc;
    }
    rc = rtfrac_model_effect(&row->model, total, n, row->alpha_beta_gy, eff);
    if (rc != RTFRAC_OK) {
        rtfrac_model_explain(&row->model, total, n, row->alpha_beta_gy, &d);
        diag_set(c->diag, "'%s': cannot compute BED: %s", label, d.message[0] ? d.message : rtfrac_strerror(rc));
    }
    return rc;
}

static rtfrac_row_input tissue_input(const rtfrac_tissue *t)
{
    rtfrac_row_input in;
    memset(&in, 0, sizeof(in));
    in.ab_from = RTFRAC_ROW_AB_TISSUE;
    in.alpha_beta_gy = t->alpha_beta_gy;
    in.tissue = t;
    return in;
}

static const rtfrac_tissue *find_tissue(run_ctx *c, const char *id)
{
    const rtfrac_tissue *t = rtfrac_presets_find_tissue(c->in->presets, id);
    if (t == NULL)
        diag_set(c->diag, "unknown tissue '%s' in plan '%s'", id, c->in->plan->id);
    return t;
}

static int add_row(run_ctx *c, size_t t, size_t oar, size_t x, const rtfrac_row_input *in, const char *label)
{
    const rtfrac_plan *pl = c->in->plan;
    rtfrac_plan_eval_row *r = &c->e->rows[c->e->nrows];
    int rc = eval_row(c, in, &pl->calendar, pl->calendar_has, pl->targets[t].total_dose_gy, pl->fractions,
                      label, &r->row, &r->effect);
    if (rc != RTFRAC_OK)
        return rc;
    r->target = t;
    r->oar = oar;
    r->extra = x;
    r->tissue = in->tissue;
    c->e->nrows++;
    return RTFRAC_OK;
}

static int run_rows(run_ctx *c)
{
    const rtfrac_plan *pl = c->in->plan;
    const size_t none = RTFRAC_PLAN_EVAL_NONE;
    size_t nrows = pl->ntargets * (1 + c->in->nextra_alpha_beta) + pl->noars * pl->ntargets;
    int rc;
    c->e->rows = calloc(nrows ? nrows : 1, sizeof(*c->e->rows));
    if (c->e->rows == NULL)
        return RTFRAC_ENOMEM;
    for (size_t t = 0; t < pl->ntargets; t++) {
        const rtfrac_plan_target *tg = &pl->targets[t];
        const rtfrac_tissue *ts = find_tissue(c, tg->tissue);
        if (ts == NULL)
            return RTFRAC_EINVAL;
        rtfrac_row_input in = tissue_input(ts);
        if ((rc = add_row(c, t, none, none, &in, tg->label)) != RTFRAC_OK)
            return rc;
        for (size_t x = 0; x < c->in->nextra_alpha_beta; x++)
            if ((rc = add_row(c, t, none, x, &c->in->extra_alpha_beta[x], tg->label)) != RTFRAC_OK)
                return rc;
        if ((rc = rtfrac_plan_eval_validity_add(&c->e->validity, RTFRAC_PLAN_EVAL_SOURCE_PRESCRIPTION, tg->label,
                                                tg->total_dose_gy / (double)pl->fractions)) != RTFRAC_OK)
            return rc;
    }
    for (size_t o = 0; o < pl->noars; o++) {
        const rtfrac_tissue *ts = find_tissue(c, pl->oars[o].tissue);
        if (ts == NULL)
            return RTFRAC_EINVAL;
        rtfrac_row_input in = tissue_input(ts);
        for (size_t t = 0; t < pl->ntargets; t++)
            if ((rc = add_row(c, t, o, none, &in, pl->oars[o].label)) != RTFRAC_OK)
                return rc;
    }
    assert(c->e->nrows == nrows);
    return RTFRAC_OK;
}

static int run_structures(run_ctx *c)
{
    const rtfrac_dvh_set *set = c->in->dvh;
    const rtfrac_plan *pl = c->in->plan;
    c->e->structures = calloc(set->n ? set->n : 1, sizeof(*c->e->structures));
    if (c->e->structures == NULL)
        return RTFRAC_ENOMEM;
    for (size_t i = 0; i < set->n; i++) {
        rtfrac_plan_eval_structure *s = &c->e->structures[i];
        const rtfrac_tissue *ts = c->in->structure_tissues ? c->in->structure_tissues[i] : NULL;
        int rc = rtfrac_plan_eval_structure_eval(c->o, &set->dvhs[i], ts, c->in->structure_alpha_beta_gy,
                                                 pl->fractions, &pl->calendar, pl->calendar_has, s, c->diag);
        if (rc != RTFRAC_OK)
            return rc;
        c->e->nstructures++;
        if (s->has_eqd2 && (rc = rtfrac_plan_eval_validity_add(&c->e->validity, RTFRAC_PLAN_EVAL_SOURCE_DVH,
                                                               s->dvh->name,
                                                               s->info.max_dose_per_fraction_gy)) != RTFRAC_OK)
            return rc;
    }
    return RTFRAC_OK;
}

/* The doses per fraction a converted limit used: as stated and converted. */
static int constraint_validity(run_ctx *c, const rtfrac_constraint_set *set, const rtfrac_constraint *k,
                               const rtfrac_constraint_conversion *cv)
{
    char what[RTFRAC_PLAN_EVAL_WHAT_MAX];
    snprintf(what, sizeof(what), "%s/%s", set->id, k->id);
    /* the limit (for V<x>Gy its threshold, always converted); none for an aim only */
    const rtfrac_constraint_dose *doses[2] = { cv->has_limit_dose || k->metric == RTFRAC_METRIC_V_GY ? &cv->limit : NULL,
                                               cv->has_optimal_dose ? &cv->optimal : NULL };
    for (size_t i = 0; i < 2; i++) {
        if (doses[i] == NULL)
            continue;
        double stated = k->fractions ? doses[i]->stated_gy / (double)k->fractions : k->dose_per_fraction_gy;
        int rc = rtfrac_plan_eval_validity_add(&c->e->validity, RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_STATED, what,
                                               stated);
        if (rc == RTFRAC_OK)
            rc = rtfrac_plan_eval_validity_add(&c->e->validity, RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_CONVERTED,
                                               what, doses[i]->dose_per_fraction_gy);
        if (rc != RTFRAC_OK)
            return rc;
    }
    return RTFRAC_OK;
}

static int push_check(run_ctx *c, size_t *cap, const rtfrac_plan_eval_check *k)
{
    if (c->e->nchecks == *cap) {
        size_t ncap = *cap ? 2 * *cap : 16;
        rtfrac_plan_eval_check *p = realloc(c->e->checks, ncap * sizeof(*p));
        if (p == NULL)
            return RTFRAC_ENOMEM;
        c->e->checks = p;
        *cap = ncap;
    }
    c->e->checks[c->e->nchecks++] = *k;
    return RTFRAC_OK;
}

static int run_constraints(run_ctx *c)
{
    rtfrac_model dose_model;
    size_t cap = 0;
    rtfrac_row_options_model(c->o, &dose_model);
    for (size_t si = 0; si < c->in->nconstraint_sets; si++) {
        const rtfrac_constraint_set *set = c->in->constraint_sets[si];
        for (size_t i = 0; i < set->nconstraints; i++) {
            const rtfrac_constraint *k = &set->constraints[i];
            const rtfrac_tissue *ts = k->tissue[0] ? rtfrac_presets_find_tissue(c->in->presets, k->tissue) : NULL;
            rtfrac_plan_eval_check ck;
            memset(&ck, 0, sizeof(ck));
            ck.set = si;
            ck.constraint = i;
            ck.structure = RTFRAC_PLAN_EVAL_NONE;
            ck.verdict = RTFRAC_CONSTRAINT_NOT_EVALUATED;
            if (rtfrac_reirr_metric_is_reirr(k->metric)) {
                diag_set(c->diag, "constraint '%s' of set '%s' is a re-irradiation limit (%s), not a DVH limit; use the set with 'rtfrac reirr --constraints %s'",
                         k->id, set->id, k->metric_text, set->id);
                return RTFRAC_EINVAL;
            }
            int rc = rtfrac_constraint_alpha_beta(k, ts, 0.0, &ck.alpha_beta_gy, &ck.ab_source);
            if (rc != RTFRAC_OK) {
                diag_set(c->diag, "constraint '%s' of set '%s': no alpha/beta", k->id, set->id);
                return rc;
            }
            if (ck.ab_source != RTFRAC_CONSTRAINT_AB_NONE) {
                rc = rtfrac_constraint_convert(&dose_model, k, ck.alpha_beta_gy, c->in->plan->fractions,
                                               &ck.conversion);
                if (rc != RTFRAC_OK) {
                    diag_set(c->diag, "cannot convert constraint '%s' of set '%s'", k->id, set->id);
                    return rc;
                }
                ck.converted = 1;
                if ((rc = constraint_validity(c, set, k, &ck.conversion)) != RTFRAC_OK)
                    return rc;
            }
            size_t matched = 0;
            for (size_t d = 0; ck.converted && d < c->e->nstructures; d++) {
                const rtfrac_plan_eval_structure *s = &c->e->structures[d];
                if (s->tissue == NULL || ts == NULL || s->tissue != ts || !s->has_eqd2)
                    continue;
                rtfrac_plan_eval_check m = ck;
                m.structure = d;
                m.bound = RTFRAC_DVH_EXACT;
                m.has_value = rtfrac_constraint_value_bounded(k, &s->eqd2, ck.conversion.limit.eqd2_gy, &m.value,
                                                              &m.bound) == RTFRAC_OK;
                if ((rc = rtfrac_constraint_check_bounded(k, &ck.conversion, m.has_value, m.value, m.bound,
                                                          &m.verdict)) != RTFRAC_OK) {
                    diag_set(c->diag, "cannot check constraint '%s' on structure '%s'", k->id, s->dvh->name);
                    return rc;
                }
                if ((rc = push_check(c, &cap, &m)) != RTFRAC_OK)
                    return rc;
                matched++;
            }
            if (matched == 0 && (rc = push_check(c, &cap, &ck)) != RTFRAC_OK)
                return rc;
        }
    }
    return RTFRAC_OK;
}

static int run_compare(run_ctx *c)
{
    const rtfrac_plan *pl = c->in->plan;
    rtfrac_plan_eval *e = c->e;
    size_t ntissues = pl->ntargets + pl->noars;
    e->compare_tissues = calloc(ntissues ? ntissues : 1, sizeof(*e->compare_tissues));
    if (e->compare_tissues == NULL)
        return RTFRAC_ENOMEM;
    for (size_t i = 0; i < ntissues; i++) {
        const char *id = i < pl->ntargets ? pl->targets[i].tissue : pl->oars[i - pl->ntargets].tissue;
        const rtfrac_tissue *t = find_tissue(c, id);
        int seen = 0;
        if (t == NULL)
            return RTFRAC_EINVAL;
        for (size_t j = 0; j < e->ncompare_tissues; j++)
            seen |= e->compare_tissues[j] == t;
        if (!seen)
            e->compare_tissues[e->ncompare_tissues++] = t;
    }
    e->ncomparison_rows = pl->ntargets + c->in->ncompare;
    e->comparisons = calloc(e->ncomparison_rows * e->ncompare_tissues + 1, sizeof(*e->comparisons));
    e->comparison_models = calloc(e->ncomparison_rows * e->ncompare_tissues + 1, sizeof(*e->comparison_models));
    if (e->comparisons == NULL || e->comparison_models == NULL)
        return RTFRAC_ENOMEM;
    for (size_t i = 0; i < e->ncomparison_rows; i++) {
        int is_plan = i < pl->ntargets;
        const rtfrac_plan_eval_scheme *sc = is_plan ? NULL : &c->in->compare[i - pl->ntargets];
        const char *label = is_plan ? pl->targets[i].label : sc->label;
        double total = is_plan ? pl->targets[i].total_dose_gy : sc->total_dose_gy;
        unsigned long n = is_plan ? pl->fractions : sc->fractions;
        const rtfrac_calendar *cal = is_plan ? &pl->calendar : sc->calendar;
        unsigned cal_has = is_plan ? pl->calendar_has : sc->calendar_has;
        int rc;
        if (n < 1) {
            diag_set(c->diag, "'%s': no fractions", label);
            return RTFRAC_EDOM;
        }
        if (!is_plan && (rc = rtfrac_plan_eval_validity_add(&e->validity, RTFRAC_PLAN_EVAL_SOURCE_COMPARED, label,
                                                            total / (double)n)) != RTFRAC_OK)
            return rc;
        for (size_t j = 0; j < e->ncompare_tissues; j++) {
            rtfrac_row_input in = tissue_input(e->compare_tissues[j]);
            if ((rc = eval_row(c, &in, cal, cal_has, total, n, label,
                               &e->comparison_models[i * e->ncompare_tissues + j],
                               &e->comparisons[i * e->ncompare_tissues + j])) != RTFRAC_OK)
                return rc;
        }
    }
    return RTFRAC_OK;
}

int rtfrac_plan_eval_run(const rtfrac_plan_eval_input *in, rtfrac_plan_eval **out, rtfrac_diag *diag)
{
    rtfrac_row_options plain;
    assert(in != NULL && out != NULL);
    rtfrac_diag_clear(diag);
    if (in->presets == NULL || in->plan == NULL || in->plan->fractions < 1 ||
        (in->nextra_alpha_beta && in->extra_alpha_beta == NULL) || (in->ncompare && in->compare == NULL) ||
        (in->nconstraint_sets && in->constraint_sets == NULL))
        return RTFRAC_EINVAL;
    rtfrac_plan_eval *e = calloc(1, sizeof(*e));
    if (e == NULL)
        return RTFRAC_ENOMEM;
    if (in->options == NULL)
        rtfrac_row_options_init(&plain);
    run_ctx c = { in, in->options ? in->options : &plain, e, diag };
    rtfrac_plan_eval_validity_init(&e->validity);
    int rc = run_rows(&c);
    if (rc == RTFRAC_OK && in->dvh != NULL)
        rc = run_structures(&c);
    if (rc == RTFRAC_OK)
        rc = run_constraints(&c);
    if (rc == RTFRAC_OK && in->ncompare > 0)
        rc = run_compare(&c);
    if (rc != RTFRAC_OK) {
        rtfrac_plan_eval_free(e);
        return rc;
    }
    *out = e;
    return RTFRAC_OK;
}

/* ---- plan structures and DVH structures ---------------------------------- */

/* TG-263 structure names (Mayo et al. 2018, Int J Radiat Oncol Biol Phys
 * 100(4):1057-1066, and its spreadsheet of primary names) and the common
 * spellings planning systems export, for the tissue presets of
 * presets/tissues.ini that are organs.  A name belongs to one tissue. */
static const struct {
    const char *tissue_id;
    const char *names[10];
} synonyms[] = {
    { "liver", { "Liver", "Liver-GTV", "Liver_minus_GTV", "Liver-PTV", "Liver_minus_PTV", "Liver-CTV",
                 "Liver_minus_CTV", "Liver_Normal", NULL } },
    { "spinal-cord", { "SpinalCord", "Spinal_Cord", "Spinal-Cord", "Spinal cord", "Cord", "SpinalCord_Cervical",
                       "SpinalCord_Thoracic", "SpinalCord_Lumbar", NULL } },
    { "brain", { "Brain", NULL } },
    { "brainstem", { "Brainstem", "BrainStem", "Brain_Stem", NULL } },
    { "optic", { "OpticChiasm", "Optic_Chiasm", "OpticNrv_L", "OpticNrv_R", "Chiasm", NULL } },
    { "rectum", { "Rectum", NULL } },
    { "lung", { "Lungs", "Lung_L", "Lung_R", "Lungs-GTV", "Lungs_minus_GTV", "Lungs-ITV", "Lungs_minus_ITV", NULL } },
    { "bladder", { "Bladder", NULL } },
    { "small-bowel", { "Bowel_Small", "SmallBowel", "Small_Bowel", NULL } },
    { "large-bowel", { "Bowel_Large", "LargeBowel", "Large_Bowel", "Colon", NULL } },
    { "stomach", { "Stomach", NULL } },
    { "duodenum", { "Duodenum", NULL } },
    { "kidney", { "Kidneys", "Kidney_L", "Kidney_R", NULL } },
    { "oesophagus", { "Esophagus", "Oesophagus", NULL } },
    { "heart", { "Heart", NULL } },
};

const char *rtfrac_plan_match_how_name(rtfrac_plan_match_how value)
{
    switch (value) {
    case RTFRAC_PLAN_MATCH_NONE: return "none";
    case RTFRAC_PLAN_MATCH_NAME: return "name";
    case RTFRAC_PLAN_MATCH_SYNONYM: return "tg263-synonym";
    }
    return "";
}

/* ASCII case-insensitive equality: structure names are ASCII in TG-263,
 * and a locale must not change which structure is which. */
static int same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

int rtfrac_plan_eval_tissue_synonym(const char *tissue_id, const char *name)
{
    if (tissue_id == NULL || name == NULL)
        return 0;
    for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++) {
        if (strcmp(synonyms[i].tissue_id, tissue_id) != 0)
            continue;
        for (size_t k = 0; synonyms[i].names[k] != NULL; k++)
            if (same_name(synonyms[i].names[k], name))
                return 1;
    }
    return 0;
}

static void set_match(rtfrac_plan_match *out, rtfrac_plan_match_how how, int is_target, size_t index,
                      const char *label, const char *tissue_id)
{
    out->how = how;
    out->is_target = is_target;
    out->index = index;
    out->plan_label = label;
    out->tissue_id = tissue_id;
}

int rtfrac_plan_eval_match(const rtfrac_plan *plan, const char *dvh_name, rtfrac_plan_match *out)
{
    if (plan == NULL || dvh_name == NULL || out == NULL)
        return RTFRAC_EINVAL;
    for (size_t i = 0; i < plan->ntargets; i++)
        if (same_name(plan->targets[i].label, dvh_name)) {
            set_match(out, RTFRAC_PLAN_MATCH_NAME, 1, i, plan->targets[i].label, plan->targets[i].tissue);
            return RTFRAC_OK;
        }
    for (size_t i = 0; i < plan->noars; i++)
        if (same_name(plan->oars[i].label, dvh_name)) {
            set_match(out, RTFRAC_PLAN_MATCH_NAME, 0, i, plan->oars[i].label, plan->oars[i].tissue);
            return RTFRAC_OK;
        }
    for (size_t i = 0; i < plan->noars; i++)
        if (rtfrac_plan_eval_tissue_synonym(plan->oars[i].tissue, dvh_name)) {
            set_match(out, RTFRAC_PLAN_MATCH_SYNONYM, 0, i, plan->oars[i].label, plan->oars[i].tissue);
            return RTFRAC_OK;
        }
    for (size_t i = 0; i < plan->ntargets; i++)
        if (rtfrac_plan_eval_tissue_synonym(plan->targets[i].tissue, dvh_name)) {
            set_match(out, RTFRAC_PLAN_MATCH_SYNONYM, 1, i, plan->targets[i].label, plan->targets[i].tissue);
            return RTFRAC_OK;
        }
    set_match(out, RTFRAC_PLAN_MATCH_NONE, 0, 0, NULL, NULL);
    return RTFRAC_OK;
}

const char *rtfrac_plan_ntcp_from_name(rtfrac_plan_ntcp_from value)
{
    switch (value) {
    case RTFRAC_PLAN_NTCP_NONE:
        return "none";
    case RTFRAC_PLAN_NTCP_OPTION:
        return "option";
    case RTFRAC_PLAN_NTCP_PLAN:
        return "plan";
    }
    return "";
}

int rtfrac_plan_eval_ntcp_link(const rtfrac_presets *presets, const rtfrac_plan *plan, const char *dvh_name,
                               const rtfrac_tissue *structure_tissue, int explicit_choice, rtfrac_plan_ntcp_link *out)
{
    rtfrac_plan_match m;
    if (presets == NULL || out == NULL || rtfrac_plan_eval_match(plan, dvh_name, &m) != RTFRAC_OK)
        return RTFRAC_EINVAL;
    const rtfrac_plan_oar *oar = NULL;
    if (m.how != RTFRAC_PLAN_MATCH_NONE && !m.is_target && plan->oars[m.index].ntcp[0] != '\0')
        oar = &plan->oars[m.index];
    const rtfrac_ntcp_params *set = oar != NULL ? rtfrac_presets_find_ntcp(presets, oar->ntcp) : NULL;
    if (oar != NULL && set == NULL)
        return RTFRAC_EINVAL;
    if (explicit_choice) {
        *out = (rtfrac_plan_ntcp_link){ RTFRAC_PLAN_NTCP_OPTION, NULL, oar };
        return RTFRAC_OK;
    }
    if (oar == NULL || structure_tissue == NULL || strcmp(structure_tissue->id, oar->tissue) != 0) {
        *out = (rtfrac_plan_ntcp_link){ RTFRAC_PLAN_NTCP_NONE, NULL, NULL };
        return RTFRAC_OK;
    }
    *out = (rtfrac_plan_ntcp_link){ RTFRAC_PLAN_NTCP_PLAN, set, oar };
    return RTFRAC_OK;
}
