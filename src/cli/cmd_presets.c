/* rtfrac presets: list and show shipped and user presets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "suggest.h"
#include "opts.h"
#include "presets_path.h"

static const cli_opt presets_opts[] = {
    CLI_TEXT("usage: rtfrac presets list [tissues|schemes|plans|constraints|ntcp|isotopes] [options]\n"
             "       rtfrac presets show NAME [options]\n"
             "       rtfrac presets path\n"
             "\n"
             "Presets are curated parameters and schedules, each with its published\n"
             "source: tissues (alpha/beta and time and repair parameters), schemes\n"
             "(named regimens), plans (several targets sharing one fraction count, and\n"
             "organs at risk) and constraint sets (dose-volume limits with the\n"
             "fractionation they were stated in) and NTCP parameter sets (Lyman-Kutcher-\n"
             "Burman TD50, m, n with the endpoint and the fractionation of the fit)\n"
             "and isotopes (half-lives of implant radionuclides, for 'rtfrac implant').\n"
             "\n"
             "  list [KIND]          a table of every preset of KIND (all kinds when\n"
             "                       none is given); csv, tsv and json add the source\n"
             "                       and the file of each\n"
             "  show NAME            everything about one preset: values with units,\n"
             "                       source, and the file and line it came from (and the\n"
             "                       file of a preset it overrides); NAME may be\n"
             "                       KIND/NAME, e.g. tissue/liver\n"
             "  path                 the directories searched, in order\n"
             "\n"
             "Search order (the first directory that has a preset of a given kind and\n"
             "name wins, so a user preset overrides a shipped one of the same name):\n"
             "  1. --preset-dir DIR, in the order given\n"
             "  2. $RTFRAC_PRESET_PATH (directories separated by ':')\n"
             "  3. $XDG_CONFIG_HOME/rtfrac/presets (default ~/.config/rtfrac/presets)\n"
             "  4. the installed presets (PREFIX/share/rtfrac/presets)\n"
             "  5. the source tree's presets/, when rtfrac runs from its build tree\n"
             "Each directory may hold tissues.ini, schemes.ini, ntcp.ini, isotopes.ini,\n"
             "plans/NAME.ini and constraints/NAME.ini; 'man rtfrac' describes their keys.\n"
             "\n"
             "Options:\n"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Examples:\n"
             "  rtfrac presets list tissues\n"
             "  rtfrac presets show hcc-sib-55-44\n"
             "  rtfrac presets list schemes --format csv\n"),
    CLI_OPT_END,
};

/* Only the common options: no handler of its own. */
static const cli_command presets_cmd = { "presets", presets_opts, NULL };

static int oom(void)
{
    cli_error("out of memory");
    return CLI_EFAIL;
}

static char *origin_text(const rtfrac_origin *o, char *buf, size_t size)
{
    snprintf(buf, size, "%s:%u", o->file, o->line);
    return buf;
}

/* ---- tissues ---------------------------------------------------------- */

