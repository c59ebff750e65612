/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "args.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

void trim_copy(const char *arg, char *buf, size_t size)
{
    while (*arg == ' ' || *arg == '\t')
        arg++;
    size_t n = strlen(arg);
    while (n > 0 && (arg[n - 1] == ' ' || arg[n - 1] == '\t'))
        n--;
    snprintf(buf, size, "%.*s", (int)n, arg);
}

int ab_list_add_values(ab_list *l, const char *option, const char *text)
{
    double vals[AB_MAX];
    size_t n = 0;
    int rc = cli_parse_gy_list(option, text, vals, &n, AB_MAX);
    if (rc != CLI_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (l->n == AB_MAX)
            return cli_error("too many alpha/beta values and tissues (at most %d)", AB_MAX);
        l->e[l->n].ab_gy = vals[i];
        l->e[l->n].tissue_name = NULL;
        l->e[l->n].tissue = NULL;
        l->n++;
    }
    return CLI_OK;
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

int ab_list_resolve(ab_list *l, const rtfrac_presets *p)
{
    for (size_t k = 0; k < l->n; k++) {
        if (l->e[k].tissue_name == NULL)
            continue;
        l->e[k].tissue = rtfrac_presets_find_tissue(p, l->e[k].tissue_name);
        if (l->e[k].tissue == NULL)
            return cli_error("unknown tissue '%s'; see 'rtfrac presets list tissues'",
                             l->e[k].tissue_name);
        l->e[k].ab_gy = l->e[k].tissue->alpha_beta_gy;
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
        trim_copy(arg, out->rx.label, sizeof(out->rx.label));
    return CLI_OK;
}

int rx_arg_resolve(rx_arg *a, const rtfrac_presets *p)
{
    const char *eq;
    char name[RTFRAC_PRESET_ID_MAX + 8];
    if (!a->is_scheme)
        return CLI_OK;
    trim_copy(rx_body(a->arg, &eq) + 1, name, sizeof(name));
    a->scheme = rtfrac_presets_find_scheme(p, name);
    if (a->scheme == NULL)
        return cli_error("unknown scheme '@%s' in '%s'; see 'rtfrac presets list schemes'", name,
                         a->arg);
    if (eq != NULL) {
        char label[RTFRAC_LABEL_MAX + 8];
        snprintf(label, sizeof(label), "%.*s", (int)(eq - a->arg), a->arg);
        trim_copy(label, a->rx.label, sizeof(a->rx.label));
        if (a->rx.label[0] == '\0')
            return cli_error("empty label before '=' in '%s'", a->arg);
    } else {
        snprintf(a->rx.label, sizeof(a->rx.label), "%s", a->scheme->id);
    }
    a->rx.total_dose_gy = a->scheme->total_dose_gy;
    a->rx.fractions = a->scheme->fractions;
    return CLI_OK;
}

void warn_lq_validity(const char *label, double total_gy, unsigned long fractions)
{
    double d = total_gy / (double)fractions;
    if (d > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY)
        cli_warn("'%s': %.4g Gy per fraction is above %g Gy; the linear-quadratic model is uncertain at this dose per fraction",
                 label, d, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
}

void note_tissue_source(out_doc *doc, const rtfrac_tissue *t)
{
    const char *ev = rtfrac_evidence_name(t->evidence);
    out_note(doc, "Tissue %s (%s): alpha/beta %g Gy%s%s%s; source: %s.", t->id, t->name,
             t->alpha_beta_gy, ev[0] ? " (" : "", ev, ev[0] ? ")" : "", t->source);
}

void note_scheme_source(out_doc *doc, const rtfrac_scheme *s)
{
    out_note(doc, "Scheme @%s: %s; source: %s.", s->id, s->name, s->source);
}

void note_lq_model(out_doc *doc)
{
    out_note(doc, "Model: linear-quadratic, BED = D (1 + d/(alpha/beta)), EQD2 = BED / (1 + 2/(alpha/beta)); d = D/n for each prescription.");
}
