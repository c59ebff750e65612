/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DVH file importers: generic CSV/TSV, Varian Eclipse text export,
 * Elekta/Nucletron Oncentra dump, SlicerRT DVH table and RaySearch
 * RayStation DVH text export (see include/rtfrac/dvh.h).  The whole file
 * is read into memory and split into lines; each reader walks the lines,
 * builds curves point by point (curve_add checks every point) and hands
 * finished curves to the set. */
#include "rtfrac/dvh.h"

#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtfrac/num.h"
#include "util_int.h"

#define DVH_FILE_BYTES_MAX ((size_t)256 * 1024 * 1024)
#define DETECT_LINES 40

/* A cumulative volume may rise by this fraction of the curve's largest
 * volume: the printed values are rounded.  Such a rise is flattened so that
 * every cumulative curve handed out is non-increasing. */
#define CUMULATIVE_NOISE 1e-4
/* Negative volumes this close to 0 are floating-point round-off. */
#define NEGATIVE_NOISE 1e-9

typedef struct curve {
    rtfrac_dvh d;
    size_t cap;
    unsigned last_line; /* line of the last point */
    double volume_max;
} curve;

typedef struct reader {
    const char *path;
    rtfrac_diag *diag;
    char *buf;
    char **lines;
    size_t nlines;
    rtfrac_dvh_set *set;
    size_t cap_dvhs;
    curve cur;          /* the curve being read (sequential formats) */
    curve *wide;        /* one curve per column pair (SlicerRT) */
    double *factors;    /* and its dose unit in Gy */
    size_t nwide;
    char **fields;      /* a split line */
    size_t cap_fields;
    int comma_ok;       /* a decimal comma is unambiguous in this file */
    char mark;          /* decimal mark seen so far: 0, '.' or ',' */
    unsigned mark_line;
} reader;

/* ---- diagnostics ------------------------------------------------------ */

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static int report(reader *r, int status, unsigned line, unsigned column, const char *fmt, ...)
{
    if (r->diag != NULL) {
        va_list ap;
        rtfrac_diag_clear(r->diag);
        snprintf(r->diag->file, sizeof(r->diag->file), "%s", r->path);
        r->diag->line = line;
        r->diag->column = column;
        va_start(ap, fmt);
        vsnprintf(r->diag->message, sizeof(r->diag->message), fmt, ap);
        va_end(ap);
    }
    return status;
}

#define fail(r, line, ...) report((r), RTFRAC_EPARSE, (line), 0, __VA_ARGS__)

static int no_memory(reader *r, unsigned line)
{
    return report(r, RTFRAC_ENOMEM, line, 0, "out of memory");
}

static unsigned line_no(size_t index) { return (unsigned)(index + 1); }

/* ---- text helpers ----------------------------------------------------- */

static int is_space(char c) { return c == ' ' || c == '\t'; }

static char *trim(char *s)
{
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        s[--n] = '\0';
    return s;
}

