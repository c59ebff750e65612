/* rtfrac CLI: result tables and their formats (text, csv, tsv, json, md).
 *
 * Commands fill a table of typed cells; only this module turns numbers into
 * text.  Human formats (text, md) round to a fixed number of decimals; the
 * machine formats (csv, tsv, json) print every real so that it reads back
 * as the same double unless a precision is given.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_OUTPUT_H
#define RTFRAC_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

typedef enum out_format {
    OUT_TEXT, OUT_CSV, OUT_TSV, OUT_JSON, OUT_MD,
    OUT_HTML, OUT_TEX /* report sections only */
} out_format;

typedef enum out_type { OUT_STR, OUT_INT, OUT_REAL } out_type;

/* Column flags. */
enum {
    OUT_MACHINE_ONLY = 1 << 0, /* csv, tsv, json only: too long for a table */
    OUT_HIDE_EMPTY = 1 << 1,   /* text and md leave the column out when no row sets it */
    OUT_HUMAN_ONLY = 1 << 2    /* text and md only (e.g. "60.50 (58.10-63.00)") */
};

typedef struct out_col {
    const char *key;    /* machine name: csv/tsv header, json key */
    const char *header; /* human header with its unit: "BED (Gy)" */
    out_type type;
    unsigned flags;     /* OUT_MACHINE_ONLY, OUT_HIDE_EMPTY */
} out_col;

typedef struct out_cell {
    int set;           /* 0: empty (csv "", json null, text "-") */
    char *str;         /* OUT_STR, owned */
    long long integer; /* OUT_INT */
    double real;       /* OUT_REAL, always finite */
} out_cell;

typedef struct out_table {
    const char *name; /* json key for this table: "rows", "crossovers", ... */
    const char *title; /* optional heading for text/md, or NULL */
    out_col *cols;
    size_t ncols;
    out_cell *cells; /* nrows * ncols */
    size_t nrows, cap_rows;
    int vertical; /* text and md: one "header  value" line per column */
    unsigned flags; /* OUT_TABLE_HUMAN_ONLY, OUT_TABLE_MACHINE_ONLY */
} out_table;

/* Table flags: a command may give people a wide table (one column per
 * alpha/beta) and scripts a long one (one row per alpha/beta). */
enum { OUT_TABLE_HUMAN_ONLY = 1 << 0, OUT_TABLE_MACHINE_ONLY = 1 << 1 };

#define OUT_TABLES_MAX 8
#define OUT_NOTES_MAX 64

/* What a command prints: one or more tables and notes under them. */
typedef struct out_doc {
    const char *command;
    out_table tables[OUT_TABLES_MAX];
    size_t ntables;
    char *notes[OUT_NOTES_MAX];
    size_t nnotes;
} out_doc;

typedef struct out_opts {
    out_format format;
    int precision; /* decimals; -1: default (2 for text/md, exact for machine) */
} out_opts;

void out_doc_init(out_doc *doc, const char *command);
void out_doc_release(out_doc *doc);

/* Add a table with `ncols` columns (copied).  Returns NULL when full. */
out_table *out_doc_table(out_doc *doc, const char *name, const char *title,
                         const out_col *cols, size_t ncols);

/* Append an empty row; returns its index, or -1 when out of memory. */
long out_row(out_table *t);

/* Set cells; `col` is the column's key (a programming error if unknown).
 * Return 0, or -1 when out of memory or when a real is not finite. */
int out_str(out_table *t, long row, const char *col, const char *value);
int out_int(out_table *t, long row, const char *col, long long value);
int out_real(out_table *t, long row, const char *col, double value);

/* Add a note printed under text and md tables and as "notes" in json. */
int out_note(out_doc *doc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Write the document.  Returns 0, or -1 when a write failed (errno set). */
int out_write(const out_doc *doc, const out_opts *opts, FILE *fp);

/* Write one HTML or LaTeX (booktabs) fragment of the document: tables and
 * notes, no preamble.  Returns 0, or -1 when a write failed. */
int out_write_fragment(const out_doc *doc, const out_opts *opts, FILE *fp);

/* Escape text for HTML or LaTeX. */
int out_put_html(FILE *fp, const char *s);
int out_put_tex(FILE *fp, const char *s);

/* Parse a --format value; returns 0, or -1 when unknown. */
int out_format_parse(const char *text, out_format *format);

/* Shortest text that reads back as the same double ("%.15g".."%.17g"). */
void out_real_exact(char *buf, size_t size, double value);

#endif /* RTFRAC_CLI_OUTPUT_H */
