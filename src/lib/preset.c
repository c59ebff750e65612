/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/preset.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "rtfrac/constraint.h"
#include "rtfrac/ldr.h"
#include "rtfrac/lq.h"
#include "rtfrac/num.h"
#include "rtfrac/model.h"
#include "rtfrac/reirr.h"
#include "rtfrac/rx.h"
#include "util_int.h"

/* ---- the catalogue ---------------------------------------------------- */

struct rtfrac_presets {
    rtfrac_tissue *tissues;
    size_t ntissues, cap_tissues;
    rtfrac_scheme *schemes;
    size_t nschemes, cap_schemes;
    rtfrac_plan *plans;
    size_t nplans, cap_plans;
    rtfrac_constraint_set *sets;
    size_t nsets, cap_sets;
    rtfrac_ntcp_params *ntcps;
    size_t nntcps, cap_ntcps;
    rtfrac_isotope *isotopes;
    size_t nisotopes, cap_isotopes;
    void **owned; /* every string and array handed out */
    size_t nowned, cap_owned;
    const char **files; /* every file read, as opened (strings in owned) */
    size_t nfiles, cap_files;
    char **skipped; /* files of a directory that were not read */
    const char **skipped_what; /* what each one is (file_type_name) */
    size_t nskipped, cap_skipped;
    unsigned loaded_kinds; /* RTFRAC_PRESET_KIND_BIT of every kind a directory was read for */
};

rtfrac_presets *rtfrac_presets_alloc(void)
{
    return calloc(1, sizeof(rtfrac_presets));
}

void rtfrac_presets_free(rtfrac_presets *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->nowned; i++)
        free(p->owned[i]);
    free(p->owned);
    free(p->files);
    for (size_t i = 0; i < p->nskipped; i++)
        free(p->skipped[i]);
    free(p->skipped);
    free(p->skipped_what);
    free(p->tissues);
    free(p->schemes);
    free(p->plans);
    free(p->sets);
    free(p->ntcps);
    free(p->isotopes);
    free(p);
}

static int own(rtfrac_presets *p, void *ptr)
{
    if (ptr == NULL)
        return RTFRAC_ENOMEM;
    if (p->nowned == p->cap_owned) {
        size_t cap = p->cap_owned ? 2 * p->cap_owned : 64;
        void **o = realloc(p->owned, cap * sizeof(*o));
        if (o == NULL) {
            free(ptr);
            return RTFRAC_ENOMEM;
        }
        p->owned = o;
        p->cap_owned = cap;
    }
    p->owned[p->nowned++] = ptr;
    return RTFRAC_OK;
}

static const char *own_str(rtfrac_presets *p, const char *s)
{
    char *copy = strdup(s);
    return own(p, copy) == RTFRAC_OK ? copy : NULL;
}

/* Grow an array of `size`-byte items so that one more fits. */
static int grow(void **items, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return RTFRAC_OK;
    size_t c = *cap ? 2 * *cap : 16;
    void *grown = realloc(*items, c * size);
    if (grown == NULL)
        return RTFRAC_ENOMEM;
    *items = grown;
    *cap = c;
    return RTFRAC_OK;
}

/* ---- reading one file ------------------------------------------------- */

typedef struct kv {
    char *key;
    char *value;
    unsigned line;
} kv;

typedef struct section {
    char *name;
    unsigned line;
    kv *kvs;
    size_t nkvs, cap_kvs;
} section;

typedef struct file_ctx {
    const char *path;
    FILE *fp;
    unsigned line;       /* physical line last read */
    int continuation;    /* that line started with white space */
    section *sections;
    size_t nsections, cap_sections;
    rtfrac_diag *diag;
    int status;          /* first error */
    unsigned err_line;   /* its line */
    size_t bytes;        /* read so far, at most RTFRAC_PRESET_FILE_BYTES_MAX */
    char buf[RTFRAC_PRESET_LINE_MAX + 8]; /* a line with a byte order mark and CR LF */
} file_ctx;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int file_error(file_ctx *c, unsigned line, int status, const char *fmt, ...)
{
    if (c->status != RTFRAC_OK)
        return c->status; /* keep the first error */
    c->status = status;
    c->err_line = line;
    if (c->diag != NULL) {
        va_list ap;
        rtfrac_diag_clear(c->diag);
        snprintf(c->diag->file, sizeof(c->diag->file), "%s", c->path);
        c->diag->line = line;
        va_start(ap, fmt);
        vsnprintf(c->diag->message, sizeof(c->diag->message), fmt, ap);
        va_end(ap);
    }
    return status;
}

static void ctx_release(file_ctx *c)
{
    for (size_t i = 0; i < c->nsections; i++) {
        section *s = &c->sections[i];
        for (size_t k = 0; k < s->nkvs; k++) {
            free(s->kvs[k].key);
            free(s->kvs[k].value);
        }
        free(s->kvs);
        free(s->name);
    }
    free(c->sections);
}

static int is_blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; }

/* inih's line reader: one physical line per call.  It also sees what inih
 * does not report: line numbers, section headers (for duplicate and empty
 * sections) and continuation lines. */
