/* Unit tests of the table module (include/rtfrac/table.h): decimal ranges,
 * dose grids and iso-effect tables.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <rtfrac.h>

#define REL 1e-12

static rtfrac_table_range range_of(const char *text, int whole, const char *step)
{
    rtfrac_table_range r;
    rtfrac_diag d;
    memset(&r, 0, sizeof(r));
    rtfrac_diag_clear(&d);
    int st = rtfrac_table_range_parse(text, whole, step, &r, &d);
    if (st != RTFRAC_OK)
        print_error("'%s': %s at column %u\n", text, d.message, d.column);
    assert_int_equal(st, RTFRAC_OK);
    return r;
}

/* Each valid form with its values; 0 tolerance: the values are the
 * doubles nearest the decimals written, the same as the C literals. */
static void test_range_valid_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int whole;
        const char *step;
        rtfrac_table_range_kind kind;
        size_t count;
        double values[8];
    } cases[] = {
        { "5", 1, "1", RTFRAC_TABLE_RANGE_LIST, 1, { 5 } },
        { "5,10,20", 1, "1", RTFRAC_TABLE_RANGE_LIST, 3, { 5, 10, 20 } },
        { " 20 , 5 ", 1, "1", RTFRAC_TABLE_RANGE_LIST, 2, { 20, 5 } },
        { "1:5", 1, "1", RTFRAC_TABLE_RANGE_STEP, 5, { 1, 2, 3, 4, 5 } },
        { "5:30:5", 1, "1", RTFRAC_TABLE_RANGE_STEP, 6, { 5, 10, 15, 20, 25, 30 } },
        { "5.0,10", 1, "1", RTFRAC_TABLE_RANGE_LIST, 2, { 5, 10 } },
        { "1:8:3", 1, "1", RTFRAC_TABLE_RANGE_STEP, 3, { 1, 4, 7 } },
        { "2.385", 0, "0.1", RTFRAC_TABLE_RANGE_LIST, 1, { 2.385 } },
        { "1.8,2,2.25", 0, "0.1", RTFRAC_TABLE_RANGE_LIST, 3, { 1.8, 2, 2.25 } },
        { "2:2.4", 0, "0.1", RTFRAC_TABLE_RANGE_STEP, 5, { 2, 2.1, 2.2, 2.3, 2.4 } },
        { "1.8:3:0.2", 0, "0.1", RTFRAC_TABLE_RANGE_STEP, 7, { 1.8, 2, 2.2, 2.4, 2.6, 2.8, 3 } },
        { "0.1:0.7:0.1", 0, NULL, RTFRAC_TABLE_RANGE_STEP, 7, { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7 } },
        { "2:3:0.45", 0, "0.1", RTFRAC_TABLE_RANGE_STEP, 3, { 2, 2.45, 2.9 } },
        { "1.5:1.5", 0, "0.1", RTFRAC_TABLE_RANGE_STEP, 1, { 1.5 } },
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        rtfrac_table_range r = range_of(cases[k].text, cases[k].whole, cases[k].step);
        assert_int_equal(r.kind, cases[k].kind);
        assert_int_equal(rtfrac_table_range_count(&r), cases[k].count);
        for (size_t i = 0; i < cases[k].count; i++)
            assert_rel(rtfrac_table_range_value(&r, i), cases[k].values[i], 0.0);
    }
}

