/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include "dvh_eval.h"
#include "suggest.h"

#include <assert.h>
#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void dvh_args_init(dvh_args *a)
{
    memset(a, 0, sizeof(*a));
    a->format = RTFRAC_DVH_FORMAT_AUTO;
    a->precision = -1;
}

/* Split `text` at ',' into items; each handled by fn. */
static int each_item(const char *option, const char *text, int (*fn)(void *, const char *, const char *),
                     void *ctx)
{
    char buf[DVH_ARG_MAX];
    if (strlen(text) >= sizeof(buf))
        return cli_error("%s '%.40s...' is too long (at most %d bytes)", option, text, DVH_ARG_MAX - 1);
    snprintf(buf, sizeof(buf), "%s", text);
    char *save = NULL;
    if (buf[0] == '\0' || strstr(buf, ",,") || buf[0] == ',' || buf[strlen(buf) - 1] == ',')
        return cli_error("empty item in %s '%s'; separate items with ','", option, text);
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char item[DVH_ARG_MAX];
        (void)trim_copy(tok, item, sizeof(item)); /* item holds the whole argument: it cannot be cut */
        int rc = fn(ctx, option, item);
        if (rc != CLI_OK)
            return rc;
    }
    return CLI_OK;
}

/* PATTERN=NAME (eq at the '=', or NULL: NAME alone) fits the fields of
 * pattern_size and name_size bytes. */
static int check_pair(const char *option, const char *item, const char *eq, size_t pattern_size,
                      size_t name_size)
{
    size_t np = eq ? (size_t)(eq - item) : 0, nn = strlen(eq ? eq + 1 : item);
    if (np >= pattern_size)
        return cli_error("structure pattern in %s '%s' is too long (at most %zu bytes)", option, item,
                         pattern_size - 1);
    if (nn >= name_size)
        return cli_error("preset name in %s '%s' is too long (at most %zu bytes)", option, item, name_size - 1);
    return CLI_OK;
}

static int add_map(void *ctx, const char *option, const char *item)
{
    dvh_args *a = ctx;
    int rc;
    const char *eq = strchr(item, '=');
    if (eq == NULL || eq == item || eq[1] == '\0')
        return cli_error("invalid %s item '%s'; write STRUCTURE=TISSUE, e.g. 'Liver=liver,PTV*=hcc'", option, item);
    if (a->nmaps == STRUCT_MAP_MAX)
        return cli_error("too many %s items (at most %d)", option, STRUCT_MAP_MAX);
    if ((rc = check_pair(option, item, eq, sizeof(a->maps[0].pattern), sizeof(a->maps[0].tissue))) != CLI_OK)
        return rc;
    struct_map *m = &a->maps[a->nmaps++];
    snprintf(m->pattern, sizeof(m->pattern), "%.*s", (int)(eq - item), item);
    snprintf(m->tissue, sizeof(m->tissue), "%s", eq + 1);
    return CLI_OK;
}

int dvh_args_structure_tissue(dvh_args *a, const char *text)
{
    return each_item("--structure-tissue", text, add_map, a);
}

static int add_metric(void *ctx, const char *option, const char *item)
{
    dvh_args *a = ctx;
    metric_spec m;
    rtfrac_dvh_metric lm;
    rtfrac_diag d;
    memset(&m, 0, sizeof(m));
    if (strlen(item) >= sizeof(m.text))
        return cli_error("metric '%s' in %s is too long (at most %zu bytes)", item, option, sizeof(m.text) - 1);
    rtfrac_diag_clear(&d);
    if (rtfrac_dvh_metric_parse(item, &lm, &d) != RTFRAC_OK)
        return cli_diag_error(option, item, &d);
    snprintf(m.text, sizeof(m.text), "%s", item);
    m.lib = lm;
    m.want_percent = lm.unit != RTFRAC_DVH_METRIC_UNIT_CC;
    m.want_cc = lm.unit != RTFRAC_DVH_METRIC_UNIT_PERCENT;
    if (a->nmetrics == METRICS_MAX)
        return cli_error("too many metrics (at most %d)", METRICS_MAX);
    a->metrics[a->nmetrics++] = m;
    return CLI_OK;
}

int dvh_args_metrics(dvh_args *a, const char *text)
{
    return each_item("--metric", text, add_metric, a);
}

void dvh_args_default_metrics(dvh_args *a)
{
    if (a->nmetrics == 0)
        dvh_args_metrics(a, "mean,min,max,D98%,D50%,D2%");
}

static int add_ntcp(void *ctx, const char *option, const char *item)
{
    dvh_args *a = ctx;
    const char *eq = strchr(item, '=');
    int rc;
    if (a->nntcp == NTCP_REQ_MAX)
        return cli_error("too many %s items (at most %d)", option, NTCP_REQ_MAX);
    if ((rc = check_pair(option, item, eq, sizeof(a->ntcp[0].pattern), sizeof(a->ntcp[0].set))) != CLI_OK)
        return rc;
    ntcp_req *r = &a->ntcp[a->nntcp++];
    if (eq != NULL) {
        snprintf(r->pattern, sizeof(r->pattern), "%.*s", (int)(eq - item), item);
        snprintf(r->set, sizeof(r->set), "%s", eq + 1);
    } else {
        r->pattern[0] = '\0';
        snprintf(r->set, sizeof(r->set), "%s", item);
    }
    return CLI_OK;
}

int dvh_args_ntcp(dvh_args *a, const char *text)
{
    return each_item("--ntcp", text, add_ntcp, a);
}

int dvh_args_only(dvh_args *a, const char *pattern)
{
    if (a->nonly == STRUCT_MAP_MAX)
        return cli_error("too many --structure options (at most %d)", STRUCT_MAP_MAX);
    a->only[a->nonly++] = pattern;
    return CLI_OK;
}