static char *read_line(char *str, int num, void *stream)
{
    file_ctx *c = stream;
    if (c->status != RTFRAC_OK)
        return NULL;
    /* Bounded: a line stops being read one byte past the longest allowed
     * (a byte order mark, CR and LF aside), the file past its limit, so
     * that /dev/zero or a huge line costs no more than this buffer. */
    size_t n = 0;
    int ch, nul = 0;
    errno = 0;
    while (n + 1 < sizeof(c->buf) && (ch = getc_unlocked(c->fp)) != EOF) {
        if (++c->bytes > RTFRAC_PRESET_FILE_BYTES_MAX) {
            file_error(c, c->line + 1, RTFRAC_EPARSE,
                       "file is larger than %d bytes, the limit of a preset file (RTFRAC_PRESET_FILE_BYTES_MAX)",
                       RTFRAC_PRESET_FILE_BYTES_MAX);
            return NULL;
        }
        nul |= ch == '\0';
        c->buf[n++] = (char)ch;
        if (ch == '\n')
            break;
    }
    c->buf[n] = '\0';
    if (n == 0) {
        if (ferror(c->fp))
            file_error(c, c->line + 1, RTFRAC_EIO, "read error: %s", strerror(errno));
        return NULL;
    }
    c->line++;
    char *text = c->buf;
    if (c->line == 1 && strncmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3; /* a UTF-8 byte order mark */
    if (nul) {
        file_error(c, c->line, RTFRAC_EPARSE, "NUL byte in the line");
        return NULL;
    }
    size_t len = strlen(text);
    /* a full buffer without the line's end holds more than the limit */
    int too_long = n + 1 == sizeof(c->buf) && c->buf[n - 1] != '\n';
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    if (too_long || len > RTFRAC_PRESET_LINE_MAX || (int)len + 2 > num) {
        file_error(c, c->line, RTFRAC_EPARSE,
                   "line is longer than %d bytes; continue a long value on lines indented by spaces",
                   RTFRAC_PRESET_LINE_MAX);
        return NULL;
    }
    c->continuation = len > 0 && (text[0] == ' ' || text[0] == '\t');
    const char *t = text;
    while (is_blank(*t))
        t++;
    if (*t == '[') {
        /* find the ']' as inih does: an inline ';' after white space ends
         * the line first, and the name is taken as written */
        const char *end = NULL;
        int was_space = 0;
        for (const char *q = t + 1; *q && *q != '\n' && *q != '\r'; q++) {
            if (*q == ']') {
                end = q;
                break;
            }
            if (was_space && *q == ';')
                break;
            was_space = *q == ' ' || *q == '\t';
        }
        if (end != NULL) {
            /* a section header: remember it, reject a second one */
            const char *a = t + 1, *b = end;
            if (a == b || is_blank(*a) || is_blank(b[-1])) {
                file_error(c, c->line, RTFRAC_EPARSE,
                           "[%.*s]: a section name must not be empty or start or end with a space",
                           (int)(b - a), a);
                return NULL;
            }
            if (b - a >= 50) { /* inih keeps 49 bytes of a section name */
                file_error(c, c->line, RTFRAC_EPARSE, "[%.40s...]: section name longer than 49 bytes", a);
                return NULL;
            }
            char *name = strndup(a, (size_t)(b - a));
            if (name == NULL) {
                file_error(c, c->line, RTFRAC_ENOMEM, "out of memory");
                return NULL;
            }
            for (size_t i = 0; i < c->nsections; i++) {
                if (strcmp(c->sections[i].name, name) == 0) {
                    file_error(c, c->line, RTFRAC_EPARSE,
                               "[%s]: duplicate section (first at line %u)", name,
                               c->sections[i].line);
                    free(name);
                    return NULL;
                }
            }
            if (grow((void **)&c->sections, c->nsections, &c->cap_sections,
                     sizeof(section)) != RTFRAC_OK) {
                free(name);
                file_error(c, c->line, RTFRAC_ENOMEM, "out of memory");
                return NULL;
            }
            section *s = &c->sections[c->nsections++];
            memset(s, 0, sizeof(*s));
            s->name = name;
            s->line = c->line;
        }
    }
    memcpy(str, text, len);
    str[len] = '\n';
    str[len + 1] = '\0';
    return str;
}

static int on_key(void *user, const char *sec, const char *name, const char *value)
{
    file_ctx *c = user;
    if (c->status != RTFRAC_OK)
        return 0;
    if (c->nsections == 0) {
        file_error(c, c->line, RTFRAC_EPARSE, "%s: key outside a section; start one with [name]", name);
        return 0;
    }
    section *s = &c->sections[c->nsections - 1];
    if (strcmp(s->name, sec) != 0) {
        file_error(c, c->line, RTFRAC_EPARSE, "[%s]: cannot read this section header", sec);
        return 0;
    }
    if (c->continuation) {
        /* a continuation line of the previous key's value */
        if (s->nkvs == 0)
            return file_error(c, c->line, RTFRAC_EPARSE,
                              "%s: an indented line continues a value, but no key came before it in [%s]",
                              name, s->name), 0;
        kv *last = &s->kvs[s->nkvs - 1];
        size_t a = strlen(last->value), b = strlen(value);
        char *joined = realloc(last->value, a + b + 2);
        if (joined == NULL)
            return file_error(c, c->line, RTFRAC_ENOMEM, "out of memory"), 0;
        joined[a] = ' ';
        memcpy(joined + a + 1, value, b + 1);
        last->value = joined;
        return 1;
    }
    for (size_t k = 0; k < s->nkvs; k++) {
        if (strcmp(s->kvs[k].key, name) == 0) {
            file_error(c, c->line, RTFRAC_EPARSE, "%s: duplicate key in [%s] (first at line %u)",
                       name, sec, s->kvs[k].line);
            return 0;
        }
    }
    if (grow((void **)&s->kvs, s->nkvs, &s->cap_kvs, sizeof(kv)) != RTFRAC_OK)
        return file_error(c, c->line, RTFRAC_ENOMEM, "out of memory"), 0;
    kv *e = &s->kvs[s->nkvs];
    e->key = strdup(name);
    e->value = strdup(value);
    e->line = c->line;
    if (e->key == NULL || e->value == NULL) {
        free(e->key);
        free(e->value);
        return file_error(c, c->line, RTFRAC_ENOMEM, "out of memory"), 0;
    }
    s->nkvs++;
    return 1;
}

/* What a file that is not a regular file is, for the note that skips it. */
static const char *file_type_name(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "a special file";
}

/* Read a whole file into sections of key/value pairs.  It is opened without
 * blocking, as a FIFO would wait for a writer forever.  A file found by
 * scanning a directory (`scanning`) is read only when it is a regular file:
 * otherwise *skipped says what it is and nothing is read.  A file the
 * caller named may be a pipe (`--plan <(...)`); the line and size limits
 * bound what it costs. */
static int read_file(file_ctx *c, const char *path, int scanning, const char **skipped,
                     rtfrac_diag *diag)
{
    memset(c, 0, sizeof(*c));
    c->path = path;
    c->diag = diag;
    *skipped = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return file_error(c, 0, RTFRAC_EIO, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return file_error(c, 0, RTFRAC_EIO, "cannot open: %s", strerror(e));
    }
    if (scanning && !S_ISREG(st.st_mode)) {
        close(fd);
        *skipped = file_type_name(st.st_mode);
        return RTFRAC_OK;
    }
    if (S_ISREG(st.st_mode) && st.st_size > RTFRAC_PRESET_FILE_BYTES_MAX) {
        close(fd);
        return file_error(c, 0, RTFRAC_EPARSE,
                          "file is larger than %d bytes, the limit of a preset file (RTFRAC_PRESET_FILE_BYTES_MAX)",
                          RTFRAC_PRESET_FILE_BYTES_MAX);
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1 ||
        (c->fp = fdopen(fd, "r")) == NULL) {
        int e = errno;
        close(fd);
        return file_error(c, 0, RTFRAC_EIO, "cannot open: %s", strerror(e));
    }
    int rc = ini_parse_stream(read_line, c, on_key, c);
    if (fclose(c->fp) != 0 && c->status == RTFRAC_OK)
        file_error(c, c->line, RTFRAC_EIO, "cannot close: %s", strerror(errno));
    c->fp = NULL;
    if (rc > 0 && c->status == RTFRAC_EPARSE && (unsigned)rc < c->err_line)
        c->status = RTFRAC_OK; /* inih's syntax error comes first in the file */
    if (c->status != RTFRAC_OK)
        return c->status;
    if (rc > 0)
        return file_error(c, (unsigned)rc, RTFRAC_EPARSE,
                          "syntax error: expected 'key = value', '[section]' or a comment starting with ';'");
    if (rc < 0)
        return file_error(c, 0, RTFRAC_ENOMEM, "out of memory");
    return RTFRAC_OK;
}

/* ---- typed access to a section's keys -------------------------------- */

typedef struct keyspec {
    const char *key;
    int required;
} keyspec;

static const kv *find_kv(const section *s, const char *key)
{
    for (size_t k = 0; k < s->nkvs; k++)
        if (strcmp(s->kvs[k].key, key) == 0)
            return &s->kvs[k];
    return NULL;
}

/* Refuse unknown keys (typos) and missing required ones. */
static int check_keys(file_ctx *c, const section *s, const keyspec *spec)
{
    for (size_t k = 0; k < s->nkvs; k++) {
        int known = 0;
        for (const keyspec *p = spec; p->key != NULL; p++)
            if (strcmp(p->key, s->kvs[k].key) == 0)
                known = 1;
        if (!known) {
            char list[RTFRAC_DIAG_MESSAGE_MAX / 2];
            size_t used = 0;
            list[0] = '\0';
            for (const keyspec *p = spec; p->key != NULL && used + 32 < sizeof(list); p++)
                used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
                                         p == spec ? "" : ", ", p->key);
            return file_error(c, s->kvs[k].line, RTFRAC_EPARSE,
                              "%s: unknown key in [%s]; accepted: %s", s->kvs[k].key,
                              s->name, list);
        }
    }
    for (const keyspec *p = spec; p->key != NULL; p++)
        if (p->required && find_kv(s, p->key) == NULL)
            return file_error(c, s->line, RTFRAC_EPARSE, "%s: missing required key in [%s]",
                              p->key, s->name);
    return RTFRAC_OK;
}

static int get_text(file_ctx *c, rtfrac_presets *p, const section *s, const char *key,
                    const char **out)
{
    const kv *e = find_kv(s, key);
    if (e == NULL) {
        *out = "";
        return RTFRAC_OK;
    }
    if (e->value[0] == '\0')
        return file_error(c, e->line, RTFRAC_EPARSE, "%s: empty value", key);
    *out = own_str(p, e->value);
    return *out ? RTFRAC_OK : file_error(c, e->line, RTFRAC_ENOMEM, "out of memory");
}

static const char *const checked_names[] = { "", "primary", "abstract", "secondary", "convention" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_presets_checked, rtfrac_checked, checked_names)

/* `checked`: how the values were checked against the source; `fallback`
 * when the key is absent (unstated, or a constraint's set's). */
static int get_checked(file_ctx *c, rtfrac_presets *p, const section *s, rtfrac_checked fallback,
                       rtfrac_checked *out)
{
    const char *text = NULL;
    int rc = get_text(c, p, s, "checked", &text);
    if (rc != RTFRAC_OK)
        return rc;
    if (text[0] == '\0') {
        *out = fallback;
        return RTFRAC_OK;
    }
    if (rtfrac_presets_checked_parse(text, out) != RTFRAC_OK)
        return file_error(c, find_kv(s, "checked")->line, RTFRAC_EPARSE,
                          "checked: unknown value '%s'; accepted: primary (the full paper was read), abstract (only its abstract), secondary (a secondary source, named in source), convention (a generic value)",
                          text);
    return RTFRAC_OK;
}

/* A number with its unit, within [lo, hi] (lo_open: strictly above lo). */
static int get_number(file_ctx *c, const section *s, const char *key, rtfrac_quantity q,
                      double lo, int lo_open, double hi, const char *unit_text,
                      int *present, double *out)
{
    const kv *e = find_kv(s, key);
    if (present != NULL)
        *present = e != NULL;
    if (e == NULL)
        return RTFRAC_OK;
    rtfrac_diag d;
    double v = 0.0;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse_quantity(e->value, q, &v, &d) != RTFRAC_OK)
        return file_error(c, e->line, RTFRAC_EPARSE, "%s: %s in '%s'", key, d.message, e->value);
    if ((lo_open ? !(v > lo) : !(v >= lo)) || v > hi)
        return file_error(c, e->line, RTFRAC_EPARSE,
                          "%s: %g%s%s is out of range; accepted: %s %g to %g%s%s", key, v,
                          *unit_text ? " " : "", unit_text, lo_open ? "above" : "from", lo, hi,
                          *unit_text ? " " : "", unit_text);
    *out = v;
    return RTFRAC_OK;
}

/* A repopulation rate with its unit (Gy EQD2/d or Gy BED/d), from 0 to
 * RTFRAC_DPROLIF_MAX_GY_PER_DAY; a bare number or Gy/d is ambiguous. */
static int get_rate(file_ctx *c, const section *s, const char *key, int *present, double *out,
                    rtfrac_model_rate_unit *unit)
{
    const kv *e = find_kv(s, key);
    rtfrac_diag d;
    double v = 0.0;
    *present = e != NULL;
    if (e == NULL)
        return RTFRAC_OK;
    rtfrac_diag_clear(&d);
    if (rtfrac_model_rate_parse(e->value, &v, unit, &d) != RTFRAC_OK)
        return file_error(c, e->line, RTFRAC_EPARSE, "%s: %s", key, d.message);
    if (!(v >= 0.0) || v > RTFRAC_DPROLIF_MAX_GY_PER_DAY)
        return file_error(c, e->line, RTFRAC_EPARSE, "%s: %g %s is out of range; accepted: from 0 to %g %s", key,
                          v, rtfrac_model_rate_unit_name(*unit), RTFRAC_DPROLIF_MAX_GY_PER_DAY,
                          rtfrac_model_rate_unit_name(*unit));
    *out = v;
    return RTFRAC_OK;
}

static int get_count(file_ctx *c, const section *s, const char *key, unsigned long max,
                     int *present, unsigned long *out)
{
    double v = 0.0;
    int rc = get_number(c, s, key, RTFRAC_QTY_PLAIN, 1.0, 0, (double)max, "", present, &v);
    if (rc != RTFRAC_OK || !*present)
        return rc;
    if (v > floor(v))
        return file_error(c, find_kv(s, key)->line, RTFRAC_EPARSE,
                          "%s: must be a whole number, not %g", key, v);
    *out = (unsigned long)v;
    return RTFRAC_OK;
}

static int valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n >= RTFRAC_PRESET_ID_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = id[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' ||
              ch == '_' || ch == '.'))
            return 0;
    }
    return 1;
}

