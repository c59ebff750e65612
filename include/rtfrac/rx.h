/* rtfrac: prescriptions, as typed on the command line.
 *
 * Grammar (units case-insensitive; spaces and tabs allowed between parts):
 *   [LABEL=] TOTAL [Gy|cGy] / N [fx|fr|fraction|fractions]     55/22, 5500cGy/22fx
 *   [LABEL=] TOTAL [Gy|cGy] in N [fx|fr|fraction|fractions]    55 Gy in 22 fractions
 *   [LABEL=] N [fx...] x D [Gy|cGy]                            22x2.5, 22 x 2.5 Gy
 *   [LABEL=] D Gy|cGy x N [fx...]                              2.5Gy x 22
 * 'x', 'X', '*' and the multiplication sign U+00D7 are accepted as "times".
 * In "A x B" the number that carries a dose unit is the dose per fraction;
 * with no unit at all, A is the number of fractions and B the dose per
 * fraction in Gy.  A dose without a unit is in Gy, unless that would make the
 * dose per fraction larger than RTFRAC_RX_UNITLESS_DOSE_PER_FRACTION_MAX_GY:
 * such a number is almost certainly in cGy ('5500/22' is 250 Gy a fraction
 * in gray, 55 Gy in 22 fractions in centigray), so it is refused with both
 * spellings in the message; write the unit to be understood ('5500cGy/22',
 * or '34Gy/1' for a single 34 Gy fraction, which is above the limit).
 *
 * Refused with RTFRAC_EPARSE and a diagnostic pointing at the column: an
 * empty label, zero or negative doses or fraction counts, fraction counts
 * that are not whole numbers or exceed RTFRAC_FRACTIONS_MAX, doses above
 * RTFRAC_DOSE_MAX_GY, commas in numbers, hexadecimal, NaN, infinities,
 * unknown units, a dose unit on the fraction count (or a fraction unit on a
 * dose), missing parts and trailing characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_RX_H
#define RTFRAC_RX_H

#include "rtfrac/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RTFRAC_LABEL_MAX 64         /* bytes, including the terminating NUL */
#define RTFRAC_FRACTIONS_MAX 10000UL /* the largest fraction count accepted */
#define RTFRAC_DOSE_MAX_GY 10000.0   /* the largest total dose accepted (Gy) */
/* The largest dose per fraction accepted from a dose written without a unit
 * (Gy): single fractions of up to 24 Gy (radiosurgery) and 30 Gy (lung SBRT
 * in one fraction, RTOG 0915 used 34 Gy: write '34Gy/1') are written in
 * gray; centigray values per fraction are at least about 100. */
#define RTFRAC_RX_UNITLESS_DOSE_PER_FRACTION_MAX_GY 30.0
/* The message suggests the cGy reading when it gives at least this dose per
 * fraction (Gy); otherwise only the gray spelling. */
#define RTFRAC_RX_CGY_HINT_MIN_GY 0.5

/* One prescription: a total dose delivered in equal fractions. */
typedef struct rtfrac_rx {
    char label[RTFRAC_LABEL_MAX]; /* "" when the text had no label */
    double total_dose_gy;         /* total physical dose, Gy, > 0 */
    unsigned long fractions;      /* number of fractions, 1..RTFRAC_FRACTIONS_MAX */
} rtfrac_rx;

/* Parse one prescription.  On success fills *out and returns RTFRAC_OK.
 * On failure returns RTFRAC_EPARSE, leaves *out untouched and, if `diag`
 * is not NULL, sets diag->column (1-based, in characters of `text`) and
 * diag->message. */
RTFRAC_API int rtfrac_rx_parse(const char *text, rtfrac_rx *out, rtfrac_diag *diag);

/* Dose per fraction of a parsed prescription (Gy). */
RTFRAC_API double rtfrac_rx_dose_per_fraction_gy(const rtfrac_rx *rx);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_RX_H */