/* Each invalid form with its code and column. */
static void test_range_invalid_forms(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int whole;
        const char *step;
        unsigned column;
        const char *message; /* a part of the message */
    } cases[] = {
        { "", 0, "0.1", 1, "" },
        { "1.5:5", 1, "1", 1, "whole number" },
        { "1:2.5", 1, "1", 3, "whole number" },
        { "5,7.5", 1, "1", 3, "whole number" },
        { "3:2", 0, "0.1", 3, "below FROM" },
        { "0:2", 0, "0.1", 1, "greater than 0" },
        { "-1", 0, "0.1", 1, "greater than 0" },
        { "2:3:0", 0, "0.1", 5, "greater than 0" },
        { "1:2:3:4", 1, "1", 7, "too many ':'" },
        { "1,2:3", 1, "1", 2, "either a list" },
        { "2:", 0, "0.1", 3, "" },
        { "2,,3", 0, "0.1", 3, "" },
        { "2x", 0, "0.1", 2, "" },
        { "1e1", 0, "0.1", 1, "exponent" },
        { "nan", 0, "0.1", 1, "" },
        { "1.2345678", 0, "0.1", 1, "RTFRAC_TABLE_DECIMALS_MAX" },
        { "2000000", 0, "0.1", 1, "RTFRAC_TABLE_VALUE_MAX" },
        { "0.001:100", 0, "0.001", 1, "RTFRAC_TABLE_RANGE_COUNT_MAX" },
        { "1:3", 0, NULL, 4, "step is missing" },
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        rtfrac_table_range r;
        rtfrac_diag d;
        memset(&r, 0x5a, sizeof(r));
        rtfrac_table_range before = r;
        rtfrac_diag_clear(&d);
        int st = rtfrac_table_range_parse(cases[k].text, cases[k].whole, cases[k].step, &r, &d);
        if (st != RTFRAC_EPARSE || d.column != cases[k].column ||
            strstr(d.message, cases[k].message) == NULL)
            print_error("'%s': status %d, '%s' at column %u\n", cases[k].text, st, d.message,
                        d.column);
        assert_int_equal(st, RTFRAC_EPARSE);
        assert_int_equal(d.column, cases[k].column);
        assert_non_null(strstr(d.message, cases[k].message));
        assert_memory_equal(&r, &before, sizeof(r)); /* untouched on error */
    }
    /* a list longer than RTFRAC_TABLE_LIST_MAX: the column of the first
     * value too many ("1," is two characters) */
    char list[4 * RTFRAC_TABLE_LIST_MAX];
    size_t at = 0;
    for (int i = 0; i <= RTFRAC_TABLE_LIST_MAX; i++)
        at += (size_t)snprintf(list + at, sizeof(list) - at, "%s1", i ? "," : "");
    rtfrac_table_range r;
    rtfrac_diag d;
    assert_int_equal(rtfrac_table_range_parse(list, 1, "1", &r, &d), RTFRAC_EPARSE);
    assert_int_equal(d.column, 2 * RTFRAC_TABLE_LIST_MAX + 1);
    assert_non_null(strstr(d.message, "RTFRAC_TABLE_LIST_MAX"));
    /* exactly the limits are accepted */
    r = range_of("1:10000", 1, "1");
    assert_int_equal(rtfrac_table_range_count(&r), RTFRAC_TABLE_RANGE_COUNT_MAX);
    r = range_of("0.000001", 0, "0.1");
    assert_rel(rtfrac_table_range_value(&r, 0), 1e-6, 0.0);
}

/* 1.8:10:0.2 in decimal: every value equals its literal (adding 0.2 in
 * binary gives 2.4000000000000004 at the fourth value and drifts further),
 * and the last value is 10 exactly. */
static void test_range_decimal_steps_exact(void **state)
{
    (void)state;
    rtfrac_table_range r = range_of("1.8:10:0.2", 0, "0.1");
    assert_int_equal(rtfrac_table_range_count(&r), 42);
    assert_rel(rtfrac_table_range_value(&r, 0), 1.8, 0.0);
    assert_rel(rtfrac_table_range_value(&r, 1), 2.0, 0.0);
    assert_rel(rtfrac_table_range_value(&r, 2), 2.2, 0.0);
    assert_rel(rtfrac_table_range_value(&r, 3), 2.4, 0.0);
    assert_rel(rtfrac_table_range_value(&r, 6), 3.0, 0.0);
    assert_rel(rtfrac_table_range_value(&r, 11), 4.0, 0.0);
    assert_rel(rtfrac_table_range_value(&r, 26), 7.0, 0.0);
    assert_rel(rtfrac_table_range_value(&r, 41), 10.0, 0.0);
    assert_rel(rtfrac_table_range_max(&r), 10.0, 0.0);
    /* the binary sum drifts: the reason for stepping in decimal */
    double sum = 1.8;
    for (int i = 0; i < 3; i++)
        sum += 0.2;
    assert_true(sum > 2.4);
    /* a list's max is its largest value, not its last */
    r = range_of("3,30.5,12", 0, "0.1");
    assert_rel(rtfrac_table_range_max(&r), 30.5, 0.0);
}

