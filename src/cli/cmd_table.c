/* rtfrac table: dose tables for reports and wall charts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "presets_path.h"

static const char table_help[] =
    "usage: rtfrac table --dose-per-fraction FROM:TO[:STEP] --fractions FROM:TO[:STEP]\n"
    "                    [--ab LIST] [--tissue LIST] [--quantity eqd2|bed|total]\n"
    "       rtfrac table --iso-eqd2 X | --iso-bed X  --fractions FROM:TO[:STEP]\n"
    "                    [--ab LIST] [--tissue LIST]\n"
    "\n"
    "Dose tables for a report or a wall chart.\n"
    "  --dose-per-fraction A:B:S  rows: doses per fraction from A to B Gy in steps\n"
    "                       of S Gy (default step 0.1), e.g. 1.8:10:0.2\n"
    "  --fractions A:B:S    columns (or, for iso tables, rows): fraction counts\n"
    "                       from A to B in steps of S (default 1), e.g. 1:40\n"
    "  --quantity Q         eqd2 (default), bed, or total (the physical total dose)\n"
    "  --iso-eqd2 X         for each fraction count, the total dose and dose per\n"
    "                       fraction whose EQD2 is X Gy (the iso-effect table):\n"
    "                       d = 2 (BED/n) / (1 + sqrt(1 + 4 BED/(n alpha/beta))),\n"
    "                       BED = X (1 + 2/(alpha/beta))\n"
    "  --iso-bed X          the same for a BED of X Gy\n"
    "  --ab LIST, --tissue LIST  one table (or block of rows) per alpha/beta\n"
    "                       (default 3 Gy)\n"
    "  --preset-dir DIR, --format FMT, --precision N, -h/--help as in calc\n"
    "\n"
    "Output: text and md print the grid (rows: dose per fraction, columns:\n"
    "fractions), one grid per alpha/beta.  csv, tsv and json print long rows\n"
    "with the calc columns (label, total_dose_gy, fractions,\n"
    "dose_per_fraction_gy, tissue, alpha_beta_gy, bed_gy, eqd2_gy, model).\n"
    "Iso tables print rows with the calc columns in every format.\n"
    "\n"
    "Examples:\n"
    "  rtfrac table --dose-per-fraction 1.8:3:0.2 --fractions 1:10 --ab 3\n"
    "  rtfrac table --iso-eqd2 60 --ab 3,10 --fractions 1:40\n"
    "\n"
    "%s";

enum { OPT_AB = 256, OPT_TISSUE, OPT_DPF, OPT_FRACTIONS, OPT_QUANTITY, OPT_ISO_EQD2,
       OPT_ISO_BED };

static const struct option table_options[] = {
    { "ab", required_argument, NULL, OPT_AB },
    { "tissue", required_argument, NULL, OPT_TISSUE },
    { "dose-per-fraction", required_argument, NULL, OPT_DPF },
    { "fractions", required_argument, NULL, OPT_FRACTIONS },
    { "quantity", required_argument, NULL, OPT_QUANTITY },
    { "iso-eqd2", required_argument, NULL, OPT_ISO_EQD2 },
    { "iso-bed", required_argument, NULL, OPT_ISO_BED },
    { "help", no_argument, NULL, 'h' },
    COMMON_LONG_OPTIONS,
    MODEL_LONG_OPTIONS,
    { NULL, 0, NULL, 0 },
};

#define TABLE_CELLS_MAX 200000UL

/* A range FROM:TO[:STEP], stepped in decimal so that 1.8:10:0.2 gives
 * 1.8, 2, 2.2, ... exactly as written. */
typedef struct range {
    long long from, to, step; /* in units of 10^-decimals */
    int decimals;
    size_t count;
} range;

static int decimals_of(const char *s)
{
    const char *dot = strchr(s, '.');
    if (dot == NULL)
        return 0;
    int n = 0;
    for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
        n++;
    return n;
}

