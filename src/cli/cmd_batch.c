/* rtfrac batch: BED and EQD2 of every row of a CSV file, streamed.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "args.h"
#include "opts.h"
#include "presets_path.h"

enum { OPT_FORMAT = 256, OPT_REF_DOSE, OPT_B_TIME, OPT_ON_ERROR, OPT_NO_HEADER };

static const cli_opt batch_opts[] = {
    CLI_TEXT("usage: rtfrac batch [options] [FILE|-]\n"
             "\n"
             "BED and EQD2 of every row of a CSV file (standard input without FILE or\n"
             "with '-'), with the linear-quadratic model, written row by row as it is\n"
             "read: memory stays flat whatever the file's length.  Each row is what\n"
             "'rtfrac calc' computes for one prescription at one alpha/beta, by the\n"
             "same library calls, and prints the columns of 'calc --format csv'.\n"
             "\n"
             "Input: CSV (RFC 4180; a record is one line) with a header line naming\n"
             "the columns, in any order:\n"
             "  label               required, at most 63 bytes\n"
             "  prescription        as calc takes it: 55/22, 20x2.75, '36.25 Gy in 5\n"
             "                      fractions', 5500cGy/22, or @SCHEME (a preset)\n"
             "  total_dose_gy, fractions   instead of prescription\n"
             "  alpha_beta_gy       alpha/beta in Gy, or\n"
             "  tissue              a tissue preset (rtfrac presets list tissues);\n"
             "                      each row fills one of the two\n"
             "  ref_dose_gy         optional: also EQDX, X Gy per fraction\n"
             "  tk_days             optional: kick-off time Tk (days)\n"
             "  dprolif_gy_bed_per_day   optional: K in Gy BED per day, or\n"
             "  dprolif_gy_eqd2_per_day  K in Gy EQD2 per day (converted at the row's\n"
             "                      alpha/beta); one of the two in a row\n"
             "  overall_time_days   optional: overall time T (days)\n"
             "An empty optional cell is not given (--ref-dose's value, the tissue's or\n"
             "the calendar's, as calc decides).  A tk_days, dprolif_gy_*_per_day or\n"
             "overall_time_days column turns the time correction on, as --time does.\n"
             "Blank lines are skipped; any other column is refused.\n"
             "\n"
             "Options:\n"),
    CLI_OPT("format", "F", OPT_FORMAT,
            "csv (default), tsv, or jsonl (one JSON object a\n"
            "line); text, md and json are refused: they are not\n"
            "streams (use calc, or convert the csv)"),
    CLI_OPT("ref-dose", "X", OPT_REF_DOSE,
            "also print EQDX for every row, the total dose in\n"
            "fractions of X Gy with the same BED (a row's\n"
            "ref_dose_gy cell wins)"),
    CLI_OPT("time", NULL, OPT_B_TIME,
            "correct for repopulation, BED - K (T - Tk) (Fowler\n"
            "1989), with Tk and K from the row or its tissue;\n"
            "late-responding tissue gets none (see calc --help)"),
    CLI_OPT("on-error", "stop|skip", OPT_ON_ERROR,
            "at a bad row: stop (default; exit 2, the rows before\n"
            "it are already written) or skip it (the count of\n"
            "skipped rows on standard error, exit 1)"),
    CLI_OPT("no-header", NULL, OPT_NO_HEADER,
            "no header line in csv/tsv output (for the shards\n"
            "after the first; the input still has its header)"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Output: the columns of 'rtfrac calc --format csv': label, total_dose_gy,\n"
             "fractions, dose_per_fraction_gy, tissue, alpha_beta_gy, [overall_time_days,\n"
             "repopulation_gy,] bed_gy, eqd2_gy, [ref_dose_gy, eqdx_gy,] model; numbers\n"
             "read back as the same double unless --precision is given.  The output\n"
             "depends on each row alone: a file split into pieces gives, piece by\n"
             "piece, the same bytes (--no-header after the first piece).\n"
             "\n"
             "Examples:\n"
             "  rtfrac batch rx.csv > out.csv\n"
             "  printf 'label,prescription,alpha_beta_gy\\nA,55/22,10\\n' | rtfrac batch\n"
             "  rtfrac batch --format jsonl --ref-dose 1.8 rx.csv\n"
             "  rtfrac batch --on-error skip --precision 2 rx.csv\n"
             "\n"
             "Exit status: 0 ok; 1 the file cannot be read, a write failed, or rows were\n"
             "skipped; 2 invalid input (FILE:LINE:COLUMN named) or usage.\n"),
    CLI_OPT_END,
};

typedef struct batch_state {
    int jsonl, header_out, skip, time; /* header_out: the header line is still to write */
    int have_ref;
    double ref_dose_gy;
    const char *path, *name; /* the file as given; as messages name it */
    FILE *in;
    rtfrac_batch_header header;
    rtfrac_row_options base;
    rtfrac_presets *presets;
    model_args ma;
    out_opts out;
    out_doc doc;
    out_table *t;
    unsigned long line, skipped, high_dpf, high_dpf_line;
    char buf[RTFRAC_BATCH_LINE_MAX + 2];
    size_t len;
} batch_state;