static int check_id(file_ctx *c, const section *s, const char *id)
{
    if (!valid_id(id))
        return file_error(c, s->line, RTFRAC_EPARSE,
                          "[%s]: invalid name; use 1 to %d lowercase letters, digits, '-', '_' or '.'",
                          id, RTFRAC_PRESET_ID_MAX - 1);
    return RTFRAC_OK;
}

/* "[target PTV-1]" -> kind "target", label "PTV-1". */
static int split_section(const char *name, const char *kind, const char **label)
{
    size_t n = strlen(kind);
    if (strncmp(name, kind, n) != 0)
        return 0;
    if (name[n] == '\0') {
        *label = name + n;
        return 1;
    }
    if (name[n] != ' ' && name[n] != '\t')
        return 0;
    const char *l = name + n;
    while (*l == ' ' || *l == '\t')
        l++;
    *label = l;
    return 1;
}

static void set_origin(rtfrac_origin *o, const char *path, unsigned line)
{
    snprintf(o->file, sizeof(o->file), "%s", path);
    o->line = line;
}

/* ---- tissues ---------------------------------------------------------- */

static const keyspec tissue_keys[] = {
    { "name", 1 }, { "kind", 1 }, { "alpha_beta", 1 }, { "alpha_beta_low", 0 },
    { "alpha_beta_high", 0 }, { "alpha", 0 }, { "tk", 0 }, { "tpot", 0 },
    { "dprolif", 0 }, { "repair_half_time", 0 }, { "endpoint", 0 },
    { "evidence", 0 }, { "source", 1 }, { "checked", 0 }, { NULL, 0 },
};

static int parse_tissue(file_ctx *c, rtfrac_presets *p, const section *s, rtfrac_tissue *t)
{
    int rc, has = 0, has_low = 0, has_high = 0;
    const char *kind = NULL, *evidence = NULL;

    memset(t, 0, sizeof(*t));
    if ((rc = check_id(c, s, s->name)) || (rc = check_keys(c, s, tissue_keys)))
        return rc;
    snprintf(t->id, sizeof(t->id), "%s", s->name);
    set_origin(&t->origin, c->path, s->line);
    if ((rc = get_text(c, p, s, "name", &t->name)) || (rc = get_text(c, p, s, "source", &t->source)) ||
        (rc = get_text(c, p, s, "endpoint", &t->endpoint)) ||
        (rc = get_text(c, p, s, "kind", &kind)) || (rc = get_text(c, p, s, "evidence", &evidence)) ||
        (rc = get_checked(c, p, s, RTFRAC_CHECKED_UNSTATED, &t->checked)))
        return rc;
    if (rtfrac_presets_tissue_kind_parse(kind, &t->kind) != RTFRAC_OK)
        return file_error(c, find_kv(s, "kind")->line, RTFRAC_EPARSE,
                          "kind: unknown kind '%s'; accepted: tumour, early, late", kind);
    if (evidence[0] == '\0')
        t->evidence = RTFRAC_EVIDENCE_UNSTATED;
    else if (rtfrac_presets_evidence_parse(evidence, &t->evidence) != RTFRAC_OK)
        return file_error(c, find_kv(s, "evidence")->line, RTFRAC_EPARSE,
                          "evidence: unknown value '%s'; accepted: clinical, experimental, convention",
                          evidence);
    if ((rc = get_number(c, s, "alpha_beta", RTFRAC_QTY_DOSE_GY, RTFRAC_ALPHA_BETA_MIN_GY, 0, RTFRAC_ALPHA_BETA_MAX_GY, "Gy", NULL,
                         &t->alpha_beta_gy)) ||
        (rc = get_number(c, s, "alpha_beta_low", RTFRAC_QTY_DOSE_GY, RTFRAC_ALPHA_BETA_BOUND_MIN_GY, 0, RTFRAC_ALPHA_BETA_MAX_GY, "Gy",
                         &has_low, &t->alpha_beta_low_gy)) ||
        (rc = get_number(c, s, "alpha_beta_high", RTFRAC_QTY_DOSE_GY, RTFRAC_ALPHA_BETA_BOUND_MIN_GY, 0, RTFRAC_ALPHA_BETA_BOUND_MAX_GY, "Gy",
                         &has_high, &t->alpha_beta_high_gy)))
        return rc;
    if (has_low != has_high)
        return file_error(c, s->line, RTFRAC_EPARSE,
                          "%s: the interval needs both alpha_beta_low and alpha_beta_high in [%s]",
                          has_low ? "alpha_beta_high" : "alpha_beta_low", s->name);
    if (has_low) {
        if (!(t->alpha_beta_low_gy <= t->alpha_beta_gy && t->alpha_beta_gy <= t->alpha_beta_high_gy))
            return file_error(c, find_kv(s, "alpha_beta_low")->line, RTFRAC_EPARSE,
                              "alpha_beta_low: the interval %g to %g Gy does not contain alpha_beta %g Gy",
                              t->alpha_beta_low_gy, t->alpha_beta_high_gy, t->alpha_beta_gy);
        t->has |= RTFRAC_TISSUE_HAS_AB_INTERVAL;
    }
    if ((rc = get_number(c, s, "alpha", RTFRAC_QTY_PER_GY, 0.0, 1, RTFRAC_ALPHA_MAX_PER_GY, "/Gy", &has, &t->alpha_per_gy)))
        return rc;
    t->has |= has ? RTFRAC_TISSUE_HAS_ALPHA : 0;
    if ((rc = get_number(c, s, "tk", RTFRAC_QTY_TIME_DAYS, 0.0, 0, RTFRAC_TK_MAX_DAYS, "d", &has, &t->tk_days)))
        return rc;
    t->has |= has ? RTFRAC_TISSUE_HAS_TK : 0;
    if ((rc = get_number(c, s, "tpot", RTFRAC_QTY_TIME_DAYS, 0.0, 1, RTFRAC_TPOT_MAX_DAYS, "d", &has, &t->tpot_days)))
        return rc;
    t->has |= has ? RTFRAC_TISSUE_HAS_TPOT : 0;
    if ((rc = get_rate(c, s, "dprolif", &has, &t->dprolif_rate_gy_per_day, &t->dprolif_unit)))
        return rc;
    t->has |= has ? RTFRAC_TISSUE_HAS_DPROLIF : 0;
    if ((rc = get_number(c, s, "repair_half_time", RTFRAC_QTY_TIME_HOURS, 0.0, 1, RTFRAC_REPAIR_HALF_TIME_MAX_H, "h", &has,
                         &t->repair_half_time_h)))
        return rc;
    t->has |= has ? RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME : 0;
    return RTFRAC_OK;
}

/* ---- schemes ---------------------------------------------------------- */

static const keyspec scheme_keys[] = {
    { "name", 1 }, { "total_dose", 1 }, { "fractions", 1 }, { "per_week", 0 },
    { "per_day", 0 }, { "interval", 0 }, { "site", 0 }, { "source", 1 }, { "checked", 0 }, { NULL, 0 },
};

/* A schedule's calendar: per_week (fractions a week, default 5 per_day),
 * per_day (fractions a treatment day, default 1) and interval (hours
 * between the fractions of a day, required with per_day above 1). */
static int get_calendar(file_ctx *c, const section *s, rtfrac_calendar *cal, unsigned *has)
{
    int present = 0, rc;
    unsigned long per_week = 5, per_day = 1;
    double interval = 0.0;
    rtfrac_model m;
    rtfrac_diag why;
    *has = 0;
    if ((rc = get_count(c, s, "per_day", RTFRAC_PER_DAY_MAX, &present, &per_day)))
        return rc;
    *has |= present ? RTFRAC_CALENDAR_HAS_PER_DAY : 0;
    per_week = 5 * per_day;
    if ((rc = get_count(c, s, "per_week", RTFRAC_PER_WEEK_MAX, &present, &per_week))) /* CHART: 3 a day, 7 days */
        return rc;
    *has |= present ? RTFRAC_CALENDAR_HAS_PER_WEEK : 0;
    if ((rc = get_number(c, s, "interval", RTFRAC_QTY_TIME_HOURS, 0.0, 1, RTFRAC_INTERVAL_MAX_H, "h", &present, &interval)))
        return rc;
    *has |= present ? RTFRAC_CALENDAR_HAS_INTERVAL : 0;
    rtfrac_model_init(&m);
    m.calendar.per_week = (unsigned)per_week;
    m.calendar.per_day = (unsigned)per_day;
    m.calendar.interval_h = interval;
    unsigned line = s->line;
    const kv *e = find_kv(s, (*has & RTFRAC_CALENDAR_HAS_PER_WEEK) ? "per_week" : "per_day");
    if (e != NULL)
        line = e->line;
    if (rtfrac_model_check(&m, &why) != RTFRAC_OK)
        return file_error(c, line, RTFRAC_EPARSE, "%s: %s", e ? e->key : "per_week", why.message);
    if (per_day > 1 && !(*has & RTFRAC_CALENDAR_HAS_INTERVAL))
        return file_error(c, line, RTFRAC_EPARSE,
                          "per_day: %lu fractions a day need 'interval', the hours between them (e.g. interval = 6 h)",
                          per_day);
    if (per_day > 1 && interval * (double)(per_day - 1) >= RTFRAC_INTERVAL_MAX_H)
        return file_error(c, find_kv(s, "interval")->line, RTFRAC_EPARSE,
                          "interval: %lu fractions %g h apart do not fit into one day", per_day, interval);
    if (per_day == 1 && (*has & RTFRAC_CALENDAR_HAS_INTERVAL))
        return file_error(c, find_kv(s, "interval")->line, RTFRAC_EPARSE,
                          "interval: goes with per_day = 2 or more");
    *cal = m.calendar;
    return RTFRAC_OK;
}