static int parse_range(const char *option, const char *text, double default_step, int whole,
                       range *r)
{
    char buf[96], *parts[3];
    size_t np = 0;
    if (strlen(text) >= sizeof(buf))
        return cli_error("%s '%s' is too long", option, text);
    snprintf(buf, sizeof(buf), "%s", text);
    parts[np++] = buf;
    for (char *p = buf; *p; p++)
        if (*p == ':') {
            *p = '\0';
            if (np == 3)
                return cli_error("invalid %s '%s'; write FROM:TO or FROM:TO:STEP", option, text);
            parts[np++] = p + 1;
        }
    if (np < 2)
        return cli_error("invalid %s '%s'; write a range FROM:TO or FROM:TO:STEP, e.g. %s", option,
                         text, whole ? "1:40" : "1.8:10:0.2");
    double v[3] = { 0.0, 0.0, default_step };
    int dec = 0;
    for (size_t i = 0; i < np; i++) {
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        if (rtfrac_num_parse(parts[i], &v[i], &d) != RTFRAC_OK)
            return cli_error("invalid %s '%s': %s", option, text, d.message);
        int k = decimals_of(parts[i]);
        dec = k > dec ? k : dec;
    }
    if (np == 2 && !whole && dec < 1)
        dec = 1; /* the default step of 0.1 Gy needs one decimal */
    if (whole && dec > 0)
        return cli_error("%s '%s' must be whole numbers", option, text);
    if (dec > 6)
        return cli_error("%s '%s' has more than 6 decimals", option, text);
    double scale = pow(10.0, dec);
    if (!(v[0] > 0.0) || !(v[1] >= v[0]) || !(v[2] > 0.0) || v[1] * scale > 1e12)
        return cli_error("invalid %s '%s'; need 0 < FROM <= TO and STEP > 0", option, text);
    r->decimals = dec;
    r->from = llround(v[0] * scale);
    r->to = llround(v[1] * scale);
    r->step = llround(v[2] * scale);
    if (r->step < 1)
        return cli_error("invalid %s '%s': the step is finer than the decimals written", option, text);
    r->count = (size_t)((r->to - r->from) / r->step) + 1;
    return CLI_OK;
}

static double range_at(const range *r, size_t i)
{
    return (double)(r->from + (long long)i * r->step) / pow(10.0, r->decimals);
}

enum { Q_EQD2, Q_BED, Q_TOTAL };

