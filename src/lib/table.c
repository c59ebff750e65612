/* rtfrac: dose tables: decimal ranges, grids and iso-effect tables.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rtfrac/table.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rtfrac/num.h"
#include "rtfrac/rx.h"
#include "util_int.h"

static const char *const range_kind_names[] = { "list", "step" };
static const char *const quantity_names[] = { "eqd2", "bed", "total" };

#define NAMES_N(a) (sizeof(a) / sizeof((a)[0]))

const char *rtfrac_table_range_kind_name(rtfrac_table_range_kind value)
{
    return (unsigned)value < NAMES_N(range_kind_names) ? range_kind_names[value] : "";
}

int rtfrac_table_range_kind_parse(const char *text, rtfrac_table_range_kind *out)
{
    int i = util_int_enum_parse(range_kind_names, NAMES_N(range_kind_names), text);
    if (i < 0)
        return RTFRAC_EINVAL;
    *out = (rtfrac_table_range_kind)i;
    return RTFRAC_OK;
}

const char *rtfrac_table_quantity_name(rtfrac_table_quantity value)
{
    return (unsigned)value < NAMES_N(quantity_names) ? quantity_names[value] : "";
}

int rtfrac_table_quantity_parse(const char *text, rtfrac_table_quantity *out)
{
    int i = util_int_enum_parse(quantity_names, NAMES_N(quantity_names), text);
    if (i < 0)
        return RTFRAC_EINVAL;
    *out = (rtfrac_table_quantity)i;
    return RTFRAC_OK;
}

/* 10^0 .. 10^RTFRAC_TABLE_DECIMALS_MAX as integers: exact, unlike pow(). */
static const long long pow10_ll[] = { 1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL };

/* The largest integer below which every integer is a double: 2^53. */
#define EXACT_INT_MAX 9007199254740992LL

static int fail(rtfrac_diag *diag, int status, unsigned column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int fail(rtfrac_diag *diag, int status, unsigned column, const char *fmt, ...)
{
    if (diag != NULL) {
        va_list ap;
        rtfrac_diag_clear(diag);
        diag->column = column;
        va_start(ap, fmt);
        vsnprintf(diag->message, sizeof(diag->message), fmt, ap);
        va_end(ap);
    }
    return status;
}

/* One number of a range, as written. */
typedef struct decimal {
    long long units; /* value * 10^decimals, exactly */
    unsigned decimals;
    unsigned column; /* 1-based, in the whole range text */
} decimal;

/* Parse the `len` bytes at `text + at` as one decimal.  The value goes
 * through rtfrac_num_parse (the one number parser); the digits after the
 * point fix the decimals, and the units are the value scaled by them,
 * which is exact because the value is the double nearest a decimal of at
 * most RTFRAC_TABLE_DECIMALS_MAX places below RTFRAC_TABLE_VALUE_MAX. */
static int parse_decimal(const char *text, size_t at, size_t len, int whole, decimal *out,
                         rtfrac_diag *diag)
{
    char buf[80];
    unsigned column = rtfrac_num_utf8_width(text, at) + 1;
    if (len >= sizeof(buf))
        return fail(diag, RTFRAC_EPARSE, column, "number too long");
    memcpy(buf, text + at, len);
    buf[len] = '\0';
    double v;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse(buf, &v, &d) != RTFRAC_OK) {
        int st = fail(diag, RTFRAC_EPARSE, column + (d.column > 0 ? d.column - 1 : 0), "%s",
                      d.message);
        return st;
    }
    if (strpbrk(buf, "eE") != NULL)
        return fail(diag, RTFRAC_EPARSE, column, "write the number without an exponent");
    unsigned dec = 0;
    const char *dot = strchr(buf, '.');
    if (dot != NULL)
        for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
            dec++;
    if (dec > RTFRAC_TABLE_DECIMALS_MAX)
        return fail(diag, RTFRAC_EPARSE, column,
                    "more than %d decimals (RTFRAC_TABLE_DECIMALS_MAX)", RTFRAC_TABLE_DECIMALS_MAX);
    if (!(v > 0.0))
        return fail(diag, RTFRAC_EPARSE, column, "value must be greater than 0");
    if (v > RTFRAC_TABLE_VALUE_MAX)
        return fail(diag, RTFRAC_EPARSE, column, "value above %g (RTFRAC_TABLE_VALUE_MAX)",
                    RTFRAC_TABLE_VALUE_MAX);
    long long units = llround(v * (double)pow10_ll[dec]);
    if (whole) {
        if (units % pow10_ll[dec] != 0)
            return fail(diag, RTFRAC_EPARSE, column, "must be a whole number");
        units /= pow10_ll[dec];
        dec = 0;
    }
    if (units < 1)
        return fail(diag, RTFRAC_EPARSE, column, "value must be greater than 0");
    out->units = units;
    out->decimals = dec;
    out->column = column;
    return RTFRAC_OK;
}