static int parse_scheme(file_ctx *c, rtfrac_presets *p, const section *s, rtfrac_scheme *sc)
{
    int rc, present = 0;
    memset(sc, 0, sizeof(*sc));
    if ((rc = check_id(c, s, s->name)) || (rc = check_keys(c, s, scheme_keys)))
        return rc;
    snprintf(sc->id, sizeof(sc->id), "%s", s->name);
    set_origin(&sc->origin, c->path, s->line);
    if ((rc = get_text(c, p, s, "name", &sc->name)) || (rc = get_text(c, p, s, "site", &sc->site)) ||
        (rc = get_text(c, p, s, "source", &sc->source)) ||
        (rc = get_checked(c, p, s, RTFRAC_CHECKED_UNSTATED, &sc->checked)) ||
        (rc = get_number(c, s, "total_dose", RTFRAC_QTY_DOSE_GY, 0.0, 1, RTFRAC_DOSE_MAX_GY, "Gy",
                         NULL, &sc->total_dose_gy)) ||
        (rc = get_count(c, s, "fractions", RTFRAC_FRACTIONS_MAX, &present, &sc->fractions)) ||
        (rc = get_calendar(c, s, &sc->calendar, &sc->calendar_has)))
        return rc;
    return RTFRAC_OK;
}

/* ---- plans ------------------------------------------------------------ */

static const keyspec plan_keys[] = {
    { "name", 1 }, { "fractions", 1 }, { "per_week", 0 }, { "per_day", 0 }, { "interval", 0 },
    { "source", 1 }, { "checked", 0 }, { NULL, 0 },
};
static const keyspec target_keys[] = {
    { "total_dose", 1 }, { "tissue", 1 }, { NULL, 0 },
};
static const keyspec oar_keys[] = {
    { "tissue", 1 }, { "ntcp", 0 }, { NULL, 0 },
};

static int get_label(file_ctx *c, const section *s, const char *label, char *out)
{
    if (label[0] == '\0')
        return file_error(c, s->line, RTFRAC_EPARSE, "[%s]: missing label; write e.g. [target PTV-1]",
                          s->name);
    if (strlen(label) >= RTFRAC_PRESET_ID_MAX)
        return file_error(c, s->line, RTFRAC_EPARSE, "[%s]: label is longer than %d bytes", s->name,
                          RTFRAC_PRESET_ID_MAX - 1);
    snprintf(out, RTFRAC_PRESET_ID_MAX, "%s", label);
    return RTFRAC_OK;
}

static int get_tissue_ref(file_ctx *c, const section *s, char *out)
{
    const kv *e = find_kv(s, "tissue");
    if (!valid_id(e->value))
        return file_error(c, e->line, RTFRAC_EPARSE, "tissue: invalid tissue name '%s'", e->value);
    snprintf(out, RTFRAC_PRESET_ID_MAX, "%s", e->value);
    return RTFRAC_OK;
}

/* The optional `ntcp = SET-ID` of an [oar]: "" when absent; the set itself
 * is looked up by rtfrac_presets_check (it may live in another directory). */
static int get_oar_ntcp(file_ctx *c, const section *s, rtfrac_plan_oar *o)
{
    const kv *e = find_kv(s, "ntcp");
    o->ntcp[0] = '\0';
    o->ntcp_origin = o->origin;
    if (e == NULL)
        return RTFRAC_OK;
    if (!valid_id(e->value))
        return file_error(c, e->line, RTFRAC_EPARSE,
                          "ntcp: invalid NTCP set name '%s'; write e.g. ntcp = liver-rild-primary-dawson", e->value);
    snprintf(o->ntcp, sizeof(o->ntcp), "%s", e->value);
    o->ntcp_origin.line = e->line;
    return RTFRAC_OK;
}

static int parse_plan(file_ctx *c, rtfrac_presets *p, const char *id, rtfrac_plan *plan)
{
    int rc, present = 0, have_plan = 0;
    size_t nt = 0, no = 0;
    rtfrac_plan_target *targets = calloc(c->nsections + 1, sizeof(*targets));
    rtfrac_plan_oar *oars = calloc(c->nsections + 1, sizeof(*oars));

    memset(plan, 0, sizeof(*plan));
    if (own(p, targets) != RTFRAC_OK || own(p, oars) != RTFRAC_OK)
        return file_error(c, 0, RTFRAC_ENOMEM, "out of memory");
    snprintf(plan->id, sizeof(plan->id), "%s", id);
    set_origin(&plan->origin, c->path, 1);
    for (size_t i = 0; i < c->nsections; i++) {
        const section *s = &c->sections[i];
        const char *label = NULL;
        if (strcmp(s->name, "plan") == 0) {
            have_plan = 1;
            plan->origin.line = s->line;
            if ((rc = check_keys(c, s, plan_keys)) || (rc = get_text(c, p, s, "name", &plan->name)) ||
                (rc = get_text(c, p, s, "source", &plan->source)) ||
                (rc = get_checked(c, p, s, RTFRAC_CHECKED_UNSTATED, &plan->checked)) ||
                (rc = get_count(c, s, "fractions", RTFRAC_FRACTIONS_MAX, &present, &plan->fractions)) ||
                (rc = get_calendar(c, s, &plan->calendar, &plan->calendar_has)))
                return rc;
        } else if (split_section(s->name, "target", &label)) {
            rtfrac_plan_target *t = &targets[nt];
            set_origin(&t->origin, c->path, s->line);
            if ((rc = check_keys(c, s, target_keys)) || (rc = get_label(c, s, label, t->label)) ||
                (rc = get_number(c, s, "total_dose", RTFRAC_QTY_DOSE_GY, 0.0, 1, RTFRAC_DOSE_MAX_GY,
                                 "Gy", NULL, &t->total_dose_gy)) ||
                (rc = get_tissue_ref(c, s, t->tissue)))
                return rc;
            nt++;
        } else if (split_section(s->name, "oar", &label)) {
            rtfrac_plan_oar *o = &oars[no];
            set_origin(&o->origin, c->path, s->line);
            if ((rc = check_keys(c, s, oar_keys)) || (rc = get_label(c, s, label, o->label)) ||
                (rc = get_tissue_ref(c, s, o->tissue)) || (rc = get_oar_ntcp(c, s, o)))
                return rc;
            no++;
        } else {
            return file_error(c, s->line, RTFRAC_EPARSE,
                              "[%s]: unknown section in a plan; accepted: [plan], [target LABEL], [oar LABEL]",
                              s->name);
        }
    }
    if (!have_plan)
        return file_error(c, 1, RTFRAC_EPARSE, "[plan]: missing section with name, fractions and source");
    if (nt == 0)
        return file_error(c, plan->origin.line, RTFRAC_EPARSE,
                          "[target LABEL]: a plan needs at least one target");
    for (size_t i = 0; i < nt; i++)
        for (size_t j = 0; j < no; j++)
            if (strcmp(targets[i].label, oars[j].label) == 0)
                return file_error(c, oars[j].origin.line, RTFRAC_EPARSE,
                                  "[oar %s]: the label is also a target's (line %u)", oars[j].label,
                                  targets[i].origin.line);
    plan->targets = targets;
    plan->ntargets = nt;
    plan->oars = oars;
    plan->noars = no;
    return RTFRAC_OK;
}

/* ---- constraint sets -------------------------------------------------- */

static const keyspec set_keys[] = {
    { "name", 1 }, { "source", 1 }, { "fractions", 0 }, { "dose_per_fraction", 0 },
    { "alpha_beta", 0 }, { "tissue", 0 }, { "checked", 0 }, { NULL, 0 },
};
static const keyspec constraint_keys[] = {
    { "organ", 1 }, { "metric", 1 }, { "limit", 0 }, { "optimal", 0 }, { "endpoint", 0 },
    { "tissue", 0 }, { "alpha_beta", 0 }, { "fractions", 0 }, { "dose_per_fraction", 0 },
    { "source", 0 }, { "checked", 0 }, { "bound", 0 }, { NULL, 0 },
};

/* bound = upper (the default: a maximum) or lower (a minimum, e.g. a
 * target's coverage: the value must be at or above the limit). */
static int parse_bound(file_ctx *c, const kv *e, rtfrac_constraint *k)
{
    k->lower_bound = 0;
    if (e == NULL || strcmp(e->value, "upper") == 0)
        return RTFRAC_OK;
    if (strcmp(e->value, "lower") == 0) {
        k->lower_bound = 1;
        return RTFRAC_OK;
    }
    return file_error(c, e->line, RTFRAC_EPARSE, "bound: '%s' is not a bound; accepted: upper, lower", e->value);
}

/* The metric through the one parser of rtfrac/constraint.h. */
static int parse_metric(file_ctx *c, const kv *e, rtfrac_constraint *k)
{
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_constraint_metric_parse(e->value, &k->metric, &k->metric_x, &d) != RTFRAC_OK)
        return file_error(c, e->line, RTFRAC_EPARSE, "metric: %s", d.message);
    return RTFRAC_OK;
}

/* The interval limit of a re-irradiation set: "6 months" (the unit is
 * required: months are not the days of the other time keys). */
static int parse_months(file_ctx *c, const kv *e, double *value, rtfrac_limit_unit *unit)
{
    static const char *const units[] = { " months", " month", "months", "month" };
    char buf[64];
    rtfrac_diag d;
    double v = 0.0;
    size_t len = strlen(e->value), keep = 0;
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]) && keep == 0; i++) {
        size_t n = strlen(units[i]);
        if (len > n && len - n < sizeof(buf) && strcmp(e->value + len - n, units[i]) == 0)
            keep = len - n;
    }
    rtfrac_diag_clear(&d);
    if (keep > 0) {
        memcpy(buf, e->value, keep);
        buf[keep] = '\0';
    }
    if (keep == 0 || rtfrac_num_parse_quantity(buf, RTFRAC_QTY_PLAIN, &v, &d) != RTFRAC_OK || v < 0.0 ||
        v > 1200.0)
        return file_error(c, e->line, RTFRAC_EPARSE,
                          "%s: '%s' is not an interval; an interval limit is a number of months from 0 to 1200, e.g. '6 months'",
                          e->key, e->value);
    *value = v;
    *unit = RTFRAC_LIMIT_MONTHS;
    return RTFRAC_OK;
}

