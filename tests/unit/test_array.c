/* Unit tests of the array conversions (include/rtfrac/array.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>
#include <rtfrac/array.h>

#define REL 1e-13
#define RELF 1e-6

/* Ritter M et al. Hypofractionation for prostate cancer. Cancer J
 * 2009;15(1):1-6, Table 2 (EQD2, standard LQ, no time factor): 36.25 Gy /
 * 5 fx 90.6 Gy at a/b 1.5; 42.7 Gy / 7 fx 92.7 Gy at 1.5 (the same rows as
 * test_lq.c), as a whole array: each element its own total dose. */
static void test_ritter_2009_table2_array(void **state)
{
    (void)state;
    const double in[2] = { 36.25, 36.25 * 7.0 / 5.0 };
    double out[2];
    assert_int_equal(rtfrac_array_eqdx(in, 1, RTFRAC_ARRAY_TOTAL, 5, 1.5, 2.0, out, NULL), RTFRAC_OK);
    assert_abs(out[0], 90.6, 0.05);
    const double w[1] = { 42.7 };
    assert_int_equal(rtfrac_array_eqdx(w, 1, RTFRAC_ARRAY_TOTAL, 7, 1.5, 2.0, out, NULL), RTFRAC_OK);
    assert_abs(out[0], 92.7, 0.05);
    const float wf[1] = { 42.7f };
    float of[1];
    assert_int_equal(rtfrac_array_eqdxf(wf, 1, RTFRAC_ARRAY_TOTAL, 7, 1.5f, 2.0f, of, NULL), RTFRAC_OK);
    assert_abs(of[0], 92.7, 0.05);
}

/* Hoffman KE et al. J Clin Oncol 2018;36(29):2943-2949, abstract: 72 Gy in
 * 2.4 Gy fractions is "biologically equivalent to 85 Gy in 1.8-Gy
 * fractions" at alpha/beta 1.5: EQDX with X = 1.8, per-fraction input. */
static void test_hoffman_2018_per_fraction(void **state)
{
    (void)state;
    const double d[1] = { 2.4 };
    double out[1];
    assert_int_equal(rtfrac_array_eqdx(d, 1, RTFRAC_ARRAY_PER_FRACTION, 30, 1.5, 1.8, out, NULL), RTFRAC_OK);
    assert_abs(out[0], 85.0, 0.5);
    assert_rel(out[0], 72.0 * (2.4 + 1.5) / (1.8 + 1.5), REL);
    const float df[1] = { 2.4f };
    float of[1];
    assert_int_equal(rtfrac_array_eqdxf(df, 1, RTFRAC_ARRAY_PER_FRACTION, 30, 1.5f, 1.8f, of, NULL), RTFRAC_OK);
    assert_rel(of[0], 72.0 * (2.4 + 1.5) / (1.8 + 1.5), RELF);
}

/* Closed forms on every element of arrays longer and shorter than a block,
 * against the scalar functions of lq.h, both kinds, double and float. */
static void test_closed_forms(void **state)
{
    (void)state;
    enum { N = 53 };
    double in[N], bed[N], eqd[N];
    float inf_[N], bedf[N], eqdf[N];
    const unsigned long n = 7;
    const double ab = 2.385, x = 1.8;
    for (size_t len = 0; len <= N; len += (len < 20 ? 1 : 11)) {
        for (size_t i = 0; i < len; i++) {
            in[i] = 0.37 * (double)i + 0.013 * (double)(i * i);
            inf_[i] = (float)in[i];
        }
        for (int kind = 0; kind < 2; kind++) {
            assert_int_equal(rtfrac_array_bed(in, len, kind, n, ab, bed, NULL), RTFRAC_OK);
            assert_int_equal(rtfrac_array_eqdx(in, len, kind, n, ab, x, eqd, NULL), RTFRAC_OK);
            assert_int_equal(rtfrac_array_bedf(inf_, len, kind, n, (float)ab, bedf, NULL), RTFRAC_OK);
            assert_int_equal(rtfrac_array_eqdxf(inf_, len, kind, n, (float)ab, (float)x, eqdf, NULL), RTFRAC_OK);
            for (size_t i = 0; i < len; i++) {
                double D = kind == RTFRAC_ARRAY_TOTAL ? in[i] : in[i] * (double)n;
                double d = D / (double)n, b = 0.0, e = 0.0;
                assert_int_equal(rtfrac_lq_bed(D, d, ab, &b), RTFRAC_OK);
                assert_int_equal(rtfrac_lq_eqdx(b, ab, x, &e), RTFRAC_OK);
                assert_rel(bed[i], D * (1.0 + d / ab), REL);
                assert_rel(bed[i], b, REL);
                assert_rel(eqd[i], e, REL);
                assert_rel(eqd[i], b / (1.0 + x / ab), REL);
                assert_rel(bedf[i], b, RELF);
                assert_rel(eqdf[i], e, RELF);
            }
        }
    }
}

/* The DVH code's EQD2 of a bin, D (D/n + a/b) / (2 + a/b), to the bit. */
static void test_dvh_form_to_the_bit(void **state)
{
    (void)state;
    double in[40], out[40];
    for (size_t i = 0; i < 40; i++)
        in[i] = 1.3 * (double)i + 0.0071;
    assert_int_equal(rtfrac_array_eqdx(in, 40, RTFRAC_ARRAY_TOTAL, 22, 3.0, 2.0, out, NULL), RTFRAC_OK);
    for (size_t i = 0; i < 40; i++) {
        double expect = in[i] * (in[i] / 22.0 + 3.0) / (2.0 + 3.0);
        assert_memory_equal(&out[i], &expect, sizeof(double));
    }
}

