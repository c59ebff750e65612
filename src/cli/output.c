/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "output.h"
#include "wrap.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <rtfrac.h>

/* Text from files (structure names, labels, titles) reaches a terminal:
 * C0 controls (ESC, CR, BS, tabs, newlines), DEL, the C1 controls U+0080 to
 * U+009F and bytes that are not UTF-8 each become one '?', so no escape
 * sequence can move the cursor, recolour or retitle the terminal, and a
 * table's columns keep their widths.  Valid UTF-8 is kept as it is.
 * Returns the length of a UTF-8 sequence at s (1 to 4), or 0 when s does
 * not start one (or starts a C1 control). */
static size_t utf8_ok(const unsigned char *s)
{
    if (s[0] < 0x80)
        return s[0] >= 0x20 && s[0] != 0x7f;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        return (s[1] & 0xc0) == 0x80 && !(s[0] == 0xc2 && s[1] < 0xa0) ? 2 : 0;
    if (s[0] >= 0xe0 && s[0] <= 0xef) {
        if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
            return 0;
        if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))
            return 0; /* overlong, surrogate */
        return 3;
    }
    if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
            return 0;
        if ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

/* Rewrite s in place as described above (it can only shrink). */
void out_sanitize(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = (unsigned char *)s;
    while (*r) {
        size_t n = utf8_ok(r);
        if (n == 0) {
            *w++ = '?';
            /* a C1 control is two bytes: one '?' for both */
            r += (r[0] == 0xc2 && r[1] >= 0x80 && r[1] < 0xa0) ? 2 : 1;
            continue;
        }
        memmove(w, r, n);
        w += n;
        r += n;
    }
    *w = '\0';
}

/* Whether out_sanitize would change s (most text needs no copy). */
static int needs_sanitize(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_ok(p);
        if (n == 0)
            return 1;
        p += n;
    }
    return 0;
}

static char *sanitized_dup(const char *s)
{
    char *copy = strdup(s);
    if (copy != NULL)
        out_sanitize(copy);
    return copy;
}

void out_doc_init(out_doc *doc, const char *command)
{
    memset(doc, 0, sizeof(*doc));
    doc->command = command;
}

static void table_free(out_table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++) {
        free(t->cells[i].str);
        free(t->cells[i].shown);
    }
    free(t->cells);
    for (size_t c = 0; c < t->ncols; c++) {
        free((char *)t->cols[c].key);
        free((char *)t->cols[c].header);
    }
    free(t->cols);
    free(t->col_set);
    free(t->name);
    free(t->title);
    free(t);
}

void out_doc_release(out_doc *doc)
{
    for (size_t t = 0; t < doc->ntables; t++)
        table_free(doc->tables[t]);
    free(doc->tables);
    for (size_t i = 0; i < doc->nnotes; i++)
        free(doc->notes[i]);
    free(doc->notes);
    memset(doc, 0, sizeof(*doc));
}

/* Make room for one more table or note (doubling, so adding n is O(n)). */
static int grow_tables(out_doc *doc)
{
    if (doc->ntables < doc->cap_tables)
        return 0;
    size_t cap = doc->cap_tables ? 2 * doc->cap_tables : 8;
    out_table **p = realloc(doc->tables, cap * sizeof(*p));
    if (p == NULL)
        return -1;
    doc->tables = p;
    doc->cap_tables = cap;
    return 0;
}

static int grow_notes(out_doc *doc)
{
    if (doc->nnotes < doc->cap_notes)
        return 0;
    size_t cap = doc->cap_notes ? 2 * doc->cap_notes : 16;
    char **p = realloc(doc->notes, cap * sizeof(*p));
    if (p == NULL)
        return -1;
    doc->notes = p;
    doc->cap_notes = cap;
    return 0;
}

static out_table *table_new(const char *name, const char *title, const out_col *cols, size_t ncols)
{
    out_table *t = calloc(1, sizeof(*t));
    if (t == NULL)
        return NULL;
    t->cols = calloc(ncols ? ncols : 1, sizeof(*cols));
    t->col_set = calloc(ncols ? ncols : 1, 1);
    t->name = strdup(name);
    if (t->cols == NULL || t->col_set == NULL || t->name == NULL || (title && (t->title = sanitized_dup(title)) == NULL))
        goto fail;
    for (size_t c = 0; c < ncols; c++, t->ncols++) {
        t->cols[c] = cols[c];
        t->cols[c].key = strdup(cols[c].key);
        t->cols[c].header = strdup(cols[c].header);
        if (t->cols[c].key == NULL || t->cols[c].header == NULL) {
            t->ncols++; /* free what this column got */
            goto fail;
        }
    }
    return t;
fail:
    table_free(t);
    return NULL;
}

out_table *out_doc_table(out_doc *doc, const char *name, const char *title,
                         const out_col *cols, size_t ncols)
{
    assert(name != NULL && (cols != NULL || ncols == 0));
    out_table *t = NULL;
    if (grow_tables(doc) < 0 ||
        (t = table_new(name, title, cols, ncols)) == NULL) {
        doc->failed = 1;
        return NULL;
    }
    doc->tables[doc->ntables++] = t;
    return t;
}

long out_row(out_table *t)
{
    if (t->nrows == t->cap_rows) {
        size_t cap = t->cap_rows ? 2 * t->cap_rows : 16;
        out_cell *cells = realloc(t->cells, cap * (t->ncols ? t->ncols : 1) * sizeof(*cells));
        if (cells == NULL)
            return -1;
        t->cells = cells;
        t->cap_rows = cap;
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(out_cell));
    return (long)t->nrows++;
}

long out_col_index(const out_table *t, const char *key)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c].key, key) == 0)
            return (long)c;
    return -1;
}

static out_cell *cell_at(out_table *t, long row, size_t col, out_type type)
{
    assert(col < t->ncols && t->cols[col].type == type);
    assert(row >= 0 && (size_t)row < t->nrows);
    (void)type;
    return &t->cells[(size_t)row * t->ncols + col];
}

static size_t col_of(const out_table *t, const char *key)
{
    long c = out_col_index(t, key);
    assert(c >= 0 && "unknown column");
    return (size_t)c;
}