static const out_col tissue_cols[] = {
    { "id", "Tissue", OUT_STR, 0 },
    { "name", "Name", OUT_STR, 0 },
    { "kind", "Kind", OUT_STR, 0 },
    { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "alpha_beta_low_gy", "95% low (Gy)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "alpha_beta_high_gy", "95% high (Gy)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "alpha_per_gy", "alpha (/Gy)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "tk_days", "Tk (days)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "tpot_days", "Tpot (days)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "dprolif_gy_eqd2_per_day", "Dprolif (Gy EQD2/d)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "dprolif_gy_bed_per_day", "Dprolif (Gy BED/d)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "k_gy_bed_per_day", "K at its alpha/beta (Gy BED/d)", OUT_REAL, OUT_HIDE_EMPTY },
    { "repair_half_time_h", "Repair T1/2 (h)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "evidence", "Evidence", OUT_STR, OUT_HIDE_EMPTY },
    { "endpoint", "Endpoint", OUT_STR, OUT_MACHINE_ONLY },
    { "source", "Source", OUT_STR, OUT_MACHINE_ONLY },
    { "checked", "Checked against the source", OUT_STR, OUT_MACHINE_ONLY },
    { "file", "File", OUT_STR, OUT_MACHINE_ONLY },
    { "overrides", "Overrides", OUT_STR, OUT_MACHINE_ONLY },
};
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

/* "checked" when the preset says how its values were checked. */
static int checked_cell(out_table *t, long r, rtfrac_checked c)
{
    return c != RTFRAC_CHECKED_UNSTATED && out_str(t, r, "checked", rtfrac_presets_checked_name(c));
}

/* Dprolif as written, in the column of its unit, and K in Gy BED/d at the
 * tissue's alpha/beta (the conversion row resolve makes). */
static int dprolif_cells(out_table *t, long r, const rtfrac_tissue *ts)
{
    double k = 0.0;
    if (!(ts->has & RTFRAC_TISSUE_HAS_DPROLIF))
        return 0;
    if (rtfrac_model_rate_to_bed(ts->dprolif_rate_gy_per_day, ts->dprolif_unit, ts->alpha_beta_gy, &k) != RTFRAC_OK)
        return 1;
    return out_real(t, r, ts->dprolif_unit == RTFRAC_MODEL_RATE_EQD2 ? "dprolif_gy_eqd2_per_day" : "dprolif_gy_bed_per_day",
                    ts->dprolif_rate_gy_per_day) ||
           out_real(t, r, "k_gy_bed_per_day", k);
}

static int tissue_row(out_table *t, const rtfrac_tissue *ts)
{
    char buf[RTFRAC_DIAG_FILE_MAX + 16];
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "id", ts->id) || out_str(t, r, "name", ts->name) ||
        out_str(t, r, "kind", rtfrac_presets_tissue_kind_name(ts->kind)) ||
        out_real(t, r, "alpha_beta_gy", ts->alpha_beta_gy) ||
        ((ts->has & RTFRAC_TISSUE_HAS_AB_INTERVAL) &&
         (out_real(t, r, "alpha_beta_low_gy", ts->alpha_beta_low_gy) ||
          out_real(t, r, "alpha_beta_high_gy", ts->alpha_beta_high_gy))) ||
        ((ts->has & RTFRAC_TISSUE_HAS_ALPHA) && out_real(t, r, "alpha_per_gy", ts->alpha_per_gy)) ||
        ((ts->has & RTFRAC_TISSUE_HAS_TK) && out_real(t, r, "tk_days", ts->tk_days)) ||
        ((ts->has & RTFRAC_TISSUE_HAS_TPOT) && out_real(t, r, "tpot_days", ts->tpot_days)) ||
        dprolif_cells(t, r, ts) ||
        ((ts->has & RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME) &&
         out_real(t, r, "repair_half_time_h", ts->repair_half_time_h)) ||
        (ts->evidence != RTFRAC_EVIDENCE_UNSTATED &&
         out_str(t, r, "evidence", rtfrac_presets_evidence_name(ts->evidence))) ||
        (ts->endpoint[0] && out_str(t, r, "endpoint", ts->endpoint)) ||
        out_str(t, r, "source", ts->source) || checked_cell(t, r, ts->checked) ||
        out_str(t, r, "file", origin_text(&ts->origin, buf, sizeof(buf))) ||
        (ts->overrides && out_str(t, r, "overrides", ts->overrides)))
        return oom();
    return CLI_OK;
}

/* ---- schemes ---------------------------------------------------------- */

static const out_col scheme_cols[] = {
    { "id", "Scheme", OUT_STR, 0 },
    { "name", "Name", OUT_STR, 0 },
    { "total_dose_gy", "Total dose (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "fractions", "Fractions", OUT_INT, 0 },
    { "dose_per_fraction_gy", "Dose/fraction (Gy)", OUT_REAL, 0 },
    { "per_week", "Fractions/week", OUT_INT, 0 },
    { "per_day", "Fractions/day", OUT_INT, 0 },
    { "interval_h", "Interval (h)", OUT_REAL, OUT_HIDE_EMPTY },
    { "site", "Site", OUT_STR, 0 },
    { "source", "Source", OUT_STR, OUT_MACHINE_ONLY },
    { "checked", "Checked against the source", OUT_STR, OUT_MACHINE_ONLY },
    { "file", "File", OUT_STR, OUT_MACHINE_ONLY },
    { "overrides", "Overrides", OUT_STR, OUT_MACHINE_ONLY },
};

/* A schedule's calendar: fractions a week and a day, hours between them. */
static int calendar_cells(out_table *t, long r, const rtfrac_calendar *c)
{
    return out_int(t, r, "per_week", c->per_week) || out_int(t, r, "per_day", c->per_day) ||
           (c->per_day > 1 && out_real(t, r, "interval_h", c->interval_h));
}

static int scheme_row(out_table *t, const rtfrac_scheme *s)
{
    char buf[RTFRAC_DIAG_FILE_MAX + 16];
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "id", s->id) || out_str(t, r, "name", s->name) ||
        out_real(t, r, "total_dose_gy", s->total_dose_gy) ||
        out_int(t, r, "fractions", (long long)s->fractions) ||
        out_real(t, r, "dose_per_fraction_gy", s->total_dose_gy / (double)s->fractions) ||
        calendar_cells(t, r, &s->calendar) || (s->site[0] && out_str(t, r, "site", s->site)) ||
        out_str(t, r, "source", s->source) || checked_cell(t, r, s->checked) ||
        out_str(t, r, "file", origin_text(&s->origin, buf, sizeof(buf))) ||
        (s->overrides && out_str(t, r, "overrides", s->overrides)))
        return oom();
    return CLI_OK;
}

