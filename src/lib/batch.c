/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/batch.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rtfrac/num.h"

static const char *const column_names[RTFRAC_BATCH_NCOLUMNS] = {
    "label", "prescription", "total_dose_gy", "fractions", "alpha_beta_gy", "tissue",
    "ref_dose_gy", "tk_days", "dprolif_gy_bed_per_day", "dprolif_gy_eqd2_per_day", "overall_time_days",
};

const char *rtfrac_batch_column_name(rtfrac_batch_column column)
{
    return (unsigned)column < RTFRAC_BATCH_NCOLUMNS ? column_names[column] : "";
}

/* A line split into fields: NUL-terminated copies in buf, with the
 * 1-based character column where each starts in the line. */
typedef struct fields {
    char buf[RTFRAC_BATCH_LINE_MAX + 1];
    char *f[RTFRAC_BATCH_FIELDS_MAX];
    unsigned col[RTFRAC_BATCH_FIELDS_MAX];
    size_t n;
} fields;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail(rtfrac_diag *d, int rc, unsigned column, const char *fmt, ...)
{
    if (d != NULL) {
        va_list ap;
        d->column = column;
        va_start(ap, fmt);
        vsnprintf(d->message, sizeof(d->message), fmt, ap);
        va_end(ap);
    }
    return rc;
}

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

int rtfrac_batch_line_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!blank(line[i]))
            return 0;
    return 1;
}

/* A quoted field from line[*i] (the opening quote) to its closing quote
 * and the blanks after it, unquoted into buf at *w. */
static int quoted(const char *line, size_t len, size_t *i, char *buf, size_t *w, rtfrac_diag *d)
{
    size_t open = (*i)++;
    for (;;) {
        if (*i == len)
            return fail(d, RTFRAC_EPARSE, rtfrac_num_utf8_width(line, open) + 1,
                        "quote not closed on this line (a record is one line)");
        if (line[*i] == '"' && *i + 1 < len && line[*i + 1] == '"') {
            buf[(*w)++] = '"';
            *i += 2;
        } else if (line[*i] == '"') {
            (*i)++;
            break;
        } else {
            buf[(*w)++] = line[(*i)++];
        }
    }
    while (*i < len && blank(line[*i]))
        (*i)++;
    if (*i < len && line[*i] != ',')
        return fail(d, RTFRAC_EPARSE, rtfrac_num_utf8_width(line, *i) + 1,
                    "text after a closing quote; write \"\" for a quote inside a quoted field");
    return RTFRAC_OK;
}

/* RFC 4180 on one line; see batch.h for the rules. */
static int split(const char *line, size_t len, fields *fs, rtfrac_diag *d)
{
    size_t i = 0, w = 0;
    if (len > RTFRAC_BATCH_LINE_MAX)
        return fail(d, RTFRAC_EPARSE, 0, "line longer than %d bytes", RTFRAC_BATCH_LINE_MAX);
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)line[k];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return fail(d, RTFRAC_EPARSE, rtfrac_num_utf8_width(line, k) + 1,
                        "control character (byte 0x%02x) in the line", c);
    }
    fs->n = 0;
    for (;;) {
        while (i < len && blank(line[i]))
            i++;
        if (fs->n == RTFRAC_BATCH_FIELDS_MAX)
            return fail(d, RTFRAC_EPARSE, rtfrac_num_utf8_width(line, i) + 1,
                        "more than %d fields", RTFRAC_BATCH_FIELDS_MAX);
        fs->f[fs->n] = fs->buf + w;
        fs->col[fs->n] = rtfrac_num_utf8_width(line, i) + 1;
        if (i < len && line[i] == '"') {
            int rc = quoted(line, len, &i, fs->buf, &w, d);
            if (rc != RTFRAC_OK)
                return rc;
        } else {
            size_t start = w;
            while (i < len && line[i] != ',') {
                if (line[i] == '"')
                    return fail(d, RTFRAC_EPARSE, rtfrac_num_utf8_width(line, i) + 1,
                                "quote inside an unquoted field; enclose the field in quotes and write \"\"");
                fs->buf[w++] = line[i++];
            }
            while (w > start && blank(fs->buf[w - 1]))
                w--;
        }
        fs->buf[w++] = '\0';
        fs->n++;
        if (i == len)
            return RTFRAC_OK;
        i++; /* the ',' */
    }
}

