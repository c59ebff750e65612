/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "args.h"
#include "suggest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "opts.h"

int trim_copy(const char *arg, char *buf, size_t size)
{
    while (*arg == ' ' || *arg == '\t')
        arg++;
    size_t n = strlen(arg);
    while (n > 0 && (arg[n - 1] == ' ' || arg[n - 1] == '\t'))
        n--;
    snprintf(buf, size, "%.*s", (int)n, arg);
    return n < size ? 0 : -1;
}

int cli_parse_ab(const char *option, const char *whole, const char *text, double *out)
{
    rtfrac_diag d;
    double v = 0.0;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse_quantity(text, RTFRAC_QTY_DOSE_GY, &v, &d) != RTFRAC_OK)
        return cli_diag_error(option, whole, &d);
    if (!(v >= RTFRAC_ALPHA_BETA_MIN_GY && v <= RTFRAC_ALPHA_BETA_MAX_GY))
        return cli_error("alpha/beta in %s '%s' is out of range; accepted: %g to %g Gy", option, whole,
                         RTFRAC_ALPHA_BETA_MIN_GY, RTFRAC_ALPHA_BETA_MAX_GY);
    *out = v;
    return CLI_OK;
}

/* One "est" or "est:low:high" value in Gy; `at` is its offset in `whole`. */
static int parse_ab_item(const char *option, const char *whole, size_t at, char *item,
                         ab_entry *out)
{
    char *parts[3];
    size_t np = 0, offs[3];
    char *p = item;
    parts[np] = p;
    offs[np++] = at;
    for (; *p; p++) {
        if (*p == ':') {
            *p = '\0';
            if (np == 3)
                return cli_error("too many ':' in %s '%s'; write ESTIMATE:LOW:HIGH, e.g. 1.5:0.8:2.2",
                                 option, whole);
            parts[np] = p + 1;
            offs[np++] = at + (size_t)(p + 1 - item);
        }
    }
    if (np == 2)
        return cli_error("an interval in %s '%s' needs three values, ESTIMATE:LOW:HIGH, e.g. 1.5:0.8:2.2",
                         option, whole);
    double v[3] = { 0.0, 0.0, 0.0 };
    for (size_t i = 0; i < np; i++) {
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        if (parts[i][0] == '\0') {
            d.column = rtfrac_num_utf8_width(whole, offs[i]) + 1;
            snprintf(d.message, sizeof(d.message),
                     "empty value; separate values with ',' and write decimals with '.', e.g. '1.5,3,10'");
            return cli_diag_error(option, whole, &d);
        }
        if (rtfrac_num_parse_quantity(parts[i], RTFRAC_QTY_DOSE_GY, &v[i], &d) != RTFRAC_OK) {
            d.column += rtfrac_num_utf8_width(whole, offs[i]);
            return cli_diag_error(option, whole, &d);
        }
        if (!(v[i] > 0.0)) {
            d.column = rtfrac_num_utf8_width(whole, offs[i]) + 1;
            snprintf(d.message, sizeof(d.message), "value must be greater than 0 Gy");
            return cli_diag_error(option, whole, &d);
        }
    }
    if (v[0] < RTFRAC_ALPHA_BETA_MIN_GY || v[0] > RTFRAC_ALPHA_BETA_MAX_GY ||
        (np == 3 && (v[1] < RTFRAC_ALPHA_BETA_BOUND_MIN_GY || v[2] > RTFRAC_ALPHA_BETA_BOUND_MAX_GY)))
        return cli_error("alpha/beta in %s '%s' is out of range; accepted: %g to %g Gy (interval ends %g to %g Gy)",
                         option, whole, RTFRAC_ALPHA_BETA_MIN_GY, RTFRAC_ALPHA_BETA_MAX_GY,
                         RTFRAC_ALPHA_BETA_BOUND_MIN_GY, RTFRAC_ALPHA_BETA_BOUND_MAX_GY);
    memset(out, 0, sizeof(*out));
    out->ab_gy = v[0];
    out->from = RTFRAC_ROW_AB_GIVEN;
    if (np == 3) {
        if (!(v[1] <= v[0] && v[0] <= v[2]))
            return cli_error("the interval %g to %g Gy in %s '%s' does not contain the estimate %g Gy; write ESTIMATE:LOW:HIGH",
                             v[1], v[2], option, whole, v[0]);
        out->interval.has = 1;
        out->interval.low = v[1];
        out->interval.high = v[2];
    }
    return CLI_OK;
}

int ab_list_add_values(ab_list *l, const char *option, const char *text)
{
    size_t len = strlen(text), start = 0;
    char *copy = malloc(len + 1);
    int rc = CLI_OK;
    if (copy == NULL)
        return cli_error("out of memory");
    memcpy(copy, text, len + 1);
    for (;;) {
        size_t end = start;
        while (copy[end] != '\0' && copy[end] != ',')
            end++;
        char saved = copy[end];
        copy[end] = '\0';
        if (l->n == AB_MAX) {
            rc = cli_error("too many alpha/beta values and tissues (at most %d)", AB_MAX);
            break;
        }
        if ((rc = parse_ab_item(option, text, start, copy + start, &l->e[l->n])) != CLI_OK)
            break;
        l->n++;
        if (saved == '\0')
            break;
        start = end + 1;
    }
    free(copy);
    return rc;
}

int ab_list_has_interval(const ab_list *l)
{
    for (size_t k = 0; k < l->n; k++)
        if (l->e[k].interval.has)
            return 1;
    return 0;
}

