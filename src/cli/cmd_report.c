/* rtfrac report: one document for a chart note, a protocol or a paper:
 * the plan's targets with BED and EQD2, organ constraints checked against a
 * DVH, DVH metrics and NTCP, a comparison with other schemes, and the source
 * of every parameter.  Markdown, self-contained HTML (with inline SVG
 * figures), LaTeX (booktabs) or CSV, written atomically.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include <assert.h>
#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cli.h"
#include "dvh_eval.h"
#include "opts.h"
#include "presets_path.h"
#include "svg.h"

enum { OPT_PLAN = 256, OPT_DVH, OPT_MAP, OPT_METRIC, OPT_NTCP, OPT_DVH_FORMAT, OPT_DOSE_UNIT, OPT_CONSTRAINTS,
       OPT_COMPARE, OPT_AB, OPT_TITLE, OPT_FORMAT, OPT_OUTPUT };

static const cli_opt report_opts[] = {
    CLI_TEXT("usage: rtfrac report --plan NAME|FILE [--dvh FILE [--structure-tissue MAP]]\n"
             "                     [--constraints NAME|FILE]... [--compare SCHEME]...\n"
             "                     [--ntcp LIST] [--metric LIST] [--ab LIST]\n"
             "                     --format md|html|tex|csv [-o FILE] [options]\n"
             "\n"
             "One document with: the plan (targets with physical dose, dose per fraction,\n"
             "tissue, alpha/beta, BED and EQD2; organs at risk at each target's dose);\n"
             "organ constraints converted to the plan's fractionation and checked against\n"
             "the DVH (pass/fail); DVH metrics, physical and EQD2, and NTCP; a comparison\n"
             "with other schemes; a provenance table with every parameter, its value and\n"
             "its source; the model notes and the LQ validity warnings; the rtfrac\n"
             "version and the date.\n"
             "\n"
             "Options:\n"),
    CLI_OPT("plan", "NAME|FILE", OPT_PLAN, "the plan (a preset name or a plan file); required"),
    CLI_OPT("dvh", "FILE", OPT_DVH, "a DVH export of the plan (formats as in 'rtfrac dvh')"),
    CLI_OPT_R("structure-tissue", "MAP", OPT_MAP,
            "tissues of the DVH's structures, e.g.\n"
            "'LIVER=liver,PTV*=hcc' (shell patterns, any case);\n"
            "otherwise a structure named as a plan target or\n"
            "organ (or by a TG-263 synonym of its tissue) takes\n"
            "that structure's tissue; an organ whose [oar] has\n"
            "ntcp = SET gets that NTCP set (an --ntcp for the\n"
            "structure overrides it)"),
    CLI_OPT_FLAGS("metric", "LIST", OPT_METRIC, CLI_OPT_JOIN | CLI_OPT_REPEAT, NULL),
    CLI_OPT_FLAGS("ntcp", "LIST", OPT_NTCP, CLI_OPT_JOIN | CLI_OPT_REPEAT, NULL),
    CLI_OPT_FLAGS("dvh-format", "F", OPT_DVH_FORMAT, CLI_OPT_JOIN, NULL),
    CLI_OPT("dose-unit", "U", OPT_DOSE_UNIT, "as in 'rtfrac dvh'"),
    CLI_OPT_R("constraints", "NAME|FILE", OPT_CONSTRAINTS,
            "a constraint set (repeatable); each constraint is\n"
            "checked on the DVH structures of its tissue"),
    CLI_OPT_R("compare", "SCHEME", OPT_COMPARE, "a scheme to compare with the targets (repeatable)"),
    CLI_OPT_R("ab", "LIST", OPT_AB,
            "alpha/beta values in Gy: further rows for every\n"
            "target at each (as calc --plan)"),
    CLI_OPT("title", "TEXT", OPT_TITLE, "the document's title"),
    CLI_OPT("format", "FMT", OPT_FORMAT, "md (default), html, tex or csv"),
    { "output", 'o', "FILE", OPT_OUTPUT, 0,
      "write to FILE through a temporary file and a rename,\n"
      "never leaving a partial file and never over an input;\n"
      "standard output when not given", NULL, NULL, NULL },
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("The date is the current time in UTC, or $SOURCE_DATE_EPOCH when set.\n"
             "\n"
             "Example:\n"
             "  rtfrac report --plan hcc-sib-55-44 --format html -o report.html\n"
             "\n"),
    CLI_INCLUDE(cli_model_group),
    CLI_OPT_END,
};

#define SECTIONS_MAX 8
#define LIST_MAX 8
#define CURVE_POINTS 60

typedef struct section {
    const char *title;
    out_doc doc;
} section;

typedef struct report {
    section sec[SECTIONS_MAX];
    size_t nsec;
    out_opts opts;
    const char *title;
    char *default_title;
    char date[64];
    char *cmdline;
    const char *plan_arg, *out_path, *set_args[LIST_MAX];
    size_t nset_args;
    const rtfrac_plan *plan;
    rtfrac_presets *p;
    model_args ma;
    ab_list abs;
    dvh_args da;
    const char *dvh_path;
    dvh_loaded dvh;
    const rtfrac_constraint_set *sets[LIST_MAX];
    size_t nsets;
    rx_arg compare[LIST_MAX];
    size_t ncompare;
    const rtfrac_tissue **structure_tissues; /* one per DVH structure */
    rtfrac_plan_match *plan_matches;         /* one per DVH structure (rtfrac_plan_eval_match) */
    rtfrac_plan_eval *ev;                    /* every number of the report */
} report;

static section *add_section(report *r, const char *title, const char *command)
{
    assert(r->nsec < SECTIONS_MAX); /* one of each section */
    section *s = &r->sec[r->nsec++];
    s->title = title;
    out_doc_init(&s->doc, command);
    return s;
}

/* Decimals of every computed number in the document's sentences and text
 * cells: --precision, or 2 as in the tables (out_real_fixed). */
static int report_decimals(const report *r)
{
    return r->opts.precision >= 0 ? r->opts.precision : 2;
}

static int oom(void)
{
    cli_error("out of memory or a value out of range");
    return CLI_EFAIL;
}

/* ---- sections ---------------------------------------------------------- */

static int section_plan(report *r)
{
    section *s = add_section(r, "Plan", "report");
    static const out_col cols[] = {
        { "plan", "Plan", OUT_STR, 0 }, { "name", "Name", OUT_STR, 0 },
        { "fractions", "Fractions", OUT_INT, 0 }, { "per_week", "Fractions per week", OUT_INT, 0 },
        { "per_day", "Fractions per day", OUT_INT, 0 },
        { "source", "Source", OUT_STR, 0 }, { "file", "Plan file", OUT_STR, 0 },
    };
    out_table *t = out_doc_table(&s->doc, "plan", NULL, cols, sizeof(cols) / sizeof(cols[0]));
    long row = t ? out_row(t) : -1;
    if (row < 0)
        return oom();
    t->vertical = 1;
    const rtfrac_plan *pl = r->plan;
    if (out_str(t, row, "plan", pl->id) || out_str(t, row, "name", pl->name) ||
        out_int(t, row, "fractions", (long long)pl->fractions) || out_int(t, row, "per_week", pl->calendar.per_week) ||
        out_int(t, row, "per_day", pl->calendar.per_day) ||
        out_str(t, row, "source", pl->source) || out_str(t, row, "file", pl->origin.file))
        return oom();
    return CLI_OK;
}

/* One row of the targets table from the plan evaluation, with the notes
 * calc writes under the same row (effect_row). */