/* 9 fractions of 1.8 Gy: total 16.2 Gy as the decimal product; 3 of 2.2 Gy:
 * 6.6 Gy (in binary 2.2 * 3 is 6.6000000000000005). */
static void test_range_times_decimal_product(void **state)
{
    (void)state;
    rtfrac_table_range r = range_of("1.8:2.2:0.2", 0, "0.1");
    double total = 0.0;
    assert_int_equal(rtfrac_table_range_times(&r, 0, 9, &total), RTFRAC_OK);
    assert_rel(total, 16.2, 0.0);
    assert_int_equal(rtfrac_table_range_times(&r, 2, 3, &total), RTFRAC_OK);
    assert_rel(total, 6.6, 0.0);
    assert_true(2.2 * 3.0 > 6.6); /* what the binary product would give */
    assert_int_equal(rtfrac_table_range_times(&r, 1, 30, &total), RTFRAC_OK);
    assert_rel(total, 60.0, 0.0);
    /* errors: index out of the range, factor 0, a product beyond 2^53 units */
    assert_int_equal(rtfrac_table_range_times(&r, 3, 9, &total), RTFRAC_EDOM);
    assert_int_equal(rtfrac_table_range_times(&r, 0, 0, &total), RTFRAC_EDOM);
    rtfrac_table_range big = range_of("999999.999999", 0, "0.1");
    assert_int_equal(rtfrac_table_range_times(&big, 0, 10000, &total), RTFRAC_ERANGE);
    assert_rel(total, 60.0, 0.0); /* untouched */
}

static void test_fractions_check(void **state)
{
    (void)state;
    rtfrac_diag d;
    rtfrac_table_range r = range_of("1:10000", 1, "1");
    assert_int_equal(rtfrac_table_fractions_check(&r, &d), RTFRAC_OK);
    r = range_of("5,10001", 1, "1");
    assert_int_equal(rtfrac_table_fractions_check(&r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "RTFRAC_FRACTIONS_MAX"));
    r = range_of("1.5", 0, "0.1");
    assert_int_equal(rtfrac_table_fractions_check(&r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "whole"));
}

/* EQD2 grid under plain LQ against the closed form
 * EQD2 = n d (1 + d/(a/b)) / (1 + 2/(a/b)) (Withers et al. 1983):
 * 3 Gy x 20 at alpha/beta 3: 60 (1 + 3/3) / (1 + 2/3) = 72 Gy;
 * 2.385 Gy x 28 at 3: 66.78 (1.795) / (1.6667) = 71.92 Gy. */
static void test_grid_eqd2_closed_form(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_table_range d = range_of("2:3:0.5", 0, "0.1");
    rtfrac_table_range n = range_of("20,28", 1, "1");
    size_t cells = 0;
    assert_int_equal(rtfrac_table_grid_size(&d, &n, &cells), RTFRAC_OK);
    assert_int_equal(cells, 6);
    double g[6];
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &d, &n, RTFRAC_TABLE_EQD2, g), RTFRAC_OK);
    assert_rel(g[0], 40.0, REL);                                 /* 2 Gy x 20 */
    assert_rel(g[1], 56.0, REL);                                 /* 2 Gy x 28 */
    assert_rel(g[2], 50.0 * (1 + 2.5 / 3) / (1 + 2.0 / 3), REL); /* 2.5 x 20 = 55 */
    assert_rel(g[4], 72.0, REL);                                 /* 3 x 20 */
    assert_rel(g[5], 84.0 * 2.0 / (5.0 / 3.0), REL);             /* 3 x 28 = 100.8 */
    /* BED: n d (1 + d/(a/b)); 3 Gy x 20 at 3: 120 Gy */
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &d, &n, RTFRAC_TABLE_BED, g), RTFRAC_OK);
    assert_rel(g[4], 120.0, REL);
    assert_rel(g[3], 70.0 * (1 + 2.5 / 3), REL);
    /* total dose: the decimal product */
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &d, &n, RTFRAC_TABLE_TOTAL, g), RTFRAC_OK);
    assert_rel(g[2], 50.0, 0.0);
    assert_rel(g[5], 84.0, 0.0);
    /* unround: 2.385 x 28 at a/b 3 */
    rtfrac_table_range d2 = range_of("2.385", 0, "0.1");
    rtfrac_table_range n2 = range_of("28", 1, "1");
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &d2, &n2, RTFRAC_TABLE_EQD2, g), RTFRAC_OK);
    assert_rel(g[0], 66.78 * (1 + 2.385 / 3) / (1 + 2.0 / 3), REL);
}