static long long rescale(const decimal *x, unsigned decimals)
{
    assert(decimals >= x->decimals);
    return x->units * pow10_ll[decimals - x->decimals];
}

int rtfrac_table_range_parse(const char *text, int whole, const char *default_step,
                             rtfrac_table_range *out, rtfrac_diag *diag)
{
    assert(text != NULL && out != NULL);
    decimal parts[RTFRAC_TABLE_LIST_MAX];
    size_t np = 0, start = 0, n = strlen(text);
    int has_colon = strchr(text, ':') != NULL, has_comma = strchr(text, ',') != NULL;

    if (has_colon && has_comma)
        return fail(diag, RTFRAC_EPARSE, rtfrac_num_utf8_width(text, strcspn(text, ",")) + 1,
                    "',' in a FROM:TO:STEP range; write either a list 5,10,20 or a range FROM:TO[:STEP]");
    char sep = has_colon ? ':' : ',';
    size_t max_parts = has_colon ? 3 : RTFRAC_TABLE_LIST_MAX;
    for (size_t i = 0; i <= n; i++) {
        if (text[i] != sep && text[i] != '\0')
            continue;
        if (np == max_parts)
            return fail(diag, RTFRAC_EPARSE, rtfrac_num_utf8_width(text, start) + 1,
                        has_colon ? "too many ':'; write FROM:TO or FROM:TO:STEP"
                                  : "more than %d values in a list (RTFRAC_TABLE_LIST_MAX)",
                        RTFRAC_TABLE_LIST_MAX);
        int st = parse_decimal(text, start, i - start, whole, &parts[np], diag);
        if (st != RTFRAC_OK)
            return st;
        np++;
        start = i + 1;
    }

    rtfrac_table_range r;
    memset(&r, 0, sizeof(r));
    if (!has_colon) {
        r.kind = RTFRAC_TABLE_RANGE_LIST;
        for (size_t i = 0; i < np; i++)
            r.decimals = parts[i].decimals > r.decimals ? parts[i].decimals : r.decimals;
        for (size_t i = 0; i < np; i++)
            r.list[i] = rescale(&parts[i], r.decimals);
        r.count = np;
    } else {
        r.kind = RTFRAC_TABLE_RANGE_STEP;
        if (np < 2)
            return fail(diag, RTFRAC_EPARSE, 1, "write a range FROM:TO or FROM:TO:STEP");
        if (np == 2) {
            if (default_step == NULL)
                return fail(diag, RTFRAC_EPARSE, rtfrac_num_utf8_width(text, n) + 1,
                            "the step is missing; write FROM:TO:STEP");
            int st = parse_decimal(default_step, 0, strlen(default_step), whole, &parts[2], NULL);
            assert(st == RTFRAC_OK); /* the caller's own default */
            (void)st;
            parts[2].column = 1;
            np = 3;
        }
        for (size_t i = 0; i < np; i++)
            r.decimals = parts[i].decimals > r.decimals ? parts[i].decimals : r.decimals;
        r.from = rescale(&parts[0], r.decimals);
        r.to = rescale(&parts[1], r.decimals);
        r.step = rescale(&parts[2], r.decimals);
        if (r.to < r.from)
            return fail(diag, RTFRAC_EPARSE, parts[1].column, "TO is below FROM; write FROM:TO with FROM <= TO");
        unsigned long long count = (unsigned long long)((r.to - r.from) / r.step) + 1;
        if (count > RTFRAC_TABLE_RANGE_COUNT_MAX)
            return fail(diag, RTFRAC_EPARSE, 1,
                        "%llu values, more than %lu (RTFRAC_TABLE_RANGE_COUNT_MAX); use a larger step",
                        count, RTFRAC_TABLE_RANGE_COUNT_MAX);
        r.count = (size_t)count;
    }
    *out = r;
    return RTFRAC_OK;
}

