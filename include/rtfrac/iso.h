/* rtfrac: iso-effect, comparing and solving linear-quadratic schedules.
 *
 * Two schedules A and B (total dose D, dose per fraction d) have the same
 * BED at
 *     alpha/beta = (D_B d_B - D_A d_A) / (D_A - D_B)
 * (from D_A (1 + d_A/(a/b)) = D_B (1 + d_B/(a/b))); below that alpha/beta
 * the schedule with the larger D d (the more hypofractionated one) has the
 * higher BED.  Solving n d (1 + d/(a/b)) = BED for d is
 * rtfrac_lq_dose_per_fraction_for_bed (lq.h); for n it is
 * n = BED / (d (1 + d/(a/b))).
 *
 * Sources: Withers HR, Thames HD, Peters LJ, Radiother Oncol 1983;1:187-191
 * (iso-effect with changing dose per fraction); Fowler JF, Br J Radiol
 * 1989;62:679-694; Bentzen SM et al., Radiother Oncol 2012;105:266-268.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_ISO_H
#define RTFRAC_ISO_H

#include "rtfrac/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rtfrac_cross_kind {
    RTFRAC_CROSS_AT,       /* the schedules are iso-effective at alpha_beta_gy */
    RTFRAC_CROSS_NEVER,    /* one has the higher BED at every alpha/beta > 0 */
    RTFRAC_CROSS_IDENTICAL /* same BED at every alpha/beta */
} rtfrac_cross_kind;

/* Names of rtfrac_cross_kind values ("at", "never", "identical"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_iso_cross_kind_name(rtfrac_cross_kind value);
RTFRAC_API int rtfrac_iso_cross_kind_parse(const char *text, rtfrac_cross_kind *out);

typedef struct rtfrac_crossover {
    rtfrac_cross_kind kind;
    double alpha_beta_gy; /* RTFRAC_CROSS_AT only */
    /* RTFRAC_CROSS_AT: +1 when A has the higher BED for alpha/beta below the
     * crossover (and the lower above), -1 when B has.
     * RTFRAC_CROSS_NEVER: +1 when A has the higher BED at every alpha/beta,
     * -1 when B has.  RTFRAC_CROSS_IDENTICAL: 0. */
    int a_higher_below;
} rtfrac_crossover;

/* The alpha/beta at which A (total_a_gy in fractions of dpf_a_gy) and B
 * have the same BED.  Domain: totals > 0, doses per fraction > 0, finite.
 * Schedules whose totals and doses per fraction agree to 1e-12 relative are
 * identical.  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_iso_crossover(double total_a_gy, double dpf_a_gy, double total_b_gy,
                                    double dpf_b_gy, rtfrac_crossover *out);

/* BED of an equieffective dose: BED = EQDX (1 + X/(alpha/beta)), the inverse
 * of rtfrac_lq_eqdx.  Domain: eqdx_gy finite; alpha_beta_gy > 0;
 * reference_dose_per_fraction_gy >= 0.  Errors: RTFRAC_EDOM, RTFRAC_ERANGE. */
RTFRAC_API int rtfrac_iso_bed_from_eqdx(double eqdx_gy, double alpha_beta_gy,
                                        double reference_dose_per_fraction_gy, double *bed_gy);

/* The real number of fractions of dpf_gy that gives bed_gy:
 * n = BED / (d (1 + d/(alpha/beta))).  Domain: bed_gy > 0, dpf_gy > 0,
 * alpha_beta_gy > 0, finite.  Errors: RTFRAC_EDOM, RTFRAC_ERANGE. */
RTFRAC_API int rtfrac_iso_fractions_for_bed(double bed_gy, double dpf_gy, double alpha_beta_gy,
                                            double *fractions);

/* Iso-toxic prescription: the largest dose per fraction d of an n-fraction
 * prescription such that an organ at risk receiving oar_ratio * d per
 * fraction stays at limit_bed_gy (its BED at oar_alpha_beta_gy):
 *     d = dose_per_fraction_for_bed(limit_bed_gy, n, oar a/b) / oar_ratio.
 * Domain: limit_bed_gy > 0, fractions >= 1, 0 < oar_ratio <= 10,
 * oar_alpha_beta_gy > 0.  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_iso_limit_dose_per_fraction(double limit_bed_gy, unsigned long fractions,
                                                  double oar_ratio, double oar_alpha_beta_gy,
                                                  double *dose_per_fraction_gy);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_ISO_H */