int rtfrac_batch_header_parse(const char *line, size_t len, rtfrac_batch_header *out, rtfrac_diag *diag)
{
    fields fs;
    rtfrac_batch_header h;
    unsigned bom = 0;
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        bom = 3; /* a UTF-8 byte order mark */
    int rc = split(line + bom, len - bom, &fs, diag);
    if (rc != RTFRAC_OK)
        return rc;
    for (size_t c = 0; c < RTFRAC_BATCH_NCOLUMNS; c++)
        h.field[c] = -1;
    h.nfields = fs.n;
    for (size_t i = 0; i < fs.n; i++) {
        size_t c = 0;
        while (c < RTFRAC_BATCH_NCOLUMNS && strcmp(fs.f[i], column_names[c]) != 0)
            c++;
        if (c == RTFRAC_BATCH_NCOLUMNS && (strcmp(fs.f[i], "dprolif") == 0 || strcmp(fs.f[i], "dprolif_gy_per_day") == 0))
            return fail(diag, RTFRAC_EPARSE, fs.col[i],
                        "column '%s' does not say whether K is BED or EQD2 per day; name it dprolif_gy_bed_per_day "
                        "or dprolif_gy_eqd2_per_day",
                        fs.f[i]);
        if (c == RTFRAC_BATCH_NCOLUMNS)
            return fail(diag, RTFRAC_EPARSE, fs.col[i], "unknown column '%.64s'; accepted: %s", fs.f[i],
                        RTFRAC_BATCH_COLUMN_LIST);
        if (h.field[c] >= 0)
            return fail(diag, RTFRAC_EPARSE, fs.col[i], "column '%s' given twice", column_names[c]);
        h.field[c] = (int)i;
    }
    int rx = h.field[RTFRAC_BATCH_PRESCRIPTION] >= 0;
    int total = h.field[RTFRAC_BATCH_TOTAL_DOSE_GY] >= 0, n = h.field[RTFRAC_BATCH_FRACTIONS] >= 0;
    if (h.field[RTFRAC_BATCH_LABEL] < 0)
        return fail(diag, RTFRAC_EPARSE, 1, "no 'label' column; a header needs label, then prescription (or total_dose_gy and fractions) and alpha_beta_gy or tissue");
    if (rx && (total || n))
        return fail(diag, RTFRAC_EPARSE, 1, "both 'prescription' and 'total_dose_gy'/'fractions'; give one of the two");
    if (!rx && !(total && n))
        return fail(diag, RTFRAC_EPARSE, 1, "no 'prescription' column, nor both 'total_dose_gy' and 'fractions'");
    if (h.field[RTFRAC_BATCH_ALPHA_BETA_GY] < 0 && h.field[RTFRAC_BATCH_TISSUE] < 0)
        return fail(diag, RTFRAC_EPARSE, 1, "no 'alpha_beta_gy' or 'tissue' column");
    *out = h;
    return RTFRAC_OK;
}

int rtfrac_batch_header_time(const rtfrac_batch_header *header)
{
    return header->field[RTFRAC_BATCH_TK_DAYS] >= 0 || header->field[RTFRAC_BATCH_DPROLIF_GY_BED_PER_DAY] >= 0 ||
           header->field[RTFRAC_BATCH_DPROLIF_GY_EQD2_PER_DAY] >= 0 ||
           header->field[RTFRAC_BATCH_OVERALL_TIME_DAYS] >= 0;
}

/* The cell of a column, or NULL when the header has no such column. */
static const char *cell(const rtfrac_batch_header *h, const fields *fs, rtfrac_batch_column c, unsigned *col)
{
    if (h->field[c] < 0)
        return NULL;
    *col = fs->col[h->field[c]];
    return fs->f[h->field[c]];
}

/* A number with its unit in [lo, hi] (in the unit `unit`); an empty cell
 * is "not given" (0). */