static const char *skip_space(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

/* The last occurrence of `needle` in `hay`, ignoring ASCII case. */
static const char *find_last_ci(const char *hay, const char *needle)
{
    const char *found = NULL;
    for (const char *p = hay; *p != '\0'; p++)
        if (util_int_starts_ci(p, needle))
            found = p;
    return found;
}

static int is_blank_line(const char *s) { return *skip_space(s) == '\0'; }

/* Lower-case ASCII, drop blanks, write the superscript three (UTF-8 or
 * Windows-1252) as '3': "cm³ / Gy" becomes "cm3/gy". */
static void norm_label(const char *in, size_t n, char *out, size_t outsz)
{
    size_t o = 0;
    for (size_t i = 0; i < n && in[i] != '\0' && o + 1 < outsz; i++) {
        unsigned char c = (unsigned char)in[i];
        if (is_space((char)c))
            continue;
        if (c == 0xC2 && i + 1 < n && (unsigned char)in[i + 1] == 0xB3) {
            out[o++] = '3';
            i++;
        } else if (c == 0xB3) {
            out[o++] = '3';
        } else {
            out[o++] = util_int_lower((char)c);
        }
    }
    out[o] = '\0';
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len;
        unsigned long cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07u;
        } else {
            return 0;
        }
        if (i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* Windows-1252 0x80..0x9F; 0xFFFD where the code page defines nothing. */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178
};

/* A label as UTF-8: kept when it already is, else read as Windows-1252
 * (older Eclipse exports).  Returns 0, or -1 when it does not fit. */
static int to_utf8(const char *in, size_t n, char *out, size_t outsz)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t o = 0;
    if (valid_utf8(s, n)) {
        if (n + 1 > outsz)
            return -1;
        memcpy(out, in, n);
        out[n] = '\0';
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned cp = s[i] < 0x80 ? s[i] : s[i] < 0xA0 ? cp1252_high[s[i] - 0x80] : s[i];
        char enc[3];
        size_t len;
        if (cp < 0x80) {
            enc[0] = (char)cp;
            len = 1;
        } else if (cp < 0x800) {
            enc[0] = (char)(0xC0 | (cp >> 6));
            enc[1] = (char)(0x80 | (cp & 0x3F));
            len = 2;
        } else {
            enc[0] = (char)(0xE0 | (cp >> 12));
            enc[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            enc[2] = (char)(0x80 | (cp & 0x3F));
            len = 3;
        }
        if (o + len + 1 > outsz)
            return -1;
        memcpy(out + o, enc, len);
        o += len;
    }
    out[o] = '\0';
    return 0;
}

static int set_name(reader *r, unsigned line, const char *what, const char *in, char *out)
{
    if (to_utf8(in, strlen(in), out, RTFRAC_DVH_NAME_MAX) != 0)
        return fail(r, line, "%s '%.40s...' is longer than %d bytes", what, in,
                    RTFRAC_DVH_NAME_MAX - 1);
    return RTFRAC_OK;
}

/* ---- splitting lines into fields --------------------------------------- */

static int push_field(reader *r, size_t n, char *field, unsigned line)
{
    if (n == r->cap_fields) {
        size_t cap = r->cap_fields ? 2 * r->cap_fields : 32;
        char **f = realloc(r->fields, cap * sizeof(*f));
        if (f == NULL)
            return no_memory(r, line);
        r->fields = f;
        r->cap_fields = cap;
    }
    r->fields[n] = field;
    return RTFRAC_OK;
}

/* Split on runs of blanks, in place. */
static int split_blanks(reader *r, char *s, unsigned line, size_t *nfields)
{
    size_t n = 0;
    for (;;) {
        while (is_space(*s))
            s++;
        if (*s == '\0')
            break;
        int rc = push_field(r, n++, s, line);
        if (rc != RTFRAC_OK)
            return rc;
        while (*s != '\0' && !is_space(*s))
            s++;
        if (*s != '\0')
            *s++ = '\0';
    }
    *nfields = n;
    return RTFRAC_OK;
}

/* Split on `delim`, in place; fields are trimmed and may be double-quoted
 * ("" inside quotes is one quote).  Empty fields at the end (a trailing
 * delimiter) are dropped. */
static int split_delim(reader *r, char *s, char delim, unsigned line, size_t *nfields)
{
    size_t n = 0;
    for (;;) {
        while (is_space(*s) && *s != delim)
            s++;
        char *start = s, *w = s;
        if (*s == '"') {
            start = w = ++s;
            for (;;) {
                if (*s == '\0')
                    return fail(r, line, "unterminated quote; expected a closing '\"'");
                if (*s == '"' && s[1] == '"') {
                    *w++ = '"';
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    *w++ = *s++;
                }
            }
            while (is_space(*s) && *s != delim)
                s++;
            if (*s != '\0' && *s != delim)
                return fail(r, line, "text after a closing quote; expected '%c' or the end of the line",
                            delim);
        } else {
            while (*s != '\0' && *s != delim)
                s++;
            w = s;
            while (w > start && is_space(w[-1]) && w[-1] != delim)
                w--;
        }
        int at_end = *s == '\0';
        *w = '\0';
        int rc = push_field(r, n++, start, line);
        if (rc != RTFRAC_OK)
            return rc;
        if (at_end)
            break;
        s++;
    }
    while (n > 0 && r->fields[n - 1][0] == '\0')
        n--;
    *nfields = n;
    return RTFRAC_OK;
}

/* ---- numbers ------------------------------------------------------------ */

/* Characters (UTF-8 code points) before `at`; unlike rtfrac_utf8_width it
 * does not stop at the NULs that splitting left in the line. */
static unsigned width_before(const char *start, const char *at)
{
    unsigned width = 0;
    for (const char *p = start; p < at; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            width++;
    return width;
}

/* One number of a row.  `what` names the column for the message; `linestart`
 * gives the column of the problem. */
static int parse_number(reader *r, unsigned line, const char *linestart, const char *tok,
                        const char *what, double *out)
{
    char tmp[80];
    const char *text = tok;
    if (*tok == '\0')
        return fail(r, line, "%s is empty; expected a number", what);
    if (r->comma_ok) {
        const char *comma = strchr(tok, ','), *dot = strchr(tok, '.');
        if (comma != NULL && dot != NULL)
            return fail(r, line, "%s '%s' has both '.' and ','; expected one decimal mark", what, tok);
        if (comma != NULL || dot != NULL) {
            char mark = comma != NULL ? ',' : '.';
            if (r->mark != 0 && r->mark != mark)
                return fail(r, line,
                            "%s '%s' uses '%c' as the decimal mark but line %u uses '%c'; expected one decimal mark throughout the file",
                            what, tok, mark, r->mark_line, r->mark);
            if (r->mark == 0) {
                r->mark = mark;
                r->mark_line = line;
            }
        }
        if (comma != NULL && strlen(tok) < sizeof(tmp)) {
            snprintf(tmp, sizeof(tmp), "%s", tok);
            for (char *p = tmp; *p != '\0'; p++)
                if (*p == ',')
                    *p = '.';
            text = tmp;
        }
    }
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse(text, out, &d) != RTFRAC_OK) {
        unsigned column = 0;
        if (linestart != NULL && tok >= linestart)
            column = width_before(linestart, tok) + d.column;
        return report(r, RTFRAC_EPARSE, line, column, "%s has '%s': %s", what, tok, d.message);
    }
    return RTFRAC_OK;
}

/* ---- curves ------------------------------------------------------------- */

static void curve_release(curve *c)
{
    free(c->d.dose_gy);
    free(c->d.volume);
    memset(c, 0, sizeof(*c));
}

static void curve_start(curve *c, unsigned line, rtfrac_dvh_kind kind, rtfrac_volume_unit unit)
{
    curve_release(c);
    c->d.line = line;
    c->d.kind = kind;
    c->d.volume_unit = unit;
}

static const char *unit_text(rtfrac_volume_unit u)
{
    switch (u) {
    case RTFRAC_VOLUME_CC: return "cm3";
    case RTFRAC_VOLUME_PERCENT: return "%";
    case RTFRAC_VOLUME_CC_PER_GY: return "cm3/Gy";
    }
    return "";
}

/* Append one point, checking it against the previous one. */
static int curve_add(reader *r, curve *c, unsigned line, double dose_gy, double volume)
{
    rtfrac_dvh *d = &c->d;
    const char *u = unit_text(d->volume_unit);
    if (dose_gy < 0.0)
        return fail(r, line, "'%s': negative dose %g Gy; doses must be 0 or more", d->name, dose_gy);
    if (volume < 0.0) {
        if (volume < -NEGATIVE_NOISE)
            return fail(r, line, "'%s': negative volume %g %s; volumes must be 0 or more", d->name,
                        volume, u);
        volume = 0.0;
    }
    if (d->n > 0) {
        double prev_dose = d->dose_gy[d->n - 1], prev_volume = d->volume[d->n - 1];
        if (!(dose_gy > prev_dose)) {
            int same_dose = !(dose_gy < prev_dose);
            if (same_dose && !(volume < prev_volume) && !(volume > prev_volume))
                return RTFRAC_OK; /* an identical duplicate row */
            if (same_dose)
                return fail(r, line,
                            "'%s': dose %g Gy repeats line %u with a different volume (%g, not %g %s); doses must increase strictly",
                            d->name, dose_gy, c->last_line, volume, prev_volume, u);
            return fail(r, line,
                        "'%s': dose %g Gy is below %g Gy on line %u; doses must increase strictly",
                        d->name, dose_gy, prev_dose, c->last_line);
        }
        if (d->kind == RTFRAC_DVH_CUMULATIVE && volume > prev_volume) {
            if (volume - prev_volume > CUMULATIVE_NOISE * c->volume_max)
                return fail(r, line,
                            "'%s': cumulative volume rises from %g to %g %s at %g Gy; a cumulative DVH must not increase with dose",
                            d->name, prev_volume, volume, u, dose_gy);
            volume = prev_volume;
        }
    }
    if (d->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        double *a = realloc(d->dose_gy, cap * sizeof(*a));
        if (a == NULL)
            return no_memory(r, line);
        d->dose_gy = a;
        double *b = realloc(d->volume, cap * sizeof(*b));
        if (b == NULL)
            return no_memory(r, line);
        d->volume = b;
        c->cap = cap;
    }
    d->dose_gy[d->n] = dose_gy;
    d->volume[d->n] = volume;
    d->n++;
    c->last_line = line;
    if (volume > c->volume_max)
        c->volume_max = volume;
    return RTFRAC_OK;
}

/* Hand a finished curve to the set; an empty one is dropped. */
static int curve_finish(reader *r, curve *c)
{
    if (c->d.n == 0) {
        curve_release(c);
        return RTFRAC_OK;
    }
    rtfrac_dvh_set *set = r->set;
    if (set->n == r->cap_dvhs) {
        size_t cap = r->cap_dvhs ? 2 * r->cap_dvhs : 16;
        rtfrac_dvh *grown = realloc(set->dvhs, cap * sizeof(*grown));
        if (grown == NULL)
            return no_memory(r, c->d.line);
        set->dvhs = grown;
        r->cap_dvhs = cap;
    }
    set->dvhs[set->n++] = c->d; /* the set now owns the arrays */
    memset(c, 0, sizeof(*c));
    return RTFRAC_OK;
}

/* ---- loading ------------------------------------------------------------ */

static int load(reader *r)
{
    FILE *fp = fopen(r->path, "rb");
    if (fp == NULL)
        return report(r, RTFRAC_EIO, 0, 0, "cannot open: %s", strerror(errno));
    size_t size = 0, cap = 0;
    int rc = RTFRAC_OK;
    for (;;) {
        if (cap - size < 65536) {
            cap = cap ? 2 * cap : 65536;
            char *b = realloc(r->buf, cap + 1);
            if (b == NULL) {
                rc = no_memory(r, 0);
                break;
            }
            r->buf = b;
        }
        size_t got = fread(r->buf + size, 1, cap - size, fp);
        size += got;
        if (size > DVH_FILE_BYTES_MAX) {
            rc = report(r, RTFRAC_EIO, 0, 0, "file is larger than %zu MB; expected a DVH text export",
                        DVH_FILE_BYTES_MAX / (1024 * 1024));
            break;
        }
        if (got == 0) {
            if (ferror(fp))
                rc = report(r, RTFRAC_EIO, 0, 0, "read error: %s", strerror(errno));
            break;
        }
    }
    if (fclose(fp) != 0 && rc == RTFRAC_OK)
        rc = report(r, RTFRAC_EIO, 0, 0, "cannot close: %s", strerror(errno));
    if (rc != RTFRAC_OK)
        return rc;
    if (r->buf == NULL)
        return no_memory(r, 0);
    r->buf[size] = '\0';

    size_t nl = 1;
    for (size_t i = 0; i < size; i++)
        if (r->buf[i] == '\n')
            nl++;
    r->lines = malloc(nl * sizeof(*r->lines));
    if (r->lines == NULL)
        return no_memory(r, 0);
    char *p = r->buf, *end = r->buf + size;
    size_t n = 0;
    while (p < end) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        char *stop = eol != NULL ? eol : end;
        if (memchr(p, '\0', (size_t)(stop - p)) != NULL)
            return fail(r, line_no(n), "NUL byte in the line; expected a text DVH export");
        *stop = '\0';
        if (stop > p && stop[-1] == '\r')
            stop[-1] = '\0';
        r->lines[n++] = p;
        p = stop + 1;
    }
    r->nlines = n;
    if (n > 0 && strncmp(r->lines[0], "\xEF\xBB\xBF", 3) == 0)
        r->lines[0] += 3; /* a UTF-8 byte order mark */
    return RTFRAC_OK;
}

