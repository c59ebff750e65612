/* rtfrac table: dose tables for reports and wall charts.
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

enum { OPT_AB = 256, OPT_TISSUE, OPT_DPF, OPT_FRACTIONS, OPT_QUANTITY, OPT_ISO_EQD2,
       OPT_ISO_BED };

static const cli_opt table_opts[] = {
    CLI_TEXT("usage: rtfrac table --dose-per-fraction RANGE --fractions RANGE\n"
             "                    [--ab LIST] [--tissue LIST] [--quantity eqd2|bed|total]\n"
             "       rtfrac table --iso-eqd2 X | --iso-bed X  --fractions RANGE\n"
             "                    [--ab LIST] [--tissue LIST]\n"
             "\n"
             "Dose tables for a report or a wall chart.  A RANGE is one value (5), a list\n"
             "(5,10,20) or FROM:TO[:STEP], stepped in decimal: 1.8:10:0.2 gives 1.8, 2,\n"
             "2.2, ... exactly as written.\n"),
    CLI_OPT("dose-per-fraction", "RANGE", OPT_DPF,
            "rows: doses per fraction (Gy); default step\n"
            "0.1, e.g. 1.8:10:0.2"),
    CLI_OPT("fractions", "RANGE", OPT_FRACTIONS,
            "columns (or, for iso tables, rows): fraction counts,\n"
            "whole numbers; default step 1, e.g. 1:40 or 5,15,25"),
    CLI_OPT("quantity", "Q", OPT_QUANTITY, "eqd2 (default), bed, or total (the physical total dose)"),
    CLI_OPT("iso-eqd2", "X", OPT_ISO_EQD2,
            "for each fraction count, the total dose and dose per\n"
            "fraction whose EQD2 is X Gy (the iso-effect table):\n"
            "d = 2 (BED/n) / (1 + sqrt(1 + 4 BED/(n alpha/beta))),\n"
            "BED = X (1 + 2/(alpha/beta))"),
    CLI_OPT("iso-bed", "X", OPT_ISO_BED, "the same for a BED of X Gy"),
    CLI_OPT_FLAGS("ab", "LIST", OPT_AB, CLI_OPT_JOIN | CLI_OPT_REPEAT, NULL),
    CLI_OPT_R("tissue", "LIST", OPT_TISSUE,
            "one table (or block of rows) per alpha/beta\n"
            "(default 3 Gy)"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Output: text and md print the grid (rows: dose per fraction, columns:\n"
             "fractions), one grid per alpha/beta.  csv, tsv and json print long rows\n"
             "with the calc columns (label, total_dose_gy, fractions,\n"
             "dose_per_fraction_gy, tissue, alpha_beta_gy, bed_gy, eqd2_gy, model).\n"
             "Iso tables print rows with the calc columns in every format.\n"
             "\n"
             "Examples:\n"
             "  rtfrac table --dose-per-fraction 1.8:3:0.2 --fractions 1:10 --ab 3\n"
             "  rtfrac table --iso-eqd2 60 --ab 3,10 --fractions 1:40\n"
             "\n"),
    CLI_INCLUDE(cli_model_group),
    CLI_OPT_END,
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
    rtfrac_table_range dr, nr;
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
    int st = job->grid ? rtfrac_table_grid_cells(&rw.model, rw.alpha_beta_gy, &job->dr, &job->nr, cells)
                       : rtfrac_table_iso_cells(&rw.model, rw.alpha_beta_gy, job->iso_gy,
                                                job->iso_quantity, &job->nr, cells, &d);
    if (st != RTFRAC_OK)
        return cli_error("cannot compute the table at alpha/beta %g Gy: %s", e->ab_gy,
                         d.message[0] ? d.message : rtfrac_strerror(st));
    if (job->grid) {
        char title[192]; /* copied by out_doc_table */
        snprintf(title, sizeof(title), "%s (Gy) at alpha/beta %g Gy%s%s%s", job->qname, e->ab_gy,
                 e->tissue ? " (" : "", e->tissue ? e->tissue->id : "", e->tissue ? ")" : "");
        if ((rc = render_grid(doc, title, &job->dr, &job->nr, cells, job->quantity)) != CLI_OK)
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

typedef struct table_state {
    ab_list abs;
    model_args ma;
    table_job job;
    int have_d, have_n, have_iso, default_ab;
    rtfrac_presets *presets;
    rtfrac_table_cell *cells;
    size_t ncells;
    out_doc doc;
    out_table *lt;
} table_state;

static int table_option(void *ctx, int id, char *arg)
{
    table_state *st = ctx;
    table_job *job = &st->job;
    switch (id) {
    case OPT_AB:
        return ab_list_add_values(&st->abs, "--ab", arg);
    case OPT_TISSUE:
        return ab_list_add_tissues(&st->abs, "--tissue", arg);
    case OPT_DPF:
        st->have_d = 1;
        return parse_range("--dose-per-fraction", arg, 0, &job->dr);
    case OPT_FRACTIONS:
        st->have_n = 1;
        return parse_range("--fractions", arg, 1, &job->nr);
    case OPT_QUANTITY:
        if (rtfrac_table_quantity_parse(arg, &job->quantity) != RTFRAC_OK)
            return cli_error("unknown --quantity '%s'; accepted: eqd2, bed, total", arg);
        return CLI_OK;
    case OPT_ISO_EQD2:
    case OPT_ISO_BED:
        if (st->have_iso)
            return cli_error("give one of --iso-eqd2 and --iso-bed");
        st->have_iso = 1;
        job->iso_quantity = id == OPT_ISO_BED ? RTFRAC_TABLE_BED : RTFRAC_TABLE_EQD2;
        return cli_parse_gy(id == OPT_ISO_EQD2 ? "--iso-eqd2" : "--iso-bed", arg, &job->iso_gy);
    }
    return cli_error("unhandled option");
}