/* A limit in the metric's unit: Gy for doses; % or cc (stated) for V<x>Gy. */
static int parse_limit(file_ctx *c, const kv *e, const rtfrac_constraint *k, double *value,
                       rtfrac_limit_unit *unit)
{
    rtfrac_diag d;
    double v = 0.0;
    rtfrac_diag_clear(&d);
    if (k->metric == RTFRAC_METRIC_INTERVAL)
        return parse_months(c, e, value, unit);
    if (k->metric != RTFRAC_METRIC_V_GY) {
        if (rtfrac_num_parse_quantity(e->value, RTFRAC_QTY_DOSE_GY, &v, &d) != RTFRAC_OK)
            return file_error(c, e->line, RTFRAC_EPARSE, "%s: %s in '%s' (a dose limit takes Gy or cGy)",
                              e->key, d.message, e->value);
        if (!(v > 0.0) || v > RTFRAC_DOSE_MAX_GY)
            return file_error(c, e->line, RTFRAC_EPARSE, "%s: %g Gy is out of range; accepted: above 0 to %g Gy",
                              e->key, v, RTFRAC_DOSE_MAX_GY);
        *value = v;
        *unit = RTFRAC_LIMIT_GY;
        return RTFRAC_OK;
    }
    size_t len = strlen(e->value);
    if (len > 0 && e->value[len - 1] == '%') {
        if (rtfrac_num_parse_quantity(e->value, RTFRAC_QTY_PERCENT, &v, &d) != RTFRAC_OK ||
            !(v > 0.0) || v > 100.0)
            return file_error(c, e->line, RTFRAC_EPARSE, "%s: '%s' is not a volume from above 0 to 100 %%",
                              e->key, e->value);
        *unit = RTFRAC_LIMIT_PERCENT;
    } else {
        if (rtfrac_num_parse_quantity(e->value, RTFRAC_QTY_VOLUME_CC, &v, &d) != RTFRAC_OK ||
            !(v > 0.0) || len < 3 || (strstr(e->value, "cc") == NULL && strstr(e->value, "cm3") == NULL &&
                                      strstr(e->value, "ml") == NULL))
            return file_error(c, e->line, RTFRAC_EPARSE,
                              "%s: '%s' is not a volume; a V<x>Gy limit states its unit: e.g. '30 %%' or '700 cc'",
                              e->key, e->value);
        *unit = RTFRAC_LIMIT_CC;
    }
    *value = v;
    return RTFRAC_OK;
}

/* Fractionation and alpha/beta of a [set] or a [constraint]. */
typedef struct stated {
    int has_fractions, has_dpf, has_ab;
    unsigned long fractions;
    double dpf_gy, ab_gy;
    const char *tissue;
} stated;

static int parse_stated(file_ctx *c, rtfrac_presets *p, const section *s, stated *st)
{
    int rc;
    memset(st, 0, sizeof(*st));
    if ((rc = get_count(c, s, "fractions", RTFRAC_FRACTIONS_MAX, &st->has_fractions, &st->fractions)) ||
        (rc = get_number(c, s, "dose_per_fraction", RTFRAC_QTY_DOSE_GY, 0.0, 1, 100.0, "Gy",
                         &st->has_dpf, &st->dpf_gy)) ||
        (rc = get_number(c, s, "alpha_beta", RTFRAC_QTY_DOSE_GY, RTFRAC_ALPHA_BETA_MIN_GY, 0, RTFRAC_ALPHA_BETA_MAX_GY, "Gy", &st->has_ab,
                         &st->ab_gy)) ||
        (rc = get_text(c, p, s, "tissue", &st->tissue)))
        return rc;
    if (st->has_fractions && st->has_dpf)
        return file_error(c, find_kv(s, "dose_per_fraction")->line, RTFRAC_EPARSE,
                          "dose_per_fraction: give either fractions or dose_per_fraction in [%s], not both",
                          s->name);
    if (st->tissue[0] != '\0' && !valid_id(st->tissue))
        return file_error(c, find_kv(s, "tissue")->line, RTFRAC_EPARSE,
                          "tissue: invalid tissue name '%s'", st->tissue);
    return RTFRAC_OK;
}

/* The limit and the optimal (an aim) of constraint k: at least one of them,
 * in one unit; optimal the stricter when both exist; a re-irradiation metric
 * takes a limit and no optimal. */
static int parse_goals(file_ctx *c, const section *s, rtfrac_constraint *k)
{
    const kv *limit = find_kv(s, "limit"), *optimal = find_kv(s, "optimal");
    rtfrac_limit_unit u;
    int rc, reirr = rtfrac_reirr_metric_is_reirr(k->metric);
    if (optimal != NULL && reirr)
        return file_error(c, optimal->line, RTFRAC_EPARSE,
                          "optimal: not accepted for the re-irradiation metric '%s'", k->metric_text);
    if (limit == NULL && (reirr || optimal == NULL))
        return file_error(c, s->line, RTFRAC_EPARSE,
                          reirr ? "limit: missing required key in [%s] (a re-irradiation limit)"
                                : "limit: [%s] has neither limit nor optimal; give limit (the mandatory limit), optimal (the planning aim) or both",
                          s->name);
    if (limit != NULL) {
        if ((rc = parse_limit(c, limit, k, &k->limit, &k->unit)))
            return rc;
    } else {
        k->aim_only = 1;
    }
    if (optimal == NULL)
        return RTFRAC_OK;
    if ((rc = parse_limit(c, optimal, k, &k->optimal, &u)))
        return rc;
    k->has_optimal = 1;
    if (k->aim_only) {
        k->unit = u;
        return RTFRAC_OK;
    }
    if (u != k->unit)
        return file_error(c, optimal->line, RTFRAC_EPARSE, "optimal: unit %s differs from the limit's (%s)",
                          rtfrac_presets_limit_unit_name(u), rtfrac_presets_limit_unit_name(k->unit));
    if (k->lower_bound && k->optimal < k->limit)
        return file_error(c, optimal->line, RTFRAC_EPARSE,
                          "optimal: %g %s is below the minimum %g %s of a lower bound; the optimal (aim) must be the stricter one",
                          k->optimal, rtfrac_presets_limit_unit_name(u), k->limit, rtfrac_presets_limit_unit_name(u));
    if (!k->lower_bound && k->optimal > k->limit)
        return file_error(c, optimal->line, RTFRAC_EPARSE,
                          "optimal: %g %s is above the mandatory limit %g %s; the optimal limit must be the stricter one",
                          k->optimal, rtfrac_presets_limit_unit_name(u), k->limit, rtfrac_presets_limit_unit_name(u));
    return RTFRAC_OK;
}

static int parse_constraint_set(file_ctx *c, rtfrac_presets *p, const char *id,
                                rtfrac_constraint_set *set)
{
    int rc;
    size_t n = 0;
    stated defaults;
    const section *set_section = NULL;
    rtfrac_constraint *ks = calloc(c->nsections + 1, sizeof(*ks));

    memset(set, 0, sizeof(*set));
    memset(&defaults, 0, sizeof(defaults));
    defaults.tissue = "";
    if (own(p, ks) != RTFRAC_OK)
        return file_error(c, 0, RTFRAC_ENOMEM, "out of memory");
    snprintf(set->id, sizeof(set->id), "%s", id);
    set_origin(&set->origin, c->path, 1);
    for (size_t i = 0; i < c->nsections; i++) {
        if (strcmp(c->sections[i].name, "set") == 0) {
            set_section = &c->sections[i];
            set->origin.line = set_section->line;
            if ((rc = check_keys(c, set_section, set_keys)) ||
                (rc = get_text(c, p, set_section, "name", &set->name)) ||
                (rc = get_text(c, p, set_section, "source", &set->source)) ||
                (rc = get_checked(c, p, set_section, RTFRAC_CHECKED_UNSTATED, &set->checked)) ||
                (rc = parse_stated(c, p, set_section, &defaults)))
                return rc;
        }
    }
    if (set_section == NULL)
        return file_error(c, 1, RTFRAC_EPARSE, "[set]: missing section with name and source");
    for (size_t i = 0; i < c->nsections; i++) {
        const section *s = &c->sections[i];
        const char *label = NULL;
        if (s == set_section)
            continue;
        if (!split_section(s->name, "constraint", &label))
            return file_error(c, s->line, RTFRAC_EPARSE,
                              "[%s]: unknown section in a constraint set; accepted: [set], [constraint ID]",
                              s->name);
        rtfrac_constraint *k = &ks[n];
        stated own_st;
        int reirr;
        set_origin(&k->origin, c->path, s->line);
        if (label[0] == '\0' || !valid_id(label))
            return file_error(c, s->line, RTFRAC_EPARSE,
                              "[%s]: a constraint needs an id of lowercase letters, digits, '-', '_' or '.', e.g. [constraint liver-mean]",
                              s->name);
        snprintf(k->id, sizeof(k->id), "%s", label);
        if ((rc = check_keys(c, s, constraint_keys)) || (rc = get_text(c, p, s, "organ", &k->organ)) ||
            (rc = get_text(c, p, s, "metric", &k->metric_text)) ||
            (rc = get_text(c, p, s, "endpoint", &k->endpoint)) ||
            (rc = get_text(c, p, s, "source", &k->source)) ||
            (rc = get_checked(c, p, s, set->checked, &k->checked)) ||
            (rc = parse_metric(c, find_kv(s, "metric"), k)) ||
            (rc = parse_stated(c, p, s, &own_st)) || (rc = parse_bound(c, find_kv(s, "bound"), k)) ||
            (rc = parse_goals(c, s, k)))
            return rc;
        reirr = rtfrac_reirr_metric_is_reirr(k->metric);
        if (k->source[0] == '\0')
            k->source = set->source;
        /* what the constraint does not say, the set does */
        if (own_st.has_fractions || own_st.has_dpf) {
            k->fractions = own_st.has_fractions ? own_st.fractions : 0;
            k->dose_per_fraction_gy = own_st.has_dpf ? own_st.dpf_gy : 0.0;
        } else if (defaults.has_fractions || defaults.has_dpf) {
            k->fractions = defaults.has_fractions ? defaults.fractions : 0;
            k->dose_per_fraction_gy = defaults.has_dpf ? defaults.dpf_gy : 0.0;
        } else if (!reirr) { /* a BED or an interval holds no fractionation */
            return file_error(c, s->line, RTFRAC_EPARSE,
                              "fractions: [%s] does not say the fractionation its limit was stated in; give fractions or dose_per_fraction here or in [set]",
                              s->name);
        }
        k->has_alpha_beta = own_st.has_ab || defaults.has_ab;
        k->alpha_beta_gy = own_st.has_ab ? own_st.ab_gy : defaults.ab_gy;
        k->tissue = own_st.tissue[0] != '\0' ? own_st.tissue : defaults.tissue;
        if (reirr && k->metric != RTFRAC_METRIC_INTERVAL && !k->has_alpha_beta && k->tissue[0] == '\0')
            return file_error(c, s->line, RTFRAC_EPARSE,
                              "alpha_beta: [%s] states a BED limit without the alpha/beta it is at; give alpha_beta or tissue here or in [set]",
                              s->name);
        n++;
    }
    if (n == 0)
        return file_error(c, set->origin.line, RTFRAC_EPARSE,
                          "[constraint ID]: a constraint set needs at least one constraint");
    set->constraints = ks;
    set->nconstraints = n;
    return RTFRAC_OK;
}

