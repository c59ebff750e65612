/* Unit tests of the contract in include/rtfrac/common.h that the library
 * handles GSL's error handler itself.  Unlike every other test program,
 * main() does NOT call gsl_set_error_handler_off(): GSL's default handler,
 * which aborts, stays in place, as in a caller that knows nothing of GSL.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include <rtfrac.h>

/* A model and an input for which the library's root finder hands GSL a
 * function that is not finite, so GSL reports an error.
 * LQ-L with dT = 1.5 Gy and alpha/beta = 1e-310 Gy (positive and finite,
 * so accepted): solving for BED 10 Gy in 5 fractions, the bracket search
 * first tries d = 1 Gy <= dT, where BED_f = d (1 + d/(a/b)) = 1 + 1e310
 * overflows to infinity; the effect is refused with RTFRAC_ERANGE and the
 * residual is NaN.  Brent's method then reports "function value is not
 * finite" (GSL_EBADFUNC) from gsl_root_fsolver_set, which aborts under
 * GSL's default handler. */
static int solve_nonfinite(double *dpf)
{
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.kind = RTFRAC_MODEL_LQL;
    m.has_dt = 1;
    m.dt_gy = 1.5;
    return rtfrac_model_solve_dose_per_fraction(&m, 10.0, 5, 1e-310, dpf);
}

static int handler_calls;

static void counting_handler(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)gsl_errno;
    handler_calls++;
}

static double x_squared_plus_one(double x, void *params)
{
    (void)params;
    return x * x + 1.0;
}

/* With GSL's default (aborting) handler in place the library returns a
 * status code, leaves the result untouched, and leaves the default handler
 * in place. */
static void test_gsl_failure_is_a_status_not_an_abort(void **state)
{
    (void)state;
    double dpf = -1.0;
    int rc = solve_nonfinite(&dpf);
    assert_int_not_equal(rc, RTFRAC_OK); /* RTFRAC_ERANGE today */
    assert_rel(dpf, -1.0, 0.0);
    /* the default handler (NULL) is still the one installed */
    assert_null(gsl_set_error_handler(NULL));
}

/* A caller's own handler is neither called for errors the library handles
 * nor replaced: after the call, GSL errors outside the library reach it. */
static void test_caller_handler_is_kept(void **state)
{
    (void)state;
    double dpf = -1.0;
    handler_calls = 0;
    gsl_error_handler_t *before = gsl_set_error_handler(counting_handler);
    assert_int_not_equal(solve_nonfinite(&dpf), RTFRAC_OK);
    assert_int_equal(handler_calls, 0);

    /* the caller's handler is back: an error of the caller's own GSL call
     * (an interval that does not bracket a root of x^2 + 1) reaches it */
    gsl_function f = { x_squared_plus_one, NULL };
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_bisection);
    assert_non_null(s);
    assert_int_equal(gsl_root_fsolver_set(s, &f, 0.0, 1.0), GSL_EINVAL);
    assert_int_equal(handler_calls, 1);
    gsl_root_fsolver_free(s);

    assert_ptr_equal(gsl_set_error_handler(before), counting_handler);
}

/* Monte Carlo allocates a GSL generator; the caller's handler survives. */
static void test_mc_alloc_keeps_handler(void **state)
{
    (void)state;
    gsl_error_handler_t *before = gsl_set_error_handler(counting_handler);
    rtfrac_mc_workspace *w = rtfrac_uncertainty_mc_alloc(1000, 42);
    assert_non_null(w);
    rtfrac_uncertainty_mc_free(w);
    assert_ptr_equal(gsl_set_error_handler(before), counting_handler);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gsl_failure_is_a_status_not_an_abort),
        cmocka_unit_test(test_caller_handler_is_kept),
        cmocka_unit_test(test_mc_alloc_keeps_handler),
    };
    return cmocka_run_group_tests_name("common", tests, NULL, NULL);
}