static const cli_command table_cmd = { "table", table_opts, table_option };

/* The combination of options, then the tissue presets, the default
 * alpha/beta and the cells' room: everything is checked before anything
 * is computed. */
static int table_load(table_state *st, preset_path *pp, int noperands, char **operands)
{
    int rc;
    const model_args *ma = &st->ma;
    if (noperands > 0)
        return cli_error("unexpected argument '%s'; table takes options only (see 'rtfrac table --help')",
                         operands[0]);
    if (!st->have_n || st->have_d == st->have_iso)
        return cli_error("give --fractions and either --dose-per-fraction (a grid) or --iso-eqd2/--iso-bed (an iso-effect table)");
    if (ma->use_ci || ab_list_has_interval(&st->abs) || ma->o.tk_interval.has || ma->o.dprolif_interval.has)
        return cli_error("table does not take parameter intervals; give the values one by one, e.g. --ab 0.8,1.5,2.2");
    if (st->abs.tissues && ((rc = preset_path_load(pp, PRESET_KIND(TISSUE), &st->presets)) != CLI_OK ||
                            (rc = ab_list_resolve(&st->abs, st->presets, 0)) != CLI_OK))
        return rc;
    st->default_ab = st->abs.n == 0;
    if (st->default_ab)
        ab_list_add_defaults(&st->abs, ma, 0, 1);
    st->job.grid = st->have_d;
    st->ncells = rtfrac_table_range_count(&st->job.nr);
    if ((st->have_d && rtfrac_table_grid_size(&st->job.dr, &st->job.nr, &st->ncells) != RTFRAC_OK) ||
        st->ncells * st->abs.n > RTFRAC_TABLE_CELLS_MAX)
        return cli_error("the table would have more than %lu cells; use larger steps", RTFRAC_TABLE_CELLS_MAX);
    if (st->have_d) {
        rtfrac_diag why;
        rtfrac_diag_clear(&why);
        if (rtfrac_table_grid_check(&st->job.dr, &st->job.nr, &why) != RTFRAC_OK)
            return cli_error("%s", why.message);
    }
    if ((st->cells = malloc(st->ncells * sizeof(*st->cells))) == NULL)
        return cli_error("out of memory or a value out of range"), CLI_EFAIL;
    return CLI_OK;
}

/* The long rows' table (machine formats only for a grid), then each
 * alpha/beta's cells. */
static int table_compute(table_state *st, int precision, double *above_lq)
{
    int rc;
    table_job *job = &st->job;
    out_col cols[32];
    size_t ncols = effect_columns(cols, &st->ma, 0, 0);
    cols[1].flags &= ~(unsigned)OUT_AS_GIVEN; /* total_dose_gy: computed, not typed */
    if ((st->lt = out_doc_table(&st->doc, "rows", NULL, cols, ncols)) == NULL)
        return cli_error("out of memory or a value out of range"), CLI_EFAIL;
    if (job->grid)
        st->lt->flags = OUT_TABLE_MACHINE_ONLY;
    job->qname = job->quantity == RTFRAC_TABLE_EQD2 ? (st->ma.o.time ? "EQD2 with time" : "EQD2")
                 : job->quantity == RTFRAC_TABLE_BED ? (st->ma.o.time ? "BED with time" : "BED")
                                                     : "Total dose";
    for (size_t k = 0; k < st->abs.n; k++)
        if ((rc = table_one_alpha_beta(&st->doc, st->lt, &st->ma, &st->abs.e[k], job, st->cells,
                                       st->ncells, precision, above_lq)) != CLI_OK)
            return rc;
    return CLI_OK;
}

int cmd_table(int argc, char **argv)
{
    table_state st;
    cli_args args;
    double above_lq = 0.0;
    int rc;

    memset(&st, 0, sizeof(st));
    st.job.quantity = RTFRAC_TABLE_EQD2;
    st.job.iso_quantity = RTFRAC_TABLE_EQD2;
    cli_args_init(&args, &st.ma);
    out_doc_init(&st.doc, "table");
    if ((rc = cli_opts_parse(&table_cmd, &args, &st, argc, argv)) != CLI_OK || args.done)
        goto done;
    if ((rc = table_load(&st, &args.pp, argc - args.first_operand, argv + args.first_operand)) != CLI_OK ||
        (rc = table_compute(&st, args.out.precision, &above_lq)) != CLI_OK)
        goto done;
    table_notes(&st.doc, &st.ma, &st.job, st.default_ab);
    if (above_lq > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY)
        cli_warn("the table has doses per fraction above %g Gy (up to %.4g Gy); the linear-quadratic model is uncertain there (see --model lql or usc)",
                 RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY, above_lq);
    if ((rc = model_args_check_used(&st.ma)) != CLI_OK)
        goto done;
    rc = cli_emit(&st.doc, &args.out);
done:
    free(st.cells);
    rtfrac_presets_free(st.presets);
    cli_args_release(&args);
    out_doc_release(&st.doc);
    return rc;
}
