/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "output.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <rtfrac.h>

void out_doc_init(out_doc *doc, const char *command)
{
    memset(doc, 0, sizeof(*doc));
    doc->command = command;
}

void out_doc_release(out_doc *doc)
{
    for (size_t t = 0; t < doc->ntables; t++) {
        out_table *tb = &doc->tables[t];
        for (size_t i = 0; i < tb->nrows * tb->ncols; i++)
            free(tb->cells[i].str);
        free(tb->cells);
        free(tb->cols);
    }
    for (size_t i = 0; i < doc->nnotes; i++)
        free(doc->notes[i]);
    memset(doc, 0, sizeof(*doc));
}

out_table *out_doc_table(out_doc *doc, const char *name, const char *title,
                         const out_col *cols, size_t ncols)
{
    if (doc->ntables == OUT_TABLES_MAX)
        return NULL;
    out_table *t = &doc->tables[doc->ntables];
    memset(t, 0, sizeof(*t));
    t->cols = malloc(ncols * sizeof(*cols));
    if (t->cols == NULL)
        return NULL;
    memcpy(t->cols, cols, ncols * sizeof(*cols));
    t->ncols = ncols;
    t->name = name;
    t->title = title;
    doc->ntables++;
    return t;
}

long out_row(out_table *t)
{
    if (t->nrows == t->cap_rows) {
        size_t cap = t->cap_rows ? 2 * t->cap_rows : 16;
        out_cell *cells = realloc(t->cells, cap * t->ncols * sizeof(*cells));
        if (cells == NULL)
            return -1;
        t->cells = cells;
        t->cap_rows = cap;
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(out_cell));
    return (long)t->nrows++;
}

static out_cell *cell(out_table *t, long row, const char *col, out_type type)
{
    for (size_t c = 0; c < t->ncols; c++) {
        if (strcmp(t->cols[c].key, col) == 0) {
            assert(t->cols[c].type == type);
            assert(row >= 0 && (size_t)row < t->nrows);
            return &t->cells[(size_t)row * t->ncols + c];
        }
    }
    assert(!"unknown column");
    return NULL;
}

int out_str(out_table *t, long row, const char *col, const char *value)
{
    out_cell *c = cell(t, row, col, OUT_STR);
    char *copy = strdup(value);
    if (copy == NULL)
        return -1;
    free(c->str);
    c->str = copy;
    c->set = 1;
    return 0;
}

int out_int(out_table *t, long row, const char *col, long long value)
{
    out_cell *c = cell(t, row, col, OUT_INT);
    c->integer = value;
    c->set = 1;
    return 0;
}

int out_real(out_table *t, long row, const char *col, double value)
{
    out_cell *c = cell(t, row, col, OUT_REAL);
    if (!isfinite(value))
        return -1; /* no NaN or infinity ever reaches the output */
    c->real = value;
    c->set = 1;
    return 0;
}

int out_note(out_doc *doc, const char *fmt, ...)
{
    va_list ap;
    char buf[1024];
    if (doc->nnotes == OUT_NOTES_MAX)
        return -1;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    size_t len = strlen(buf);
    if (len >= 2 && buf[len - 1] == '.' && buf[len - 2] == '.' && (len < 3 || buf[len - 3] != '.'))
        buf[len - 1] = '\0'; /* a source ending in '.' inside a sentence */
    for (size_t i = 0; i < doc->nnotes; i++)
        if (strcmp(doc->notes[i], buf) == 0)
            return 0; /* say each thing once */
    doc->notes[doc->nnotes] = strdup(buf);
    if (doc->notes[doc->nnotes] == NULL)
        return -1;
    doc->nnotes++;
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

void out_real_exact(char *buf, size_t size, double value)
{
    if (!(value < 0.0) && !(value > 0.0))
        value = 0.0; /* no "-0" */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, value);
        double back = strtod(buf, NULL);
        if (!(back < value) && !(back > value))
            return;
    }
}

