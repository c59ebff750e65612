/* rtfrac compare: fractionation schemes side by side, with differences to a
 * reference and the alpha/beta at which two schemes are iso-effective.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "presets_path.h"

static const char compare_help[] =
    "usage: rtfrac compare [options] SCHEME SCHEME...\n"
    "\n"
    "Compare fractionation schemes: EQD2 (or BED) of each scheme at each\n"
    "alpha/beta, optionally against a reference scheme, and the alpha/beta at\n"
    "which two schemes are iso-effective.  Schemes are written as in 'rtfrac\n"
    "calc': 78/39, '36.25 Gy in 5 fractions', 20x3, LABEL=60/20, @chhip-60-20.\n"
    "\n"
    "Options:\n"
    "  --ab LIST            alpha/beta ratios in Gy (comma-separated or repeated)\n"
    "  --tissue LIST        alpha/beta from tissue presets (e.g. prostate,rectum);\n"
    "                       without --ab and --tissue: 10 Gy and 3 Gy\n"
    "  --quantity Q         eqd2 (default), bed or both\n"
    "  --reference SCHEME   add, for every scheme and alpha/beta, the difference\n"
    "                       (scheme - reference, in Gy of the quantity) and the\n"
    "                       ratio (scheme / reference) to this scheme\n"
    "  --crossover          for every pair of schemes, the alpha/beta at which\n"
    "                       they give the same BED:\n"
    "                         alpha/beta = (D_B d_B - D_A d_A) / (D_A - D_B)\n"
    "                       below it the scheme with the larger D d (the more\n"
    "                       hypofractionated) gives the higher BED\n"
    "  --preset-dir DIR     search DIR for presets first (repeatable)\n"
    "  --format FMT         text (default), csv, tsv, json or md\n"
    "  --precision N        decimals for every number\n"
    "  -h, --help           this help\n"
    "\n"
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
    "\n"
    "%s";

enum { OPT_AB = 256, OPT_TISSUE, OPT_QUANTITY, OPT_REFERENCE, OPT_CROSSOVER };

static const struct option compare_options[] = {
    { "ab", required_argument, NULL, OPT_AB },
    { "tissue", required_argument, NULL, OPT_TISSUE },
    { "quantity", required_argument, NULL, OPT_QUANTITY },
    { "reference", required_argument, NULL, OPT_REFERENCE },
    { "crossover", no_argument, NULL, OPT_CROSSOVER },
    { "help", no_argument, NULL, 'h' },
    COMMON_LONG_OPTIONS,
    MODEL_LONG_OPTIONS,
    { NULL, 0, NULL, 0 },
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
    char num[32], iv[48] = "";
    out_real_exact(num, sizeof(num), e->ab_gy);
    if (e->interval.has)
        snprintf(iv, sizeof(iv), " (%.3g-%.3g)", e->interval.low, e->interval.high);
    if (e->tissue != NULL)
        snprintf(buf, size, "%.40s, a/b %s%s", e->tissue->id, num, iv);
    else
        snprintf(buf, size, "a/b %s%s", num, iv);
}

/* The wide table: label, total dose, fractions, dose per fraction, then
 * the columns of each alpha/beta. */
enum { WIDE_FIXED = 4 };

