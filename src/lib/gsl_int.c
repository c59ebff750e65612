/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gsl_int.h"

#include <gsl/gsl_roots.h>

#include "rtfrac/common.h"

int gsl_int_brent(gsl_function *f, double lo, double hi, double xtol_rel, double *root)
{
    gsl_error_handler_t *handler = quiet_gsl_begin();
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (s == NULL)
        return quiet_gsl_end(handler), RTFRAC_ENOMEM;
    int rc = RTFRAC_ERANGE, status = gsl_root_fsolver_set(s, f, lo, hi);
    for (int iter = 0; status == GSL_SUCCESS && iter < GSL_INT_BRENT_ITER_MAX; iter++) {
        if ((status = gsl_root_fsolver_iterate(s)) != GSL_SUCCESS)
            break;
        double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(a, b, 0.0, xtol_rel) == GSL_SUCCESS) {
            *root = gsl_root_fsolver_root(s);
            rc = RTFRAC_OK;
            break;
        }
    }
    gsl_root_fsolver_free(s);
    quiet_gsl_end(handler);
    return rc;
}