/* ---- plans ------------------------------------------------------------ */

static const out_col plan_cols[] = {
    { "id", "Plan", OUT_STR, 0 },
    { "name", "Name", OUT_STR, 0 },
    { "fractions", "Fractions", OUT_INT, 0 },
    { "per_week", "Fractions/week", OUT_INT, 0 },
    { "per_day", "Fractions/day", OUT_INT, 0 },
    { "interval_h", "Interval (h)", OUT_REAL, OUT_HIDE_EMPTY },
    { "targets", "Targets (total dose, tissue)", OUT_STR, 0 },
    { "oars", "Organs at risk (tissue)", OUT_STR, 0 },
    { "source", "Source", OUT_STR, OUT_MACHINE_ONLY },
    { "checked", "Checked against the source", OUT_STR, OUT_MACHINE_ONLY },
    { "file", "File", OUT_STR, OUT_MACHINE_ONLY },
    { "overrides", "Overrides", OUT_STR, OUT_MACHINE_ONLY },
};

static int plan_row(out_table *t, const rtfrac_plan *p)
{
    char buf[RTFRAC_DIAG_FILE_MAX + 16], tg[1024] = "", oa[1024] = "", num[32];
    size_t used = 0;
    for (size_t i = 0; i < p->ntargets && used < sizeof(tg); i++) {
        out_real_exact(num, sizeof(num), p->targets[i].total_dose_gy);
        used += (size_t)snprintf(tg + used, sizeof(tg) - used, "%s%s %s Gy %s", i ? "; " : "",
                                 p->targets[i].label, num, p->targets[i].tissue);
    }
    used = 0;
    for (size_t i = 0; i < p->noars && used < sizeof(oa); i++)
        used += (size_t)snprintf(oa + used, sizeof(oa) - used, "%s%s %s", i ? "; " : "",
                                 p->oars[i].label, p->oars[i].tissue);
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "id", p->id) || out_str(t, r, "name", p->name) ||
        out_int(t, r, "fractions", (long long)p->fractions) || calendar_cells(t, r, &p->calendar) ||
        out_str(t, r, "targets", tg) || (p->noars && out_str(t, r, "oars", oa)) ||
        out_str(t, r, "source", p->source) || checked_cell(t, r, p->checked) ||
        out_str(t, r, "file", origin_text(&p->origin, buf, sizeof(buf))) ||
        (p->overrides && out_str(t, r, "overrides", p->overrides)))
        return oom();
    return CLI_OK;
}

/* ---- constraint sets -------------------------------------------------- */

static const out_col set_cols[] = {
    { "id", "Constraint set", OUT_STR, 0 },
    { "name", "Name", OUT_STR, 0 },
    { "constraints", "Constraints", OUT_INT, 0 },
    { "source", "Source", OUT_STR, OUT_MACHINE_ONLY },
    { "checked", "Checked against the source", OUT_STR, OUT_MACHINE_ONLY },
    { "file", "File", OUT_STR, OUT_MACHINE_ONLY },
    { "overrides", "Overrides", OUT_STR, OUT_MACHINE_ONLY },
};

static int set_row(out_table *t, const rtfrac_constraint_set *s)
{
    char buf[RTFRAC_DIAG_FILE_MAX + 16];
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "id", s->id) || out_str(t, r, "name", s->name) ||
        out_int(t, r, "constraints", (long long)s->nconstraints) || out_str(t, r, "source", s->source) ||
        checked_cell(t, r, s->checked) ||
        out_str(t, r, "file", origin_text(&s->origin, buf, sizeof(buf))) ||
        (s->overrides && out_str(t, r, "overrides", s->overrides)))
        return oom();
    return CLI_OK;
}

