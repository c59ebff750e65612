/* rtfrac: the linear-quadratic (LQ) model.
 *
 * BED  = D (1 + d / (alpha/beta))                 biologically effective dose
 * EQDx = BED / (1 + x / (alpha/beta))             equieffective dose in x-Gy fractions
 * EQD2 = EQDx with x = 2 Gy
 * where D is the total dose (Gy), d the dose per fraction (Gy) and alpha/beta
 * the tissue's alpha/beta ratio (Gy).
 *
 * Sources: Barendsen GW, Int J Radiat Oncol Biol Phys 1982;8:1981-1997
 * (extrapolated tolerance dose, now BED); Fowler JF, Br J Radiol
 * 1989;62:679-694; Withers HR et al., Int J Radiat Oncol Biol Phys
 * 1983;9:1569-1574 (EQD2); Bentzen SM et al., Radiother Oncol
 * 2012;105:266-268 (EQDX terminology).
 *
 * The LQ model is well supported for doses per fraction of about 1 to
 * 8 Gy; above RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY callers should warn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_LQ_H
#define RTFRAC_LQ_H

#include "rtfrac/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Above this dose per fraction the LQ model is uncertain (Gy). */
#define RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY 8.0

/* Dose per fraction d = D / n (Gy), as the double with the fewest decimal
 * digits within 2 units in the last place of the binary quotient (16.2 / 9
 * is 1.8, not 1.7999999999999998).
 * Domain: total_dose_gy finite and >= 0; fractions >= 1.
 * Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_lq_dose_per_fraction(double total_dose_gy, unsigned long fractions,
                                           double *dose_per_fraction_gy);

/* BED = D (1 + d / (alpha/beta)) (Gy).
 * Domain: total_dose_gy and dose_per_fraction_gy finite and >= 0;
 * alpha_beta_gy finite and > 0.
 * Errors: RTFRAC_EDOM outside the domain; RTFRAC_ERANGE if the result
 * overflows. */
RTFRAC_API int rtfrac_lq_bed(double total_dose_gy, double dose_per_fraction_gy,
                             double alpha_beta_gy, double *bed_gy);

/* EQDx = BED / (1 + x / (alpha/beta)) (Gy): the total dose in fractions of
 * x Gy that gives the same BED (Bentzen et al. 2012).
 * Domain: bed_gy finite (may be negative once time corrections exist);
 * alpha_beta_gy finite and > 0; reference_dose_per_fraction_gy finite and
 * >= 0.  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_lq_eqdx(double bed_gy, double alpha_beta_gy,
                              double reference_dose_per_fraction_gy, double *eqdx_gy);

/* EQD2 = BED / (1 + 2 / (alpha/beta)) (Gy).  As rtfrac_lq_eqdx with x = 2. */
RTFRAC_API int rtfrac_lq_eqd2(double bed_gy, double alpha_beta_gy, double *eqd2_gy);

/* The dose per fraction d that gives `bed_gy` in `fractions` fractions:
 * the positive root of n d (1 + d/(alpha/beta)) = BED,
 *     d = 2 (BED/n) / (1 + sqrt(1 + 4 BED / (n alpha/beta))),
 * written in this form to avoid cancellation for small BED/(n alpha/beta).
 * Domain: bed_gy finite and >= 0; fractions >= 1; alpha_beta_gy finite
 * and > 0.  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_lq_dose_per_fraction_for_bed(double bed_gy, unsigned long fractions,
                                                   double alpha_beta_gy,
                                                   double *dose_per_fraction_gy);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_LQ_H */