/* The cells of 9 x 1.8 Gy: d is 1.8 as written (16.2 / 9 in binary is
 * 1.7999999999999998), total 16.2; BED at 3 = 16.2 (1.6) = 25.92 Gy. */
static void test_grid_cells_exact_dose_per_fraction(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_table_range d = range_of("1.8:2:0.2", 0, "0.1");
    rtfrac_table_range n = range_of("9", 1, "1");
    rtfrac_table_cell c[2];
    assert_int_equal(rtfrac_table_grid_cells(&m, 3.0, &d, &n, c), RTFRAC_OK);
    assert_rel(c[0].dose_per_fraction_gy, 1.8, 0.0);
    assert_rel(c[0].effect.dose_per_fraction_gy, 1.8, 0.0);
    assert_rel(c[0].total_dose_gy, 16.2, 0.0);
    assert_int_equal(c[0].fractions, 9);
    assert_rel(c[0].effect.bed_gy, 25.92, REL);
    assert_rel(c[0].effect.eqd2_gy, 25.92 / (5.0 / 3.0), REL);
    assert_rel(c[1].total_dose_gy, 18.0, 0.0);
    assert_true(16.2 / 9.0 < 1.8); /* the bit the cell does not lose */
    double v = 0.0;
    assert_int_equal(rtfrac_table_cell_quantity(&c[0], RTFRAC_TABLE_TOTAL, &v), RTFRAC_OK);
    assert_rel(v, 16.2, 0.0);
    assert_int_equal(rtfrac_table_cell_quantity(&c[0], RTFRAC_TABLE_BED, &v), RTFRAC_OK);
    assert_rel(v, c[0].effect.bed_gy, 0.0);
    assert_int_equal(rtfrac_table_cell_quantity(&c[0], RTFRAC_TABLE_EQD2, &v), RTFRAC_OK);
    assert_rel(v, c[0].effect.eqd2_gy, 0.0);
    assert_int_equal(rtfrac_table_cell_quantity(&c[0], (rtfrac_table_quantity)3, &v), RTFRAC_EINVAL);
    assert_rel(v, c[0].effect.eqd2_gy, 0.0); /* untouched */
    /* the model's entry point behind the cells: d must agree with total / n */
    rtfrac_effect e;
    assert_int_equal(rtfrac_model_effect_dose_per_fraction(&m, 16.2, 1.8, 9, 3.0, &e), RTFRAC_OK);
    assert_rel(e.dose_per_fraction_gy, 1.8, 0.0);
    assert_rel(e.bed_gy, c[0].effect.bed_gy, 0.0);
    assert_int_equal(rtfrac_model_effect_dose_per_fraction(&m, 16.2, 1.9, 9, 3.0, &e), RTFRAC_EDOM);
}

/* With time (Fowler 1989): BED = n d (1 + d/(a/b)) - K (T - Tk); 35 x 2 Gy
 * at a/b 10 from a Monday, 5 a week: T = 46 d; Tk 21 d, K 0.9 Gy/d:
 * 84 - 0.9 * 25 = 61.5 Gy. */
static void test_grid_with_time(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.time = 1;
    m.tk_days = 21.0;
    m.dprolif_gy_per_day = 0.9;
    rtfrac_table_range d = range_of("2", 0, "0.1");
    rtfrac_table_range n = range_of("35", 1, "1");
    rtfrac_table_cell c;
    assert_int_equal(rtfrac_table_grid_cells(&m, 10.0, &d, &n, &c), RTFRAC_OK);
    assert_rel(c.effect.overall_time_days, 46.0, 0.0);
    assert_rel(c.effect.repopulation_gy, 22.5, REL);
    assert_rel(c.effect.bed_gy, 61.5, REL);
}