void ab_list_add_defaults(ab_list *l, const model_args *ma, int tumour, int late)
{
    if (ma->o.kind == RTFRAC_MODEL_USC) {
        rtfrac_model m;
        rtfrac_model_init(&m);
        m.kind = RTFRAC_MODEL_USC;
        m.d0_gy = ma->o.d0_gy;
        m.dq_gy = ma->o.dq_gy;
        m.alpha_per_gy = ma->o.alpha_per_gy;
        memset(&l->e[l->n], 0, sizeof(l->e[0]));
        l->e[l->n].from = RTFRAC_ROW_AB_USC;
        (void)rtfrac_model_usc_alpha_beta(&m, &l->e[l->n].ab_gy); /* checked by model_args_finish */
        l->n++;
        return;
    }
    if (tumour) {
        memset(&l->e[l->n], 0, sizeof(l->e[0]));
        l->e[l->n].ab_gy = RTFRAC_ROW_DEFAULT_TUMOUR_AB_GY;
        l->e[l->n].from = RTFRAC_ROW_AB_DEFAULT_TUMOUR;
        l->n++;
    }
    if (late) {
        memset(&l->e[l->n], 0, sizeof(l->e[0]));
        l->e[l->n].ab_gy = RTFRAC_ROW_DEFAULT_LATE_AB_GY;
        l->e[l->n].from = RTFRAC_ROW_AB_DEFAULT_LATE;
        l->n++;
    }
}

int ab_list_add_tissues(ab_list *l, const char *option, char *text)
{
    char *save = NULL;
    size_t len = strlen(text);
    if (len == 0 || text[0] == ',' || text[len - 1] == ',' || strstr(text, ",,"))
        return cli_error("empty tissue name in %s '%s'; separate names with ',', e.g. %s hcc,liver",
                         option, text, option);
    for (char *tok = strtok_r(text, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        if (l->n == AB_MAX)
            return cli_error("too many alpha/beta values and tissues (at most %d)", AB_MAX);
        l->e[l->n].ab_gy = 0.0;
        l->e[l->n].tissue_name = tok;
        l->e[l->n].tissue = NULL;
        l->n++;
    }
    l->tissues = 1;
    return CLI_OK;
}

ab_entry ab_entry_of_tissue(const rtfrac_tissue *t, int use_ci)
{
    ab_entry e;
    memset(&e, 0, sizeof(e));
    e.ab_gy = t->alpha_beta_gy;
    e.from = RTFRAC_ROW_AB_TISSUE;
    e.tissue = t;
    if (use_ci && (t->has & RTFRAC_TISSUE_HAS_AB_INTERVAL)) {
        e.interval.has = 1;
        e.interval.low = t->alpha_beta_low_gy;
        e.interval.high = t->alpha_beta_high_gy;
    }
    return e;
}

int ab_list_resolve(ab_list *l, const rtfrac_presets *p, int use_ci)
{
    for (size_t k = 0; k < l->n; k++) {
        if (l->e[k].tissue_name == NULL)
            continue;
        const rtfrac_tissue *t = rtfrac_presets_find_tissue(p, l->e[k].tissue_name);
        if (t == NULL) {
            cli_error("unknown tissue '%s'; see 'rtfrac presets list tissues'", l->e[k].tissue_name);
            suggest_preset_hint(p, RTFRAC_PRESET_TISSUE, l->e[k].tissue_name);
            return CLI_EUSAGE;
        }
        const char *name = l->e[k].tissue_name;
        l->e[k] = ab_entry_of_tissue(t, use_ci);
        l->e[k].tissue_name = name;
    }
    return CLI_OK;
}

/* The body after an optional "LABEL=", skipping spaces. */
static const char *rx_body(const char *arg, const char **eq)
{
    *eq = strchr(arg, '=');
    const char *body = *eq ? *eq + 1 : arg;
    while (*body == ' ' || *body == '\t')
        body++;
    return body;
}

int rx_arg_parse(const char *arg, const char *what, rx_arg *out)
{
    const char *eq;
    memset(out, 0, sizeof(*out));
    out->arg = arg;
    if (*rx_body(arg, &eq) == '@') {
        out->is_scheme = 1;
        return CLI_OK;
    }
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_rx_parse(arg, &out->rx, &d) != RTFRAC_OK)
        return cli_diag_error(what, arg, &d);
    if (out->rx.label[0] == '\0')
        (void)trim_copy(arg, out->rx.label, sizeof(out->rx.label)); /* a display label; rx_parse bounds it */
    return CLI_OK;
}

int rx_arg_resolve(rx_arg *a, const rtfrac_presets *p)
{
    const char *eq;
    char name[RTFRAC_PRESET_ID_MAX + 8];
    if (!a->is_scheme)
        return CLI_OK;
    if (trim_copy(rx_body(a->arg, &eq) + 1, name, sizeof(name)) != 0)
        return cli_error("scheme name in '%.60s...' is too long; scheme ids are at most %d characters", a->arg,
                         RTFRAC_PRESET_ID_MAX - 1);
    a->scheme = rtfrac_presets_find_scheme(p, name);
    if (a->scheme == NULL) {
        cli_error("unknown scheme '@%s' in '%s'; see 'rtfrac presets list schemes'", name, a->arg);
        suggest_preset_hint(p, RTFRAC_PRESET_SCHEME, name);
        return CLI_EUSAGE;
    }
    if (eq != NULL) {
        char label[RTFRAC_LABEL_MAX + 8];
        snprintf(label, sizeof(label), "%.*s", (int)(eq - a->arg), a->arg);
        if (trim_copy(label, a->rx.label, sizeof(a->rx.label)) != 0)
            return cli_error("label in '%.60s...' is too long; at most %d characters", a->arg, RTFRAC_LABEL_MAX - 1);
        if (a->rx.label[0] == '\0')
            return cli_error("empty label before '=' in '%s'", a->arg);
    } else {
        snprintf(a->rx.label, sizeof(a->rx.label), "%s", a->scheme->id);
    }
    a->rx.total_dose_gy = a->scheme->total_dose_gy;
    a->rx.fractions = a->scheme->fractions;
    a->calendar = &a->scheme->calendar;
    a->calendar_has = a->scheme->calendar_has;
    return CLI_OK;
}

