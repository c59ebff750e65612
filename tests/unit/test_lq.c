/* Unit tests of the linear-quadratic module (include/rtfrac/lq.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <float.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define REL 1e-12

static double bed(double D, double d, double ab)
{
    double out = -1.0;
    assert_int_equal(rtfrac_lq_bed(D, d, ab, &out), RTFRAC_OK);
    return out;
}

static double eqd2_of(double D, unsigned long n, double ab)
{
    double d = 0.0, b = 0.0, e = 0.0;
    assert_int_equal(rtfrac_lq_dose_per_fraction(D, n, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_bed(D, d, ab, &b), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_eqd2(b, ab, &e), RTFRAC_OK);
    return e;
}

/* The founding case: Cho et al., J Liver Cancer 2022;22(1):63-68, IMRT with a
 * simultaneous integrated boost, 55 Gy/22 to PTV-1 and 44 Gy/22 to PTV-2.
 * Expected values as stated in the rtfrac foundation issue (closed form,
 * rounded to 0.01 Gy): PTV-1 BED 68.75 / EQD2 57.29 at a/b 10 and
 * 100.83 / 60.50 at a/b 3; PTV-2 52.80 / 44.00 at 10 and 73.33 / 44.00 at 3. */
static void test_founding_case(void **state)
{
    (void)state;
    assert_abs(bed(55.0, 2.5, 10.0), 68.75, 0.005);
    assert_abs(eqd2_of(55.0, 22, 10.0), 57.29, 0.005);
    assert_abs(bed(55.0, 2.5, 3.0), 100.83, 0.005);
    assert_abs(eqd2_of(55.0, 22, 3.0), 60.50, 0.005);
    assert_abs(bed(44.0, 2.0, 10.0), 52.80, 0.005);
    assert_abs(eqd2_of(44.0, 22, 10.0), 44.00, 0.005);
    assert_abs(bed(44.0, 2.0, 3.0), 73.33, 0.005);
    assert_abs(eqd2_of(44.0, 22, 3.0), 44.00, 0.005);
}

/* Each target of a simultaneous integrated boost uses its own dose per
 * fraction: PTV-2 at 2.0 Gy gives EQD2 = physical dose for every a/b. */
static void test_sib_targets_use_own_dose_per_fraction(void **state)
{
    (void)state;
    double d1 = 0.0, d2 = 0.0;
    assert_int_equal(rtfrac_lq_dose_per_fraction(55.0, 22, &d1), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_dose_per_fraction(44.0, 22, &d2), RTFRAC_OK);
    assert_rel(d1, 2.5, REL);
    assert_rel(d2, 2.0, REL);
    for (double ab = 0.5; ab < 20.0; ab += 0.75)
        assert_rel(eqd2_of(44.0, 22, ab), 44.0, REL);
}

/* Ritter M, Forman J, Kupelian P, Lawton C, Petereit D. Hypofractionation for
 * prostate cancer. Cancer J 2009;15(1):1-6 (doi:10.1097/PPO.0b013e3181976614),
 * Table 2, "equivalent total doses in 2 Gy fractions", standard LQ without
 * time factor.  Rows whose printed values are correctly rounded: */
static void test_ritter_2009_table2(void **state)
{
    (void)state;
    /* King: 36.25 Gy / 5 fx: 90.6 Gy (a/b 1.5), 74.3 Gy (a/b 3) */
    assert_abs(eqd2_of(36.25, 5, 1.5), 90.6, 0.05);
    assert_abs(eqd2_of(36.25, 5, 3.0), 74.3, 0.05);
    /* Widmark: 42.7 Gy / 7 fx: 92.7 Gy, 77.7 Gy */
    assert_abs(eqd2_of(42.7, 7, 1.5), 92.7, 0.05);
    assert_abs(eqd2_of(42.7, 7, 3.0), 77.7, 0.05);
    /* 50 Gy / 5 fx: 164 Gy, 130 Gy */
    assert_abs(eqd2_of(50.0, 5, 1.5), 164.0, 0.5);
    assert_abs(eqd2_of(50.0, 5, 3.0), 130.0, 0.5);
    /* 52.5 Gy / 5 fx: 180 Gy, 142 Gy */
    assert_abs(eqd2_of(52.5, 5, 1.5), 180.0, 0.5);
    assert_abs(eqd2_of(52.5, 5, 3.0), 142.0, 0.5);
    /* Madsen: 33.5 Gy / 5 fx: 78 Gy at a/b 1.5 */
    assert_abs(eqd2_of(33.5, 5, 1.5), 78.0, 0.5);
}

/* Hoffman KE et al. J Clin Oncol 2018;36(29):2943-2949, abstract: 72 Gy in
 * 2.4 Gy fractions is "biologically equivalent to 85 Gy in 1.8-Gy fractions
 * assuming prostate cancer alpha-to-beta ratio of 1.5" (EQDX, X = 1.8 Gy). */
