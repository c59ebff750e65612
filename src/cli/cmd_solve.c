/* rtfrac solve: iso-effective schedules, iso-toxic prescriptions and the
 * conversion of constraint limits to another fractionation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "opts.h"
#include "presets_path.h"

enum { OPT_AB = 256, OPT_TISSUE, OPT_MATCH, OPT_MATCH_EQD2, OPT_MATCH_BED, OPT_FRACTIONS,
       OPT_DPF, OPT_LIMIT_EQD2, OPT_LIMIT_BED, OPT_OAR_RATIO, OPT_TARGET_AB, OPT_TARGET_TISSUE,
       OPT_CONSTRAINTS };

static const cli_opt solve_opts[] = {
    CLI_TEXT("usage: rtfrac solve --match SCHEME | --match-eqd2 X | --match-bed X\n"
             "                    --fractions N | --dose-per-fraction d  [--ab LIST] [--tissue LIST]\n"
             "       rtfrac solve --limit-eqd2 X | --limit-bed X  --fractions N\n"
             "                    [--oar-ratio R] [--ab LIST] [--tissue LIST]\n"
             "                    [--target-ab LIST] [--target-tissue LIST]\n"
             "       rtfrac solve --constraints NAME|FILE --fractions N [--ab X]\n"
             "\n"
             "Iso-effective schedule: the schedule with the BED of the match.\n"),
    CLI_OPT("match", "SCHEME", OPT_MATCH, "match a schedule, e.g. 60/30 or @chhip-60-20"),
    CLI_OPT("match-eqd2", "X", OPT_MATCH_EQD2, "match an EQD2 of X Gy (BED = X (1 + 2/(alpha/beta)))"),
    CLI_OPT("match-bed", "X", OPT_MATCH_BED, "match a BED of X Gy"),
    CLI_OPT_ONCE("fractions", "N", OPT_FRACTIONS, "give several as one list, e.g. --fractions 5,10,15 or 5:15:5",
            "solve for the dose per fraction in N fractions (a\n"
            "list or FROM:TO:STEP range solves for each, 5,10,15):\n"
            "  d = 2 (BED/N) / (1 + sqrt(1 + 4 BED / (N alpha/beta)))\n"
            "(the positive root of N d (1 + d/(alpha/beta)) = BED)"),
    CLI_OPT_ONCE("dose-per-fraction", "d", OPT_DPF, "give several as one list, e.g. --dose-per-fraction 2,2.5,3",
            "solve for the number of fractions of d Gy (a list\n"
            "or range solves for each):\n"
            "  n = BED / (d (1 + d/(alpha/beta)))\n"
            "printed as the exact real value and as the whole\n"
            "numbers below and above it, each with its BED, EQD2\n"
            "and difference to the match"),
    CLI_OPT_FLAGS("ab", "LIST", OPT_AB, CLI_OPT_JOIN | CLI_OPT_REPEAT, NULL),
    CLI_OPT_R("tissue", "LIST", OPT_TISSUE, "one solution per alpha/beta (default 3 Gy)"),
    CLI_TEXT("\n"
             "Iso-toxic limit: the largest prescription in N fractions whose organ at\n"
             "risk, receiving R times the prescribed dose per fraction, stays within the\n"
             "limit, and what that prescription gives the target.\n"),
    CLI_OPT("limit-eqd2", "X", OPT_LIMIT_EQD2, "the organ's limit as EQD2 (Gy) at its alpha/beta"),
    CLI_OPT("limit-bed", "X", OPT_LIMIT_BED, "the organ's limit as BED (Gy)"),
    CLI_OPT("oar-ratio", "R", OPT_OAR_RATIO,
            "the organ's dose per fraction / the prescription's\n"
            "(default 1: the organ at the full prescription)"),
    CLI_TEXT("  --ab, --tissue       the organ's alpha/beta (default 3 Gy)\n"),
    CLI_OPT_FLAGS("target-ab", "LIST", OPT_TARGET_AB, CLI_OPT_JOIN | CLI_OPT_REPEAT, NULL),
    CLI_OPT_R("target-tissue", "LIST", OPT_TARGET_TISSUE, "the target's (default 10 Gy)"),
    CLI_TEXT("\n"
             "Constraint conversion: every limit of a constraint set, as the physical\n"
             "dose in N fractions with the same BED as the limit in the fractionation\n"
             "it was stated in.  alpha/beta: the constraint's own, else its tissue's,\n"
             "else --ab (one value).  Point doses (max, D<x>%, D<x>cc, the threshold of\n"
             "V<x>Gy) convert exactly; mean doses only approximately, since every\n"
             "voxel of an inhomogeneous dose has its own dose per fraction.\n"),
    CLI_OPT("constraints", "NAME|FILE", OPT_CONSTRAINTS, "a constraint set ('rtfrac presets list constraints')"),
    CLI_TEXT("\n"
             "Other options:\n"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Columns of csv, tsv and json for schedules: label, total_dose_gy,\n"
             "fractions (whole), fractions_exact (the real solution n, else empty),\n"
             "dose_per_fraction_gy, tissue, alpha_beta_gy, bed_gy, eqd2_gy,\n"
             "match_bed_gy, diff_bed_gy, diff_eqd2_gy; with --time also overall_time_days\n"
             "and repopulation_gy after alpha_beta_gy (each row's own calendar: a scheme\n"
             "preset's for the matched row, the options' for the solved rows; empty for\n"
             "fractions_exact).  For constraints: id, organ, metric, limit,\n"
             "limit_unit, stated_fractions, stated_dose_per_fraction_gy, tissue,\n"
             "alpha_beta_gy, alpha_beta_from (constraint, tissue, --ab or --tissue),\n"
             "fractions, converted_dose_gy, converted_dose_per_fraction_gy,\n"
             "converted_constraint (its dose rounded as the numbers: --precision,\n"
             "or 2 decimals), bed_gy, eqd2_gy, conversion (exact or approximate).\n"
             "\n"
             "Examples:\n"
             "  rtfrac solve --match 60/30 --fractions 5 --ab 3\n"
             "  rtfrac solve --match 60/30 --dose-per-fraction 3 --ab 3,10\n"
             "  rtfrac solve --match-eqd2 74 --fractions 20 --tissue prostate,rectum\n"
             "  rtfrac solve --limit-eqd2 70 --ab 3 --oar-ratio 0.9 --fractions 20\n"
             "  rtfrac solve --constraints quantec-liver --fractions 22\n"
             "  rtfrac solve --match 70/35 --fractions 30 --time --tk 21 --dprolif 0.9GyBED/d --ab 10\n"
             "\n"
             "Models apply to solve as to calc: with --time the solution accounts for the\n"
             "overall time of its own fraction count (T grows with n); LQ-L, USC and\n"
             "incomplete repair are solved with GSL's Brent root finder.  The organ at\n"
             "risk of an iso-toxic limit and the constraints of a constraint set are\n"
             "late-responding: no time correction is applied to them.  Parameter\n"
             "intervals are not propagated through solve: solve at the interval's ends\n"
             "(e.g. --ab 0.8,1.5,2.2).\n"
             "\n"),
    CLI_INCLUDE(cli_model_group),
    CLI_OPT_END,
};

/* Schedule columns; under --time the overall time and repopulation of each
 * row (as calc) follow alpha_beta_gy (schedule_table). */
