/* rtfrac CLI: result tables and their formats (text, csv, tsv, json, md).
 *
 * Commands fill a table of typed cells; only this module turns numbers into
 * text.  Human formats (text, md, html, tex) round to a fixed number of
 * decimals; the machine formats (csv, tsv, json) print every real so that it
 * reads back as the same double unless a precision is given.
 *
 * One rounding rule for every format: whenever a fixed number of decimals is
 * printed, the exact binary value of the double is rounded half away from
 * zero (90.625 -> 90.63, -0.125 -> -0.13), and a value that rounds to zero
 * prints without a sign (0.00, never -0.00).  JSON with a precision prints
 * the very digits that text prints.  Columns flagged OUT_AS_GIVEN (inputs)
 * are never rounded.
 *
 * The document owns every string it is given (names, titles, column keys and
 * headers, cell text, notes) and grows as needed: callers may pass buffers
 * that die before the document.
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
    OUT_HUMAN_ONLY = 1 << 2,   /* text and md only (e.g. "60.50 (58.10-63.00)") */
    OUT_AS_GIVEN = 1 << 3,     /* an input: the shortest text that reads back as
                                * the same double in every format, whatever the
                                * precision (alpha/beta 1.5 stays 1.5, 46 days 46) */
    OUT_NUMERIC = 1 << 4       /* a text column of numbers (">= 28.26"): aligned
                                * to the right like a number column */
};

typedef struct out_col {
    const char *key;    /* machine name: csv/tsv header, json key */
    const char *header; /* human header with its unit: "BED (Gy)" */
    out_type type;
    unsigned flags;     /* OUT_MACHINE_ONLY, OUT_HIDE_EMPTY, OUT_HUMAN_ONLY, OUT_AS_GIVEN */
} out_col;

typedef struct out_cell {
    int set;           /* 0: empty (csv "", json null, text "-") */
    char *str;         /* OUT_STR, owned */
    char *shown;       /* OUT_STR as text and md show it (out_sanitize), owned;
                          NULL when it is str */
    long long integer; /* OUT_INT */
    double real;       /* OUT_REAL, always finite */
} out_cell;

typedef struct out_table {
    char *name;  /* json key for this table: "rows", "crossovers", ... (owned) */
    char *title; /* optional heading for text/md, or NULL (owned) */
    out_col *cols; /* keys and headers owned by the table */
    size_t ncols;
    unsigned char *col_set; /* ncols: whether any row sets the column (OUT_HIDE_EMPTY) */
    out_cell *cells; /* nrows * ncols */
    size_t nrows, cap_rows;
    int vertical; /* text and md: one "header  value" line per column */
    unsigned flags; /* OUT_TABLE_HUMAN_ONLY, OUT_TABLE_MACHINE_ONLY */
} out_table;

/* Table flags: a command may give people a wide table (one column per
 * alpha/beta) and scripts a long one (one row per alpha/beta). */
enum { OUT_TABLE_HUMAN_ONLY = 1 << 0, OUT_TABLE_MACHINE_ONLY = 1 << 1 };

/* What a command prints: tables and notes under them, as many as memory
 * allows.  A table or note that could not be added marks the document as
 * failed, and out_write then refuses to print it (ENOMEM): a document is
 * printed whole or not at all. */
typedef struct out_doc {
    const char *command; /* a string literal: "calc", ... */
    out_table **tables;  /* each table allocated alone: its address is stable */
    size_t ntables, cap_tables;
    char **notes;
    size_t nnotes, cap_notes;
    int failed; /* a table or note could not be added */
} out_doc;

typedef struct out_opts {
    out_format format;
    int precision; /* decimals; -1: default (2 for text/md, exact for machine) */
} out_opts;

void out_doc_init(out_doc *doc, const char *command);
void out_doc_release(out_doc *doc);

/* Add a table with `ncols` columns.  The name, the title (may be NULL) and
 * the columns with their keys and headers are copied.  Returns the table
 * (valid until out_doc_release), or NULL when out of memory. */
out_table *out_doc_table(out_doc *doc, const char *name, const char *title,
                         const out_col *cols, size_t ncols);

/* Append an empty row; returns its index, or -1 when out of memory. */
long out_row(out_table *t);

/* Empty every cell of a row again (a table of one row reused to stream
 * rows: out_write_sv_row). */
void out_row_clear(out_table *t, long row);

/* csv (tsv = 0) or tsv: the header line of a table, and one of its rows, as
 * out_write writes them; for rows written one by one without keeping them. */
int out_write_sv_header(const out_table *t, FILE *fp, int tsv);
int out_write_sv_row(const out_table *t, size_t row, const out_opts *opts, FILE *fp, int tsv);

/* Index of the column with this key, or -1 when the table has none. */
long out_col_index(const out_table *t, const char *key);

/* Set cells by column index (the order of the columns given to
 * out_doc_table).  A column out of range or of another type is a
 * programming error.  Return 0, or -1 when out of memory or when a real is
 * not finite. */
int out_str_at(out_table *t, long row, size_t col, const char *value);
/* Replace, in place, every C0 control, DEL, C1 control (U+0080-U+009F) and
 * byte that is not UTF-8 by '?': text from files made safe for a terminal.
 * Valid UTF-8 is kept. */
void out_sanitize(char *s);
int out_int_at(out_table *t, long row, size_t col, long long value);
int out_real_at(out_table *t, long row, size_t col, double value);

/* Set cells by column key (a programming error if unknown); as above. */
int out_str(out_table *t, long row, const char *col, const char *value);
int out_int(out_table *t, long row, const char *col, long long value);
int out_real(out_table *t, long row, const char *col, double value);

/* Add a note printed under text and md tables and as "notes" in json; a
 * note equal to one already added is dropped.  Returns 0, or -1 when out of
 * memory (the document is then marked failed, see out_doc). */
int out_note(out_doc *doc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Write the document.  Returns 0, or -1 when a write failed (errno set). */
int out_write(const out_doc *doc, const out_opts *opts, FILE *fp);

/* Stream a table that a command fills row by row as it reads (batch): write
 * its rows as csv or tsv (o->format; after the header line of keys when
 * `header`) or, with `jsonl`, as JSON lines (one object a line, the keys
 * and values json prints), with the rules of out_write; then drop the rows,
 * keeping the columns.  Returns 0, or -1 when a write failed. */
int out_stream_rows(out_table *t, const out_opts *o, int jsonl, int header, FILE *fp);

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

/* Room for any real printed by this module (out_real_fixed of the largest
 * double at 15 decimals, or out_real_exact). */
#define OUT_REAL_TEXT_MAX 400

/* `value` with `decimals` decimals (0..15), rounded half away from zero on
 * its exact binary value, never "-0": the one rule of every format. */
void out_real_fixed(char *buf, size_t size, double value, int decimals);

/* "value (low-high)" with out_real_fixed, for a human cell with an interval. */
void out_real_range(char *buf, size_t size, double value, double low, double high, int decimals);

#endif /* RTFRAC_CLI_OUTPUT_H */
