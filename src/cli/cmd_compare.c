/* rtfrac compare: fractionation schemes side by side, with differences to a
 * reference and the alpha/beta at which two schemes are iso-effective.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "opts.h"
#include "presets_path.h"

enum { OPT_AB = 256, OPT_TISSUE, OPT_QUANTITY, OPT_REFERENCE, OPT_CROSSOVER };

static const cli_opt compare_opts[] = {
    CLI_TEXT("usage: rtfrac compare [options] SCHEME SCHEME...\n"
             "\n"
             "Compare fractionation schemes: EQD2 (or BED) of each scheme at each\n"
             "alpha/beta, optionally against a reference scheme, and the alpha/beta at\n"
             "which two schemes are iso-effective.  Schemes are written as in 'rtfrac\n"
             "calc': 78/39, '36.25 Gy in 5 fractions', 20x3, LABEL=60/20, @chhip-60-20.\n"
             "\n"
             "Options:\n"),
    CLI_OPT_R("ab", "LIST", OPT_AB, "alpha/beta ratios in Gy (comma-separated or repeated)"),
    CLI_OPT_R("tissue", "LIST", OPT_TISSUE,
            "alpha/beta from tissue presets (e.g. prostate,rectum);\n"
            "without --ab and --tissue: 10 Gy and 3 Gy"),
    CLI_OPT("quantity", "Q", OPT_QUANTITY, "eqd2 (default), bed or both"),
    CLI_OPT_ONCE("reference", "SCHEME", OPT_REFERENCE, "compare takes one reference scheme",
            "add, for every scheme and alpha/beta, the difference\n"
            "(scheme - reference, in Gy of the quantity) and the\n"
            "ratio (scheme / reference) to this scheme"),
    CLI_OPT("crossover", NULL, OPT_CROSSOVER,
            "for every pair of schemes, the alpha/beta at which\n"
            "they give the same BED:\n"
            "  alpha/beta = (D_B d_B - D_A d_A) / (D_A - D_B)\n"
            "below it the scheme with the larger D d (the more\n"
            "hypofractionated) gives the higher BED"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Output: text and md show one row per scheme and one column per\n"
             "alpha/beta.  csv, tsv and json are long: one row per scheme and\n"
             "alpha/beta with the calc columns (label, total_dose_gy, fractions,\n"
             "dose_per_fraction_gy, tissue, alpha_beta_gy, bed_gy, eqd2_gy) and, with\n"
             "--reference, reference_label, diff_gy, ratio (diff_gy is in the quantity\n"
             "compared; EQD2 for --quantity both).  With --crossover a second table\n"
             "follows (json key \"crossovers\"; csv and tsv after a blank line):\n"
             "scheme_a, scheme_b, relation (cross, never or identical),\n"
             "crossover_alpha_beta_gy, higher_below, statement.\n"
             "\n"
             "Examples:\n"
             "  rtfrac compare 78/39 @chhip-60-20 36.25/5 --ab 1.5,3,10 --reference 78/39\n"
             "  rtfrac compare 60/30 54/3 --crossover\n"
             "  rtfrac compare @start-b-40-15 @fast-forward-26-5 --tissue breast-tumour,breast\n"
             "  rtfrac compare 60/30 54/3 --ab 10:8:12\n"
             "\n"
             "With an alpha/beta interval (--ab 10:8:12, or --ci for the tissues'\n"
             "intervals) compare says when the ranking of two schemes flips inside it\n"
             "(their crossover lies in the interval).\n"
             "\n"),
    CLI_INCLUDE(cli_model_group),
    CLI_OPT_END,
};

enum { Q_EQD2 = 1, Q_BED = 2, Q_BOTH = 3 };

typedef struct effect {
    double bed_gy, eqd2_gy;
    rtfrac_effect_range range;
} effect;

static int compute(model_args *ma, rtfrac_mc_workspace *mc, const rx_arg *a, const ab_entry *e,
                   effect *out)
{
    rtfrac_row row;
    const rtfrac_rx *rx = &a->rx;
    char what[RTFRAC_LABEL_MAX + 8];
    int rc;
    snprintf(what, sizeof(what), "'%s'", rx->label);
    if ((rc = model_for_row(ma, e, a->calendar, a->calendar_has, what, &row)) != CLI_OK)
        return rc;
    int st = rtfrac_uncertainty_effect(&row.model, &row.uncertain, rx->total_dose_gy, rx->fractions,
                                       row.alpha_beta_gy, mc, &out->range);
    if (st != RTFRAC_OK)
        return cli_error("cannot compute BED of '%s' at alpha/beta %g Gy: %s", rx->label, e->ab_gy,
                         rtfrac_strerror(st));
    out->bed_gy = out->range.estimate.bed_gy;
    out->eqd2_gy = out->range.estimate.eqd2_gy;
    return CLI_OK;
}

static double chosen(const effect *e, int quantity)
{
    return quantity == Q_BED ? e->bed_gy : e->eqd2_gy;
}

static void ab_text(const ab_entry *e, char *buf, size_t size) /* size >= 112 */
{
    char num[32], iv[80] = "", lo[32], hi[32];
    out_real_exact(num, sizeof(num), e->ab_gy);
    if (e->interval.has) { /* inputs: as given */
        out_real_exact(lo, sizeof(lo), e->interval.low);
        out_real_exact(hi, sizeof(hi), e->interval.high);
        snprintf(iv, sizeof(iv), " (%s-%s)", lo, hi);
    }
    if (e->tissue != NULL)
        snprintf(buf, size, "%.40s, a/b %s%s", e->tissue->id, num, iv);
    else
        snprintf(buf, size, "a/b %s%s", num, iv);
}