/* Round half away from zero at `decimals`, as printf does for most values,
 * and never print "-0.00". */
static void real_fixed(char *buf, size_t size, double value, int decimals)
{
    snprintf(buf, size, "%.*f", decimals, value);
    if (buf[0] == '-') {
        int allzero = 1;
        for (const char *p = buf + 1; *p; p++)
            if (*p != '0' && *p != '.')
                allzero = 0;
        if (allzero)
            memmove(buf, buf + 1, strlen(buf));
    }
}

static void cell_text(const out_cell *c, out_type type, const out_opts *o,
                      int human, char *buf, size_t size, const char **str)
{
    *str = buf;
    buf[0] = '\0';
    if (!c->set) {
        if (human)
            snprintf(buf, size, "-");
        return;
    }
    switch (type) {
    case OUT_STR:
        *str = c->str;
        break;
    case OUT_INT:
        snprintf(buf, size, "%lld", c->integer);
        break;
    case OUT_REAL:
        if (o->precision >= 0)
            real_fixed(buf, size, c->real, o->precision);
        else if (human)
            real_fixed(buf, size, c->real, 2);
        else
            out_real_exact(buf, size, c->real);
        break;
    }
}

static int put_md_field(FILE *fp, const char *s);

/* Whether text and md show column c. */
static int human_col(const out_table *t, size_t c)
{
    if (t->cols[c].flags & OUT_MACHINE_ONLY)
        return 0;
    if (t->cols[c].flags & OUT_HIDE_EMPTY) {
        for (size_t r = 0; r < t->nrows; r++)
            if (t->cells[r * t->ncols + c].set)
                return 1;
        return 0;
    }
    return 1;
}

/* ---- text ------------------------------------------------------------ */

static int put_padded(FILE *fp, const char *s, size_t width, int right)
{
    size_t w = rtfrac_utf8_width(s, strlen(s));
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
    char buf[64];
    const char *s;
    size_t width = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        size_t w = rtfrac_utf8_width(t->cols[c].header, strlen(t->cols[c].header));
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
            cell_text(cl, t->cols[c].type, o, 1, buf, sizeof(buf), &s);
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

static int write_text_table(const out_table *t, const out_opts *o, FILE *fp)
{
    char buf[64];
    const char *s;
    size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof(*width));
    size_t last_col = 0;
    int rc = -1, first;
    if (width == NULL)
        return -1;
    if (t->vertical) {
        free(width);
        return write_vertical(t, o, fp, 0);
    }
    for (size_t c = 0; c < t->ncols; c++) {
        if (!human_col(t, c))
            continue;
        last_col = c;
        width[c] = rtfrac_utf8_width(t->cols[c].header, strlen(t->cols[c].header));
        for (size_t r = 0; r < t->nrows; r++) {
            cell_text(&t->cells[r * t->ncols + c], t->cols[c].type, o, 1, buf, sizeof(buf), &s);
            size_t w = rtfrac_utf8_width(s, strlen(s));
            if (w > width[c])
                width[c] = w;
        }
    }
    if (t->title && fprintf(fp, "%s\n", t->title) < 0)
        goto done;
    first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!human_col(t, c))
            continue;
        int right = t->cols[c].type != OUT_STR;
        if (!first && fputs("  ", fp) < 0)
            goto done;
        first = 0;
        if (put_padded(fp, t->cols[c].header, c == last_col && !right ? 0 : width[c], right) < 0)
            goto done;
    }
    if (fputc('\n', fp) == EOF)
        goto done;
    first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!human_col(t, c))
            continue;
        if (!first && fputs("  ", fp) < 0)
            goto done;
        first = 0;
        for (size_t i = 0; i < width[c]; i++)
            if (fputc('-', fp) == EOF)
                goto done;
    }
    if (fputc('\n', fp) == EOF)
        goto done;
    for (size_t r = 0; r < t->nrows; r++) {
        first = 1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!human_col(t, c))
                continue;
            int right = t->cols[c].type != OUT_STR;
            cell_text(&t->cells[r * t->ncols + c], t->cols[c].type, o, 1, buf, sizeof(buf), &s);
            if (!first && fputs("  ", fp) < 0)
                goto done;
            first = 0;
            if (put_padded(fp, s, c == last_col && !right ? 0 : width[c], right) < 0)
                goto done;
        }
        if (fputc('\n', fp) == EOF)
            goto done;
    }
    rc = 0;
