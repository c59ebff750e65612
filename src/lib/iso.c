/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/iso.h"

#include <math.h>

#include "rtfrac/lq.h"
#include "rtfrac/model.h"
#include "util_int.h"

static int positive_finite(double x) { return isfinite(x) && x > 0.0; }

static int close_rel(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fmax(fabs(a), fabs(b));
}

int rtfrac_iso_crossover(double total_a_gy, double dpf_a_gy, double total_b_gy,
                         double dpf_b_gy, rtfrac_crossover *out)
{
    if (!positive_finite(total_a_gy) || !positive_finite(dpf_a_gy) ||
        !positive_finite(total_b_gy) || !positive_finite(dpf_b_gy))
        return RTFRAC_EDOM;
    rtfrac_crossover r = { RTFRAC_CROSS_IDENTICAL, 0.0, 0 };
    /* BED_A - BED_B = dD + dDd / (a/b) */
    double dD = total_a_gy - total_b_gy;
    double dDd = total_a_gy * dpf_a_gy - total_b_gy * dpf_b_gy;
    int same_total = close_rel(total_a_gy, total_b_gy);
    int same_dDd = close_rel(total_a_gy * dpf_a_gy, total_b_gy * dpf_b_gy);
    if (same_total && same_dDd) {
        *out = r;
        return RTFRAC_OK;
    }
    if (!same_total && !same_dDd) {
        double x = -dDd / dD;
        if (x > 0.0 && isfinite(x)) {
            r.kind = RTFRAC_CROSS_AT;
            r.alpha_beta_gy = x;
            r.a_higher_below = dDd > 0.0 ? 1 : -1;
            *out = r;
            return RTFRAC_OK;
        }
    }
    /* no crossing at a positive alpha/beta: the sign of the difference is
     * that of dD (large a/b) or, when the totals agree, of dDd */
    r.kind = RTFRAC_CROSS_NEVER;
    r.a_higher_below = (same_total ? dDd : dD) > 0.0 ? 1 : -1;
    *out = r;
    return RTFRAC_OK;
}

int rtfrac_iso_bed_from_eqdx(double eqdx_gy, double alpha_beta_gy,
                             double reference_dose_per_fraction_gy, double *bed_gy)
{
    if (!isfinite(eqdx_gy) || !positive_finite(alpha_beta_gy) ||
        !isfinite(reference_dose_per_fraction_gy) || reference_dose_per_fraction_gy < 0.0)
        return RTFRAC_EDOM;
    double bed = eqdx_gy * ((alpha_beta_gy + reference_dose_per_fraction_gy) / alpha_beta_gy);
    if (!isfinite(bed))
        return RTFRAC_ERANGE;
    *bed_gy = bed;
    return RTFRAC_OK;
}

int rtfrac_iso_fractions_for_bed(double bed_gy, double dpf_gy, double alpha_beta_gy,
                                 double *fractions)
{
    if (!positive_finite(bed_gy) || !positive_finite(dpf_gy) || !positive_finite(alpha_beta_gy))
        return RTFRAC_EDOM;
    double n = bed_gy / dpf_gy * (alpha_beta_gy / (alpha_beta_gy + dpf_gy));
    if (!isfinite(n))
        return RTFRAC_ERANGE;
    *fractions = n;
    return RTFRAC_OK;
}

int rtfrac_iso_limit_dose_per_fraction(double limit_bed_gy, unsigned long fractions,
                                       double oar_ratio, double oar_alpha_beta_gy,
                                       double *dose_per_fraction_gy)
{
    double oar_dpf = 0.0;
    if (!positive_finite(limit_bed_gy) || fractions < 1 || !positive_finite(oar_ratio) ||
        oar_ratio > 10.0 || !positive_finite(oar_alpha_beta_gy))
        return RTFRAC_EDOM;
    int rc = rtfrac_lq_dose_per_fraction_for_bed(limit_bed_gy, fractions, oar_alpha_beta_gy,
                                                 &oar_dpf);
    if (rc != RTFRAC_OK)
        return rc;
    *dose_per_fraction_gy = oar_dpf / oar_ratio;
    return RTFRAC_OK;
}

static const char *const iso_cross_kind_names[] = { "at", "never", "identical" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_iso_cross_kind, rtfrac_cross_kind, iso_cross_kind_names)