size_t rtfrac_table_range_count(const rtfrac_table_range *range)
{
    assert(range != NULL);
    return range->count;
}

static long long units_at(const rtfrac_table_range *r, size_t i)
{
    assert(i < r->count);
    return r->kind == RTFRAC_TABLE_RANGE_LIST ? r->list[i] : r->from + (long long)i * r->step;
}

double rtfrac_table_range_value(const rtfrac_table_range *range, size_t i)
{
    assert(range != NULL && range->decimals <= RTFRAC_TABLE_DECIMALS_MAX);
    /* both operands are exact doubles, so the one division rounds correctly */
    return (double)units_at(range, i) / (double)pow10_ll[range->decimals];
}

double rtfrac_table_range_max(const rtfrac_table_range *range)
{
    assert(range != NULL && range->count > 0);
    size_t best = 0;
    for (size_t i = 1; i < range->count; i++)
        if (units_at(range, i) > units_at(range, best))
            best = i;
    return rtfrac_table_range_value(range, best);
}

int rtfrac_table_range_times(const rtfrac_table_range *range, size_t i, unsigned long factor,
                             double *product)
{
    assert(range != NULL && product != NULL);
    if (i >= range->count || factor < 1)
        return RTFRAC_EDOM;
    long long u = units_at(range, i);
    if ((unsigned long long)factor > (unsigned long long)(EXACT_INT_MAX / u))
        return RTFRAC_ERANGE;
    *product = (double)(u * (long long)factor) / (double)pow10_ll[range->decimals];
    return RTFRAC_OK;
}

int rtfrac_table_fractions_check(const rtfrac_table_range *fractions, rtfrac_diag *diag)
{
    assert(fractions != NULL);
    if (fractions->decimals != 0)
        return fail(diag, RTFRAC_EDOM, 0, "fraction counts must be whole numbers");
    for (size_t j = 0; j < fractions->count; j++)
        if (units_at(fractions, j) < 1 || units_at(fractions, j) > (long long)RTFRAC_FRACTIONS_MAX)
            return fail(diag, RTFRAC_EDOM, 0, "fraction counts go from 1 to %lu (RTFRAC_FRACTIONS_MAX)",
                        RTFRAC_FRACTIONS_MAX);
    return RTFRAC_OK;
}

int rtfrac_table_grid_check(const rtfrac_table_range *dpf, const rtfrac_table_range *fractions,
                            rtfrac_diag *diag)
{
    assert(dpf != NULL && fractions != NULL);
    int st = rtfrac_table_fractions_check(fractions, diag);
    if (st != RTFRAC_OK)
        return st;
    for (size_t i = 0; i < dpf->count; i++)
        for (size_t j = 0; j < fractions->count; j++) {
            double total = 0.0;
            unsigned long n = (unsigned long)units_at(fractions, j);
            if (rtfrac_table_range_times(dpf, i, n, &total) != RTFRAC_OK || total > RTFRAC_DOSE_MAX_GY)
                return fail(diag, RTFRAC_EDOM, 0,
                            "%lu fractions of %g Gy make a total dose above the accepted maximum of %g Gy",
                            n, rtfrac_table_range_value(dpf, i), RTFRAC_DOSE_MAX_GY);
        }
    return RTFRAC_OK;
}

int rtfrac_table_grid_size(const rtfrac_table_range *dpf, const rtfrac_table_range *fractions,
                           size_t *cells)
{
    assert(dpf != NULL && fractions != NULL && cells != NULL);
    if (dpf->count > RTFRAC_TABLE_CELLS_MAX / fractions->count)
        return RTFRAC_ERANGE;
    *cells = dpf->count * fractions->count;
    return RTFRAC_OK;
}

/* One grid cell: n fractions of value i of the dose range. */
static int grid_cell(const rtfrac_model *m, double ab, const rtfrac_table_range *dpf, size_t i,
                     unsigned long n, rtfrac_table_cell *out)
{
    rtfrac_table_cell c;
    memset(&c, 0, sizeof(c));
    c.dose_per_fraction_gy = rtfrac_table_range_value(dpf, i);
    c.fractions = n;
    int st = rtfrac_table_range_times(dpf, i, n, &c.total_dose_gy);
    if (st != RTFRAC_OK)
        return st;
    if (c.total_dose_gy > RTFRAC_DOSE_MAX_GY) /* what calc would refuse as input */
        return RTFRAC_EDOM;
    /* total / n may miss the decimal d by one bit (16.2 / 9 is
     * 1.7999999999999998): the effect uses d as written */
    st = rtfrac_model_effect_dose_per_fraction(m, c.total_dose_gy, c.dose_per_fraction_gy, n, ab,
                                               &c.effect);
    if (st != RTFRAC_OK)
        return st;
    *out = c;
    return RTFRAC_OK;
}

