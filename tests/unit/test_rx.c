/* Unit tests of the prescription parser (include/rtfrac/rx.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

typedef struct accepted {
    const char *text;
    const char *label;
    double total_dose_gy;
    unsigned long fractions;
} accepted;

/* Every spelling of the foundation issue, and then some. */
static const accepted accepted_forms[] = {
    { "55/22", "", 55.0, 22 },
    { "55Gy/22", "", 55.0, 22 },
    { "55 Gy/22 fx", "", 55.0, 22 },
    { "5500cGy/22fx", "", 55.0, 22 },
    { "5500 cGy / 22", "", 55.0, 22 },
    { "55GY/22FX", "", 55.0, 22 },
    { "55 gy / 22 Fractions", "", 55.0, 22 },
    { "22x2.5", "", 55.0, 22 },
    { "22 x 2.5 Gy", "", 55.0, 22 },
    { "2.5Gy x 22", "", 55.0, 22 },
    { "22\xc3\x97" "2.5", "", 55.0, 22 },
    { "22 X 2.5", "", 55.0, 22 },
    { "22*2.5", "", 55.0, 22 },
    { "22 fx x 2.5", "", 55.0, 22 },
    { "2.5 x 22 fx", "", 55.0, 22 },
    { "250cGy x 22", "", 55.0, 22 },
    { "55 Gy in 22 fractions", "", 55.0, 22 },
    { "55Gy in 22 fx", "", 55.0, 22 },
    { "55 Gy in 22 fr", "", 55.0, 22 },
    { "55 Gy in 22 fraction", "", 55.0, 22 },
    { "55 in 22", "", 55.0, 22 },
    { "PTV-1=55/22", "PTV-1", 55.0, 22 },
    { "PTV-2=44/22", "PTV-2", 44.0, 22 },
    { " PTV 1 = 55 Gy / 22 ", "PTV 1", 55.0, 22 },
    { "\xce\xb1-boost=8/1", "\xce\xb1-boost", 8.0, 1 },
    { "36.25/5", "", 36.25, 5 },
    { ".5/1", "", 0.5, 1 },
    { "47.7/20", "", 47.7, 20 },
    { "60/30.0", "", 60.0, 30 },
    { "5.5e1/22", "", 55.0, 22 },
    { "\t55/22\t", "", 55.0, 22 },
    { "55/10000", "", 55.0, 10000 },
    /* unit-less doses up to 30 Gy per fraction are gray (issue 9, item 11) */
    { "30/1", "", 30.0, 1 },
    { "1x30", "", 30.0, 1 },
    { "34Gy/1", "", 34.0, 1 },
    { "1 x 34 Gy", "", 34.0, 1 },
    { "5500cGy/22", "", 55.0, 22 },
};

static void test_accepted_form(void **state)
{
    {
        const accepted *a = *state;
        rtfrac_rx rx;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        int rc = rtfrac_rx_parse(a->text, &rx, &d);
        if (rc != RTFRAC_OK)
            print_error("'%s' refused: %s (column %u)\n", a->text, d.message, d.column);
        assert_int_equal(rc, RTFRAC_OK);
        assert_string_equal(rx.label, a->label);
        assert_rel(rx.total_dose_gy, a->total_dose_gy, 1e-12);
        assert_int_equal(rx.fractions, a->fractions);
    }
}

typedef struct rejected {
    const char *text;
    unsigned column;      /* 1-based, in characters */
    const char *contains; /* a fragment of the message */
} rejected;