int dvh_args_format(dvh_args *a, const char *text)
{
    if (rtfrac_dvh_format_parse(text, &a->format) == RTFRAC_OK)
        return CLI_OK;
    /* the accepted names, from the library's table */
    char names[256] = "";
    for (int f = 0; rtfrac_dvh_format_name((rtfrac_dvh_format)f)[0] != '\0'; f++) {
        size_t used = strlen(names);
        snprintf(names + used, sizeof(names) - used, "%s%s", f ? ", " : "", rtfrac_dvh_format_name((rtfrac_dvh_format)f));
    }
    return cli_error("unknown --dvh-format '%s'; accepted: %s", text, names);
}

int dvh_args_dose_unit(dvh_args *a, const char *text)
{
    if (rtfrac_dvh_dose_unit_parse(text, &a->gy_per_unit) != RTFRAC_OK)
        return cli_error("unknown --dose-unit '%s'; accepted: Gy, cGy", text);
    a->has_dose_unit = 1;
    return CLI_OK;
}

int dvh_args_resolve(dvh_args *a, const rtfrac_presets *p)
{
    for (size_t i = 0; i < a->nmaps; i++)
        if (rtfrac_presets_find_tissue(p, a->maps[i].tissue) == NULL) {
            cli_error("unknown tissue '%s' in --structure-tissue; see 'rtfrac presets list tissues'",
                      a->maps[i].tissue);
            return suggest_preset_hint(p, RTFRAC_PRESET_TISSUE, a->maps[i].tissue), CLI_EUSAGE;
        }
    for (size_t i = 0; i < a->nntcp; i++)
        if (rtfrac_presets_find_ntcp(p, a->ntcp[i].set) == NULL) {
            cli_error("unknown NTCP parameter set '%s'; see 'rtfrac presets list ntcp'", a->ntcp[i].set);
            return suggest_preset_hint(p, RTFRAC_PRESET_NTCP, a->ntcp[i].set), CLI_EUSAGE;
        }
    if (a->default_tissue_name != NULL) {
        a->tissue = rtfrac_presets_find_tissue(p, a->default_tissue_name);
        if (a->tissue == NULL) {
            cli_error("unknown tissue '%s'; see 'rtfrac presets list tissues'", a->default_tissue_name);
            return suggest_preset_hint(p, RTFRAC_PRESET_TISSUE, a->default_tissue_name), CLI_EUSAGE;
        }
    }
    return CLI_OK;
}

static int matches(const char *pattern, const char *name)
{
    return fnmatch(pattern, name, FNM_CASEFOLD) == 0;
}

int dvh_args_ntcp_applies(const dvh_args *a, const rtfrac_presets *p, size_t k, const char *name,
                          const rtfrac_tissue *ts)
{
    const rtfrac_ntcp_params *np = rtfrac_presets_find_ntcp(p, a->ntcp[k].set);
    return a->ntcp[k].pattern[0] ? matches(a->ntcp[k].pattern, name)
                                 : (np != NULL && ts != NULL && np->tissue[0] && strcmp(ts->id, np->tissue) == 0);
}

int dvh_args_ntcp_explicit(const dvh_args *a, const rtfrac_presets *p, const char *name, const rtfrac_tissue *ts)
{
    for (size_t k = 0; k < a->nntcp; k++)
        if (dvh_args_ntcp_applies(a, p, k, name, ts))
            return 1;
    return 0;
}

long dvh_args_map_index(const dvh_args *a, const char *name)
{
    for (size_t i = 0; i < a->nmaps; i++)
        if (matches(a->maps[i].pattern, name))
            return (long)i;
    return -1;
}

/* The tissue and alpha/beta of a structure, or 0 when none is known. */
static double structure_ab(const dvh_args *a, const rtfrac_presets *p, const char *name,
                           const rtfrac_tissue **tissue)
{
    *tissue = NULL;
    for (size_t i = 0; i < a->nmaps; i++)
        if (matches(a->maps[i].pattern, name)) {
            *tissue = rtfrac_presets_find_tissue(p, a->maps[i].tissue);
            return (*tissue)->alpha_beta_gy;
        }
    if (a->tissue != NULL) {
        *tissue = a->tissue;
        return a->tissue->alpha_beta_gy;
    }
    return a->ab_gy;
}


static int oom(void)
{
    cli_error("out of memory or a value out of range");
    return CLI_EFAIL;
}

/* One machine row of the long metrics table. */
static int long_row_bound(out_table *t, const char *kind, const rtfrac_dvh *d, const rtfrac_tissue *ts,
                          double ab, unsigned long n, const char *metric, const char *quantity, double v,
                          const char *unit, rtfrac_dvh_bound bound)
{
    long r = out_row(t);
    if (r < 0 || out_str(t, r, "kind", kind) || out_str(t, r, "bound", rtfrac_dvh_bound_name(bound)) || out_str(t, r, "structure", d->name) || (d->plan[0] && out_str(t, r, "plan", d->plan)) ||
        (ts && out_str(t, r, "tissue", ts->id)) || (ab > 0.0 && out_real(t, r, "alpha_beta_gy", ab)) ||
        (n && out_int(t, r, "fractions", (long long)n)) || out_str(t, r, "metric", metric) ||
        out_str(t, r, "quantity", quantity) || out_real(t, r, "value", v) || out_str(t, r, "unit", unit))
        return oom();
    return CLI_OK;
}

static int long_row_kind(out_table *t, const char *kind, const rtfrac_dvh *d, const rtfrac_tissue *ts,
                         double ab, unsigned long n, const char *metric, const char *quantity, double v,
                         const char *unit)
{
    return long_row_bound(t, kind, d, ts, ab, n, metric, quantity, v, unit, RTFRAC_DVH_EXACT);
}