done:
    free(width);
    return rc;
}

/* ---- csv / tsv ------------------------------------------------------- */

static int put_csv_field(FILE *fp, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL)
        return fputs(s, fp) < 0 ? -1 : 0;
    if (fputc('"', fp) == EOF)
        return -1;
    for (; *s; s++) {
        if (*s == '"' && fputc('"', fp) == EOF)
            return -1;
        if (fputc(*s, fp) == EOF)
            return -1;
    }
    return fputc('"', fp) == EOF ? -1 : 0;
}

static int put_tsv_field(FILE *fp, const char *s)
{
    /* TSV has no quoting: tabs and line breaks become spaces */
    for (; *s; s++) {
        char c = (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s;
        if (fputc(c, fp) == EOF)
            return -1;
    }
    return 0;
}

static int write_sv_table(const out_table *t, const out_opts *o, FILE *fp, int tsv)
{
    char buf[64];
    const char *s;
    int (*put)(FILE *, const char *) = tsv ? put_tsv_field : put_csv_field;
    char sep = tsv ? '\t' : ',';
    int first = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->cols[c].flags & OUT_HUMAN_ONLY)
            continue;
        if (!first && fputc(sep, fp) == EOF)
            return -1;
        first = 0;
        if (put(fp, t->cols[c].key) < 0)
            return -1;
    }
    if (fputc('\n', fp) == EOF)
        return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        first = 1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (t->cols[c].flags & OUT_HUMAN_ONLY)
                continue;
            cell_text(&t->cells[r * t->ncols + c], t->cols[c].type, o, 0, buf, sizeof(buf), &s);
            if (!first && fputc(sep, fp) == EOF)
                return -1;
            first = 0;
            if (put(fp, s) < 0)
                return -1;
        }
        if (fputc('\n', fp) == EOF)
            return -1;
    }
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
    char buf[64];
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
        if (human_col(t, c) && fputs(t->cols[c].type == OUT_STR ? " :--- |" : " ---: |", fp) < 0)
            return -1;
    if (fputc('\n', fp) == EOF)
        return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        if (fputc('|', fp) == EOF)
            return -1;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!human_col(t, c))
                continue;
            cell_text(&t->cells[r * t->ncols + c], t->cols[c].type, o, 1, buf, sizeof(buf), &s);
            if (fputc(' ', fp) == EOF || put_md_field(fp, s) < 0 || fputs(" |", fp) < 0)
                return -1;
        }
        if (fputc('\n', fp) == EOF)
            return -1;
    }
    return 0;
}

/* ---- json ------------------------------------------------------------ */

static json_t *json_cell(const out_cell *c, out_type type, const out_opts *o)
{
    if (!c->set)
        return json_null();
    switch (type) {
    case OUT_STR:
        return json_string(c->str);
    case OUT_INT:
        return json_integer((json_int_t)c->integer);
    case OUT_REAL:
        if (o->precision >= 0) {
            double scale = pow(10.0, o->precision);
            double v = round(c->real * scale) / scale;
            return json_real(isfinite(v) ? v : c->real);
        }
        return json_real(c->real);
    }
    return json_null();
}