static const out_col constraint_cols[] = {
    { "id", "Constraint", OUT_STR, 0 },
    { "organ", "Organ", OUT_STR, 0 },
    { "metric", "Metric", OUT_STR, 0 },
    { "limit", "Limit", OUT_REAL, OUT_AS_GIVEN },
    { "limit_unit", "Unit", OUT_STR, 0 },
    { "optimal", "Optimal", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "fractions", "Stated in (fractions)", OUT_INT, OUT_HIDE_EMPTY },
    { "dose_per_fraction_gy", "Stated in (Gy/fraction)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "tissue", "Tissue", OUT_STR, OUT_HIDE_EMPTY },
    { "checked", "Checked", OUT_STR, OUT_HIDE_EMPTY },
    { "endpoint", "Endpoint", OUT_STR, OUT_MACHINE_ONLY },
    { "source", "Source", OUT_STR, OUT_MACHINE_ONLY },
    { "file", "File", OUT_STR, OUT_MACHINE_ONLY },
};

static int constraint_row(out_table *t, const rtfrac_constraint *k)
{
    char buf[RTFRAC_DIAG_FILE_MAX + 16];
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "id", k->id) || out_str(t, r, "organ", k->organ) ||
        out_str(t, r, "metric", k->metric_text) || (!k->aim_only && out_real(t, r, "limit", k->limit)) ||
        out_str(t, r, "limit_unit", rtfrac_presets_limit_unit_name(k->unit)) ||
        (k->has_optimal && out_real(t, r, "optimal", k->optimal)) ||
        (k->fractions && out_int(t, r, "fractions", (long long)k->fractions)) ||
        (k->dose_per_fraction_gy > 0.0 && out_real(t, r, "dose_per_fraction_gy", k->dose_per_fraction_gy)) ||
        (k->has_alpha_beta && out_real(t, r, "alpha_beta_gy", k->alpha_beta_gy)) ||
        (k->tissue[0] && out_str(t, r, "tissue", k->tissue)) ||
        checked_cell(t, r, k->checked) || (k->endpoint[0] && out_str(t, r, "endpoint", k->endpoint)) ||
        out_str(t, r, "source", k->source) ||
        out_str(t, r, "file", origin_text(&k->origin, buf, sizeof(buf))))
        return oom();
    return CLI_OK;
}

/* ---- NTCP parameter sets ----------------------------------------------- */

static const out_col ntcp_cols[] = {
    { "id", "NTCP set", OUT_STR, 0 },
    { "name", "Name", OUT_STR, 0 },
    { "organ", "Organ", OUT_STR, OUT_MACHINE_ONLY },
    { "model", "Model", OUT_STR, 0 },
    { "td50_gy", "TD50 (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "m", "m", OUT_REAL, OUT_AS_GIVEN },
    { "n", "n", OUT_REAL, OUT_AS_GIVEN },
    { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "reference_dose_per_fraction_gy", "Fit's dose per fraction (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "tissue", "Tissue", OUT_STR, OUT_HIDE_EMPTY },
    { "endpoint", "Endpoint", OUT_STR, OUT_MACHINE_ONLY },
    { "fractionation", "Fractionation of the fit", OUT_STR, OUT_MACHINE_ONLY },
    { "source", "Source", OUT_STR, OUT_MACHINE_ONLY },
    { "checked", "Checked against the source", OUT_STR, OUT_MACHINE_ONLY },
    { "file", "File", OUT_STR, OUT_MACHINE_ONLY },
    { "overrides", "Overrides", OUT_STR, OUT_MACHINE_ONLY },
};

static int ntcp_row(out_table *t, const rtfrac_ntcp_params *k)
{
    char buf[RTFRAC_DIAG_FILE_MAX + 16];
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "id", k->id) || out_str(t, r, "name", k->name) ||
        out_str(t, r, "organ", k->organ) || out_str(t, r, "model", "LKB") ||
        out_real(t, r, "td50_gy", k->td50_gy) || out_real(t, r, "m", k->m) || out_real(t, r, "n", k->n) ||
        (k->has_alpha_beta && out_real(t, r, "alpha_beta_gy", k->alpha_beta_gy)) ||
        out_real(t, r, "reference_dose_per_fraction_gy", k->reference_dose_per_fraction_gy) ||
        (k->tissue[0] && out_str(t, r, "tissue", k->tissue)) ||
        out_str(t, r, "endpoint", k->endpoint) ||
        (k->fractionation[0] && out_str(t, r, "fractionation", k->fractionation)) ||
        out_str(t, r, "source", k->source) || checked_cell(t, r, k->checked) ||
        out_str(t, r, "file", origin_text(&k->origin, buf, sizeof(buf))) ||
        (k->overrides && out_str(t, r, "overrides", k->overrides)))
        return oom();
    return CLI_OK;
}

/* ---- isotopes ----------------------------------------------------------- */

