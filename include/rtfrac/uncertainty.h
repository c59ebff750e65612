/* rtfrac: how parameter uncertainty moves BED and EQD2.
 *
 * A parameter may carry an interval (a published 95% interval, e.g.
 * alpha/beta 1.5 Gy (0.8-2.2)).  With one uncertain parameter the result is
 * monotonic in it for plain LQ; rtfrac evaluates it exactly at the interval
 * ends and on a grid of 64 points in between, and reports the smallest and
 * largest values (the ends, unless a time correction bends the curve).
 * With several uncertain parameters it propagates them by Monte Carlo: each
 * is drawn from a log-normal distribution with median at the estimate and
 * sigma = max(ln(high/estimate), ln(estimate/low)) / 1.959964 (the wider
 * side of the interval taken as 1.96 standard deviations, a conservative
 * choice), using GSL's MT19937 generator with a fixed seed so that results
 * repeat; it reports the median and the 2.5 and 97.5 percentiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_UNCERTAINTY_H
#define RTFRAC_UNCERTAINTY_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RTFRAC_MC_SAMPLES_DEFAULT 100000UL
#define RTFRAC_MC_SAMPLES_MIN 100UL       /* samples accepted, from ... */
#define RTFRAC_MC_SAMPLES_MAX 10000000UL  /* ... to */
#define RTFRAC_MC_SEED_DEFAULT 20221UL

typedef struct rtfrac_interval {
    int has;          /* 0: the value is certain */
    double low, high; /* low <= estimate <= high, both > 0 for Monte Carlo */
} rtfrac_interval;

/* The uncertain inputs of one evaluation: alpha/beta, and (with a time
 * correction) Tk and K; the estimates are in the model and alpha/beta. */
typedef struct rtfrac_uncertain {
    rtfrac_interval alpha_beta_gy;
    rtfrac_interval tk_days;
    rtfrac_interval dprolif_gy_per_day;
    int dprolif_per_eqd2; /* K was given in Gy EQD2/d: the model's K (Gy BED/d, converted at
                             the estimate of alpha/beta) is converted again, K_BED = K_EQD2
                             (1 + 2/(alpha/beta)), at every alpha/beta evaluated (the ends and
                             grid of its interval, each Monte Carlo sample); 0: K is a BED rate,
                             the same at every alpha/beta */
} rtfrac_uncertain;

typedef enum rtfrac_range_method {
    RTFRAC_RANGE_NONE,        /* nothing uncertain */
    RTFRAC_RANGE_INTERVAL,    /* one parameter: its interval's ends (and grid) */
    RTFRAC_RANGE_MONTE_CARLO  /* several: percentiles of samples */
} rtfrac_range_method;

/* Names of rtfrac_range_method values ("none", "interval", "monte-carlo"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_uncertainty_method_name(rtfrac_range_method value);
RTFRAC_API int rtfrac_uncertainty_method_parse(const char *text, rtfrac_range_method *out);

typedef struct rtfrac_effect_range {
    rtfrac_effect estimate;   /* at the estimates */
    rtfrac_range_method method;
    double bed_low_gy, bed_high_gy;   /* 2.5 and 97.5 percentiles, or extremes */
    double eqd2_low_gy, eqd2_high_gy;
    double bed_median_gy, eqd2_median_gy; /* Monte Carlo only; else the estimate */
    unsigned long samples;    /* Monte Carlo samples used */
} rtfrac_effect_range;

/* Workspace for Monte Carlo: a random number generator and sample arrays. */
typedef struct rtfrac_mc_workspace rtfrac_mc_workspace;

/* RTFRAC_MC_SAMPLES_MIN to _MAX samples; NULL when out of memory or samples out
 * of range. */
RTFRAC_API rtfrac_mc_workspace *rtfrac_uncertainty_mc_alloc(unsigned long samples, unsigned long seed);
RTFRAC_API void rtfrac_uncertainty_mc_free(rtfrac_mc_workspace *w); /* NULL is a no-op */

/* Evaluate the model at the estimates and propagate the intervals of `u`.
 * `w` may be NULL when at most one parameter is uncertain.  Each
 * evaluation reseeds the generator, so every row of a table draws the same
 * samples and rows can be compared.  Errors: RTFRAC_EDOM (invalid interval:
 * low > estimate or high < estimate, a non-positive bound with Monte Carlo,
 * several uncertain parameters and no workspace), RTFRAC_ERANGE. */
RTFRAC_API int rtfrac_uncertainty_effect(const rtfrac_model *model, const rtfrac_uncertain *u,
                                         double total_dose_gy, unsigned long fractions,
                                         double alpha_beta_gy, rtfrac_mc_workspace *w,
                                         rtfrac_effect_range *out);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_UNCERTAINTY_H */
