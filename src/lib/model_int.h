/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to the library: the model's effect without the refusal of a
 * negative BED, for the solvers (which bracket roots through it) and the
 * DVH conversion (which clamps low-dose bins at BED 0). */
#ifndef RTFRAC_MODEL_INT_H
#define RTFRAC_MODEL_INT_H

#include "rtfrac/model.h"

/* rtfrac_model_effect_dose_per_fraction, but a BED below zero (repopulation
 * exceeding the dose) is returned as it is instead of RTFRAC_EREPOP. */
int rtfrac_model_effect_unchecked(const rtfrac_model *m, double total_dose_gy, double dose_per_fraction_gy,
                                  unsigned long fractions, double alpha_beta_gy, rtfrac_effect *out);

#endif