/* A DVH metric row of the long table. */
static int long_row(out_table *t, const rtfrac_dvh *d, const rtfrac_tissue *ts, double ab,
                    unsigned long n, const char *metric, const char *quantity, double v,
                    const char *unit)
{
    return long_row_kind(t, "metric", d, ts, ab, n, metric, quantity, v, unit);
}

/* Where one structure's metrics go: the human cell and the machine row. */
typedef struct metric_out {
    out_table *wt, *lt;
    long wr;
    const rtfrac_dvh *d;
    const rtfrac_tissue *ts;
    double ab;
    unsigned long n;
    int precision;
} metric_out;

/* A metric on bins into wide column `col` (when col is not -1) and the long
 * table: a value the curve only bounds prints ">= 28.26" or "<= 25.00" in
 * text and md, and bound at-least or at-most in machine formats; one the
 * curve cannot give stays empty. */
static int put_metric(metric_out *o, size_t col, int wide, const metric_spec *m, const rtfrac_dvh_bins *b,
                      int want_cc, const char *quantity, const char *unit)
{
    double v = 0.0;
    rtfrac_dvh_bound bound;
    char num[OUT_REAL_TEXT_MAX], cell[OUT_REAL_TEXT_MAX + 4];
    if ((want_cc && !b->absolute) || rtfrac_dvh_metric_value(b, &m->lib, want_cc, &v, &bound) != RTFRAC_OK)
        return CLI_OK;
    out_real_fixed(num, sizeof(num), v, o->precision >= 0 ? o->precision : 2);
    snprintf(cell, sizeof(cell), "%s%s", bound == RTFRAC_DVH_AT_LEAST ? ">= " : bound == RTFRAC_DVH_AT_MOST ? "<= " : "",
             num);
    if ((wide && out_str_at(o->wt, o->wr, col, cell)) ||
        long_row_bound(o->lt, "metric", o->d, o->ts, o->ab, o->n, m->text, quantity, v, unit, bound))
        return oom();
    return CLI_OK;
}

/* How the model converted each structure: the bins' BED with their own
 * dose per fraction, the structure's repopulation term, clamped bins. */
static int note_model_bins(out_doc *doc, const dvh_loaded *l, const dvh_args *a)
{
    char desc[256];
    out_note(doc, "EQD2 is converted bin by bin under the model, each bin with its own dose per fraction D/n: the BED of n fractions of D/n Gy (with the model's high-dose, repair and time terms), then EQD2 with the same model; the mean EQD2 is the mean of the EQD2 distribution, not the EQD2 of the mean dose.");
    for (size_t i = 0; i < l->n; i++) {
        const rtfrac_plan_eval_structure *s = &l->s[i];
        rtfrac_effect e;
        int selected = a->nonly == 0;
        for (size_t k = 0; k < a->nonly; k++)
            selected |= matches(a->only[k], s->dvh->name);
        if (!selected || !s->has_eqd2)
            continue;
        /* the time term of every bin (a dose of 0 alone would be refused:
         * its BED is below zero once repopulation starts) */
        memset(&e, 0, sizeof(e));
        e.overall_time_days = s->info.overall_time_days;
        e.repopulation_gy = s->info.repopulation_gy;
        rtfrac_model_describe(&s->row.model, s->row.model.time ? &e : NULL, desc, sizeof(desc));
        if (s->row.time == RTFRAC_ROW_TIME_APPLIED)
            out_note(doc, "Structure %s: %s; K (T - Tk) = %.4g Gy subtracted from every bin's BED.", s->dvh->name,
                     desc, e.repopulation_gy);
        else if (s->row.time == RTFRAC_ROW_TIME_LATE_NONE)
            out_note(doc, "Structure %s: %s; no time correction: late-responding tissue does not repopulate during treatment (--tk and --dprolif are the tumour's).",
                     s->dvh->name, desc);
        else
            out_note(doc, "Structure %s: %s.", s->dvh->name, desc);
        if (s->info.clamped_bins > 0)
            out_note(doc, "Structure %s: %zu %s with volume would have a negative BED after the repopulation term; %s as BED 0 (EQD2 0).",
                     s->dvh->name, s->info.clamped_bins, cli_plural(s->info.clamped_bins, "bin", "bins"),
                     cli_plural(s->info.clamped_bins, "it counts", "they count"));
    }
    return CLI_OK;
}

int dvh_evaluate(const char *path, const dvh_args *a, const rtfrac_presets *p, out_doc *doc,
                 const char *out_dvh_path, const char *const *inputs, size_t ninputs)
{
    dvh_loaded l;
    int rc = dvh_load(path, a, p, NULL, 0, &l);
    if (rc == CLI_OK)
        rc = dvh_evaluate_loaded(path, &l, a, p, doc, out_dvh_path, inputs, ninputs);
    if (rc == CLI_OK)
        dvh_warn_lq_validity(&l, a);
    dvh_loaded_release(&l);
    return rc;
}

/* The converted DVH (--output-dvh): the cumulative curve at the bin edges
 * of each selected structure, written row by row through a table of one
 * row, so that no row per bin is kept (10^6 bins took 484 MB kept). */
typedef struct conv_ctx {
    out_table *ct;
    const dvh_loaded *l;
    const dvh_args *a;
    const size_t *sel;
    size_t nsel;
} conv_ctx;

static int conv_row(out_table *ct, const rtfrac_dvh *d, const rtfrac_tissue *ts, double ab, unsigned long fractions,
                    double lo, int have_e, double elo, double vol, int absolute)
{
    out_row_clear(ct, 0);
    return out_str(ct, 0, "structure", d->name) || (d->plan[0] && out_str(ct, 0, "plan", d->plan)) ||
                   (ts && out_str(ct, 0, "tissue", ts->id)) || (ab > 0.0 && out_real(ct, 0, "alpha_beta_gy", ab)) ||
                   (fractions && out_int(ct, 0, "fractions", (long long)fractions)) ||
                   out_real(ct, 0, "dose_gy", lo) || (have_e && out_real(ct, 0, "eqd2_gy", elo)) ||
                   out_real(ct, 0, "volume", fmax(0.0, vol)) || out_str(ct, 0, "volume_unit", absolute ? "cc" : "%")
               ? -1 : 0;
}

