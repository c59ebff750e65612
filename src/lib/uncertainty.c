/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/uncertainty.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "gsl_int.h"
#include "util_int.h"

#define GRID_POINTS 64
#define Z975 1.959963984540054

struct rtfrac_mc_workspace {
    gsl_rng *rng;
    unsigned long samples, seed;
    double *bed, *eqd2;
};

rtfrac_mc_workspace *rtfrac_uncertainty_mc_alloc(unsigned long samples, unsigned long seed)
{
    if (samples < RTFRAC_MC_SAMPLES_MIN || samples > RTFRAC_MC_SAMPLES_MAX)
        return NULL;
    rtfrac_mc_workspace *w = calloc(1, sizeof(*w));
    if (w == NULL)
        return NULL;
    w->samples = samples;
    w->seed = seed;
    gsl_error_handler_t *handler = quiet_gsl_begin();
    w->rng = gsl_rng_alloc(gsl_rng_mt19937);
    quiet_gsl_end(handler);
    w->bed = malloc(samples * sizeof(double));
    w->eqd2 = malloc(samples * sizeof(double));
    if (w->rng == NULL || w->bed == NULL || w->eqd2 == NULL) {
        rtfrac_uncertainty_mc_free(w);
        return NULL;
    }
    return w;
}

void rtfrac_uncertainty_mc_free(rtfrac_mc_workspace *w)
{
    if (w == NULL)
        return;
    if (w->rng != NULL)
        gsl_rng_free(w->rng);
    free(w->bed);
    free(w->eqd2);
    free(w);
}

static int interval_ok(const rtfrac_interval *i, double estimate)
{
    return !i->has || (isfinite(i->low) && isfinite(i->high) && i->low <= estimate &&
                       estimate <= i->high && i->low >= 0.0);
}

typedef struct point {
    double ab, tk, k;
} point;

static int eval(const rtfrac_model *m, double total, unsigned long n, point p, rtfrac_effect *e)
{
    rtfrac_model mm = *m;
    mm.tk_days = p.tk;
    mm.dprolif_gy_per_day = p.k;
    return rtfrac_model_effect(&mm, total, n, p.ab, e);
}

static double lognormal_sigma(const rtfrac_interval *i, double estimate)
{
    return fmax(log(i->high / estimate), log(estimate / i->low)) / Z975;
}