/* The wide table: label, total dose, fractions, dose per fraction, then
 * the columns of each alpha/beta. */
enum { WIDE_FIXED = 4 };

typedef struct compare_state {
    ab_list abs;
    model_args ma;
    rtfrac_mc_workspace *mc;
    rtfrac_presets *presets;
    rx_arg *rxs, ref;
    int n;                /* schemes */
    const char *ref_arg;
    int quantity, crossover, default_ab, intervals, precision;
    unsigned need_kinds; /* PRESET_KIND bits of the presets named */
    out_doc doc;
    out_table *lt, *wt;   /* long (machine formats) and wide (people) */
    char headers[AB_MAX * 4][160]; /* copied by out_doc_table */
} compare_state;

static int oom(void)
{
    cli_error("out of memory or a value out of range");
    return CLI_EFAIL;
}

static int compare_option(void *ctx, int id, char *arg)
{
    compare_state *st = ctx;
    switch (id) {
    case OPT_AB:
        return ab_list_add_values(&st->abs, "--ab", arg);
    case OPT_TISSUE:
        st->need_kinds |= PRESET_KIND(TISSUE);
        return ab_list_add_tissues(&st->abs, "--tissue", arg);
    case OPT_QUANTITY:
        if (strcmp(arg, "eqd2") == 0)
            st->quantity = Q_EQD2;
        else if (strcmp(arg, "bed") == 0)
            st->quantity = Q_BED;
        else if (strcmp(arg, "both") == 0)
            st->quantity = Q_BOTH;
        else
            return cli_error("unknown --quantity '%s'; accepted: eqd2, bed, both", arg);
        return CLI_OK;
    case OPT_REFERENCE:
        st->ref_arg = arg;
        return CLI_OK;
    case OPT_CROSSOVER:
        st->crossover = 1;
        return CLI_OK;
    }
    return cli_error("unhandled option");
}

static const cli_command compare_cmd = { "compare", compare_opts, compare_option };

/* Check the combination, parse the schemes, load the presets they name,
 * and settle the alpha/beta rows and the Monte Carlo workspace. */