static const rejected rejected_forms[] = {
    { "", 1, "empty prescription" },
    { "   ", 1, "empty prescription" },
    { "0/22", 1, "greater than 0" },
    { "-55/22", 1, "greater than 0" },
    { "55/0", 4, "at least 1" },
    { "55/-22", 4, "at least 1" },
    { "55/22.5", 4, "whole number" },
    { "55/4294967318", 4, "above the accepted maximum" },
    { "55/18446744073709551638", 4, "above the accepted maximum" },
    { "55/10001", 4, "above the accepted maximum" },
    /* a comma in a number: the hint offers only readings that are valid
     * prescriptions, or says why the likely reading is none */
    { "5,500cGy/22", 2, "write '5500cGy/22' if ',' separates thousands, or '5.500cGy/22' if it is a decimal comma" },
    { "2,5Gy x 22", 2, "; '.' is the decimal point: write '2.5Gy x 22'" },
    { "PTV=2,5 Gy x 22", 6, "write 'PTV=2.5 Gy x 22'" },
    { "2,5", 2, "'2.5' is no prescription either (incomplete prescription" },
    { "55/22,5", 6, "'55/22.5' is no prescription either (fraction count must be a whole number" },
    { "55/2,2", 5, "'55/2.2' is no prescription either" },
    { "55,5/22", 3, "write '55.5/22'" },
    { "55/1,500", 5, "numbers take no thousands separator: write '55/1500'" },
    { "2,5 Gy x 2,2", 2, "'2.5 Gy x 2.2' is no prescription either" },
    { "1,500,000cGy/2", 2, "'1500000cGy/2' is no prescription either (total dose 15000 Gy" },
    { "0x37/22", 1, "hexadecimal" },
    { "nan/22", 1, "NaN" },
    { "55/inf", 4, "NaN and infinity" },
    { "1e999/22", 1, "out of range" },
    { "55Sv/22", 3, "unknown unit 'Sv'" },
    { "55 Gy/22 Gy", 10, "dose unit 'Gy' on the fraction count" },
    { "55fx/22", 3, "fraction unit" },
    { "55", 3, "incomplete" },
    { "55/", 4, "missing the fraction count" },
    { "55 Gy in", 9, "missing the fraction count" },
    { "/22", 1, "expected a dose" },
    { "55/22 extra", 7, "unknown unit 'extra'" },
    { "55/22/3", 6, "unexpected '/3'" },
    { "55/22 5", 7, "unexpected '5'" },
    { "=55/22", 1, "empty label" },
    { "  =55/22", 3, "empty label" },
    { "PTV=", 5, "empty prescription" },
    { "2.5 x 22", 1, "whole number" },
    { "2.5 x 22", 1, "'2.5Gy x 22'" },
    { "2.5Gy x 2.5Gy", 12, "both numbers carry a dose unit" },
    { "22fx x 2fx", 9, "both numbers carry a fraction unit" },
    { "55 ; 22", 4, "unexpected character ';'" },
    { "55, 22", 3, "unexpected ','" },
    { "55/22 \xc2\xb5", 7, "unexpected character '\xc2\xb5'" },
    { "20000/22", 1, "above the accepted maximum" },
    /* a unit-less dose above 30 Gy per fraction is almost surely cGy */
    { "5500/22", 1, "did you mean '5500cGy/22' (55 Gy in 22 fractions)?" },
    { "5500 in 22 fractions", 1, "250 Gy per fraction, implausible in gray" },
    { "22x250", 4, "did you mean '22 x 250cGy' (2.5 Gy per fraction)?" },
    { "250 x 22 fx", 1, "did you mean '22 x 250cGy'" },
    { "34/1", 1, "write the unit to confirm it: '34Gy/1'" },
    { "30.1/1", 1, "30.1 Gy per fraction" },
    { "2000Gy x 22", 1, "above the accepted maximum" },
    { "55/1/2/3/4/5/6/7/8/9/10/11/12", 17, "too many parts" },
    { "L\x01=55/22", 2, "control character" },
    { "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=55/22", 1,
      "label is longer" },
};

static void test_rejected_form(void **state)
{
    int failures = 0;
    {
        const rejected *r = *state;
        rtfrac_rx rx;
        memset(&rx, 0x5a, sizeof(rx));
        rtfrac_rx before = rx;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        int rc = rtfrac_rx_parse(r->text, &rx, &d);
        if (rc != RTFRAC_EPARSE || d.column != r->column || strstr(d.message, r->contains) == NULL) {
            print_error("'%s': rc %d, column %u (expected %u), message '%s' (expected '%s')\n",
                        r->text, rc, d.column, r->column, d.message, r->contains);
            failures++;
        }
        assert_memory_equal(&rx, &before, sizeof(rx)); /* untouched */
    }
    assert_int_equal(failures, 0);
}

/* Every spelling gives bit-identical numbers, so every table agrees. */
static void test_spellings_agree_exactly(void **state)
{
    (void)state;
    rtfrac_rx ref, rx;
    assert_int_equal(rtfrac_rx_parse("55/22", &ref, NULL), RTFRAC_OK);
    for (size_t i = 0; i < 21; i++) {
        assert_int_equal(rtfrac_rx_parse(accepted_forms[i].text, &rx, NULL), RTFRAC_OK);
        assert_memory_equal(&rx.total_dose_gy, &ref.total_dose_gy, sizeof(double));
        assert_int_equal(rx.fractions, ref.fractions);
    }
}

