/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every DVH reader shares (declared in dvh_int.h): loading a file into
 * lines, diagnostics, splitting and parsing fields, label units, and the
 * curves, built point by point so that every point is checked once, here. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dvh_int.h"
#include "rtfrac/num.h"
#include "util_int.h"

/* Points of a curve's first allocation: most structures of a file with
 * many are small, and the arrays double from here. */
#define CURVE_FIRST_CAP 16

/* A cumulative volume may rise by this fraction of the curve's largest
 * volume: the printed values are rounded.  Such a rise is flattened so that
 * every cumulative curve handed out is non-increasing. */
#define CUMULATIVE_NOISE 1e-4
/* Negative volumes this close to 0 are floating-point round-off. */
#define NEGATIVE_NOISE 1e-9

/* ---- diagnostics ------------------------------------------------------ */

#if defined(__GNUC__)
__attribute__((format(printf, 5, 0)))
#endif
static int vreport(dvh_int_reader *r, int status, unsigned line, unsigned column, const char *fmt,
                   va_list ap)
{
    if (r->diag != NULL) {
        rtfrac_diag_clear(r->diag);
        snprintf(r->diag->file, sizeof(r->diag->file), "%s", r->path);
        r->diag->line = line;
        r->diag->column = column;
        vsnprintf(r->diag->message, sizeof(r->diag->message), fmt, ap);
    }
    return status;
}

int dvh_int_report(dvh_int_reader *r, int status, unsigned line, unsigned column, const char *fmt,
                   ...)
{
    va_list ap;
    va_start(ap, fmt);
    status = vreport(r, status, line, column, fmt, ap);
    va_end(ap);
    return status;
}

int dvh_int_fail(dvh_int_reader *r, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int status = vreport(r, RTFRAC_EPARSE, line, 0, fmt, ap);
    va_end(ap);
    return status;
}

int dvh_int_no_memory(dvh_int_reader *r, unsigned line)
{
    return dvh_int_report(r, RTFRAC_ENOMEM, line, 0, "out of memory");
}

/* ---- text helpers ----------------------------------------------------- */

char *dvh_int_trim(char *s)
{
    while (dvh_int_is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && dvh_int_is_space(s[n - 1]))
        s[--n] = '\0';
    return s;
}

const char *dvh_int_find_last_ci(const char *hay, const char *needle)
{
    const char *found = NULL;
    for (const char *p = hay; *p != '\0'; p++)
        if (util_int_starts_ci(p, needle))
            found = p;
    return found;
}