/* ---- label units -------------------------------------------------------- */

static int dose_factor(const char *unit, double *factor)
{
    if (strcmp(unit, "gy") == 0)
        *factor = 1.0;
    else if (strcmp(unit, "cgy") == 0)
        *factor = 0.01;
    else
        return -1;
    return 0;
}

static int is_cc(const char *unit)
{
    return strcmp(unit, "cc") == 0 || strcmp(unit, "cm3") == 0 || strcmp(unit, "ml") == 0 ||
           strcmp(unit, "ccm") == 0 || strcmp(unit, "cm^3") == 0;
}

/* Volume unit of a column; *per_gy_factor converts a per-cGy density. */
static int volume_unit_of(const char *unit, rtfrac_volume_unit *out, double *factor)
{
    *factor = 1.0;
    if (strcmp(unit, "%") == 0 || strcmp(unit, "percent") == 0 || strcmp(unit, "pct") == 0) {
        *out = RTFRAC_VOLUME_PERCENT;
        return 0;
    }
    if (is_cc(unit)) {
        *out = RTFRAC_VOLUME_CC;
        return 0;
    }
    const char *slash = strchr(unit, '/');
    if (slash != NULL) {
        char num[32];
        size_t n = (size_t)(slash - unit);
        if (n >= sizeof(num))
            return -1;
        memcpy(num, unit, n);
        num[n] = '\0';
        if (!is_cc(num))
            return -1;
        if (strcmp(slash + 1, "gy") == 0)
            *factor = 1.0;
        else if (strcmp(slash + 1, "cgy") == 0)
            *factor = 100.0;
        else
            return -1;
        *out = RTFRAC_VOLUME_CC_PER_GY;
        return 0;
    }
    return -1;
}

#define DOSE_UNITS "Gy or cGy"
#define VOLUME_UNITS "%, cc, cm3, ml or cm3/Gy"

/* ---- generic CSV/TSV ---------------------------------------------------- */

typedef struct label {
    char base[96];
    char unit[32];
} label;

/* "Dose [Gy]", "Dose (cGy)", "dose_gy", "Volume" -> base and unit, both
 * normalised by norm_label. */
static void split_label(const char *text, label *out)
{
    const char *open = strpbrk(text, "[(");
    if (open != NULL) {
        const char *close = strchr(open, *open == '[' ? ']' : ')');
        size_t n = close != NULL ? (size_t)(close - open - 1) : strlen(open + 1);
        norm_label(text, (size_t)(open - text), out->base, sizeof(out->base));
        norm_label(open + 1, n, out->unit, sizeof(out->unit));
        return;
    }
    const char *us = strchr(text, '_');
    if (us != NULL) {
        norm_label(text, (size_t)(us - text), out->base, sizeof(out->base));
        norm_label(us + 1, strlen(us + 1), out->unit, sizeof(out->unit));
        return;
    }
    norm_label(text, strlen(text), out->base, sizeof(out->base));
    out->unit[0] = '\0';
}

static int in_list(const char *word, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strcmp(word, *list) == 0)
            return 1;
    return 0;
}

static const char *const dose_bases[] = { "dose", "absolutedose", "totaldose", NULL };
static const char *const volume_bases[] = { "volume", "vol", "absolutevolume", "relativevolume",
                                            "structurevolume", "ratiooftotalstructurevolume",
                                            "dvolume/ddose", NULL };
static const char *const structure_bases[] = { "structure", "structurename", "roi", "roiname",
                                               "name", "organ", NULL };
static const char *const type_bases[] = { "type", "kind", "dvhtype", "mode", NULL };

static int kind_of_word(const char *text, rtfrac_dvh_kind *kind)
{
    char w[32];
    norm_label(text, strlen(text), w, sizeof(w));
    if (strcmp(w, "cumulative") == 0 || strcmp(w, "cum") == 0 || strcmp(w, "cdvh") == 0) {
        *kind = RTFRAC_DVH_CUMULATIVE;
        return 0;
    }
    if (strcmp(w, "differential") == 0 || strcmp(w, "diff") == 0 || strcmp(w, "ddvh") == 0) {
        *kind = RTFRAC_DVH_DIFFERENTIAL;
        return 0;
    }
    return -1;
}

/* The name of a curve read without a structure column: the file's base
 * name without its extension. */
static void name_from_path(const char *path, char *out, size_t outsz)
{
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot != NULL && dot > base ? (size_t)(dot - base) : strlen(base);
    if (to_utf8(base, n, out, outsz) != 0)
        snprintf(out, outsz, "dvh");
}