static void test_grid_errors(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_table_range d = range_of("2", 0, "0.1");
    rtfrac_table_range n = range_of("5", 1, "1");
    double g[1];
    rtfrac_table_cell c[1];
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &d, &n, (rtfrac_table_quantity)7, g), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_table_grid(&m, 0.0, &d, &n, RTFRAC_TABLE_EQD2, g), RTFRAC_EDOM);
    assert_int_equal(rtfrac_table_grid_cells(&m, -1.0, &d, &n, c), RTFRAC_EDOM);
    rtfrac_table_range bad_n = range_of("2.5", 0, "0.1");
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &d, &bad_n, RTFRAC_TABLE_EQD2, g), RTFRAC_EDOM);
    m.kind = RTFRAC_MODEL_LQL; /* LQ-L without dT: an invalid model */
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &d, &n, RTFRAC_TABLE_EQD2, g), RTFRAC_EDOM);
    /* more than RTFRAC_TABLE_CELLS_MAX cells */
    rtfrac_table_range dd = range_of("0.01:100:0.01", 0, "0.1");
    rtfrac_table_range nn = range_of("1:1000", 1, "1");
    size_t cells = 7;
    assert_int_equal(rtfrac_table_grid_size(&dd, &nn, &cells), RTFRAC_ERANGE);
    assert_int_equal(cells, 7);
    rtfrac_model_init(&m);
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &dd, &nn, RTFRAC_TABLE_EQD2, g), RTFRAC_ERANGE);
}

/* A table never shows a schedule that calc refuses as input (issue 13):
 * a total dose above RTFRAC_DOSE_MAX_GY (5 x 2000.01 Gy), a cell whose
 * repopulation exceeds its dose, an iso row whose total would exceed the
 * limit. */
static void test_grid_refuses_what_calc_refuses(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_diag why;
    rtfrac_model_init(&m);
    rtfrac_table_range d = range_of("1999.99,2000.01", 0, "0.1");
    rtfrac_table_range n = range_of("5", 1, "1");
    rtfrac_table_range ok = range_of("2000", 0, "0.1");
    double g[2];
    rtfrac_diag_clear(&why);
    assert_int_equal(rtfrac_table_grid_check(&ok, &n, &why), RTFRAC_OK);
    assert_int_equal(rtfrac_table_grid_check(&d, &n, &why), RTFRAC_EDOM);
    assert_string_equal(why.message, "5 fractions of 2000.01 Gy make a total dose above the accepted maximum of 10000 Gy");
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &d, &n, RTFRAC_TABLE_TOTAL, g), RTFRAC_EDOM);
    assert_int_equal(rtfrac_table_grid(&m, 3.0, &ok, &n, RTFRAC_TABLE_TOTAL, g), RTFRAC_OK);
    assert_rel(g[0], 10000.0, 0.0);
    /* 30 x 1 Gy over 39 days with K = 10 Gy/d from day 0: BED 33 - 390 */
    m.time = 1;
    m.tk_days = 0.0;
    m.dprolif_gy_per_day = 10.0;
    rtfrac_table_range one = range_of("1", 0, "0.1");
    rtfrac_table_range thirty = range_of("30", 1, "1");
    assert_int_equal(rtfrac_table_grid(&m, 10.0, &one, &thirty, RTFRAC_TABLE_BED, g), RTFRAC_EREPOP);
    /* iso: BED 9000 Gy in 5000 fractions at a/b 100 Gy, K 0.9 Gy/d from day
     * 0, needs a total of about 14856 Gy */
    m.dprolif_gy_per_day = 0.9;
    rtfrac_table_range five_thousand = range_of("5000", 1, "1");
    double dpf[1], total[1];
    rtfrac_diag_clear(&why);
    assert_int_equal(rtfrac_table_iso(&m, 100.0, 9000.0, RTFRAC_TABLE_BED, &five_thousand, dpf, total, &why),
                     RTFRAC_EDOM);
    assert_non_null(strstr(why.message, "with a total dose up to 10000 Gy"));
    double x = 0.0;
    assert_int_equal(rtfrac_model_solve_dose_per_fraction(&m, 9000.0, 5000, 100.0, &x), RTFRAC_EDOM);
}