static const out_col isotope_cols[] = {
    { "id", "Isotope", OUT_STR, 0 },
    { "name", "Name", OUT_STR, 0 },
    { "half_life_days", "Half-life (d)", OUT_REAL, OUT_AS_GIVEN },
    { "checked", "Checked", OUT_STR, OUT_HIDE_EMPTY },
    { "source", "Source", OUT_STR, OUT_MACHINE_ONLY },
    { "file", "File", OUT_STR, OUT_MACHINE_ONLY },
    { "overrides", "Overrides", OUT_STR, OUT_MACHINE_ONLY },
};

static int isotope_row(out_table *t, const rtfrac_isotope *k)
{
    char buf[RTFRAC_DIAG_FILE_MAX + 16];
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "id", k->id) || out_str(t, r, "name", k->name) ||
        out_real(t, r, "half_life_days", k->half_life_days) ||
        (k->checked != RTFRAC_CHECKED_UNSTATED && out_str(t, r, "checked", rtfrac_presets_checked_name(k->checked))) ||
        out_str(t, r, "source", k->source) ||
        out_str(t, r, "file", origin_text(&k->origin, buf, sizeof(buf))) ||
        (k->overrides && out_str(t, r, "overrides", k->overrides)))
        return oom();
    return CLI_OK;
}

/* ---- list ------------------------------------------------------------- */

static int parse_kind(const char *word, int *kind)
{
    static const struct { const char *name; int kind; } kinds[] = {
        { "tissues", RTFRAC_PRESET_TISSUE }, { "tissue", RTFRAC_PRESET_TISSUE },
        { "schemes", RTFRAC_PRESET_SCHEME }, { "scheme", RTFRAC_PRESET_SCHEME },
        { "plans", RTFRAC_PRESET_PLAN }, { "plan", RTFRAC_PRESET_PLAN },
        { "constraints", RTFRAC_PRESET_CONSTRAINTS }, { "constraint", RTFRAC_PRESET_CONSTRAINTS },
        { "ntcp", RTFRAC_PRESET_NTCP },
        { "isotopes", RTFRAC_PRESET_ISOTOPE }, { "isotope", RTFRAC_PRESET_ISOTOPE },
    };
    for (size_t i = 0; i < NCOLS(kinds); i++)
        if (strcmp(word, kinds[i].name) == 0) {
            *kind = kinds[i].kind;
            return 0;
        }
    return -1;
}

static int list_kind(out_doc *doc, const rtfrac_presets *p, int kind, int titled)
{
    out_table *t = NULL;
    int rc = CLI_OK;
    size_t n = rtfrac_presets_count(p, (rtfrac_preset_kind)kind);
    switch (kind) {
    case RTFRAC_PRESET_TISSUE:
        t = out_doc_table(doc, "tissues", titled ? "Tissues" : NULL, tissue_cols, NCOLS(tissue_cols));
        for (size_t i = 0; t && rc == CLI_OK && i < n; i++)
            rc = tissue_row(t, rtfrac_presets_tissue(p, i));
        break;
    case RTFRAC_PRESET_SCHEME:
        t = out_doc_table(doc, "schemes", titled ? "Schemes" : NULL, scheme_cols, NCOLS(scheme_cols));
        for (size_t i = 0; t && rc == CLI_OK && i < n; i++)
            rc = scheme_row(t, rtfrac_presets_scheme(p, i));
        break;
    case RTFRAC_PRESET_PLAN:
        t = out_doc_table(doc, "plans", titled ? "Plans" : NULL, plan_cols, NCOLS(plan_cols));
        for (size_t i = 0; t && rc == CLI_OK && i < n; i++)
            rc = plan_row(t, rtfrac_presets_plan(p, i));
        break;
    case RTFRAC_PRESET_CONSTRAINTS:
        t = out_doc_table(doc, "constraint_sets", titled ? "Constraint sets" : NULL, set_cols,
                          NCOLS(set_cols));
        for (size_t i = 0; t && rc == CLI_OK && i < n; i++)
            rc = set_row(t, rtfrac_presets_constraint_set(p, i));
        break;
    case RTFRAC_PRESET_NTCP:
        t = out_doc_table(doc, "ntcp", titled ? "NTCP parameter sets" : NULL, ntcp_cols, NCOLS(ntcp_cols));
        for (size_t i = 0; t && rc == CLI_OK && i < n; i++)
            rc = ntcp_row(t, rtfrac_presets_ntcp(p, i));
        break;
    case RTFRAC_PRESET_ISOTOPE:
        t = out_doc_table(doc, "isotopes", titled ? "Isotopes" : NULL, isotope_cols, NCOLS(isotope_cols));
        for (size_t i = 0; t && rc == CLI_OK && i < n; i++)
            rc = isotope_row(t, rtfrac_presets_isotope(p, i));
        break;
    }
    return t == NULL ? oom() : rc;
}