int out_str_at(out_table *t, long row, size_t col, const char *value)
{
    out_cell *c = cell_at(t, row, col, OUT_STR);
    char *copy = strdup(value);
    char *shown = NULL;
    if (copy == NULL)
        return -1;
    /* the human formats show a sanitised copy; machine formats keep the
     * data (json escapes controls, csv quotes line breaks) */
    if (needs_sanitize(value) && (shown = sanitized_dup(value)) == NULL) {
        free(copy);
        return -1;
    }
    free(c->str);
    free(c->shown);
    c->str = copy;
    c->shown = shown;
    c->set = 1;
    t->col_set[col] = 1;
    return 0;
}

void out_row_clear(out_table *t, long row)
{
    assert(row >= 0 && (size_t)row < t->nrows);
    for (size_t c = 0; c < t->ncols; c++) {
        out_cell *cl = &t->cells[(size_t)row * t->ncols + c];
        free(cl->str);
        free(cl->shown);
        memset(cl, 0, sizeof(*cl));
    }
}

int out_int_at(out_table *t, long row, size_t col, long long value)
{
    out_cell *c = cell_at(t, row, col, OUT_INT);
    c->integer = value;
    c->set = 1;
    t->col_set[col] = 1;
    return 0;
}

int out_real_at(out_table *t, long row, size_t col, double value)
{
    out_cell *c = cell_at(t, row, col, OUT_REAL);
    if (!isfinite(value))
        return -1; /* no NaN or infinity ever reaches the output */
    c->real = value;
    c->set = 1;
    t->col_set[col] = 1;
    return 0;
}

int out_str(out_table *t, long row, const char *col, const char *value)
{
    return out_str_at(t, row, col_of(t, col), value);
}

int out_int(out_table *t, long row, const char *col, long long value)
{
    return out_int_at(t, row, col_of(t, col), value);
}

int out_real(out_table *t, long row, const char *col, double value)
{
    return out_real_at(t, row, col_of(t, col), value);
}

int out_note(out_doc *doc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = len < 0 ? NULL : malloc((size_t)len + 1);
    if (buf == NULL) {
        doc->failed = 1;
        return -1;
    }
    va_start(ap, fmt);
    vsnprintf(buf, (size_t)len + 1, fmt, ap);
    va_end(ap);
    out_sanitize(buf); /* notes quote structure names and labels from files */
    size_t n = strlen(buf);
    if (n >= 2 && buf[n - 1] == '.' && buf[n - 2] == '.' && (n < 3 || buf[n - 3] != '.'))
        buf[n - 1] = '\0'; /* a source ending in '.' inside a sentence */
    for (size_t i = 0; i < doc->nnotes; i++) {
        if (strcmp(doc->notes[i], buf) == 0) {
            free(buf);
            return 0; /* say each thing once */
        }
    }
    if (grow_notes(doc) < 0) {
        free(buf);
        doc->failed = 1;
        return -1;
    }
    doc->notes[doc->nnotes++] = buf;
    return 0;
}

int out_format_parse(const char *text, out_format *format)
{
    static const struct { const char *name; out_format f; } names[] = {
        { "text", OUT_TEXT }, { "csv", OUT_CSV }, { "tsv", OUT_TSV },
        { "json", OUT_JSON }, { "md", OUT_MD }, { "markdown", OUT_MD },
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(text, names[i].name) == 0) {
            *format = names[i].f;
            return 0;
        }
    }
    return -1;
}

/* Both through the library (rtfrac/fmt.h): one conversion per number. */
void out_real_exact(char *buf, size_t size, double value)
{
    if (rtfrac_fmt_shortest(buf, size, value) < 0 && size > 0)
        buf[0] = '\0';
}

void out_real_fixed(char *buf, size_t size, double value, int decimals)
{
    assert(decimals >= 0 && decimals <= 15);
    if (rtfrac_fmt_fixed(buf, size, value, decimals) < 0 && size > 0)
        buf[0] = '\0';
}

void out_real_range(char *buf, size_t size, double value, double low, double high, int decimals)
{
    char v[OUT_REAL_TEXT_MAX], lo[OUT_REAL_TEXT_MAX], hi[OUT_REAL_TEXT_MAX];
    out_real_fixed(v, sizeof(v), value, decimals);
    out_real_fixed(lo, sizeof(lo), low, decimals);
    out_real_fixed(hi, sizeof(hi), high, decimals);
    snprintf(buf, size, "%s (%s-%s)", v, lo, hi);
}

/* A real as jansson prints it at 17 significant digits ("55.0", "1e20"):
 * json output without --precision reads back as the same double. */
static void json_real_text(char *buf, size_t size, double value)
{
    if (!(value < 0.0) && !(value > 0.0))
        value = 0.0; /* no "-0.0" */
    snprintf(buf, size, "%.17g", value);
    char *e = strchr(buf, 'e');
    if (e == NULL) {
        if (strchr(buf, '.') == NULL && strlen(buf) + 3 <= size)
            strcat(buf, ".0");
        return;
    }
    /* as jansson: no '+' and no leading zeros in the exponent */
    char *start = e + 1, *end = start + 1;
    if (*start == '-')
        start++;
    while (*end == '0')
        end++;
    memmove(start, end, strlen(end) + 1);
}

enum cell_mode { CELL_HUMAN, CELL_MACHINE, CELL_JSON };

/* The text of a cell: "-" for an empty human cell, "" (csv/tsv) or "null"
 * (json) otherwise; *str points into buf or at the cell's string. */
static void cell_text(const out_cell *c, const out_col *col, const out_opts *o,
                      enum cell_mode mode, char *buf, size_t size, const char **str)
{
    *str = buf;
    buf[0] = '\0';
    if (!c->set) {
        snprintf(buf, size, "%s", mode == CELL_HUMAN ? "-" : mode == CELL_JSON ? "null" : "");
        return;
    }
    switch (col->type) {
    case OUT_STR:
        *str = mode == CELL_HUMAN && c->shown != NULL ? c->shown : c->str;
        break;
    case OUT_INT:
        snprintf(buf, size, "%lld", c->integer);
        break;
    case OUT_REAL:
        if (col->flags & OUT_AS_GIVEN)
            (mode == CELL_JSON ? json_real_text : out_real_exact)(buf, size, c->real);
        else if (o->precision >= 0)
            out_real_fixed(buf, size, c->real, o->precision);
        else if (mode == CELL_HUMAN)
            out_real_fixed(buf, size, c->real, 2);
        else
            (mode == CELL_JSON ? json_real_text : out_real_exact)(buf, size, c->real);
        break;
    }
}

static int put_md_field(FILE *fp, const char *s);

