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
    "usage: rtfrac table --dose-per-fraction RANGE --fractions RANGE\n"
    "                    [--ab LIST] [--tissue LIST] [--quantity eqd2|bed|total]\n"
    "       rtfrac table --iso-eqd2 X | --iso-bed X  --fractions RANGE\n"
    "                    [--ab LIST] [--tissue LIST]\n"
    "\n"
    "Dose tables for a report or a wall chart.  A RANGE is one value (5), a list\n"
    "(5,10,20) or FROM:TO[:STEP], stepped in decimal: 1.8:10:0.2 gives 1.8, 2,\n"
    "2.2, ... exactly as written.\n"
    "  --dose-per-fraction RANGE  rows: doses per fraction (Gy); default step\n"
    "                       0.1, e.g. 1.8:10:0.2\n"
    "  --fractions RANGE    columns (or, for iso tables, rows): fraction counts,\n"
    "                       whole numbers; default step 1, e.g. 1:40 or 5,15,25\n"
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

/* --dose-per-fraction and --fractions through the library's range parser. */
static int parse_range(const char *option, const char *text, int whole, rtfrac_table_range *r)
{
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_table_range_parse(text, whole, whole ? "1" : "0.1", r, &d) != RTFRAC_OK)
        return cli_diag_error(option, text, &d);
    if (whole && rtfrac_table_fractions_check(r, &d) != RTFRAC_OK)
        return cli_error("invalid %s '%s': %s", option, text, d.message);
    return CLI_OK;
}

/* The human grid of one alpha/beta: rows dose per fraction, columns
 * fractions, cells the quantity q. */
static int render_grid(out_doc *doc, const char *title, const rtfrac_table_range *dr,
                       const rtfrac_table_range *nr, const rtfrac_table_cell *cells,
                       rtfrac_table_quantity q)
{
    size_t ncol = rtfrac_table_range_count(nr), nrow = rtfrac_table_range_count(dr);
    out_col *wide = malloc((ncol + 1) * sizeof(*wide));
    char (*headers)[24] = malloc(ncol * sizeof(*headers)); /* copied by out_doc_table */
    out_table *wt = NULL;
    int bad = wide == NULL || headers == NULL;
    if (!bad) {
        wide[0] = (out_col){ "dose_per_fraction_gy", "d (Gy) \\ n", OUT_REAL, 0 };
        for (size_t j = 0; j < ncol; j++) {
            snprintf(headers[j], sizeof(headers[j]), "%lu", cells[j].fractions);
            wide[1 + j] = (out_col){ headers[j], headers[j], OUT_REAL, 0 };
        }
        wt = out_doc_table(doc, "grid", title, wide, ncol + 1);
        bad = wt == NULL;
    }
    if (!bad)
        wt->flags = OUT_TABLE_HUMAN_ONLY;
    for (size_t i = 0; !bad && i < nrow; i++) {
        long row = out_row(wt);
        bad = row < 0 || out_real(wt, row, "dose_per_fraction_gy", cells[i * ncol].dose_per_fraction_gy);
        for (size_t j = 0; !bad && j < ncol; j++) {
            double v = 0.0;
            bad = rtfrac_table_cell_quantity(&cells[i * ncol + j], q, &v) != RTFRAC_OK ||
                  out_real_at(wt, row, 1 + j, v); /* column 0 is d */
        }
    }
    free(headers);
    free(wide);
    if (bad) {
        cli_error("out of memory or a value out of range");
        return CLI_EFAIL;
    }
    return CLI_OK;
}

/* What one table asks for, the same at every alpha/beta. */
typedef struct table_job {
    const rtfrac_table_range *dr, *nr;
    int grid;                        /* a grid, else an iso-effect table */
    rtfrac_table_quantity quantity;  /* grid cells */
    const char *qname;
    double iso_gy;
    rtfrac_table_quantity iso_quantity;
} table_job;