static int target_row(report *r, out_table *t, out_doc *doc, const rtfrac_plan_eval_row *er)
{
    const rtfrac_plan *pl = r->plan;
    const rtfrac_plan_target *tg = &pl->targets[er->target];
    const rtfrac_model *mp = &er->row.model;
    const rtfrac_tissue *ts = er->tissue;
    char label[2 * RTFRAC_PRESET_ID_MAX + 4], desc[256];
    if (er->oar == RTFRAC_PLAN_EVAL_NONE)
        snprintf(label, sizeof(label), "%s", tg->label);
    else
        snprintf(label, sizeof(label), "%s @ %s", pl->oars[er->oar].label, tg->label);
    rtfrac_model_describe(mp, &er->effect, desc, sizeof(desc));
    long row = out_row(t);
    if (row < 0 || out_str(t, row, "label", label) || out_real(t, row, "total_dose_gy", tg->total_dose_gy) ||
        out_int(t, row, "fractions", (long long)pl->fractions) ||
        out_real(t, row, "dose_per_fraction_gy", er->effect.dose_per_fraction_gy) ||
        (ts && out_str(t, row, "tissue", ts->id)) || out_real(t, row, "alpha_beta_gy", er->row.alpha_beta_gy) ||
        out_real(t, row, "bed_gy", er->effect.bed_gy) || out_real(t, row, "eqd2_gy", er->effect.eqd2_gy) ||
        out_str(t, row, "model", desc) ||
        (r->ma.o.time && mp->time &&
         (out_real(t, row, "overall_time_days", er->effect.overall_time_days) ||
          out_real(t, row, "repopulation_gy", er->effect.repopulation_gy))))
        return oom();
    if (mp->calendar.per_day > 1)
        r->ma.rows_several_a_day++; /* the options used (model_args_check_used) */
    rtfrac_model_describe(mp, NULL, desc, sizeof(desc));
    if (!model_args_plain(&r->ma) || mp->kind != RTFRAC_MODEL_LQ || mp->repair)
        out_note(doc, "Model%s%s: %s.", ts ? " at tissue " : "", ts ? ts->id : "", desc);
    if (er->row.time == RTFRAC_ROW_TIME_LATE_NONE) {
        if (ts)
            out_note(doc, "No time correction at tissue %s: a late-responding tissue without repopulation parameters of its own (--tk and --dprolif are the tumour's).",
                     ts->id);
        else
            out_note(doc, "No time correction at the default alpha/beta 3 Gy: it stands for late-responding tissue, which does not repopulate during treatment (--tk and --dprolif are the tumour's).");
    }
    if (er->row.repair_complete_assumed)
        out_note(doc, "'%s': %u fractions a day %g h apart with no repair half-time known%s%s: complete repair between them is assumed (plain LQ); give --repair-half-time H for incomplete repair.",
                 label, mp->calendar.per_day, mp->calendar.interval_h, ts ? " for tissue " : "", ts ? ts->id : "");
    if (er->row.calendar_from_schedule && (r->ma.o.time || mp->repair))
        out_note(doc, "'%s': calendar from its preset: %u %s a week, %u a day%s.", label,
                 mp->calendar.per_week, cli_plural(mp->calendar.per_week, "fraction", "fractions"),
                 mp->calendar.per_day,
                 mp->calendar.per_day > 1 ? " (interval in the model note)" : "");
    return CLI_OK;
}

static int section_targets(report *r)
{
    section *s = add_section(r, "Targets and organs at risk", "calc");
    out_col cols[32];
    size_t n = effect_columns(cols, &r->ma, 0, 0);
    out_table *t = out_doc_table(&s->doc, "rows", NULL, cols, n);
    int rc;
    if (t == NULL)
        return oom();
    for (size_t i = 0; i < r->ev->nrows; i++)
        if ((rc = target_row(r, t, &s->doc, &r->ev->rows[i])) != CLI_OK)
            return rc;
    note_model(&s->doc, &r->ma);
    if (r->plan->noars > 0)
        out_note(&s->doc, "Rows 'ORGAN @ TARGET' give the target's prescription at the organ's alpha/beta: organ tissue inside that target, not the organ's dose distribution.");
    return CLI_OK;
}

static const char *verdict_text(const rtfrac_constraint *k, rtfrac_constraint_verdict v)
{
    switch (v) {
    case RTFRAC_CONSTRAINT_PASS: return "pass";
    case RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL:
        if (k->aim_only)
            return k->lower_bound ? "short of the aim (no limit)" : "above the aim (no limit)";
        return k->lower_bound ? "pass (short of the optimal)" : "pass (above the optimal limit)";
    case RTFRAC_CONSTRAINT_FAIL: return "FAIL";
    case RTFRAC_CONSTRAINT_NOT_EVALUATED: break;
    }
    return "not evaluated (metric not available)";
}

/* The limit as stated ("32 Gy"; "aim 60 Gy (no limit)" for an aim only)
 * and, when converted, in this plan's fractions ("mean <= 30.53 Gy"). */
static void limit_texts(const report *r, const rtfrac_constraint *k, const rtfrac_constraint_conversion *cv,
                        char *lim, size_t nlim, char *plan_lim, size_t nplan)
{
    char num[32], dose[OUT_REAL_TEXT_MAX]; /* a dose: the document's precision, as in every table */
    const rtfrac_constraint_dose *cd = cv->has_limit_dose || k->metric == RTFRAC_METRIC_V_GY ? &cv->limit : &cv->optimal;
    const char *op = k->lower_bound ? ">=" : "<=", *unit = rtfrac_presets_limit_unit_name(k->unit);
    out_real_exact(num, sizeof(num), k->aim_only ? k->optimal : k->limit);
    snprintf(lim, nlim, "%s%s %s%s", k->aim_only ? "aim " : "", num, unit, k->aim_only ? " (no limit)" : "");
    out_real_fixed(dose, sizeof(dose), cd->dose_gy, report_decimals(r));
    if (k->metric == RTFRAC_METRIC_V_GY)
        snprintf(plan_lim, nplan, "V%sGy %s %s %s%s", dose, op, num, unit, k->aim_only ? " (aim)" : "");
    else if (k->aim_only) { /* no Limit EQD2 cell: the aim's EQD2, which the plan value is compared with, here */
        char eqd2[OUT_REAL_TEXT_MAX];
        out_real_fixed(eqd2, sizeof(eqd2), cd->eqd2_gy, report_decimals(r));
        snprintf(plan_lim, nplan, "%s %s %s Gy (aim; EQD2 %s Gy)", k->metric_text, op, dose, eqd2);
    } else
        snprintf(plan_lim, nplan, "%s %s %s Gy", k->metric_text, op, dose);
}

static int constraint_row(report *r, out_table *t, const rtfrac_plan_eval_check *ck)
{
    const rtfrac_constraint_set *set = r->sets[ck->set];
    const rtfrac_constraint *k = &set->constraints[ck->constraint];
    const rtfrac_constraint_conversion *cv = &ck->conversion;
    char lim[96], stated[64], plan_lim[2 * OUT_REAL_TEXT_MAX + 160], val[OUT_REAL_TEXT_MAX + 32], res[96];
    int vol = k->metric == RTFRAC_METRIC_V_GY;
    limit_texts(r, k, cv, lim, sizeof(lim), plan_lim, sizeof(plan_lim));
    if (k->fractions)
        snprintf(stated, sizeof(stated), "%lu fx", k->fractions);
    else
        snprintf(stated, sizeof(stated), "%g Gy/fx", k->dose_per_fraction_gy);
    long row = out_row(t);
    if (row < 0 || out_str(t, row, "set", set->id) || out_str(t, row, "constraint", k->id) ||
        out_str(t, row, "organ", k->organ) || out_str(t, row, "metric", k->metric_text) ||
        out_str(t, row, "limit", lim) || out_str(t, row, "stated_in", stated))
        return oom();
    if (!ck->converted)
        return out_str(t, row, "result", "not converted: no alpha/beta (no tissue)") ? oom() : CLI_OK;
    if (out_real(t, row, "alpha_beta_gy", ck->alpha_beta_gy) || out_str(t, row, "limit_plan", plan_lim) ||
        ((cv->has_limit_dose || vol) && out_real(t, row, "limit_eqd2_gy", cv->limit.eqd2_gy)))
        return oom();
    if (ck->structure == RTFRAC_PLAN_EVAL_NONE)
        return out_str(t, row, "result", r->dvh_path ? "not evaluated (no DVH structure of this tissue)"
                                                      : "not evaluated (no DVH)") ? oom() : CLI_OK;
    if (ck->has_value) {
        char vtext[OUT_REAL_TEXT_MAX];
        out_real_fixed(vtext, sizeof(vtext), ck->value, report_decimals(r)); /* the rounding rule of every table */
        snprintf(val, sizeof(val), "%s%s %s",
                 ck->bound == RTFRAC_DVH_AT_LEAST ? ">= " : ck->bound == RTFRAC_DVH_AT_MOST ? "<= " : "", vtext,
                 vol ? rtfrac_presets_limit_unit_name(k->unit) : "Gy");
    } else
        snprintf(val, sizeof(val), "-");
    const rtfrac_dvh *sd = r->ev->structures[ck->structure].dvh;
    if ((!ck->has_value || ck->verdict == RTFRAC_CONSTRAINT_NOT_EVALUATED) && (!sd->complete_low || !sd->complete_high))
        snprintf(res, sizeof(res), "not evaluated (the structure's curve is partial)");
    else
        snprintf(res, sizeof(res), "%s%s", verdict_text(k, ck->verdict),
                 ck->has_value && !cv->exact ? " (mean: approximate)" : "");
    if (out_str(t, row, "structure", sd->name) ||
        out_str(t, row, "value_eqd2", val) || out_str(t, row, "result", res))
        return oom();
    return CLI_OK;
}