/* Whether text and md show column c. */
static int human_col(const out_table *t, size_t c)
{
    if (t->cols[c].flags & OUT_MACHINE_ONLY)
        return 0;
    if (t->cols[c].flags & OUT_HIDE_EMPTY)
        return t->col_set[c]; /* kept up to date by the setters: no search per cell */
    return 1;
}

/* ---- text ------------------------------------------------------------ */

/* Numbers, and text columns of numbers, align to the right. */
static int right_aligned(const out_col *c)
{
    return c->type != OUT_STR || (c->flags & OUT_NUMERIC);
}

static int put_padded(FILE *fp, const char *s, size_t width, int right)
{
    size_t w = rtfrac_num_utf8_width(s, strlen(s));
    size_t pad = width > w ? width - w : 0;
    if (right && fprintf(fp, "%*s", (int)pad, "") < 0)
        return -1;
    if (fputs(s, fp) < 0)
        return -1;
    if (!right && fprintf(fp, "%*s", (int)pad, "") < 0)
        return -1;
    return 0;
}

static int write_vertical(const out_table *t, const out_opts *o, FILE *fp, int md)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    size_t width = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        size_t w = rtfrac_num_utf8_width(t->cols[c].header, strlen(t->cols[c].header));
        if (human_col(t, c) && w > width)
            width = w;
    }
    if (t->title && fprintf(fp, md ? "### %s\n\n" : "%s\n", t->title) < 0)
        return -1;
    if (md && fputs("| Field | Value |\n| :--- | :--- |\n", fp) < 0)
        return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        if (r > 0 && !md && fputc('\n', fp) == EOF)
            return -1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!human_col(t, c))
                continue;
            const out_cell *cl = &t->cells[r * t->ncols + c];
            if (!cl->set)
                continue;
            cell_text(cl, &t->cols[c], o, CELL_HUMAN, buf, sizeof(buf), &s);
            if (md) {
                if (fputs("| ", fp) < 0 || put_md_field(fp, t->cols[c].header) < 0 ||
                    fputs(" | ", fp) < 0 || put_md_field(fp, s) < 0 || fputs(" |\n", fp) < 0)
                    return -1;
            } else if (put_padded(fp, t->cols[c].header, width, 0) < 0 ||
                       fprintf(fp, "  %s\n", s) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* The cells of a text table, each formatted once (pass 1: text and widths,
 * pass 2: rows): one arena of strings, with each cell's offset and width. */
typedef struct text_cells {
    char *arena;
    size_t len, cap;
    size_t *offset; /* nrows * ncols; shown columns only */
    unsigned *width;
} text_cells;

static int text_cells_add(text_cells *tc, size_t i, const char *s)
{
    size_t n = strlen(s) + 1;
    if (tc->len + n > tc->cap) {
        size_t cap = tc->cap ? 2 * tc->cap : 4096;
        while (cap < tc->len + n)
            cap *= 2;
        char *p = realloc(tc->arena, cap);
        if (p == NULL)
            return -1;
        tc->arena = p;
        tc->cap = cap;
    }
    memcpy(tc->arena + tc->len, s, n);
    tc->offset[i] = tc->len;
    tc->width[i] = rtfrac_num_utf8_width(s, n - 1);
    tc->len += n;
    return 0;
}

static int put_padded_w(FILE *fp, const char *s, size_t w, size_t width, int right)
{
    size_t pad = width > w ? width - w : 0;
    if (right && fprintf(fp, "%*s", (int)pad, "") < 0)
        return -1;
    if (fputs(s, fp) < 0)
        return -1;
    if (!right && pad > 0 && fprintf(fp, "%*s", (int)pad, "") < 0)
        return -1;
    return 0;
}

/* Pass 1: format every shown cell once, and the column widths. */
static int text_measure(const out_table *t, const out_opts *o, text_cells *tc, size_t *width)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!human_col(t, c))
            continue;
        width[c] = rtfrac_num_utf8_width(t->cols[c].header, strlen(t->cols[c].header));
        for (size_t r = 0; r < t->nrows; r++) {
            size_t i = r * t->ncols + c;
            cell_text(&t->cells[i], &t->cols[c], o, CELL_HUMAN, buf, sizeof(buf), &s);
            if (text_cells_add(tc, i, s) < 0)
                return -1;
            if (tc->width[i] > width[c])
                width[c] = tc->width[i];
        }
    }
    return 0;
}

static int text_header(const out_table *t, FILE *fp, const size_t *width, size_t last_col)
{
    int first = 1;
    if (t->title && fprintf(fp, "%s\n", t->title) < 0)
        return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!human_col(t, c))
            continue;
        int right = right_aligned(&t->cols[c]);
        if (!first && fputs("  ", fp) < 0)
            return -1;
        first = 0;
        if (put_padded(fp, t->cols[c].header, c == last_col && !right ? 0 : width[c], right) < 0)
            return -1;
    }
    if (fputc('\n', fp) == EOF)
        return -1;
    first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!human_col(t, c))
            continue;
        if (!first && fputs("  ", fp) < 0)
            return -1;
        first = 0;
        for (size_t i = 0; i < width[c]; i++)
            if (fputc('-', fp) == EOF)
                return -1;
    }
    return fputc('\n', fp) == EOF ? -1 : 0;
}

static int write_text_table(const out_table *t, const out_opts *o, FILE *fp)
{
    if (t->vertical)
        return write_vertical(t, o, fp, 0);
    size_t ncells = t->nrows * t->ncols, n = ncells ? ncells : 1, last_col = 0;
    size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof(*width));
    unsigned char *shown = calloc(t->ncols ? t->ncols : 1, 1);
    text_cells tc = { NULL, 0, 0, malloc(n * sizeof(size_t)), malloc(n * sizeof(unsigned)) };
    int rc = -1;
    if (width == NULL || shown == NULL || tc.offset == NULL || tc.width == NULL)
        goto done;
    for (size_t c = 0; c < t->ncols; c++)
        if ((shown[c] = (unsigned char)human_col(t, c)))
            last_col = c;
    if (text_measure(t, o, &tc, width) < 0 || text_header(t, fp, width, last_col) < 0)
        goto done;
    for (size_t r = 0; r < t->nrows; r++) {
        int first = 1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!shown[c])
                continue;
            size_t i = r * t->ncols + c;
            int right = right_aligned(&t->cols[c]);
            if (!first && fputs("  ", fp) < 0)
                goto done;
            first = 0;
            if (put_padded_w(fp, tc.arena + tc.offset[i], tc.width[i],
                             c == last_col && !right ? 0 : width[c], right) < 0)
                goto done;
        }
        if (fputc('\n', fp) == EOF)
            goto done;
    }
    rc = 0;