static int write_json(const out_doc *doc, const out_opts *o, FILE *fp)
{
    int rc = -1;
    json_t *root = json_object();
    if (root == NULL)
        return -1;
    if (json_object_set_new(root, "rtfrac_version", json_string(rtfrac_version())) ||
        json_object_set_new(root, "command", json_string(doc->command)))
        goto done;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const out_table *t = &doc->tables[ti];
        if (t->flags & OUT_TABLE_HUMAN_ONLY)
            continue;
        json_t *rows = json_array();
        if (rows == NULL || json_object_set_new(root, t->name, rows))
            goto done;
        for (size_t r = 0; r < t->nrows; r++) {
            json_t *obj = json_object();
            if (obj == NULL || json_array_append_new(rows, obj))
                goto done;
            for (size_t c = 0; c < t->ncols; c++) {
                if (t->cols[c].flags & OUT_HUMAN_ONLY)
                    continue;
                json_t *v = json_cell(&t->cells[r * t->ncols + c], t->cols[c].type, o);
                if (v == NULL || json_object_set_new(obj, t->cols[c].key, v))
                    goto done;
            }
        }
    }
    json_t *notes = json_array();
    if (notes == NULL || json_object_set_new(root, "notes", notes))
        goto done;
    for (size_t i = 0; i < doc->nnotes; i++)
        if (json_array_append_new(notes, json_string(doc->notes[i])))
            goto done;
    /* 17 significant digits read back as the same double; with a fixed
     * number of decimals 15 digits print the rounded value as written. */
    size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                   JSON_REAL_PRECISION(o->precision >= 0 ? 15 : 17);
    if (json_dumpf(root, fp, flags) != 0 || fputc('\n', fp) == EOF)
        goto done;
    rc = 0;
done:
    json_decref(root);
    return rc;
}

int out_write(const out_doc *doc, const out_opts *o, FILE *fp)
{
    if (o->format == OUT_JSON)
        return write_json(doc, o, fp);
    int human = o->format == OUT_TEXT || o->format == OUT_MD, written = 0;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const out_table *t = &doc->tables[ti];
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
        for (size_t i = 0; i < doc->nnotes; i++) {
            if (fprintf(fp, o->format == OUT_MD ? "%s\n\n" : "%s\n", doc->notes[i]) < 0)
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
    char buf[64];
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
                cell_text(cl, t->cols[c].type, o, 1, buf, sizeof(buf), &s);
                if (fputs("<tr><th>", fp) < 0 || out_put_html(fp, t->cols[c].header) < 0 ||
                    fputs("</th><td>", fp) < 0 || out_put_html(fp, s) < 0 || fputs("</td></tr>\n", fp) < 0)
                    return -1;
            }
        return fputs("</table>\n", fp) < 0 ? -1 : 0;
    }
    if (fputs("<thead><tr>", fp) < 0)
        return -1;
    for (size_t c = 0; c < t->ncols; c++)
        if (human_col(t, c) && (fprintf(fp, "<th class=\"%s\">", t->cols[c].type == OUT_STR ? "s" : "n") < 0 ||
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
            cell_text(&t->cells[r * t->ncols + c], t->cols[c].type, o, 1, buf, sizeof(buf), &s);
            if (fprintf(fp, "<td class=\"%s\">", t->cols[c].type == OUT_STR ? "s" : "n") < 0 ||
                out_put_html(fp, s) < 0 || fputs("</td>", fp) < 0)
                return -1;
        }
        if (fputs("</tr>\n", fp) < 0)
            return -1;
    }
    return fputs("</tbody>\n</table>\n", fp) < 0 ? -1 : 0;
}