static int write_converted(FILE *fp, void *ctx)
{
    const conv_ctx *c = ctx;
    const out_opts copts = { OUT_CSV, -1 };
    if (out_write_sv_header(c->ct, fp, 0) < 0)
        return -1;
    for (size_t k = 0; k < c->nsel; k++) {
        const rtfrac_plan_eval_structure *ds = &c->l->s[c->sel[k]];
        const rtfrac_dvh_bins *b = &ds->physical, *e = &ds->eqd2;
        int have_e = ds->has_eqd2;
        double above = 0.0;
        for (size_t i = b->n; i-- > 0;)
            above += b->volume[i];
        for (size_t i = 0; i <= b->n; i++) {
            double lo = i < b->n ? b->lo_gy[i] : b->hi_gy[b->n - 1];
            double elo = have_e ? (i < e->n ? e->lo_gy[i] : e->hi_gy[e->n - 1]) : 0.0;
            double vol = b->absolute ? above : 100.0 * above / b->total_volume;
            /* what the running sum leaves below the noise floor is zero */
            if (vol < RTFRAC_DVH_NOISE_FLOOR * (b->absolute ? b->total_volume : 100.0))
                vol = 0.0;
            if (i == b->n && !(b->hi_gy[b->n - 1] > b->lo_gy[b->n - 1]))
                break;
            if (conv_row(c->ct, ds->dvh, ds->tissue, ds->alpha_beta_gy, c->a->fractions, lo, have_e, elo, vol,
                         b->absolute) < 0) {
                errno = ENOMEM;
                return -1;
            }
            if (out_write_sv_row(c->ct, 0, &copts, fp, 0) < 0)
                return -1;
            if (i < b->n)
                above -= b->volume[i];
        }
    }
    return 0;
}

static int plan_links_ntcp(const rtfrac_plan *plan)
{
    for (size_t i = 0; plan != NULL && i < plan->noars; i++)
        if (plan->oars[i].ntcp[0] != '\0')
            return 1;
    return 0;
}

typedef struct ntcp_out {
    out_doc *doc;
    out_table *nt, *lt;
    const dvh_args *a;
    const rtfrac_presets *p;
} ntcp_out;

/* One NTCP row (human table and two long rows) of set np on structure ds,
 * and the note with the set's endpoint, fractionation of the fit and source. */
static int put_ntcp(const ntcp_out *o, const rtfrac_plan_eval_structure *ds, const rtfrac_ntcp_params *np)
{
    const rtfrac_dvh *d = ds->dvh;
    const rtfrac_tissue *ts = ds->tissue;
    double ab = ds->alpha_beta_gy, ntcp = 0.0, deff = 0.0;
    out_table *nt = o->nt, *lt = o->lt;
    if (!ds->has_eqd2)
        return cli_error("NTCP '%s' for structure '%s' needs its EQD2 DVH: %s", np->id, d->name,
                         o->a->no_eqd2_hint ? o->a->no_eqd2_hint
                                            : "give --fractions and the structure's alpha/beta (--structure-tissue, --tissue or --ab)");
    double x = np->reference_dose_per_fraction_gy;
    if (rtfrac_dvh_ntcp_lkb_eqdx(&ds->eqd2, ab, x, np->td50_gy, np->m, np->n, &ntcp, &deff) != RTFRAC_OK)
        return cli_error("cannot compute NTCP '%s' for structure '%s'%s", np->id, d->name,
                         !d->complete_low || !d->complete_high ? ": its curve is partial, so D_eff is not known" : "");
    char basis[32], quantity[40]; /* "EQD2", "EQD1.5": the DVH D_eff is taken on */
    snprintf(basis, sizeof(basis), "EQD%g", x);
    snprintf(quantity, sizeof(quantity), "deff_eqd%g", x);
    long r = out_row(nt);
    if (r < 0 || out_str(nt, r, "structure", d->name) || (d->plan[0] && out_str(nt, r, "plan", d->plan)) ||
        out_str(nt, r, "ntcp_set", np->id) || out_real(nt, r, "td50_gy", np->td50_gy) ||
        out_real(nt, r, "m", np->m) || out_real(nt, r, "n", np->n) || out_real(nt, r, "alpha_beta_gy", ab) ||
        out_str(nt, r, "deff_basis", basis) || out_real(nt, r, "deff_gy", deff) || out_real(nt, r, "ntcp", ntcp) ||
        out_real(nt, r, "ntcp_percent", 100.0 * ntcp) ||
        long_row_kind(lt, "ntcp", d, ts, ab, o->a->fractions, np->id, quantity, deff, "Gy") ||
        long_row_kind(lt, "ntcp", d, ts, ab, o->a->fractions, np->id, "ntcp", 100.0 * ntcp, "%"))
        return oom();
    out_note(o->doc, "NTCP set %s: %s; endpoint: %s; fitted in: %s; source: %s.", np->id, np->name, np->endpoint,
             np->fractionation[0] ? np->fractionation : "not stated", np->source);
    if (np->has_reference_dose_per_fraction)
        out_note(o->doc, "NTCP set %s was fitted on DVHs at %g Gy per fraction (its reference_dose_per_fraction): "
                 "D_eff of '%s' is taken on the DVH in %s, each EQD2 bin times (2 + a/b) / (%g + a/b) at a/b %g Gy.",
                 np->id, x, d->name, basis, x, ab);
    return CLI_OK;
}

/* The plan's NTCP link for structure ds, as the library decides it
 * (rtfrac_plan_eval_ntcp_link): applied, overridden by --ntcp, or none. */