void warn_lq_validity(const model_args *ma, const char *label, double total_gy,
                      unsigned long fractions)
{
    double d = total_gy / (double)fractions;
    if (ma->o.kind == RTFRAC_MODEL_LQ && d > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY)
        cli_warn("'%s': %.4g Gy per fraction is above %g Gy; the linear-quadratic model is uncertain at this dose per fraction (see --model lql or usc)",
                 label, d, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
}

void note_tissue_source(out_doc *doc, const rtfrac_tissue *t)
{
    /* the evidence level and how the values were checked against the source */
    const char *ev = rtfrac_presets_evidence_name(t->evidence), *ck = rtfrac_presets_checked_name(t->checked);
    char how[96] = "";
    if (ev[0] || ck[0])
        snprintf(how, sizeof(how), " (%s%s%s%s)", ev, ev[0] && ck[0] ? "; " : "", ck[0] ? "checked: " : "", ck);
    out_note(doc, "Tissue %s (%s): alpha/beta %g Gy%s; source: %s.", t->id, t->name, t->alpha_beta_gy, how, t->source);
}

void note_scheme_source(out_doc *doc, const rtfrac_scheme *s)
{
    out_note(doc, "Scheme @%s: %s; source: %s.", s->id, s->name, s->source);
}

void note_model(out_doc *doc, const model_args *ma)
{
    if (model_args_plain(ma))
        out_note(doc, "Model: linear-quadratic, BED = D (1 + d/(alpha/beta)), EQD2 = BED / (1 + 2/(alpha/beta)); d = D/n for each prescription.");
    else
        out_note(doc, "EQD2 = BED / (BED_f(2 Gy) / 2 Gy), BED_f the BED of one 2 Gy fraction under the model named above (plain LQ: BED / (1 + 2/(alpha/beta))); d = D/n for each prescription; formulas and sources in 'rtfrac help models' and 'man rtfrac'.");
}

/* ---- models ------------------------------------------------------------ */

/* The model options as a shared group of the option parser (opts.h). */
static int model_handle(cli_args *a, int id, char *arg)
{
    return model_args_option(a->ma, id, arg);
}

static const cli_opt model_opts[] = {
    CLI_TEXT("Models (the same options in calc, compare, solve, table, dvh and report):\n"),
    CLI_OPT("model", "M", OPT_MODEL,
            "lq (default), lql (linear-quadratic-linear, Astrahan\n"
            "2008: LQ up to dT, then linear with the LQ slope at dT)\n"
            "or usc (universal survival curve, Park et al. 2008:\n"
            "above dT, BED per fraction = (d - Dq) / (alpha D0);\n"
            "below, LQ at the alpha/beta the parameters imply,\n"
            "4 alpha D0 Dq / (1 - alpha D0)^2; a different --ab\n"
            "is refused).  EQD2 = BED / (BED_f(2 Gy) / 2) with the\n"
            "same model, so 30 x 2 Gy is EQD2 60 Gy under each\n"
            "model"),
    CLI_OPT("dt", "X", OPT_DT,
            "transition dose per fraction, Gy (lql only, required;\n"
            "usc: always 2 Dq / (1 - alpha D0))"),
    CLI_OPT_FLAGS("d0", "X", OPT_D0, CLI_OPT_JOIN, NULL),
    CLI_OPT("dq", "X", OPT_DQ, "usc: D0 and Dq in Gy;  --alpha A: alpha in /Gy"),
    CLI_OPT_FLAGS("alpha", "A", OPT_ALPHA, CLI_OPT_INLINE, NULL),
    CLI_OPT("time", NULL, OPT_TIME,
            "correct for repopulation: BED - K (T - Tk) when T > Tk,\n"
            "nothing when T <= Tk (Fowler 1989); EQD2 with time =\n"
            "that BED / (1 + 2/(alpha/beta)).  Tk and K from:"),
    CLI_OPT("tk", "T[:LOW:HIGH]", OPT_TK, "kick-off time, days (or the tissue's tk)"),
    CLI_OPT("dprolif", "'K[:L:H] UNIT'", OPT_DPROLIF,
            "repopulation rate with its unit, '0.69 Gy EQD2/d' (dose\n"
            "in 2 Gy fractions a day, as Withers 1988 and Pedicini\n"
            "2015 quote it) or '0.825 Gy BED/d' (the K subtracted\n"
            "from BED); also 0.69GyEQD2/d.  A bare number or Gy/d\n"
            "is refused as ambiguous.  K_BED = K_EQD2 (1 +\n"
            "2/(alpha/beta)) at each row's alpha/beta.  Or K = ln 2\n"
            "/ (alpha Tpot), a BED rate, from --alpha and --tpot\n"
            "days, or the tissue's.  Late-responding tissue\n"
            "presets and the default 3 Gy row get no correction\n"
            "(said in a note): --tk and --dprolif are the tumour's;\n"
            "they apply to tumour and early-responding tissues and\n"
            "to alpha/beta values given with --ab"),
    CLI_OPT_FLAGS("tpot", "T", OPT_TPOT, CLI_OPT_INLINE, NULL),
    CLI_OPT("days", "T", OPT_DAYS,
            "overall time T, days from the first to the last fraction;\n"
            "otherwise from the calendar:"),
    CLI_OPT("per-week", "N", OPT_PER_WEEK,
            "fractions a week (default 5, on weekdays; 30 fractions\n"
            "give T = 39 days, 35 give 46, 22 give 29).  A scheme\n"
            "or plan preset brings its own calendar (CHART: 3 a\n"
            "day 6 h apart, 7 days a week); an option given here\n"
            "wins over the preset's, field by field"),
    CLI_OPT("start", "DAY", OPT_START, "weekday of the first fraction (default monday)"),
    CLI_OPT("per-day", "M", OPT_PER_DAY,
            "fractions a day (default 1), with --interval H hours\n"
            "between them; with a repair half-time (option or\n"
            "tissue) incomplete repair (Thames 1985), BED_day =\n"
            "k d + (d^2/(alpha/beta)) [k + 2 sum_{i<j}\n"
            "exp(-mu (t_j - t_i))], mu = ln 2/T1/2; without one,\n"
            "complete repair (plain LQ), said in a note"),
    CLI_OPT_FLAGS("interval", "H", OPT_INTERVAL, CLI_OPT_INLINE, NULL),
    CLI_OPT("repair-half-time", "H", OPT_REPAIR_HALF_TIME, "hours (or the tissue's repair_half_time)"),
    CLI_TEXT("Uncertainty: --ab 1.5:0.8:2.2 (estimate:low:high, a 95% interval), --ci (the\n"
             "tissues' published intervals), --tk and --dprolif intervals.  One uncertain\n"
             "parameter: exact values at the interval ends.  Several: Monte Carlo with\n"
             "log-normal parameters (median at the estimate), reporting the median and the\n"
             "2.5 and 97.5 percentiles; --samples N (default 100000), --seed S (fixed by\n"
             "default, so results repeat).\n"),
    CLI_OPT_FLAGS("samples", "N", OPT_SAMPLES, CLI_OPT_INLINE, NULL),
    CLI_OPT_FLAGS("seed", "S", OPT_SEED, CLI_OPT_INLINE, NULL),
    CLI_OPT_FLAGS("ci", NULL, OPT_CI, CLI_OPT_INLINE, NULL),
    CLI_OPT_END,
};

const cli_opt_group cli_model_group = { model_opts, model_handle };

void model_args_init(model_args *ma)
{
    memset(ma, 0, sizeof(*ma));
    rtfrac_row_options_init(&ma->o);
    ma->samples = RTFRAC_MC_SAMPLES_DEFAULT;
    ma->seed = RTFRAC_MC_SEED_DEFAULT;
}

/* The unit a quantity's value is in after parsing, for range messages. */
static const char *base_unit(rtfrac_quantity q)
{
    switch (q) {
    case RTFRAC_QTY_DOSE_GY: return "Gy";
    case RTFRAC_QTY_TIME_DAYS: return "d";
    case RTFRAC_QTY_TIME_HOURS: return "h";
    case RTFRAC_QTY_PER_GY: return "/Gy";
    case RTFRAC_QTY_GY_PER_DAY: return "Gy/d";
    case RTFRAC_QTY_PERCENT: return "%";
    case RTFRAC_QTY_VOLUME_CC: return "cc";
    case RTFRAC_QTY_PLAIN: break;
    }
    return "";
}

/* "X" or "X:LOW:HIGH" of a quantity. */
static int parse_value_interval(const char *option, const char *text, rtfrac_quantity q,
                                double max, double *value, rtfrac_interval *iv)
{
    char buf[128];
    char *parts[3];
    size_t np = 0;
    if (strlen(text) >= sizeof(buf))
        return cli_error("%s value '%s' is too long", option, text);
    /* a model parameter has one value per run; a list is not a decimal comma */
    if (strchr(text, ':') == NULL &&
        cli_one_value(option, text, iv ? "a model parameter has one value per run (an uncertain one: VALUE:LOW:HIGH)"
                                       : "a model parameter has one value per run") != CLI_OK)
        return CLI_EUSAGE;
    snprintf(buf, sizeof(buf), "%s", text);
    parts[np++] = buf;
    for (char *p = buf; *p; p++)
        if (*p == ':') {
            *p = '\0';
            if (np == 3 || iv == NULL)
                return cli_error("invalid %s '%s'; write a value%s", option, text,
                                 iv ? " or VALUE:LOW:HIGH" : "");
            parts[np++] = p + 1;
        }
    if (np == 2)
        return cli_error("an interval in %s '%s' needs VALUE:LOW:HIGH", option, text);
    double v[3] = { 0.0, 0.0, 0.0 };
    for (size_t i = 0; i < np; i++) {
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        if (rtfrac_num_parse_quantity(parts[i], q, &v[i], &d) != RTFRAC_OK)
            return cli_error("invalid %s '%s': %s; accepted unit: %s", option, text, d.message,
                             rtfrac_num_quantity_units(q));
        if (v[i] < 0.0 || v[i] > max)
            return cli_error("%s '%s' is out of range; accepted: 0 to %g %s", option, text, max,
                             base_unit(q));
    }
    if (np == 3) {
        if (!(v[1] <= v[0] && v[0] <= v[2]))
            return cli_error("the interval in %s '%s' does not contain the value; write VALUE:LOW:HIGH",
                             option, text);
        iv->has = 1;
        iv->low = v[1];
        iv->high = v[2];
    }
    *value = v[0];
    return CLI_OK;
}

/* "K[:L:H] UNIT", the unit Gy EQD2/d or Gy BED/d once at the end (a bare
 * number or Gy/d is ambiguous and refused); row resolve converts. */
static int parse_rate(const char *option, const char *text, rtfrac_row_options *o)
{
    char buf[128];
    size_t n = 0;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_model_rate_unit_split(text, &n, &o->dprolif_unit, &d) != RTFRAC_OK)
        return cli_error("invalid %s '%s': %s", option, text, d.message);
    if (n >= sizeof(buf))
        return cli_error("%s value '%s' is too long", option, text);
    memcpy(buf, text, n);
    buf[n] = '\0';
    if (strchr(buf, ':') != NULL && strpbrk(buf, "GgDd/") != NULL)
        return cli_error("invalid %s '%s': write the unit once, at the end: K:LOW:HIGH UNIT, e.g. '0.69:0.52:0.86 Gy EQD2/d'",
                         option, text);
    if (strchr(buf, '-') != NULL)
        return cli_error("%s '%s' is out of range; accepted: 0 to %g %s", option, text, RTFRAC_DPROLIF_MAX_GY_PER_DAY,
                         rtfrac_model_rate_unit_name(o->dprolif_unit));
    int rc = parse_value_interval(option, buf, RTFRAC_QTY_PLAIN, INFINITY, &o->dprolif_rate_gy_per_day,
                                  &o->dprolif_interval);
    double hi = o->dprolif_interval.has ? o->dprolif_interval.high : o->dprolif_rate_gy_per_day;
    if (rc == CLI_OK && hi > RTFRAC_DPROLIF_MAX_GY_PER_DAY)
        return cli_error("%s '%s' is out of range; accepted: 0 to %g %s", option, text, RTFRAC_DPROLIF_MAX_GY_PER_DAY,
                         rtfrac_model_rate_unit_name(o->dprolif_unit));
    return rc;
}