static int batch_option(void *ctx, int id, char *arg)
{
    batch_state *st = ctx;
    switch (id) {
    case OPT_FORMAT:
        if (strcmp(arg, "jsonl") == 0) {
            st->jsonl = 1;
            return CLI_OK;
        }
        st->jsonl = 0;
        if (out_format_parse(arg, &st->out.format) == 0 && (st->out.format == OUT_CSV || st->out.format == OUT_TSV))
            return CLI_OK;
        return cli_error("--format '%s' is not a batch format; accepted: csv, tsv, jsonl (text, md and json need the whole table: use 'rtfrac calc', or convert the csv)", arg);
    case OPT_REF_DOSE:
        st->have_ref = 1;
        return cli_parse_gy("--ref-dose", arg, &st->ref_dose_gy);
    case OPT_B_TIME:
        st->time = 1;
        return CLI_OK;
    case OPT_ON_ERROR:
        if (strcmp(arg, "stop") == 0 || strcmp(arg, "skip") == 0) {
            st->skip = arg[1] == 'k';
            return CLI_OK;
        }
        return cli_error("--on-error '%s' is unknown; accepted: stop, skip", arg);
    case OPT_NO_HEADER:
        st->header_out = 0;
        return CLI_OK;
    }
    return cli_error("unhandled option");
}

static const cli_command batch_cmd = { "batch", batch_opts, batch_option };

/* The next line into st->buf, without its line break (LF or CRLF):
 * 1 a line, 0 the end, -1 a read error.  A line over the limit is read to
 * its end and kept at RTFRAC_BATCH_LINE_MAX + 1 bytes, so that the parser
 * refuses it without holding it. */
static int read_line(batch_state *st)
{
    int c;
    size_t n = 0;
    while ((c = getc_unlocked(st->in)) != EOF && c != '\n')
        if (n < sizeof(st->buf) - 1)
            st->buf[n++] = (char)c;
    if (ferror(st->in))
        return -1;
    if (c == EOF && n == 0)
        return 0;
    if (n > 0 && st->buf[n - 1] == '\r' && n <= RTFRAC_BATCH_LINE_MAX)
        n--;
    st->buf[n] = '\0';
    st->len = n;
    st->line++;
    return 1;
}

static int read_error(const batch_state *st)
{
    fprintf(stderr, "rtfrac: error: cannot read '%s': %s\n", st->name, strerror(errno));
    return CLI_EFAIL;
}

/* A bad line: FILE:LINE:COLUMN: message. */
static int line_error(const batch_state *st, const rtfrac_diag *d)
{
    rtfrac_diag e = *d;
    snprintf(e.file, sizeof(e.file), "%s", st->name);
    e.line = (unsigned)st->line;
    return cli_diag_error("batch", NULL, &e);
}