/* ---- NTCP parameter sets ----------------------------------------------- */

static const keyspec ntcp_keys[] = {
    { "name", 1 }, { "organ", 1 }, { "endpoint", 1 }, { "model", 1 }, { "td50", 1 },
    { "m", 1 }, { "n", 1 }, { "alpha_beta", 0 }, { "fractionation", 0 }, { "tissue", 0 },
    { "source", 1 }, { "checked", 0 }, { "reference_dose_per_fraction", 0 }, { NULL, 0 },
};

static int parse_ntcp(file_ctx *c, rtfrac_presets *p, const section *s, rtfrac_ntcp_params *t)
{
    int rc, present = 0;
    const char *model = NULL;
    memset(t, 0, sizeof(*t));
    if ((rc = check_id(c, s, s->name)) || (rc = check_keys(c, s, ntcp_keys)))
        return rc;
    snprintf(t->id, sizeof(t->id), "%s", s->name);
    set_origin(&t->origin, c->path, s->line);
    if ((rc = get_text(c, p, s, "name", &t->name)) || (rc = get_text(c, p, s, "organ", &t->organ)) ||
        (rc = get_text(c, p, s, "endpoint", &t->endpoint)) ||
        (rc = get_text(c, p, s, "fractionation", &t->fractionation)) ||
        (rc = get_text(c, p, s, "tissue", &t->tissue)) ||
        (rc = get_text(c, p, s, "source", &t->source)) || (rc = get_text(c, p, s, "model", &model)) ||
        (rc = get_checked(c, p, s, RTFRAC_CHECKED_UNSTATED, &t->checked)))
        return rc;
    if (strcmp(model, "lkb") != 0)
        return file_error(c, find_kv(s, "model")->line, RTFRAC_EPARSE,
                          "model: unknown NTCP model '%s'; accepted: lkb", model);
    if (t->tissue[0] != '\0' && !valid_id(t->tissue))
        return file_error(c, find_kv(s, "tissue")->line, RTFRAC_EPARSE,
                          "tissue: invalid tissue name '%s'", t->tissue);
    if ((rc = get_number(c, s, "td50", RTFRAC_QTY_DOSE_GY, 0.0, 1, 1000.0, "Gy", NULL, &t->td50_gy)) ||
        (rc = get_number(c, s, "m", RTFRAC_QTY_PLAIN, 0.0, 1, 10.0, "", NULL, &t->m)) ||
        (rc = get_number(c, s, "n", RTFRAC_QTY_PLAIN, 0.0, 1, 10.0, "", NULL, &t->n)) ||
        (rc = get_number(c, s, "alpha_beta", RTFRAC_QTY_DOSE_GY, RTFRAC_ALPHA_BETA_MIN_GY, 0, RTFRAC_ALPHA_BETA_MAX_GY, "Gy", &present,
                         &t->alpha_beta_gy)))
        return rc;
    t->has_alpha_beta = present;
    t->reference_dose_per_fraction_gy = 2.0; /* EQD2 unless the fit says otherwise */
    return get_number(c, s, "reference_dose_per_fraction", RTFRAC_QTY_DOSE_GY, 0.0, 1, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY,
                      "Gy", &t->has_reference_dose_per_fraction, &t->reference_dose_per_fraction_gy);
}

/* ---- isotopes ----------------------------------------------------------- */

static const keyspec isotope_keys[] = {
    { "name", 1 }, { "half_life", 1 }, { "source", 1 }, { "checked", 0 }, { NULL, 0 },
};

static int parse_isotope(file_ctx *c, rtfrac_presets *p, const section *s, rtfrac_isotope *t)
{
    int rc;
    memset(t, 0, sizeof(*t));
    if ((rc = check_id(c, s, s->name)) || (rc = check_keys(c, s, isotope_keys)))
        return rc;
    snprintf(t->id, sizeof(t->id), "%s", s->name);
    set_origin(&t->origin, c->path, s->line);
    if ((rc = get_text(c, p, s, "name", &t->name)) || (rc = get_text(c, p, s, "source", &t->source)) ||
        (rc = get_checked(c, p, s, RTFRAC_CHECKED_UNSTATED, &t->checked)))
        return rc;
    return get_number(c, s, "half_life", RTFRAC_QTY_TIME_DAYS, 0.0, 1, RTFRAC_HALF_LIFE_MAX_DAYS, "d", NULL,
                      &t->half_life_days);
}

/* ---- loading ---------------------------------------------------------- */

/* Index of the item with this id, or -1. */
#define FIND(arr, n, idv)                                   \
    do {                                                    \
        for (size_t i_ = 0; i_ < (n); i_++)                 \
            if (strcmp((arr)[i_].id, (idv)) == 0)           \
                return &(arr)[i_];                          \
        return NULL;                                        \
    } while (0)

const rtfrac_tissue *rtfrac_presets_find_tissue(const rtfrac_presets *p, const char *id)
{
    FIND(p->tissues, p->ntissues, id);
}
const rtfrac_scheme *rtfrac_presets_find_scheme(const rtfrac_presets *p, const char *id)
{
    FIND(p->schemes, p->nschemes, id);
}
const rtfrac_plan *rtfrac_presets_find_plan(const rtfrac_presets *p, const char *id)
{
    FIND(p->plans, p->nplans, id);
}
const rtfrac_constraint_set *rtfrac_presets_find_constraint_set(const rtfrac_presets *p,
                                                                const char *id)
{
    FIND(p->sets, p->nsets, id);
}
const rtfrac_ntcp_params *rtfrac_presets_find_ntcp(const rtfrac_presets *p, const char *id)
{
    FIND(p->ntcps, p->nntcps, id);
}
const rtfrac_isotope *rtfrac_presets_find_isotope(const rtfrac_presets *p, const char *id)
{
    for (size_t i = 0; id != NULL && i < p->nisotopes; i++)
        if (util_int_equal_ci(id, strlen(id), p->isotopes[i].id))
            return &p->isotopes[i];
    return NULL;
}

/* Store `item` unless an item of that id is already loaded (an earlier,
 * higher-priority directory); `replace` puts it in front instead. */
#define STORE(p, arr, n, cap, item, replace)                                     \
    do {                                                                         \
        for (size_t i_ = 0; i_ < (p)->n; i_++) {                                 \
            if (strcmp((p)->arr[i_].id, (item).id) == 0) {                       \
                const char *hidden_;                                             \
                if (!(replace)) {                                                \
                    if ((p)->arr[i_].overrides == NULL)                          \
                        (p)->arr[i_].overrides = own_str((p), (item).origin.file); \
                    return RTFRAC_OK;                                            \
                }                                                                \
                hidden_ = own_str((p), (p)->arr[i_].origin.file);                \
                (p)->arr[i_] = (item);                                           \
                (p)->arr[i_].overrides = hidden_;                                \
                return RTFRAC_OK;                                                \
            }                                                                    \
        }                                                                        \
        if (grow((void **)&(p)->arr, (p)->n, &(p)->cap, sizeof((item))) != RTFRAC_OK) \
            return RTFRAC_ENOMEM;                                                \
        (p)->arr[(p)->n++] = (item);                                             \
        return RTFRAC_OK;                                                        \
    } while (0)

static int store_tissue(rtfrac_presets *p, rtfrac_tissue t, int replace)
{
    STORE(p, tissues, ntissues, cap_tissues, t, replace);
}
static int store_scheme(rtfrac_presets *p, rtfrac_scheme s, int replace)
{
    STORE(p, schemes, nschemes, cap_schemes, s, replace);
}
static int store_plan(rtfrac_presets *p, rtfrac_plan pl, int replace)
{
    STORE(p, plans, nplans, cap_plans, pl, replace);
}
static int store_set(rtfrac_presets *p, rtfrac_constraint_set s, int replace)
{
    STORE(p, sets, nsets, cap_sets, s, replace);
}
static int store_ntcp(rtfrac_presets *p, rtfrac_ntcp_params s, int replace)
{
    STORE(p, ntcps, nntcps, cap_ntcps, s, replace);
}
static int store_isotope(rtfrac_presets *p, rtfrac_isotope s, int replace)
{
    STORE(p, isotopes, nisotopes, cap_isotopes, s, replace);
}

/* "dir/plans/hcc-sib-55-44.ini" -> "hcc-sib-55-44" */
static int stem_of(const char *path, char *id)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
        n -= 4;
    if (n == 0 || n >= RTFRAC_PRESET_ID_MAX)
        return RTFRAC_EINVAL;
    memcpy(id, base, n);
    id[n] = '\0';
    return valid_id(id) ? RTFRAC_OK : RTFRAC_EINVAL;
}

/* Remember a file read, once: the tool never writes over it (-o). */
static int note_file(rtfrac_presets *p, const char *path)
{
    for (size_t i = 0; i < p->nfiles; i++)
        if (strcmp(p->files[i], path) == 0)
            return RTFRAC_OK;
    const char *copy = own_str(p, path);
    if (copy == NULL || grow((void **)&p->files, p->nfiles, &p->cap_files, sizeof(*p->files)) != RTFRAC_OK)
        return RTFRAC_ENOMEM;
    p->files[p->nfiles++] = copy;
    return RTFRAC_OK;
}