int cmd_compare(int argc, char **argv)
{
    ab_list abs;
    model_args ma;
    rtfrac_mc_workspace *mc = NULL;
    out_opts opts = { OUT_TEXT, -1 };
    out_doc doc;
    preset_path pp;
    rtfrac_presets *presets = NULL;
    rx_arg *rxs = NULL, ref;
    const char *ref_arg = NULL;
    int quantity = Q_EQD2, crossover = 0, rc = CLI_OK, c, need_presets = 0;
    char headers[AB_MAX * 4][160]; /* copied by out_doc_table */
    size_t nh = 0;

    memset(&abs, 0, sizeof(abs));
    memset(&pp, 0, sizeof(pp));
    model_args_init(&ma);
    memset(&ref, 0, sizeof(ref));
    out_doc_init(&doc, "compare");
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", compare_options, NULL)) != -1) {
        switch (c) {
        case OPT_AB:
            rc = ab_list_add_values(&abs, "--ab", optarg);
            break;
        case OPT_TISSUE:
            rc = ab_list_add_tissues(&abs, "--tissue", optarg);
            need_presets = 1;
            break;
        case OPT_QUANTITY:
            if (strcmp(optarg, "eqd2") == 0)
                quantity = Q_EQD2;
            else if (strcmp(optarg, "bed") == 0)
                quantity = Q_BED;
            else if (strcmp(optarg, "both") == 0)
                quantity = Q_BOTH;
            else
                rc = cli_error("unknown --quantity '%s'; accepted: eqd2, bed, both", optarg);
            break;
        case OPT_REFERENCE:
            if (ref_arg != NULL)
                rc = cli_error("--reference given twice");
            ref_arg = optarg;
            break;
        case OPT_CROSSOVER:
            crossover = 1;
            break;
        case 'h':
            rc = cli_help_fmt(compare_help, model_options_help);
            goto done;
        default:
            rc = cli_common_option(c, optarg, &opts, &pp);
            if (rc < 0)
                rc = model_args_option(&ma, c, optarg);
            if (rc < 0)
                rc = cli_option_error("compare", argv, optind, optopt);
            break;
        }
        if (rc != CLI_OK)
            goto done;
    }
    if ((rc = model_args_finish(&ma)) != CLI_OK)
        goto done;
    int n = argc - optind;
    if (crossover && !model_args_plain(&ma)) {
        rc = cli_error("--crossover uses the closed form of plain LQ; leave out --model, --time and --per-day to compute it");
        goto done;
    }
    if (n < 1 || (n < 2 && ref_arg == NULL)) {
        rc = cli_error("compare needs at least two schemes, or one and --reference; e.g. 'rtfrac compare 60/30 54/3'");
        goto done;
    }
    if (crossover && n < 2) {
        rc = cli_error("--crossover needs at least two schemes");
        goto done;
    }
    rxs = calloc((size_t)n, sizeof(*rxs));
    if (rxs == NULL) {
        rc = cli_error("out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++) {
        if ((rc = rx_arg_parse(argv[optind + i], "scheme", &rxs[i])) != CLI_OK)
            goto done;
        need_presets |= rxs[i].is_scheme;
    }
    if (ref_arg != NULL) {
        if ((rc = rx_arg_parse(ref_arg, "--reference", &ref)) != CLI_OK)
            goto done;
        need_presets |= ref.is_scheme;
    }
    if (need_presets) {
        if ((rc = preset_path_load(&pp, &presets)) != CLI_OK || (rc = ab_list_resolve(&abs, presets, ma.use_ci)) != CLI_OK)
            goto done;
        for (int i = 0; i < n; i++)
            if ((rc = rx_arg_resolve(&rxs[i], presets)) != CLI_OK)
                goto done;
        if (ref_arg != NULL && (rc = rx_arg_resolve(&ref, presets)) != CLI_OK)
            goto done;
    }
    int default_ab = abs.n == 0;
    if (default_ab) {
        ab_list_add_defaults(&abs, &ma, 1, 1);
    }
    int intervals = ab_list_has_interval(&abs) || ma.o.tk_interval.has || ma.o.dprolif_interval.has;
    int nunc = ab_list_has_interval(&abs) + ma.o.tk_interval.has + ma.o.dprolif_interval.has;
    if (nunc > 1 && (mc = rtfrac_uncertainty_mc_alloc(ma.samples, ma.seed)) == NULL) {
        rc = cli_error("out of memory for %lu Monte Carlo samples", ma.samples);
        goto done;
    }

    /* the long table, for scripts */
    out_col long_cols[40];
    size_t nl = effect_columns(long_cols, &ma, intervals, nunc > 1);
    if (ref_arg != NULL) {
        long_cols[nl++] = (out_col){ "reference_label", "Reference", OUT_STR, 0 };
        long_cols[nl++] = (out_col){ "diff_gy", "Difference (Gy)", OUT_REAL, 0 };
        long_cols[nl++] = (out_col){ "ratio", "Ratio", OUT_REAL, 0 };
    }
    out_table *lt = out_doc_table(&doc, "rows", NULL, long_cols, nl);
    /* the wide table, for people */
    out_col wide[4 + AB_MAX * 4];
    size_t nw = 0;
    wide[nw++] = (out_col){ "label", "Scheme", OUT_STR, 0 };
    wide[nw++] = (out_col){ "total_dose_gy", "Total dose (Gy)", OUT_REAL, OUT_AS_GIVEN };
    wide[nw++] = (out_col){ "fractions", "Fractions", OUT_INT, 0 };
    wide[nw++] = (out_col){ "dose_per_fraction_gy", "Dose/fraction (Gy)", OUT_REAL, 0 };
    assert(nw == WIDE_FIXED); /* then one column per headers[h], set by index */
    for (size_t k = 0; k < abs.n; k++) {
        char abt[112];
        ab_text(&abs.e[k], abt, sizeof(abt));
        if (quantity & Q_EQD2) {
            snprintf(headers[nh], sizeof(headers[nh]), "EQD2%s (Gy), %s", ma.o.time ? " with time" : "", abt);
            wide[nw++] = (out_col){ headers[nh], headers[nh], intervals ? OUT_STR : OUT_REAL, 0 };
            nh++;
        }
        if (quantity & Q_BED) {
            snprintf(headers[nh], sizeof(headers[nh]), "BED%s (Gy), %s", ma.o.time ? " with time" : "", abt);
            wide[nw++] = (out_col){ headers[nh], headers[nh], intervals ? OUT_STR : OUT_REAL, 0 };
            nh++;
        }
        if (ref_arg != NULL) {
            snprintf(headers[nh], sizeof(headers[nh]), "diff (Gy), %s", abt);
            wide[nw++] = (out_col){ headers[nh], headers[nh], OUT_REAL, 0 };
            nh++;
            snprintf(headers[nh], sizeof(headers[nh]), "ratio, %s", abt);
            wide[nw++] = (out_col){ headers[nh], headers[nh], OUT_REAL, 0 };
            nh++;
        }
    }
    out_table *wt = out_doc_table(&doc, "wide", NULL, wide, nw);
    if (lt == NULL || wt == NULL) {
        rc = cli_error("out of memory");
        goto done;
    }
    lt->flags = OUT_TABLE_MACHINE_ONLY;
    wt->flags = OUT_TABLE_HUMAN_ONLY;

    for (int i = 0; i < n; i++) {
        const rtfrac_rx *rx = &rxs[i].rx;
        double d = rx->total_dose_gy / (double)rx->fractions;
        warn_lq_validity(&ma, rx->label, rx->total_dose_gy, rx->fractions);
        long wr = out_row(wt);
        if (wr < 0 || out_str(wt, wr, "label", rx->label) ||
            out_real(wt, wr, "total_dose_gy", rx->total_dose_gy) ||
            out_int(wt, wr, "fractions", (long long)rx->fractions) ||
            out_real(wt, wr, "dose_per_fraction_gy", d))
            goto oom;
        size_t h = 0;
        for (size_t k = 0; k < abs.n; k++) {
            const ab_entry *e = &abs.e[k];
            effect ef, re;
            long lr = effect_row(lt, &doc, &ma, mc, rx->label, rx, rxs[i].calendar, rxs[i].calendar_has, e,
                                 opts.precision, &ef.range, &rc);
            if (lr < 0)
                goto done;
            ef.bed_gy = ef.range.estimate.bed_gy;
            ef.eqd2_gy = ef.range.estimate.eqd2_gy;
            if (ref_arg != NULL && (rc = compute(&ma, mc, &ref, e, &re)) != CLI_OK)
                goto done;
            double diff = 0.0, ratio = 0.0;
            if (ref_arg != NULL) {
                diff = chosen(&ef, quantity) - chosen(&re, quantity);
                ratio = chosen(&ef, quantity) / chosen(&re, quantity);
                if (out_str(lt, lr, "reference_label", ref.rx.label) || out_real(lt, lr, "diff_gy", diff) ||
                    out_real(lt, lr, "ratio", ratio))
                    goto oom;
            }
            char cell[128];
            int p = opts.precision >= 0 ? opts.precision : 2;
            for (int qk = Q_EQD2; qk <= Q_BED; qk++) {
                if (!(quantity & qk))
                    continue;
                double v = qk == Q_EQD2 ? ef.eqd2_gy : ef.bed_gy;
                double lo = qk == Q_EQD2 ? ef.range.eqd2_low_gy : ef.range.bed_low_gy;
                double hi = qk == Q_EQD2 ? ef.range.eqd2_high_gy : ef.range.bed_high_gy;
                if (!intervals) {
                    if (out_real_at(wt, wr, WIDE_FIXED + h++, v))
                        goto oom;
                    continue;
                }
                if (ef.range.method != RTFRAC_RANGE_NONE)
                    out_real_range(cell, sizeof(cell), v, lo, hi, p);
                else
                    out_real_fixed(cell, sizeof(cell), v, p);
                if (out_str_at(wt, wr, WIDE_FIXED + h++, cell))
                    goto oom;
            }
            if (ref_arg != NULL && (out_real_at(wt, wr, WIDE_FIXED + h, diff) ||
                                    out_real_at(wt, wr, WIDE_FIXED + h + 1, ratio)))
                goto oom;
            if (ref_arg != NULL)
                h += 2;
        }
    }

    /* does the ranking of two schemes flip inside an alpha/beta interval? */
    if (model_args_plain(&ma)) {
        for (size_t k = 0; k < abs.n; k++) {
            const ab_entry *e = &abs.e[k];
            if (!e->interval.has)
                continue;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++) {
                    const rtfrac_rx *a = &rxs[i].rx, *b = &rxs[j].rx;
                    rtfrac_crossover x;
                    if (rtfrac_iso_crossover(a->total_dose_gy, a->total_dose_gy / (double)a->fractions,
                                             b->total_dose_gy, b->total_dose_gy / (double)b->fractions,
                                             &x) != RTFRAC_OK)
                        continue;
                    const char *hi = x.a_higher_below > 0 ? a->label : b->label;
                    const char *lo = x.a_higher_below > 0 ? b->label : a->label;
                    int bad = 0;
                    if (x.kind == RTFRAC_CROSS_AT && x.alpha_beta_gy >= e->interval.low &&
                        x.alpha_beta_gy <= e->interval.high)
                        bad = out_note(&doc, "Ranking flips within the alpha/beta interval %g-%g Gy: %s and %s cross at %.3g Gy (%s gives the higher BED below it, %s above).",
                                 e->interval.low, e->interval.high, a->label, b->label, x.alpha_beta_gy, hi, lo);
                    else if (x.kind != RTFRAC_CROSS_IDENTICAL)
                        bad = out_note(&doc, "No flip within the alpha/beta interval %g-%g Gy between %s and %s: %s gives the higher BED throughout.",
                                 e->interval.low, e->interval.high, a->label, b->label,
                                 (x.kind == RTFRAC_CROSS_AT && e->interval.high < x.alpha_beta_gy) ? hi
                                 : (x.kind == RTFRAC_CROSS_AT) ? lo : hi);
                    if (bad)
                        goto oom;
                }
        }
    }

    if (crossover) {
        static const out_col cross_cols[] = {
            { "scheme_a", "Scheme A", OUT_STR, 0 },
            { "scheme_b", "Scheme B", OUT_STR, 0 },
            { "relation", "Relation", OUT_STR, 0 },
            { "crossover_alpha_beta_gy", "Crossover alpha/beta (Gy)", OUT_REAL, 0 },
            { "higher_below", "Higher BED below", OUT_STR, 0 },
            { "statement", "Meaning", OUT_STR, 0 },
        };
        out_table *ct = out_doc_table(&doc, "crossovers", "Crossovers (alpha/beta at which two schemes give the same BED)",
                                      cross_cols, 6);
        if (ct == NULL)
            goto oom;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                const rtfrac_rx *a = &rxs[i].rx, *b = &rxs[j].rx;
                rtfrac_crossover x;
                char sentence[512], num[32];
                if (rtfrac_iso_crossover(a->total_dose_gy, a->total_dose_gy / (double)a->fractions,
                                         b->total_dose_gy, b->total_dose_gy / (double)b->fractions,
                                         &x) != RTFRAC_OK) {
                    rc = cli_error("cannot compare '%s' and '%s'", a->label, b->label);
                    goto done;
                }
                long r = out_row(ct);
                if (r < 0 || out_str(ct, r, "scheme_a", a->label) || out_str(ct, r, "scheme_b", b->label))
                    goto oom;
                const char *hi = x.a_higher_below > 0 ? a->label : b->label;
                const char *lo = x.a_higher_below > 0 ? b->label : a->label;
                switch (x.kind) {
                case RTFRAC_CROSS_AT:
                    snprintf(num, sizeof(num), "%.3g", x.alpha_beta_gy);
                    snprintf(sentence, sizeof(sentence),
                             "%s gives the higher BED for alpha/beta below %s Gy, %s above it",
                             hi, num, lo);
                    if (out_str(ct, r, "relation", "cross") ||
                        out_real(ct, r, "crossover_alpha_beta_gy", x.alpha_beta_gy) ||
                        out_str(ct, r, "higher_below", hi))
                        goto oom;
                    break;
                case RTFRAC_CROSS_NEVER:
                    snprintf(sentence, sizeof(sentence),
                             "never iso-effective: %s gives the higher BED at every alpha/beta", hi);
                    if (out_str(ct, r, "relation", "never") || out_str(ct, r, "higher_below", hi))
                        goto oom;
                    break;
                case RTFRAC_CROSS_IDENTICAL:
                    snprintf(sentence, sizeof(sentence),
                             "identical: the same BED at every alpha/beta");
                    if (out_str(ct, r, "relation", "identical"))
                        goto oom;
                    break;
                }
                if (out_str(ct, r, "statement", sentence))
                    goto oom;
            }
        }
        if (out_note(&doc, "Crossover: alpha/beta = (D_B d_B - D_A d_A) / (D_A - D_B). A higher BED means more effect: more tumour control for a tumour, more damage for a normal tissue.") < 0)
            goto oom;
    }

    note_model(&doc, &ma);
    if (default_ab &&
        out_note(&doc, "alpha/beta not given: the defaults 10 Gy (tumour, early-responding tissue) and 3 Gy (late-responding tissue) are used; set them with --ab or --tissue.") < 0)
        goto oom;
    if (ref_arg != NULL) {
        char tot[32];
        out_real_exact(tot, sizeof(tot), ref.rx.total_dose_gy);
        if (out_note(&doc, "Reference %s: %s Gy in %lu fractions; diff = scheme - reference (%s, Gy), ratio = scheme / reference.",
                     ref.rx.label, tot, ref.rx.fractions, quantity == Q_BED ? "BED" : "EQD2") < 0)
            goto oom;
    }
    for (size_t k = 0; k < abs.n; k++)
        if (abs.e[k].tissue != NULL)
            note_tissue_source(&doc, abs.e[k].tissue);
    for (int i = 0; i < n; i++)
        if (rxs[i].scheme != NULL)
            note_scheme_source(&doc, rxs[i].scheme);
    if (ref.scheme != NULL)
        note_scheme_source(&doc, ref.scheme);
    if ((rc = model_args_check_used(&ma)) != CLI_OK)
        goto done;
    rc = cli_emit(&doc, &opts);
    goto done;
oom:
    cli_error("out of memory or a value out of range");
    rc = CLI_EFAIL;
done:
    free(rxs);
    rtfrac_uncertainty_mc_free(mc);
    rtfrac_presets_free(presets);
    preset_path_release(&pp);
    out_doc_release(&doc);
    return rc;
}