static int compare_load(compare_state *st, preset_path *pp, char **args)
{
    int rc;
    if (st->crossover && !model_args_plain(&st->ma))
        return cli_error("--crossover uses the closed form of plain LQ; leave out --model, --time and --per-day to compute it");
    if (st->n < 1 || (st->n < 2 && st->ref_arg == NULL))
        return cli_error("compare needs at least two schemes, or one and --reference; e.g. 'rtfrac compare 60/30 54/3'");
    if (st->crossover && st->n < 2)
        return cli_error("--crossover needs at least two schemes");
    if ((st->rxs = calloc((size_t)st->n, sizeof(*st->rxs))) == NULL)
        return cli_error("out of memory");
    for (int i = 0; i < st->n; i++) {
        if ((rc = rx_arg_parse(args[i], "scheme", &st->rxs[i])) != CLI_OK)
            return rc;
        st->need_kinds |= st->rxs[i].is_scheme ? PRESET_KIND(SCHEME) : 0;
    }
    if (st->ref_arg != NULL) {
        if ((rc = rx_arg_parse(st->ref_arg, "--reference", &st->ref)) != CLI_OK)
            return rc;
        st->need_kinds |= st->ref.is_scheme ? PRESET_KIND(SCHEME) : 0;
    }
    if (st->need_kinds != 0 || pp->nuser > 0) { /* --preset-dir: a bad directory is an error */
        if ((rc = preset_path_load(pp, st->need_kinds, &st->presets)) != CLI_OK ||
            (rc = ab_list_resolve(&st->abs, st->presets, st->ma.use_ci)) != CLI_OK)
            return rc;
        for (int i = 0; i < st->n; i++)
            if ((rc = rx_arg_resolve(&st->rxs[i], st->presets)) != CLI_OK)
                return rc;
        if (st->ref_arg != NULL && (rc = rx_arg_resolve(&st->ref, st->presets)) != CLI_OK)
            return rc;
    }
    st->default_ab = st->abs.n == 0;
    if (st->default_ab)
        ab_list_add_defaults(&st->abs, &st->ma, 1, 1);
    const model_args *ma = &st->ma;
    st->intervals = ab_list_has_interval(&st->abs) || ma->o.tk_interval.has || ma->o.dprolif_interval.has;
    int nunc = ab_list_has_interval(&st->abs) + ma->o.tk_interval.has + ma->o.dprolif_interval.has;
    if (nunc > 1 && (st->mc = rtfrac_uncertainty_mc_alloc(ma->samples, ma->seed)) == NULL)
        return cli_error("out of memory for %lu Monte Carlo samples", ma->samples);
    return CLI_OK;
}

/* The long table for scripts and the wide one for people. */
static int compare_tables(compare_state *st)
{
    out_col long_cols[40];
    size_t nl = effect_columns(long_cols, &st->ma, st->intervals, st->mc != NULL), nh = 0;
    if (st->ref_arg != NULL) {
        long_cols[nl++] = (out_col){ "reference_label", "Reference", OUT_STR, 0 };
        long_cols[nl++] = (out_col){ "diff_gy", "Difference (Gy)", OUT_REAL, 0 };
        long_cols[nl++] = (out_col){ "ratio", "Ratio", OUT_REAL, 0 };
    }
    st->lt = out_doc_table(&st->doc, "rows", NULL, long_cols, nl);
    out_col wide[4 + AB_MAX * 4];
    size_t nw = 0;
    wide[nw++] = (out_col){ "label", "Scheme", OUT_STR, 0 };
    wide[nw++] = (out_col){ "total_dose_gy", "Total dose (Gy)", OUT_REAL, OUT_AS_GIVEN };
    wide[nw++] = (out_col){ "fractions", "Fractions", OUT_INT, 0 };
    wide[nw++] = (out_col){ "dose_per_fraction_gy", "Dose/fraction (Gy)", OUT_REAL, 0 };
    assert(nw == WIDE_FIXED); /* then one column per headers[h], set by index */
    const char *with_time = st->ma.o.time ? " with time" : "";
    unsigned type = st->intervals ? OUT_STR : OUT_REAL;
    for (size_t k = 0; k < st->abs.n; k++) {
        char abt[112];
        ab_text(&st->abs.e[k], abt, sizeof(abt));
        if (st->quantity & Q_EQD2) {
            snprintf(st->headers[nh], sizeof(st->headers[nh]), "EQD2%s (Gy), %s", with_time, abt);
            wide[nw++] = (out_col){ st->headers[nh], st->headers[nh], type, 0 };
            nh++;
        }
        if (st->quantity & Q_BED) {
            snprintf(st->headers[nh], sizeof(st->headers[nh]), "BED%s (Gy), %s", with_time, abt);
            wide[nw++] = (out_col){ st->headers[nh], st->headers[nh], type, 0 };
            nh++;
        }
        if (st->ref_arg != NULL) {
            snprintf(st->headers[nh], sizeof(st->headers[nh]), "diff (Gy), %s", abt);
            wide[nw++] = (out_col){ st->headers[nh], st->headers[nh], OUT_REAL, 0 };
            nh++;
            snprintf(st->headers[nh], sizeof(st->headers[nh]), "ratio, %s", abt);
            wide[nw++] = (out_col){ st->headers[nh], st->headers[nh], OUT_REAL, 0 };
            nh++;
        }
    }
    st->wt = out_doc_table(&st->doc, "wide", NULL, wide, nw);
    if (st->lt == NULL || st->wt == NULL)
        return cli_error("out of memory");
    st->lt->flags = OUT_TABLE_MACHINE_ONLY;
    st->wt->flags = OUT_TABLE_HUMAN_ONLY;
    return CLI_OK;
}