static int section_constraints(report *r)
{
    section *s = add_section(r, "Organ constraints", "report");
    static const out_col cols[] = {
        { "set", "Set", OUT_STR, 0 },
        { "constraint", "Constraint", OUT_STR, OUT_MACHINE_ONLY },
        { "organ", "Organ", OUT_STR, 0 },
        { "metric", "Metric", OUT_STR, 0 },
        { "limit", "Limit as stated", OUT_STR, 0 },
        { "stated_in", "Stated in", OUT_STR, 0 },
        { "alpha_beta_gy", "a/b (Gy)", OUT_REAL, OUT_AS_GIVEN },
        { "limit_plan", "Limit in this plan", OUT_STR, 0 },
        { "limit_eqd2_gy", "Limit EQD2 (Gy)", OUT_REAL, 0 },
        { "structure", "Structure", OUT_STR, OUT_HIDE_EMPTY },
        { "value_eqd2", "Plan value (EQD2)", OUT_STR, OUT_HIDE_EMPTY },
        { "result", "Result", OUT_STR, 0 },
    };
    out_table *t = out_doc_table(&s->doc, "constraints", NULL, cols, sizeof(cols) / sizeof(cols[0]));
    int any_mean = 0, any_eval = 0, any_aim = 0, rc;
    if (t == NULL)
        return oom();
    for (size_t i = 0; i < r->ev->nchecks; i++) {
        const rtfrac_plan_eval_check *ck = &r->ev->checks[i];
        if ((rc = constraint_row(r, t, ck)) != CLI_OK)
            return rc;
        any_mean |= ck->converted && !ck->conversion.exact;
        any_aim |= r->sets[ck->set]->constraints[ck->constraint].aim_only;
        any_eval |= ck->structure != RTFRAC_PLAN_EVAL_NONE;
        /* the set's note after its last row */
        if (i + 1 == r->ev->nchecks || r->ev->checks[i + 1].set != ck->set) {
            const rtfrac_constraint_set *set = r->sets[ck->set];
            out_note(&s->doc, "Constraint set %s: %s; source: %s.", set->id, set->name, set->source);
        }
    }
    out_note(&s->doc, "Each limit (for V<x>Gy: its threshold x) is converted to the physical dose in %lu %s with the same BED as in the fractionation it was stated in (the model's dose-per-fraction term at the organ's alpha/beta, no time correction); the plan value is the metric of the structure's EQD2 DVH, compared with the limit's EQD2 (for V<x>Gy: the volume at the EQD2 threshold, with the stated volume limit).",
             r->plan->fractions, cli_plural(r->plan->fractions, "fraction", "fractions"));
    if (any_aim)
        out_note(&s->doc, "A constraint with limit 'aim ... (no limit)' has a planning aim only: its aim is converted like a limit, and a plan beyond it (for a minimum: short of it) is flagged, never failed.");
    if (any_mean)
        out_note(&s->doc, "Mean-dose limits are approximate after conversion: a mean over an inhomogeneous dose does not convert like a point dose.");
    if (!any_eval && r->dvh_path)
        out_note(&s->doc, "No constraint could be checked: map the DVH's structures to tissues with --structure-tissue.");
    return CLI_OK;
}

/* The comparison's columns: scheme, dose, fractions, d, then one EQD2 per
 * tissue of the plan, headers in `headers` (copied by out_doc_table). */
static out_table *compare_table(out_doc *doc, const rtfrac_plan_eval *ev, char (*headers)[RTFRAC_PRESET_ID_MAX + 64], out_col *cols,
                                int time)
{
    size_t nc = 0;
    cols[nc++] = (out_col){ "scheme", "Scheme", OUT_STR, 0 };
    cols[nc++] = (out_col){ "total_dose_gy", "Total dose (Gy)", OUT_REAL, OUT_AS_GIVEN };
    cols[nc++] = (out_col){ "fractions", "Fractions", OUT_INT, 0 };
    cols[nc++] = (out_col){ "dose_per_fraction_gy", "Dose/fraction (Gy)", OUT_REAL, 0 };
    for (size_t j = 0; j < ev->ncompare_tissues; j++) {
        snprintf(headers[j], sizeof(headers[j]), "EQD2%s (Gy), %s a/b %g", time ? " with time" : "",
                 ev->compare_tissues[j]->id, ev->compare_tissues[j]->alpha_beta_gy);
        cols[nc++] = (out_col){ headers[j], headers[j], OUT_REAL, 0 };
    }
    return out_doc_table(doc, "comparison", NULL, cols, nc);
}

/* The notes calc writes under a compared scheme's rows, at each of the
 * plan's tissues: several fractions a day (repair modelled or complete
 * repair assumed) and the calendar taken from the scheme's preset. */
static void compare_notes(report *r, out_doc *doc, const char *label, size_t i)
{
    const rtfrac_plan_eval *ev = r->ev;
    for (size_t j = 0; j < ev->ncompare_tissues; j++) {
        const rtfrac_row *rw = &ev->comparison_models[i * ev->ncompare_tissues + j];
        const rtfrac_model *mp = &rw->model;
        const char *ts = ev->compare_tissues[j]->id;
        char desc[256];
        if (mp->calendar.per_day > 1)
            r->ma.rows_several_a_day++; /* the options used (model_args_check_used) */
        rtfrac_model_describe(mp, NULL, desc, sizeof(desc));
        if (mp->repair)
            out_note(doc, "'%s' at tissue %s: %s.", label, ts, desc);
        if (rw->repair_complete_assumed)
            out_note(doc, "'%s': %u fractions a day %g h apart with no repair half-time known for tissue %s: complete repair between them is assumed (plain LQ); give --repair-half-time H for incomplete repair.",
                     label, mp->calendar.per_day, mp->calendar.interval_h, ts);
        if (j == 0 && rw->calendar_from_schedule && (r->ma.o.time || mp->calendar.per_day > 1))
            out_note(doc, "'%s': calendar from its preset: %u %s a week, %u a day.", label, mp->calendar.per_week,
                     cli_plural(mp->calendar.per_week, "fraction", "fractions"), mp->calendar.per_day);
    }
}

static int section_compare(report *r)
{
    section *s = add_section(r, "Comparison with other schemes", "compare");
    const rtfrac_plan_eval *ev = r->ev;
    size_t nt = ev->ncompare_tissues;
    out_col *cols = malloc((4 + nt) * sizeof(*cols));
    char (*headers)[RTFRAC_PRESET_ID_MAX + 64] = malloc((nt + 1) * sizeof(*headers));
    out_table *t = cols && headers ? compare_table(&s->doc, ev, headers, cols, r->ma.o.time) : NULL;
    int bad = t == NULL;
    free(cols);
    free(headers);
    for (size_t i = 0; !bad && i < ev->ncomparison_rows; i++) {
        int is_plan = i < r->plan->ntargets;
        const rtfrac_rx *rx = is_plan ? NULL : &r->compare[i - r->plan->ntargets].rx;
        const char *label = is_plan ? r->plan->targets[i].label : rx->label;
        double total = is_plan ? r->plan->targets[i].total_dose_gy : rx->total_dose_gy;
        unsigned long n = is_plan ? r->plan->fractions : rx->fractions;
        long row = out_row(t);
        bad = row < 0 || out_str(t, row, "scheme", label) || out_real(t, row, "total_dose_gy", total) ||
              out_int(t, row, "fractions", (long long)n) || out_real(t, row, "dose_per_fraction_gy", total / (double)n);
        for (size_t j = 0; !bad && j < nt; j++) /* after scheme, dose, fractions, d */
            bad = out_real_at(t, row, 4 + j, ev->comparisons[i * nt + j].eqd2_gy);
    }
    if (bad)
        return oom();
    for (size_t i = 0; i < r->ncompare; i++)
        compare_notes(r, &s->doc, r->compare[i].rx.label, r->plan->ntargets + i);
    for (size_t i = 0; i < r->ncompare; i++)
        if (r->compare[i].scheme != NULL)
            note_scheme_source(&s->doc, r->compare[i].scheme);
    out_note(&s->doc, "The first rows are this plan's targets; EQD2 of each scheme at the alpha/beta of the plan's tissues.");
    return CLI_OK;
}

