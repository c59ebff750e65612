/* make bench: converting COUNT doses with the library's array functions
 * (include/rtfrac/array.h) against memcpy of the same bytes, in MB/s of
 * input.  Built only when the header exists.  array COUNT
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>
#include <rtfrac/array.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    size_t n = argc > 1 ? (size_t)strtod(argv[1], NULL) : 100000000;
    double *in = malloc(n * sizeof(double)), *out = malloc(n * sizeof(double));
    if (in == NULL || out == NULL)
        return 1;
    for (size_t i = 0; i < n; i++)
        in[i] = 0.5 + (double)(i % 7000) / 100.0;
    memset(out, 0, n * sizeof(double)); /* pages touched before timing */
    double best_copy = 1e30, best_eqd2 = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        memcpy(out, in, n * sizeof(double));
        double t1 = now();
        size_t bad = 0;
        if (rtfrac_array_eqdx(in, n, RTFRAC_ARRAY_TOTAL, 5, 3.0, 2.0, out, &bad) != RTFRAC_OK)
            return 1;
        double t2 = now();
        best_copy = t1 - t0 < best_copy ? t1 - t0 : best_copy;
        best_eqd2 = t2 - t1 < best_eqd2 ? t2 - t1 : best_eqd2;
    }
    double mb = (double)(n * sizeof(double)) / 1e6;
    /* memcpy_s eqd2_s memcpy_MBps eqd2_MBps */
    printf("%.6f %.6f %.0f %.0f\n", best_copy, best_eqd2, mb / best_copy, mb / best_eqd2);
    free(in);
    free(out);
    return 0;
}
