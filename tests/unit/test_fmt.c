/* Unit tests of number printing (include/rtfrac/fmt.h): the shortest text
 * reads back as the same double and is byte for byte what the former
 * method printed ("%.15g", "%.16g", "%.17g", the first that reads back);
 * fixed decimals round half away from zero on the shortest decimal.
 * The random doubles come from a fixed seed (xorshift64*), so a failure
 * repeats; RTFRAC_FMT_TEST_COUNT sets how many (default 30000 per kind).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

/* The former method, kept here as the reference. */
static void ref_shortest(char *buf, size_t size, double value)
{
    if (!(value < 0.0) && !(value > 0.0))
        value = 0.0;
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, value);
        double back = strtod(buf, NULL);
        if (!(back < value) && !(back > value))
            return;
    }
}

static void ref_fixed(char *buf, size_t size, double value, int decimals)
{
    double v = value;
    char shortest[40];
    ref_shortest(shortest, sizeof(shortest), value);
    const char *dot = strchr(shortest, '.');
    if (dot != NULL && strpbrk(shortest, "eE") == NULL && strlen(dot + 1) == (size_t)decimals + 1 &&
        dot[1 + decimals] == '5')
        v = nextafter(value, value < 0.0 ? -HUGE_VAL : HUGE_VAL);
    snprintf(buf, size, "%.*f", decimals, v);
    if (buf[0] == '-' && buf[1 + strspn(buf + 1, "0.")] == '\0')
        memmove(buf, buf + 1, strlen(buf));
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t next_u64(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

/* kind 0: any finite bit pattern; 1: a decimal with few digits (doses as
 * typed: 55, 2.385, 90.625, 0.0001); 2: a computed dose (BED of a random
 * schedule: values that need 16 or 17 digits). */
static double random_double(int kind)
{
    uint64_t u = next_u64();
    switch (kind) {
    case 0: {
        double d;
        do {
            u = next_u64();
            memcpy(&d, &u, sizeof(d));
        } while (!isfinite(d));
        return d;
    }
    case 1: {
        double mant = (double)(u % 1000000);
        int scale = (int)((u >> 32) % 12);
        return (u >> 60 & 1 ? -1.0 : 1.0) * mant / pow(10.0, scale);
    }
    default: {
        double total = 1.0 + (double)(u % 10000) / 100.0;
        double n = 1.0 + (double)((u >> 20) % 40);
        double ab = 0.5 + (double)((u >> 40) % 200) / 10.0;
        return total * (1.0 + total / n / ab) / (1.0 + 2.0 / ab);
    }
    }
}

static int same(double a, double b)
{
    return !(a < b) && !(a > b);
}

static long test_count(void)
{
    const char *s = getenv("RTFRAC_FMT_TEST_COUNT");
    long n = s ? strtol(s, NULL, 10) : 30000;
    return n > 0 ? n : 30000;
}

static void test_shortest_known(void **state)
{
    (void)state;
    static const struct { double v; const char *text; } cases[] = {
        { 0.0, "0" }, { -0.0, "0" }, { 55.0, "55" }, { 2.5, "2.5" }, { 0.1, "0.1" },
        { 2.385, "2.385" }, { 90.625, "90.625" }, { 1e20, "1e+20" }, { 1e-5, "1e-05" },
        { 0.0001, "0.0001" }, { 123456789012345678.0, "1.2345678901234568e+17" },
        { 56.281818181818174, "56.281818181818174" }, { 3.727272727272727, "3.727272727272727" },
        { -1.5, "-1.5" }, { 1e23, "1e+23" },
        { 5e-324, "4.94065645841247e-324" }, { 1.7976931348623157e308, "1.7976931348623157e+308" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char buf[RTFRAC_FMT_MAX];
        assert_true(rtfrac_fmt_shortest(buf, sizeof(buf), cases[i].v) > 0);
        assert_string_equal(buf, cases[i].text);
    }
}

static void test_shortest_random(void **state)
{
    (void)state;
    long count = test_count();
    for (int kind = 0; kind < 3; kind++) {
        for (long i = 0; i < count; i++) {
            double v = random_double(kind);
            char got[RTFRAC_FMT_MAX], want[RTFRAC_FMT_MAX];
            int len = rtfrac_fmt_shortest(got, sizeof(got), v);
            ref_shortest(want, sizeof(want), v);
            if (len != (int)strlen(got) || strcmp(got, want) != 0 || !same(strtod(got, NULL), v))
                print_error("%.17g (kind %d): got '%s', the former method '%s'\n", v, kind, got, want);
            assert_string_equal(got, want);
            assert_true(same(strtod(got, NULL), v)); /* round trip */
        }
    }
}

static void test_fixed_known(void **state)
{
    (void)state;
    static const struct { double v; int decimals; const char *text; } cases[] = {
        { 2.385, 2, "2.39" }, { 90.625, 2, "90.63" }, { -2.385, 2, "-2.39" }, { 55.0, 2, "55.00" },
        { 55.0, 0, "55" }, { 0.5, 0, "1" }, { 2.5, 0, "3" }, { -0.001, 2, "0.00" }, { 0.0, 3, "0.000" },
        { 1e20, 2, "100000000000000000000.00" }, { 57.291666666666664, 2, "57.29" },
        { 68.75, 1, "68.8" }, { 0.125, 2, "0.13" }, { 1.005, 2, "1.01" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char buf[RTFRAC_FMT_MAX];
        assert_true(rtfrac_fmt_fixed(buf, sizeof(buf), cases[i].v, cases[i].decimals) > 0);
        assert_string_equal(buf, cases[i].text);
    }
    char buf[RTFRAC_FMT_MAX];
    assert_int_equal(rtfrac_fmt_fixed(buf, sizeof(buf), 1.0, 16), -1);
    assert_int_equal(rtfrac_fmt_fixed(buf, sizeof(buf), 1.0, -1), -1);
}

static void test_fixed_random(void **state)
{
    (void)state;
    long count = test_count() / 2;
    for (int kind = 0; kind < 3; kind++) {
        for (long i = 0; i < count; i++) {
            double v = random_double(kind);
            if (kind == 0 && fabs(v) > 1e30)
                v = fmod(v, 1e30);
            int decimals = (int)(next_u64() % 16);
            char got[RTFRAC_FMT_MAX], want[RTFRAC_FMT_MAX];
            int len = rtfrac_fmt_fixed(got, sizeof(got), v, decimals);
            ref_fixed(want, sizeof(want), v, decimals);
            if (len != (int)strlen(got) || strcmp(got, want) != 0)
                print_error("%.17g at %d decimals: got '%s', the former method '%s'\n", v, decimals, got, want);
            assert_string_equal(got, want);
        }
    }
}

/* A program that set a locale with a decimal comma still gets '.'. */
static void test_comma_locale(void **state)
{
    (void)state;
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL) {
        skip();
        return;
    }
    char buf[RTFRAC_FMT_MAX];
    rtfrac_fmt_shortest(buf, sizeof(buf), 2.385);
    assert_string_equal(buf, "2.385");
    rtfrac_fmt_shortest(buf, sizeof(buf), 56.281818181818174);
    assert_string_equal(buf, "56.281818181818174");
    rtfrac_fmt_fixed(buf, sizeof(buf), 90.625, 2);
    assert_string_equal(buf, "90.63");
    rtfrac_fmt_fixed(buf, sizeof(buf), 1.0 / 3.0, 4);
    assert_string_equal(buf, "0.3333");
    setlocale(LC_ALL, "C");
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shortest_known),
        cmocka_unit_test(test_shortest_random),
        cmocka_unit_test(test_fixed_known),
        cmocka_unit_test(test_fixed_random),
        cmocka_unit_test(test_comma_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