done:
    free(width);
    free(shown);
    free(tc.arena);
    free(tc.offset);
    free(tc.width);
    return rc;
}

/* ---- csv / tsv ------------------------------------------------------- */

/* lead: a character written before s inside the field ('\'' against
 * formula injection), or 0. */
static int put_csv_field(FILE *fp, const char *s, char lead)
{
    if (strpbrk(s, ",\"\r\n") == NULL)
        return (lead && fputc(lead, fp) == EOF) || fputs(s, fp) < 0 ? -1 : 0;
    if (fputc('"', fp) == EOF || (lead && fputc(lead, fp) == EOF))
        return -1;
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) /* "" for each " */
        if (fwrite(s, 1, (size_t)(q - s) + 1, fp) != (size_t)(q - s) + 1 || fputc('"', fp) == EOF)
            return -1;
    if (fputs(s, fp) < 0)
        return -1;
    return fputc('"', fp) == EOF ? -1 : 0;
}

static int put_tsv_field(FILE *fp, const char *s, char lead)
{
    if (lead && fputc(lead, fp) == EOF)
        return -1;
    /* TSV has no quoting: tabs and line breaks become spaces */
    for (size_t n; *s; s += n) {
        n = strcspn(s, "\t\r\n");
        if (fwrite(s, 1, n, fp) != n)
            return -1;
        if (s[n] != '\0' && fputc(' ', fp) == EOF)
            return -1;
        n += s[n] != '\0';
    }
    return 0;
}

/* A spreadsheet opening the file runs a cell that starts with '=', '+',
 * '-' or '@' (and, in some, a tab or carriage return) as a formula: a
 * structure name "=HYPERLINK(...)" would be one.  Such text cells get a
 * leading single quote (OWASP, CSV injection); numbers are never text
 * cells here, and text columns of numbers (OUT_NUMERIC, written by the
 * tool) keep their "-1.5". */
static int formula_like(const out_col *col, const char *s)
{
    return col->type == OUT_STR && !(col->flags & OUT_NUMERIC) && s[0] != '\0' &&
           strchr("=+-@\t\r", s[0]) != NULL;
}

int out_write_sv_header(const out_table *t, FILE *fp, int tsv)
{
    int (*put)(FILE *, const char *, char) = tsv ? put_tsv_field : put_csv_field;
    char sep = tsv ? '\t' : ',';
    int first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->cols[c].flags & OUT_HUMAN_ONLY)
            continue;
        if (!first && fputc(sep, fp) == EOF)
            return -1;
        first = 0;
        if (put(fp, t->cols[c].key, 0) < 0)
            return -1;
    }
    return fputc('\n', fp) == EOF ? -1 : 0;
}

int out_write_sv_row(const out_table *t, size_t r, const out_opts *o, FILE *fp, int tsv)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    int (*put)(FILE *, const char *, char) = tsv ? put_tsv_field : put_csv_field;
    char sep = tsv ? '\t' : ',';
    int first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->cols[c].flags & OUT_HUMAN_ONLY)
            continue;
        cell_text(&t->cells[r * t->ncols + c], &t->cols[c], o, CELL_MACHINE, buf, sizeof(buf), &s);
        if (!first && fputc(sep, fp) == EOF)
            return -1;
        first = 0;
        if (put(fp, s, formula_like(&t->cols[c], s) ? '\'' : 0) < 0)
            return -1;
    }
    return fputc('\n', fp) == EOF ? -1 : 0;
}

static int write_sv_table(const out_table *t, const out_opts *o, FILE *fp, int tsv)
{
    if (out_write_sv_header(t, fp, tsv) < 0)
        return -1;
    for (size_t r = 0; r < t->nrows; r++)
        if (out_write_sv_row(t, r, o, fp, tsv) < 0)
            return -1;
    return 0;
}

/* ---- markdown -------------------------------------------------------- */

static int put_md_field(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if ((*s == '|' || *s == '\\') && fputc('\\', fp) == EOF)
            return -1;
        if (fputc(*s, fp) == EOF)
            return -1;
    }
    return 0;
}

static int write_md_table(const out_table *t, const out_opts *o, FILE *fp)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    if (t->vertical)
        return write_vertical(t, o, fp, 1);
    if (t->title && fprintf(fp, "### %s\n\n", t->title) < 0)
        return -1;
    if (fputc('|', fp) == EOF)
        return -1;
    for (size_t c = 0; c < t->ncols; c++)
        if (human_col(t, c) && (fputc(' ', fp) == EOF || put_md_field(fp, t->cols[c].header) < 0 ||
                                fputs(" |", fp) < 0))
            return -1;
    if (fputs("\n|", fp) < 0)
        return -1;
    for (size_t c = 0; c < t->ncols; c++)
        if (human_col(t, c) && fputs(!right_aligned(&t->cols[c]) ? " :--- |" : " ---: |", fp) < 0)
            return -1;
    if (fputc('\n', fp) == EOF)
        return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        if (fputc('|', fp) == EOF)
            return -1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!human_col(t, c))
                continue;
            cell_text(&t->cells[r * t->ncols + c], &t->cols[c], o, CELL_HUMAN, buf, sizeof(buf), &s);
            if (fputc(' ', fp) == EOF || put_md_field(fp, s) < 0 || fputs(" |", fp) < 0)
                return -1;
        }
        if (fputc('\n', fp) == EOF)
            return -1;
    }
    return 0;
}

/* ---- json ------------------------------------------------------------ */

/* Written by hand rather than through a jansson tree: jansson prints every
 * real with "%.17g", and with --precision json must print the very digits
 * of text ("90.63", "60.50").  jansson still escapes the strings.  The
 * layout is that of json_dumpf(JSON_INDENT(2) | JSON_PRESERVE_ORDER). */

/* The length of the valid UTF-8 sequence at s (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_valid_len(const unsigned char *s)
{
    unsigned char c = s[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

/* s with every byte that starts no valid UTF-8 sequence replaced by U+FFFD
 * (a label read from a Latin-1 file): a new string, or NULL. */
static char *utf8_repaired(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(3 * len + 1), *w = out;
    if (out == NULL)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0';) {
        size_t n = utf8_valid_len(p);
        if (n == 0) {
            memcpy(w, "\xEF\xBF\xBD", 3);
            w += 3;
            p++;
        } else {
            memcpy(w, p, n);
            w += n;
            p += n;
        }
    }
    *w = '\0';
    return out;
}