/* The EQD2 and BED cells of one alpha/beta in the wide row, from column h. */
static int wide_cells(compare_state *st, long wr, size_t *h, const effect *ef)
{
    char cell[128];
    int p = st->precision >= 0 ? st->precision : 2;
    for (int qk = Q_EQD2; qk <= Q_BED; qk++) {
        if (!(st->quantity & qk))
            continue;
        double v = qk == Q_EQD2 ? ef->eqd2_gy : ef->bed_gy;
        double lo = qk == Q_EQD2 ? ef->range.eqd2_low_gy : ef->range.bed_low_gy;
        double hi = qk == Q_EQD2 ? ef->range.eqd2_high_gy : ef->range.bed_high_gy;
        if (!st->intervals) {
            if (out_real_at(st->wt, wr, WIDE_FIXED + (*h)++, v))
                return oom();
            continue;
        }
        if (ef->range.method != RTFRAC_RANGE_NONE)
            out_real_range(cell, sizeof(cell), v, lo, hi, p);
        else
            out_real_fixed(cell, sizeof(cell), v, p);
        if (out_str_at(st->wt, wr, WIDE_FIXED + (*h)++, cell))
            return oom();
    }
    return CLI_OK;
}

/* One scheme: its wide row, and a long row per alpha/beta. */
static int compare_scheme(compare_state *st, const rx_arg *a)
{
    const rtfrac_rx *rx = &a->rx;
    double d = rx->total_dose_gy / (double)rx->fractions;
    int rc = CLI_OK;
    warn_lq_validity(&st->ma, rx->label, rx->total_dose_gy, rx->fractions);
    long wr = out_row(st->wt);
    if (wr < 0 || out_str(st->wt, wr, "label", rx->label) ||
        out_real(st->wt, wr, "total_dose_gy", rx->total_dose_gy) ||
        out_int(st->wt, wr, "fractions", (long long)rx->fractions) ||
        out_real(st->wt, wr, "dose_per_fraction_gy", d))
        return oom();
    size_t h = 0;
    for (size_t k = 0; k < st->abs.n; k++) {
        const ab_entry *e = &st->abs.e[k];
        effect ef, re;
        long lr = effect_row(st->lt, &st->doc, &st->ma, st->mc, rx->label, rx, a->calendar,
                             a->calendar_has, e, st->precision, &ef.range, &rc);
        if (lr < 0)
            return rc;
        ef.bed_gy = ef.range.estimate.bed_gy;
        ef.eqd2_gy = ef.range.estimate.eqd2_gy;
        if ((rc = wide_cells(st, wr, &h, &ef)) != CLI_OK)
            return rc;
        if (st->ref_arg == NULL)
            continue;
        if ((rc = compute(&st->ma, st->mc, &st->ref, e, &re)) != CLI_OK)
            return rc;
        double diff = chosen(&ef, st->quantity) - chosen(&re, st->quantity);
        double ratio = chosen(&ef, st->quantity) / chosen(&re, st->quantity);
        if (out_str(st->lt, lr, "reference_label", st->ref.rx.label) ||
            out_real(st->lt, lr, "diff_gy", diff) || out_real(st->lt, lr, "ratio", ratio) ||
            out_real_at(st->wt, wr, WIDE_FIXED + h, diff) ||
            out_real_at(st->wt, wr, WIDE_FIXED + h + 1, ratio))
            return oom();
        h += 2;
    }
    return CLI_OK;
}