static int parse_positive(const char *option, const char *text, rtfrac_quantity q, double min,
                          double max, double *out)
{
    int rc = parse_value_interval(option, text, q, max, out, NULL);
    if (rc == CLI_OK && (!(*out > 0.0) || *out < min))
        return cli_error("%s '%s' is out of range; accepted: %s%g to %g %s", option, text,
                         min > 0.0 ? "" : "above ", min, max, base_unit(q));
    return rc;
}

static int parse_count(const char *option, const char *text, double lo, double hi,
                       unsigned long *out)
{
    double v = 0.0;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse(text, &v, &d) != RTFRAC_OK || v > floor(v) || v < lo || v > hi)
        return cli_error("invalid %s '%s'; give a whole number from %.0f to %.0f", option, text, lo, hi);
    *out = (unsigned long)v;
    return CLI_OK;
}

int model_args_option(model_args *ma, int opt, const char *arg)
{
    static const char *const days[] = { "monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday" };
    unsigned long n = 0;
    rtfrac_row_options *o = &ma->o;
    int rc;
    switch (opt) {
    case OPT_MODEL:
        if (rtfrac_model_kind_parse(arg, &o->kind) != RTFRAC_OK)
            return cli_error("unknown --model '%s'; accepted: lq, lql, usc", arg);
        return CLI_OK;
    case OPT_DT:
        o->has_dt = 1;
        return parse_positive("--dt", arg, RTFRAC_QTY_DOSE_GY, RTFRAC_TRANSITION_DOSE_MIN_GY, RTFRAC_TRANSITION_DOSE_MAX_GY, &o->dt_gy);
    case OPT_D0:
        return parse_positive("--d0", arg, RTFRAC_QTY_DOSE_GY, RTFRAC_TRANSITION_DOSE_MIN_GY, RTFRAC_TRANSITION_DOSE_MAX_GY, &o->d0_gy);
    case OPT_DQ:
        return parse_value_interval("--dq", arg, RTFRAC_QTY_DOSE_GY, RTFRAC_TRANSITION_DOSE_MAX_GY, &o->dq_gy, NULL);
    case OPT_ALPHA:
        o->has_alpha = 1;
        return parse_positive("--alpha", arg, RTFRAC_QTY_PER_GY, 0.0, RTFRAC_ALPHA_MAX_PER_GY, &o->alpha_per_gy);
    case OPT_TIME:
        o->time = 1;
        return CLI_OK;
    case OPT_TK:
        o->has_tk = 1;
        return parse_value_interval("--tk", arg, RTFRAC_QTY_TIME_DAYS, RTFRAC_TK_MAX_DAYS, &o->tk_days, &o->tk_interval);
    case OPT_DPROLIF:
        o->has_dprolif = 1;
        return parse_rate("--dprolif", arg, o);
    case OPT_TPOT:
        o->has_tpot = 1;
        return parse_positive("--tpot", arg, RTFRAC_QTY_TIME_DAYS, 0.0, RTFRAC_TPOT_MAX_DAYS, &o->tpot_days);
    case OPT_DAYS:
        o->calendar_has |= RTFRAC_CALENDAR_HAS_DAYS;
        o->calendar.has_days = 1;
        return parse_value_interval("--days", arg, RTFRAC_QTY_TIME_DAYS, RTFRAC_OVERALL_DAYS_MAX, &o->calendar.days, NULL);
    case OPT_PER_WEEK:
        o->calendar_has |= RTFRAC_CALENDAR_HAS_PER_WEEK;
        rc = parse_count("--per-week", arg, 1, RTFRAC_PER_WEEK_MAX, &n);
        o->calendar.per_week = (unsigned)n;
        return rc;
    case OPT_PER_DAY:
        o->calendar_has |= RTFRAC_CALENDAR_HAS_PER_DAY;
        rc = parse_count("--per-day", arg, 1, RTFRAC_PER_DAY_MAX, &n);
        o->calendar.per_day = (unsigned)n;
        return rc;
    case OPT_INTERVAL:
        o->calendar_has |= RTFRAC_CALENDAR_HAS_INTERVAL;
        return parse_positive("--interval", arg, RTFRAC_QTY_TIME_HOURS, 0.0, RTFRAC_INTERVAL_MAX_H, &o->calendar.interval_h);
    case OPT_START:
        for (unsigned i = 0; i < 7; i++) {
            if (strncasecmp(arg, days[i], 3) == 0 &&
                (strlen(arg) == 3 || strcasecmp(arg, days[i]) == 0)) {
                o->calendar_has |= RTFRAC_CALENDAR_HAS_START;
                o->calendar.start_weekday = i;
                return CLI_OK;
            }
        }
        return cli_error("unknown --start '%s'; accepted: monday ... sunday (or mon ... sun)", arg);
    case OPT_REPAIR_HALF_TIME:
        o->has_repair_half_time = 1;
        return parse_positive("--repair-half-time", arg, RTFRAC_QTY_TIME_HOURS, 0.0, RTFRAC_REPAIR_HALF_TIME_MAX_H, &o->repair_half_time_h);
    case OPT_SAMPLES:
        ma->has_samples = 1;
        return parse_count("--samples", arg, RTFRAC_MC_SAMPLES_MIN, RTFRAC_MC_SAMPLES_MAX, &ma->samples);
    case OPT_SEED:
        ma->has_seed = 1;
        return parse_count("--seed", arg, 0, 4294967295.0, &ma->seed);
    case OPT_CI:
        ma->use_ci = 1;
        return CLI_OK;
    default:
        return -1;
    }
}