/* Iso-EQD2 under plain LQ against the closed form
 * BED = EQD2 (1 + 2/(a/b)), d = 2 (BED/n) / (1 + sqrt(1 + 4 BED/(n a/b))). */
static void test_iso_eqd2_closed_form(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_table_range n = range_of("1:40", 1, "1");
    double d[40], D[40];
    const double ab = 3.0, eqd2 = 60.0, bed = eqd2 * (1 + 2 / ab);
    assert_int_equal(rtfrac_table_iso(&m, ab, eqd2, RTFRAC_TABLE_EQD2, &n, d, D, NULL), RTFRAC_OK);
    for (int j = 0; j < 40; j++) {
        double k = j + 1;
        double want = 2 * (bed / k) / (1 + sqrt(1 + 4 * bed / (k * ab)));
        assert_rel(d[j], want, REL);
        assert_rel(D[j], want * k, REL);
    }
    /* 30 fractions of 2 Gy is EQD2 60 at any alpha/beta */
    assert_rel(d[29], 2.0, REL);
    /* iso-BED: 120 Gy at a/b 3 is the same table */
    double d2[40], D2[40];
    assert_int_equal(rtfrac_table_iso(&m, ab, bed, RTFRAC_TABLE_BED, &n, d2, D2, NULL), RTFRAC_OK);
    for (int j = 0; j < 40; j++)
        assert_rel(d2[j], d[j], REL);
}

/* Brunt AM et al. (FAST trial, 10-year results), J Clin Oncol
 * 2020;38(28):3261-3272, abstract: with alpha/beta 2.7 Gy (95% CI 1.5 to
 * 3.9 Gy) the 5-fraction dose isoeffective with 50 Gy in 25 fractions
 * (EQD2 50 Gy) is 28 Gy (26 to 30 Gy), printed to the whole Gy.
 * Ritter M et al., Cancer J 2009;15(1):1-6, Table 2: 36.25 Gy in 5
 * fractions has EQD2 74.3 Gy at alpha/beta 3 (printed to 0.1 Gy). */
static void test_iso_published(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_table_range n = range_of("5", 1, "1");
    double d = 0.0, D = 0.0;
    assert_int_equal(rtfrac_table_iso(&m, 2.7, 50.0, RTFRAC_TABLE_EQD2, &n, &d, &D, NULL), RTFRAC_OK);
    assert_abs(D, 28.0, 0.5);
    assert_int_equal(rtfrac_table_iso(&m, 1.5, 50.0, RTFRAC_TABLE_EQD2, &n, &d, &D, NULL), RTFRAC_OK);
    assert_abs(D, 26.0, 0.5);
    assert_int_equal(rtfrac_table_iso(&m, 3.9, 50.0, RTFRAC_TABLE_EQD2, &n, &d, &D, NULL), RTFRAC_OK);
    assert_abs(D, 30.0, 0.5);
    /* Ritter 2009: EQD2 74.3 at a/b 3 in 5 fractions is 36.25 Gy to within
     * the 0.05 Gy of EQD2 rounding (dD/dEQD2 = 0.488 here) */
    assert_int_equal(rtfrac_table_iso(&m, 3.0, 74.3, RTFRAC_TABLE_EQD2, &n, &d, &D, NULL), RTFRAC_OK);
    assert_abs(D, 36.25, 0.03);
}

/* LQ-L and USC: each row's EQD2, computed back by rtfrac_model_effect with
 * the same model, is the target (substitution); EQD2 is converted to BED
 * with the model's own reference fractions, so 30 x 2 Gy stays EQD2 60 Gy. */