static void test_hoffman_2018_eqd18(void **state)
{
    (void)state;
    double b = bed(72.0, 2.4, 1.5), e = 0.0;
    assert_int_equal(rtfrac_lq_eqdx(b, 1.5, 1.8, &e), RTFRAC_OK);
    assert_abs(e, 85.0, 0.5);
    /* closed form: D (d + a/b) / (X + a/b) */
    assert_rel(e, 72.0 * (2.4 + 1.5) / (1.8 + 1.5), REL);
}

/* Closed forms with unround inputs. */
static void test_bed_closed_form(void **state)
{
    (void)state;
    const double D[] = { 47.7, 2.385 * 17, 0.37, 8.0, 61.2 };
    const double d[] = { 2.385, 2.385, 0.37, 8.0, 3.6 };
    const double ab[] = { 2.7, 10.0, 1.55, 3.0, 0.83 };
    for (size_t i = 0; i < sizeof(D) / sizeof(D[0]); i++)
        assert_rel(bed(D[i], d[i], ab[i]), D[i] + D[i] * d[i] / ab[i], REL);
}

static void test_eqdx_closed_form(void **state)
{
    (void)state;
    double e = 0.0;
    assert_int_equal(rtfrac_lq_eqdx(93.1, 2.385, 1.8, &e), RTFRAC_OK);
    assert_rel(e, 93.1 / (1.0 + 1.8 / 2.385), REL);
    assert_int_equal(rtfrac_lq_eqd2(93.1, 2.385, &e), RTFRAC_OK);
    assert_rel(e, 93.1 / (1.0 + 2.0 / 2.385), REL);
    /* X = 0 is BED itself */
    assert_int_equal(rtfrac_lq_eqdx(93.1, 2.385, 0.0, &e), RTFRAC_OK);
    assert_rel(e, 93.1, REL);
}

/* EQD2 of a 2 Gy schedule is its physical dose, whatever the alpha/beta. */
static void test_eqd2_identity_at_2gy(void **state)
{
    (void)state;
    const double abs_[] = { 0.8, 1.5, 2.385, 3.0, 10.0, 25.0 };
    for (size_t i = 0; i < sizeof(abs_) / sizeof(abs_[0]); i++)
        assert_rel(eqd2_of(60.0, 30, abs_[i]), 60.0, REL);
}

/* Textbook figures: 60 Gy in 30 fractions gives BED 72 Gy(10) and 100 Gy(3);
 * in 25 fractions 74.4 Gy(10) (the same values as printed in the help of
 * the EyePhysics TDF calculator, a secondary source). */
static void test_conventional_bed(void **state)
{
    (void)state;
    assert_rel(bed(60.0, 2.0, 10.0), 72.0, REL);
    assert_rel(bed(60.0, 2.0, 3.0), 100.0, REL);
    assert_rel(bed(60.0, 2.4, 10.0), 74.4, REL);
}

static void test_dose_per_fraction(void **state)
{
    (void)state;
    double d = -1.0;
    assert_int_equal(rtfrac_lq_dose_per_fraction(36.25, 5, &d), RTFRAC_OK);
    assert_rel(d, 7.25, REL);
    assert_int_equal(rtfrac_lq_dose_per_fraction(47.7, 20, &d), RTFRAC_OK);
    assert_rel(d, 2.385, 0.0); /* binary 47.7/20 is 2.3850000000000002 */
    /* the decimal the user wrote, not binary noise: 16.2 / 9 is
     * 1.7999999999999998 in binary, one ulp below 1.8 */
    assert_int_equal(rtfrac_lq_dose_per_fraction(16.2, 9, &d), RTFRAC_OK);
    assert_rel(d, 1.8, 0.0);
    assert_int_equal(rtfrac_lq_dose_per_fraction(6.6, 3, &d), RTFRAC_OK);
    assert_rel(d, 2.2, 0.0);
    /* a quotient with more than 12 significant digits is left alone */
    assert_int_equal(rtfrac_lq_dose_per_fraction(10.0, 3, &d), RTFRAC_OK);
    assert_rel(d, 10.0 / 3.0, 0.0);
    assert_int_equal(rtfrac_lq_dose_per_fraction(-1.0, 3, &d), RTFRAC_EDOM);
}

/* Brunt AM et al. (FAST trial, 10-year results), J Clin Oncol
 * 2020;38(28):3261-3272, abstract: with alpha/beta 2.7 Gy, "5-fraction
 * schedules of 28 Gy" are isoeffective with 50 Gy in 25 fractions; printed
 * to the whole Gy. */