static int provenance_row(out_table *t, const char *parameter, const char *value, const char *unit,
                          const char *source, const char *file)
{
    long row = out_row(t);
    if (row < 0 || out_str(t, row, "parameter", parameter) || out_str(t, row, "value", value) ||
        (unit && out_str(t, row, "unit", unit)) || out_str(t, row, "source", source) ||
        (file && out_str(t, row, "file", file)))
        return oom();
    return CLI_OK;
}

/* Add t to the list unless it is NULL or there already. */
static void add_tissue(const rtfrac_tissue **all, size_t *n, const rtfrac_tissue *t)
{
    for (size_t i = 0; i < *n; i++)
        if (all[i] == t)
            return;
    if (t != NULL)
        all[(*n)++] = t;
}

/* Every tissue in use, each once in the order of first use: a new array
 * (free it), or NULL when out of memory. */
static const rtfrac_tissue **tissues_in_use(const report *r, size_t *n)
{
    const rtfrac_plan *pl = r->plan;
    size_t cap = pl->ntargets + pl->noars + r->abs.n + r->ev->nstructures + 1;
    for (size_t si = 0; si < r->nsets; si++)
        cap += r->sets[si]->nconstraints;
    const rtfrac_tissue **all = malloc(cap * sizeof(*all));
    *n = 0;
    if (all == NULL)
        return NULL;
    for (size_t i = 0; i < pl->ntargets; i++)
        add_tissue(all, n, rtfrac_presets_find_tissue(r->p, pl->targets[i].tissue));
    for (size_t i = 0; i < pl->noars; i++)
        add_tissue(all, n, rtfrac_presets_find_tissue(r->p, pl->oars[i].tissue));
    for (size_t i = 0; i < r->abs.n; i++)
        add_tissue(all, n, r->abs.e[i].tissue);
    for (size_t i = 0; i < r->ev->nstructures; i++)
        add_tissue(all, n, r->ev->structures[i].tissue);
    for (size_t si = 0; si < r->nsets; si++)
        for (size_t k = 0; k < r->sets[si]->nconstraints; k++)
            if (r->sets[si]->constraints[k].tissue[0])
                add_tissue(all, n, rtfrac_presets_find_tissue(r->p, r->sets[si]->constraints[k].tissue));
    return all;
}

/* An NTCP set's parameters and the fractionation its fit assumed (the
 * caveat travels with the numbers, in every format); `from` follows the id. */
static int provenance_ntcp(out_table *t, const rtfrac_ntcp_params *np, const char *from)
{
    char name[3 * RTFRAC_PRESET_ID_MAX + 64], value[96], file[RTFRAC_DIAG_FILE_MAX + 16];
    int rc;
    snprintf(name, sizeof(name), "NTCP %s%s: TD50, m, n", np->id, from);
    snprintf(value, sizeof(value), "%g Gy, %g, %g", np->td50_gy, np->m, np->n);
    snprintf(file, sizeof(file), "%s:%u", np->origin.file, np->origin.line);
    if ((rc = provenance_row(t, name, value, NULL, np->source, file)))
        return rc;
    snprintf(name, sizeof(name), "NTCP %s: fractionation of the fit", np->id);
    if ((rc = provenance_row(t, name, np->fractionation[0] ? np->fractionation : "not stated", NULL,
                             "the set's fractionation key (its source above)", file)))
        return rc;
    snprintf(name, sizeof(name), "NTCP %s: dose per fraction of D_eff (EQD%g)", np->id,
             np->reference_dose_per_fraction_gy);
    snprintf(value, sizeof(value), "%g", np->reference_dose_per_fraction_gy);
    return provenance_row(t, name, value, "Gy",
                          np->has_reference_dose_per_fraction
                              ? "the set's reference_dose_per_fraction key: the fit's dose per fraction"
                              : "default (no reference_dose_per_fraction key): EQD2",
                          file);
}

/* The NTCP sets the plan links to its organs at risk that the library
 * applied to a DVH structure (rtfrac_plan_eval_ntcp_link), each once. */
static int provenance_plan_ntcp(const report *r, out_table *t)
{
    for (size_t o = 0; r->dvh_path && o < r->plan->noars; o++) {
        const rtfrac_plan_oar *oar = &r->plan->oars[o];
        int used = 0;
        for (size_t i = 0; oar->ntcp[0] && !used && i < r->dvh.n; i++) {
            const rtfrac_plan_eval_structure *ds = &r->dvh.s[i];
            rtfrac_plan_ntcp_link link;
            double ntcp, deff; /* computed, as in the DVH section */
            int explicit_choice = dvh_args_ntcp_explicit(&r->da, r->p, ds->dvh->name, ds->tissue);
            used = rtfrac_plan_eval_ntcp_link(r->p, r->plan, ds->dvh->name, ds->tissue, explicit_choice, &link) ==
                       RTFRAC_OK && link.from == RTFRAC_PLAN_NTCP_PLAN && link.oar == oar && ds->has_eqd2 &&
                   rtfrac_dvh_ntcp_lkb_eqdx(&ds->eqd2, ds->alpha_beta_gy, link.set->reference_dose_per_fraction_gy,
                                            link.set->td50_gy, link.set->m, link.set->n, &ntcp, &deff) == RTFRAC_OK;
        }
        if (!used)
            continue;
        char from[2 * RTFRAC_PRESET_ID_MAX + 16];
        snprintf(from, sizeof(from), " (plan %s, %s)", r->plan->id, oar->label);
        int rc = provenance_ntcp(t, rtfrac_presets_find_ntcp(r->p, oar->ntcp), from);
        if (rc)
            return rc;
    }
    return CLI_OK;
}