/* ---- show ------------------------------------------------------------- */

/* One preset shown vertically, every column included (machine-only ones too). */
static out_table *vertical_table(out_doc *doc, const char *key, const char *title,
                                 const out_col *cols, size_t ncols)
{
    out_table *t = out_doc_table(doc, key, title, cols, ncols);
    if (t == NULL)
        return NULL;
    t->vertical = 1;
    for (size_t c = 0; c < t->ncols; c++)
        t->cols[c].flags &= ~(unsigned)OUT_MACHINE_ONLY;
    return t;
}

/* presets show PLAN: the plan, then its structures (with each organ's NTCP
 * set, when the plan links one). */
static int show_plan(out_doc *doc, const rtfrac_plan *pl)
{
    int rc;
    static const out_col target_cols[] = {
        { "label", "Target", OUT_STR, 0 },
        { "total_dose_gy", "Total dose (Gy)", OUT_REAL, OUT_AS_GIVEN },
        { "fractions", "Fractions", OUT_INT, 0 },
        { "dose_per_fraction_gy", "Dose/fraction (Gy)", OUT_REAL, 0 },
        { "tissue", "Tissue", OUT_STR, 0 },
        { "role", "Role", OUT_STR, 0 },
        { "ntcp_set", "NTCP set", OUT_STR, OUT_HIDE_EMPTY },
    };
    out_table *t = vertical_table(doc, "plans", "Plan", plan_cols, NCOLS(plan_cols));
    if (t == NULL)
        return oom();
    if ((rc = plan_row(t, pl)) != CLI_OK)
        return rc;
    out_table *s = out_doc_table(doc, "structures", "Structures", target_cols, NCOLS(target_cols));
    if (s == NULL)
        return oom();
    for (size_t i = 0; i < pl->ntargets; i++) {
        long r = out_row(s);
        const rtfrac_plan_target *tg = &pl->targets[i];
        if (r < 0 || out_str(s, r, "label", tg->label) || out_real(s, r, "total_dose_gy", tg->total_dose_gy) ||
            out_int(s, r, "fractions", (long long)pl->fractions) ||
            out_real(s, r, "dose_per_fraction_gy", tg->total_dose_gy / (double)pl->fractions) ||
            out_str(s, r, "tissue", tg->tissue) || out_str(s, r, "role", "target"))
            return oom();
    }
    for (size_t i = 0; i < pl->noars; i++) {
        long r = out_row(s);
        if (r < 0 || out_str(s, r, "label", pl->oars[i].label) ||
            out_int(s, r, "fractions", (long long)pl->fractions) ||
            out_str(s, r, "tissue", pl->oars[i].tissue) || out_str(s, r, "role", "organ at risk") ||
            (pl->oars[i].ntcp[0] && out_str(s, r, "ntcp_set", pl->oars[i].ntcp)))
            return oom();
    }
    for (size_t i = 0; i < pl->noars; i++)
        if (pl->oars[i].ntcp[0]) {
            out_note(doc, "NTCP set: 'rtfrac report --plan %s --dvh FILE' applies it to the organ's DVH structure unless --ntcp names another for that structure; 'rtfrac presets show SET' gives its parameters and the fractionation of its fit.", pl->id);
            break;
        }
    return CLI_OK;
}

/* A constraint set: its [set] row, its constraints and what their limits mean. */
static int show_constraint_set(out_doc *doc, const rtfrac_constraint_set *cs)
{
    int rc;
    out_table *t = vertical_table(doc, "constraint_sets", "Constraint set", set_cols, NCOLS(set_cols));
    if (t == NULL)
        return oom();
    if ((rc = set_row(t, cs)) != CLI_OK)
        return rc;
    out_table *k = out_doc_table(doc, "constraints", "Constraints", constraint_cols, NCOLS(constraint_cols));
    if (k == NULL)
        return oom();
    int reirr = 0;
    for (size_t i = 0; i < cs->nconstraints; i++) {
        if ((rc = constraint_row(k, &cs->constraints[i])) != CLI_OK)
            return rc;
        reirr |= rtfrac_reirr_metric_is_reirr(cs->constraints[i].metric);
    }
    out_note(doc, "Limits are upper limits in the unit shown, stated in the fractionation shown.");
    for (size_t i = 0; i < cs->nconstraints; i++)
        if (cs->constraints[i].lower_bound)
            out_note(doc, "'%s' is a minimum (bound = lower): its limit and optimal are lower limits.", cs->constraints[i].id);
    char aims[512];
    size_t used = 0;
    aims[0] = '\0';
    for (size_t i = 0; i < cs->nconstraints && used < sizeof(aims); i++)
        if (cs->constraints[i].aim_only) {
            int n = snprintf(aims + used, sizeof(aims) - used, "%s'%s'", used ? ", " : "", cs->constraints[i].id);
            used = n < 0 ? sizeof(aims) : used + (size_t)n;
        }
    if (used > 0)
        out_note(doc, "Limit '-' (none, an aim only): %s%s; the optimal is a planning aim: a plan beyond it (for a minimum: short of it) is flagged, never failed.",
                 aims, used >= sizeof(aims) ? "..." : "");
    if (reirr)
        out_note(doc, "Re-irradiation limits (rtfrac reirr --constraints): cumulative-bed and course-bed are BED limits at the alpha/beta shown, with no fractionation; interval is a minimum in months.");
    return CLI_OK;
}

