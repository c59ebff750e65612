/* Unit tests of the checked number parser (include/rtfrac/num.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <locale.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

typedef struct num_ok {
    const char *text;
    double value;
} num_ok;

static const num_ok parse_ok[] = {
    { "0", 0.0 }, { "2.385", 2.385 }, { " 10 ", 10.0 }, { "\t1.5", 1.5 },
    { ".5", 0.5 }, { "5.", 5.0 }, { "+3", 3.0 }, { "-2.5", -2.5 },
    { "1e2", 100.0 }, { "2.5E-1", 0.25 }, { "0.1", 0.1 },
    { "123456789.125", 123456789.125 },
};

static void test_parse_accepts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(parse_ok) / sizeof(parse_ok[0]); i++) {
        double v = -99.0;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        if (rtfrac_num_parse(parse_ok[i].text, &v, &d) != RTFRAC_OK)
            print_error("'%s' refused: %s\n", parse_ok[i].text, d.message);
        assert_int_equal(rtfrac_num_parse(parse_ok[i].text, &v, &d), RTFRAC_OK);
        assert_rel(v, parse_ok[i].value, 0.0);
    }
}

typedef struct num_bad {
    const char *text;
    unsigned column;
    const char *contains;
} num_bad;

static const num_bad parse_bad[] = {
    { "", 1, "number was expected" },
    { "   ", 4, "number was expected" },
    { "1,5", 2, "ambiguous" },
    { "1,000", 2, "ambiguous" },
    { ",5", 1, "ambiguous" },
    { "0x10", 1, "hexadecimal" },
    { "nan", 1, "NaN" },
    { "NaN", 1, "NaN" },
    { "-inf", 2, "NaN and infinity" },
    { "Infinity", 1, "NaN and infinity" },
    { "1e400", 1, "out of range" },
    { "1e-400", 1, "out of range" },
    { "2.5Gy", 4, "after the number" },
    { "2.5 3", 5, "after the number" },
    { ".", 1, "number was expected" },
    { "e5", 1, "number was expected" },
    { "1111111111111111111111111111111111111111111111111111111111111111111", 1,
      "more than 64" },
};

static void test_parse_rejects(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof(parse_bad) / sizeof(parse_bad[0]); i++) {
        double v = -99.0;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        int rc = rtfrac_num_parse(parse_bad[i].text, &v, &d);
        if (rc != RTFRAC_EPARSE || d.column != parse_bad[i].column ||
            strstr(d.message, parse_bad[i].contains) == NULL) {
            print_error("'%s': rc %d column %u (expected %u) message '%s'\n",
                        parse_bad[i].text, rc, d.column, parse_bad[i].column, d.message);
            failures++;
        }
        assert_rel(v, -99.0, 0.0); /* untouched */
    }
    assert_int_equal(failures, 0);
}

static void test_scan_leaves_the_rest(void **state)
{
    (void)state;
    size_t used = 0;
    double v = 0.0;
    rtfrac_num_problem why = RTFRAC_NUM_EMPTY;
    assert_int_equal(rtfrac_num_scan("5500cGy/22", &used, &v, &why, NULL), RTFRAC_OK);
    assert_int_equal(used, 4);
    assert_rel(v, 5500.0, 0.0);
    assert_int_equal(why, RTFRAC_NUM_OK);
    assert_int_equal(rtfrac_num_scan("2.5e", &used, &v, NULL, NULL), RTFRAC_OK);
    assert_int_equal(used, 3); /* 'e' without digits is not an exponent */
    assert_int_equal(rtfrac_num_scan("12,5", &used, &v, &why, NULL), RTFRAC_EPARSE);
    assert_int_equal(why, RTFRAC_NUM_COMMA);
    assert_int_equal(rtfrac_num_scan("0X1F", &used, &v, &why, NULL), RTFRAC_EPARSE);
    assert_int_equal(why, RTFRAC_NUM_HEX);
    assert_int_equal(rtfrac_num_scan("inf", &used, &v, &why, NULL), RTFRAC_EPARSE);
    assert_int_equal(why, RTFRAC_NUM_NONFINITE);
    assert_int_equal(rtfrac_num_scan("9e999", &used, &v, &why, NULL), RTFRAC_EPARSE);
    assert_int_equal(why, RTFRAC_NUM_RANGE);
}

/* A program that embeds the library may set a comma-decimal locale; the
 * parser must still read '.' and refuse ','. */