static int section_provenance(report *r)
{
    section *s = add_section(r, "Provenance: every parameter and its source", "report");
    static const out_col cols[] = {
        { "parameter", "Parameter", OUT_STR, 0 }, { "value", "Value", OUT_STR, 0 },
        { "unit", "Unit", OUT_STR, OUT_HIDE_EMPTY }, { "source", "Source", OUT_STR, 0 },
        { "file", "File", OUT_STR, OUT_MACHINE_ONLY },
    };
    out_table *t = out_doc_table(&s->doc, "provenance", NULL, cols, 5);
    char name[192], value[64], file[RTFRAC_DIAG_FILE_MAX + 16];
    int rc = CLI_OK;
    if (t == NULL)
        return oom();
    const rtfrac_plan *pl = r->plan;
    snprintf(value, sizeof(value), "%lu", pl->fractions);
    if ((rc = provenance_row(t, "Plan fractions", value, NULL, pl->source, pl->origin.file)))
        return rc;
    for (size_t i = 0; i < pl->ntargets; i++) {
        snprintf(name, sizeof(name), "Prescription %s", pl->targets[i].label);
        snprintf(value, sizeof(value), "%g", pl->targets[i].total_dose_gy);
        snprintf(file, sizeof(file), "%s:%u", pl->targets[i].origin.file, pl->targets[i].origin.line);
        if ((rc = provenance_row(t, name, value, "Gy", pl->source, file)))
            return rc;
    }
    size_t nall = 0;
    const rtfrac_tissue **all = tissues_in_use(r, &nall);
    if (all == NULL)
        return oom();
    for (size_t i = 0; i < nall; i++) {
        const rtfrac_tissue *ts = all[i];
        char *tname = NULL; /* the tissue's name has no length limit */
        if (asprintf(&tname, "alpha/beta, %s (%s, evidence: %s, checked: %s)", ts->id, ts->name,
                     ts->evidence ? rtfrac_presets_evidence_name(ts->evidence) : "not stated",
                     ts->checked ? rtfrac_presets_checked_name(ts->checked) : "not stated") < 0) {
            rc = oom();
            break;
        }
        snprintf(value, sizeof(value), "%g", ts->alpha_beta_gy);
        snprintf(file, sizeof(file), "%s:%u", ts->origin.file, ts->origin.line);
        rc = provenance_row(t, tname, value, "Gy", ts->source, file);
        free(tname);
        if (rc != CLI_OK)
            break;
    }
    free(all);
    if (rc != CLI_OK)
        return rc;
    for (size_t i = 0; i < r->abs.n; i++)
        if (r->abs.e[i].tissue == NULL) {
            snprintf(value, sizeof(value), "%g", r->abs.e[i].ab_gy);
            if ((rc = provenance_row(t, "alpha/beta (given on the command line)", value, "Gy", "--ab", NULL)))
                return rc;
        }
    if (r->ma.o.time) {
        if (r->ma.o.has_tk) {
            snprintf(value, sizeof(value), "%g", r->ma.o.tk_days);
            if ((rc = provenance_row(t, "Tk (kick-off time)", value, "d", "--tk", NULL)))
                return rc;
        }
        if (r->ma.o.has_dprolif) {
            snprintf(value, sizeof(value), "%g", r->ma.o.dprolif_rate_gy_per_day);
            if ((rc = provenance_row(t, "K (Dprolif)", value, rtfrac_model_rate_unit_name(r->ma.o.dprolif_unit), "--dprolif",
                                     NULL)))
                return rc;
        }
    }
    for (size_t si = 0; si < r->nsets; si++) {
        snprintf(name, sizeof(name), "Constraint set %s (%zu %s)", r->sets[si]->id, r->sets[si]->nconstraints,
                 cli_plural(r->sets[si]->nconstraints, "constraint", "constraints"));
        if ((rc = provenance_row(t, name, r->sets[si]->name, NULL, r->sets[si]->source, r->sets[si]->origin.file)))
            return rc;
    }
    for (size_t k = 0; k < r->da.nntcp; k++)
        if ((rc = provenance_ntcp(t, rtfrac_presets_find_ntcp(r->p, r->da.ntcp[k].set), "")))
            return rc;
    if ((rc = provenance_plan_ntcp(r, t)))
        return rc;
    for (size_t i = 0; i < r->ncompare; i++)
        if (r->compare[i].scheme) {
            const rtfrac_scheme *sc = r->compare[i].scheme;
            snprintf(name, sizeof(name), "Scheme %s", sc->id);
            snprintf(value, sizeof(value), "%g Gy in %lu %s", sc->total_dose_gy, sc->fractions,
                     cli_plural(sc->fractions, "fraction", "fractions"));
            if ((rc = provenance_row(t, name, value, NULL, sc->source, sc->origin.file)))
                return rc;
        }
    if (r->dvh_path && (rc = provenance_row(t, "DVH", r->dvh_path, NULL,
                                            rtfrac_dvh_format_name(r->dvh.set->format), r->dvh_path)))
        return rc;
    return CLI_OK;
}

/* Which number reached the largest dose per fraction, for the notes. */
static void validity_where(const rtfrac_plan_eval_validity *v, char *buf, size_t size)
{
    switch (v->source) {
    case RTFRAC_PLAN_EVAL_SOURCE_PRESCRIPTION:
        snprintf(buf, size, "prescription %s", v->what);
        break;
    case RTFRAC_PLAN_EVAL_SOURCE_COMPARED:
        snprintf(buf, size, "compared scheme %s", v->what);
        break;
    case RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_STATED:
        snprintf(buf, size, "constraint %s as stated", v->what);
        break;
    case RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_CONVERTED:
        snprintf(buf, size, "constraint %s converted to this plan", v->what);
        break;
    case RTFRAC_PLAN_EVAL_SOURCE_DVH:
        snprintf(buf, size, "DVH structure %s", v->what);
        break;
    case RTFRAC_PLAN_EVAL_SOURCE_NONE:
    default:
        snprintf(buf, size, "none");
        break;
    }
}