/* The header, then the presets when a column may name one. */
static int batch_header(batch_state *st, cli_args *args)
{
    rtfrac_diag d;
    int rc;
    do {
        if ((rc = read_line(st)) <= 0)
            return rc < 0 ? read_error(st) : cli_error("'%s' is empty; a batch file starts with a header line, e.g. 'label,prescription,alpha_beta_gy'", st->name);
    } while (rtfrac_batch_line_blank(st->buf, st->len));
    rtfrac_diag_clear(&d);
    if (rtfrac_batch_header_parse(st->buf, st->len, &st->header, &d) != RTFRAC_OK)
        return line_error(st, &d);
    /* a tissue column names tissues, a prescription column may name @schemes */
    unsigned kinds = (st->header.field[RTFRAC_BATCH_TISSUE] >= 0 ? PRESET_KIND(TISSUE) : 0) |
                     (st->header.field[RTFRAC_BATCH_PRESCRIPTION] >= 0 ? PRESET_KIND(SCHEME) : 0);
    if (kinds == 0 && args->pp.nuser == 0)
        return CLI_OK;
    if ((rc = preset_path_load(&args->pp, kinds, &st->presets)) != CLI_OK ||
        (rc = preset_path_check(st->presets)) != CLI_OK)
        return rc;
    return CLI_OK;
}

/* The options every row starts from, and the output columns. */
static int batch_table(batch_state *st)
{
    rtfrac_diag d;
    out_col cols[32];
    rtfrac_row_options_init(&st->base);
    st->base.time = st->time || rtfrac_batch_header_time(&st->header);
    rtfrac_diag_clear(&d);
    if (rtfrac_row_options_check(&st->base, &d) != RTFRAC_OK)
        return cli_error("invalid model options: %s", d.message);
    st->ma.o = st->base;
    size_t n = effect_columns(cols, &st->ma, 0, 0);
    if (st->have_ref || st->header.field[RTFRAC_BATCH_REF_DOSE_GY] >= 0) {
        out_col model_col = cols[--n]; /* EQDX before the model column, as calc */
        cols[n++] = (out_col){ "ref_dose_gy", "X (Gy/fraction)", OUT_REAL, OUT_AS_GIVEN };
        cols[n++] = (out_col){ "eqdx_gy", "EQDX (Gy)", OUT_REAL, 0 };
        cols[n++] = model_col;
    }
    if ((st->t = out_doc_table(&st->doc, "rows", NULL, cols, n)) == NULL)
        return cli_error("out of memory");
    return CLI_OK;
}

/* One data line: parse, compute, write.  CLI_OK, CLI_EUSAGE for a bad row
 * (reported), CLI_EFAIL for a failed write or no memory. */
static int batch_row(batch_state *st)
{
    rtfrac_batch_row row;
    rtfrac_batch_result res;
    rtfrac_diag d;
    out_doc notes;
    int rc = CLI_OK;
    rtfrac_diag_clear(&d);
    if (rtfrac_batch_row_parse(&st->header, st->buf, st->len, st->presets, &st->base, &row, &d) != RTFRAC_OK ||
        rtfrac_batch_row_compute(&row, st->have_ref ? st->ref_dose_gy : 0.0, &res, &d) != RTFRAC_OK)
        return line_error(st, &d);
    ab_entry e = { res.row.alpha_beta_gy, row.input.ab_from, { 0, 0.0, 0.0 }, NULL, row.input.tissue };
    st->ma.o = row.options;
    out_doc_init(&notes, "batch"); /* batch prints no notes: the model column says it */
    long r = effect_row_write(st->t, &notes, &st->ma, row.label, row.rx.total_dose_gy, row.rx.fractions, &e,
                              &res.row, &res.range, st->out.precision, &rc);
    out_doc_release(&notes);
    if (r < 0)
        return CLI_EFAIL;
    if (res.has_eqdx && (out_real(st->t, r, "ref_dose_gy", res.ref_dose_gy) || out_real(st->t, r, "eqdx_gy", res.eqdx_gy)))
        return cli_error("cannot store the EQDX of line %lu", st->line), CLI_EFAIL;
    if (res.row.model.kind == RTFRAC_MODEL_LQ &&
        row.rx.total_dose_gy / (double)row.rx.fractions > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY &&
        st->high_dpf++ == 0)
        st->high_dpf_line = st->line;
    int header = st->header_out && !st->jsonl;
    st->header_out = 0; /* with the first row: invalid input before it leaves stdout empty */
    if (out_stream_rows(st->t, &st->out, st->jsonl, header, stdout) != 0) {
        fprintf(stderr, "rtfrac: error: cannot write to standard output: %s\n", strerror(errno));
        return CLI_EFAIL;
    }
    return CLI_OK;
}