/* An I/O error on a path, with its cause: RTFRAC_EIO. */
static int io_error(rtfrac_diag *diag, const char *path, const char *what, int err)
{
    if (diag != NULL) {
        rtfrac_diag_clear(diag);
        snprintf(diag->file, sizeof(diag->file), "%s", path);
        snprintf(diag->message, sizeof(diag->message), "%s: %s", what, strerror(err));
    }
    return RTFRAC_EIO;
}

static int load(rtfrac_presets *p, rtfrac_preset_kind kind, const char *path, int replace,
                const char **id_out, rtfrac_diag *diag)
{
    file_ctx c;
    char id[RTFRAC_PRESET_ID_MAX] = "";
    const char *skipped = NULL;
    int rc = read_file(&c, path, !replace, &skipped, diag);
    if (rc == RTFRAC_OK && skipped != NULL) {
        /* found by scanning a directory and not a regular file: noted, not read */
        size_t cap = p->cap_skipped;
        char *copy = strdup(path);
        if (copy == NULL ||
            grow((void **)&p->skipped, p->nskipped, &cap, sizeof(*p->skipped)) != RTFRAC_OK ||
            grow((void **)&p->skipped_what, p->nskipped, &p->cap_skipped, sizeof(*p->skipped_what)) != RTFRAC_OK) {
            free(copy);
            rc = file_error(&c, 0, RTFRAC_ENOMEM, "out of memory");
        } else {
            p->skipped[p->nskipped] = copy;
            p->skipped_what[p->nskipped++] = skipped;
        }
        ctx_release(&c);
        return rc;
    }

    if (rc == RTFRAC_OK && note_file(p, path) != RTFRAC_OK)
        rc = file_error(&c, 0, RTFRAC_ENOMEM, "out of memory");
    if (rc == RTFRAC_OK && (kind == RTFRAC_PRESET_PLAN || kind == RTFRAC_PRESET_CONSTRAINTS) &&
        stem_of(path, id) != RTFRAC_OK)
        rc = file_error(&c, 0, RTFRAC_EPARSE,
                        "invalid file name: a %s file is named after its id (lowercase letters, digits, '-', '_', '.') with .ini",
                        rtfrac_presets_kind_name(kind));
    for (size_t i = 0; rc == RTFRAC_OK && i < c.nsections; i++) {
        if (c.sections[i].nkvs == 0)
            rc = file_error(&c, c.sections[i].line, RTFRAC_EPARSE, "[%s]: empty section",
                            c.sections[i].name);
    }
    if (rc == RTFRAC_OK) {
        switch (kind) {
        case RTFRAC_PRESET_TISSUE:
            for (size_t i = 0; rc == RTFRAC_OK && i < c.nsections; i++) {
                rtfrac_tissue t;
                if ((rc = parse_tissue(&c, p, &c.sections[i], &t)) == RTFRAC_OK &&
                    (rc = store_tissue(p, t, replace)) != RTFRAC_OK)
                    rc = file_error(&c, 0, rc, "out of memory");
            }
            break;
        case RTFRAC_PRESET_SCHEME:
            for (size_t i = 0; rc == RTFRAC_OK && i < c.nsections; i++) {
                rtfrac_scheme s;
                if ((rc = parse_scheme(&c, p, &c.sections[i], &s)) == RTFRAC_OK &&
                    (rc = store_scheme(p, s, replace)) != RTFRAC_OK)
                    rc = file_error(&c, 0, rc, "out of memory");
            }
            break;
        case RTFRAC_PRESET_NTCP:
            for (size_t i = 0; rc == RTFRAC_OK && i < c.nsections; i++) {
                rtfrac_ntcp_params t;
                if ((rc = parse_ntcp(&c, p, &c.sections[i], &t)) == RTFRAC_OK &&
                    (rc = store_ntcp(p, t, replace)) != RTFRAC_OK)
                    rc = file_error(&c, 0, rc, "out of memory");
            }
            break;
        case RTFRAC_PRESET_ISOTOPE:
            for (size_t i = 0; rc == RTFRAC_OK && i < c.nsections; i++) {
                rtfrac_isotope t;
                if ((rc = parse_isotope(&c, p, &c.sections[i], &t)) == RTFRAC_OK &&
                    (rc = store_isotope(p, t, replace)) != RTFRAC_OK)
                    rc = file_error(&c, 0, rc, "out of memory");
            }
            break;
        case RTFRAC_PRESET_PLAN: {
            rtfrac_plan pl;
            if ((rc = parse_plan(&c, p, id, &pl)) == RTFRAC_OK && (rc = store_plan(p, pl, replace)))
                rc = file_error(&c, 0, rc, "out of memory");
            if (rc == RTFRAC_OK && id_out)
                *id_out = rtfrac_presets_find_plan(p, id)->id;
            break;
        }
        case RTFRAC_PRESET_CONSTRAINTS: {
            rtfrac_constraint_set s;
            if ((rc = parse_constraint_set(&c, p, id, &s)) == RTFRAC_OK && (rc = store_set(p, s, replace)))
                rc = file_error(&c, 0, rc, "out of memory");
            if (rc == RTFRAC_OK && id_out)
                *id_out = rtfrac_presets_find_constraint_set(p, id)->id;
            break;
        }
        }
    }
    ctx_release(&c);
    return rc;
}

int rtfrac_presets_load_file(rtfrac_presets *p, rtfrac_preset_kind kind, const char *path,
                             const char **id_out, rtfrac_diag *diag)
{
    assert(p != NULL && path != NULL);
    return load(p, kind, path, 1, id_out, diag);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.ini of dir/sub, in name order so that errors are reproducible. */
static int load_subdir(rtfrac_presets *p, const char *dir, const char *sub,
                       rtfrac_preset_kind kind, rtfrac_diag *diag)
{
    char path[RTFRAC_DIAG_FILE_MAX];
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = RTFRAC_OK;

    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, sub) >= sizeof(path))
        return RTFRAC_EINVAL;
    DIR *d = opendir(path);
    if (d == NULL)
        return errno == ENOENT || errno == ENOTDIR ? RTFRAC_OK
                                                   : io_error(diag, path, "cannot open the directory", errno);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".ini") != 0)
            continue;
        if (grow((void **)&names, n, &cap, sizeof(*names)) != RTFRAC_OK ||
            (names[n] = strdup(e->d_name)) == NULL) {
            rc = RTFRAC_ENOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == RTFRAC_OK && n > 1)
        qsort(names, n, sizeof(*names), cmp_names);
    for (size_t i = 0; rc == RTFRAC_OK && i < n; i++) {
        char file[RTFRAC_DIAG_FILE_MAX];
        if ((size_t)snprintf(file, sizeof(file), "%s/%s", path, names[i]) >= sizeof(file))
            rc = RTFRAC_EINVAL;
        else
            rc = load(p, kind, file, 0, NULL, diag);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int load_if_present(rtfrac_presets *p, const char *dir, const char *name,
                           rtfrac_preset_kind kind, rtfrac_diag *diag)
{
    char file[RTFRAC_DIAG_FILE_MAX];
    if ((size_t)snprintf(file, sizeof(file), "%s/%s", dir, name) >= sizeof(file))
        return RTFRAC_EINVAL;
    int fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC); /* a FIFO must not block */
    if (fd < 0)
        return errno == ENOENT || errno == ENOTDIR ? RTFRAC_OK : io_error(diag, file, "cannot open", errno);
    close(fd);
    return load(p, kind, file, 0, NULL, diag);
}

/* The kinds each kind's presets refer to directly (rtfrac_presets_check). */
static unsigned kind_refs(rtfrac_preset_kind kind)
{
    switch (kind) {
    case RTFRAC_PRESET_PLAN:
        return RTFRAC_PRESET_KIND_BIT(RTFRAC_PRESET_TISSUE) | RTFRAC_PRESET_KIND_BIT(RTFRAC_PRESET_NTCP);
    case RTFRAC_PRESET_CONSTRAINTS:
    case RTFRAC_PRESET_NTCP:
        return RTFRAC_PRESET_KIND_BIT(RTFRAC_PRESET_TISSUE);
    case RTFRAC_PRESET_TISSUE:
    case RTFRAC_PRESET_SCHEME:
    case RTFRAC_PRESET_ISOTOPE:
        break;
    }
    return 0;
}

unsigned rtfrac_presets_kind_closure(unsigned kinds)
{
    unsigned closed = kinds & RTFRAC_PRESET_KINDS_ALL, before;
    do { /* a reference chain is at most as long as there are kinds */
        before = closed;
        for (int k = RTFRAC_PRESET_TISSUE; k <= RTFRAC_PRESET_ISOTOPE; k++)
            if (closed & RTFRAC_PRESET_KIND_BIT(k))
                closed |= kind_refs((rtfrac_preset_kind)k);
    } while (closed != before);
    return closed;
}

unsigned rtfrac_presets_loaded_kinds(const rtfrac_presets *p)
{
    assert(p != NULL);
    return p->loaded_kinds;
}

/* The files of each kind in a directory, in the order they are read. */
static const struct {
    rtfrac_preset_kind kind;
    const char *name;
    int subdir; /* 1: every *.ini of dir/name; 0: the file dir/name */
} dir_files[] = {
    { RTFRAC_PRESET_TISSUE, "tissues.ini", 0 },  { RTFRAC_PRESET_SCHEME, "schemes.ini", 0 },
    { RTFRAC_PRESET_NTCP, "ntcp.ini", 0 },       { RTFRAC_PRESET_ISOTOPE, "isotopes.ini", 0 },
    { RTFRAC_PRESET_PLAN, "plans", 1 },          { RTFRAC_PRESET_CONSTRAINTS, "constraints", 1 },
};

