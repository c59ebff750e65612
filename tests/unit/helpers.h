/* Shared helpers for rtfrac's cmocka tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_TEST_HELPERS_H
#define RTFRAC_TEST_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

/* |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
#define assert_rel(actual, expected, rel) \
    rtfrac_assert_rel((actual), (expected), (rel), #actual, __FILE__, __LINE__)

static inline void rtfrac_assert_rel(double actual, double expected, double rel,
                                     const char *what, const char *file, int line)
{
    double scale = fabs(expected) > 0.0 ? fabs(expected) : 1.0;
    if (!isfinite(actual) || fabs(actual - expected) > rel * scale) {
        print_error("%s = %.17g, expected %.17g (relative tolerance %g)\n", what,
                    actual, expected, rel);
        _fail(file, line);
    }
}

/* |actual - expected| <= abs_tol: for published values printed rounded. */
#define assert_abs(actual, expected, abs_tol) \
    rtfrac_assert_abs((actual), (expected), (abs_tol), #actual, __FILE__, __LINE__)

static inline void rtfrac_assert_abs(double actual, double expected, double tol,
                                     const char *what, const char *file, int line)
{
    if (!isfinite(actual) || fabs(actual - expected) > tol) {
        print_error("%s = %.17g, expected %.17g (absolute tolerance %g)\n", what,
                    actual, expected, tol);
        _fail(file, line);
    }
}

#endif /* RTFRAC_TEST_HELPERS_H */