static int put_json_string(FILE *fp, const char *s)
{
    /* printable ASCII without '"' and '\\' is written as jansson would write
     * it, without building a json value (most keys and labels) */
    const char *p = s;
    while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
        p++;
    if (*p == '\0')
        return fputc('"', fp) == EOF || fwrite(s, 1, (size_t)(p - s), fp) != (size_t)(p - s) ||
                       fputc('"', fp) == EOF ? -1 : 0;
    json_t *j = json_string(s);
    if (j == NULL) {
        char *fixed = utf8_repaired(s);
        j = fixed ? json_string(fixed) : NULL;
        free(fixed);
        if (j == NULL) {
            errno = ENOMEM;
            return -1;
        }
    }
    int rc = json_dumpf(j, fp, JSON_ENCODE_ANY);
    json_decref(j);
    return rc == 0 ? 0 : -1;
}

static int put_json_key(FILE *fp, int indent, int first, const char *key)
{
    if (fputs(first ? "\n" : ",\n", fp) < 0 || fprintf(fp, "%*s", indent, "") < 0 ||
        put_json_string(fp, key) < 0 || fputs(": ", fp) < 0)
        return -1;
    return 0;
}

/* Whether json shows table ti: not human-only, and no later table of the
 * same name replaces it (as a json object key set twice). */
static int json_table_shown(const out_doc *doc, size_t ti)
{
    if (doc->tables[ti]->flags & OUT_TABLE_HUMAN_ONLY)
        return 0;
    for (size_t j = 0; j < ti; j++)
        if (!(doc->tables[j]->flags & OUT_TABLE_HUMAN_ONLY) &&
            strcmp(doc->tables[j]->name, doc->tables[ti]->name) == 0)
            return 0; /* printed at the place of the first one */
    return 1;
}

static int json_col_shown(const out_table *t, size_t c)
{
    if (t->cols[c].flags & OUT_HUMAN_ONLY)
        return 0;
    for (size_t j = 0; j < c; j++)
        if (!(t->cols[j].flags & OUT_HUMAN_ONLY) && strcmp(t->cols[j].key, t->cols[c].key) == 0)
            return 0;
    return 1;
}

/* The last table or column with the same name: the value a key set twice keeps. */
static const out_table *json_table_last(const out_doc *doc, size_t ti)
{
    const out_table *t = doc->tables[ti];
    for (size_t j = ti + 1; j < doc->ntables; j++)
        if (!(doc->tables[j]->flags & OUT_TABLE_HUMAN_ONLY) && strcmp(doc->tables[j]->name, t->name) == 0)
            t = doc->tables[j];
    return t;
}

static size_t json_col_last(const out_table *t, size_t c)
{
    size_t last = c;
    for (size_t j = c + 1; j < t->ncols; j++)
        if (!(t->cols[j].flags & OUT_HUMAN_ONLY) && strcmp(t->cols[j].key, t->cols[c].key) == 0)
            last = j;
    return last;
}

static int write_json_rows(const out_table *t, const out_opts *o, FILE *fp)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    if (t->nrows == 0)
        return fputs("[]", fp) < 0 ? -1 : 0;
    if (fputc('[', fp) == EOF)
        return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        if (fputs(r ? ",\n    {" : "\n    {", fp) < 0)
            return -1;
        int first = 1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!json_col_shown(t, c))
                continue;
            size_t v = json_col_last(t, c);
            const out_cell *cl = &t->cells[r * t->ncols + v];
            if (put_json_key(fp, 6, first, t->cols[c].key) < 0)
                return -1;
            first = 0;
            cell_text(cl, &t->cols[v], o, CELL_JSON, buf, sizeof(buf), &s);
            if (cl->set && t->cols[v].type == OUT_STR ? put_json_string(fp, s) < 0 : fputs(s, fp) < 0)
                return -1;
        }
        if (fputs(first ? "}" : "\n    }", fp) < 0)
            return -1;
    }
    return fputs("\n  ]", fp) < 0 ? -1 : 0;
}

static int write_json(const out_doc *doc, const out_opts *o, FILE *fp)
{
    if (fputc('{', fp) == EOF || put_json_key(fp, 2, 1, "rtfrac_version") < 0 ||
        put_json_string(fp, rtfrac_version()) < 0 || put_json_key(fp, 2, 0, "command") < 0 ||
        put_json_string(fp, doc->command) < 0)
        return -1;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        if (!json_table_shown(doc, ti))
            continue;
        if (put_json_key(fp, 2, 0, doc->tables[ti]->name) < 0 ||
            write_json_rows(json_table_last(doc, ti), o, fp) < 0)
            return -1;
    }
    if (put_json_key(fp, 2, 0, "notes") < 0 || fputs(doc->nnotes ? "[" : "[]", fp) < 0)
        return -1;
    for (size_t i = 0; i < doc->nnotes; i++)
        if (fputs(i ? ",\n    " : "\n    ", fp) < 0 || put_json_string(fp, doc->notes[i]) < 0)
            return -1;
    if (doc->nnotes && fputs("\n  ]", fp) < 0)
        return -1;
    return fputs("\n}\n", fp) < 0 ? -1 : 0;
}

int out_write(const out_doc *doc, const out_opts *o, FILE *fp)
{
    if (doc->failed) {
        errno = ENOMEM; /* a table or note is missing: print nothing */
        return -1;
    }
    if (o->format == OUT_JSON)
        return write_json(doc, o, fp);
    int human = o->format == OUT_TEXT || o->format == OUT_MD, written = 0;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const out_table *t = doc->tables[ti];
        if ((human && (t->flags & OUT_TABLE_MACHINE_ONLY)) ||
            (!human && (t->flags & OUT_TABLE_HUMAN_ONLY)))
            continue;
        if (written++ > 0 && fputc('\n', fp) == EOF)
            return -1; /* a blank line between tables */
        int rc = 0;
        switch (o->format) {
        case OUT_HTML:
        case OUT_TEX: return out_write_fragment(doc, o, fp);
        case OUT_TEXT: rc = write_text_table(t, o, fp); break;
        case OUT_CSV: rc = write_sv_table(t, o, fp, 0); break;
        case OUT_TSV: rc = write_sv_table(t, o, fp, 1); break;
        case OUT_MD: rc = write_md_table(t, o, fp); break;
        case OUT_JSON: break;
        }
        if (rc < 0)
            return -1;
    }
    if (o->format == OUT_TEXT || o->format == OUT_MD) {
        if (doc->nnotes > 0 && fputc('\n', fp) == EOF)
            return -1;
        size_t width = o->format == OUT_TEXT ? wrap_width(fp) : 0;
        for (size_t i = 0; i < doc->nnotes; i++) {
            /* text: wrapped, continuation lines indented under the first */
            if (o->format == OUT_TEXT ? wrap_put(fp, doc->notes[i], width, 2) < 0
                                      : fprintf(fp, "%s\n\n", doc->notes[i]) < 0)
                return -1;
        }
    }
    return 0;
}