static void test_dose_per_fraction_of_rx(void **state)
{
    (void)state;
    rtfrac_rx rx;
    assert_int_equal(rtfrac_rx_parse("PTV-1=55/22", &rx, NULL), RTFRAC_OK);
    assert_rel(rtfrac_rx_dose_per_fraction_gy(&rx), 2.5, 1e-15);
    assert_int_equal(rtfrac_rx_parse("20 x 2.385", &rx, NULL), RTFRAC_OK);
    assert_rel(rtfrac_rx_dose_per_fraction_gy(&rx), 2.385, 1e-15);
    assert_rel(rx.total_dose_gy, 47.7, 1e-15);
    /* N x d: the total is the decimal product, the dose per fraction as
     * written (3 x 2.2 is 6.6000000000000005 in binary) */
    assert_int_equal(rtfrac_rx_parse("3x2.2", &rx, NULL), RTFRAC_OK);
    assert_rel(rx.total_dose_gy, 6.6, 0.0);
    assert_rel(rtfrac_rx_dose_per_fraction_gy(&rx), 2.2, 0.0);
    assert_int_equal(rtfrac_rx_parse("9 x 1.8 Gy", &rx, NULL), RTFRAC_OK);
    assert_rel(rx.total_dose_gy, 16.2, 0.0);
    assert_rel(rtfrac_rx_dose_per_fraction_gy(&rx), 1.8, 0.0);
}

/* The column counts characters, not bytes: a caret printed under it lines
 * up in a UTF-8 terminal. */
static void test_column_counts_characters(void **state)
{
    (void)state;
    rtfrac_rx rx;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_rx_parse("\xce\xb1\xce\xb2=55/0", &rx, &d), RTFRAC_EPARSE);
    assert_int_equal(d.column, 7);
}

/* The hint never offers a reading that is not a prescription: '2,5' is no
 * thousands separator, so neither '25Gy x 22' nor '25' is suggested. */
static void test_comma_hint_offers_no_invalid_reading(void **state)
{
    static const struct { const char *text, *absent; } cases[] = {
        { "2,5Gy x 22", "'25Gy x 22'" },
        { "PTV=2,5 Gy x 22", "PTV=25" },
        { "2,5", "'25'" },
        { "55/22,5", "'55/225'" },
        { "55/22,5", "write '55/22.5'" },
        { "55/1,500", "'55/1.500'" },
    };
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rtfrac_rx rx;
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        assert_int_equal(rtfrac_rx_parse(cases[i].text, &rx, &d), RTFRAC_EPARSE);
        if (strstr(d.message, cases[i].absent) != NULL)
            fail_msg("'%s': the hint offers %s: %s", cases[i].text, cases[i].absent, d.message);
    }
}

static void test_null_diag_is_allowed(void **state)
{
    (void)state;
    rtfrac_rx rx;
    assert_int_equal(rtfrac_rx_parse("55/0", &rx, NULL), RTFRAC_EPARSE);
    assert_int_equal(rtfrac_rx_parse("5,5/1", &rx, NULL), RTFRAC_EPARSE);
}

#define N_ACCEPTED (sizeof(accepted_forms) / sizeof(accepted_forms[0]))
#define N_REJECTED (sizeof(rejected_forms) / sizeof(rejected_forms[0]))
#define N_FIXED 5 /* the tests of fixed[] below */

int main(void)
{
    static char names[N_ACCEPTED + N_REJECTED][128];
    struct CMUnitTest tests[N_ACCEPTED + N_REJECTED + N_FIXED];
    size_t nt = 0;

    gsl_set_error_handler_off();
    /* one test per row of the tables, named after the text it parses */
    for (size_t i = 0; i < N_ACCEPTED; i++, nt++) {
        snprintf(names[nt], sizeof(names[nt]), "accepts '%s'", accepted_forms[i].text);
        tests[nt] = (struct CMUnitTest){ names[nt], test_accepted_form, NULL, NULL,
                                         (void *)&accepted_forms[i] };
    }
    for (size_t i = 0; i < N_REJECTED; i++, nt++) {
        snprintf(names[nt], sizeof(names[nt]), "rejects '%.60s' at column %u",
                 rejected_forms[i].text, rejected_forms[i].column);
        tests[nt] = (struct CMUnitTest){ names[nt], test_rejected_form, NULL, NULL,
                                         (void *)&rejected_forms[i] };
    }
    const struct CMUnitTest fixed[N_FIXED] = {
        cmocka_unit_test(test_spellings_agree_exactly),
        cmocka_unit_test(test_dose_per_fraction_of_rx),
        cmocka_unit_test(test_column_counts_characters),
        cmocka_unit_test(test_null_diag_is_allowed),
        cmocka_unit_test(test_comma_hint_offers_no_invalid_reading),
    };
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        tests[nt++] = fixed[i];
    return _cmocka_run_group_tests("rx", tests, nt, NULL, NULL);
}