static int section_notes(report *r)
{
    section *s = add_section(r, "Model notes and validity", "report");
    char desc[256];
    rtfrac_model dose_model;
    rtfrac_row_options_model(&r->ma.o, &dose_model);
    rtfrac_model_describe(&dose_model, NULL, desc, sizeof(desc));
    out_note(&s->doc, "Model: %s. Linear-quadratic: BED = D (1 + d/(alpha/beta)), EQD2 = BED / (1 + 2/(alpha/beta)), d = D/n for each target (Barendsen 1982; Fowler 1989; Withers et al. 1983; Bentzen et al. 2012).",
             desc);
    const rtfrac_plan_eval_validity *v = &r->ev->validity;
    char where[RTFRAC_PLAN_EVAL_WHAT_MAX + 64], dmax[OUT_REAL_TEXT_MAX];
    out_real_fixed(dmax, sizeof(dmax), v->max_dose_per_fraction_gy, report_decimals(r));
    validity_where(v, where, sizeof(where));
    if (rtfrac_plan_eval_validity_lq_exceeded(v, r->ma.o.kind))
        out_note(&s->doc, "Warning: doses per fraction up to %s Gy (%s) appear in this report; above %g Gy per fraction the linear-quadratic model is uncertain.",
                 dmax, where, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
    else
        out_note(&s->doc, "All doses per fraction in this report are at most %s Gy (the largest: %s), within the range where the linear-quadratic model is well supported (about 1 to %g Gy).",
                 dmax, where, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
    out_note(&s->doc, "alpha/beta values marked 'convention' are generic values adopted where no organ-specific clinical estimate is shipped; they carry more uncertainty than clinically fitted ones.");
    return CLI_OK;
}

/* ---- figures (HTML: SVG, LaTeX: pgfplots) ------------------------------- */

typedef int (*plot_fn)(FILE *, const char *, const char *, const char *, const svg_series *, size_t, int);

/* The figures' curves, one allocation: n series of up to `points` points. */
typedef struct curves {
    double *x, *y;
    svg_series *ser;
} curves;

static int curves_alloc(curves *c, size_t n, size_t points)
{
    c->x = malloc((n * points + 1) * sizeof(double));
    c->y = malloc((n * points + 1) * sizeof(double));
    c->ser = malloc((n + 1) * sizeof(*c->ser));
    return c->x && c->y && c->ser ? 0 : -1;
}

static void curves_free(curves *c)
{
    free(c->x);
    free(c->y);
    free(c->ser);
}

static int figure_eqd2_vs_ab(FILE *fp, const report *r, plot_fn plot)
{
    size_t ns = r->plan->ntargets;
    curves c;
    int rc = curves_alloc(&c, ns, CURVE_POINTS);
    for (size_t t = 0; rc == 0 && t < ns; t++) {
        double total = r->plan->targets[t].total_dose_gy, d = total / (double)r->plan->fractions;
        double *ab = c.x + t * CURVE_POINTS, *y = c.y + t * CURVE_POINTS;
        for (size_t i = 0; i < CURVE_POINTS; i++) {
            ab[i] = 0.5 * pow(40.0, (double)i / (CURVE_POINTS - 1)); /* 0.5 to 20 Gy */
            y[i] = total * (d + ab[i]) / (2.0 + ab[i]);
        }
        c.ser[t] = (svg_series){ r->plan->targets[t].label, ab, y, CURVE_POINTS };
    }
    if (rc == 0)
        rc = plot(fp, "EQD2 of the targets against alpha/beta (LQ)", "alpha/beta (Gy), logarithmic",
                      "EQD2 (Gy)", c.ser, ns, 1);
    curves_free(&c);
    return rc;
}

/* One structure's cumulative DVH, thinned to at most about 300 points. */
static size_t dvh_curve(const rtfrac_dvh_bins *b, double *x, double *y)
{
    size_t n = 0, step = b->n / 300 + 1;
    double above = b->total_volume;
    for (size_t k = 0; k < b->n; k++) {
        if (k % step == 0) {
            x[n] = b->lo_gy[k];
            y[n] = fmax(0.0, 100.0 * above / b->total_volume);
            n++;
        }
        above -= b->volume[k];
    }
    x[n] = b->hi_gy[b->n - 1];
    y[n++] = 0.0;
    return n;
}

static int figure_dvh(FILE *fp, const report *r, int eqd2, plot_fn plot)
{
    enum { DVH_POINTS = 302 }; /* dvh_curve: at most 300 + 1, and the end */
    curves c;
    size_t ns = 0;
    int rc = curves_alloc(&c, r->dvh.n, DVH_POINTS);
    /* the legend tells a plan's and a plan sum's curve of one name apart */
    char (*label)[2 * RTFRAC_DVH_NAME_MAX + 4] = malloc((r->dvh.n + 1) * sizeof(*label));
    if (label == NULL)
        rc = -1;
    int any_mapped = 0;
    for (size_t i = 0; i < r->dvh.n; i++)
        any_mapped |= r->dvh.s[i].tissue != NULL;
    for (size_t i = 0; rc == 0 && i < r->dvh.n; i++) {
        const rtfrac_plan_eval_structure *ds = &r->dvh.s[i];
        if (eqd2 && !ds->has_eqd2)
            continue;
        if (ds->tissue == NULL && any_mapped)
            continue; /* only the structures matched to the plan or mapped: the body would flatten the rest */
        double *x = c.x + ns * DVH_POINTS, *y = c.y + ns * DVH_POINTS;
        size_t n = dvh_curve(eqd2 ? &ds->eqd2 : &ds->physical, x, y);
        snprintf(label[ns], sizeof(label[ns]), "%s%s%s%s", ds->dvh->name, ds->dvh->plan[0] ? " (" : "",
                 ds->dvh->plan, ds->dvh->plan[0] ? ")" : "");
        c.ser[ns] = (svg_series){ label[ns], x, y, n };
        ns++;
    }
    if (rc == 0 && ns > 0)
        rc = plot(fp, eqd2 ? "Cumulative DVH, EQD2 (bin by bin)" : "Cumulative DVH, physical dose",
                      eqd2 ? "EQD2 (Gy)" : "Dose (Gy)", "Volume (%)", c.ser, ns, 0);
    free(label);
    curves_free(&c);
    return rc;
}

/* ---- writers ----------------------------------------------------------- */

static const char css[] =
    "body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;color:#222;line-height:1.35}"
    "h1{font-size:1.6em;border-bottom:2px solid #1f5fa8;padding-bottom:.2em}"
    "h2{font-size:1.25em;margin-top:1.6em;color:#1f5fa8}h3{font-size:1.05em}"
    "table{border-collapse:collapse;margin:.6em 0 1em 0;font-size:.88em}"
    "th,td{border-top:1px solid #ccc;border-bottom:1px solid #ccc;padding:.25em .6em;vertical-align:top}"
    "thead th{border-bottom:2px solid #333;background:#f3f6fa}td.n,th.n{text-align:right}td.s,th.s{text-align:left}"
    "p.note{font-size:.85em;color:#444;margin:.3em 0}.meta td,.meta th{border:none;padding:.1em .6em .1em 0}"
    "figure{margin:1em 0;page-break-inside:avoid}footer{margin-top:2em;font-size:.8em;color:#666}"
    "@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}";

static int write_html(FILE *fp, void *ctx)
{
    const report *r = ctx;
    out_opts o = r->opts;
    o.format = OUT_HTML;
    int bad = fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", fp) < 0 ||
              out_put_html(fp, r->title) < 0 || fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css) < 0 ||
              out_put_html(fp, r->title) < 0 || fputs("</h1>\n<table class=\"meta\">\n", fp) < 0;
    bad |= fputs("<tr><th>Plan</th><td>", fp) < 0 || out_put_html(fp, r->plan->name) < 0 ||
           fputs("</td></tr>\n<tr><th>Generated</th><td>", fp) < 0 || out_put_html(fp, r->date) < 0 ||
           fprintf(fp, " by rtfrac %s</td></tr>\n<tr><th>Command</th><td><code>", rtfrac_version()) < 0 ||
           out_put_html(fp, r->cmdline) < 0 || fputs("</code></td></tr>\n</table>\n", fp) < 0;
    for (size_t i = 0; i < r->nsec && !bad; i++) {
        bad |= fputs("<h2>", fp) < 0 || out_put_html(fp, r->sec[i].title) < 0 || fputs("</h2>\n", fp) < 0;
        bad |= out_write_fragment(&r->sec[i].doc, &o, fp) < 0;
        if (i == 1) {
            bad |= fputs("<h3>EQD2 against alpha/beta</h3>\n", fp) < 0 || figure_eqd2_vs_ab(fp, r, svg_plot) < 0;
        }
        if (r->dvh_path && strncmp(r->sec[i].title, "DVH", 3) == 0) {
            bad |= figure_dvh(fp, r, 0, svg_plot) < 0 || figure_dvh(fp, r, 1, svg_plot) < 0;
        }
    }
    bad |= fprintf(fp, "<footer>rtfrac %s &middot; ", rtfrac_version()) < 0 || out_put_html(fp, r->date) < 0 ||
           fputs(" &middot; BED and EQD2 are model estimates; check every number against the clinical context before use.</footer>\n</body>\n</html>\n", fp) < 0;
    return bad ? -1 : 0;
}

static int write_tex(FILE *fp, void *ctx)
{
    const report *r = ctx;
    out_opts o = r->opts;
    o.format = OUT_TEX;
    int bad = fputs("\\documentclass[a4paper,10pt]{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n"
                    "\\usepackage[margin=18mm]{geometry}\n\\usepackage{booktabs}\n\\usepackage{longtable}\n"
                    "\\usepackage{textcomp}\n\\usepackage{lmodern}\n\\usepackage{array}\n\\setlength{\\parindent}{0pt}\n", fp) < 0 ||
              tex_plot_preamble(fp) < 0 ||
              /* a heading starts a new page unless its table's first rows fit under it */
              fputs("\\newcommand{\\rtfracheading}[1]{\\par\\ifdim\\dimexpr\\pagegoal-\\pagetotal\\relax<12\\baselineskip"
                    "\\newpage\\fi\\subsection*{#1}}\n"
                    "\\begin{document}\n\\section*{", fp) < 0 ||
              out_put_tex(fp, r->title) < 0 || fputs("}\n", fp) < 0;
    bad |= fputs("\\noindent Plan: ", fp) < 0 || out_put_tex(fp, r->plan->name) < 0 ||
           fputs("\\\\\nGenerated ", fp) < 0 || out_put_tex(fp, r->date) < 0 ||
           fprintf(fp, " by rtfrac %s\\par\n{\\raggedright\\footnotesize\\texttt{", rtfrac_version()) < 0 ||
           out_put_tex(fp, r->cmdline) < 0 || fputs("}\\par}\\medskip\n", fp) < 0;
    for (size_t i = 0; i < r->nsec && !bad; i++) {
        bad |= fputs("\\rtfracheading{", fp) < 0 || out_put_tex(fp, r->sec[i].title) < 0 || fputs("}\n", fp) < 0;
        bad |= out_write_fragment(&r->sec[i].doc, &o, fp) < 0;
        /* the figures of the HTML document, in the same places */
        if (i == 1)
            bad |= fputs("\\subsubsection*{EQD2 against alpha/beta}\n", fp) < 0 || figure_eqd2_vs_ab(fp, r, tex_plot) < 0;
        if (r->dvh_path && strncmp(r->sec[i].title, "DVH", 3) == 0)
            bad |= figure_dvh(fp, r, 0, tex_plot) < 0 || figure_dvh(fp, r, 1, tex_plot) < 0;
    }
    bad |= fputs("\\end{document}\n", fp) < 0;
    return bad ? -1 : 0;
}

static int write_md_or_csv(FILE *fp, void *ctx)
{
    const report *r = ctx;
    int md = r->opts.format == OUT_MD;
    int bad = 0;
    if (md)
        bad |= fprintf(fp, "# %s\n\n- Plan: %s\n- Generated: %s by rtfrac %s\n- Command: `%s`\n", r->title,
                       r->plan->name, r->date, rtfrac_version(), r->cmdline) < 0;
    else
        bad |= fprintf(fp, "# %s\n# generated %s by rtfrac %s\n", r->title, r->date, rtfrac_version()) < 0;
    for (size_t i = 0; i < r->nsec && !bad; i++) {
        bad |= fprintf(fp, md ? "\n## %s\n\n" : "\n# %s\n", r->sec[i].title) < 0;
        bad |= out_write(&r->sec[i].doc, &r->opts, fp) < 0;
    }
    return bad ? -1 : 0;
}

static int emit(report *r, const char *out_path, const char *const *inputs, size_t ninputs)
{
    int (*w)(FILE *, void *) = r->opts.format == OUT_HTML ? write_html
                               : r->opts.format == OUT_TEX ? write_tex : write_md_or_csv;
    if (out_path != NULL)
        return cli_write_file(out_path, inputs, ninputs, r->p, w, r);
    errno = 0;
    if (w(stdout, r) != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "rtfrac: error: cannot write to standard output: %s\n", errno ? strerror(errno) : "write error");
        return CLI_EFAIL;
    }
    return CLI_OK;
}

