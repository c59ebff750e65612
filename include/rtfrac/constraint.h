/* rtfrac: organ constraints: their metric, the alpha/beta that converts
 * them, their conversion to another fractionation and their verdict on a
 * plan.  The data of a constraint (rtfrac_constraint, rtfrac_metric_kind,
 * rtfrac_limit_unit) is read by the preset loader (rtfrac/preset.h); this
 * module decides everything a command does with it, so that every command
 * converts and judges a limit alike.
 *
 * Conversion (Fowler JF, Br J Radiol 1989;62:679-694; the QUANTEC practice
 * of Marks LB et al., Int J Radiat Oncol Biol Phys 2010;76(3 Suppl):
 * S10-S19): a limit D stated in fractions of d_s Gy has
 *   BED = (D / d_s) BED_f(d_s),
 * with BED_f the model's BED of one fraction (LQ: d (1 + d/(a/b)); LQ-L,
 * USC: rtfrac/model.h); the converted limit is the physical dose in N
 * equal fractions with the same BED (LQ:
 *   d_N = (a/b)/2 (sqrt(1 + 4 BED/(N a/b)) - 1)),
 * without time correction or incomplete repair: organ limits are late
 * effects.  EQD2 = BED / (1 + 2/(a/b)).  Exact for a point dose (max,
 * D<x>%, D<x>cc, the threshold x of V<x>Gy); an approximation for a mean
 * dose, since every voxel of an inhomogeneous dose has its own dose per
 * fraction.  The volume of a V<x>Gy limit is not converted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CONSTRAINT_H
#define RTFRAC_CONSTRAINT_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/dvh.h"
#include "rtfrac/model.h"
#include "rtfrac/preset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- metric ------------------------------------------------------------ */

/* Parse a metric: "mean", "max", "D<x>%" (0 < x <= 100), "D<x>cc" (x > 0,
 * cm3) or "V<x>Gy" (x > 0, Gy), case-sensitive and without spaces; x is a
 * number as rtfrac_num_scan reads it, unsigned.  On success *kind gets the
 * kind and *metric_x the x (0 for mean and max).  Errors: RTFRAC_EPARSE,
 * with diag (may be NULL) naming the text and the accepted forms and its
 * column at the problem (1 for an unknown word, 2 for a bad or out-of-range
 * number, the unit's first character for a wrong or missing unit).
 * *kind and *metric_x are untouched on error. */
RTFRAC_API int rtfrac_constraint_metric_parse(const char *text, rtfrac_metric_kind *kind, double *metric_x,
                                   rtfrac_diag *diag);

/* The canonical text of a metric: "mean", "max", "D95%", "D0.03cc",
 * "V20Gy", with x in the shortest decimal form that parses back to the
 * same double.  Always NUL-terminated when size > 0.  Errors: RTFRAC_EINVAL
 * (an unknown kind, or x outside the domain of rtfrac_constraint_metric_parse),
 * RTFRAC_ERANGE (buf too small: it holds a truncated text). */
RTFRAC_API int rtfrac_constraint_metric_name(rtfrac_metric_kind kind, double metric_x, char *buf,
                                  size_t size);

/* ---- alpha/beta -------------------------------------------------------- */

/* Where the alpha/beta that converts a constraint came from. */
typedef enum rtfrac_constraint_ab_source {
    RTFRAC_CONSTRAINT_AB_NONE,       /* nowhere: the constraint cannot be converted */
    RTFRAC_CONSTRAINT_AB_CONSTRAINT, /* stated by the constraint (or its set) */
    RTFRAC_CONSTRAINT_AB_TISSUE,     /* the tissue preset the constraint names */
    RTFRAC_CONSTRAINT_AB_CALLER      /* the caller's fallback, e.g. --ab */
} rtfrac_constraint_ab_source;