int model_args_finish(model_args *ma)
{
    rtfrac_row_options *o = &ma->o;
    rtfrac_diag d;
    if (o->kind == RTFRAC_MODEL_LQL && !o->has_dt)
        return cli_error("--model lql needs the transition dose: --dt X (Gy)");
    if (o->kind == RTFRAC_MODEL_USC && (!(o->d0_gy > 0.0) || !o->has_alpha))
        return cli_error("--model usc needs --d0 X (Gy), --dq X (Gy) and --alpha A (/Gy)");
    if (o->kind == RTFRAC_MODEL_LQ && (o->has_dt || o->d0_gy > 0.0 || o->dq_gy > 0.0))
        return cli_error("--dt, --d0 and --dq go with --model lql or usc");
    if (o->kind == RTFRAC_MODEL_USC && o->has_dt)
        return cli_error("--dt goes with --model lql; under usc dT = 2 Dq / (1 - alpha D0) follows from --d0, --dq and --alpha (Park et al. 2008), and another dT would make BED jump");
    if (!o->time && (o->has_tk || o->has_dprolif || o->has_tpot))
        return cli_error("--tk, --dprolif and --tpot go with --time");
    if (!o->time && (o->calendar_has & (RTFRAC_CALENDAR_HAS_START | RTFRAC_CALENDAR_HAS_DAYS)))
        return cli_error("--start and --days set the overall time, which counts only with --time");
    if (!o->time && (o->calendar_has & RTFRAC_CALENDAR_HAS_PER_WEEK) &&
        !(o->calendar_has & RTFRAC_CALENDAR_HAS_PER_DAY))
        return cli_error("--per-week sets the overall time, which counts only with --time (or with --per-day)");
    if (o->has_dprolif && o->has_tpot)
        return cli_error("give K either as --dprolif or as --alpha and --tpot, not both");
    if ((o->calendar_has & RTFRAC_CALENDAR_HAS_PER_DAY) && o->calendar.per_day > 1 &&
        !(o->calendar_has & RTFRAC_CALENDAR_HAS_INTERVAL))
        return cli_error("--per-day %u needs --interval H, the hours between fractions of a day",
                         o->calendar.per_day);
    if ((o->calendar_has & RTFRAC_CALENDAR_HAS_PER_DAY) && o->calendar.per_day == 1 &&
        ((o->calendar_has & RTFRAC_CALENDAR_HAS_INTERVAL) || o->has_repair_half_time))
        return cli_error("--interval and --repair-half-time go with --per-day 2 or more");
    rtfrac_diag_clear(&d);
    if (rtfrac_row_options_check(o, &d) != RTFRAC_OK)
        return cli_error("invalid model options: %s", d.message);
    return CLI_OK;
}