static int read_generic(reader *r)
{
    rtfrac_dvh_kind file_kind = RTFRAC_DVH_CUMULATIVE;
    size_t i = 0;
    int rc;

    /* comments before the header: kind and prescription */
    for (; i < r->nlines; i++) {
        char *t = trim(r->lines[i]);
        if (*t == '\0')
            continue;
        if (*t != '#')
            break;
        t = trim(t + 1);
        char key[64];
        const char *colon = strchr(t, ':');
        norm_label(t, colon != NULL ? (size_t)(colon - t) : strlen(t), key, sizeof(key));
        if (strstr(key, "differential") != NULL)
            file_kind = RTFRAC_DVH_DIFFERENTIAL;
        else if (strstr(key, "cumulative") != NULL)
            file_kind = RTFRAC_DVH_CUMULATIVE;
        else if (colon != NULL && strncmp(key, "prescri", 7) == 0) {
            double rx = 0.0;
            if (rtfrac_num_parse_quantity(colon + 1, RTFRAC_QTY_DOSE_GY, &rx, NULL) == RTFRAC_OK &&
                rx > 0.0)
                r->set->prescribed_dose_gy = rx;
        }
    }
    if (i == r->nlines)
        return fail(r, r->nlines ? line_no(r->nlines - 1) : 1,
                    "no header line; expected a header naming the columns, e.g. 'Dose [Gy],Volume [%%]'");

    unsigned header_line = line_no(i);
    char *header = r->lines[i];
    char delim = strchr(header, '\t') ? '\t' : strchr(header, ';') ? ';' : ',';
    r->comma_ok = delim != ',';
    size_t ncols = 0;
    if ((rc = split_delim(r, header, delim, header_line, &ncols)) != RTFRAC_OK)
        return rc;

    long dose_col = -1, volume_col = -1, structure_col = -1, type_col = -1;
    double factor_dose = 1.0, factor_volume = 1.0;
    rtfrac_volume_unit unit = RTFRAC_VOLUME_CC;
    for (size_t k = 0; k < ncols; k++) {
        const char *text = r->fields[k];
        label l;
        split_label(text, &l);
        if (in_list(l.base, dose_bases)) {
            if (dose_col >= 0)
                return fail(r, header_line, "two dose columns ('%s' and '%s'); expected one",
                            r->fields[dose_col], text);
            if (l.unit[0] == '\0')
                return fail(r, header_line,
                            "dose column '%s' does not name its unit; expected e.g. 'Dose [Gy]' or 'Dose [cGy]'",
                            text);
            if (dose_factor(l.unit, &factor_dose) != 0)
                return fail(r, header_line, "unknown dose unit in column '%s'; expected %s", text,
                            DOSE_UNITS);
            dose_col = (long)k;
        } else if (in_list(l.base, volume_bases)) {
            if (volume_col >= 0)
                return fail(r, header_line, "two volume columns ('%s' and '%s'); expected one",
                            r->fields[volume_col], text);
            if (l.unit[0] == '\0')
                return fail(r, header_line,
                            "volume column '%s' does not name its unit; expected e.g. 'Volume [%%]' or 'Volume [cc]'",
                            text);
            if (volume_unit_of(l.unit, &unit, &factor_volume) != 0)
                return fail(r, header_line, "unknown volume unit in column '%s'; expected %s", text,
                            VOLUME_UNITS);
            volume_col = (long)k;
        } else if (in_list(l.base, structure_bases) && l.unit[0] == '\0') {
            structure_col = (long)k;
        } else if (in_list(l.base, type_bases) && l.unit[0] == '\0') {
            type_col = (long)k;
        }
        /* any other column (relative dose, bin number, ...) is ignored */
    }
    if (dose_col < 0)
        return fail(r, header_line,
                    "no dose column in the header; expected a column such as 'Dose [Gy]', 'Dose (cGy)' or 'dose_gy'");
    if (volume_col < 0)
        return fail(r, header_line,
                    "no volume column in the header; expected a column such as 'Volume [%%]', 'Volume [cc]' or 'volume_cc'");
    if (unit == RTFRAC_VOLUME_CC_PER_GY)
        file_kind = RTFRAC_DVH_DIFFERENTIAL;
    char dose_label[64], volume_label[64];
    snprintf(dose_label, sizeof(dose_label), "column '%.40s'", r->fields[dose_col]);
    snprintf(volume_label, sizeof(volume_label), "column '%.40s'", r->fields[volume_col]);

    char single_name[RTFRAC_DVH_NAME_MAX];
    name_from_path(r->path, single_name, sizeof(single_name));
    int started = 0;
    curve *c = &r->cur;
    for (i++; i < r->nlines; i++) {
        unsigned line = line_no(i);
        char *text = r->lines[i];
        if (is_blank_line(text) || *skip_space(text) == '#')
            continue;
        size_t nf = 0;
        if ((rc = split_delim(r, text, delim, line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf > ncols)
            return fail(r, line, "row has %zu fields but the header (line %u) has %zu columns",
                        nf, header_line, ncols);
        size_t need = (size_t)(dose_col > volume_col ? dose_col : volume_col) + 1;
        if (structure_col >= 0 && (size_t)structure_col + 1 > need)
            need = (size_t)structure_col + 1;
        if (type_col >= 0 && (size_t)type_col + 1 > need)
            need = (size_t)type_col + 1;
        if (nf < need)
            return fail(r, line,
                        "row has %zu fields but the header (line %u) has %zu columns; is the table truncated?",
                        nf, header_line, ncols);

        char name[RTFRAC_DVH_NAME_MAX];
        if (structure_col >= 0) {
            if (r->fields[structure_col][0] == '\0')
                return fail(r, line, "empty structure name; expected the name in column '%s'",
                            "structure");
            if ((rc = set_name(r, line, "structure name", r->fields[structure_col], name)) != RTFRAC_OK)
                return rc;
        } else {
            snprintf(name, sizeof(name), "%s", single_name);
        }
        rtfrac_dvh_kind kind = file_kind;
        if (type_col >= 0 && r->fields[type_col][0] != '\0' &&
            kind_of_word(r->fields[type_col], &kind) != 0)
            return fail(r, line, "unknown DVH type '%s'; expected 'cumulative' or 'differential'",
                        r->fields[type_col]);
        if (kind == RTFRAC_DVH_CUMULATIVE && unit == RTFRAC_VOLUME_CC_PER_GY)
            return fail(r, line, "a cumulative DVH cannot have a volume per Gy; expected 'differential'");

        if (!started || strcmp(name, c->d.name) != 0) {
            for (size_t k = 0; k < r->set->n; k++)
                if (strcmp(r->set->dvhs[k].name, name) == 0)
                    return fail(r, line,
                                "structure '%s' appears again (its rows began on line %u); expected each structure's rows together",
                                name, r->set->dvhs[k].line);
            if (started && (rc = curve_finish(r, c)) != RTFRAC_OK)
                return rc;
            curve_start(c, line, kind, unit);
            snprintf(c->d.name, sizeof(c->d.name), "%s", name);
            started = 1;
        } else if (kind != c->d.kind) {
            return fail(r, line, "'%s': DVH type changes inside the structure (line %u); expected one type per structure",
                        name, c->d.line);
        }
        double dose = 0.0, volume = 0.0;
        if ((rc = parse_number(r, line, text, r->fields[dose_col], dose_label, &dose)) != RTFRAC_OK ||
            (rc = parse_number(r, line, text, r->fields[volume_col], volume_label, &volume)) != RTFRAC_OK)
            return rc;
        if ((rc = curve_add(r, c, line, dose * factor_dose, volume * factor_volume)) != RTFRAC_OK)
            return rc;
    }
    return started ? curve_finish(r, c) : RTFRAC_OK;
}

/* ---- Varian Eclipse ------------------------------------------------------ */

enum { ECL_HEADER, ECL_STRUCTURE, ECL_TABLE };

#define ECLIPSE_COLUMNS_MAX 8

typedef struct eclipse_table {
    char labels[ECLIPSE_COLUMNS_MAX][64];
    size_t ncols;
    long dose_col, volume_col;
    double dose_factor, volume_factor;
    rtfrac_volume_unit unit;
    int differential;
} eclipse_table;

/* The column header of a structure's table: labels each ending in ']'. */
static int eclipse_columns(reader *r, unsigned line, const char *text, eclipse_table *t)
{
    memset(t, 0, sizeof(*t));
    t->dose_col = t->volume_col = -1;
    const char *p = skip_space(text);
    while (*p != '\0') {
        const char *close = strchr(p, ']');
        const char *open = strchr(p, '[');
        if (close == NULL || open == NULL || open > close)
            return fail(r, line,
                        "unexpected '%s' in the DVH table header; expected labels such as 'Dose [cGy]' and 'Ratio of Total Structure Volume [%%]'",
                        p);
        char base[96], unit[32];
        norm_label(p, (size_t)(open - p), base, sizeof(base));
        norm_label(open + 1, (size_t)(close - open - 1), unit, sizeof(unit));
        int len = (int)(close - p + 1);
        if (t->ncols == ECLIPSE_COLUMNS_MAX)
            return fail(r, line, "more than %d columns in the DVH table header; expected at most 3",
                        ECLIPSE_COLUMNS_MAX);
        snprintf(t->labels[t->ncols], sizeof(t->labels[0]), "column '%.*s'", len > 48 ? 48 : len, p);
        long col = (long)t->ncols++;
        if (strcmp(base, "dose") == 0) {
            if (t->dose_col >= 0 || dose_factor(unit, &t->dose_factor) != 0)
                return fail(r, line, "unexpected dose column '%.*s'; expected one 'Dose [Gy]' or 'Dose [cGy]'",
                            len, p);
            t->dose_col = col;
        } else if (strcmp(base, "relativedose") == 0) {
            /* % of the prescription: the absolute dose column is used */
        } else if (strcmp(base, "structurevolume") == 0 || strcmp(base, "volume") == 0 ||
                   strcmp(base, "ratiooftotalstructurevolume") == 0 ||
                   strcmp(base, "dvolume/ddose") == 0) {
            if (t->volume_col >= 0)
                return fail(r, line, "a second volume column '%.*s'; expected one", len, p);
            if (volume_unit_of(unit, &t->unit, &t->volume_factor) != 0 ||
                (strcmp(base, "dvolume/ddose") == 0) != (t->unit == RTFRAC_VOLUME_CC_PER_GY))
                return fail(r, line,
                            "unsupported volume column '%.*s'; expected [cm3], [cc], [%%] or, for dVolume / dDose, [cm3 / Gy]",
                            len, p);
            t->differential = t->unit == RTFRAC_VOLUME_CC_PER_GY;
            t->volume_col = col;
        } else {
            return fail(r, line,
                        "unknown column '%.*s' in the DVH table header; expected Dose, Relative dose, Structure Volume, Ratio of Total Structure Volume or dVolume / dDose",
                        len, p);
        }
        p = skip_space(close + 1);
    }
    if (t->dose_col < 0)
        return fail(r, line,
                    "the DVH table has no 'Dose [Gy]' or 'Dose [cGy]' column; expected an absolute dose column");
    if (t->volume_col < 0)
        return fail(r, line,
                    "the DVH table has no volume column; expected 'Structure Volume [cm3]', 'Ratio of Total Structure Volume [%%]' or 'dVolume / dDose [cm3 / Gy]'");
    return RTFRAC_OK;
}

static int is_number_start(const char *s)
{
    s = skip_space(s);
    return (*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.';
}

/* "Key [unit]: value": the key is before the first ':' (structure names
 * come after it). */
static char *key_value(char *text, char **value)
{
    char *colon = strchr(text, ':');
    if (colon == NULL)
        return NULL;
    *colon = '\0';
    *value = trim(colon + 1);
    return trim(text);
}

static int read_eclipse(reader *r)
{
    int state = ECL_HEADER, rc;
    rtfrac_dvh_kind kind = RTFRAC_DVH_CUMULATIVE;
    char plan[RTFRAC_DVH_NAME_MAX] = "";
    unsigned nplans = 0, nrx = 0, rx_conflict = 0;
    double rx = 0.0;
    eclipse_table t;
    curve *c = &r->cur;
    int started = 0;

    memset(&t, 0, sizeof(t));
    for (size_t i = 0; i < r->nlines; i++) {
        unsigned line = line_no(i);
        char *text = r->lines[i];
        const char *s = skip_space(text);
        if (util_int_starts_ci(s, "Structure:")) {
            if (started && (rc = curve_finish(r, c)) != RTFRAC_OK)
                return rc;
            char *name = trim((char *)s + strlen("Structure:"));
            if (*name == '\0')
                return fail(r, line, "empty structure name; expected 'Structure: <name>'");
            curve_start(c, line, kind, RTFRAC_VOLUME_CC);
            if ((rc = set_name(r, line, "structure name", name, c->d.name)) != RTFRAC_OK)
                return rc;
            snprintf(c->d.plan, sizeof(c->d.plan), "%s", plan);
            started = 1;
            state = ECL_STRUCTURE;
            continue;
        }
        if (is_blank_line(text))
            continue;
        if (state == ECL_TABLE) {
            size_t nf = 0;
            if ((rc = split_blanks(r, text, line, &nf)) != RTFRAC_OK)
                return rc;
            if (nf != t.ncols)
                return fail(r, line,
                            "'%s': table row has %zu values but its header has %zu columns; expected %zu numbers (is the table truncated?)",
                            c->d.name, nf, t.ncols, t.ncols);
            double dose = 0.0, volume = 0.0;
            for (size_t k = 0; k < nf; k++) {
                double v = 0.0;
                if ((rc = parse_number(r, line, text, r->fields[k], t.labels[k], &v)) != RTFRAC_OK)
                    return rc;
                if ((long)k == t.dose_col)
                    dose = v * t.dose_factor;
                else if ((long)k == t.volume_col)
                    volume = v * t.volume_factor;
            }
            if ((rc = curve_add(r, c, line, dose, volume)) != RTFRAC_OK)
                return rc;
            continue;
        }
        char *value = NULL;
        char *key = key_value(text, &value);
        if (state == ECL_HEADER) {
            if (key == NULL)
                continue; /* a continued Description */
            char k[96];
            norm_label(key, strlen(key), k, sizeof(k));
            if (strcmp(k, "type") == 0) {
                char v[96];
                norm_label(value, strlen(value), v, sizeof(v));
                if (strncmp(v, "differential", 12) == 0)
                    kind = RTFRAC_DVH_DIFFERENTIAL;
                else if (strncmp(v, "cumulative", 10) == 0)
                    kind = RTFRAC_DVH_CUMULATIVE;
                else
                    return fail(r, line,
                                "unknown DVH type '%s'; expected 'Cumulative Dose Volume Histogram' or 'Differential Dose Volume Histogram'",
                                value);
            } else if (strcmp(k, "plan") == 0 || strcmp(k, "plansum") == 0) {
                if ((rc = set_name(r, line, "plan name", value, plan)) != RTFRAC_OK)
                    return rc;
                nplans++;
            } else if (strncmp(k, "prescribeddose[", 15) == 0 || strncmp(k, "totaldose[", 10) == 0) {
                /* "5500.0" with the unit in the key; "not defined" for plan sums */
                const char *open = strchr(key, '['), *close = strchr(key, ']');
                char q[128];
                double v = 0.0;
                snprintf(q, sizeof(q), "%.60s %.*s", value,
                         close != NULL ? (int)(close - open - 1) : 0, open + 1);
                if (rtfrac_num_parse_quantity(q, RTFRAC_QTY_DOSE_GY, &v, NULL) == RTFRAC_OK && v > 0.0) {
                    if (nrx > 0 && (v < rx || v > rx))
                        rx_conflict = 1;
                    rx = v;
                    nrx++;
                }
            }
            continue;
        }
        /* a structure's statistics, then its table header */
        if (key == NULL) {
            if (is_number_start(text))
                return fail(r, line,
                            "'%s': table row before the table header; expected a header such as 'Dose [cGy] Ratio of Total Structure Volume [%%]'",
                            c->d.name);
            if ((rc = eclipse_columns(r, line, text, &t)) != RTFRAC_OK)
                return rc;
            c->d.volume_unit = t.unit;
            if (t.differential)
                c->d.kind = RTFRAC_DVH_DIFFERENTIAL;
            state = ECL_TABLE;
            continue;
        }
        char k[96];
        norm_label(key, strlen(key), k, sizeof(k));
        if (strcmp(k, "plan") == 0 || strcmp(k, "plansum") == 0) {
            if ((rc = set_name(r, line, "plan name", value, c->d.plan)) != RTFRAC_OK)
                return rc;
        } else if (strncmp(k, "volume[", 7) == 0) {
            char unit[32];
            const char *open = strchr(key, '['), *close = strchr(key, ']');
            norm_label(open + 1, close != NULL ? (size_t)(close - open - 1) : 0, unit, sizeof(unit));
            double v = 0.0;
            /* "N/A" or an empty value states no volume */
            if (is_cc(unit) && rtfrac_num_parse(value, &v, NULL) == RTFRAC_OK && v > 0.0)
                c->d.total_volume_cc = v;
        }
    }
    if (nrx > 0 && !rx_conflict && nrx >= nplans)
        r->set->prescribed_dose_gy = rx;
    return started ? curve_finish(r, c) : RTFRAC_OK;
}

/* ---- Oncentra (OMP) ------------------------------------------------------ */

static int read_oncentra(reader *r)
{
    int have_dose = 0, have_volume = 0, in_table = 0, started = 0, rc;
    double factor = 1.0;
    rtfrac_volume_unit unit = RTFRAC_VOLUME_CC;
    rtfrac_dvh_kind kind = RTFRAC_DVH_CUMULATIVE;
    long dose_col = -1, volume_col = -1;
    size_t ncols = 0;
    curve *c = &r->cur;

    r->comma_ok = 1; /* TAB-separated: a decimal comma cannot be a separator */
    for (size_t i = 0; i < r->nlines; i++) {
        unsigned line = line_no(i);
        char *text = trim(r->lines[i]);
        if (*text == '\0' || text[0] == '*')
            continue;
        if (util_int_starts_ci(text, "ROI:")) {
            if (!have_dose || !have_volume)
                return fail(r, line,
                            "ROI before the file states its units; expected 'Absolute Dose - [Gy]' and 'Absolute Volume - [ccm]' lines first");
            if (started && (rc = curve_finish(r, c)) != RTFRAC_OK)
                return rc;
            curve_start(c, line, kind, unit);
            char *name = trim(text + 4);
            if (*name == '\0')
                return fail(r, line, "empty ROI name; expected 'ROI: <name>'");
            if ((rc = set_name(r, line, "ROI name", name, c->d.name)) != RTFRAC_OK)
                return rc;
            started = 1;
            in_table = 0;
            continue;
        }
        if (!started) {
            const char *dash = strstr(text, " - [");
            if (dash != NULL) {
                char what[64], u[32];
                const char *close = strchr(dash, ']');
                norm_label(text, (size_t)(dash - text), what, sizeof(what));
                norm_label(dash + 4, close != NULL ? (size_t)(close - dash - 4) : 0, u, sizeof(u));
                double f = 1.0;
                if (strcmp(what, "absolutedose") == 0) {
                    if (dose_factor(u, &factor) != 0)
                        return fail(r, line, "unknown dose unit in '%s'; expected %s", text, DOSE_UNITS);
                    have_dose = 1;
                } else if (strcmp(what, "relativedose") == 0) {
                    return fail(r, line,
                                "relative dose is not supported; expected 'Absolute Dose - [Gy]' (export the DVH with absolute dose)");
                } else if (strcmp(what, "absolutevolume") == 0 || strcmp(what, "relativevolume") == 0) {
                    if (volume_unit_of(u, &unit, &f) != 0 || unit == RTFRAC_VOLUME_CC_PER_GY)
                        return fail(r, line, "unknown volume unit in '%s'; expected ccm, cc or %%", text);
                    have_volume = 1;
                }
            } else if (util_int_starts_ci(text, "Cumulative")) {
                kind = RTFRAC_DVH_CUMULATIVE;
            } else if (util_int_starts_ci(text, "Differential")) {
                kind = RTFRAC_DVH_DIFFERENTIAL;
            }
            continue;
        }
        if (!is_number_start(text)) {
            size_t nf = 0;
            if ((rc = split_blanks(r, text, line, &nf)) != RTFRAC_OK)
                return rc;
            dose_col = volume_col = -1;
            for (size_t k = 0; k < nf; k++) {
                char w[32];
                norm_label(r->fields[k], strlen(r->fields[k]), w, sizeof(w));
                if (strcmp(w, "dose") == 0)
                    dose_col = (long)k;
                else if (strcmp(w, "volume") == 0)
                    volume_col = (long)k;
            }
            if (dose_col < 0 || volume_col < 0)
                return fail(r, line, "'%s': unexpected line '%s'; expected the column header 'Bin Dose Volume'",
                            c->d.name, text);
            ncols = nf;
            in_table = 1;
            continue;
        }
        if (!in_table)
            return fail(r, line, "'%s': table row before the column header; expected 'Bin Dose Volume'",
                        c->d.name);
        size_t nf = 0;
        char *linestart = text;
        if ((rc = split_blanks(r, text, line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf != ncols)
            return fail(r, line, "'%s': row has %zu values but the header has %zu columns; is the table truncated?",
                        c->d.name, nf, ncols);
        double dose = 0.0, volume = 0.0, v = 0.0;
        for (size_t k = 0; k < nf; k++) {
            const char *what = (long)k == dose_col ? "dose" : (long)k == volume_col ? "volume" : "bin";
            if ((rc = parse_number(r, line, linestart, r->fields[k], what, &v)) != RTFRAC_OK)
                return rc;
            if ((long)k == dose_col)
                dose = v * factor;
            else if ((long)k == volume_col)
                volume = v;
        }
        if ((rc = curve_add(r, c, line, dose, volume)) != RTFRAC_OK)
            return rc;
    }
    return started ? curve_finish(r, c) : RTFRAC_OK;
}

/* ---- SlicerRT DVH table -------------------------------------------------- */

/* "<name> Value (% of 48.613 cc)" or "(%)" or "(cc)". */
static int slicer_value_label(reader *r, unsigned line, const char *inner, size_t n, curve *c)
{
    char buf[96];
    if (n >= sizeof(buf))
        n = sizeof(buf) - 1;
    memcpy(buf, inner, n);
    buf[n] = '\0';
    char *s = trim(buf);
    char u[32];
    norm_label(s, strlen(s), u, sizeof(u));
    if (strcmp(u, "%") == 0) {
        c->d.volume_unit = RTFRAC_VOLUME_PERCENT;
        return RTFRAC_OK;
    }
    if (is_cc(u)) {
        c->d.volume_unit = RTFRAC_VOLUME_CC;
        return RTFRAC_OK;
    }
    if (s[0] == '%' && util_int_starts_ci(skip_space(s + 1), "of ")) {
        const char *num = skip_space(skip_space(s + 1) + 3);
        size_t used = 0;
        double v = 0.0;
        if (rtfrac_num_scan(num, &used, &v, NULL, NULL) == RTFRAC_OK) {
            norm_label(num + used, strlen(num + used), u, sizeof(u));
            if (is_cc(u) && v >= 0.0) {
                c->d.volume_unit = RTFRAC_VOLUME_PERCENT;
                c->d.total_volume_cc = v;
                return RTFRAC_OK;
            }
        }
    }
    return fail(r, line, "'%s': unexpected volume unit '(%s)'; expected '(%% of <volume> cc)', '(%%)' or '(cc)'",
                c->d.name, s);
}

static int read_slicerrt(reader *r)
{
    size_t i = 0, nf = 0;
    int rc;
    while (i < r->nlines && is_blank_line(r->lines[i]))
        i++;
    if (i == r->nlines)
        return fail(r, 1, "no header line; expected '<name> Dose (Gy),<name> Value (%%),...'");
    unsigned header_line = line_no(i);
    if ((rc = split_delim(r, r->lines[i], ',', header_line, &nf)) != RTFRAC_OK)
        return rc;
    if (nf == 0 || nf % 2 != 0)
        return fail(r, header_line,
                    "the header has %zu columns; expected pairs '<name> Dose (Gy)', '<name> Value (%%)'", nf);
    r->nwide = nf / 2;
    r->wide = calloc(r->nwide, sizeof(*r->wide));
    r->factors = calloc(r->nwide, sizeof(*r->factors));
    if (r->wide == NULL || r->factors == NULL)
        return no_memory(r, header_line);
    for (size_t k = 0; k < r->nwide; k++) {
        curve *c = &r->wide[k];
        const char *dl = r->fields[2 * k], *vl = r->fields[2 * k + 1];
        const char *dp = find_last_ci(dl, " Dose ("), *vp = find_last_ci(vl, " Value (");
        const char *dclose = dp != NULL ? strchr(dp, ')') : NULL;
        const char *vclose = vp != NULL ? strrchr(vp, ')') : NULL;
        if (dp == NULL || dclose == NULL || vp == NULL || vclose == NULL)
            return fail(r, header_line,
                        "columns %zu and %zu ('%s', '%s'); expected '<name> Dose (Gy)' and '<name> Value (%% of <volume> cc)'",
                        2 * k + 1, 2 * k + 2, dl, vl);
        size_t namelen = (size_t)(dp - dl);
        if ((size_t)(vp - vl) != namelen || strncmp(dl, vl, namelen) != 0)
            return fail(r, header_line, "columns '%s' and '%s' name different structures; expected a pair for one structure",
                        dl, vl);
        char raw[RTFRAC_DVH_NAME_MAX + 16];
        if (namelen >= sizeof(raw))
            namelen = sizeof(raw) - 1; /* set_name refuses it as too long */
        memcpy(raw, dl, namelen);
        raw[namelen] = '\0';
        size_t rl = strlen(raw);
        if (rl > 9 && strcmp(raw + rl - 9, "_DvhArray") == 0)
            raw[rl - 9] = '\0'; /* older SlicerRT array node names */
        curve_start(c, header_line, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT);
        if ((rc = set_name(r, header_line, "structure name", raw, c->d.name)) != RTFRAC_OK)
            return rc;
        char u[32];
        norm_label(dp + 7, (size_t)(dclose - dp - 7), u, sizeof(u));
        if (dose_factor(u, &r->factors[k]) != 0)
            return fail(r, header_line, "unknown dose unit in column '%s'; expected %s", dl, DOSE_UNITS);
        const char *vopen = vp + 8;
        if ((rc = slicer_value_label(r, header_line, vopen, (size_t)(vclose - vopen), c)) != RTFRAC_OK)
            return rc;
    }
    const double *factors = r->factors;
    for (i++; i < r->nlines && rc == RTFRAC_OK; i++) {
        unsigned line = line_no(i);
        if (is_blank_line(r->lines[i]))
            continue;
        if ((rc = split_delim(r, r->lines[i], ',', line, &nf)) != RTFRAC_OK)
            break;
        if (nf > 2 * r->nwide) {
            rc = fail(r, line, "row has %zu fields but the header (line %u) has %zu columns", nf,
                      header_line, 2 * r->nwide);
            break;
        }
        for (size_t k = 0; k < r->nwide && rc == RTFRAC_OK; k++) {
            curve *c = &r->wide[k];
            const char *ds = 2 * k < nf ? r->fields[2 * k] : "";
            const char *vs = 2 * k + 1 < nf ? r->fields[2 * k + 1] : "";
            if (*ds == '\0' && *vs == '\0')
                continue; /* this structure's curve has ended */
            char what[RTFRAC_DVH_NAME_MAX + 16];
            double dose = 0.0, volume = 0.0;
            snprintf(what, sizeof(what), "'%s' dose", c->d.name);
            if ((rc = parse_number(r, line, r->lines[i], ds, what, &dose)) != RTFRAC_OK)
                break;
            snprintf(what, sizeof(what), "'%s' value", c->d.name);
            if ((rc = parse_number(r, line, r->lines[i], vs, what, &volume)) != RTFRAC_OK)
                break;
            rc = curve_add(r, c, line, dose * factors[k], volume);
        }
    }
    for (size_t k = 0; k < r->nwide && rc == RTFRAC_OK; k++)
        rc = curve_finish(r, &r->wide[k]);
    return rc;
}

/* ---- RaySearch RayStation ------------------------------------------------ */

/* RayStation's DVH text export (.dvh).  The layout was learnt from public
 * readers of it and from a sample, not from vendor documentation:
 *  - cran/RadOnc, R/read.DVH.R (read.DVH.RayStation): header lines
 *    "#PatientName:", "#PatientId:", "#Dosename:"; per ROI "#RoiName:<name>",
 *    "#Roi volume fraction outside grid: <x>%", "#Dose unit: cGy", then rows
 *    "<dose> <volume>", a cumulative DVH with the volume in % of the ROI;
 *  - dwoll/DVHmetrics, R/parseRayStation.R: rows of dose TAB volume in %,
 *    "#Dosename:" lines repeated between ROIs, the unit line written
 *    "#Unit: cGy" from RayStation 12 on, optional "#RoiVolume:" (cm3) and
 *    "#Rx dose:" ("<number> Gy|cGy") lines;
 *  - the RayStation 12 file quoted in dwoll/DVHmetrics issue #5:
 *    "#PatientName:123456", "#PatientId:123456", "#Dosename:Plan dose: MC
 *    (CT 1)", "#RoiName:PTV", "#Roi volume fraction outside grid: 0%",
 *    "#Unit: cGy", "0.000<TAB>100.000", "27.641<TAB>100.000", ...
 * Any other "#" line (statistics) is skipped.  A unit other than Gy or cGy,
 * or a "#Volume unit:" other than %, is refused rather than guessed. */

enum { RS_HEADER, RS_ROI, RS_ROWS };

static int read_raystation(reader *r)
{
    int state = RS_HEADER, rc;
    double factor = 0.0;
    char plan[RTFRAC_DVH_NAME_MAX] = "";
    curve *c = &r->cur;
    int started = 0;

    for (size_t i = 0; i < r->nlines; i++) {
        unsigned line = line_no(i);
        char *text = trim(r->lines[i]);
        if (*text == '\0')
            continue;
        if (*text == '#') {
            char *value = NULL;
            char *key = key_value(text + 1, &value);
            char k[64];
            if (key == NULL)
                continue; /* a comment without "key:" */
            norm_label(key, strlen(key), k, sizeof(k));
            if (strcmp(k, "roiname") == 0) {
                if (started && (rc = curve_finish(r, c)) != RTFRAC_OK)
                    return rc;
                if (*value == '\0')
                    return fail(r, line, "empty ROI name; expected '#RoiName:<name>'");
                curve_start(c, line, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT);
                if ((rc = set_name(r, line, "ROI name", value, c->d.name)) != RTFRAC_OK)
                    return rc;
                snprintf(c->d.plan, sizeof(c->d.plan), "%s", plan);
                started = 1;
                factor = 0.0;
                state = RS_ROI;
            } else if (strcmp(k, "dosename") == 0) {
                /* names the dose of the ROIs that follow */
                if ((rc = set_name(r, line, "dose name", value, plan)) != RTFRAC_OK)
                    return rc;
            } else if (strcmp(k, "doseunit") == 0 || strcmp(k, "unit") == 0) {
                char u[32];
                norm_label(value, strlen(value), u, sizeof(u));
                if (state == RS_HEADER)
                    return fail(r, line, "dose unit before any ROI; expected '#RoiName:<name>' first");
                if (state == RS_ROWS)
                    return fail(r, line, "'%s': a dose unit after the ROI's rows; expected one before them",
                                c->d.name);
                if (dose_factor(u, &factor) != 0)
                    return fail(r, line, "'%s': unknown dose unit '%s'; expected %s", c->d.name, value,
                                DOSE_UNITS);
            } else if (strcmp(k, "volumeunit") == 0) {
                char u[32];
                norm_label(value, strlen(value), u, sizeof(u));
                if (strcmp(u, "%") != 0)
                    return fail(r, line,
                                "unsupported volume unit '%s'; expected '%%' (the RayStation DVH export gives %% of the ROI)",
                                value);
            } else if (strcmp(k, "roivolume") == 0 && state != RS_HEADER) {
                double v = 0.0;
                if (rtfrac_num_parse_quantity(value, RTFRAC_QTY_VOLUME_CC, &v, NULL) != RTFRAC_OK || v < 0.0)
                    return fail(r, line, "'%s': ROI volume '%s' is not a volume; expected a number of cm3",
                                c->d.name, value);
                c->d.total_volume_cc = v;
            } else if (strcmp(k, "rxdose") == 0 && state == RS_HEADER) {
                double v = 0.0;
                if (rtfrac_num_parse_quantity(value, RTFRAC_QTY_DOSE_GY, &v, NULL) == RTFRAC_OK && v > 0.0)
                    r->set->prescribed_dose_gy = v;
            }
            continue;
        }
        if (state == RS_HEADER)
            return fail(r, line, "unexpected line '%s' before any ROI; expected '#RoiName:<name>'", text);
        if (factor <= 0.0)
            return fail(r, line, "'%s': row before the dose unit; expected '#Dose unit: cGy' or '#Unit: cGy' after '#RoiName:'",
                        c->d.name);
        state = RS_ROWS;
        size_t nf = 0;
        char *linestart = text;
        if ((rc = split_blanks(r, text, line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf != 2)
            return fail(r, line, "'%s': row has %zu values; expected 2 (dose and volume in %%)", c->d.name, nf);
        double dose = 0.0, volume = 0.0;
        if ((rc = parse_number(r, line, linestart, r->fields[0], "dose", &dose)) != RTFRAC_OK ||
            (rc = parse_number(r, line, linestart, r->fields[1], "volume", &volume)) != RTFRAC_OK)
            return rc;
        if ((rc = curve_add(r, c, line, dose * factor, volume)) != RTFRAC_OK)
            return rc;
    }
    return started ? curve_finish(r, c) : RTFRAC_OK;
}

/* ---- detection ------------------------------------------------------------ */

static int refuse(reader *r, unsigned line, const char *what)
{
    return fail(r, line,
                "unsupported format: %s; expected a generic CSV/TSV DVH, an Eclipse, Oncentra, SlicerRT DVH table or RayStation DVH export",
                what);
}

static int detect(reader *r, rtfrac_dvh_format *format)
{
    size_t first = 0;
    while (first < r->nlines && is_blank_line(r->lines[first]))
        first++;
    if (first == r->nlines)
        return fail(r, 1, "the file is empty; expected a DVH export");
    const char *l1 = skip_space(r->lines[first]);
    if (util_int_starts_ci(l1, "Patient Name") && strchr(l1, ':') != NULL) {
        *format = RTFRAC_DVH_FORMAT_ECLIPSE;
        return RTFRAC_OK;
    }
    for (size_t i = first; i < r->nlines && i < first + DETECT_LINES; i++) {
        const char *s = skip_space(r->lines[i]);
        if (util_int_starts_ci(s, "#PatientName:") || util_int_starts_ci(s, "#RoiName:")) {
            *format = RTFRAC_DVH_FORMAT_RAYSTATION;
            return RTFRAC_OK;
        }
        if (util_int_starts_ci(s, "Absolute Dose - [") || util_int_starts_ci(s, "Relative Dose - [")) {
            *format = RTFRAC_DVH_FORMAT_ONCENTRA;
            return RTFRAC_OK;
        }
    }
    if (util_int_starts_ci(l1, "Patient ID,ROI,"))
        return refuse(r, line_no(first),
                      "OnkoDICOM DVH CSV (one row per ROI, doses only in the column names)");
    if (util_int_starts_ci(l1, "#,") && first + 1 < r->nlines &&
        find_last_ci(r->lines[first + 1], "(volume:") != NULL)
        return refuse(r, line_no(first + 1),
                      "dicom_tools WriteDVH CSV (the file does not state its dose unit)");
    size_t h = first;
    while (h < r->nlines && (is_blank_line(r->lines[h]) || *skip_space(r->lines[h]) == '#'))
        h++;
    if (h == r->nlines)
        return fail(r, line_no(r->nlines - 1),
                    "no header line; expected a header naming the columns, e.g. 'Dose [Gy],Volume [%%]'");
    const char *hl = skip_space(r->lines[h]);
    if (util_int_starts_ci(hl, "Structure,") && find_last_ci(hl, "Mean dose") != NULL)
        return refuse(r, line_no(h), "SlicerRT DVH metrics table (statistics, no curves)");
    if (find_last_ci(hl, " Dose (") != NULL && find_last_ci(hl, " Value (") != NULL) {
        *format = RTFRAC_DVH_FORMAT_SLICERRT;
        return RTFRAC_OK;
    }
    if (strpbrk(hl, ",;\t") != NULL && find_last_ci(hl, "dose") != NULL) {
        *format = RTFRAC_DVH_FORMAT_GENERIC;
        return RTFRAC_OK;
    }
    return fail(r, line_no(first),
                "unrecognised DVH file; expected a generic CSV/TSV with a header such as 'Dose [Gy],Volume [%%]', an Eclipse ('Patient Name :'), Oncentra ('Absolute Dose - [Gy]'), SlicerRT DVH table or RayStation ('#RoiName:') export");
}

/* ---- public ----------------------------------------------------------------- */

void rtfrac_dvh_set_free(rtfrac_dvh_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->n; i++) {
        free(set->dvhs[i].dose_gy);
        free(set->dvhs[i].volume);
    }
    free(set->dvhs);
    free(set);
}

int rtfrac_dvh_read(const char *path, rtfrac_dvh_format format, rtfrac_dvh_set **out,
                    rtfrac_diag *diag)
{
    assert(path != NULL && out != NULL);
    reader r;
    memset(&r, 0, sizeof(r));
    r.path = path;
    r.diag = diag;
    if (diag != NULL)
        rtfrac_diag_clear(diag);

    int rc = load(&r);
    if (rc == RTFRAC_OK) {
        r.set = calloc(1, sizeof(*r.set));
        if (r.set == NULL)
            rc = no_memory(&r, 0);
    }
    if (rc == RTFRAC_OK) {
        snprintf(r.set->file, sizeof(r.set->file), "%s", path);
        if (format == RTFRAC_DVH_FORMAT_AUTO)
            rc = detect(&r, &format);
    }
    if (rc == RTFRAC_OK) {
        r.set->format = format;
        switch (format) {
        case RTFRAC_DVH_FORMAT_GENERIC: rc = read_generic(&r); break;
        case RTFRAC_DVH_FORMAT_ECLIPSE: rc = read_eclipse(&r); break;
        case RTFRAC_DVH_FORMAT_ONCENTRA: rc = read_oncentra(&r); break;
        case RTFRAC_DVH_FORMAT_SLICERRT: rc = read_slicerrt(&r); break;
        case RTFRAC_DVH_FORMAT_RAYSTATION: rc = read_raystation(&r); break;
        case RTFRAC_DVH_FORMAT_AUTO:
        default: rc = report(&r, RTFRAC_EINVAL, 0, 0, "unknown DVH format %d", (int)format); break;
        }
    }
    if (rc == RTFRAC_OK && r.set->n == 0)
        rc = fail(&r, r.nlines > 0 ? line_no(r.nlines - 1) : 1,
                  "no DVH curve in the file (every structure is empty); expected at least one structure with rows");

    curve_release(&r.cur);
    for (size_t k = 0; k < r.nwide; k++)
        curve_release(&r.wide[k]);
    free(r.wide);
    free(r.factors);
    free(r.fields);
    free(r.lines);
    free(r.buf);
    if (rc != RTFRAC_OK) {
        rtfrac_dvh_set_free(r.set);
        return rc;
    }
    *out = r.set;
    return RTFRAC_OK;
}

static const char *const format_names[] = { "auto", "generic", "eclipse", "oncentra", "slicerrt",
                                            "raystation" };

const char *rtfrac_dvh_format_name(rtfrac_dvh_format format)
{
    if ((unsigned)format < sizeof(format_names) / sizeof(format_names[0]))
        return format_names[format];
    return "unknown";
}

int rtfrac_dvh_format_parse(const char *name, rtfrac_dvh_format *format)
{
    assert(name != NULL && format != NULL);
    for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
        if (util_int_equal_ci(name, strlen(name), format_names[i])) {
            *format = (rtfrac_dvh_format)i;
            return RTFRAC_OK;
        }
    }
    return RTFRAC_EINVAL;
}