static int plan_ntcp(const ntcp_out *o, const rtfrac_plan_eval_structure *ds)
{
    const rtfrac_dvh *d = ds->dvh;
    const rtfrac_plan *plan = o->a->plan;
    rtfrac_plan_ntcp_link link;
    int rc, explicit_choice = dvh_args_ntcp_explicit(o->a, o->p, d->name, ds->tissue);
    if (rtfrac_plan_eval_ntcp_link(o->p, plan, d->name, ds->tissue, explicit_choice, &link) != RTFRAC_OK)
        return cli_error("cannot find the NTCP set that plan '%s' links to structure '%s'", plan->id, d->name);
    if (link.from == RTFRAC_PLAN_NTCP_OPTION && link.oar != NULL)
        out_note(o->doc, "Structure '%s': --ntcp overrides the NTCP set %s that plan %s links to %s (%s:%u).", d->name,
                 link.oar->ntcp, plan->id, link.oar->label, link.oar->ntcp_origin.file, link.oar->ntcp_origin.line);
    if (link.from != RTFRAC_PLAN_NTCP_PLAN)
        return CLI_OK;
    double ntcp, deff;
    if (!ds->has_eqd2 || rtfrac_dvh_ntcp_lkb_eqdx(&ds->eqd2, ds->alpha_beta_gy, link.set->reference_dose_per_fraction_gy,
                                                  link.set->td50_gy, link.set->m, link.set->n, &ntcp, &deff) != RTFRAC_OK) {
        /* a set the user did not ask for does not stop the report: said, not computed */
        const char *why = !ds->has_eqd2 ? "it has no EQD2 DVH" : "its curve is partial, so D_eff is not known";
        cli_warn("NTCP set %s (from plan %s) not computed for structure '%s': %s", link.set->id, plan->id, d->name, why);
        out_note(o->doc, "NTCP set %s from plan %s not computed for structure '%s': %s.", link.set->id, plan->id,
                 d->name, why);
        return CLI_OK;
    }
    if ((rc = put_ntcp(o, ds, link.set)) != CLI_OK)
        return rc;
    out_note(o->doc, "NTCP set %s from plan %s (organ at risk %s, %s:%u); --ntcp '%s=SET' overrides it.", link.set->id,
             plan->id, link.oar->label, link.oar->ntcp_origin.file, link.oar->ntcp_origin.line, d->name);
    return CLI_OK;
}