int model_args_check_used(const model_args *ma)
{
    const rtfrac_row_options *o = &ma->o;
    if (ma->rows_several_a_day == 0 &&
        ((o->calendar_has & RTFRAC_CALENDAR_HAS_INTERVAL) || o->has_repair_half_time))
        return cli_error("--interval and --repair-half-time go with 2 or more fractions a day (--per-day, or a scheme or plan that has them), and no row has them");
    if (ma->rows_monte_carlo == 0 && (ma->has_seed || ma->has_samples))
        return cli_error("--seed and --samples go with Monte Carlo, used when two or more parameters carry intervals (--ab E:L:H, --ci, --tk, --dprolif)");
    if (ma->use_ci && ma->rows_ci_interval == 0)
        return cli_error("--ci found no published alpha/beta interval: none of the tissues used has one ('rtfrac presets show TISSUE')");
    return CLI_OK;
}

int model_args_plain(const model_args *ma)
{
    return rtfrac_row_options_plain(&ma->o);
}

int model_for_row(model_args *ma, const ab_entry *e, const rtfrac_calendar *calendar,
                  unsigned calendar_has, const char *what_for, rtfrac_row *row)
{
    rtfrac_row_input in;
    rtfrac_diag d;
    memset(&in, 0, sizeof(in));
    in.ab_from = e->from;
    in.alpha_beta_gy = e->ab_gy;
    in.alpha_beta_interval = e->interval;
    in.tissue = e->tissue;
    in.schedule_calendar = calendar;
    in.schedule_calendar_has = calendar_has;
    rtfrac_diag_clear(&d);
    int st = rtfrac_row_resolve(&ma->o, &in, row, &d);
    if (st != RTFRAC_OK)
        return cli_error("invalid model for %s: %s", what_for, st == RTFRAC_EDOM ? d.message : rtfrac_strerror(st));
    if (row->model.calendar.per_day > 1)
        ma->rows_several_a_day++;
    if (row->model.kind != RTFRAC_MODEL_LQ || row->model.time || row->model.repair)
        ma->rows_not_plain++;
    if (ma->use_ci && e->tissue && e->interval.has)
        ma->rows_ci_interval++;
    return CLI_OK;
}