static int number_in(const char *text, unsigned col, rtfrac_batch_column c, rtfrac_quantity q, const char *unit,
                     double lo, double hi, int lo_open, double *out, int *given, rtfrac_diag *d)
{
    rtfrac_diag nd;
    *given = 0;
    if (text == NULL || text[0] == '\0')
        return RTFRAC_OK;
    rtfrac_diag_clear(&nd);
    if (rtfrac_num_parse_quantity(text, q, out, &nd) != RTFRAC_OK)
        return fail(d, RTFRAC_EPARSE, col + (nd.column > 0 ? nd.column - 1 : 0), "column %s: %s",
                    column_names[c], nd.message);
    if ((lo_open ? !(*out > lo) : !(*out >= lo)) || !(*out <= hi))
        return fail(d, RTFRAC_EDOM, col, "column %s: %g is out of range; accepted: %s%g %s %g%s%s",
                    column_names[c], *out, lo_open ? "above " : "", lo, lo_open ? "and at most" : "to", hi,
                    unit[0] ? " " : "", unit);
    *given = 1;
    return RTFRAC_OK;
}

static int number(const char *text, unsigned col, rtfrac_batch_column c, rtfrac_quantity q, double lo,
                  double hi, int lo_open, double *out, int *given, rtfrac_diag *d)
{
    static const char *const unit[] = { "", "Gy", "days", "h", "/Gy", "Gy/day", "%", "cm3" };
    return number_in(text, col, c, q, unit[q], lo, hi, lo_open, out, given, d);
}

/* The schedule: a prescription text, a scheme, or total dose and fractions. */
static int schedule(const rtfrac_batch_header *h, const fields *fs, const rtfrac_presets *p,
                    rtfrac_batch_row *r, rtfrac_diag *d)
{
    unsigned col = 0;
    int given = 0, rc;
    const char *rx = cell(h, fs, RTFRAC_BATCH_PRESCRIPTION, &col);
    if (rx != NULL && rx[0] == '@') {
        if (p == NULL || (r->scheme = rtfrac_presets_find_scheme(p, rx + 1)) == NULL)
            return fail(d, RTFRAC_ENOTFOUND, col, "column prescription: unknown scheme '%.64s' (see 'rtfrac presets list schemes')", rx);
        r->rx.total_dose_gy = r->scheme->total_dose_gy;
        r->rx.fractions = r->scheme->fractions;
        r->input.schedule_calendar = &r->scheme->calendar;
        r->input.schedule_calendar_has = r->scheme->calendar_has;
        return RTFRAC_OK;
    }
    if (rx != NULL) {
        rtfrac_diag pd;
        rtfrac_diag_clear(&pd);
        if (rx[0] == '\0')
            return fail(d, RTFRAC_EPARSE, col, "column prescription: empty");
        if ((rc = rtfrac_rx_parse(rx, &r->rx, &pd)) != RTFRAC_OK)
            return fail(d, rc, col + (pd.column > 0 ? pd.column - 1 : 0), "column prescription: %s", pd.message);
        if (r->rx.label[0] != '\0')
            return fail(d, RTFRAC_EPARSE, col, "column prescription: a label inside ('%s='); put it in the label column",
                        r->rx.label);
        return RTFRAC_OK;
    }
    double n = 0.0;
    const char *t = cell(h, fs, RTFRAC_BATCH_TOTAL_DOSE_GY, &col);
    if ((rc = number(t, col, RTFRAC_BATCH_TOTAL_DOSE_GY, RTFRAC_QTY_DOSE_GY, 0.0, RTFRAC_DOSE_MAX_GY, 1,
                     &r->rx.total_dose_gy, &given, d)) != RTFRAC_OK)
        return rc;
    if (!given)
        return fail(d, RTFRAC_EPARSE, col, "column total_dose_gy: empty");
    t = cell(h, fs, RTFRAC_BATCH_FRACTIONS, &col);
    if ((rc = number(t, col, RTFRAC_BATCH_FRACTIONS, RTFRAC_QTY_PLAIN, 1.0, (double)RTFRAC_FRACTIONS_MAX, 0,
                     &n, &given, d)) != RTFRAC_OK)
        return rc;
    if (!given)
        return fail(d, RTFRAC_EPARSE, col, "column fractions: empty");
    if (n - floor(n) > 0.0)
        return fail(d, RTFRAC_EDOM, col, "column fractions: %g is not a whole number", n);
    r->rx.fractions = (unsigned long)n;
    return RTFRAC_OK;
}