/* The alpha/beta (Gy) for converting constraint k, first found of: the
 * constraint's own, its tissue's (`tissue`, the preset named by k->tissue,
 * NULL when k names none or it is not loaded), the caller's fallback_ab_gy
 * (0 for none).  When none applies, *ab_gy = 0 and *from =
 * RTFRAC_CONSTRAINT_AB_NONE with RTFRAC_OK: the caller decides whether
 * that is an error.  Errors: RTFRAC_EINVAL (tissue is not the one k
 * names), RTFRAC_EDOM (fallback_ab_gy negative or not finite); outputs
 * untouched on error. */
RTFRAC_API int rtfrac_constraint_alpha_beta(const rtfrac_constraint *k, const rtfrac_tissue *tissue,
                                 double fallback_ab_gy, double *ab_gy,
                                 rtfrac_constraint_ab_source *from);

/* "none", "constraint", "tissue", "caller"; "" for an unknown value (parse: case ignored). */
RTFRAC_API const char *rtfrac_constraint_ab_source_name(rtfrac_constraint_ab_source from);

/* The inverse of rtfrac_constraint_ab_source_name.  Errors: RTFRAC_EINVAL. */
RTFRAC_API int rtfrac_constraint_ab_source_parse(const char *name, rtfrac_constraint_ab_source *from);

/* ---- conversion -------------------------------------------------------- */

/* One dose of a constraint (its limit, its optimal limit or a V<x>Gy
 * threshold) as stated and converted. */
typedef struct rtfrac_constraint_dose {
    double stated_gy;            /* physical dose as stated (in the stated fractionation) */
    double dose_gy;              /* physical dose in the plan's fractions */
    double dose_per_fraction_gy; /* dose_gy / fractions */
    double bed_gy;               /* BED, the same in both fractionations */
    double eqd2_gy;              /* EQD2 of that BED at the constraint's alpha/beta */
} rtfrac_constraint_dose;

typedef struct rtfrac_constraint_conversion {
    double alpha_beta_gy;   /* the alpha/beta used */
    unsigned long fractions; /* the fraction count converted to */
    int exact;              /* 1 for a point dose, 0 for a mean (approximate) */
    int has_limit_dose;     /* a dose metric with a limit (not k->aim_only): */
    rtfrac_constraint_dose limit; /* that limit converted; for V<x>Gy the
                                     threshold x (always); else zero (an aim only) */
    int has_optimal_dose;   /* a dose metric with an optimal limit: */
    rtfrac_constraint_dose optimal; /* that limit converted alike (else zero) */
} rtfrac_constraint_conversion;

/* Convert constraint k to `fractions` fractions at ab_gy (usually from
 * rtfrac_constraint_alpha_beta) with the dose-per-fraction term of `model`
 * (LQ, LQ-L or USC; its time, repair and calendar are ignored): the formulas
 * at the top of this header, through rtfrac_model_convert_dose.  For a
 * V<x>Gy limit the threshold x is converted and the volume limits (k->limit,
 * k->optimal, in k->unit) stay as stated.  An aim-only constraint
 * (k->aim_only) converts its optimal only: has_limit_dose 0.  Errors: RTFRAC_EDOM (ab_gy not
 * positive and finite, fractions 0, a constraint whose stated
 * fractionation is not exactly one of fractions and dose_per_fraction_gy,
 * a BED the model cannot reach in `fractions`), RTFRAC_EINVAL (a limit
 * unit that does not fit the metric, an aim_only k without an optimal),
 * RTFRAC_ERANGE (no convergence); *out untouched on error. */
RTFRAC_API int rtfrac_constraint_convert(const rtfrac_model *model, const rtfrac_constraint *k,
                              double ab_gy, unsigned long fractions,
                              rtfrac_constraint_conversion *out);

/* ---- value and verdict ------------------------------------------------- */

/* The plan's value of k's metric on a structure's dose bins (normally its
 * EQD2 DVH, rtfrac_dvh_bins_eqd2 at the conversion's alpha/beta): mean, max,
 * D<x>% and D<x>cc in Gy; for V<x>Gy the volume receiving at least
 * threshold_gy (normally the conversion's limit.eqd2_gy) in k->unit (% or
 * cm3).  threshold_gy is ignored for the other metrics.  Errors:
 * RTFRAC_EDOM (the metric is not available on these bins: D<x>cc or a cm3
 * volume on a relative DVH, x beyond the volume, empty bins, or a value
 * that a partial curve only bounds: see rtfrac_dvh_stats_of), RTFRAC_EINVAL
 * (a limit unit that does not fit the metric); *value untouched on error. */