static int show(out_doc *doc, const rtfrac_presets *p, const char *arg)
{
    int kind = -1, found = 0, rc = CLI_OK;
    const char *name = arg, *slash = strchr(arg, '/');
    char kbuf[32];
    if (slash != NULL) {
        snprintf(kbuf, sizeof(kbuf), "%.*s", (int)(slash - arg), arg);
        if (parse_kind(kbuf, &kind) != 0)
            return cli_error("unknown preset kind '%s' in '%s'; accepted: tissue, scheme, plan, constraints, ntcp, isotope",
                             kbuf, arg);
        name = slash + 1;
    }
    const rtfrac_tissue *ts = (kind < 0 || kind == RTFRAC_PRESET_TISSUE) ? rtfrac_presets_find_tissue(p, name) : NULL;
    const rtfrac_scheme *sc = (kind < 0 || kind == RTFRAC_PRESET_SCHEME) ? rtfrac_presets_find_scheme(p, name) : NULL;
    const rtfrac_plan *pl = (kind < 0 || kind == RTFRAC_PRESET_PLAN) ? rtfrac_presets_find_plan(p, name) : NULL;
    const rtfrac_constraint_set *cs = (kind < 0 || kind == RTFRAC_PRESET_CONSTRAINTS)
                                          ? rtfrac_presets_find_constraint_set(p, name) : NULL;
    const rtfrac_ntcp_params *np = (kind < 0 || kind == RTFRAC_PRESET_NTCP) ? rtfrac_presets_find_ntcp(p, name) : NULL;
    if (np) {
        out_table *t = vertical_table(doc, "ntcp", "NTCP parameter set", ntcp_cols, NCOLS(ntcp_cols));
        if (t == NULL)
            return oom();
        if ((rc = ntcp_row(t, np)) != CLI_OK)
            return rc;
        out_note(doc, "LKB: NTCP = Phi((D_eff - TD50) / (m TD50)), D_eff = (sum v_i D_i^(1/n))^n; 'rtfrac dvh --ntcp %s' applies it to a DVH.", np->id);
        found++;
    }
    const rtfrac_isotope *iso = (kind < 0 || kind == RTFRAC_PRESET_ISOTOPE) ? rtfrac_presets_find_isotope(p, name) : NULL;
    if (iso) {
        out_table *t = vertical_table(doc, "isotopes", "Isotope", isotope_cols, NCOLS(isotope_cols));
        if (t == NULL)
            return oom();
        if ((rc = isotope_row(t, iso)) != CLI_OK)
            return rc;
        found++;
    }
    if (ts) {
        out_table *t = vertical_table(doc, "tissues", "Tissue", tissue_cols, NCOLS(tissue_cols));
        if (t == NULL)
            return oom();
        if ((rc = tissue_row(t, ts)) != CLI_OK)
            return rc;
        found++;
    }
    if (sc) {
        out_table *t = vertical_table(doc, "schemes", "Scheme", scheme_cols, NCOLS(scheme_cols));
        if (t == NULL)
            return oom();
        if ((rc = scheme_row(t, sc)) != CLI_OK)
            return rc;
        found++;
    }
    if (pl) {
        if ((rc = show_plan(doc, pl)) != CLI_OK)
            return rc;
        found++;
    }
    if (cs) {
        if ((rc = show_constraint_set(doc, cs)) != CLI_OK)
            return rc;
        found++;
    }
    if (!found) {
        cli_error("no preset named '%s'; see 'rtfrac presets list'", arg);
        suggest sg;
        suggest_init(&sg, name);
        for (int k = RTFRAC_PRESET_TISSUE; k <= RTFRAC_PRESET_ISOTOPE; k++)
            if (kind < 0 || kind == k)
                suggest_add_presets(&sg, p, (rtfrac_preset_kind)k);
        suggest_hint(&sg, "");
        return CLI_EUSAGE;
    }
    if (found > 1)
        out_note(doc, "'%s' names presets of %d kinds; all are shown (choose one with KIND/NAME, e.g. tissue/%s).",
                 name, found, name);
    return CLI_OK;
}