int dvh_evaluate_loaded(const char *path, const dvh_loaded *l, const dvh_args *a, const rtfrac_presets *p,
                        out_doc *doc, const char *out_dvh_path, const char *const *inputs, size_t ninputs)
{
    int rc = CLI_OK;
    char headers[METRICS_MAX * 4][64]; /* copied by out_doc_table */
    size_t nh = 0;
    out_doc conv;

    out_doc_init(&conv, "dvh");
    /* machine formats: one long table for every output (kind "metric" or
     * "ntcp"), so that a csv holds one table */
    static const out_col long_cols[] = {
        { "kind", "Kind", OUT_STR, 0 }, { "bound", "Bound", OUT_STR, 0 },
        { "structure", "Structure", OUT_STR, 0 }, { "plan", "Plan", OUT_STR, 0 },
        { "tissue", "Tissue", OUT_STR, 0 },       { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN },
        { "fractions", "Fractions", OUT_INT, 0 }, { "metric", "Metric", OUT_STR, 0 },
        { "quantity", "Quantity", OUT_STR, 0 },   { "value", "Value", OUT_REAL, 0 },
        { "unit", "Unit", OUT_STR, 0 },
    };
    out_table *lt = out_doc_table(doc, "metrics", NULL, long_cols, sizeof(long_cols) / sizeof(long_cols[0]));
    out_col wide[8 + METRICS_MAX * 4];
    size_t nw = 0;
    wide[nw++] = (out_col){ "structure", "Structure", OUT_STR, 0 };
    wide[nw++] = (out_col){ "plan", "Plan", OUT_STR, OUT_HIDE_EMPTY };
    wide[nw++] = (out_col){ "tissue", "Tissue", OUT_STR, OUT_HIDE_EMPTY };
    wide[nw++] = (out_col){ "alpha_beta_gy", "a/b (Gy)", OUT_REAL, OUT_AS_GIVEN };
    wide[nw++] = (out_col){ "volume_cc", "Volume (cc)", OUT_REAL, OUT_HIDE_EMPTY };
    wide[nw++] = (out_col){ "header_mean_gy", "File's mean (Gy)", OUT_REAL, OUT_HIDE_EMPTY };
    wide[nw++] = (out_col){ "header_max_gy", "File's max (Gy)", OUT_REAL, OUT_HIDE_EMPTY };
    enum { WIDE_FIXED = 7 }; /* then one column per headers[h], set by index */
    assert(nw == WIDE_FIXED);
    for (size_t i = 0; i < a->nmetrics; i++) {
        const metric_spec *m = &a->metrics[i];
        int vol = m->lib.kind == RTFRAC_METRIC_V_GY;
        /* V<x>Gy: % first (or cc alone for [cc]), then cc too unless [%] */
        const char *unit1 = !vol ? "Gy" : m->want_percent ? "%" : "cc";
        snprintf(headers[nh], sizeof(headers[nh]), "%s (%s)", m->text, unit1);
        wide[nw++] = (out_col){ headers[nh], headers[nh], OUT_STR, OUT_NUMERIC };
        nh++;
        if (vol && m->want_percent && m->want_cc) {
            snprintf(headers[nh], sizeof(headers[nh]), "%s (cc)", m->text);
            wide[nw++] = (out_col){ headers[nh], headers[nh], OUT_STR, OUT_HIDE_EMPTY | OUT_NUMERIC };
            nh++;
        }
        snprintf(headers[nh], sizeof(headers[nh]), "%s EQD2 (%s)", m->text, unit1);
        wide[nw++] = (out_col){ headers[nh], headers[nh], OUT_STR, OUT_HIDE_EMPTY | OUT_NUMERIC };
        nh++;
    }
    out_table *wt = out_doc_table(doc, "wide", NULL, wide, nw);
    static const out_col ntcp_cols[] = {
        { "structure", "Structure", OUT_STR, 0 },
        { "plan", "Plan", OUT_STR, OUT_HIDE_EMPTY },
        { "ntcp_set", "NTCP set", OUT_STR, 0 },
        { "td50_gy", "TD50 (Gy)", OUT_REAL, OUT_AS_GIVEN },
        { "m", "m", OUT_REAL, OUT_AS_GIVEN },
        { "n", "n", OUT_REAL, OUT_AS_GIVEN },
        { "alpha_beta_gy", "a/b (Gy)", OUT_REAL, OUT_AS_GIVEN },
        { "deff_basis", "D_eff on", OUT_STR, 0 },
        { "deff_gy", "D_eff (Gy)", OUT_REAL, 0 },
        { "ntcp", "NTCP", OUT_REAL, OUT_MACHINE_ONLY },
        { "ntcp_percent", "NTCP (%)", OUT_REAL, 0 },
    };
    out_table *nt = a->nntcp || plan_links_ntcp(a->plan) ? out_doc_table(doc, "ntcp", "NTCP (Lyman-Kutcher-Burman, on the DVH in EQD2 or the set's reference dose per fraction)",
                                             ntcp_cols, sizeof(ntcp_cols) / sizeof(ntcp_cols[0]))
                             : NULL;
    static const out_col conv_cols[] = {
        { "structure", "", OUT_STR, 0 }, { "plan", "", OUT_STR, 0 }, { "tissue", "", OUT_STR, 0 },
        { "alpha_beta_gy", "", OUT_REAL, OUT_AS_GIVEN }, { "fractions", "", OUT_INT, 0 },
        { "dose_gy", "", OUT_REAL, 0 }, { "eqd2_gy", "", OUT_REAL, 0 },
        { "volume", "", OUT_REAL, 0 }, { "volume_unit", "", OUT_STR, 0 },
    };
    out_table *ct = out_dvh_path ? out_doc_table(&conv, "dvh", NULL, conv_cols, 9) : NULL;
    size_t *conv_sel = ct != NULL ? malloc((l->n ? l->n : 1) * sizeof(*conv_sel)) : NULL, conv_n = 0;
    if (lt == NULL || wt == NULL || ((a->nntcp || plan_links_ntcp(a->plan)) && nt == NULL) || (out_dvh_path && (ct == NULL || conv_sel == NULL ||
                                                                                    out_row(ct) < 0))) {
        rc = oom();
        goto done;
    }
    lt->flags = OUT_TABLE_MACHINE_ONLY;
    wt->flags = OUT_TABLE_HUMAN_ONLY;
    ntcp_out no = { doc, nt, lt, a, p };
    if (nt != NULL)
        nt->flags = OUT_TABLE_HUMAN_ONLY; /* machine formats: rows of kind "ntcp" in the long table */

    size_t evaluated = 0, missing_ab = 0;
    for (size_t s = 0; s < l->n; s++) {
        const rtfrac_plan_eval_structure *ds = &l->s[s];
        const rtfrac_dvh *d = ds->dvh;
        int selected = a->nonly == 0;
        for (size_t i = 0; i < a->nonly; i++)
            selected |= matches(a->only[i], d->name);
        if (!selected)
            continue;
        const rtfrac_tissue *ts = ds->tissue;
        double ab = ds->alpha_beta_gy;
        const rtfrac_dvh_bins *b = &ds->physical, *e = &ds->eqd2;
        rtfrac_dvh_stats sp, se;
        int have_e = ds->has_eqd2;
        if (!have_e)
            missing_ab++;
        rtfrac_dvh_stats_of(b, &sp);
        if (have_e)
            rtfrac_dvh_stats_of(e, &se);
        evaluated++;
        long wr = out_row(wt);
        if (wr < 0 || out_str(wt, wr, "structure", d->name) || (d->plan[0] && out_str(wt, wr, "plan", d->plan)) ||
            (ts && out_str(wt, wr, "tissue", ts->id)) || (ab > 0.0 && out_real(wt, wr, "alpha_beta_gy", ab)) ||
            (b->absolute && out_real(wt, wr, "volume_cc", b->total_volume)) ||
            (d->has_header_mean_dose && out_real(wt, wr, "header_mean_gy", d->header_mean_dose_gy)) ||
            (d->has_header_max_dose && out_real(wt, wr, "header_max_gy", d->header_max_dose_gy)))
            goto oom;
        if (b->absolute && long_row(lt, d, ts, ab, a->fractions, "volume", "physical", b->total_volume, "cc"))
            goto oom;
        /* the file header's own statistics, shown beside what rtfrac computes */
        struct { int has; const char *metric; double v; const char *unit; } hdr[] = {
            { d->has_header_min_dose, "min", d->header_min_dose_gy, "Gy" },
            { d->has_header_mean_dose, "mean", d->header_mean_dose_gy, "Gy" },
            { d->has_header_median_dose, "median", d->header_median_dose_gy, "Gy" },
            { d->has_header_max_dose, "max", d->header_max_dose_gy, "Gy" },
            { d->has_header_volume, "volume", d->header_volume_cc, "cc" },
        };
        for (size_t k = 0; k < sizeof(hdr) / sizeof(hdr[0]); k++)
            if (hdr[k].has && long_row_kind(lt, "header", d, ts, ab, a->fractions, hdr[k].metric, "physical",
                                            hdr[k].v, hdr[k].unit))
                goto oom;
        metric_out mo = { wt, lt, wr, d, ts, ab, a->fractions, a->precision };
        if (!d->complete_low || !d->complete_high)
            out_note(doc, "Structure '%s'%s%s: its curve %s%s%s; what the curve cannot give is shown as a bound (>= or <=) or left out%s.",
                     d->name, d->plan[0] ? " of " : "", d->plan,
                     d->complete_low ? "" : "does not start at the full volume (the low-dose part is missing)",
                     !d->complete_low && !d->complete_high ? " and " : "",
                     d->complete_high ? "" : "ends above zero volume (the high-dose tail is missing)",
                     d->has_header_max_dose || d->has_header_mean_dose || d->has_header_min_dose
                         ? "; the file header's statistics close it where they can" : "");
        size_t h = 0;
        for (size_t i = 0; i < a->nmetrics; i++) {
            const metric_spec *m = &a->metrics[i];
            int vol = m->lib.kind == RTFRAC_METRIC_V_GY, cc1 = vol && !m->want_percent, both = vol && m->want_percent && m->want_cc;
            const char *unit1 = !vol ? "Gy" : cc1 ? "cc" : "%";
            if ((rc = put_metric(&mo, WIDE_FIXED + h++, 1, m, b, cc1, "physical", unit1)) != CLI_OK ||
                (both && (rc = put_metric(&mo, WIDE_FIXED + h++, 1, m, b, 1, "physical", "cc")) != CLI_OK) ||
                (have_e && (rc = put_metric(&mo, WIDE_FIXED + h, 1, m, e, cc1, "eqd2", unit1)) != CLI_OK) ||
                (both && have_e && (rc = put_metric(&mo, 0, 0, m, e, 1, "eqd2", "cc")) != CLI_OK))
                goto done;
            h++;
        }
        /* NTCP on the EQD2 DVH (EQDX at a set's reference dose per fraction): the --ntcp sets, else the plan's link */
        for (size_t k = 0; k < a->nntcp; k++)
            if (dvh_args_ntcp_applies(a, p, k, d->name, ts) &&
                (rc = put_ntcp(&no, ds, rtfrac_presets_find_ntcp(p, a->ntcp[k].set))) != CLI_OK)
                goto done;
        if (a->plan != NULL && (rc = plan_ntcp(&no, ds)) != CLI_OK)
            goto done;
        if (ct != NULL)
            conv_sel[conv_n++] = s; /* written at the end, bin by bin (write_converted) */
    }
    /* structures the file holds but the reader could not read: listed, an
     * error only when the user selected one by name */
    for (size_t i = 0; i < l->set->nunread; i++) {
        const rtfrac_dvh *u = &l->set->unread[i];
        for (size_t k = 0; k < a->nonly; k++)
            if (matches(a->only[k], u->name) && strpbrk(a->only[k], "*?[") == NULL) {
                rc = cli_error("structure '%s' in '%s' cannot be evaluated: %s (%s)", u->name, path,
                               rtfrac_dvh_status_name(u->status), u->reason);
                goto done;
            }
        out_note(doc, "Structure '%s'%s%s not read: %s%s%s.", u->name, u->plan[0] ? " of " : "", u->plan,
                 rtfrac_dvh_status_name(u->status), u->reason[0] ? ", " : "", u->reason);
    }
    if (nt != NULL && nt->nrows == 0)
        nt->flags = OUT_TABLE_HUMAN_ONLY | OUT_TABLE_MACHINE_ONLY; /* a plan link no structure took: no table */
    if (evaluated == 0) {
        rc = cli_error("no structure of '%s' matches --structure", path);
        goto done;
    }
    out_note(doc, "DVH file %s (%s format, %zu %s); doses in Gy.", path,
             rtfrac_dvh_format_name(l->set->format), l->set->n, cli_plural(l->set->n, "structure", "structures"));
    if (a->ma == NULL || model_args_plain(a->ma))
        out_note(doc, "EQD2 is converted bin by bin, each bin with its own dose per fraction D/n: EQD2(D) = D (D/n + alpha/beta) / (2 + alpha/beta); the mean EQD2 is the mean of the EQD2 distribution, not the EQD2 of the mean dose.");
    else if ((rc = note_model_bins(doc, l, a)) != CLI_OK)
        goto done;
    out_note(doc, "Dx%% is the minimum dose to the hottest x %% of the volume, Dxcc to the hottest x cc, VxGy the volume receiving at least x Gy; doses between the file's points are interpolated linearly.");
    if (missing_ab > 0)
        out_note(doc, "%zu %s no EQD2: %s.", missing_ab, cli_plural(missing_ab, "structure has", "structures have"),
                 a->no_eqd2_hint ? a->no_eqd2_hint
                                 : "give --fractions and an alpha/beta (--ab, --tissue or --structure-tissue 'NAME=TISSUE')");
    if (a->fractions > 0 && (a->ab_gy > 0.0 || a->tissue || a->nmaps || a->nother_tissues))
        out_note(doc, "EQD2 for %lu %s.", a->fractions, cli_plural(a->fractions, "fraction", "fractions"));
    if (ct != NULL) {
        conv_ctx cc = { ct, l, a, conv_sel, conv_n };
        if ((rc = cli_write_file(out_dvh_path, inputs, ninputs, p, write_converted, &cc)) != CLI_OK)
            goto done;
        out_note(doc, "Converted DVH written to %s (cumulative; columns structure, plan, tissue, alpha_beta_gy, fractions, dose_gy, eqd2_gy, volume, volume_unit).",
                 out_dvh_path);
    }
    goto done;
oom:
    rc = oom();
done:
    free(conv_sel);
    out_doc_release(&conv);
    return rc;
}