/* alpha/beta: a number or a tissue, exactly one per row. */
static int alpha_beta(const rtfrac_batch_header *h, const fields *fs, const rtfrac_presets *p,
                      rtfrac_batch_row *r, rtfrac_diag *d)
{
    unsigned col_ab = 0, col_t = 0;
    int given = 0, rc;
    const char *ab = cell(h, fs, RTFRAC_BATCH_ALPHA_BETA_GY, &col_ab);
    const char *ts = cell(h, fs, RTFRAC_BATCH_TISSUE, &col_t);
    int has_ab = ab != NULL && ab[0] != '\0', has_t = ts != NULL && ts[0] != '\0';
    if (has_ab && has_t)
        return fail(d, RTFRAC_EDOM, col_t, "both alpha_beta_gy and tissue in one row; give one");
    if (!has_ab && !has_t)
        return fail(d, RTFRAC_EDOM, ab != NULL ? col_ab : col_t, "neither alpha_beta_gy nor tissue in this row; give one");
    if (has_t) {
        if (p == NULL || (r->input.tissue = rtfrac_presets_find_tissue(p, ts)) == NULL)
            return fail(d, RTFRAC_ENOTFOUND, col_t, "column tissue: unknown tissue '%.64s' (see 'rtfrac presets list tissues')", ts);
        r->input.ab_from = RTFRAC_ROW_AB_TISSUE;
        r->input.alpha_beta_gy = r->input.tissue->alpha_beta_gy;
        return RTFRAC_OK;
    }
    if ((rc = number(ab, col_ab, RTFRAC_BATCH_ALPHA_BETA_GY, RTFRAC_QTY_DOSE_GY, RTFRAC_ALPHA_BETA_MIN_GY,
                     RTFRAC_ALPHA_BETA_MAX_GY, 0, &r->input.alpha_beta_gy, &given, d)) != RTFRAC_OK)
        return rc;
    r->input.ab_from = RTFRAC_ROW_AB_GIVEN;
    return RTFRAC_OK;
}

/* The optional columns: reference dose and the time correction. */
static int optional(const rtfrac_batch_header *h, const fields *fs, rtfrac_batch_row *r, rtfrac_diag *d)
{
    static const struct {
        rtfrac_batch_column c;
        rtfrac_quantity q;
        double hi;
        const char *unit; /* the column's unit in messages */
    } cols[] = {
        { RTFRAC_BATCH_REF_DOSE_GY, RTFRAC_QTY_DOSE_GY, RTFRAC_DOSE_MAX_GY, "Gy" },
        { RTFRAC_BATCH_TK_DAYS, RTFRAC_QTY_TIME_DAYS, RTFRAC_TK_MAX_DAYS, "days" },
        { RTFRAC_BATCH_DPROLIF_GY_BED_PER_DAY, RTFRAC_QTY_GY_PER_DAY, RTFRAC_DPROLIF_MAX_GY_PER_DAY, "Gy BED/d" },
        { RTFRAC_BATCH_DPROLIF_GY_EQD2_PER_DAY, RTFRAC_QTY_GY_PER_DAY, RTFRAC_DPROLIF_MAX_GY_PER_DAY, "Gy EQD2/d" },
        { RTFRAC_BATCH_OVERALL_TIME_DAYS, RTFRAC_QTY_TIME_DAYS, RTFRAC_OVERALL_DAYS_MAX, "days" },
    };
    rtfrac_row_options *o = &r->options;
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
        unsigned col = 0;
        int given = 0, rc;
        double v = 0.0;
        const char *text = cell(h, fs, cols[i].c, &col);
        /* a reference dose above 0; Tk, K and T from 0 */
        if ((rc = number_in(text, col, cols[i].c, cols[i].q, cols[i].unit, 0.0, cols[i].hi, i == 0, &v, &given,
                            d)) != RTFRAC_OK)
            return rc;
        if (!given)
            continue;
        switch (cols[i].c) {
        case RTFRAC_BATCH_REF_DOSE_GY: r->has_ref = 1; r->ref_dose_gy = v; break;
        case RTFRAC_BATCH_TK_DAYS: o->has_tk = 1; o->tk_days = v; break;
        case RTFRAC_BATCH_DPROLIF_GY_BED_PER_DAY:
        case RTFRAC_BATCH_DPROLIF_GY_EQD2_PER_DAY:
            if (o->has_dprolif)
                return fail(d, RTFRAC_EPARSE, col,
                            "both dprolif_gy_bed_per_day and dprolif_gy_eqd2_per_day in one row; give one");
            o->has_dprolif = 1;
            o->dprolif_rate_gy_per_day = v;
            o->dprolif_unit =
                cols[i].c == RTFRAC_BATCH_DPROLIF_GY_BED_PER_DAY ? RTFRAC_MODEL_RATE_BED : RTFRAC_MODEL_RATE_EQD2;
            break;
        default:
            o->calendar.has_days = 1;
            o->calendar.days = v;
            o->calendar_has |= RTFRAC_CALENDAR_HAS_DAYS;
            break;
        }
    }
    if (rtfrac_batch_header_time(h))
        o->time = 1;
    return RTFRAC_OK;
}