/* presets path: the search path, in order. */
static int list_path(out_doc *doc, preset_path *pp, int nargs)
{
    static const out_col path_cols[] = {
        { "order", "Order", OUT_INT, 0 },
        { "directory", "Directory", OUT_STR, 0 },
        { "from", "From", OUT_STR, 0 },
    };
    int rc;
    if (nargs != 1)
        return cli_error("'presets path' takes no argument");
    if ((rc = preset_path_build(pp)) != CLI_OK)
        return rc;
    out_table *t = out_doc_table(doc, "directories", NULL, path_cols, NCOLS(path_cols));
    if (t == NULL)
        return oom();
    for (size_t i = 0; i < pp->ndirs; i++) {
        long r = out_row(t);
        if (r < 0 || out_int(t, r, "order", (long long)i + 1) || out_str(t, r, "directory", pp->dirs[i]) ||
            out_str(t, r, "from", pp->why[i]))
            return oom();
    }
    out_note(doc, "The first directory that has a preset of a given kind and name wins.");
    return CLI_OK;
}

/* The verb and its arguments, checked before the presets are loaded;
 * *kind is the kind to list, or -1 for all. */
static int check_verb(const char *verb, char **args, int nargs, int *kind)
{
    *kind = -1;
    if (strcmp(verb, "list") != 0 && strcmp(verb, "show") != 0)
        return cli_error("unknown presets subcommand '%s'; accepted: list, show, path", verb);
    if (strcmp(verb, "show") == 0 && nargs != 2)
        return cli_error("'presets show' takes one preset name, e.g. 'rtfrac presets show hcc'");
    if (strcmp(verb, "list") == 0 && nargs > 2)
        return cli_error("'presets list' takes at most one kind: tissues, schemes, plans or constraints");
    if (strcmp(verb, "list") == 0 && nargs == 2 && parse_kind(args[1], kind) != 0)
        return cli_error("unknown preset kind '%s'; accepted: tissues, schemes, plans, constraints, ntcp, isotopes",
                         args[1]);
    return CLI_OK;
}

static int list_or_show(out_doc *doc, const rtfrac_presets *p, const char *verb, const char *name, int kind)
{
    int rc = CLI_OK;
    if (strcmp(verb, "show") == 0)
        return show(doc, p, name);
    if (kind >= 0)
        rc = list_kind(doc, p, kind, 0);
    for (int k = RTFRAC_PRESET_TISSUE; kind < 0 && rc == CLI_OK && k <= RTFRAC_PRESET_ISOTOPE; k++)
        rc = list_kind(doc, p, k, 1);
    if (rc == CLI_OK)
        out_note(doc, "Sources, endpoints and files: --format csv, tsv or json, or 'rtfrac presets show NAME'.");
    return rc;
}

int cmd_presets(int argc, char **argv)
{
    cli_args args;
    rtfrac_presets *presets = NULL;
    out_doc doc;
    int rc, kind = -1;

    cli_args_init(&args, NULL);
    out_doc_init(&doc, "presets");
    if ((rc = cli_opts_parse(&presets_cmd, &args, NULL, argc, argv)) != CLI_OK || args.done)
        goto done;
    int nargs = argc - args.first_operand;
    char **rest = argv + args.first_operand;
    if (nargs == 0) {
        rc = cli_error("missing subcommand; usage: rtfrac presets list [KIND] | show NAME | path");
        goto done;
    }
    if (strcmp(rest[0], "path") == 0)
        rc = list_path(&doc, &args.pp, nargs);
    else if ((rc = check_verb(rest[0], rest, nargs, &kind)) == CLI_OK &&
             (rc = preset_path_load(&args.pp, RTFRAC_PRESET_KINDS_ALL, &presets)) == CLI_OK &&
             (rc = preset_path_check(presets)) == CLI_OK)
        rc = list_or_show(&doc, presets, rest[0], nargs > 1 ? rest[1] : NULL, kind);
    if (rc == CLI_OK)
        rc = cli_emit(&doc, &args.out);
done:
    rtfrac_presets_free(presets);
    cli_args_release(&args);
    out_doc_release(&doc);
    return rc;
}