/* Each --structure-tissue pattern names at least one structure of the file:
 * one that matches nothing is a typo or the wrong file, and silence would
 * leave the structure without its tissue.  The error lists the names. */
static int check_maps(const char *path, const dvh_args *a, const rtfrac_dvh_set *set)
{
    for (size_t m = 0; m < a->nmaps; m++) {
        int hit = 0;
        for (size_t i = 0; i < set->n && !hit; i++)
            hit = matches(a->maps[m].pattern, set->dvhs[i].name);
        if (hit)
            continue;
        size_t size = 1;
        for (size_t i = 0; i < set->n; i++)
            size += strlen(set->dvhs[i].name) + 2;
        char *names = malloc(size);
        if (names == NULL)
            return oom();
        names[0] = '\0';
        for (size_t i = 0; i < set->n; i++) {
            int seen = 0; /* a plan's and a plan sum's structure of one name, once */
            for (size_t k = 0; k < i && !seen; k++)
                seen = strcmp(set->dvhs[k].name, set->dvhs[i].name) == 0;
            if (!seen)
                strcat(strcat(names, names[0] ? ", " : ""), set->dvhs[i].name);
        }
        int rc = cli_error("no structure of '%s' matches '%s' in --structure-tissue; the file's structures: %s",
                           path, a->maps[m].pattern, names[0] ? names : "(none)");
        free(names);
        return rc;
    }
    return CLI_OK;
}