RTFRAC_API int rtfrac_constraint_value(const rtfrac_constraint *k, const rtfrac_dvh_bins *bins,
                            double threshold_gy, double *value);

typedef enum rtfrac_constraint_verdict {
    RTFRAC_CONSTRAINT_PASS,               /* at or below the (optimal) limit */
    RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL, /* above the optimal limit, at or below the limit */
    RTFRAC_CONSTRAINT_FAIL,               /* above the limit */
    RTFRAC_CONSTRAINT_NOT_EVALUATED       /* no value to judge */
} rtfrac_constraint_verdict;

/* Judge the plan's value of k's metric (as from rtfrac_constraint_value)
 * against the conversion c of k: for a dose metric, value (EQD2, Gy) against
 * c->limit.eqd2_gy and c->optimal.eqd2_gy; for V<x>Gy, value (volume in
 * k->unit) against k->limit and k->optimal.  A value equal to a limit is
 * within it.  A lower bound (k->lower_bound, a target's minimum) mirrors
 * the comparisons: FAIL below the limit, PASS_ABOVE_OPTIMAL ("short of the
 * optimal") between limit and optimal.  An aim-only constraint (no limit)
 * never fails: PASS within the aim, PASS_ABOVE_OPTIMAL beyond it (for a
 * lower bound: short of it).  have_value 0 gives RTFRAC_CONSTRAINT_NOT_EVALUATED (value is
 * then ignored).  Errors: RTFRAC_EDOM (value negative or not finite),
 * RTFRAC_EINVAL (c is not a conversion of k: its optimal or its limit disagrees);
 * *verdict untouched on error. */
RTFRAC_API int rtfrac_constraint_check(const rtfrac_constraint *k, const rtfrac_constraint_conversion *c,
                            int have_value, double value, rtfrac_constraint_verdict *verdict);

/* The value of k's metric as rtfrac_constraint_value, but a value that a
 * partial curve only bounds is returned with its bound (rtfrac_dvh_bound)
 * instead of refused.  Errors: as rtfrac_constraint_value (RTFRAC_EDOM when
 * the curve bounds it on neither side). */
RTFRAC_API int rtfrac_constraint_value_bounded(const rtfrac_constraint *k, const rtfrac_dvh_bins *bins,
                                               double threshold_gy, double *value, rtfrac_dvh_bound *bound);

/* rtfrac_constraint_check for a value that may be a bound: exact values as
 * there; a value the true one is AT_LEAST gives FAIL when it is already above
 * the limit and NOT_EVALUATED otherwise; AT_MOST gives PASS (or
 * PASS_ABOVE_OPTIMAL) when it is within the limit and NOT_EVALUATED
 * otherwise; UNKNOWN gives NOT_EVALUATED.  For an aim-only constraint the
 * aim takes the limit's part: AT_LEAST beyond the aim gives
 * PASS_ABOVE_OPTIMAL (sure), never FAIL.  A partial curve never passes a
 * limit it might break.  Errors: as rtfrac_constraint_check. */
RTFRAC_API int rtfrac_constraint_check_bounded(const rtfrac_constraint *k, const rtfrac_constraint_conversion *c,
                                               int have_value, double value, rtfrac_dvh_bound bound,
                                               rtfrac_constraint_verdict *verdict);

/* "pass", "pass-above-optimal", "fail", "not-evaluated"; "" for an unknown
 * value. */
RTFRAC_API const char *rtfrac_constraint_verdict_name(rtfrac_constraint_verdict verdict);

/* The inverse of rtfrac_constraint_verdict_name.  Errors: RTFRAC_EINVAL. */
RTFRAC_API int rtfrac_constraint_verdict_parse(const char *name, rtfrac_constraint_verdict *verdict);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_CONSTRAINT_H */