int cmd_table(int argc, char **argv)
{
    ab_list abs;
    model_args ma;
    out_opts opts = { OUT_TEXT, -1 };
    out_doc doc;
    preset_path pp;
    rtfrac_presets *presets = NULL;
    range dr, nr;
    int have_d = 0, have_n = 0, quantity = Q_EQD2, have_iso = 0, iso_is_bed = 0, rc = CLI_OK, c;
    double iso = 0.0, above_lq = 0.0;

    memset(&abs, 0, sizeof(abs));
    memset(&pp, 0, sizeof(pp));
    model_args_init(&ma);
    out_doc_init(&doc, "table");
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", table_options, NULL)) != -1) {
        switch (c) {
        case OPT_AB:
            rc = ab_list_add_values(&abs, "--ab", optarg);
            break;
        case OPT_TISSUE:
            rc = ab_list_add_tissues(&abs, "--tissue", optarg);
            break;
        case OPT_DPF:
            rc = parse_range("--dose-per-fraction", optarg, 0.1, 0, &dr);
            have_d = 1;
            break;
        case OPT_FRACTIONS:
            rc = parse_range("--fractions", optarg, 1.0, 1, &nr);
            have_n = 1;
            break;
        case OPT_QUANTITY:
            if (strcmp(optarg, "eqd2") == 0)
                quantity = Q_EQD2;
            else if (strcmp(optarg, "bed") == 0)
                quantity = Q_BED;
            else if (strcmp(optarg, "total") == 0)
                quantity = Q_TOTAL;
            else
                rc = cli_error("unknown --quantity '%s'; accepted: eqd2, bed, total", optarg);
            break;
        case OPT_ISO_EQD2:
        case OPT_ISO_BED:
            if (have_iso)
                rc = cli_error("give one of --iso-eqd2 and --iso-bed");
            else
                rc = cli_parse_gy(c == OPT_ISO_EQD2 ? "--iso-eqd2" : "--iso-bed", optarg, &iso);
            have_iso = 1;
            iso_is_bed = c == OPT_ISO_BED;
            break;
        case 'h':
            rc = cli_help_fmt(table_help, model_options_help);
            goto done;
        default:
            rc = cli_common_option(c, optarg, &opts, &pp);
            if (rc < 0)
                rc = model_args_option(&ma, c, optarg);
            if (rc < 0)
                rc = cli_option_error("table", argv, optind, optopt);
            break;
        }
        if (rc != CLI_OK)
            goto done;
    }
    if ((rc = model_args_finish(&ma)) != CLI_OK)
        goto done;
    if (optind < argc) {
        rc = cli_error("unexpected argument '%s'; table takes options only (see 'rtfrac table --help')",
                       argv[optind]);
        goto done;
    }
    if (!have_n || have_d == have_iso) {
        rc = cli_error("give --fractions and either --dose-per-fraction (a grid) or --iso-eqd2/--iso-bed (an iso-effect table)");
        goto done;
    }
    if (ma.use_ci || ab_list_has_interval(&abs) || ma.o.tk_interval.has || ma.o.dprolif_interval.has) {
        rc = cli_error("table does not take parameter intervals; give the values one by one, e.g. --ab 0.8,1.5,2.2");
        goto done;
    }
    if (nr.to > (long long)RTFRAC_FRACTIONS_MAX) {
        rc = cli_error("--fractions goes up to at most %lu", RTFRAC_FRACTIONS_MAX);
        goto done;
    }
    if (abs.tissues) {
        if ((rc = preset_path_load(&pp, &presets)) != CLI_OK ||
            (rc = ab_list_resolve(&abs, presets, 0)) != CLI_OK)
            goto done;
    }
    int default_ab = abs.n == 0;
    if (default_ab)
        ab_list_add_defaults(&abs, &ma, 0, 1);
    size_t rows = have_d ? dr.count : 1;
    if ((unsigned long)rows * nr.count * abs.n > TABLE_CELLS_MAX) {
        rc = cli_error("the table would have more than %lu cells; use larger steps", TABLE_CELLS_MAX);
        goto done;
    }

    out_col cols[32];
    size_t ncols = effect_columns(cols, &ma, 0, 0);
    cols[1].flags &= ~(unsigned)OUT_AS_GIVEN; /* total_dose_gy: computed here, not typed */
    out_table *lt = out_doc_table(&doc, "rows", NULL, cols, ncols);
    if (lt == NULL)
        goto oom;
    if (have_d)
        lt->flags = OUT_TABLE_MACHINE_ONLY;
    const char *qname = quantity == Q_EQD2 ? (ma.o.time ? "EQD2 with time" : "EQD2")
                        : quantity == Q_BED ? (ma.o.time ? "BED with time" : "BED")
                                            : "Total dose";

    for (size_t k = 0; k < abs.n; k++) {
        const ab_entry *e = &abs.e[k];
        rtfrac_row rw;
        char what[96];
        char title[192]; /* copied by out_doc_table */
        snprintf(what, sizeof(what), "alpha/beta %g Gy", e->ab_gy);
        if ((rc = model_for_row(&ma, e, NULL, 0, what, &rw)) != CLI_OK)
            goto done;
        const rtfrac_model *m = &rw.model;
        out_table *wt = NULL;
        if (have_d) {
            /* the human grid: rows dose per fraction, columns fractions */
            out_col wide[4100];
            size_t nw = 0;
            wide[nw++] = (out_col){ "dose_per_fraction_gy", "d (Gy) \\ n", OUT_REAL, 0 };
            if (nr.count > 4000) {
                rc = cli_error("at most 4000 fraction counts in a grid");
                goto done;
            }
            char (*headers)[24] = malloc(nr.count * sizeof(*headers)); /* copied by out_doc_table */
            if (headers == NULL)
                goto oom;
            for (size_t j = 0; j < nr.count; j++) {
                snprintf(headers[j], sizeof(headers[j]), "%.0f", range_at(&nr, j));
                wide[nw++] = (out_col){ headers[j], headers[j], OUT_REAL, 0 };
            }
            snprintf(title, sizeof(title), "%s (Gy) at alpha/beta %g Gy%s%s%s", qname, e->ab_gy,
                     e->tissue ? " (" : "", e->tissue ? e->tissue->id : "", e->tissue ? ")" : "");
            wt = out_doc_table(&doc, "grid", title, wide, nw);
            free(headers);
            if (wt == NULL)
                goto oom;
            wt->flags = OUT_TABLE_HUMAN_ONLY;
        }
        for (size_t i = 0; i < rows; i++) {
            long wr = -1;
            if (have_d) {
                wr = out_row(wt);
                if (wr < 0 || out_real(wt, wr, "dose_per_fraction_gy", range_at(&dr, i)))
                    goto oom;
            }
            for (size_t j = 0; j < nr.count; j++) {
                unsigned long n = (unsigned long)range_at(&nr, j);
                rtfrac_rx rx;
                char label[64];
                memset(&rx, 0, sizeof(rx));
                rx.fractions = n;
                if (have_d) {
                    rx.total_dose_gy = range_at(&dr, i) * (double)n;
                } else {
                    double bed = iso, d = 0.0;
                    if (!iso_is_bed && rtfrac_model_bed_from_eqdx(m, iso, rw.alpha_beta_gy, 2.0, &bed) != RTFRAC_OK)
                        goto oom;
                    if (rtfrac_model_solve_dose_per_fraction(m, bed, n, rw.alpha_beta_gy, &d) != RTFRAC_OK) {
                        rc = cli_error("no dose in %lu fractions reaches %s %g Gy at alpha/beta %g Gy",
                                       n, iso_is_bed ? "BED" : "EQD2", iso, e->ab_gy);
                        goto done;
                    }
                    rx.total_dose_gy = d * (double)n;
                }
                snprintf(label, sizeof(label), "%lu fx", n);
                if (rx.total_dose_gy / (double)n > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY &&
                    m->kind == RTFRAC_MODEL_LQ)
                    above_lq = rx.total_dose_gy / (double)n > above_lq ? rx.total_dose_gy / (double)n
                                                                        : above_lq;
                rtfrac_effect_range r;
                if (effect_row(lt, &doc, &ma, NULL, label, &rx, NULL, 0, e, opts.precision, &r, &rc) < 0)
                    goto done;
                if (have_d) {
                    double v = quantity == Q_EQD2 ? r.estimate.eqd2_gy
                               : quantity == Q_BED ? r.estimate.bed_gy : rx.total_dose_gy;
                    if (out_real_at(wt, wr, 1 + j, v)) /* column 0 is d */
                        goto oom;
                }
            }
        }
        if (e->tissue)
            note_tissue_source(&doc, e->tissue);
    }
    if (have_iso)
        out_note(&doc, "Iso-effect table: for each fraction count n, the dose per fraction d with %s %g Gy: d = 2 (BED/n) / (1 + sqrt(1 + 4 BED/(n alpha/beta)))%s.",
                 iso_is_bed ? "BED" : "EQD2", iso, iso_is_bed ? "" : ", BED = EQD2 (1 + 2/(alpha/beta))");
    else
        out_note(&doc, "Rows: dose per fraction d (Gy); columns: number of fractions n; cells: %s%s.", qname,
                 quantity == Q_TOTAL ? " n d (Gy)" : " (Gy)");
    note_model(&doc, &ma);
    if (default_ab)
        out_note(&doc, "alpha/beta not given: 3 Gy (late-responding tissue) is used; set it with --ab or --tissue.");
    if (above_lq > 0.0)
        cli_warn("the table has doses per fraction above %g Gy (up to %.4g Gy); the linear-quadratic model is uncertain there (see --model lql or usc)",
                 RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY, above_lq);
    if ((rc = model_args_check_used(&ma)) != CLI_OK)
        goto done;
    rc = cli_emit(&doc, &opts);
    goto done;
oom:
    cli_error("out of memory or a value out of range");
    rc = CLI_EFAIL;
done:
    rtfrac_presets_free(presets);
    preset_path_release(&pp);
    out_doc_release(&doc);
    return rc;
}
