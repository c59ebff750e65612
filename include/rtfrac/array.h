/* rtfrac: whole arrays of doses to BED and EQDx (DVH bins, dose-grid voxels).
 *
 * Each element is the dose of one bin or voxel, delivered in `fractions`
 * equal fractions, either as its total dose D (RTFRAC_ARRAY_TOTAL) or as
 * its dose per fraction d (RTFRAC_ARRAY_PER_FRACTION).  With n fractions
 * and alpha/beta a/b (Gy), the linear-quadratic model gives
 *
 *   total D:         BED = D (D/n + a/b) / (a/b)
 *                    EQDx = D (D/n + a/b) / (x + a/b)
 *   per fraction d:  BED = n d (d + a/b) / (a/b)
 *                    EQDx = n d (d + a/b) / (x + a/b)
 *
 * algebraically BED = D (1 + d/(a/b)) and EQDx = BED / (1 + x/(a/b))
 * (Barendsen 1982; Fowler JF, Br J Radiol 1989;62:679-694; Withers HR et
 * al. 1983; Bentzen SM et al., Radiother Oncol 2012;105:266-268), the
 * formulas of lq.h.  Unlike rtfrac_lq_dose_per_fraction, d = D/n is the
 * plain binary quotient: an element may differ from rtfrac_lq_bed by an
 * ulp or two.  The total-dose form for x = 2 is the DVH code's EQD2 of a
 * bin to the bit.
 *
 * The scalar arguments are checked once per call; the elements are checked
 * in the same pass that converts them (the loops vectorise).  On an error
 * *bad_index (may be NULL) gets the index of the first element in error
 * and the contents of `out` are unspecified: the caller discards them.
 * `in` and `out` may be the same array (in place), but must not otherwise
 * overlap.  The float variants compute in float (about 1e-7 relative).
 *
 * Errors: RTFRAC_EDOM when fractions is not 1..RTFRAC_FRACTIONS_MAX (rx.h),
 * alpha_beta_gy is not finite and > 0, the reference dose x is not finite
 * and >= 0, or an element is negative, NaN or infinite (its index in
 * *bad_index); RTFRAC_ERANGE when a result overflows (its index);
 * RTFRAC_EINVAL for an unknown kind.  count 0 is RTFRAC_OK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_ARRAY_H
#define RTFRAC_ARRAY_H

#include <stddef.h>

#include "rtfrac/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What each element of an input array is. */
typedef enum rtfrac_array_dose {
    RTFRAC_ARRAY_TOTAL = 0,       /* total dose of the element over the course, Gy */
    RTFRAC_ARRAY_PER_FRACTION = 1 /* dose per fraction of the element, Gy */
} rtfrac_array_dose;

/* BED of each of the `count` doses in `in` (Gy) into `out`. */
RTFRAC_API int rtfrac_array_bed(const double *in, size_t count, rtfrac_array_dose kind,
                                unsigned long fractions, double alpha_beta_gy, double *out,
                                size_t *bad_index);
RTFRAC_API int rtfrac_array_bedf(const float *in, size_t count, rtfrac_array_dose kind,
                                 unsigned long fractions, float alpha_beta_gy, float *out,
                                 size_t *bad_index);

/* EQDx of each dose: the total dose in fractions of
 * reference_dose_per_fraction_gy (x; 2 for EQD2) with the same BED. */
RTFRAC_API int rtfrac_array_eqdx(const double *in, size_t count, rtfrac_array_dose kind,
                                 unsigned long fractions, double alpha_beta_gy,
                                 double reference_dose_per_fraction_gy, double *out,
                                 size_t *bad_index);
RTFRAC_API int rtfrac_array_eqdxf(const float *in, size_t count, rtfrac_array_dose kind,
                                  unsigned long fractions, float alpha_beta_gy,
                                  float reference_dose_per_fraction_gy, float *out,
                                  size_t *bad_index);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_ARRAY_H */