/* Every data line, then what the run needs to say on standard error. */
static int batch_rows(batch_state *st)
{
    int rc, got;
    while ((got = read_line(st)) > 0) {
        if (rtfrac_batch_line_blank(st->buf, st->len))
            continue;
        if ((rc = batch_row(st)) == CLI_EUSAGE && st->skip) {
            st->skipped++;
            continue;
        }
        if (rc != CLI_OK)
            return rc;
    }
    if (got < 0)
        return read_error(st);
    if (st->high_dpf > 0)
        cli_warn("%lu %s above %g Gy per fraction (the first at %s:%lu); the linear-quadratic model is uncertain there",
                 st->high_dpf, cli_plural(st->high_dpf, "row is", "rows are"), RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY,
                 st->name, st->high_dpf_line);
    if (st->skipped > 0) {
        fprintf(stderr, "rtfrac: %lu %s skipped (--on-error skip)\n", st->skipped,
                cli_plural(st->skipped, "row", "rows"));
        return CLI_EFAIL;
    }
    return CLI_OK;
}

static int batch_open(batch_state *st, int nargs, char **args)
{
    if (nargs > 1)
        return cli_error("batch takes one file (or '-' for standard input), got %d; concatenate them, or run one batch a file", nargs);
    st->path = nargs == 1 ? args[0] : "-";
    st->name = strcmp(st->path, "-") == 0 ? "<stdin>" : st->path;
    st->in = strcmp(st->path, "-") == 0 ? stdin : fopen(st->path, "r");
    if (st->in == NULL) {
        fprintf(stderr, "rtfrac: error: cannot open '%s': %s\n", st->path, strerror(errno));
        return CLI_EFAIL;
    }
    return CLI_OK;
}

int cmd_batch(int argc, char **argv)
{
    batch_state *st = calloc(1, sizeof(*st));
    cli_args args;
    int rc;
    if (st == NULL)
        return cli_error("out of memory"), CLI_EFAIL;
    st->header_out = 1;
    model_args_init(&st->ma);
    cli_args_init(&args, NULL);
    out_doc_init(&st->doc, "batch");
    st->out.format = OUT_CSV;
    if ((rc = cli_opts_parse(&batch_cmd, &args, st, argc, argv)) != CLI_OK || args.done)
        goto done;
    st->out.precision = args.out.precision;
    if ((rc = batch_open(st, argc - args.first_operand, argv + args.first_operand)) != CLI_OK ||
        (rc = batch_header(st, &args)) != CLI_OK || (rc = batch_table(st)) != CLI_OK)
        goto done;
    rc = batch_rows(st);
    if (rc != CLI_EUSAGE && st->header_out && !st->jsonl && out_stream_rows(st->t, &st->out, 0, 1, stdout) != 0)
        rc = CLI_EFAIL; /* no row: the header alone */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "rtfrac: error: cannot write to standard output: %s\n", strerror(errno));
        rc = CLI_EFAIL;
    }
done:
    if (st->in != NULL && st->in != stdin)
        fclose(st->in);
    rtfrac_presets_free(st->presets);
    cli_args_release(&args);
    out_doc_release(&st->doc);
    free(st);
    return rc;
}