/* ---- html and LaTeX fragments (reports) ------------------------------- */

static const char *html_escape(char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    default: return NULL;
    }
}

static const char *tex_escape(char c)
{
    switch (c) {
    case '&': return "\\&";
    case '%': return "\\%";
    case '$': return "\\$";
    case '#': return "\\#";
    case '_': return "\\_";
    case '{': return "\\{";
    case '}': return "\\}";
    case '~': return "\\textasciitilde{}";
    case '^': return "\\textasciicircum{}";
    case '\\': return "\\textbackslash{}";
    case '<': return "\\textless{}";
    case '>': return "\\textgreater{}";
    default: return NULL;
    }
}

/* Writes s, replacing each character the format reserves by its escape. */
static int put_escaped(FILE *fp, const char *s, const char *(*escape)(char))
{
    for (; *s; s++) {
        const char *e = escape(*s);
        if (e ? fputs(e, fp) < 0 : fputc(*s, fp) == EOF)
            return -1;
    }
    return 0;
}

int out_put_html(FILE *fp, const char *s)
{
    return put_escaped(fp, s, html_escape);
}

int out_put_tex(FILE *fp, const char *s)
{
    return put_escaped(fp, s, tex_escape);
}

static int write_html_table(const out_table *t, const out_opts *o, FILE *fp)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    if (t->title && (fputs("<h3>", fp) < 0 || out_put_html(fp, t->title) < 0 || fputs("</h3>\n", fp) < 0))
        return -1;
    if (fputs("<table>\n", fp) < 0)
        return -1;
    if (t->vertical) {
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const out_cell *cl = &t->cells[r * t->ncols + c];
                if (!human_col(t, c) || !cl->set)
                    continue;
                cell_text(cl, &t->cols[c], o, CELL_HUMAN, buf, sizeof(buf), &s);
                if (fputs("<tr><th>", fp) < 0 || out_put_html(fp, t->cols[c].header) < 0 ||
                    fputs("</th><td>", fp) < 0 || out_put_html(fp, s) < 0 || fputs("</td></tr>\n", fp) < 0)
                    return -1;
            }
        return fputs("</table>\n", fp) < 0 ? -1 : 0;
    }
    if (fputs("<thead><tr>", fp) < 0)
        return -1;
    for (size_t c = 0; c < t->ncols; c++)
        if (human_col(t, c) && (fprintf(fp, "<th class=\"%s\">", !right_aligned(&t->cols[c]) ? "s" : "n") < 0 ||
                                out_put_html(fp, t->cols[c].header) < 0 || fputs("</th>", fp) < 0))
            return -1;
    if (fputs("</tr></thead>\n<tbody>\n", fp) < 0)
        return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        if (fputs("<tr>", fp) < 0)
            return -1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!human_col(t, c))
                continue;
            cell_text(&t->cells[r * t->ncols + c], &t->cols[c], o, CELL_HUMAN, buf, sizeof(buf), &s);
            if (fprintf(fp, "<td class=\"%s\">", !right_aligned(&t->cols[c]) ? "s" : "n") < 0 ||
                out_put_html(fp, s) < 0 || fputs("</td>", fp) < 0)
                return -1;
        }
        if (fputs("</tr>\n", fp) < 0)
            return -1;
    }
    return fputs("</tbody>\n</table>\n", fp) < 0 ? -1 : 0;
}

/* LaTeX tables are laid out here, from estimated text widths, so that they
 * fit the portrait text width of the report (A4, 18 mm margins: 17.4 cm,
 * write_tex in cmd_report.c) with no overfull box:
 * - every column is a paragraph column as wide as its longest cell (a
 *   number column) or as wide as the room allows down to its longest word
 *   (a text column); headers and cells wrap at spaces and after a '/'
 *   (paths), and a column is never narrower than its longest word, so headers cannot overprint;
 * - a table of more than 7 columns whose columns do not fit at
 *   \footnotesize at their natural widths takes \scriptsize, with its text
 *   columns narrower if need be;
 *   one that still does not fit is cut into column groups, each a table of its
 *   own that repeats the first column (the row's name).  No table turns the
 *   page: a landscape page for a few rows is mostly empty and takes the
 *   section heading away from its table.
 * Widths are in em of the table's font (tex_char_em): a word, which must
 * not stick out of its column, is measured generously (Latin Modern at 7
 * and 8 pt, optical sizes a little wider than at 10 pt, is narrower than
 * the estimate); a line of text, which wraps when the estimate is short,
 * at its typical width, so that columns take no more room than they need
 * (tests/latex.sh compiles a report and checks for overfull boxes). */
#define TEX_TEXT_WIDTH_CM 17.4
#define TEX_TEXT_MIN_EM 8.0 /* a text column does not wrap narrower */

typedef struct tex_col {
    size_t c;
    double nat_em, min_em, w_em;
} tex_col;

/* A character's width in em: typical (for a line of text, which may wrap
 * if the estimate is short) or generous (for a word, which must fit). */
static double tex_char_em(unsigned char ch, int generous)
{
    if (ch >= '0' && ch <= '9')
        return 0.5; /* tabular figures: exactly 0.5 em */
    if (ch == ' ')
        return 0.34;
    if (ch == '%')
        return generous ? 1.0 : 0.84;
    if ((ch >= 'A' && ch <= 'Z') || strchr("mw@<>=~&#", ch))
        return generous ? 0.86 : 0.76;
    return generous ? 0.56 : 0.5;
}

/* Width of s (typical), and of its widest word (generous; words end at
 * spaces, and after a '/' when slash_breaks), in em. */