static void format_date(char *buf, size_t size)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    double v = 0.0;
    time_t t = time(NULL);
    if (sde != NULL && rtfrac_num_parse(sde, &v, NULL) == RTFRAC_OK && v >= 0.0 && v < 1e11)
        t = (time_t)v;
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm) == 0)
        snprintf(buf, size, "unknown date");
}

/* The command as typed, for the document's header: a new string (free it). */
static char *command_line(int argc, char **argv)
{
    size_t size = sizeof("rtfrac"), used = 0;
    for (int i = 0; i < argc; i++)
        size += strlen(argv[i]) + 3; /* " 'ARG'" */
    char *buf = malloc(size);
    if (buf == NULL)
        return NULL;
    used = (size_t)snprintf(buf, size, "rtfrac");
    for (int i = 0; i < argc; i++) {
        int quote = strpbrk(argv[i], " \t'\"") != NULL;
        used += (size_t)snprintf(buf + used, size - used, quote ? " '%s'" : " %s", argv[i]);
    }
    return buf;
}

/* The plan structure of each DVH structure (the library's rule, after an
 * explicit --structure-tissue): its tissue, where the DVH names it as the
 * plan does or by a TG-263 synonym of the tissue. */
static int match_plan_structures(report *r)
{
    const rtfrac_dvh_set *set = r->dvh.set;
    r->plan_matches = calloc(set->n ? set->n : 1, sizeof(*r->plan_matches));
    if (r->plan_matches == NULL)
        return oom();
    for (size_t i = 0; i < set->n; i++) {
        rtfrac_plan_match *m = &r->plan_matches[i];
        if (rtfrac_plan_eval_match(r->plan, set->dvhs[i].name, m) != RTFRAC_OK)
            return oom();
        if (m->how == RTFRAC_PLAN_MATCH_NONE || dvh_args_map_index(&r->da, set->dvhs[i].name) >= 0)
            continue; /* --structure-tissue wins */
        if ((r->structure_tissues[i] = rtfrac_presets_find_tissue(r->p, m->tissue_id)) != NULL)
            r->da.nother_tissues++;
    }
    return CLI_OK;
}

/* DVH structure -> plan structure -> tissue, and how each was matched. */
static int table_structure_match(const report *r, out_doc *doc)
{
    static const out_col cols[] = {
        { "dvh_structure", "DVH structure", OUT_STR, 0 },
        { "dvh_plan", "DVH plan", OUT_STR, OUT_HIDE_EMPTY },
        { "plan_structure", "Plan structure", OUT_STR, 0 },
        { "tissue", "Tissue", OUT_STR, 0 },
        { "matched_by", "Matched by", OUT_STR, 0 },
    };
    out_table *t = out_doc_table(doc, "structure_match", "DVH structures and the plan", cols,
                                 sizeof(cols) / sizeof(cols[0]));
    if (t == NULL)
        return oom();
    for (size_t i = 0; i < r->dvh.set->n; i++) {
        const rtfrac_dvh *d = &r->dvh.set->dvhs[i];
        const rtfrac_plan_match *m = &r->plan_matches[i];
        const rtfrac_tissue *ts = r->structure_tissues[i];
        long k = dvh_args_map_index(&r->da, d->name);
        char by[RTFRAC_DVH_NAME_MAX + 32];
        if (k >= 0)
            snprintf(by, sizeof(by), "--structure-tissue '%s'", r->da.maps[k].pattern);
        else if (m->how == RTFRAC_PLAN_MATCH_NAME)
            snprintf(by, sizeof(by), "name");
        else if (m->how == RTFRAC_PLAN_MATCH_SYNONYM)
            snprintf(by, sizeof(by), "TG-263 synonym of %s", m->tissue_id);
        else
            snprintf(by, sizeof(by), "not matched");
        long row = out_row(t);
        if (row < 0 || out_str(t, row, "dvh_structure", d->name) || (d->plan[0] && out_str(t, row, "dvh_plan", d->plan)) ||
            out_str(t, row, "plan_structure", m->plan_label ? m->plan_label : "-") ||
            out_str(t, row, "tissue", ts ? ts->id : "-") || out_str(t, row, "matched_by", by))
            return oom();
    }
    return CLI_OK;
}

/* Every number of the report from one library call (rtfrac_plan_eval_run). */
static int evaluate(report *r)
{
    rtfrac_plan_eval_input in;
    rtfrac_plan_eval_scheme cmp[LIST_MAX];
    rtfrac_row_input extra[AB_MAX];
    rtfrac_diag diag;
    int rc;
    if (r->dvh_path != NULL &&
        ((rc = dvh_read_set(r->dvh_path, &r->da, &r->dvh.set)) != CLI_OK ||
         (rc = dvh_structure_tissues(&r->da, r->p, r->dvh.set, &r->structure_tissues)) != CLI_OK ||
         (rc = match_plan_structures(r)) != CLI_OK))
        return rc;
    rtfrac_plan_eval_input_init(&in);
    in.presets = r->p;
    in.plan = r->plan;
    in.options = &r->ma.o;
    for (size_t i = 0; i < r->abs.n; i++) {
        memset(&extra[i], 0, sizeof(extra[i]));
        extra[i].ab_from = r->abs.e[i].from;
        extra[i].alpha_beta_gy = r->abs.e[i].ab_gy;
        extra[i].alpha_beta_interval = r->abs.e[i].interval;
        extra[i].tissue = r->abs.e[i].tissue;
    }
    in.extra_alpha_beta = extra;
    in.nextra_alpha_beta = r->abs.n;
    for (size_t i = 0; i < r->ncompare; i++)
        cmp[i] = (rtfrac_plan_eval_scheme){ r->compare[i].rx.label, r->compare[i].rx.total_dose_gy,
                                            r->compare[i].rx.fractions, r->compare[i].calendar,
                                            r->compare[i].calendar_has };
    in.compare = cmp;
    in.ncompare = r->ncompare;
    in.constraint_sets = r->sets;
    in.nconstraint_sets = r->nsets;
    in.dvh = r->dvh.set;
    in.structure_tissues = r->structure_tissues;
    rtfrac_diag_clear(&diag);
    int st = rtfrac_plan_eval_run(&in, &r->ev, &diag);
    if (st == RTFRAC_ENOMEM)
        return oom();
    if (st != RTFRAC_OK)
        return cli_error("cannot evaluate plan '%s': %s", r->plan->id, diag.message[0] ? diag.message : rtfrac_strerror(st));
    r->dvh.s = r->ev->structures;
    r->dvh.n = r->ev->nstructures;
    return CLI_OK;
}

static int report_option(void *ctx, int id, char *arg)
{
    report *r = ctx;
    switch (id) {
    case OPT_PLAN:
        r->plan_arg = arg;
        return CLI_OK;
    case OPT_DVH:
        r->dvh_path = arg;
        return CLI_OK;
    case OPT_MAP:
        return dvh_args_structure_tissue(&r->da, arg);
    case OPT_METRIC:
        return dvh_args_metrics(&r->da, arg);
    case OPT_NTCP:
        return dvh_args_ntcp(&r->da, arg);
    case OPT_DVH_FORMAT:
        return dvh_args_format(&r->da, arg);
    case OPT_DOSE_UNIT:
        return dvh_args_dose_unit(&r->da, arg);
    case OPT_CONSTRAINTS:
        if (r->nset_args == LIST_MAX)
            return cli_error("at most %d --constraints", LIST_MAX);
        r->set_args[r->nset_args++] = arg;
        return CLI_OK;
    case OPT_COMPARE:
        if (r->ncompare == LIST_MAX)
            return cli_error("at most %d --compare", LIST_MAX);
        return rx_arg_parse(arg, "--compare", &r->compare[r->ncompare++]);
    case OPT_AB:
        return ab_list_add_values(&r->abs, "--ab", arg);
    case OPT_TITLE:
        r->title = arg;
        return CLI_OK;
    case OPT_FORMAT:
        if (strcmp(arg, "md") == 0 || strcmp(arg, "markdown") == 0)
            r->opts.format = OUT_MD;
        else if (strcmp(arg, "html") == 0)
            r->opts.format = OUT_HTML;
        else if (strcmp(arg, "tex") == 0 || strcmp(arg, "latex") == 0)
            r->opts.format = OUT_TEX;
        else if (strcmp(arg, "csv") == 0)
            r->opts.format = OUT_CSV;
        else
            return cli_error("unknown report format '%s'; accepted: md, html, tex, csv", arg);
        return CLI_OK;
    case OPT_OUTPUT:
        r->out_path = arg;
        return CLI_OK;
    }
    return cli_error("unhandled option");
}