/* Does the ranking of two schemes flip inside an alpha/beta interval? */
static int compare_flips(compare_state *st)
{
    if (!model_args_plain(&st->ma) || st->ma.rows_not_plain)
        return CLI_OK;
    for (size_t k = 0; k < st->abs.n; k++) {
        const ab_entry *e = &st->abs.e[k];
        if (!e->interval.has)
            continue;
        for (int i = 0; i < st->n; i++)
            for (int j = i + 1; j < st->n; j++) {
                const rtfrac_rx *a = &st->rxs[i].rx, *b = &st->rxs[j].rx;
                rtfrac_crossover x;
                if (rtfrac_iso_crossover(a->total_dose_gy, a->total_dose_gy / (double)a->fractions,
                                         b->total_dose_gy, b->total_dose_gy / (double)b->fractions,
                                         &x) != RTFRAC_OK)
                    continue;
                const char *hi = x.a_higher_below > 0 ? a->label : b->label;
                const char *lo = x.a_higher_below > 0 ? b->label : a->label;
                int bad = 0;
                char at[OUT_REAL_TEXT_MAX]; /* the crossover as the table prints it */
                out_real_fixed(at, sizeof(at), x.alpha_beta_gy, st->precision >= 0 ? st->precision : 2);
                if (x.kind == RTFRAC_CROSS_AT && x.alpha_beta_gy >= e->interval.low &&
                    x.alpha_beta_gy <= e->interval.high)
                    bad = out_note(&st->doc, "Ranking flips within the alpha/beta interval %g-%g Gy: %s and %s cross at %s Gy (%s gives the higher BED below it, %s above).",
                             e->interval.low, e->interval.high, a->label, b->label, at, hi, lo);
                else if (x.kind != RTFRAC_CROSS_IDENTICAL)
                    bad = out_note(&st->doc, "No flip within the alpha/beta interval %g-%g Gy between %s and %s: %s gives the higher BED throughout.",
                             e->interval.low, e->interval.high, a->label, b->label,
                             (x.kind == RTFRAC_CROSS_AT && e->interval.high < x.alpha_beta_gy) ? hi
                             : (x.kind == RTFRAC_CROSS_AT) ? lo : hi);
                if (bad)
                    return oom();
            }
    }
    return CLI_OK;
}

/* One row of the crossover table: the pair a, b. */
static int crossover_row(out_table *ct, const rtfrac_rx *a, const rtfrac_rx *b, int precision)
{
    rtfrac_crossover x;
    char sentence[512 + OUT_REAL_TEXT_MAX], num[OUT_REAL_TEXT_MAX];
    if (rtfrac_iso_crossover(a->total_dose_gy, a->total_dose_gy / (double)a->fractions,
                             b->total_dose_gy, b->total_dose_gy / (double)b->fractions, &x) != RTFRAC_OK)
        return cli_error("cannot compare '%s' and '%s'", a->label, b->label);
    long r = out_row(ct);
    if (r < 0 || out_str(ct, r, "scheme_a", a->label) || out_str(ct, r, "scheme_b", b->label))
        return oom();
    const char *hi = x.a_higher_below > 0 ? a->label : b->label;
    const char *lo = x.a_higher_below > 0 ? b->label : a->label;
    int bad = 0;
    switch (x.kind) {
    case RTFRAC_CROSS_AT:
        out_real_fixed(num, sizeof(num), x.alpha_beta_gy, precision >= 0 ? precision : 2);
        snprintf(sentence, sizeof(sentence),
                 "%s gives the higher BED for alpha/beta below %s Gy, %s above it", hi, num, lo);
        bad = out_str(ct, r, "relation", "cross") ||
              out_real(ct, r, "crossover_alpha_beta_gy", x.alpha_beta_gy) ||
              out_str(ct, r, "higher_below", hi);
        break;
    case RTFRAC_CROSS_NEVER:
        snprintf(sentence, sizeof(sentence),
                 "never iso-effective: %s gives the higher BED at every alpha/beta", hi);
        bad = out_str(ct, r, "relation", "never") || out_str(ct, r, "higher_below", hi);
        break;
    case RTFRAC_CROSS_IDENTICAL:
        snprintf(sentence, sizeof(sentence), "identical: the same BED at every alpha/beta");
        bad = out_str(ct, r, "relation", "identical");
        break;
    }
    return bad || out_str(ct, r, "statement", sentence) ? oom() : CLI_OK;
}