size_t effect_columns(out_col *cols, const model_args *ma, int intervals, int monte_carlo)
{
    size_t n = 0;
    int time = ma->o.time;
    cols[n++] = (out_col){ "label", "Label", OUT_STR, 0 };
    cols[n++] = (out_col){ "total_dose_gy", "Total dose (Gy)", OUT_REAL, OUT_AS_GIVEN };
    cols[n++] = (out_col){ "fractions", "Fractions", OUT_INT, 0 };
    cols[n++] = (out_col){ "dose_per_fraction_gy", "Dose/fraction (Gy)", OUT_REAL, 0 };
    cols[n++] = (out_col){ "tissue", "Tissue", OUT_STR, OUT_HIDE_EMPTY };
    cols[n++] = (out_col){ "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN };
    if (intervals) {
        cols[n++] = (out_col){ "alpha_beta_low_gy", "alpha/beta low (Gy)", OUT_REAL, OUT_MACHINE_ONLY | OUT_AS_GIVEN };
        cols[n++] = (out_col){ "alpha_beta_high_gy", "alpha/beta high (Gy)", OUT_REAL, OUT_MACHINE_ONLY | OUT_AS_GIVEN };
    }
    if (time) {
        cols[n++] = (out_col){ "overall_time_days", "T (days)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN };
        cols[n++] = (out_col){ "repopulation_gy", "K (T - Tk) (Gy)", OUT_REAL, OUT_HIDE_EMPTY };
    }
    unsigned hide = intervals ? OUT_MACHINE_ONLY : 0;
    cols[n++] = (out_col){ "bed_gy", time ? "BED with time (Gy)" : "BED (Gy)", OUT_REAL, hide };
    cols[n++] = (out_col){ "eqd2_gy", time ? "EQD2 with time (Gy)" : "EQD2 (Gy)", OUT_REAL, hide };
    if (intervals) {
        cols[n++] = (out_col){ "bed_text", time ? "BED with time (Gy)" : "BED (Gy)", OUT_STR, OUT_HUMAN_ONLY };
        cols[n++] = (out_col){ "eqd2_text", time ? "EQD2 with time (Gy)" : "EQD2 (Gy)", OUT_STR, OUT_HUMAN_ONLY };
        cols[n++] = (out_col){ "bed_low_gy", "", OUT_REAL, OUT_MACHINE_ONLY };
        cols[n++] = (out_col){ "bed_high_gy", "", OUT_REAL, OUT_MACHINE_ONLY };
        cols[n++] = (out_col){ "eqd2_low_gy", "", OUT_REAL, OUT_MACHINE_ONLY };
        cols[n++] = (out_col){ "eqd2_high_gy", "", OUT_REAL, OUT_MACHINE_ONLY };
        if (monte_carlo) {
            cols[n++] = (out_col){ "bed_median_gy", "", OUT_REAL, OUT_MACHINE_ONLY };
            cols[n++] = (out_col){ "eqd2_median_gy", "", OUT_REAL, OUT_MACHINE_ONLY };
        }
    }
    cols[n++] = (out_col){ "model", "Model", OUT_STR, OUT_MACHINE_ONLY };
    return n;
}

static void range_text(char *buf, size_t size, double v, double lo, double hi, int precision)
{
    out_real_range(buf, size, v, lo, hi, precision >= 0 ? precision : 2);
}

long effect_row(out_table *t, out_doc *doc, model_args *ma, rtfrac_mc_workspace *mc,
                const char *label, const rtfrac_rx *rx, const rtfrac_calendar *calendar,
                unsigned calendar_has, const ab_entry *e, int precision,
                rtfrac_effect_range *range, int *rc)
{
    rtfrac_row rw;
    rtfrac_effect_range r;
    char what[RTFRAC_LABEL_MAX + 96];

    snprintf(what, sizeof(what), "'%s'%s%s", label, e->tissue ? " at tissue " : "",
             e->tissue ? e->tissue->id : "");
    if ((*rc = model_for_row(ma, e, calendar, calendar_has, what, &rw)) != CLI_OK)
        return -1;
    int st = rtfrac_uncertainty_effect(&rw.model, &rw.uncertain, rx->total_dose_gy, rx->fractions,
                                       rw.alpha_beta_gy, mc, &r);
    if (st != RTFRAC_OK) {
        rtfrac_diag why;
        rtfrac_model_explain(&rw.model, rx->total_dose_gy, rx->fractions, rw.alpha_beta_gy, &why);
        *rc = cli_error("cannot compute BED of %s at alpha/beta %g Gy: %s", what, rw.alpha_beta_gy,
                        why.message[0] ? why.message : rtfrac_strerror(st));
        return -1;
    }
    if (range != NULL)
        *range = r;
    return effect_row_write(t, doc, ma, label, rx->total_dose_gy, rx->fractions, e, &rw, &r,
                            precision, rc);
}

long effect_row_write(out_table *t, out_doc *doc, model_args *ma, const char *label,
                      double total_dose_gy, unsigned long fractions, const ab_entry *e,
                      const rtfrac_row *row_model, const rtfrac_effect_range *range, int precision,
                      int *rc)
{
    const rtfrac_row rw = *row_model;
    const rtfrac_effect_range r = *range;
    char what[RTFRAC_LABEL_MAX + 96], desc[256], buf[128];

    snprintf(what, sizeof(what), "'%s'%s%s", label, e->tissue ? " at tissue " : "",
             e->tissue ? e->tissue->id : "");
    const rtfrac_model *mp = &rw.model;
    if (r.method == RTFRAC_RANGE_MONTE_CARLO)
        ma->rows_monte_carlo++;
    rtfrac_model_describe(mp, &r.estimate, desc, sizeof(desc));
    double row_ab = rw.alpha_beta_gy;
    long row = out_row(t);
    int bad = row < 0 || out_str(t, row, "label", label) ||
              out_real(t, row, "total_dose_gy", total_dose_gy) ||
              out_int(t, row, "fractions", (long long)fractions) ||
              out_real(t, row, "dose_per_fraction_gy", r.estimate.dose_per_fraction_gy) ||
              (e->tissue && out_str(t, row, "tissue", e->tissue->id)) ||
              out_real(t, row, "alpha_beta_gy", row_ab) ||
              out_real(t, row, "bed_gy", r.estimate.bed_gy) ||
              out_real(t, row, "eqd2_gy", r.estimate.eqd2_gy) || out_str(t, row, "model", desc);
    if (!bad && ma->o.time && mp->time)
        bad = out_real(t, row, "overall_time_days", r.estimate.overall_time_days) ||
              out_real(t, row, "repopulation_gy", r.estimate.repopulation_gy);
    int has_iv_cols = 0;
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c].key, "bed_text") == 0)
            has_iv_cols = 1;
    if (!bad && has_iv_cols) {
        if (e->interval.has)
            bad = out_real(t, row, "alpha_beta_low_gy", e->interval.low) ||
                  out_real(t, row, "alpha_beta_high_gy", e->interval.high);
        if (!bad && r.method != RTFRAC_RANGE_NONE) {
            range_text(buf, sizeof(buf), r.estimate.bed_gy, r.bed_low_gy, r.bed_high_gy, precision);
            bad = out_str(t, row, "bed_text", buf);
            range_text(buf, sizeof(buf), r.estimate.eqd2_gy, r.eqd2_low_gy, r.eqd2_high_gy, precision);
            bad = bad || out_str(t, row, "eqd2_text", buf) ||
                  out_real(t, row, "bed_low_gy", r.bed_low_gy) ||
                  out_real(t, row, "bed_high_gy", r.bed_high_gy) ||
                  out_real(t, row, "eqd2_low_gy", r.eqd2_low_gy) ||
                  out_real(t, row, "eqd2_high_gy", r.eqd2_high_gy);
            if (!bad && r.method == RTFRAC_RANGE_MONTE_CARLO)
                bad = out_real(t, row, "bed_median_gy", r.bed_median_gy) ||
                      out_real(t, row, "eqd2_median_gy", r.eqd2_median_gy);
        } else if (!bad) {
            int p = precision >= 0 ? precision : 2;
            out_real_fixed(buf, sizeof(buf), r.estimate.bed_gy, p);
            bad = out_str(t, row, "bed_text", buf);
            out_real_fixed(buf, sizeof(buf), r.estimate.eqd2_gy, p);
            bad = bad || out_str(t, row, "eqd2_text", buf);
        }
    }
    if (bad) {
        cli_error("cannot store the result of %s (out of memory or a value out of range)", what);
        *rc = CLI_EFAIL;
        return -1;
    }
    /* say once which model produced the numbers */
    rtfrac_model_describe(mp, NULL, desc, sizeof(desc));
    if (!model_args_plain(ma) || mp->kind != RTFRAC_MODEL_LQ || mp->repair)
        out_note(doc, "Model%s%s: %s.", e->tissue ? " at tissue " : "", e->tissue ? e->tissue->id : "", desc);
    if (rw.time == RTFRAC_ROW_TIME_LATE_NONE) {
        if (e->tissue)
            out_note(doc, "No time correction at tissue %s: a late-responding tissue without repopulation parameters of its own (--tk and --dprolif are the tumour's).",
                     e->tissue->id);
        else
            out_note(doc, "No time correction at the default alpha/beta 3 Gy: it stands for late-responding tissue, which does not repopulate during treatment (--tk and --dprolif are the tumour's).");
    }
    if (rw.repair_complete_assumed)
        out_note(doc, "'%s': %u fractions a day %g h apart with no repair half-time known%s%s: complete repair between them is assumed (plain LQ); give --repair-half-time H for incomplete repair.",
                 label, mp->calendar.per_day, mp->calendar.interval_h, e->tissue ? " for tissue " : "",
                 e->tissue ? e->tissue->id : "");
    if (rw.calendar_from_schedule && (ma->o.time || mp->repair))
        out_note(doc, "'%s': calendar from its preset: %u %s a week, %u a day%s.", label,
                 mp->calendar.per_week, cli_plural(mp->calendar.per_week, "fraction", "fractions"),
                 mp->calendar.per_day,
                 mp->calendar.per_day > 1 ? " (interval in the model note)" : "");
    if (e->from == RTFRAC_ROW_AB_USC)
        out_note(doc, "alpha/beta %.4g Gy: implied by the USC parameters, 4 alpha D0 Dq / (1 - alpha D0)^2 (Park et al. 2008).",
                 rw.alpha_beta_gy);
    if (r.method == RTFRAC_RANGE_INTERVAL)
        out_note(doc, "Intervals: one uncertain parameter, evaluated exactly at its interval's ends (and checked for extremes inside).");
    else if (r.method == RTFRAC_RANGE_MONTE_CARLO)
        out_note(doc, "Intervals: Monte Carlo over several uncertain parameters, %lu samples, seed %lu, log-normal with the median at the estimate and the wider side of each 95%% interval as 1.96 sigma; 2.5 and 97.5 percentiles shown (medians in csv, tsv and json).",
                 r.samples, ma->seed);
    *rc = CLI_OK;
    return row;
}