int rtfrac_uncertainty_effect(const rtfrac_model *m, const rtfrac_uncertain *u, double total,
                              unsigned long n, double ab, rtfrac_mc_workspace *w,
                              rtfrac_effect_range *out)
{
    rtfrac_effect_range r;
    point est = { ab, m->tk_days, m->dprolif_gy_per_day };
    const rtfrac_interval none = { 0, 0.0, 0.0 };
    const rtfrac_interval *iab = u ? &u->alpha_beta_gy : &none;
    const rtfrac_interval *itk = u && m->time ? &u->tk_days : &none;
    const rtfrac_interval *ik = u && m->time ? &u->dprolif_gy_per_day : &none;
    int rc;

    memset(&r, 0, sizeof(r));
    if (!interval_ok(iab, ab) || !interval_ok(itk, m->tk_days) || !interval_ok(ik, m->dprolif_gy_per_day) ||
        (iab->has && !(iab->low > 0.0)))
        return RTFRAC_EDOM;
    if ((rc = eval(m, total, n, est, &r.estimate)) != RTFRAC_OK)
        return rc;
    r.bed_low_gy = r.bed_high_gy = r.bed_median_gy = r.estimate.bed_gy;
    r.eqd2_low_gy = r.eqd2_high_gy = r.eqd2_median_gy = r.estimate.eqd2_gy;
    int nunc = iab->has + itk->has + ik->has;
    if (nunc == 0) {
        *out = r;
        return RTFRAC_OK;
    }
    if (nunc == 1) {
        /* one parameter: the ends exactly, and a grid for curvature */
        const rtfrac_interval *iv = iab->has ? iab : itk->has ? itk : ik;
        r.method = RTFRAC_RANGE_INTERVAL;
        for (int g = 0; g <= GRID_POINTS + 1; g++) {
            point p = est;
            double x = g == 0 ? iv->low : g == GRID_POINTS + 1 ? iv->high
                                        : iv->low + (iv->high - iv->low) * g / (GRID_POINTS + 1.0);
            if (iv == iab)
                p.ab = x;
            else if (iv == itk)
                p.tk = x;
            else
                p.k = x;
            rtfrac_effect e;
            if ((rc = eval(m, total, n, p, &e)) != RTFRAC_OK)
                return rc;
            r.bed_low_gy = fmin(r.bed_low_gy, e.bed_gy);
            r.bed_high_gy = fmax(r.bed_high_gy, e.bed_gy);
            r.eqd2_low_gy = fmin(r.eqd2_low_gy, e.eqd2_gy);
            r.eqd2_high_gy = fmax(r.eqd2_high_gy, e.eqd2_gy);
        }
        *out = r;
        return RTFRAC_OK;
    }
    if (w == NULL)
        return RTFRAC_EDOM;
    /* Monte Carlo over log-normal parameters */
    if ((itk->has && !(itk->low > 0.0 && m->tk_days > 0.0)) ||
        (ik->has && !(ik->low > 0.0 && m->dprolif_gy_per_day > 0.0)))
        return RTFRAC_EDOM;
    gsl_rng_set(w->rng, w->seed);
    double s_ab = iab->has ? lognormal_sigma(iab, ab) : 0.0;
    double s_tk = itk->has ? lognormal_sigma(itk, m->tk_days) : 0.0;
    double s_k = ik->has ? lognormal_sigma(ik, m->dprolif_gy_per_day) : 0.0;
    for (unsigned long i = 0; i < w->samples; i++) {
        point p = est;
        /* draw all three every time so that rows share their samples */
        double z_ab = gsl_ran_ugaussian(w->rng), z_tk = gsl_ran_ugaussian(w->rng),
               z_k = gsl_ran_ugaussian(w->rng);
        if (iab->has)
            p.ab = ab * exp(s_ab * z_ab);
        if (itk->has)
            p.tk = m->tk_days * exp(s_tk * z_tk);
        if (ik->has)
            p.k = m->dprolif_gy_per_day * exp(s_k * z_k);
        rtfrac_effect e;
        if ((rc = eval(m, total, n, p, &e)) != RTFRAC_OK)
            return rc;
        w->bed[i] = e.bed_gy;
        w->eqd2[i] = e.eqd2_gy;
    }
    gsl_sort(w->bed, 1, w->samples);
    gsl_sort(w->eqd2, 1, w->samples);
    r.method = RTFRAC_RANGE_MONTE_CARLO;
    r.samples = w->samples;
    r.bed_low_gy = gsl_stats_quantile_from_sorted_data(w->bed, 1, w->samples, 0.025);
    r.bed_median_gy = gsl_stats_quantile_from_sorted_data(w->bed, 1, w->samples, 0.5);
    r.bed_high_gy = gsl_stats_quantile_from_sorted_data(w->bed, 1, w->samples, 0.975);
    r.eqd2_low_gy = gsl_stats_quantile_from_sorted_data(w->eqd2, 1, w->samples, 0.025);
    r.eqd2_median_gy = gsl_stats_quantile_from_sorted_data(w->eqd2, 1, w->samples, 0.5);
    r.eqd2_high_gy = gsl_stats_quantile_from_sorted_data(w->eqd2, 1, w->samples, 0.975);
    *out = r;
    return RTFRAC_OK;
}

static const char *const uncertainty_method_names[] = { "none", "interval", "monte-carlo" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_uncertainty_method, rtfrac_range_method, uncertainty_method_names)