/* One alpha/beta: its row model (the library's rule), the library's cells,
 * then the human grid and the long rows. */
static int table_one_alpha_beta(out_doc *doc, out_table *lt, model_args *ma, const ab_entry *e,
                                const table_job *job, rtfrac_table_cell *cells, size_t ncells,
                                int precision, double *above_lq)
{
    rtfrac_row rw;
    rtfrac_diag d;
    char what[96];
    int rc;
    snprintf(what, sizeof(what), "alpha/beta %g Gy", e->ab_gy);
    if ((rc = model_for_row(ma, e, NULL, 0, what, &rw)) != CLI_OK)
        return rc;
    rtfrac_diag_clear(&d);
    int st = job->grid ? rtfrac_table_grid_cells(&rw.model, rw.alpha_beta_gy, job->dr, job->nr, cells)
                       : rtfrac_table_iso_cells(&rw.model, rw.alpha_beta_gy, job->iso_gy,
                                                job->iso_quantity, job->nr, cells, &d);
    if (st != RTFRAC_OK)
        return cli_error("cannot compute the table at alpha/beta %g Gy: %s", e->ab_gy,
                         d.message[0] ? d.message : rtfrac_strerror(st));
    if (job->grid) {
        char title[192]; /* copied by out_doc_table */
        snprintf(title, sizeof(title), "%s (Gy) at alpha/beta %g Gy%s%s%s", job->qname, e->ab_gy,
                 e->tissue ? " (" : "", e->tissue ? e->tissue->id : "", e->tissue ? ")" : "");
        if ((rc = render_grid(doc, title, job->dr, job->nr, cells, job->quantity)) != CLI_OK)
            return rc;
    }
    for (size_t i = 0; i < ncells; i++) {
        const rtfrac_table_cell *cell = &cells[i];
        rtfrac_effect_range r;
        char label[64];
        memset(&r, 0, sizeof(r));
        r.method = RTFRAC_RANGE_NONE;
        r.estimate = cell->effect;
        snprintf(label, sizeof(label), "%lu fx", cell->fractions);
        if (rw.model.kind == RTFRAC_MODEL_LQ && cell->dose_per_fraction_gy > *above_lq)
            *above_lq = cell->dose_per_fraction_gy;
        if (effect_row_write(lt, doc, ma, label, cell->total_dose_gy, cell->fractions, e, &rw, &r,
                             precision, &rc) < 0)
            return rc;
    }
    if (e->tissue)
        note_tissue_source(doc, e->tissue);
    return CLI_OK;
}

/* The notes under the table: what the cells are, the model, the defaults. */
static void table_notes(out_doc *doc, const model_args *ma, const table_job *job, int default_ab)
{
    const char *target = job->iso_quantity == RTFRAC_TABLE_BED ? "BED" : "EQD2";
    if (!job->grid && model_args_plain(ma) && ma->o.kind == RTFRAC_MODEL_LQ)
        out_note(doc, "Iso-effect table: for each fraction count n, the dose per fraction d with %s %g Gy: d = 2 (BED/n) / (1 + sqrt(1 + 4 BED/(n alpha/beta)))%s.",
                 target, job->iso_gy,
                 job->iso_quantity == RTFRAC_TABLE_BED ? "" : ", BED = EQD2 (1 + 2/(alpha/beta))");
    else if (!job->grid)
        out_note(doc, "Iso-effect table: for each fraction count n, the dose per fraction d with %s %g Gy under the model%s, solved numerically and verified by substitution.",
                 target, job->iso_gy,
                 job->iso_quantity == RTFRAC_TABLE_BED ? "" : " (its EQD2 converts 2 Gy fractions with the same model)");
    else
        out_note(doc, "Rows: dose per fraction d (Gy); columns: number of fractions n; cells: %s%s.",
                 job->qname, job->quantity == RTFRAC_TABLE_TOTAL ? " n d (Gy)" : " (Gy)");
    note_model(doc, ma);
    if (default_ab)
        out_note(doc, "alpha/beta not given: 3 Gy (late-responding tissue) is used; set it with --ab or --tissue.");
}