int rtfrac_presets_load_dir_kinds(rtfrac_presets *p, const char *dir, unsigned kinds, rtfrac_diag *diag)
{
    int rc = RTFRAC_OK;
    assert(p != NULL && dir != NULL);
    if (kinds & ~RTFRAC_PRESET_KINDS_ALL) {
        if (diag != NULL) {
            rtfrac_diag_clear(diag);
            snprintf(diag->message, sizeof(diag->message),
                     "kinds 0x%x: not a set of preset kinds (RTFRAC_PRESET_KINDS_ALL is 0x%x)", kinds,
                     RTFRAC_PRESET_KINDS_ALL);
        }
        return RTFRAC_EINVAL;
    }
    kinds = rtfrac_presets_kind_closure(kinds);
    for (size_t i = 0; rc == RTFRAC_OK && i < sizeof(dir_files) / sizeof(dir_files[0]); i++) {
        if (!(kinds & RTFRAC_PRESET_KIND_BIT(dir_files[i].kind)))
            continue;
        rc = dir_files[i].subdir ? load_subdir(p, dir, dir_files[i].name, dir_files[i].kind, diag)
                                 : load_if_present(p, dir, dir_files[i].name, dir_files[i].kind, diag);
    }
    if (rc != RTFRAC_OK) {
        if (rc != RTFRAC_EPARSE && diag != NULL && diag->file[0] == '\0') {
            snprintf(diag->file, sizeof(diag->file), "%s", dir);
            snprintf(diag->message, sizeof(diag->message), "cannot read the preset directory: %s",
                     rtfrac_strerror(rc));
        }
        return rc;
    }
    p->loaded_kinds |= kinds;
    return RTFRAC_OK;
}

int rtfrac_presets_load_dir(rtfrac_presets *p, const char *dir, rtfrac_diag *diag)
{
    return rtfrac_presets_load_dir_kinds(p, dir, RTFRAC_PRESET_KINDS_ALL, diag);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int ref_error(rtfrac_diag *diag, const rtfrac_origin *o, const char *fmt, ...)
{
    if (diag != NULL) {
        va_list ap;
        rtfrac_diag_clear(diag);
        snprintf(diag->file, sizeof(diag->file), "%s", o->file);
        diag->line = o->line;
        va_start(ap, fmt);
        vsnprintf(diag->message, sizeof(diag->message), fmt, ap);
        va_end(ap);
    }
    return RTFRAC_EPARSE;
}

int rtfrac_presets_check(const rtfrac_presets *p, rtfrac_diag *diag)
{
    for (size_t i = 0; i < p->nplans; i++) {
        const rtfrac_plan *pl = &p->plans[i];
        for (size_t t = 0; t < pl->ntargets; t++)
            if (rtfrac_presets_find_tissue(p, pl->targets[t].tissue) == NULL)
                return ref_error(diag, &pl->targets[t].origin,
                                 "tissue: unknown tissue '%s' for target %s; see 'rtfrac presets list tissues'",
                                 pl->targets[t].tissue, pl->targets[t].label);
        for (size_t o = 0; o < pl->noars; o++)
            if (rtfrac_presets_find_tissue(p, pl->oars[o].tissue) == NULL)
                return ref_error(diag, &pl->oars[o].origin,
                                 "tissue: unknown tissue '%s' for organ at risk %s; see 'rtfrac presets list tissues'",
                                 pl->oars[o].tissue, pl->oars[o].label);
        for (size_t o = 0; o < pl->noars; o++)
            if (pl->oars[o].ntcp[0] != '\0' && rtfrac_presets_find_ntcp(p, pl->oars[o].ntcp) == NULL)
                return ref_error(diag, &pl->oars[o].ntcp_origin,
                                 "ntcp: unknown NTCP set '%s' for organ at risk %s; see 'rtfrac presets list ntcp'",
                                 pl->oars[o].ntcp, pl->oars[o].label);
    }
    for (size_t i = 0; i < p->nntcps; i++) {
        const rtfrac_ntcp_params *t = &p->ntcps[i];
        if (t->tissue[0] != '\0' && rtfrac_presets_find_tissue(p, t->tissue) == NULL)
            return ref_error(diag, &t->origin,
                             "tissue: unknown tissue '%s' for NTCP set %s; see 'rtfrac presets list tissues'",
                             t->tissue, t->id);
    }
    for (size_t i = 0; i < p->nsets; i++) {
        const rtfrac_constraint_set *s = &p->sets[i];
        for (size_t k = 0; k < s->nconstraints; k++) {
            const rtfrac_constraint *c = &s->constraints[k];
            if (c->tissue[0] != '\0' && rtfrac_presets_find_tissue(p, c->tissue) == NULL)
                return ref_error(diag, &c->origin,
                                 "tissue: unknown tissue '%s' for constraint %s; see 'rtfrac presets list tissues'",
                                 c->tissue, c->id);
        }
    }
    return RTFRAC_OK;
}

size_t rtfrac_presets_file_count(const rtfrac_presets *p)
{
    assert(p != NULL);
    return p->nfiles;
}

const char *rtfrac_presets_file(const rtfrac_presets *p, size_t i)
{
    assert(p != NULL && i < p->nfiles);
    return p->files[i];
}

size_t rtfrac_presets_skipped_count(const rtfrac_presets *p)
{
    assert(p != NULL);
    return p->nskipped;
}

const char *rtfrac_presets_skipped(const rtfrac_presets *p, size_t i, const char **what)
{
    assert(p != NULL);
    if (i >= p->nskipped)
        return NULL;
    if (what != NULL)
        *what = p->skipped_what[i];
    return p->skipped[i];
}

size_t rtfrac_presets_count(const rtfrac_presets *p, rtfrac_preset_kind kind)
{
    switch (kind) {
    case RTFRAC_PRESET_TISSUE: return p->ntissues;
    case RTFRAC_PRESET_SCHEME: return p->nschemes;
    case RTFRAC_PRESET_PLAN: return p->nplans;
    case RTFRAC_PRESET_CONSTRAINTS: return p->nsets;
    case RTFRAC_PRESET_NTCP: return p->nntcps;
    case RTFRAC_PRESET_ISOTOPE: return p->nisotopes;
    }
    return 0;
}

const rtfrac_tissue *rtfrac_presets_tissue(const rtfrac_presets *p, size_t i)
{
    return i < p->ntissues ? &p->tissues[i] : NULL;
}
const rtfrac_scheme *rtfrac_presets_scheme(const rtfrac_presets *p, size_t i)
{
    return i < p->nschemes ? &p->schemes[i] : NULL;
}
const rtfrac_plan *rtfrac_presets_plan(const rtfrac_presets *p, size_t i)
{
    return i < p->nplans ? &p->plans[i] : NULL;
}
const rtfrac_constraint_set *rtfrac_presets_constraint_set(const rtfrac_presets *p, size_t i)
{
    return i < p->nsets ? &p->sets[i] : NULL;
}
const rtfrac_ntcp_params *rtfrac_presets_ntcp(const rtfrac_presets *p, size_t i)
{
    return i < p->nntcps ? &p->ntcps[i] : NULL;
}
const rtfrac_isotope *rtfrac_presets_isotope(const rtfrac_presets *p, size_t i)
{
    return i < p->nisotopes ? &p->isotopes[i] : NULL;
}

const char *rtfrac_presets_tissue_kind_name(rtfrac_tissue_kind kind)
{
    switch (kind) {
    case RTFRAC_TISSUE_TUMOUR: return "tumour";
    case RTFRAC_TISSUE_EARLY: return "early";
    case RTFRAC_TISSUE_LATE: return "late";
    }
    return "";
}

const char *rtfrac_presets_evidence_name(rtfrac_evidence evidence)
{
    switch (evidence) {
    case RTFRAC_EVIDENCE_UNSTATED: return "";
    case RTFRAC_EVIDENCE_CLINICAL: return "clinical";
    case RTFRAC_EVIDENCE_EXPERIMENTAL: return "experimental";
    case RTFRAC_EVIDENCE_CONVENTION: return "convention";
    }
    return "";
}

const char *rtfrac_presets_limit_unit_name(rtfrac_limit_unit unit)
{
    switch (unit) {
    case RTFRAC_LIMIT_GY: return "Gy";
    case RTFRAC_LIMIT_PERCENT: return "%";
    case RTFRAC_LIMIT_CC: return "cc";
    case RTFRAC_LIMIT_MONTHS: return "months";
    }
    return "";
}

const char *rtfrac_presets_kind_name(rtfrac_preset_kind kind)
{
    switch (kind) {
    case RTFRAC_PRESET_TISSUE: return "tissue";
    case RTFRAC_PRESET_SCHEME: return "scheme";
    case RTFRAC_PRESET_PLAN: return "plan";
    case RTFRAC_PRESET_CONSTRAINTS: return "constraints";
    case RTFRAC_PRESET_NTCP: return "ntcp";
    case RTFRAC_PRESET_ISOTOPE: return "isotope";
    }
    return "";
}

/* The inverse of a _name function over the values 0 .. count - 1. */
#define ENUM_PARSE(fn, type, name_of, count)                                   \
    int fn(const char *text, type *out)                                         \
    {                                                                           \
        const char *names[count];                                               \
        for (int i = 0; i < (count); i++)                                       \
            names[i] = name_of((type)i);                                        \
        int i = util_int_enum_parse(names, (count), text);                      \
        if (i < 0)                                                              \
            return RTFRAC_EINVAL;                                               \
        *out = (type)i;                                                         \
        return RTFRAC_OK;                                                       \
    }

static ENUM_PARSE(tissue_kind_parse, rtfrac_tissue_kind, rtfrac_presets_tissue_kind_name, 3)
ENUM_PARSE(rtfrac_presets_evidence_parse, rtfrac_evidence, rtfrac_presets_evidence_name, 4)
ENUM_PARSE(rtfrac_presets_limit_unit_parse, rtfrac_limit_unit, rtfrac_presets_limit_unit_name, 4)
ENUM_PARSE(rtfrac_presets_kind_parse, rtfrac_preset_kind, rtfrac_presets_kind_name, 6)

int rtfrac_presets_tissue_kind_parse(const char *text, rtfrac_tissue_kind *out)
{
    if (text != NULL && util_int_equal_ci(text, strlen(text), "tumor")) {
        *out = RTFRAC_TISSUE_TUMOUR;
        return RTFRAC_OK;
    }
    return tissue_kind_parse(text, out);
}