static const out_col schedule_cols[] = {
    { "label", "Label", OUT_STR, 0 },
    { "total_dose_gy", "Total dose (Gy)", OUT_REAL, 0 },
    { "fractions", "Fractions", OUT_INT, 0 },
    { "fractions_exact", "Fractions (exact)", OUT_REAL, OUT_HIDE_EMPTY },
    { "dose_per_fraction_gy", "Dose/fraction (Gy)", OUT_REAL, 0 },
    { "tissue", "Tissue", OUT_STR, OUT_HIDE_EMPTY },
    { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "overall_time_days", "T (days)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "repopulation_gy", "K (T - Tk) (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "bed_gy", "BED (Gy)", OUT_REAL, 0 },
    { "eqd2_gy", "EQD2 (Gy)", OUT_REAL, 0 },
    { "match_bed_gy", "Match BED (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "diff_bed_gy", "BED - match (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "diff_eqd2_gy", "EQD2 - match (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "model", "Model", OUT_STR, OUT_MACHINE_ONLY },
};

typedef struct solve_args {
    ab_list abs, target;
    model_args ma;
    rx_arg match;
    int have_match;
    double match_eqd2_gy, match_bed_gy;
    int have_match_eqd2, have_match_bed;
    unsigned long fractions;      /* the one being solved for */
    cli_values fractions_list; /* --fractions: a value, a list or a range */
    double dpf_gy;
    cli_values dpf_list;     /* --dose-per-fraction, likewise */
    int have_fractions, have_dpf;
    double limit_eqd2_gy, limit_bed_gy, oar_ratio;
    int have_limit_eqd2, have_limit_bed, have_oar_ratio;
    const char *constraints;
    unsigned need_kinds; /* PRESET_KIND bits of the presets named */
    rtfrac_presets *presets;
    const rtfrac_constraint_set *set;
} solve_args;

static int oom(void)
{
    cli_error("out of memory or a value out of range");
    return CLI_EFAIL;
}

#define SCHEDULE_TIME_COL 7 /* overall_time_days, then repopulation_gy */

/* The schedule table: without --time the two time columns are left out. */
static out_table *schedule_table(out_doc *doc, const model_args *ma)
{
    out_col cols[sizeof(schedule_cols) / sizeof(schedule_cols[0])];
    size_t n = 0;
    for (size_t c = 0; c < sizeof(schedule_cols) / sizeof(schedule_cols[0]); c++)
        if (ma->o.time || (c != SCHEDULE_TIME_COL && c != SCHEDULE_TIME_COL + 1))
            cols[n++] = schedule_cols[c];
    return out_doc_table(doc, "rows", NULL, cols, n);
}

/* T and K (T - Tk) of a whole number of fractions under the row's model
 * (empty for a late row without time, and for a real n, whose BED is
 * interpolated between two calendars). */
static int time_cols(out_table *t, long r, const rtfrac_row *rw, double total, double n)
{
    rtfrac_effect ef;
    if (!rw->model.time || n > floor(n))
        return 0;
    if (rtfrac_model_effect(&rw->model, total, (unsigned long)n, rw->alpha_beta_gy, &ef) != RTFRAC_OK)
        return -1;
    return out_real(t, r, "overall_time_days", ef.overall_time_days) ||
           out_real(t, r, "repopulation_gy", ef.repopulation_gy);
}

/* A schedule row under the row's model; match_bed < 0 leaves the match
 * columns empty.  A real number of fractions n is evaluated as the solver
 * sees it (rtfrac_model_bed_real_fractions). */
static int schedule_row(out_table *t, const model_args *ma, const rtfrac_row *rw, const char *label,
                        double total, double n, const ab_entry *e, double match_bed)
{
    const rtfrac_model *m = &rw->model;
    double ab = rw->alpha_beta_gy, d = total / n, bed = 0.0, eqd2 = 0.0, match_eqd2 = 0.0;
    int rc = rtfrac_model_bed_real_fractions(m, n, d, ab, &bed);
    if (rc == RTFRAC_OK)
        rc = rtfrac_model_eqdx(m, bed, ab, 2.0, &eqd2);
    if (rc == RTFRAC_OK && match_bed >= 0.0)
        rc = rtfrac_model_eqdx(m, match_bed, ab, 2.0, &match_eqd2);
    if (rc != RTFRAC_OK)
        return cli_error("cannot compute the BED of '%s': %s", label, rtfrac_strerror(rc));
    char desc[256];
    rtfrac_model_describe(m, NULL, desc, sizeof(desc));
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "label", label) || out_real(t, r, "total_dose_gy", total) ||
        (n > floor(n) ? out_real(t, r, "fractions_exact", n) : out_int(t, r, "fractions", (long long)n)) ||
        out_real(t, r, "dose_per_fraction_gy", d) ||
        (e->tissue && out_str(t, r, "tissue", e->tissue->id)) || out_real(t, r, "alpha_beta_gy", ab) ||
        (ma->o.time && time_cols(t, r, rw, total, n)) ||
        out_real(t, r, "bed_gy", bed) || out_real(t, r, "eqd2_gy", eqd2) ||
        out_str(t, r, "model", desc) ||
        (match_bed >= 0.0 && (out_real(t, r, "match_bed_gy", match_bed) ||
                              out_real(t, r, "diff_bed_gy", bed - match_bed) ||
                              out_real(t, r, "diff_eqd2_gy", eqd2 - match_eqd2))))
        return oom();
    warn_lq_validity(ma, label, total, (unsigned long)fmax(1.0, round(n)));
    return CLI_OK;
}

/* Say which calendar each side has when the matched scheme brings its own
 * and the model uses it (time, repair): the solved schedules have the
 * options' calendar, not the preset's. */
static int calendar_note(out_doc *doc, const rx_arg *match, const rtfrac_row *mrow, const rtfrac_row *rw)
{
    const rtfrac_calendar *mc = &mrow->model.calendar, *sc = &rw->model.calendar;
    if (!mrow->calendar_from_schedule || !(mrow->model.time || mrow->model.repair))
        return CLI_OK;
    if (out_note(doc, "'%s': calendar from its preset: %u %s a week, %u a day. The solved schedules (the other "
                      "rows) have the calendar of the options, not the preset's: %u %s a week, %u a day "
                      "(--per-week, --per-day to change it).",
                 match->rx.label, mc->per_week, cli_plural(mc->per_week, "fraction", "fractions"), mc->per_day,
                 sc->per_week, cli_plural(sc->per_week, "fraction", "fractions"), sc->per_day) < 0)
        return oom();
    return CLI_OK;
}

static int solve_match(solve_args *a, out_doc *doc)
{
    char what[96], label[RTFRAC_LABEL_MAX + 128];
    out_table *t = schedule_table(doc, &a->ma);
    if (t == NULL)
        return oom();
    if (a->have_match) {
        snprintf(what, sizeof(what), "%s", a->match.rx.label);
    } else {
        char num[32];
        out_real_exact(num, sizeof(num), a->have_match_eqd2 ? a->match_eqd2_gy : a->match_bed_gy);
        snprintf(what, sizeof(what), "%s %s Gy", a->have_match_eqd2 ? "EQD2" : "BED", num);
    }
    for (size_t k = 0; k < a->abs.n; k++) {
        const ab_entry *e = &a->abs.e[k];
        double bed = 0.0;
        int rc = RTFRAC_OK;
        rtfrac_row mrow, rw;
        char forwhat[160];
        snprintf(forwhat, sizeof(forwhat), "alpha/beta %g Gy", e->ab_gy);
        /* the solved schedule has the options' calendar; the matched one its own */
        if ((rc = model_for_row(&a->ma, e, NULL, 0, forwhat, &rw)) != CLI_OK ||
            (rc = model_for_row(&a->ma, e, a->match.calendar, a->match.calendar_has, forwhat, &mrow)) != CLI_OK)
            return rc;
        const rtfrac_model *m = &rw.model;
        double ab = rw.alpha_beta_gy;
        if (k == 0 && a->have_match && (rc = calendar_note(doc, &a->match, &mrow, &rw)) != CLI_OK)
            return rc;
        if (a->have_match) {
            const rtfrac_rx *mr = &a->match.rx;
            rtfrac_effect me;
            rc = rtfrac_model_effect(&mrow.model, mr->total_dose_gy, mr->fractions, ab, &me);
            bed = me.bed_gy;
        } else if (a->have_match_eqd2) {
            rc = rtfrac_model_bed_from_eqdx(m, a->match_eqd2_gy, ab, 2.0, &bed);
        } else {
            bed = a->match_bed_gy;
        }
        if (rc != RTFRAC_OK || !(bed > 0.0))
            return cli_error("nothing to match: the BED to match (%s at alpha/beta %g Gy) must be greater than 0 Gy",
                             what, e->ab_gy);
        if (a->have_match &&
            (rc = schedule_row(t, &a->ma, &mrow, a->match.rx.label, a->match.rx.total_dose_gy,
                               (double)a->match.rx.fractions, e, bed)) != CLI_OK)
            return rc;
        for (size_t j = 0; a->have_fractions && j < cli_values_count(&a->fractions_list); j++) {
            double d = 0.0;
            a->fractions = (unsigned long)cli_values_get(&a->fractions_list, j);
            if (rtfrac_model_solve_dose_per_fraction(m, bed, a->fractions, ab, &d) != RTFRAC_OK)
                return cli_error("no dose per fraction in %lu %s matches %s at alpha/beta %g Gy with a total dose up to %g Gy",
                                 a->fractions, cli_plural(a->fractions, "fraction", "fractions"), what, e->ab_gy,
                                 RTFRAC_DOSE_MAX_GY);
            snprintf(label, sizeof(label), "%s in %lu fx", what, a->fractions);
            if ((rc = schedule_row(t, &a->ma, &rw, label, d * (double)a->fractions, (double)a->fractions, e,
                                   bed)) != CLI_OK)
                return rc;
        }
        for (size_t j = 0; !a->have_fractions && j < cli_values_count(&a->dpf_list); j++) {
            double n = 0.0;
            a->dpf_gy = cli_values_get(&a->dpf_list, j);
            char at[sizeof(what) + 48];
            if (cli_values_count(&a->dpf_list) > 1) /* the rows of each dose per fraction told apart */
                snprintf(at, sizeof(at), "%s at %g Gy/fx", what, a->dpf_gy);
            else
                snprintf(at, sizeof(at), "%s", what);
            if (rtfrac_model_solve_fractions(m, bed, a->dpf_gy, ab, &n) != RTFRAC_OK)
                return cli_error("no number of fractions of %g Gy matches %s at alpha/beta %g Gy (with a time correction, repopulation may outpace the dose)",
                                 a->dpf_gy, what, e->ab_gy);
            double lo = floor(n), hi = ceil(n);
            snprintf(label, sizeof(label), "%s: exact", at);
            if ((rc = schedule_row(t, &a->ma, &rw, label, n * a->dpf_gy, n, e, bed)) != CLI_OK)
                return rc;
            if (lo >= 1.0 && lo < n) {
                snprintf(label, sizeof(label), "%s: %.0f fx (below)", at, lo);
                if ((rc = schedule_row(t, &a->ma, &rw, label, lo * a->dpf_gy, lo, e, bed)) != CLI_OK)
                    return rc;
            }
            snprintf(label, sizeof(label), "%s: %.0f fx%s", at, hi, hi > n ? " (above)" : "");
            if ((rc = schedule_row(t, &a->ma, &rw, label, hi * a->dpf_gy, hi, e, bed)) != CLI_OK)
                return rc;
            if (lo < 1.0)
                out_note(doc, "At alpha/beta %g Gy fewer than 1 fraction of %g Gy matches %s; only the exact value and 1 fraction are shown.",
                         e->ab_gy, a->dpf_gy, what);
        }
        if (m->kind != RTFRAC_MODEL_LQ || m->time || m->repair) {
            char desc[256];
            rtfrac_model_describe(m, NULL, desc, sizeof(desc));
            out_note(doc, "Model at alpha/beta %g Gy: %s.", e->ab_gy, desc);
        }
    }
    if (model_args_plain(&a->ma) && a->have_fractions)
        out_note(doc, "Solved N d (1 + d/(alpha/beta)) = BED for the dose per fraction d: d = 2 (BED/N) / (1 + sqrt(1 + 4 BED/(N alpha/beta))).");
    else if (model_args_plain(&a->ma))
        out_note(doc, "Solved n d (1 + d/(alpha/beta)) = BED for the number of fractions n: n = BED / (d (1 + d/(alpha/beta))).");
    else if (a->have_fractions)
        out_note(doc, "Solved BED(d) = BED to match for the dose per fraction d with the model named above (GSL Brent root finder; BED grows strictly with d, so the root is unique); each solution is checked by substitution.");
    else
        out_note(doc, "Solved BED(n) = BED to match for the number of fractions n with the model named above: BED is computed at whole numbers of fractions (the calendar's overall time for each) and interpolated linearly in between; the whole numbers on either side are the deliverable schedules.");
    return CLI_OK;
}

static int solve_limit(solve_args *a, out_doc *doc)
{
    char label[160], num[32];
    out_table *t = schedule_table(doc, &a->ma);
    if (t == NULL)
        return oom();
    double ratio = a->have_oar_ratio ? a->oar_ratio : 1.0;
    size_t nf = cli_values_count(&a->fractions_list);
    for (size_t kk = 0; kk < a->abs.n * nf; kk++) {
        const ab_entry *e = &a->abs.e[kk / nf];
        a->fractions = (unsigned long)cli_values_get(&a->fractions_list, kk % nf);
        double limit_bed = a->limit_bed_gy, d_oar = 0.0;
        rtfrac_row orow;
        int rc;
        char forwhat[160];
        snprintf(forwhat, sizeof(forwhat), "the organ at risk (alpha/beta %g Gy)", e->ab_gy);
        ab_entry oe = *e; /* the organ at risk is late-responding: no repopulation */
        if (oe.from == RTFRAC_ROW_AB_GIVEN)
            oe.from = RTFRAC_ROW_AB_GIVEN_LATE;
        if ((rc = model_for_row(&a->ma, &oe, NULL, 0, forwhat, &orow)) != CLI_OK)
            return rc;
        const rtfrac_model *om = &orow.model;
        if (a->have_limit_eqd2 &&
            rtfrac_model_bed_from_eqdx(om, a->limit_eqd2_gy, orow.alpha_beta_gy, 2.0, &limit_bed) != RTFRAC_OK)
            return cli_error("cannot convert the limit to BED at alpha/beta %g Gy", e->ab_gy);
        if (rtfrac_model_solve_dose_per_fraction(om, limit_bed, a->fractions, orow.alpha_beta_gy, &d_oar) != RTFRAC_OK)
            return cli_error("no prescription keeps the organ at risk within the limit (BED %g Gy at alpha/beta %g Gy)",
                             limit_bed, e->ab_gy);
        double total = d_oar / ratio * (double)a->fractions;
        out_real_exact(num, sizeof(num), ratio);
        for (size_t j = 0; j < a->target.n; j++) {
            const ab_entry *te = &a->target.e[j];
            rtfrac_row trow;
            snprintf(forwhat, sizeof(forwhat), "the target (alpha/beta %g Gy)", te->ab_gy);
            if ((rc = model_for_row(&a->ma, te, NULL, 0, forwhat, &trow)) != CLI_OK)
                return rc;
            snprintf(label, sizeof(label), "prescription (organ a/b %g Gy)", e->ab_gy);
            if ((rc = schedule_row(t, &a->ma, &trow, label, total, (double)a->fractions, te, -1.0)) != CLI_OK)
                return rc;
        }
        snprintf(label, sizeof(label), "organ at risk at %s x the dose", num);
        if ((rc = schedule_row(t, &a->ma, &orow, label, ratio * total, (double)a->fractions, &oe, limit_bed)) != CLI_OK)
            return rc;
    }
    char in_n[32] = "N fractions";
    if (nf == 1)
        snprintf(in_n, sizeof(in_n), "%lu %s", a->fractions, cli_plural(a->fractions, "fraction", "fractions"));
    out_note(doc, "Iso-toxic prescription: the largest dose per fraction d in %s such that the organ at risk, receiving %g d per fraction, reaches its limit: %g d = 2 (BED/N) / (1 + sqrt(1 + 4 BED/(N alpha/beta))) at the organ's alpha/beta (no time correction for the organ).",
             in_n, ratio, ratio);
    return CLI_OK;
}

static const out_col constraint_cols[] = {
    { "id", "Constraint", OUT_STR, 0 },
    { "organ", "Organ", OUT_STR, 0 },
    { "metric", "Metric", OUT_STR, 0 },
    { "limit", "Limit as stated", OUT_REAL, OUT_AS_GIVEN },
    { "limit_unit", "Unit", OUT_STR, 0 },
    { "optimal", "Optimal (aim)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "stated_fractions", "Stated in (fx)", OUT_INT, OUT_HIDE_EMPTY },
    { "stated_dose_per_fraction_gy", "Stated in (Gy/fx)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "tissue", "Tissue", OUT_STR, OUT_HIDE_EMPTY },
    { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "alpha_beta_from", "alpha/beta from", OUT_STR, 0 },
    { "fractions", "Fractions", OUT_INT, 0 },
    { "converted_goal", "Converted goal", OUT_STR, OUT_MACHINE_ONLY },
    { "converted_dose_gy", "Converted (Gy)", OUT_REAL, 0 },
    { "converted_dose_per_fraction_gy", "Converted (Gy/fx)", OUT_REAL, OUT_MACHINE_ONLY },
    { "converted_constraint", "Converted constraint", OUT_STR, 0 },
    { "bed_gy", "BED (Gy)", OUT_REAL, OUT_MACHINE_ONLY },
    { "eqd2_gy", "EQD2 (Gy)", OUT_REAL, 0 },
    { "conversion", "Conversion", OUT_STR, 0 },
};

/* One converted constraint: its limit, or for an aim-only constraint its
 * optimal (the aim); a V<x>Gy threshold either way.  The converted dose in
 * the text rounds as the numeric cells do: `decimals` (--precision, or 2). */
static int constraint_row(out_table *t, const solve_args *a, const rtfrac_constraint *k, const rtfrac_tissue *ts,
                          double ab, const char *from_name, const rtfrac_constraint_conversion *cv, int decimals)
{
    int is_volume = k->metric == RTFRAC_METRIC_V_GY;
    const rtfrac_constraint_dose *cd = cv->has_limit_dose || is_volume ? &cv->limit : &cv->optimal;
    const char *aim = k->aim_only ? " (aim only)" : "";
    char statement[2 * OUT_REAL_TEXT_MAX + 64], num[OUT_REAL_TEXT_MAX], lim[OUT_REAL_TEXT_MAX];
    out_real_fixed(num, sizeof(num), cd->dose_gy, decimals); /* the converted dose: as in every table */
    out_real_exact(lim, sizeof(lim), k->aim_only ? k->optimal : k->limit);
    if (is_volume)
        snprintf(statement, sizeof(statement), "V%sGy %s %s %s%s", num, k->lower_bound ? ">=" : "<=", lim,
                 rtfrac_presets_limit_unit_name(k->unit), aim);
    else
        snprintf(statement, sizeof(statement), "%s %s %s Gy%s", k->metric_text, k->lower_bound ? ">=" : "<=", num, aim);
    warn_lq_validity(&a->ma, k->id, cd->dose_gy, a->fractions);
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "id", k->id) || out_str(t, r, "organ", k->organ) ||
        out_str(t, r, "metric", k->metric_text) || (!k->aim_only && out_real(t, r, "limit", k->limit)) ||
        out_str(t, r, "limit_unit", rtfrac_presets_limit_unit_name(k->unit)) ||
        (k->has_optimal && out_real(t, r, "optimal", k->optimal)) ||
        (k->fractions && out_int(t, r, "stated_fractions", (long long)k->fractions)) ||
        (k->dose_per_fraction_gy > 0.0 && out_real(t, r, "stated_dose_per_fraction_gy", k->dose_per_fraction_gy)) ||
        (ts && out_str(t, r, "tissue", ts->id)) || out_real(t, r, "alpha_beta_gy", ab) ||
        out_str(t, r, "alpha_beta_from", from_name) || out_int(t, r, "fractions", (long long)a->fractions) ||
        out_str(t, r, "converted_goal", k->aim_only ? "optimal" : "limit") ||
        out_real(t, r, "converted_dose_gy", cd->dose_gy) ||
        out_real(t, r, "converted_dose_per_fraction_gy", cd->dose_per_fraction_gy) ||
        out_str(t, r, "converted_constraint", statement) || out_real(t, r, "bed_gy", cd->bed_gy) ||
        out_real(t, r, "eqd2_gy", cd->eqd2_gy) || out_str(t, r, "conversion", cv->exact ? "exact" : "approximate"))
        return oom();
    return CLI_OK;
}

static int solve_constraints(const solve_args *a, const rtfrac_presets *p,
                             const rtfrac_constraint_set *set, out_doc *doc, int precision)
{
    out_table *t = out_doc_table(doc, "rows", NULL, constraint_cols, sizeof(constraint_cols) / sizeof(constraint_cols[0]));
    int approx = 0, aim = 0;
    rtfrac_model dose_model;
    rtfrac_row_options_model(&a->ma.o, &dose_model);
    if (t == NULL)
        return oom();
    if (a->abs.n > 1)
        return cli_error("solve --constraints takes one --ab: the alpha/beta of constraints that state none and name no tissue; got %zu values",
                         a->abs.n);
    for (size_t i = 0; i < set->nconstraints; i++) {
        const rtfrac_constraint *k = &set->constraints[i];
        const rtfrac_tissue *ts = k->tissue[0] ? rtfrac_presets_find_tissue(p, k->tissue) : NULL;
        double ab = 0.0;
        if (rtfrac_reirr_metric_is_reirr(k->metric))
            return cli_error("constraint '%s' of set '%s' is a re-irradiation limit (%s), not a dose limit to convert; use the set with 'rtfrac reirr --constraints %s'",
                             k->id, set->id, k->metric_text, set->id);
        rtfrac_constraint_ab_source from = RTFRAC_CONSTRAINT_AB_NONE;
        rtfrac_constraint_conversion cv;
        if (rtfrac_constraint_alpha_beta(k, ts, a->abs.n == 1 ? a->abs.e[0].ab_gy : 0.0, &ab, &from) !=
            RTFRAC_OK)
            return cli_error("cannot convert constraint '%s'", k->id);
        if (from == RTFRAC_CONSTRAINT_AB_NONE)
            return cli_error("constraint '%s' (%s) states no alpha/beta and names no tissue; give one with --ab",
                             k->id, k->organ);
        if (rtfrac_constraint_convert(&dose_model, k, ab, a->fractions, &cv) != RTFRAC_OK)
            return cli_error("cannot convert constraint '%s'", k->id);
        /* the caller's alpha/beta is named by the option that gave it */
        const char *from_name = from != RTFRAC_CONSTRAINT_AB_CALLER ? rtfrac_constraint_ab_source_name(from)
                                : a->abs.e[0].tissue ? "--tissue" : "--ab";
        approx |= !cv.exact;
        aim |= k->aim_only;
        if (constraint_row(t, a, k, ts, ab, from_name, &cv, precision >= 0 ? precision : 2) != CLI_OK)
            return CLI_EFAIL;
        if (ts != NULL)
            note_tissue_source(doc, ts);
    }
    out_note(doc, "Constraint set %s: %s; source: %s.", set->id, set->name, set->source);
    out_note(doc, "Each limit (for V<x>Gy: the threshold x) is converted to the physical dose in %lu %s with the same BED as in the fractionation it was stated in; the volume of a V<x>Gy limit is unchanged.",
             a->fractions, cli_plural(a->fractions, "fraction", "fractions"));
    if (aim)
        out_note(doc, "A constraint marked 'aim only' has no limit: its optimal (the planning aim) is converted instead.");
    if (approx)
        out_note(doc, "Mean-dose limits are marked approximate: a mean over an inhomogeneous dose distribution does not convert like a point dose, because every voxel has its own dose per fraction; convert the DVH bin by bin for an exact value.");
    return CLI_OK;
}

static int solve_option(void *ctx, int id, char *arg)
{
    solve_args *a = ctx;
    rtfrac_diag d;
    int rc;
    switch (id) {
    case OPT_AB:
        return ab_list_add_values(&a->abs, "--ab", arg);
    case OPT_TISSUE:
        a->need_kinds |= PRESET_KIND(TISSUE);
        return ab_list_add_tissues(&a->abs, "--tissue", arg);
    case OPT_TARGET_AB:
        return ab_list_add_values(&a->target, "--target-ab", arg);
    case OPT_TARGET_TISSUE:
        a->need_kinds |= PRESET_KIND(TISSUE);
        return ab_list_add_tissues(&a->target, "--target-tissue", arg);
    case OPT_MATCH:
        a->have_match = 1;
        rc = rx_arg_parse(arg, "--match", &a->match);
        a->need_kinds |= a->match.is_scheme ? PRESET_KIND(SCHEME) : 0;
        return rc;
    case OPT_MATCH_EQD2:
        a->have_match_eqd2 = 1;
        return cli_parse_gy("--match-eqd2", arg, &a->match_eqd2_gy);
    case OPT_MATCH_BED:
        a->have_match_bed = 1;
        return cli_parse_gy("--match-bed", arg, &a->match_bed_gy);
    case OPT_FRACTIONS:
        a->have_fractions = 1;
        return cli_parse_values("--fractions", arg, 1, &a->fractions_list);
    case OPT_DPF:
        a->have_dpf = 1;
        return cli_parse_values("--dose-per-fraction", arg, 0, &a->dpf_list);
    case OPT_LIMIT_EQD2:
        a->have_limit_eqd2 = 1;
        return cli_parse_gy("--limit-eqd2", arg, &a->limit_eqd2_gy);
    case OPT_LIMIT_BED:
        a->have_limit_bed = 1;
        return cli_parse_gy("--limit-bed", arg, &a->limit_bed_gy);
    case OPT_OAR_RATIO:
        a->have_oar_ratio = 1;
        rtfrac_diag_clear(&d);
        if (rtfrac_num_parse(arg, &a->oar_ratio, &d) != RTFRAC_OK || !(a->oar_ratio > 0.0) ||
            a->oar_ratio > 10.0)
            return cli_error("invalid --oar-ratio '%s'; give a number above 0 and at most 10 (e.g. 0.9)", arg);
        return CLI_OK;
    case OPT_CONSTRAINTS:
        a->constraints = arg;
        a->need_kinds |= PRESET_KIND(CONSTRAINTS);
        return CLI_OK;
    }
    return cli_error("unhandled option");
}

static const cli_command solve_cmd = { "solve", solve_opts, solve_option };

static int no_intervals(void)
{
    return cli_error("solve does not propagate parameter intervals; solve at the interval's ends instead, e.g. --ab 0.8,1.5,2.2");
}

/* Exactly one mode, with the options it needs and none it would ignore. */
static int solve_check(const solve_args *a, int argc, char **argv, int first_operand)
{
    if (a->ma.use_ci || a->ma.o.tk_interval.has || a->ma.o.dprolif_interval.has)
        return no_intervals();
    if (first_operand < argc)
        return cli_error("unexpected argument '%s'; solve takes options only (see 'rtfrac solve --help')",
                         argv[first_operand]);
    int nmatch = a->have_match + a->have_match_eqd2 + a->have_match_bed;
    int nlimit = a->have_limit_eqd2 + a->have_limit_bed;
    int modes = (nmatch > 0) + (nlimit > 0) + (a->constraints != NULL);
    if (modes != 1 || nmatch > 1 || nlimit > 1)
        return cli_error("give exactly one of --match, --match-eqd2, --match-bed, --limit-eqd2, --limit-bed or --constraints (see 'rtfrac solve --help')");
    if (nmatch && a->have_fractions == a->have_dpf)
        return cli_error("give either --fractions N or --dose-per-fraction d to solve for the other");
    if ((nlimit || a->constraints) && (!a->have_fractions || a->have_dpf))
        return cli_error("%s needs --fractions N (and no --dose-per-fraction)",
                         nlimit ? "--limit-eqd2/--limit-bed" : "--constraints");
    if (a->constraints && cli_values_count(&a->fractions_list) > 1)
        return cli_error("solve --constraints takes one --fractions: the fraction count the set is converted to; got %zu values",
                         cli_values_count(&a->fractions_list));
    if (!nlimit && (a->have_oar_ratio || a->target.n > 0))
        return cli_error("--oar-ratio, --target-ab and --target-tissue go with --limit-eqd2 or --limit-bed");
    return CLI_OK;
}

/* The presets the options name: tissues, the scheme to match, the
 * constraint set. */
static int solve_load(solve_args *a, preset_path *pp)
{
    int rc;
    const char *set_id = NULL;
    if (a->need_kinds == 0 && pp->nuser == 0) /* --preset-dir: a bad directory is an error */
        return CLI_OK;
    if ((rc = preset_path_load(pp, a->need_kinds, &a->presets)) != CLI_OK ||
        (a->constraints != NULL &&
         (rc = preset_path_named(a->presets, RTFRAC_PRESET_CONSTRAINTS, a->constraints, &set_id)) != CLI_OK))
        return rc;
    if (set_id != NULL)
        a->set = rtfrac_presets_find_constraint_set(a->presets, set_id);
    if ((rc = preset_path_check(a->presets)) != CLI_OK ||
        (rc = ab_list_resolve(&a->abs, a->presets, 0)) != CLI_OK ||
        (rc = ab_list_resolve(&a->target, a->presets, 0)) != CLI_OK)
        return rc;
    if (a->have_match && (rc = rx_arg_resolve(&a->match, a->presets)) != CLI_OK)
        return rc;
    return CLI_OK;
}

static void solve_notes(const solve_args *a, out_doc *doc, int default_ab, int default_target)
{
    note_model(doc, &a->ma);
    if (default_ab && a->ma.o.kind != RTFRAC_MODEL_USC)
        out_note(doc, "alpha/beta not given: 3 Gy (late-responding tissue) is used; set it with --ab or --tissue.");
    if (default_target)
        out_note(doc, "Target alpha/beta not given: 10 Gy (tumour) is used; set it with --target-ab or --target-tissue.");
    for (size_t k = 0; k < a->abs.n; k++)
        if (a->abs.e[k].tissue != NULL)
            note_tissue_source(doc, a->abs.e[k].tissue);
    for (size_t k = 0; k < a->target.n; k++)
        if (a->target.e[k].tissue != NULL)
            note_tissue_source(doc, a->target.e[k].tissue);
    if (a->have_match && a->match.scheme != NULL)
        note_scheme_source(doc, a->match.scheme);
}

int cmd_solve(int argc, char **argv)
{
    solve_args a;
    cli_args args;
    out_doc doc;
    int rc;

    memset(&a, 0, sizeof(a));
    cli_args_init(&args, &a.ma);
    out_doc_init(&doc, "solve");
    if ((rc = cli_opts_parse(&solve_cmd, &args, &a, argc, argv)) != CLI_OK || args.done ||
        (rc = solve_check(&a, argc, argv, args.first_operand)) != CLI_OK ||
        (rc = solve_load(&a, &args.pp)) != CLI_OK)
        goto done;
    if (ab_list_has_interval(&a.abs) || ab_list_has_interval(&a.target)) {
        rc = no_intervals();
        goto done;
    }
    int nlimit = a.have_limit_eqd2 + a.have_limit_bed;
    int default_ab = a.abs.n == 0 && a.constraints == NULL;
    if (default_ab)
        ab_list_add_defaults(&a.abs, &a.ma, 0, 1);
    int default_target = nlimit && a.target.n == 0;
    if (default_target)
        ab_list_add_defaults(&a.target, &a.ma, 1, 0);

    if (a.have_fractions)
        a.fractions = (unsigned long)cli_values_get(&a.fractions_list, 0);
    if (a.constraints != NULL)
        rc = solve_constraints(&a, a.presets, a.set, &doc, args.out.precision);
    else if (nlimit)
        rc = solve_limit(&a, &doc);
    else
        rc = solve_match(&a, &doc);
    if (rc != CLI_OK)
        goto done;
    solve_notes(&a, &doc, default_ab, default_target);
    if ((rc = model_args_check_used(&a.ma)) != CLI_OK)
        goto done;
    rc = cli_emit(&doc, &args.out);
done:
    rtfrac_presets_free(a.presets);
    cli_args_release(&args);
    out_doc_release(&doc);
    return rc;
}