static void test_iso_lql_usc_substitution(void **state)
{
    (void)state;
    rtfrac_model models[2];
    double abs_[2] = { 10.0, 0.0 };
    rtfrac_model_init(&models[0]);
    models[0].kind = RTFRAC_MODEL_LQL;
    models[0].has_dt = 1;
    models[0].dt_gy = 1.5; /* below 2 Gy: the reference fractions are LQ-L too */
    rtfrac_model_init(&models[1]);
    models[1].kind = RTFRAC_MODEL_USC;
    models[1].alpha_per_gy = 0.33;
    models[1].d0_gy = 1.25;
    models[1].dq_gy = 1.8;
    assert_int_equal(rtfrac_model_usc_alpha_beta(&models[1], &abs_[1]), RTFRAC_OK);
    rtfrac_table_range n = range_of("1,3,5,30", 1, "1");
    for (int k = 0; k < 2; k++) {
        rtfrac_table_cell c[4];
        double d[4], D[4];
        assert_int_equal(rtfrac_table_iso_cells(&models[k], abs_[k], 60.0, RTFRAC_TABLE_EQD2, &n,
                                                c, NULL),
                         RTFRAC_OK);
        assert_int_equal(rtfrac_table_iso(&models[k], abs_[k], 60.0, RTFRAC_TABLE_EQD2, &n, d, D,
                                          NULL),
                         RTFRAC_OK);
        for (int j = 0; j < 4; j++) {
            rtfrac_effect e;
            assert_int_equal(rtfrac_model_effect(&models[k], D[j], c[j].fractions, abs_[k], &e),
                             RTFRAC_OK);
            assert_rel(e.eqd2_gy, 60.0, 1e-9);
            assert_rel(c[j].effect.eqd2_gy, 60.0, 1e-9);
            assert_rel(c[j].dose_per_fraction_gy, d[j], 0.0);
            assert_rel(c[j].total_dose_gy, D[j], 0.0);
        }
        assert_int_equal(c[3].fractions, 30);
        assert_rel(d[3], 2.0, 1e-9); /* 30 x 2 Gy is EQD2 60 under every model */
        assert_true(d[0] > 10.0);     /* one fraction: far above dT */
    }
}

static void test_iso_errors(void **state)
{
    (void)state;
    rtfrac_model m;
    rtfrac_model_init(&m);
    rtfrac_table_range n = range_of("1:3", 1, "1");
    double d[3], D[3];
    rtfrac_diag diag;
    assert_int_equal(rtfrac_table_iso(&m, 3.0, 60.0, RTFRAC_TABLE_TOTAL, &n, d, D, &diag), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_table_iso(&m, 3.0, 0.0, RTFRAC_TABLE_EQD2, &n, d, D, &diag), RTFRAC_EDOM);
    assert_int_equal(rtfrac_table_iso(&m, 0.0, 60.0, RTFRAC_TABLE_EQD2, &n, d, D, &diag), RTFRAC_EDOM);
    rtfrac_table_range bad_n = range_of("1.5", 0, "0.1");
    assert_int_equal(rtfrac_table_iso(&m, 3.0, 60.0, RTFRAC_TABLE_BED, &bad_n, d, D, &diag), RTFRAC_EDOM);
    /* a BED of 1e9 Gy in one fraction: LQ-L's linear tail reaches it with
     * no dose per fraction up to RTFRAC_DOSE_MAX_GY; diag names n */
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 6.0;
    rtfrac_table_range one = range_of("1", 1, "1");
    assert_int_equal(rtfrac_table_iso(&m, 3.0, 1e9, RTFRAC_TABLE_BED, &one, d, D, &diag), RTFRAC_EDOM);
    assert_non_null(strstr(diag.message, "in 1 fraction gives BED"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_range_valid_forms),
        cmocka_unit_test(test_range_invalid_forms),
        cmocka_unit_test(test_range_decimal_steps_exact),
        cmocka_unit_test(test_range_times_decimal_product),
        cmocka_unit_test(test_fractions_check),
        cmocka_unit_test(test_grid_eqd2_closed_form),
        cmocka_unit_test(test_grid_cells_exact_dose_per_fraction),
        cmocka_unit_test(test_grid_with_time),
        cmocka_unit_test(test_grid_errors),
        cmocka_unit_test(test_grid_refuses_what_calc_refuses),
        cmocka_unit_test(test_iso_eqd2_closed_form),
        cmocka_unit_test(test_iso_published),
        cmocka_unit_test(test_iso_lql_usc_substitution),
        cmocka_unit_test(test_iso_errors),
    };
    return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