static void tex_text_em(const char *s, int slash_breaks, double *full, double *word)
{
    double f = 0.0, w = 0.0, cur = 0.0;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch & 0xC0) == 0x80)
            continue; /* a UTF-8 continuation byte: one character */
        f += tex_char_em(ch, 0);
        if (ch == ' ') {
            cur = 0.0;
            continue;
        }
        cur += tex_char_em(ch, 1);
        w = cur > w ? cur : w;
        if (ch == '/' && slash_breaks)
            cur = 0.0;
    }
    *full = f;
    *word = w;
}

/* Widths of n columns in avail_em: each at its natural width when they
 * fit, otherwise the widest text columns give way first: every column is
 * capped at one width L (never under its narrowest), the largest L that
 * fits, so short columns stay on one line and the long ones wrap.  Returns
 * 0 when even the narrowest widths do not fit. */
static int tex_fit(tex_col *tc, size_t n, double avail_em)
{
    double lo = 0.0, hi = 0.0, min = 0.0;
    for (size_t i = 0; i < n; i++) {
        hi = fmax(hi, tc[i].nat_em);
        min += tc[i].min_em;
    }
    if (min > avail_em)
        return 0;
    for (int iter = 0; iter < 60; iter++) { /* bisection on L */
        double mid = 0.5 * (lo + hi), sum = 0.0;
        for (size_t i = 0; i < n; i++)
            sum += fmax(tc[i].min_em, fmin(tc[i].nat_em, mid));
        if (sum <= avail_em)
            lo = mid;
        else
            hi = mid;
    }
    for (size_t i = 0; i < n; i++)
        tc[i].w_em = fmax(tc[i].min_em, fmin(tc[i].nat_em, lo));
    return 1;
}

/* Whether every column fits at its natural width (and then gives it). */
static int tex_fits_whole(tex_col *tc, size_t n, double avail_em)
{
    double nat = 0.0;
    for (size_t i = 0; i < n; i++)
        nat += tc[i].nat_em;
    return nat <= avail_em && tex_fit(tc, n, avail_em);
}

/* Natural and narrowest widths of column c, in em. */
static void tex_measure(const out_table *t, const out_opts *o, size_t c, tex_col *tc)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    double hfull, hword, cell_full = 0.0, cell_word = 0.0, f, w;
    tex_text_em(t->cols[c].header, 1, &hfull, &hword);
    for (size_t r = 0; r < t->nrows; r++) {
        cell_text(&t->cells[r * t->ncols + c], &t->cols[c], o, CELL_HUMAN, buf, sizeof(buf), &s);
        tex_text_em(s, 1, &f, &w);
        cell_full = f > cell_full ? f : cell_full;
        cell_word = w > cell_word ? w : cell_word;
    }
    tc->c = c;
    tc->nat_em = fmax(cell_full, fmax(cell_word, hword));
    if (hfull <= tc->nat_em * 1.25 && hfull > tc->nat_em)
        tc->nat_em = hfull; /* a header a little wider than its cells stays on one line */
    if (right_aligned(&t->cols[c])) {
        tc->min_em = tc->nat_em; /* numbers do not wrap */
    } else {
        double m = cell_word > hword ? cell_word : hword;
        tc->min_em = m > TEX_TEXT_MIN_EM ? m : TEX_TEXT_MIN_EM;
        if (tc->min_em > tc->nat_em)
            tc->min_em = tc->nat_em;
    }
}

/* A header or a cell of a table: its '/' may end a line (paths, units). */
static int put_tex_breakable(FILE *fp, const char *h)
{
    for (; *h; h++) {
        const char *e = tex_escape(*h);
        if (e ? fputs(e, fp) < 0 : fputc(*h, fp) == EOF)
            return -1;
        if (*h == '/' && fputs("\\allowbreak{}", fp) < 0)
            return -1;
    }
    return 0;
}

/* One longtable of the columns tc[0..n), at the widths they were given. */
static int write_tex_group(const out_table *t, const out_opts *o, FILE *fp, const tex_col *tc, size_t n,
                           int small, double em_cm)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    if (fprintf(fp, "{%s\\setlength{\\tabcolsep}{%s}\n\\begin{longtable}{@{}", small ? "\\scriptsize" : "\\footnotesize",
                small ? "2.5pt" : "3pt") < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (fprintf(fp, ">{%s\\arraybackslash}p{%.2fcm}", right_aligned(&t->cols[tc[i].c]) ? "\\raggedleft" : "\\raggedright",
                    tc[i].w_em * em_cm) < 0)
            return -1;
    if (fputs("@{}}\n\\toprule\n", fp) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (put_tex_breakable(fp, t->cols[tc[i].c].header) < 0 || fputs(i + 1 < n ? " & " : " \\\\\n", fp) < 0)
            return -1;
    if (fputs("\\midrule\n\\endhead\n", fp) < 0)
        return -1;
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t i = 0; i < n; i++) {
            cell_text(&t->cells[r * t->ncols + tc[i].c], &t->cols[tc[i].c], o, CELL_HUMAN, buf, sizeof(buf), &s);
            if (put_tex_breakable(fp, s) < 0 || fputs(i + 1 < n ? " & " : " \\\\\n", fp) < 0)
                return -1;
        }
    return fputs("\\bottomrule\n\\end{longtable}\n}\n", fp) < 0 ? -1 : 0;
}

static int write_tex_table(const out_table *t, const out_opts *o, FILE *fp)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    size_t shown = 0;
    for (size_t c = 0; c < t->ncols; c++)
        shown += (size_t)human_col(t, c);
    if (t->title && (fputs("\\subsection*{", fp) < 0 || out_put_tex(fp, t->title) < 0 || fputs("}\n", fp) < 0))
        return -1;
    if (t->vertical) {
        if (fputs("{\\footnotesize\n\\begin{longtable}{@{}lp{0.72\\linewidth}@{}}\n\\toprule\n", fp) < 0)
            return -1;
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const out_cell *cl = &t->cells[r * t->ncols + c];
                if (!human_col(t, c) || !cl->set)
                    continue;
                cell_text(cl, &t->cols[c], o, CELL_HUMAN, buf, sizeof(buf), &s);
                if (out_put_tex(fp, t->cols[c].header) < 0 || fputs(" & ", fp) < 0 || out_put_tex(fp, s) < 0 ||
                    fputs(" \\\\\n", fp) < 0)
                    return -1;
            }
        return fputs("\\bottomrule\n\\end{longtable}\n}\n", fp) < 0 ? -1 : 0;
    }
    if (shown == 0)
        return 0;
    tex_col *tc = malloc(shown * sizeof(*tc)), *group = malloc(shown * sizeof(*group));
    int rc = -1;
    if (tc == NULL || group == NULL)
        goto done;
    size_t n = 0;
    for (size_t c = 0; c < t->ncols; c++)
        if (human_col(t, c))
            tex_measure(t, o, c, &tc[n++]);
    /* \footnotesize: 8 pt, \tabcolsep 3 pt; \scriptsize: 7 pt, 2.5 pt
     * (1 pt = 0.03515 cm); the 8 and 7 pt designs of Latin Modern are 4
     * and 8 % wider than the 10 pt one that tex_char_em describes */
    static const struct { double em_cm, sep_cm; } size[2] = { { 1.04 * 8 * 0.03515, 3 * 0.03515 },
                                                              { 1.08 * 7 * 0.03515, 2.5 * 0.03515 } };