int rtfrac_batch_row_parse(const rtfrac_batch_header *header, const char *line, size_t len,
                           const rtfrac_presets *presets, const rtfrac_row_options *base,
                           rtfrac_batch_row *out, rtfrac_diag *diag)
{
    fields fs;
    rtfrac_batch_row r;
    unsigned col = 0;
    int rc = split(line, len, &fs, diag);
    if (rc != RTFRAC_OK)
        return rc;
    if (fs.n != header->nfields)
        return fail(diag, RTFRAC_EPARSE, fs.col[fs.n - 1], "%zu fields, the header has %zu", fs.n, header->nfields);
    memset(&r, 0, sizeof(r));
    r.options = *base;
    r.options.names_columns = 1;
    const char *label = cell(header, &fs, RTFRAC_BATCH_LABEL, &col);
    if (label[0] == '\0')
        return fail(diag, RTFRAC_EPARSE, col, "column label: empty");
    if (strlen(label) >= RTFRAC_LABEL_MAX)
        return fail(diag, RTFRAC_EPARSE, col, "column label: longer than %d bytes", RTFRAC_LABEL_MAX - 1);
    memcpy(r.label, label, strlen(label) + 1);
    if ((rc = schedule(header, &fs, presets, &r, diag)) != RTFRAC_OK ||
        (rc = alpha_beta(header, &fs, presets, &r, diag)) != RTFRAC_OK ||
        (rc = optional(header, &fs, &r, diag)) != RTFRAC_OK)
        return rc;
    *out = r;
    return RTFRAC_OK;
}

int rtfrac_batch_row_compute(const rtfrac_batch_row *row, double default_ref_dose_gy,
                             rtfrac_batch_result *out, rtfrac_diag *diag)
{
    rtfrac_batch_result res;
    memset(&res, 0, sizeof(res));
    int rc = rtfrac_row_resolve(&row->options, &row->input, &res.row, diag);
    if (rc != RTFRAC_OK)
        return rc;
    rc = rtfrac_uncertainty_effect(&res.row.model, &res.row.uncertain, row->rx.total_dose_gy, row->rx.fractions,
                                   res.row.alpha_beta_gy, NULL, &res.range);
    if (rc != RTFRAC_OK) {
        rtfrac_diag why;
        rtfrac_diag_clear(&why);
        rtfrac_model_explain(&res.row.model, row->rx.total_dose_gy, row->rx.fractions, res.row.alpha_beta_gy, &why);
        return fail(diag, rc, 0, "%s", why.message[0] ? why.message : rtfrac_strerror(rc));
    }
    res.ref_dose_gy = row->has_ref ? row->ref_dose_gy : default_ref_dose_gy;
    if (res.ref_dose_gy > 0.0) {
        res.has_eqdx = 1;
        /* the reference fractions under the row's own model, as calc */
        rc = rtfrac_model_eqdx(&res.row.model, res.range.estimate.bed_gy, res.row.alpha_beta_gy, res.ref_dose_gy,
                               &res.eqdx_gy);
        if (rc != RTFRAC_OK)
            return fail(diag, rc, 0, "cannot compute EQDX at %g Gy per fraction: %s", res.ref_dose_gy,
                        rtfrac_strerror(rc));
    }
    *out = res;
    return RTFRAC_OK;
}