static int grid_check(const rtfrac_model *m, double ab, const rtfrac_table_range *dpf,
                      const rtfrac_table_range *fractions)
{
    size_t cells;
    if (rtfrac_model_check(m, NULL) != RTFRAC_OK || !(ab > 0.0) || !isfinite(ab) ||
        rtfrac_table_fractions_check(fractions, NULL) != RTFRAC_OK)
        return RTFRAC_EDOM;
    return rtfrac_table_grid_size(dpf, fractions, &cells);
}

int rtfrac_table_cell_quantity(const rtfrac_table_cell *cell, rtfrac_table_quantity q,
                               double *value)
{
    assert(cell != NULL && value != NULL);
    switch (q) {
    case RTFRAC_TABLE_EQD2:
        *value = cell->effect.eqd2_gy;
        return RTFRAC_OK;
    case RTFRAC_TABLE_BED:
        *value = cell->effect.bed_gy;
        return RTFRAC_OK;
    case RTFRAC_TABLE_TOTAL:
        *value = cell->total_dose_gy;
        return RTFRAC_OK;
    }
    return RTFRAC_EINVAL;
}

/* Every cell of a grid, into `cells` or as quantity q into `values`. */
static int grid_each(const rtfrac_model *m, double ab, const rtfrac_table_range *dpf,
                     const rtfrac_table_range *fractions, rtfrac_table_quantity q,
                     double *values, rtfrac_table_cell *cells)
{
    int st = grid_check(m, ab, dpf, fractions);
    if (st != RTFRAC_OK)
        return st;
    for (size_t i = 0; i < dpf->count; i++)
        for (size_t j = 0; j < fractions->count; j++) {
            rtfrac_table_cell c;
            size_t k = i * fractions->count + j;
            st = grid_cell(m, ab, dpf, i, (unsigned long)units_at(fractions, j), &c);
            if (st != RTFRAC_OK)
                return st;
            if (cells != NULL)
                cells[k] = c;
            else if ((st = rtfrac_table_cell_quantity(&c, q, &values[k])) != RTFRAC_OK)
                return st;
        }
    return RTFRAC_OK;
}

int rtfrac_table_grid(const rtfrac_model *model, double alpha_beta_gy,
                      const rtfrac_table_range *dpf, const rtfrac_table_range *fractions,
                      rtfrac_table_quantity q, double *out)
{
    assert(model != NULL && dpf != NULL && fractions != NULL && out != NULL);
    if ((unsigned)q >= NAMES_N(quantity_names))
        return RTFRAC_EINVAL;
    return grid_each(model, alpha_beta_gy, dpf, fractions, q, out, NULL);
}

int rtfrac_table_grid_cells(const rtfrac_model *model, double alpha_beta_gy,
                            const rtfrac_table_range *dpf, const rtfrac_table_range *fractions,
                            rtfrac_table_cell *out)
{
    assert(model != NULL && dpf != NULL && fractions != NULL && out != NULL);
    return grid_each(model, alpha_beta_gy, dpf, fractions, RTFRAC_TABLE_EQD2, NULL, out);
}

/* One row of an iso-effect table: n fractions whose BED is bed_gy. */
static int iso_row(const rtfrac_model *m, double ab, double bed_gy, unsigned long n,
                   rtfrac_table_cell *out)
{
    rtfrac_table_cell c;
    memset(&c, 0, sizeof(c));
    int st = rtfrac_model_solve_dose_per_fraction(m, bed_gy, n, ab, &c.dose_per_fraction_gy);
    if (st != RTFRAC_OK)
        return st;
    c.fractions = n;
    c.total_dose_gy = c.dose_per_fraction_gy * (double)n;
    if (c.total_dose_gy > RTFRAC_DOSE_MAX_GY) /* what calc would refuse as input */
        return RTFRAC_EDOM;
    if ((st = rtfrac_model_effect(m, c.total_dose_gy, n, ab, &c.effect)) != RTFRAC_OK)
        return st;
    *out = c;
    return RTFRAC_OK;
}