static void test_brunt_2020_isoeffective_5fx(void **state)
{
    (void)state;
    double b = bed(50.0, 2.0, 2.7), d = 0.0;
    assert_int_equal(rtfrac_lq_dose_per_fraction_for_bed(b, 5, 2.7, &d), RTFRAC_OK);
    assert_abs(5.0 * d, 28.0, 0.5);
}

/* The solution reproduces the BED (substitution check). */
static void test_dose_for_bed_substitution(void **state)
{
    (void)state;
    const double beds[] = { 100.0, 72.0, 0.001, 151.2, 1e4 };
    const unsigned long ns[] = { 5, 30, 1, 3, 40 };
    const double abs_[] = { 3.0, 10.0, 2.385, 10.0, 0.5 };
    for (size_t i = 0; i < sizeof(beds) / sizeof(beds[0]); i++) {
        double d = 0.0;
        assert_int_equal(rtfrac_lq_dose_per_fraction_for_bed(beds[i], ns[i], abs_[i], &d),
                         RTFRAC_OK);
        assert_rel(bed(d * (double)ns[i], d, abs_[i]), beds[i], REL);
    }
    double d = -1.0;
    assert_int_equal(rtfrac_lq_dose_per_fraction_for_bed(0.0, 5, 3.0, &d), RTFRAC_OK);
    assert_rel(d, 0.0, REL);
}

static void test_bed_domain_errors(void **state)
{
    (void)state;
    double out = 42.0;
    assert_int_equal(rtfrac_lq_bed(60.0, 2.0, 0.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_bed(60.0, 2.0, -3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_bed(-60.0, 2.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_bed(60.0, -2.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_bed(NAN, 2.0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_bed(60.0, INFINITY, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_bed(60.0, 2.0, NAN, &out), RTFRAC_EDOM);
    assert_rel(out, 42.0, 0.0); /* untouched on error */
}

static void test_bed_overflow(void **state)
{
    (void)state;
    double out = 42.0;
    assert_int_equal(rtfrac_lq_bed(DBL_MAX, DBL_MAX, 1e-300, &out), RTFRAC_ERANGE);
    assert_rel(out, 42.0, 0.0);
}

static void test_eqdx_domain_errors(void **state)
{
    (void)state;
    double out = 42.0;
    assert_int_equal(rtfrac_lq_eqdx(100.0, 0.0, 2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_eqdx(100.0, 3.0, -2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_eqdx(NAN, 3.0, 2.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_eqd2(100.0, -1.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_eqdx(DBL_MAX, 1e-300, 0.0, &out), RTFRAC_OK);
    assert_int_equal(rtfrac_lq_eqdx(DBL_MAX, DBL_MAX, 0.0, &out), RTFRAC_ERANGE);
}

static void test_dose_per_fraction_errors(void **state)
{
    (void)state;
    double out = 42.0;
    assert_int_equal(rtfrac_lq_dose_per_fraction(60.0, 0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_dose_per_fraction(-1.0, 5, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_dose_per_fraction(INFINITY, 5, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_dose_per_fraction_for_bed(-1.0, 5, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_dose_per_fraction_for_bed(10.0, 0, 3.0, &out), RTFRAC_EDOM);
    assert_int_equal(rtfrac_lq_dose_per_fraction_for_bed(10.0, 5, 0.0, &out), RTFRAC_EDOM);
    assert_rel(out, 42.0, 0.0);
}

static void test_strerror_names_every_code(void **state)
{
    (void)state;
    for (int code = RTFRAC_OK; code <= RTFRAC_ENOTFOUND; code++)
        assert_string_not_equal(rtfrac_strerror(code), "unknown error");
    assert_string_equal(rtfrac_strerror(999), "unknown error");
    assert_string_equal(rtfrac_version(), RTFRAC_VERSION_STRING);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_founding_case),
        cmocka_unit_test(test_sib_targets_use_own_dose_per_fraction),
        cmocka_unit_test(test_ritter_2009_table2),
        cmocka_unit_test(test_hoffman_2018_eqd18),
        cmocka_unit_test(test_bed_closed_form),
        cmocka_unit_test(test_eqdx_closed_form),
        cmocka_unit_test(test_eqd2_identity_at_2gy),
        cmocka_unit_test(test_conventional_bed),
        cmocka_unit_test(test_dose_per_fraction),
        cmocka_unit_test(test_brunt_2020_isoeffective_5fx),
        cmocka_unit_test(test_dose_for_bed_substitution),
        cmocka_unit_test(test_bed_domain_errors),
        cmocka_unit_test(test_bed_overflow),
        cmocka_unit_test(test_eqdx_domain_errors),
        cmocka_unit_test(test_dose_per_fraction_errors),
        cmocka_unit_test(test_strerror_names_every_code),
    };
    return cmocka_run_group_tests_name("lq", tests, NULL, NULL);
}
