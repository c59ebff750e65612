/* Private to the library: calling GSL without its error handler.
 *
 * GSL reports an error by calling its error handler before it returns the
 * status, and the default handler aborts the process.  The library never
 * aborts, and its callers must not have to know that it uses GSL, so every
 * library function that calls a GSL routine able to report an error
 * (allocations, root finders) brackets those calls:
 *
 *     gsl_error_handler_t *handler = quiet_gsl_begin();
 *     ... GSL calls, each status checked ...
 *     quiet_gsl_end(handler);
 *
 * and restores the caller's handler on every path out.  Routines that
 * cannot report an error (gsl_cdf_ugaussian_P, gsl_ran_ugaussian,
 * gsl_rng_set, gsl_sort, gsl_stats_quantile_from_sorted_data, the _free
 * functions) need no bracket.
 *
 * The handler is one global of GSL: while a library call is inside the
 * bracket, another thread that calls GSL gets no handler either, and two
 * threads that change the handler at the same time race (see common.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_GSL_INT_H
#define RTFRAC_GSL_INT_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>

/* Switch GSL's error handler off; returns the handler to restore. */
static inline gsl_error_handler_t *quiet_gsl_begin(void)
{
    return gsl_set_error_handler_off();
}

/* Restore the handler that quiet_gsl_begin returned. */
static inline void quiet_gsl_end(gsl_error_handler_t *handler)
{
    gsl_set_error_handler(handler);
}

/* The root of f on [lo, hi], where f changes sign, by GSL's Brent solver
 * inside the bracket above: iterated until the interval is within
 * xtol_rel of the root (gsl_root_test_interval, no absolute part) or
 * GSL_INT_BRENT_ITER_MAX iterations.  Returns RTFRAC_OK, RTFRAC_ENOMEM, or
 * RTFRAC_ERANGE (no sign change, an iteration failed, or no convergence).
 * Callers check the root by substitution. */
#define GSL_INT_BRENT_ITER_MAX 300
int gsl_int_brent(gsl_function *f, double lo, double hi, double xtol_rel, double *root);

#endif /* RTFRAC_GSL_INT_H */