void dvh_int_norm_label(const char *in, size_t n, char *out, size_t outsz)
{
    size_t o = 0;
    for (size_t i = 0; i < n && in[i] != '\0' && o + 1 < outsz; i++) {
        unsigned char c = (unsigned char)in[i];
        if (dvh_int_is_space((char)c))
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

int dvh_int_to_utf8(const char *in, size_t n, char *out, size_t outsz)
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

int dvh_int_set_name(dvh_int_reader *r, unsigned line, const char *what, const char *in,
                     char *out)
{
    if (dvh_int_to_utf8(in, strlen(in), out, RTFRAC_DVH_NAME_MAX) != 0)
        return dvh_int_fail(r, line, "%s '%.40s...' is longer than %d bytes", what, in,
                            RTFRAC_DVH_NAME_MAX - 1);
    return RTFRAC_OK;
}

char *dvh_int_key_value(char *text, char **value)
{
    char *colon = strchr(text, ':');
    if (colon == NULL)
        return NULL;
    *colon = '\0';
    *value = dvh_int_trim(colon + 1);
    return dvh_int_trim(text);
}

/* ---- splitting lines into fields --------------------------------------- */

static int push_field(dvh_int_reader *r, size_t n, char *field, unsigned line)
{
    if (n == r->cap_fields) {
        size_t cap = r->cap_fields ? 2 * r->cap_fields : 32;
        char **f = realloc(r->fields, cap * sizeof(*f));
        if (f == NULL)
            return dvh_int_no_memory(r, line);
        r->fields = f;
        r->cap_fields = cap;
    }
    r->fields[n] = field;
    return RTFRAC_OK;
}

int dvh_int_split_blanks(dvh_int_reader *r, char *s, unsigned line, size_t *nfields)
{
    size_t n = 0;
    for (;;) {
        while (dvh_int_is_space(*s))
            s++;
        if (*s == '\0')
            break;
        int rc = push_field(r, n++, s, line);
        if (rc != RTFRAC_OK)
            return rc;
        while (*s != '\0' && !dvh_int_is_space(*s))
            s++;
        if (*s != '\0')
            *s++ = '\0';
    }
    *nfields = n;
    return RTFRAC_OK;
}

int dvh_int_split_delim(dvh_int_reader *r, char *s, char delim, unsigned line, size_t *nfields)
{
    size_t n = 0;
    for (;;) {
        while (dvh_int_is_space(*s) && *s != delim)
            s++;
        char *start = s, *w = s;
        if (*s == '"') {
            start = w = ++s;
            for (;;) {
                if (*s == '\0')
                    return dvh_int_fail(r, line, "unterminated quote; expected a closing '\"'");
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
            while (dvh_int_is_space(*s) && *s != delim)
                s++;
            if (*s != '\0' && *s != delim)
                return dvh_int_fail(r, line,
                                    "text after a closing quote; expected '%c' or the end of the line",
                                    delim);
        } else {
            while (*s != '\0' && *s != delim)
                s++;
            w = s;
            while (w > start && dvh_int_is_space(w[-1]) && w[-1] != delim)
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

/* Characters (UTF-8 code points) before `at`; unlike rtfrac_num_utf8_width it
 * does not stop at the NULs that splitting left in the line. */
static unsigned width_before(const char *start, const char *at)
{
    unsigned width = 0;
    for (const char *p = start; p < at; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            width++;
    return width;
}

int dvh_int_parse_number(dvh_int_reader *r, unsigned line, const char *linestart, const char *tok,
                        const char *what, double *out)
{
    char tmp[80];
    const char *text = tok;
    if (*tok == '\0')
        return dvh_int_fail(r, line, "%s is empty; expected a number", what);
    if (r->comma_ok) {
        const char *comma = strchr(tok, ','), *dot = strchr(tok, '.');
        if (comma != NULL && dot != NULL)
            return dvh_int_fail(r, line,
                                "%s '%s' has both '.' and ','; expected one decimal mark", what, tok);
        if (comma != NULL || dot != NULL) {
            char mark = comma != NULL ? ',' : '.';
            if (r->mark != 0 && r->mark != mark)
                return dvh_int_fail(r, line,
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
        return dvh_int_report(r, RTFRAC_EPARSE, line, column,
                              "%s has '%s': %s", what, tok, d.message);
    }
    return RTFRAC_OK;
}

/* ---- curves ------------------------------------------------------------- */

void dvh_int_curve_release(dvh_int_curve *c)
{
    free(c->d.dose_gy);
    free(c->d.volume);
    memset(c, 0, sizeof(*c));
}

void dvh_int_curve_start(dvh_int_curve *c, unsigned line, rtfrac_dvh_kind kind,
                         rtfrac_volume_unit unit)
{
    dvh_int_curve_release(c);
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

#if defined(__GNUC__)
__attribute__((format(printf, 4, 0)))
#endif
static void vbreak(dvh_int_reader *r, dvh_int_curve *c, unsigned line, const char *fmt, va_list ap)
{
    char msg[RTFRAC_DVH_REASON_MAX];
    if (c->d.status == RTFRAC_DVH_STATUS_BROKEN)
        return; /* the first reason stands */
    vsnprintf(msg, sizeof(msg), fmt, ap);
    c->d.status = RTFRAC_DVH_STATUS_BROKEN;
    int used = snprintf(c->d.reason, sizeof(c->d.reason), "line %u: ", line);
    if (used > 0 && (size_t)used < sizeof(c->d.reason))
        memcpy(c->d.reason + used, msg, strnlen(msg, sizeof(c->d.reason) - (size_t)used - 1) + 1);
    c->d.reason[sizeof(c->d.reason) - 1] = '\0'; /* a long reason is cut, not lost */
    if (r->broken_line == 0) {
        r->broken_line = line;
        snprintf(r->broken_message, sizeof(r->broken_message), "%s", msg);
    }
}

int dvh_int_curve_break(dvh_int_reader *r, dvh_int_curve *c, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vbreak(r, c, line, fmt, ap);
    va_end(ap);
    return RTFRAC_OK;
}

int dvh_int_curve_add(dvh_int_reader *r, dvh_int_curve *c, unsigned line, double dose_gy,
                      double volume)
{
    rtfrac_dvh *d = &c->d;
    const char *u = unit_text(d->volume_unit);
    if (d->status == RTFRAC_DVH_STATUS_BROKEN)
        return RTFRAC_OK; /* the rest of a broken structure is not read */
    if (!isfinite(dose_gy) || !isfinite(volume))
        return dvh_int_curve_break(r, c, line, "'%s': %s is not a number; expected a finite dose and volume",
                                   d->name, isfinite(dose_gy) ? "the volume" : "the dose");
    if (dose_gy < 0.0)
        return dvh_int_curve_break(r, c, line,
                                   "'%s': negative dose %g Gy; doses must be 0 or more", d->name, dose_gy);
    if (volume < 0.0) {
        if (volume < -fmax(NEGATIVE_NOISE, RTFRAC_DVH_NOISE_FLOOR * c->volume_max))
            return dvh_int_curve_break(r, c, line,
                                       "'%s': negative volume %g %s; volumes must be 0 or more", d->name,
                                       volume, u);
        volume = 0.0; /* round-off */
    }
    if (d->volume_unit == RTFRAC_VOLUME_PERCENT && volume > 100.0) {
        if (volume > 100.0 + RTFRAC_DVH_PERCENT_TOLERANCE)
            return dvh_int_curve_break(r, c, line,
                                       "'%s': volume %g %% is above 100 %%; a structure has at most 100 %% of its volume (%g %% tolerated for rounding)",
                                       d->name, volume, RTFRAC_DVH_PERCENT_TOLERANCE);
        volume = 100.0;
    }
    if (d->n > 0) {
        double prev_dose = d->dose_gy[d->n - 1], prev_volume = d->volume[d->n - 1];
        if (dose_gy < prev_dose)
            return dvh_int_curve_break(r, c, line,
                                       "'%s': dose %g Gy is below %g Gy on line %u; doses must not decrease",
                                       d->name, dose_gy, prev_dose, c->last_line);
        int same_dose = !(dose_gy > prev_dose);
        if (d->kind == RTFRAC_DVH_CUMULATIVE && volume > prev_volume) {
            if (volume - prev_volume > CUMULATIVE_NOISE * c->volume_max)
                return dvh_int_curve_break(r, c, line,
                                           "'%s': cumulative volume rises from %g to %g %s at %g Gy; a cumulative DVH must not increase with dose",
                                           d->name, prev_volume, volume, u, dose_gy);
            volume = prev_volume;
        }
        if (same_dose && !(volume < prev_volume) && !(volume > prev_volume))
            return RTFRAC_OK; /* an identical duplicate row */
        if (same_dose && d->kind != RTFRAC_DVH_CUMULATIVE)
            return dvh_int_curve_break(r, c, line,
                                       "'%s': dose %g Gy repeats line %u with a different volume (%g, not %g %s); a differential DVH has one volume per dose",
                                       d->name, dose_gy, c->last_line, volume, prev_volume, u);
        /* a cumulative curve at the same dose with less volume: a vertical
         * step, the volume that receives exactly this dose */
    }
    if (d->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : CURVE_FIRST_CAP;
        double *a = realloc(d->dose_gy, cap * sizeof(*a));
        if (a == NULL)
            return dvh_int_no_memory(r, line);
        d->dose_gy = a;
        double *b = realloc(d->volume, cap * sizeof(*b));
        if (b == NULL)
            return dvh_int_no_memory(r, line);
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

static int push_dvh(dvh_int_reader *r, rtfrac_dvh **list, size_t *n, size_t *cap, rtfrac_dvh *d)
{
    if (r->set->n + r->set->nunread >= r->structures_max)
        return dvh_int_fail(r, d->line,
                            "more than %zu structures, the limit of a DVH file (RTFRAC_DVH_STRUCTURES_MAX)",
                            r->structures_max);
    if (*n == *cap) {
        size_t ncap = *cap ? 2 * *cap : 16;
        rtfrac_dvh *grown = realloc(*list, ncap * sizeof(*grown));
        if (grown == NULL)
            return dvh_int_no_memory(r, d->line);
        *list = grown;
        *cap = ncap;
    }
    (*list)[(*n)++] = *d; /* the list now owns the arrays */
    return RTFRAC_OK;
}

int dvh_int_curve_finish(dvh_int_reader *r, dvh_int_curve *c)
{
    rtfrac_dvh *d = &c->d;
    rtfrac_dvh_set *set = r->set;
    if (d->status == RTFRAC_DVH_STATUS_OK && d->n == 0) {
        d->status = RTFRAC_DVH_STATUS_EMPTY;
        snprintf(d->reason, sizeof(d->reason), "line %u: the structure has no rows", d->line);
    }
    if (d->status == RTFRAC_DVH_STATUS_OK) {
        double full = 0.0, any = 0.0;
        dvh_int_ends(d, &full, &d->complete_low, &d->complete_high);
        for (size_t i = 0; i < d->n; i++) {
            if (d->volume[i] < RTFRAC_DVH_NOISE_FLOOR * full)
                d->volume[i] = 0.0; /* round-off, not volume (see RTFRAC_DVH_NOISE_FLOOR) */
            any = fmax(any, d->volume[i]);
        }
        if (!(full > 0.0) || !(any > 0.0))
            dvh_int_curve_break(r, c, c->last_line,
                                "'%s': every volume is 0; expected a structure with volume", d->name);
    }
    int rc;
    if (d->status == RTFRAC_DVH_STATUS_OK) {
        if (c->cap > d->n) { /* give back what doubling left unused */
            double *a = realloc(d->dose_gy, d->n * sizeof(*a));
            if (a != NULL)
                d->dose_gy = a;
            double *b = realloc(d->volume, d->n * sizeof(*b));
            if (b != NULL)
                d->volume = b;
        }
        rc = push_dvh(r, &set->dvhs, &set->n, &r->cap_dvhs, d);
    } else {
        free(d->dose_gy);
        free(d->volume);
        d->dose_gy = d->volume = NULL;
        d->n = 0;
        rc = push_dvh(r, &set->unread, &set->nunread, &r->cap_unread, d);
    }
    if (rc == RTFRAC_OK)
        memset(c, 0, sizeof(*c));
    return rc;
}

/* ---- loading ------------------------------------------------------------ */

/* A limit in the unit that reads best: "256 MB", or bytes when it is no
 * whole number of MB (a caller's lower limit). */
static void bytes_text(size_t bytes, char *out, size_t outsz)
{
    const size_t mb = (size_t)1024 * 1024;
    if (bytes >= mb && bytes % mb == 0)
        snprintf(out, outsz, "%zu MB", bytes / mb);
    else
        snprintf(out, outsz, "%zu bytes", bytes);
}

static int too_large(dvh_int_reader *r)
{
    char limit[32];
    bytes_text(r->file_bytes_max, limit, sizeof(limit));
    return dvh_int_report(r, RTFRAC_EPARSE, 0, 0,
                          "file is larger than %s, the limit of a DVH file (RTFRAC_DVH_FILE_BYTES_MAX); expected a DVH text export",
                          limit);
}

static int too_many_lines(dvh_int_reader *r)
{
    unsigned first_over = r->lines_max < UINT_MAX ? (unsigned)r->lines_max + 1 : UINT_MAX;
    return dvh_int_report(r, RTFRAC_EPARSE, first_over, 0,
                          "file has more than %zu lines, the limit of a DVH file (RTFRAC_DVH_LINES_MAX)",
                          r->lines_max);
}

/* Every limit is checked before the memory it bounds is taken: the size
 * (from fstat for a regular file, else while reading) before the buffer
 * grows past it, the line count before the line index is allocated. */
int dvh_int_reader_load(dvh_int_reader *r)
{
    FILE *fp = fopen(r->path, "rb");
    if (fp == NULL)
        return dvh_int_report(r, RTFRAC_EIO, 0, 0, "cannot open: %s", strerror(errno));
    size_t size = 0, cap = 0, nl = 1;
    int rc = RTFRAC_OK;
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uintmax_t)st.st_size > (uintmax_t)r->file_bytes_max)
        rc = too_large(r);
    while (rc == RTFRAC_OK) {
        if (cap - size < 65536) {
            size_t ncap = cap ? 2 * cap : 65536;
            if (ncap > r->file_bytes_max + 1)
                ncap = r->file_bytes_max + 1; /* one byte more tells a file beyond the limit */
            char *b = realloc(r->buf, ncap + 1);
            if (b == NULL) {
                rc = dvh_int_no_memory(r, 0);
                break;
            }
            r->buf = b;
            cap = ncap;
        }
        size_t got = fread(r->buf + size, 1, cap - size, fp);
        for (const char *q = r->buf + size, *e = q + got; (q = memchr(q, '\n', (size_t)(e - q))) != NULL; q++)
            nl++;
        size += got;
        if (size > r->file_bytes_max) {
            rc = too_large(r);
            break;
        }
        if (nl > r->lines_max + 1 || (nl == r->lines_max + 1 && size > 0 && r->buf[size - 1] != '\n')) {
            rc = too_many_lines(r); /* refused before the line index is allocated */
            break;
        }
        if (got == 0) {
            if (ferror(fp))
                rc = dvh_int_report(r, RTFRAC_EIO, 0, 0, "read error: %s", strerror(errno));
            break;
        }
    }
    if (fclose(fp) != 0 && rc == RTFRAC_OK)
        rc = dvh_int_report(r, RTFRAC_EIO, 0, 0, "cannot close: %s", strerror(errno));
    if (rc != RTFRAC_OK)
        return rc;
    if (r->buf == NULL && (r->buf = malloc(1)) == NULL)
        return dvh_int_no_memory(r, 0);
    r->buf[size] = '\0';

    r->lines = malloc(nl * sizeof(*r->lines));
    if (r->lines == NULL)
        return dvh_int_no_memory(r, 0);
    char *p = r->buf, *end = r->buf + size;
    size_t n = 0;
    while (p < end) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        char *stop = eol != NULL ? eol : end;
        if (memchr(p, '\0', (size_t)(stop - p)) != NULL)
            return dvh_int_fail(r, dvh_int_line_no(n),
                                "NUL byte in the line; expected a text DVH export");
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

int dvh_int_dose_factor(const char *unit, double *factor)
{
    if (strcmp(unit, "gy") == 0)
        *factor = 1.0;
    else if (strcmp(unit, "cgy") == 0)
        *factor = 0.01;
    else
        return -1;
    return 0;
}

int dvh_int_is_cc(const char *unit)
{
    return strcmp(unit, "cc") == 0 || strcmp(unit, "cm3") == 0 || strcmp(unit, "ml") == 0 ||
           strcmp(unit, "ccm") == 0 || strcmp(unit, "cm^3") == 0;
}

int dvh_int_volume_unit_of(const char *unit, rtfrac_volume_unit *out, double *factor)
{
    *factor = 1.0;
    if (strcmp(unit, "%") == 0 || strcmp(unit, "percent") == 0 || strcmp(unit, "pct") == 0) {
        *out = RTFRAC_VOLUME_PERCENT;
        return 0;
    }
    if (dvh_int_is_cc(unit)) {
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
        if (!dvh_int_is_cc(num))
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

typedef struct dvh_int_name {
    char *name; /* NULL: a free slot */
    unsigned line;
} dvh_int_name;

static size_t name_hash(const char *s)
{
    size_t h = (size_t)14695981039346656037u; /* FNV-1a */
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211u;
    return h;
}

static dvh_int_name *name_slot(dvh_int_name *tab, size_t cap, const char *name)
{
    size_t i = name_hash(name) & (cap - 1);
    while (tab[i].name != NULL && strcmp(tab[i].name, name) != 0)
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

int dvh_int_name_seen(dvh_int_reader *r, const char *name, unsigned line, unsigned *first_line)
{
    if (2 * (r->nnames + 1) > r->cap_names) { /* at most half full */
        size_t cap = r->cap_names ? 2 * r->cap_names : 64;
        dvh_int_name *tab = calloc(cap, sizeof(*tab));
        if (tab == NULL)
            return -1;
        for (size_t k = 0; k < r->cap_names; k++)
            if (r->names[k].name != NULL)
                *name_slot(tab, cap, r->names[k].name) = r->names[k];
        free(r->names);
        r->names = tab;
        r->cap_names = cap;
    }
    dvh_int_name *slot = name_slot(r->names, r->cap_names, name);
    if (slot->name != NULL) {
        *first_line = slot->line;
        return 1;
    }
    if ((slot->name = strdup(name)) == NULL)
        return -1;
    slot->line = line;
    r->nnames++;
    return 0;
}

void dvh_int_reader_release(dvh_int_reader *r)
{
    dvh_int_curve_release(&r->cur);
    for (size_t k = 0; k < r->nwide; k++)
        dvh_int_curve_release(&r->wide[k]);
    free(r->wide);
    free(r->factors);
    free(r->fields);
    for (size_t k = 0; k < r->cap_names; k++)
        free(r->names[k].name);
    free(r->names);
    free(r->lines);
    free(r->buf);
}

int dvh_int_wide_header(dvh_int_reader *r, size_t group, const char *expected, size_t *first,
                        unsigned *header_line)
{
    size_t i = 0, nf = 0;
    int rc;
    while (i < r->nlines && dvh_int_is_blank_line(r->lines[i]))
        i++;
    if (i == r->nlines)
        return dvh_int_fail(r, 1, "no header line; expected %s,...", expected);
    *header_line = dvh_int_line_no(i);
    if ((rc = dvh_int_split_delim(r, r->lines[i], ',', *header_line, &nf)) != RTFRAC_OK)
        return rc;
    if (nf == 0 || nf % group != 0)
        return dvh_int_fail(r, *header_line, "the header has %zu column%s; expected %s for each structure", nf, util_int_plural_s(nf),
                            expected);
    if (nf / group > r->structures_max)
        return dvh_int_fail(r, *header_line,
                            "the header has %zu structures, more than %zu, the limit of a DVH file (RTFRAC_DVH_STRUCTURES_MAX)",
                            nf / group, r->structures_max);
    r->nwide = nf / group;
    r->wide = calloc(r->nwide, sizeof(*r->wide));
    r->factors = calloc(r->nwide, sizeof(*r->factors));
    if (r->wide == NULL || r->factors == NULL)
        return dvh_int_no_memory(r, *header_line);
    *first = i;
    return RTFRAC_OK;
}