static int compare_crossovers(compare_state *st)
{
    static const out_col cross_cols[] = {
        { "scheme_a", "Scheme A", OUT_STR, 0 },
        { "scheme_b", "Scheme B", OUT_STR, 0 },
        { "relation", "Relation", OUT_STR, 0 },
        { "crossover_alpha_beta_gy", "Crossover alpha/beta (Gy)", OUT_REAL, 0 },
        { "higher_below", "Higher BED below", OUT_STR, 0 },
        { "statement", "Meaning", OUT_STR, 0 },
    };
    int rc;
    out_table *ct = out_doc_table(&st->doc, "crossovers", "Crossovers (alpha/beta at which two schemes give the same BED)",
                                  cross_cols, 6);
    if (ct == NULL)
        return oom();
    for (int i = 0; i < st->n; i++)
        for (int j = i + 1; j < st->n; j++)
            if ((rc = crossover_row(ct, &st->rxs[i].rx, &st->rxs[j].rx, st->precision)) != CLI_OK)
                return rc;
    if (out_note(&st->doc, "Crossover: alpha/beta = (D_B d_B - D_A d_A) / (D_A - D_B). A higher BED means more effect: more tumour control for a tumour, more damage for a normal tissue.") < 0)
        return oom();
    return CLI_OK;
}

static int compare_notes(compare_state *st)
{
    note_model(&st->doc, &st->ma);
    if (st->default_ab &&
        out_note(&st->doc, "alpha/beta not given: the defaults 10 Gy (tumour, early-responding tissue) and 3 Gy (late-responding tissue) are used; set them with --ab or --tissue.") < 0)
        return oom();
    if (st->ref_arg != NULL) {
        char tot[32];
        out_real_exact(tot, sizeof(tot), st->ref.rx.total_dose_gy);
        if (out_note(&st->doc, "Reference %s: %s Gy in %lu %s; diff = scheme - reference (%s, Gy), ratio = scheme / reference.",
                     st->ref.rx.label, tot, st->ref.rx.fractions,
                     cli_plural(st->ref.rx.fractions, "fraction", "fractions"), st->quantity == Q_BED ? "BED" : "EQD2") < 0)
            return oom();
    }
    for (size_t k = 0; k < st->abs.n; k++)
        if (st->abs.e[k].tissue != NULL)
            note_tissue_source(&st->doc, st->abs.e[k].tissue);
    for (int i = 0; i < st->n; i++)
        if (st->rxs[i].scheme != NULL)
            note_scheme_source(&st->doc, st->rxs[i].scheme);
    if (st->ref.scheme != NULL)
        note_scheme_source(&st->doc, st->ref.scheme);
    return CLI_OK;
}

int cmd_compare(int argc, char **argv)
{
    compare_state *st = calloc(1, sizeof(*st));
    cli_args args;
    int rc;

    if (st == NULL)
        return cli_error("out of memory"), CLI_EFAIL;
    st->quantity = Q_EQD2;
    cli_args_init(&args, &st->ma);
    out_doc_init(&st->doc, "compare");
    if ((rc = cli_opts_parse(&compare_cmd, &args, st, argc, argv)) != CLI_OK || args.done)
        goto done;
    st->precision = args.out.precision;
    st->n = argc - args.first_operand;
    if ((rc = compare_load(st, &args.pp, argv + args.first_operand)) != CLI_OK ||
        (rc = compare_tables(st)) != CLI_OK)
        goto done;
    for (int i = 0; i < st->n; i++)
        if ((rc = compare_scheme(st, &st->rxs[i])) != CLI_OK)
            goto done;
    if (st->crossover && st->ma.rows_not_plain) {
        rc = cli_error("--crossover uses the closed form of plain LQ, and %lu %s another model (a scheme's several fractions a day with a tissue's repair half-time); compare without --crossover",
                       st->ma.rows_not_plain, cli_plural(st->ma.rows_not_plain, "row uses", "rows use"));
        goto done;
    }
    if ((rc = compare_flips(st)) != CLI_OK ||
        (st->crossover && (rc = compare_crossovers(st)) != CLI_OK) ||
        (rc = compare_notes(st)) != CLI_OK || (rc = model_args_check_used(&st->ma)) != CLI_OK)
        goto done;
    rc = cli_emit(&st->doc, &args.out);
done:
    free(st->rxs);
    rtfrac_uncertainty_mc_free(st->mc);
    rtfrac_presets_free(st->presets);
    cli_args_release(&args);
    out_doc_release(&st->doc);
    free(st);
    return rc;
}