int dvh_read_set(const char *path, const dvh_args *a, rtfrac_dvh_set **out)
{
    rtfrac_diag diag;
    rtfrac_diag_clear(&diag);
    *out = NULL;
    rtfrac_dvh_read_options opts;
    rtfrac_dvh_read_options_init(&opts);
    opts.format = a->format;
    opts.has_dose_unit = a->has_dose_unit;
    opts.gy_per_unit = a->gy_per_unit;
    int st = rtfrac_dvh_read_with(path, &opts, out, &diag);
    if (st == RTFRAC_EPARSE)
        return cli_diag_error("DVH file", path, &diag);
    if (st != RTFRAC_OK) {
        cli_error("cannot read DVH file '%s': %s", path, diag.message[0] ? diag.message : rtfrac_strerror(st));
        return st == RTFRAC_EIO || st == RTFRAC_ENOMEM ? CLI_EFAIL : CLI_EUSAGE; /* unreadable: a runtime failure */
    }
    if (a->has_dose_unit && (*out)->format != RTFRAC_DVH_FORMAT_DICOMTOOLS) {
        int rc = cli_error("--dose-unit is for files that state no dose unit (dicom_tools WriteDVH); '%s' (%s) states its own",
                           path, rtfrac_dvh_format_name((*out)->format));
        rtfrac_dvh_set_free(*out);
        *out = NULL;
        return rc;
    }
    int rc = check_maps(path, a, *out);
    if (rc != CLI_OK) {
        rtfrac_dvh_set_free(*out);
        *out = NULL;
    }
    return rc;
}

int dvh_structure_tissues(const dvh_args *a, const rtfrac_presets *p, const rtfrac_dvh_set *set,
                          const rtfrac_tissue ***out)
{
    const rtfrac_tissue **t = calloc(set->n ? set->n : 1, sizeof(*t));
    if (t == NULL)
        return oom();
    for (size_t i = 0; i < set->n; i++)
        structure_ab(a, p, set->dvhs[i].name, &t[i]);
    *out = t;
    return CLI_OK;
}

int dvh_load(const char *path, const dvh_args *a, const rtfrac_presets *p, const rtfrac_calendar *calendar,
             unsigned calendar_has, dvh_loaded *out)
{
    const rtfrac_tissue **tissues = NULL;
    memset(out, 0, sizeof(*out));
    int rc = dvh_read_set(path, a, &out->set);
    if (rc != CLI_OK || (rc = dvh_structure_tissues(a, p, out->set, &tissues)) != CLI_OK)
        return rc;
    out->owned = calloc(out->set->n ? out->set->n : 1, sizeof(*out->owned));
    if (out->owned == NULL) {
        free(tissues);
        return oom();
    }
    out->s = out->owned;
    for (size_t i = 0; i < out->set->n && rc == CLI_OK; i++) {
        rtfrac_diag diag;
        rtfrac_diag_clear(&diag);
        const rtfrac_dvh *d = &out->set->dvhs[i];
        int st = rtfrac_plan_eval_structure_eval(a->ma ? &a->ma->o : NULL, d, tissues[i],
                                                 tissues[i] ? 0.0 : a->ab_gy, a->fractions, calendar,
                                                 calendar_has, &out->owned[i], &diag);
        if (st == RTFRAC_OK) {
            out->n++;
            if (a->ma != NULL && out->owned[i].has_eqd2 && out->owned[i].row.model.calendar.per_day > 1)
                a->ma->rows_several_a_day++; /* the options used (model_args_check_used) */
        }
        else if (st == RTFRAC_ENOMEM)
            rc = oom();
        else /* the library's message names the structure and says why */
            rc = cli_error("%s:%u: %s", path, d->line, diag.message[0] ? diag.message : rtfrac_strerror(st));
    }
    free(tissues);
    return rc;
}

void dvh_warn_lq_validity(const dvh_loaded *l, const dvh_args *a)
{
    if (a->ma != NULL && a->ma->o.kind != RTFRAC_MODEL_LQ)
        return;
    for (size_t i = 0; i < l->n; i++) {
        const rtfrac_plan_eval_structure *s = &l->s[i];
        if (s->has_eqd2 && s->info.max_dose_per_fraction_gy > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY)
            cli_warn("structure '%s': bins with volume reach %.4g Gy per fraction, above %g Gy; the linear-quadratic model is uncertain at these doses per fraction (see --model lql or usc)",
                     s->dvh->name, s->info.max_dose_per_fraction_gy, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
    }
}

void dvh_loaded_release(dvh_loaded *l)
{
    for (size_t i = 0; l->owned != NULL && i < l->n; i++)
        rtfrac_plan_eval_structure_release(&l->owned[i]);
    free(l->owned);
    rtfrac_dvh_set_free(l->set);
    memset(l, 0, sizeof(*l));
}