/* In place: in == out. */
static void test_in_place(void **state)
{
    (void)state;
    double a[37];
    for (size_t i = 0; i < 37; i++)
        a[i] = 2.0;
    assert_int_equal(rtfrac_array_eqdx(a, 37, RTFRAC_ARRAY_PER_FRACTION, 30, 3.0, 2.0, a, NULL), RTFRAC_OK);
    for (size_t i = 0; i < 37; i++)
        assert_rel(a[i], 60.0, REL);
}

/* Every error code, and the index of the first bad element in every
 * position of a block and of the tail. */
static void test_errors(void **state)
{
    (void)state;
    double in[40], out[40];
    float inf_[40], outf[40];
    size_t bad = 999;
    for (size_t i = 0; i < 40; i++)
        in[i] = 1.0;
    assert_int_equal(rtfrac_array_bed(in, 40, RTFRAC_ARRAY_TOTAL, 0, 3.0, out, &bad), RTFRAC_EDOM);
    assert_int_equal(rtfrac_array_bed(in, 40, RTFRAC_ARRAY_TOTAL, RTFRAC_FRACTIONS_MAX + 1, 3.0, out, &bad), RTFRAC_EDOM);
    assert_int_equal(rtfrac_array_bed(in, 40, RTFRAC_ARRAY_TOTAL, 5, 0.0, out, &bad), RTFRAC_EDOM);
    assert_int_equal(rtfrac_array_bed(in, 40, RTFRAC_ARRAY_TOTAL, 5, NAN, out, &bad), RTFRAC_EDOM);
    assert_int_equal(rtfrac_array_eqdx(in, 40, RTFRAC_ARRAY_TOTAL, 5, 3.0, -1.0, out, &bad), RTFRAC_EDOM);
    assert_int_equal(rtfrac_array_eqdx(in, 40, RTFRAC_ARRAY_TOTAL, 5, 3.0, INFINITY, out, &bad), RTFRAC_EDOM);
    assert_int_equal(rtfrac_array_bed(in, 40, (rtfrac_array_dose)7, 5, 3.0, out, &bad), RTFRAC_EINVAL);
    assert_int_equal(bad, 999); /* argument errors name no element */
    assert_int_equal(rtfrac_array_bed(in, 0, RTFRAC_ARRAY_TOTAL, 5, 3.0, out, &bad), RTFRAC_OK);
    const double bads[] = { -1.0, NAN, INFINITY, -INFINITY, -1e-300 };
    for (size_t k = 0; k < sizeof(bads) / sizeof(bads[0]); k++) {
        for (size_t pos = 0; pos < 40; pos++) {
            for (size_t i = 0; i < 40; i++) {
                in[i] = 1.0;
                inf_[i] = 1.0f;
            }
            in[pos] = bads[k];
            inf_[pos] = (float)bads[k];
            if (pos + 1 < 40) { /* only the first one is named */
                in[pos + 1] = -2.0;
                inf_[pos + 1] = -2.0f;
            }
            bad = 999;
            assert_int_equal(rtfrac_array_bed(in, 40, RTFRAC_ARRAY_TOTAL, 5, 3.0, out, &bad), RTFRAC_EDOM);
            assert_int_equal(bad, pos);
            if (fpclassify(inf_[pos]) == FP_ZERO)
                continue; /* -1e-300 is -0 in float: a dose of 0 */
            bad = 999;
            assert_int_equal(rtfrac_array_eqdxf(inf_, 40, RTFRAC_ARRAY_PER_FRACTION, 5, 3.0f, 2.0f, outf, &bad), RTFRAC_EDOM);
            assert_int_equal(bad, pos);
        }
    }
    /* -0.0 is a dose of 0 */
    in[0] = -0.0;
    in[1] = 1.0;
    assert_int_equal(rtfrac_array_bed(in, 2, RTFRAC_ARRAY_TOTAL, 5, 3.0, out, NULL), RTFRAC_OK);
    /* a result that overflows: RTFRAC_ERANGE with its index */
    for (size_t i = 0; i < 40; i++)
        in[i] = 1.0;
    in[21] = 1e300;
    assert_int_equal(rtfrac_array_bed(in, 40, RTFRAC_ARRAY_TOTAL, 1, 3.0, out, &bad), RTFRAC_ERANGE);
    assert_int_equal(bad, 21);
    for (size_t i = 0; i < 40; i++)
        inf_[i] = 1.0f;
    inf_[38] = 1e30f;
    assert_int_equal(rtfrac_array_bedf(inf_, 40, RTFRAC_ARRAY_TOTAL, 1, 3.0f, outf, &bad), RTFRAC_ERANGE);
    assert_int_equal(bad, 38);
    /* no index pointer */
    assert_int_equal(rtfrac_array_bedf(inf_, 40, RTFRAC_ARRAY_TOTAL, 1, 3.0f, outf, NULL), RTFRAC_ERANGE);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ritter_2009_table2_array),
        cmocka_unit_test(test_hoffman_2018_per_fraction),
        cmocka_unit_test(test_closed_forms),
        cmocka_unit_test(test_dvh_form_to_the_bit),
        cmocka_unit_test(test_in_place),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
