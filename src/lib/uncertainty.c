/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/uncertainty.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "gsl_int.h"
#include "util_int.h"

#define GRID_POINTS 64
#define Z975 1.959963984540054

struct rtfrac_mc_workspace {
    gsl_rng *rng;
    unsigned long samples, seed;
    double *bed, *eqd2;
    /* the standard normal draws, three per sample (alpha/beta, Tk, K), drawn
     * once from the seed on the first Monte Carlo row and reused by every
     * later row: each row restarted the generator from the same seed, so
     * the draws are the same; NULL when they could not be kept (then each
     * row draws them again, as before) */
    double *z;
    int z_tried;
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
    free(w->z);
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

/* The draws of sample i: kept, or drawn now in the same order. */
static void draws(rtfrac_mc_workspace *w, unsigned long i, double z[3])
{
    if (w->z != NULL) {
        memcpy(z, w->z + 3 * i, 3 * sizeof(double));
        return;
    }
    z[0] = gsl_ran_ugaussian(w->rng);
    z[1] = gsl_ran_ugaussian(w->rng);
    z[2] = gsl_ran_ugaussian(w->rng);
}

static void draws_prepare(rtfrac_mc_workspace *w)
{
    gsl_rng_set(w->rng, w->seed);
    if (w->z != NULL || w->z_tried)
        return;
    w->z_tried = 1;
    if (w->samples > SIZE_MAX / (3 * sizeof(double)) || (w->z = malloc(3 * w->samples * sizeof(double))) == NULL)
        return; /* drawn per row instead */
    for (unsigned long i = 0; i < 3 * w->samples; i++)
        w->z[i] = gsl_ran_ugaussian(w->rng);
}

/* Selection by GSL's gsl_stats_select (a quickselect that rearranges the
 * range): afterwards x[k] is the value that sorting x[lo..hi) would put
 * there, every element of [lo, k) is <= x[k] and every element of (k, hi)
 * is >= x[k].  The samples are finite. */
static void select_kth(double *x, size_t lo, size_t hi, size_t k)
{
    if (hi > lo + 1 && k >= lo && k < hi)
        (void)gsl_stats_select(x + lo, 1, hi - lo, k - lo);
}

/* The quantile f of x[0..n) as gsl_stats_quantile_from_sorted_data gives it
 * for the sorted data, with the same arithmetic, by selecting the two order
 * statistics it needs: x[lhs] and x[lhs + 1], within [lo, hi), where every
 * element of [hi, n) is >= every element of [lo, hi) and every element of
 * [0, lo) is <= them. */
static double quantile_select(double *x, size_t n, size_t lo, size_t hi, double f, size_t *lhs_out)
{
    const double index = f * (double)(n - 1);
    const size_t lhs = (size_t)index;
    const double delta = index - (double)lhs;
    select_kth(x, lo, hi, lhs);
    *lhs_out = lhs;
    if (lhs == n - 1)
        return x[lhs];
    double next = lhs + 1 < hi ? x[lhs + 1] : x[hi];
    for (size_t i = lhs + 2; i < hi; i++)
        next = x[i] < next ? x[i] : next;
    return (1 - delta) * x[lhs] + delta * next;
}

/* The 2.5 %, 50 % and 97.5 % quantiles of x: the median first over all
 * samples, then each tail within its side of the median. */
static void quantiles(double *x, size_t n, double *low, double *median, double *high)
{
    size_t mid, k;
    *median = quantile_select(x, n, 0, n, 0.5, &mid);
    *low = quantile_select(x, n, 0, mid, 0.025, &k);
    *high = quantile_select(x, n, mid + 1, n, 0.975, &k);
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
    /* an EQD2 rate's BED value at alpha/beta x: K (1 + 2/x) / (1 + 2/ab) */
    const int k_eqd2 = u != NULL && m->time && u->dprolif_per_eqd2;
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
            if (iv == iab) {
                p.ab = x;
                if (k_eqd2)
                    p.k = m->dprolif_gy_per_day * (1.0 + 2.0 / x) / (1.0 + 2.0 / ab);
            }
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
    draws_prepare(w);
    double s_ab = iab->has ? lognormal_sigma(iab, ab) : 0.0;
    double s_tk = itk->has ? lognormal_sigma(itk, m->tk_days) : 0.0;
    double s_k = ik->has ? lognormal_sigma(ik, m->dprolif_gy_per_day) : 0.0;
    for (unsigned long i = 0; i < w->samples; i++) {
        point p = est;
        /* all three are drawn for every sample so that rows share their samples */
        double z[3];
        draws(w, i, z);
        if (iab->has)
            p.ab = ab * exp(s_ab * z[0]);
        if (itk->has)
            p.tk = m->tk_days * exp(s_tk * z[1]);
        if (ik->has)
            p.k = m->dprolif_gy_per_day * exp(s_k * z[2]);
        if (k_eqd2 && iab->has)
            p.k *= (1.0 + 2.0 / p.ab) / (1.0 + 2.0 / ab);
        rtfrac_effect e;
        if ((rc = eval(m, total, n, p, &e)) != RTFRAC_OK)
            return rc;
        w->bed[i] = e.bed_gy;
        w->eqd2[i] = e.eqd2_gy;
    }
    r.method = RTFRAC_RANGE_MONTE_CARLO;
    r.samples = w->samples;
    /* the same numbers as sorting and gsl_stats_quantile_from_sorted_data:
     * the order statistics are the same values, combined the same way */
    quantiles(w->bed, w->samples, &r.bed_low_gy, &r.bed_median_gy, &r.bed_high_gy);
    quantiles(w->eqd2, w->samples, &r.eqd2_low_gy, &r.eqd2_median_gy, &r.eqd2_high_gy);
    *out = r;
    return RTFRAC_OK;
}

static const char *const uncertainty_method_names[] = { "none", "interval", "monte-carlo" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_uncertainty_method, rtfrac_range_method, uncertainty_method_names)