static int write_tex_table(const out_table *t, const out_opts *o, FILE *fp)
{
    char buf[64];
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
                cell_text(cl, t->cols[c].type, o, 1, buf, sizeof(buf), &s);
                if (out_put_tex(fp, t->cols[c].header) < 0 || fputs(" & ", fp) < 0 || out_put_tex(fp, s) < 0 ||
                    fputs(" \\\\\n", fp) < 0)
                    return -1;
            }
        return fputs("\\bottomrule\n\\end{longtable}\n}\n", fp) < 0 ? -1 : 0;
    }
    /* long text wraps in paragraph columns, numbers under long headers in
     * narrow ones; a table that still does not fit the text width turns
     * the page (pdflscape); many columns take a smaller font */
    int small = shown > 7;
    double *width = calloc(t->ncols ? t->ncols : 1, sizeof(double)); /* > 0: a p column */
    double fixed_cm = 0.0, para_cm = 0.0, para_min_cm = 0.0;
    if (width == NULL)
        return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!human_col(t, c))
            continue;
        size_t longest = strlen(t->cols[c].header);
        for (size_t r = 0; r < t->nrows && t->cols[c].type == OUT_STR; r++) {
            const out_cell *cl = &t->cells[r * t->ncols + c];
            if (cl->set && strlen(cl->str) > longest)
                longest = strlen(cl->str);
        }
        double est = (double)longest * (small ? 0.13 : 0.16) + 0.2;
        if (t->cols[c].type != OUT_STR) {
            width[c] = strlen(t->cols[c].header) > 10 ? (small ? 1.35 : 1.7) : 0.0;
            fixed_cm += width[c] > 0.0 ? width[c] + 0.2 : (est > 2.2 ? 2.2 : est);
        } else if (longest > 24) {
            width[c] = est > 7.5 ? 7.5 : est;
            para_cm += width[c];
            para_min_cm += 2.0;
        } else {
            fixed_cm += est;
        }
    }
    int wide = fixed_cm + para_min_cm > 17.0;
    double budget_cm = wide ? 25.0 : 17.0, room = budget_cm - fixed_cm;
    double scale = para_cm > room && para_cm > 0.0 ? room / para_cm : 1.0;
    if ((wide && fputs("\\begin{landscape}\n", fp) < 0) ||
        fputs(small ? "{\\scriptsize\\setlength{\\tabcolsep}{2.5pt}\n\\begin{longtable}{@{}"
                    : "{\\footnotesize\\setlength{\\tabcolsep}{3pt}\n\\begin{longtable}{@{}",
              fp) < 0) {
        free(width);
        return -1;
    }
    int bad = 0;
    for (size_t c = 0; c < t->ncols && !bad; c++) {
        if (!human_col(t, c))
            continue;
        if (t->cols[c].type != OUT_STR && width[c] > 0.0)
            bad = fprintf(fp, ">{\\raggedleft\\arraybackslash}p{%.2fcm}", width[c]) < 0;
        else if (t->cols[c].type == OUT_STR && width[c] > 0.0)
            bad = fprintf(fp, ">{\\raggedright\\arraybackslash}p{%.2fcm}",
                          width[c] * scale < 2.0 ? 2.0 : width[c] * scale) < 0;
        else
            bad = fputc(t->cols[c].type == OUT_STR ? 'l' : 'r', fp) == EOF;
    }
    free(width);
    if (bad)
        return -1;
    if (fputs("@{}}\n\\toprule\n", fp) < 0)
        return -1;
    size_t k = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!human_col(t, c))
            continue;
        if (out_put_tex(fp, t->cols[c].header) < 0 || fputs(++k < shown ? " & " : " \\\\\n", fp) < 0)
            return -1;
    }
    if (fputs("\\midrule\n\\endhead\n", fp) < 0)
        return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        k = 0;
        for (size_t c = 0; c < t->ncols; c++) {
            if (!human_col(t, c))
                continue;
            cell_text(&t->cells[r * t->ncols + c], t->cols[c].type, o, 1, buf, sizeof(buf), &s);
            if (out_put_tex(fp, s) < 0 || fputs(++k < shown ? " & " : " \\\\\n", fp) < 0)
                return -1;
        }
    }
    if (fputs("\\bottomrule\n\\end{longtable}\n}\n", fp) < 0)
        return -1;
    return wide && fputs("\\end{landscape}\n", fp) < 0 ? -1 : 0;
}

int out_write_fragment(const out_doc *doc, const out_opts *o, FILE *fp)
{
    int html = o->format == OUT_HTML;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const out_table *t = &doc->tables[ti];
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