#define AVAIL_EM(k, ncols) ((TEX_TEXT_WIDTH_CM - 2.0 * size[k].sep_cm * (double)((ncols) - 1)) / size[k].em_cm)
    /* a table of few columns keeps the larger font and wraps its text */
    if (n <= 7 ? tex_fit(tc, n, AVAIL_EM(0, n)) : tex_fits_whole(tc, n, AVAIL_EM(0, n))) {
        rc = write_tex_group(t, o, fp, tc, n, 0, size[0].em_cm);
        goto done;
    }
    if (tex_fit(tc, n, AVAIL_EM(1, n))) { /* wrapping text only when even \scriptsize needs it */
        rc = write_tex_group(t, o, fp, tc, n, 1, size[1].em_cm);
        goto done;
    }
    /* column groups, each with the first column: as many as filling each
     * in turn needs, then the columns shared out evenly among them unless
     * an even share does not fit (the last group would be a stub) */
    size_t ngroups = 0;
    for (size_t next = 1; next < n; ngroups++) {
        size_t g = 0;
        group[g++] = tc[0];
        group[g++] = tc[next++];
        for (; next < n; g++, next++) {
            group[g] = tc[next];
            if (!tex_fit(group, g + 1, AVAIL_EM(1, g + 1)))
                break;
        }
    }
    size_t share = (n - 1 + ngroups - 1) / ngroups; /* columns after the first, per group */
    int even = 1;
    for (size_t first = 1; first < n && even; first += share) {
        size_t g = 0;
        group[g++] = tc[0];
        for (size_t c = first; c < n && c < first + share; c++)
            group[g++] = tc[c];
        even = tex_fit(group, g, AVAIL_EM(1, g));
    }
    rc = 0;
    for (size_t next = 1; next < n && rc == 0;) {
        size_t g = 0;
        group[g++] = tc[0];
        group[g++] = tc[next++];
        for (; next < n && (!even || g < share + 1); g++, next++) {
            group[g] = tc[next];
            if (!tex_fit(group, g + 1, AVAIL_EM(1, g + 1)))
                break;
        }
        (void)tex_fit(group, g, AVAIL_EM(1, g)); /* two columns that do not fit: the log says it */
        rc = write_tex_group(t, o, fp, group, g, 1, size[1].em_cm);
        if (rc == 0 && next < n)
            rc = fputs("\\smallskip\n", fp) < 0 ? -1 : 0;
    }
#undef AVAIL_EM
done:
    free(tc);
    free(group);
    return rc;
}

int out_write_fragment(const out_doc *doc, const out_opts *o, FILE *fp)
{
    if (doc->failed) {
        errno = ENOMEM;
        return -1;
    }
    int html = o->format == OUT_HTML;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const out_table *t = doc->tables[ti];
        if (t->flags & OUT_TABLE_MACHINE_ONLY)
            continue;
        if ((html ? write_html_table(t, o, fp) : write_tex_table(t, o, fp)) < 0)
            return -1;
    }
    for (size_t i = 0; i < doc->nnotes; i++) {
        if (html ? (fputs("<p class=\"note\">", fp) < 0 || out_put_html(fp, doc->notes[i]) < 0 ||
                    fputs("</p>\n", fp) < 0)
                 : (fputs("\\noindent{\\small ", fp) < 0 || out_put_tex(fp, doc->notes[i]) < 0 ||
                    fputs("}\\par\\smallskip\n", fp) < 0))
            return -1;
    }
    return 0;
}

/* ---- streaming (batch) ------------------------------------------------ */

/* One csv/tsv line: the header's keys, or row r's cells, with the rules of
 * write_sv_table (formula-like text cells get a leading quote). */
static int stream_sv_line(const out_table *t, const out_opts *o, FILE *fp, int tsv, long r)
{
    return r < 0 ? out_write_sv_header(t, fp, tsv) : out_write_sv_row(t, (size_t)r, o, fp, tsv);
}

/* Row r as one JSON object on one line, keys and values as json prints them. */
static int stream_json_line(const out_table *t, const out_opts *o, FILE *fp, size_t r)
{
    char buf[OUT_REAL_TEXT_MAX];
    const char *s;
    int first = 1;
    if (fputc('{', fp) == EOF)
        return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!json_col_shown(t, c))
            continue;
        const out_cell *cl = &t->cells[r * t->ncols + c];
        if ((!first && fputs(", ", fp) < 0) || put_json_string(fp, t->cols[c].key) < 0 || fputs(": ", fp) < 0)
            return -1;
        first = 0;
        cell_text(cl, &t->cols[c], o, CELL_JSON, buf, sizeof(buf), &s);
        if (cl->set && t->cols[c].type == OUT_STR ? put_json_string(fp, s) < 0 : fputs(s, fp) < 0)
            return -1;
    }
    return fputs("}\n", fp) < 0 ? -1 : 0;
}

int out_stream_rows(out_table *t, const out_opts *o, int jsonl, int header, FILE *fp)
{
    int tsv = o->format == OUT_TSV;
    assert(jsonl || o->format == OUT_CSV || o->format == OUT_TSV);
    if (header && !jsonl && stream_sv_line(t, o, fp, tsv, -1) < 0)
        return -1;
    for (size_t r = 0; r < t->nrows; r++)
        if ((jsonl ? stream_json_line(t, o, fp, r) : stream_sv_line(t, o, fp, tsv, (long)r)) < 0)
            return -1;
    for (size_t i = 0; i < t->nrows * t->ncols; i++) {
        free(t->cells[i].str);
        free(t->cells[i].shown);
    }
    t->nrows = 0;
    return 0;
}