/* Check the inputs of an iso-effect table and turn its target into BED. */
static int iso_target_bed(const rtfrac_model *m, double ab, double target,
                          rtfrac_table_quantity tq, const rtfrac_table_range *fractions,
                          double *bed_gy, rtfrac_diag *diag)
{
    if (tq != RTFRAC_TABLE_EQD2 && tq != RTFRAC_TABLE_BED)
        return fail(diag, RTFRAC_EINVAL, 0, "an iso-effect table aims at EQD2 or BED");
    if (!(target > 0.0) || !isfinite(target))
        return fail(diag, RTFRAC_EDOM, 0, "the target must be a finite dose above 0 Gy");
    if (rtfrac_model_check(m, NULL) != RTFRAC_OK || !(ab > 0.0) || !isfinite(ab))
        return fail(diag, RTFRAC_EDOM, 0, "invalid model or alpha/beta");
    int st = rtfrac_table_fractions_check(fractions, diag);
    if (st != RTFRAC_OK)
        return st;
    if (fractions->count > RTFRAC_TABLE_CELLS_MAX)
        return fail(diag, RTFRAC_ERANGE, 0, "more than %lu rows (RTFRAC_TABLE_CELLS_MAX)",
                    RTFRAC_TABLE_CELLS_MAX);
    *bed_gy = target;
    if (tq == RTFRAC_TABLE_EQD2 &&
        (st = rtfrac_model_bed_from_eqdx(m, target, ab, 2.0, bed_gy)) != RTFRAC_OK)
        return fail(diag, st, 0, "EQD2 %g Gy has no BED under this model", target);
    return RTFRAC_OK;
}

/* Every row of an iso-effect table, into `cells` or into the two arrays. */
static int iso_each(const rtfrac_model *m, double ab, double target, rtfrac_table_quantity tq,
                    const rtfrac_table_range *fractions, rtfrac_table_cell *cells,
                    double *dpf_out, double *total_out, rtfrac_diag *diag)
{
    double bed = 0.0;
    int st = iso_target_bed(m, ab, target, tq, fractions, &bed, diag);
    if (st != RTFRAC_OK)
        return st;
    for (size_t j = 0; j < fractions->count; j++) {
        unsigned long n = (unsigned long)units_at(fractions, j);
        rtfrac_table_cell c;
        if ((st = iso_row(m, ab, bed, n, &c)) != RTFRAC_OK)
            return fail(diag, st, 0, "no dose per fraction in %lu fraction%s gives %s %g Gy with a total dose up to %g Gy%s", n,
                        n == 1 ? "" : "s",
                        tq == RTFRAC_TABLE_BED ? "BED" : "EQD2", target, RTFRAC_DOSE_MAX_GY,
                        st == RTFRAC_ERANGE ? " (no solution verified by substitution)" : "");
        if (cells != NULL) {
            cells[j] = c;
        } else {
            dpf_out[j] = c.dose_per_fraction_gy;
            total_out[j] = c.total_dose_gy;
        }
    }
    return RTFRAC_OK;
}

int rtfrac_table_iso_cells(const rtfrac_model *model, double alpha_beta_gy, double target_gy,
                           rtfrac_table_quantity target_quantity,
                           const rtfrac_table_range *fractions, rtfrac_table_cell *out,
                           rtfrac_diag *diag)
{
    assert(model != NULL && fractions != NULL && out != NULL);
    return iso_each(model, alpha_beta_gy, target_gy, target_quantity, fractions, out, NULL, NULL,
                    diag);
}

int rtfrac_table_iso(const rtfrac_model *model, double alpha_beta_gy, double target_gy,
                     rtfrac_table_quantity target_quantity, const rtfrac_table_range *fractions,
                     double *dose_per_fraction_gy_out, double *total_gy_out, rtfrac_diag *diag)
{
    assert(model != NULL && fractions != NULL && dose_per_fraction_gy_out != NULL &&
           total_gy_out != NULL);
    return iso_each(model, alpha_beta_gy, target_gy, target_quantity, fractions, NULL,
                    dose_per_fraction_gy_out, total_gy_out, diag);
}