static const cli_command report_cmd = { "report", report_opts, report_option };

/* The combinations the options refuse, before any preset is read. */
static int report_check(const report *r, int noperands, char **operands)
{
    if (noperands > 0)
        return cli_error("unexpected argument '%s'; report takes options only (see 'rtfrac report --help')", operands[0]);
    if (r->plan_arg == NULL)
        return cli_error("report needs a plan: --plan NAME|FILE (e.g. --plan hcc-sib-55-44)");
    if (r->ma.use_ci || ab_list_has_interval(&r->abs) || r->ma.o.tk_interval.has || r->ma.o.dprolif_interval.has)
        return cli_error("report does not take parameter intervals yet; use 'rtfrac calc' for intervals");
    if ((r->da.nmaps || r->da.nntcp || r->da.nmetrics) && r->dvh_path == NULL)
        return cli_error("--structure-tissue, --metric and --ntcp go with --dvh FILE");
    return CLI_OK;
}

/* The presets, then the plan, the constraint sets, the tissues and the
 * compared schemes they name. */
static int report_load(report *r, preset_path *pp)
{
    const char *plan_id = NULL, *set_ids[LIST_MAX];
    int rc;
    /* the plan (with its tissues and NTCP sets), --tissue and --ntcp */
    unsigned kinds = PRESET_KIND(PLAN) | PRESET_KIND(TISSUE) | PRESET_KIND(NTCP) |
                     (r->nset_args > 0 ? PRESET_KIND(CONSTRAINTS) : 0);
    for (size_t i = 0; i < r->ncompare; i++)
        kinds |= r->compare[i].is_scheme ? PRESET_KIND(SCHEME) : 0;
    if ((rc = preset_path_load(pp, kinds, &r->p)) != CLI_OK ||
        (rc = preset_path_named(r->p, RTFRAC_PRESET_PLAN, r->plan_arg, &plan_id)) != CLI_OK)
        return rc;
    for (size_t i = 0; i < r->nset_args; i++)
        if ((rc = preset_path_named(r->p, RTFRAC_PRESET_CONSTRAINTS, r->set_args[i], &set_ids[i])) != CLI_OK)
            return rc;
    if ((rc = preset_path_check(r->p)) != CLI_OK || (rc = ab_list_resolve(&r->abs, r->p, 0)) != CLI_OK ||
        (rc = dvh_args_resolve(&r->da, r->p)) != CLI_OK)
        return rc;
    if ((r->plan = rtfrac_presets_find_plan(r->p, plan_id)) == NULL)
        return cli_error("unknown plan '%s'; give a plan name ('rtfrac presets list plans') or a file path", r->plan_arg);
    for (size_t i = 0; i < r->nset_args; i++) {
        if ((r->sets[r->nsets] = rtfrac_presets_find_constraint_set(r->p, set_ids[i])) == NULL)
            return cli_error("unknown constraint set '%s'; see 'rtfrac presets list constraints'", r->set_args[i]);
        r->nsets++;
    }
    for (size_t i = 0; i < r->ncompare; i++)
        if ((rc = rx_arg_resolve(&r->compare[i], r->p)) != CLI_OK)
            return rc;
    r->da.fractions = r->plan->fractions;
    r->da.plan = r->plan;
    return CLI_OK;
}

/* Title, date and command line of the document's header. */
static int report_header(report *r, int argc, char **argv)
{
    static const char prefix[] = "Dose-fractionation report: ";
    size_t size = sizeof(prefix) + strlen(r->plan->id);
    if ((r->default_title = malloc(size)) == NULL || (r->cmdline = command_line(argc, argv)) == NULL)
        return oom();
    snprintf(r->default_title, size, "%s%s", prefix, r->plan->id);
    if (r->title == NULL)
        r->title = r->default_title;
    format_date(r->date, sizeof(r->date));
    return CLI_OK;
}

/* The evaluation, then every section of the document in order. */
static int report_sections(report *r)
{
    int rc;
    if ((rc = evaluate(r)) != CLI_OK || (rc = section_plan(r)) != CLI_OK || (rc = section_targets(r)) != CLI_OK)
        return rc;
    if (r->nsets && (rc = section_constraints(r)) != CLI_OK)
        return rc;
    if (r->dvh_path) {
        section *s = add_section(r, "DVH metrics and NTCP", "dvh");
        dvh_args_default_metrics(&r->da);
        if ((rc = table_structure_match(r, &s->doc)) != CLI_OK ||
            (rc = dvh_evaluate_loaded(r->dvh_path, &r->dvh, &r->da, r->p, &s->doc, NULL, NULL, 0)) != CLI_OK)
            return rc;
    }
    if (r->ncompare && (rc = section_compare(r)) != CLI_OK)
        return rc;
    if ((rc = section_provenance(r)) != CLI_OK || (rc = section_notes(r)) != CLI_OK)
        return rc;
    if (rtfrac_plan_eval_validity_lq_exceeded(&r->ev->validity, r->ma.o.kind)) {
        char where[RTFRAC_PLAN_EVAL_WHAT_MAX + 64];
        validity_where(&r->ev->validity, where, sizeof(where));
        cli_warn("the report has doses per fraction up to %.4g Gy (%s); the linear-quadratic model is uncertain above %g Gy",
                 r->ev->validity.max_dose_per_fraction_gy, where, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
    }
    return CLI_OK;
}

/* The document, to -o FILE (never over an input) or standard output. */
static int report_write(report *r)
{
    const char *inputs[2 + LIST_MAX];
    size_t ninputs = 0;
    inputs[ninputs++] = r->plan->origin.file;
    if (r->dvh_path)
        inputs[ninputs++] = r->dvh_path;
    for (size_t i = 0; i < r->nsets; i++)
        inputs[ninputs++] = r->sets[i]->origin.file;
    int rc = model_args_check_used(&r->ma);
    return rc != CLI_OK ? rc : emit(r, r->out_path, inputs, ninputs);
}

int cmd_report(int argc, char **argv)
{
    report r;
    cli_args args;
    int rc;

    memset(&r, 0, sizeof(r));
    cli_args_init(&args, &r.ma);
    dvh_args_init(&r.da);
    r.opts.format = OUT_MD;
    if ((rc = cli_opts_parse(&report_cmd, &args, &r, argc, argv)) != CLI_OK || args.done)
        goto done;
    r.opts.precision = args.out.precision;
    r.da.precision = args.out.precision;
    r.da.no_eqd2_hint = "name each as the plan names a target or organ at risk (or by a TG-263 name of its tissue), or give --structure-tissue 'NAME=TISSUE'";
    if ((rc = report_check(&r, argc - args.first_operand, argv + args.first_operand)) != CLI_OK ||
        (rc = report_load(&r, &args.pp)) != CLI_OK || (rc = report_header(&r, argc, argv)) != CLI_OK ||
        (rc = report_sections(&r)) != CLI_OK)
        goto done;
    rc = report_write(&r);
done:
    for (size_t i = 0; i < r.nsec; i++)
        out_doc_release(&r.sec[i].doc);
    dvh_loaded_release(&r.dvh);
    rtfrac_plan_eval_free(r.ev);
    free(r.structure_tissues);
    free(r.plan_matches);
    free(r.default_title);
    free(r.cmdline);
    rtfrac_presets_free(r.p);
    cli_args_release(&args);
    return rc;
}