int cmd_table(int argc, char **argv)
{
    ab_list abs;
    model_args ma;
    out_opts opts = { OUT_TEXT, -1 };
    out_doc doc;
    preset_path pp;
    rtfrac_presets *presets = NULL;
    rtfrac_table_range dr, nr;
    rtfrac_table_quantity quantity = RTFRAC_TABLE_EQD2, iso_quantity = RTFRAC_TABLE_EQD2;
    rtfrac_table_cell *cells = NULL;
    int have_d = 0, have_n = 0, have_iso = 0, rc = CLI_OK, c;
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
            rc = parse_range("--dose-per-fraction", optarg, 0, &dr);
            have_d = 1;
            break;
        case OPT_FRACTIONS:
            rc = parse_range("--fractions", optarg, 1, &nr);
            have_n = 1;
            break;
        case OPT_QUANTITY:
            if (rtfrac_table_quantity_parse(optarg, &quantity) != RTFRAC_OK)
                rc = cli_error("unknown --quantity '%s'; accepted: eqd2, bed, total", optarg);
            break;
        case OPT_ISO_EQD2:
        case OPT_ISO_BED:
            if (have_iso)
                rc = cli_error("give one of --iso-eqd2 and --iso-bed");
            else
                rc = cli_parse_gy(c == OPT_ISO_EQD2 ? "--iso-eqd2" : "--iso-bed", optarg, &iso);
            have_iso = 1;
            iso_quantity = c == OPT_ISO_BED ? RTFRAC_TABLE_BED : RTFRAC_TABLE_EQD2;
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
    if (abs.tissues) {
        if ((rc = preset_path_load(&pp, &presets)) != CLI_OK ||
            (rc = ab_list_resolve(&abs, presets, 0)) != CLI_OK)
            goto done;
    }
    int default_ab = abs.n == 0;
    if (default_ab)
        ab_list_add_defaults(&abs, &ma, 0, 1);
    size_t ncells = rtfrac_table_range_count(&nr);
    if ((have_d && rtfrac_table_grid_size(&dr, &nr, &ncells) != RTFRAC_OK) ||
        ncells * abs.n > RTFRAC_TABLE_CELLS_MAX) {
        rc = cli_error("the table would have more than %lu cells; use larger steps", RTFRAC_TABLE_CELLS_MAX);
        goto done;
    }
    if ((cells = malloc(ncells * sizeof(*cells))) == NULL)
        goto oom;

    out_col cols[32];
    size_t ncols = effect_columns(cols, &ma, 0, 0);
    cols[1].flags &= ~(unsigned)OUT_AS_GIVEN; /* total_dose_gy: computed, not typed */
    out_table *lt = out_doc_table(&doc, "rows", NULL, cols, ncols);
    if (lt == NULL)
        goto oom;
    if (have_d)
        lt->flags = OUT_TABLE_MACHINE_ONLY;
    const char *qname = quantity == RTFRAC_TABLE_EQD2 ? (ma.o.time ? "EQD2 with time" : "EQD2")
                        : quantity == RTFRAC_TABLE_BED ? (ma.o.time ? "BED with time" : "BED")
                                                       : "Total dose";

    table_job job = { &dr, &nr, have_d, quantity, qname, iso, iso_quantity };
    for (size_t k = 0; k < abs.n; k++) {
        if ((rc = table_one_alpha_beta(&doc, lt, &ma, &abs.e[k], &job, cells, ncells,
                                       opts.precision, &above_lq)) != CLI_OK)
            goto done;
    }
    table_notes(&doc, &ma, &job, default_ab);
    if (above_lq > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY)
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
    free(cells);
    rtfrac_presets_free(presets);
    preset_path_release(&pp);
    out_doc_release(&doc);
    return rc;
}
