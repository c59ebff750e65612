/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/lq.h"

#include <math.h>

#include "util_int.h"

int rtfrac_lq_dose_per_fraction(double total_dose_gy, unsigned long fractions,
                                double *dose_per_fraction_gy)
{
    if (!isfinite(total_dose_gy) || total_dose_gy < 0.0 || fractions < 1)
        return RTFRAC_EDOM;
    /* the decimal the user meant: 16.2 Gy / 9 is 1.8 Gy, not 1.7999999999999998 */
    *dose_per_fraction_gy = util_int_shortest_near(total_dose_gy / (double)fractions, 2);
    return RTFRAC_OK;
}

int rtfrac_lq_bed(double total_dose_gy, double dose_per_fraction_gy,
                  double alpha_beta_gy, double *bed_gy)
{
    if (!isfinite(total_dose_gy) || total_dose_gy < 0.0 ||
        !isfinite(dose_per_fraction_gy) || dose_per_fraction_gy < 0.0 ||
        !isfinite(alpha_beta_gy) || !(alpha_beta_gy > 0.0))
        return RTFRAC_EDOM;
    /* D (d + a/b) / (a/b): one rounding fewer than D (1 + d/(a/b)) */
    double bed = total_dose_gy * (dose_per_fraction_gy + alpha_beta_gy) / alpha_beta_gy;
    if (!isfinite(bed))
        return RTFRAC_ERANGE;
    *bed_gy = bed;
    return RTFRAC_OK;
}

int rtfrac_lq_eqdx(double bed_gy, double alpha_beta_gy,
                   double reference_dose_per_fraction_gy, double *eqdx_gy)
{
    if (!isfinite(bed_gy) || !isfinite(alpha_beta_gy) || !(alpha_beta_gy > 0.0) ||
        !isfinite(reference_dose_per_fraction_gy) ||
        reference_dose_per_fraction_gy < 0.0)
        return RTFRAC_EDOM;
    /* BED (a/b) / (a/b + x), algebraically BED / (1 + x/(a/b)) */
    double eqdx = bed_gy * alpha_beta_gy / (alpha_beta_gy + reference_dose_per_fraction_gy);
    if (!isfinite(eqdx))
        return RTFRAC_ERANGE;
    *eqdx_gy = eqdx;
    return RTFRAC_OK;
}

int rtfrac_lq_eqd2(double bed_gy, double alpha_beta_gy, double *eqd2_gy)
{
    return rtfrac_lq_eqdx(bed_gy, alpha_beta_gy, 2.0, eqd2_gy);
}

int rtfrac_lq_dose_per_fraction_for_bed(double bed_gy, unsigned long fractions,
                                        double alpha_beta_gy,
                                        double *dose_per_fraction_gy)
{
    if (!isfinite(bed_gy) || bed_gy < 0.0 || fractions < 1 ||
        !isfinite(alpha_beta_gy) || !(alpha_beta_gy > 0.0))
        return RTFRAC_EDOM;
    double bed_per_fraction = bed_gy / (double)fractions;
    double d = 2.0 * bed_per_fraction /
               (1.0 + sqrt(1.0 + 4.0 * bed_per_fraction / alpha_beta_gy));
    if (!isfinite(d))
        return RTFRAC_ERANGE;
    *dose_per_fraction_gy = d;
    return RTFRAC_OK;
}