static void test_comma_decimal_locale(void **state)
{
    (void)state;
    const char *names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "nl_NL.UTF-8" };
    const char *got = NULL;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && got == NULL; i++)
        got = setlocale(LC_ALL, names[i]);
    if (got == NULL) {
        print_message("no comma-decimal locale installed (make deps installs locales-all)\n");
        skip();
    }
    double v = 0.0;
    assert_int_equal(rtfrac_num_parse("2.385", &v, NULL), RTFRAC_OK);
    assert_rel(v, 2.385, 0.0);
    assert_int_equal(rtfrac_num_parse("2,385", &v, NULL), RTFRAC_EPARSE);
    rtfrac_rx rx;
    assert_int_equal(rtfrac_rx_parse("47.7 Gy / 20", &rx, NULL), RTFRAC_OK);
    assert_rel(rx.total_dose_gy, 47.7, 0.0);
    setlocale(LC_ALL, "C");
}

typedef struct qty_ok {
    const char *text;
    rtfrac_quantity q;
    double value;
} qty_ok;

static void test_quantities(void **state)
{
    (void)state;
    static const qty_ok ok[] = {
        { "55 Gy", RTFRAC_QTY_DOSE_GY, 55.0 },
        { "5500 cGy", RTFRAC_QTY_DOSE_GY, 55.0 },
        { "5500cgy", RTFRAC_QTY_DOSE_GY, 55.0 },
        { "55", RTFRAC_QTY_DOSE_GY, 55.0 },
        { "21 d", RTFRAC_QTY_TIME_DAYS, 21.0 },
        { "21 days", RTFRAC_QTY_TIME_DAYS, 21.0 },
        { "1.5 h", RTFRAC_QTY_TIME_HOURS, 1.5 },
        { "0.35 /Gy", RTFRAC_QTY_PER_GY, 0.35 },
        { "0.9 Gy/d", RTFRAC_QTY_GY_PER_DAY, 0.9 },
        { "33 %", RTFRAC_QTY_PERCENT, 33.0 },
        { "700 cc", RTFRAC_QTY_VOLUME_CC, 700.0 },
        { "7", RTFRAC_QTY_PLAIN, 7.0 },
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        double v = 0.0;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        if (rtfrac_num_parse_quantity(ok[i].text, ok[i].q, &v, &d) != RTFRAC_OK)
            print_error("'%s' refused: %s\n", ok[i].text, d.message);
        assert_int_equal(rtfrac_num_parse_quantity(ok[i].text, ok[i].q, &v, &d), RTFRAC_OK);
        assert_rel(v, ok[i].value, 1e-15);
    }
}

static void test_quantity_wrong_unit(void **state)
{
    (void)state;
    double v = 0.0;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_num_parse_quantity("55 Sv", RTFRAC_QTY_DOSE_GY, &v, &d), RTFRAC_EPARSE);
    assert_int_equal(d.column, 4);
    assert_non_null(strstr(d.message, "accepted: Gy or cGy"));
    assert_int_equal(rtfrac_num_parse_quantity("1.5 d", RTFRAC_QTY_TIME_HOURS, &v, &d), RTFRAC_EPARSE);
    assert_int_equal(rtfrac_num_parse_quantity("7 Gy", RTFRAC_QTY_PLAIN, &v, &d), RTFRAC_EPARSE);
    assert_int_equal(rtfrac_num_parse_quantity("5,5 Gy", RTFRAC_QTY_DOSE_GY, &v, &d), RTFRAC_EPARSE);
    assert_int_equal(rtfrac_num_parse_quantity("", RTFRAC_QTY_DOSE_GY, &v, &d), RTFRAC_EPARSE);
    assert_rel(v, 0.0, 0.0);
    assert_string_equal(rtfrac_num_quantity_units(RTFRAC_QTY_TIME_DAYS), "d (days)");
}

static void test_utf8_width(void **state)
{
    (void)state;
    assert_int_equal(rtfrac_num_utf8_width("abc", 3), 3);
    assert_int_equal(rtfrac_num_utf8_width("\xce\xb1/\xce\xb2", 5), 3);
    assert_int_equal(rtfrac_num_utf8_width("22\xc3\x97" "2", 5), 4);
    assert_int_equal(rtfrac_num_utf8_width("ab", 10), 2);
}

static void test_diag_clear(void **state)
{
    (void)state;
    rtfrac_diag d;
    memset(&d, 'x', sizeof(d));
    rtfrac_diag_clear(&d);
    assert_int_equal(d.line, 0);
    assert_int_equal(d.column, 0);
    assert_string_equal(d.message, "");
    assert_string_equal(d.file, "");
    rtfrac_diag_clear(NULL);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepts),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_scan_leaves_the_rest),
        cmocka_unit_test(test_comma_decimal_locale),
        cmocka_unit_test(test_quantities),
        cmocka_unit_test(test_quantity_wrong_unit),
        cmocka_unit_test(test_utf8_width),
        cmocka_unit_test(test_diag_clear),
    };
    return cmocka_run_group_tests_name("num", tests, NULL, NULL);
}
