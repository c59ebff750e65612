/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/ldr.h"

#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "rtfrac/lq.h"
#include "rtfrac/model.h"
#include "rtfrac/rx.h"
#include "gsl_int.h"

/* ln 2: LN2 is not C11 */
#define LN2 0.693147180559945309417232121458176568

static int in_range(double x, double lo_excl, double hi_incl)
{
    return isfinite(x) && x > lo_excl && x <= hi_incl;
}

int rtfrac_ldr_g(double x, double *g)
{
    if (!isfinite(x) || x < 0.0)
        return RTFRAC_EDOM;
    if (x < 0.5) {
        /* g(x) = sum_{k>=1} (-1)^(k+1) x^k / (k+1)!: 16 terms leave < 1e-18
         * relative at x = 0.5; 1 - (1 - e^-x)/x would lose ~log10(1/x)
         * digits here. */
        double term = x / 2.0, sum = 0.0;
        for (int k = 1; k <= 16; k++) {
            sum += term;
            term *= -x / (double)(k + 2);
        }
        *g = sum;
        return RTFRAC_OK;
    }
    *g = 1.0 + expm1(-x) / x;
    return RTFRAC_OK;
}

/* sum_{i<j<n} q^(j-i-1) for 0 <= q < 1: sum_{k=1}^{n-1} (n-k) q^(k-1) */
static double pair_sum(unsigned long n, double q)
{
    double s = 0.0, qk = 1.0;
    for (unsigned long k = 1; k < n; k++) {
        s += (double)(n - k) * qk;
        qk *= q;
    }
    return s;
}

int rtfrac_ldr_bed(double dose_gy, double dose_rate_gy_per_h, unsigned long sessions,
                   double gap_h, double alpha_beta_gy, double repair_half_time_h,
                   rtfrac_ldr_result *out)
{
    if (!in_range(dose_gy, 0.0, RTFRAC_DOSE_MAX_GY) ||
        !in_range(dose_rate_gy_per_h, 0.0, RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H) || sessions < 1 ||
        sessions > RTFRAC_LDR_SESSIONS_MAX || !isfinite(gap_h) || gap_h < 0.0 ||
        gap_h > RTFRAC_LDR_HOURS_MAX ||
        !(alpha_beta_gy >= RTFRAC_ALPHA_BETA_MIN_GY && alpha_beta_gy <= RTFRAC_ALPHA_BETA_MAX_GY) ||
        !in_range(repair_half_time_h, 0.0, RTFRAC_REPAIR_HALF_TIME_MAX_H))
        return RTFRAC_EDOM;
    rtfrac_ldr_result r;
    double n = (double)sessions, mu = LN2 / repair_half_time_h;
    r.dose_per_session_gy = dose_gy / n;
    r.hours_per_session_h = r.dose_per_session_gy / dose_rate_gy_per_h;
    if (r.hours_per_session_h > RTFRAC_LDR_HOURS_MAX)
        return RTFRAC_EDOM;
    double x = mu * r.hours_per_session_h;
    int rc = rtfrac_ldr_g(x, &r.g);
    if (rc != RTFRAC_OK)
        return rc;
    double k = 2.0 * dose_rate_gy_per_h / (mu * alpha_beta_gy);
    r.bed_long_time_gy = dose_gy * (1.0 + k);
    r.between_sessions_gy = 0.0;
    if (sessions > 1) {
        /* (2 R^2/(mu^2 a/b)) (1 - e^-x)^2 e^(mu T) sum_{i<j} e^(-mu (j-i)(T+g))
         * = (2R/(mu a/b)) (R/mu) (1 - e^-x)^2 e^(-mu g) sum_{i<j} q^(j-i-1),
         * q = e^(-mu (T+g)): e^x never formed, so a short repair half-time
         * (large mu T) gives 0 rather than inf x 0 */
        double q = exp(-mu * (r.hours_per_session_h + gap_h));
        double w = expm1(-x) * expm1(-x) * exp(-mu * gap_h);
        r.between_sessions_gy = k * (dose_rate_gy_per_h / mu) * w * pair_sum(sessions, q);
    }
    r.bed_gy = dose_gy * (1.0 + k * r.g) + r.between_sessions_gy;
    if (!isfinite(r.bed_gy) || !isfinite(r.bed_long_time_gy) || !isfinite(r.between_sessions_gy))
        return RTFRAC_ERANGE;
    if ((rc = rtfrac_lq_eqd2(r.bed_gy, alpha_beta_gy, &r.eqd2_gy)) != RTFRAC_OK)
        return rc;
    *out = r;
    return RTFRAC_OK;
}

static int implant_params_ok(const rtfrac_implant_params *p)
{
    if (p == NULL || !in_range(p->half_life_days, 0.0, RTFRAC_HALF_LIFE_MAX_DAYS) ||
        !(p->alpha_beta_gy >= RTFRAC_ALPHA_BETA_MIN_GY && p->alpha_beta_gy <= RTFRAC_ALPHA_BETA_MAX_GY) ||
        !in_range(p->repair_half_time_h, 0.0, RTFRAC_REPAIR_HALF_TIME_MAX_H) ||
        /* mu >= 2 lambda keeps mu - lambda away from cancellation */
        !(2.0 * p->repair_half_time_h <= 24.0 * p->half_life_days))
        return 0;
    if (p->repopulation && (!in_range(p->alpha_per_gy, 0.0, RTFRAC_ALPHA_MAX_PER_GY) ||
                            !in_range(p->tpot_days, 0.0, RTFRAC_TPOT_MAX_DAYS)))
        return 0;
    return 1;
}

int rtfrac_implant_bed(double dose_gy, const rtfrac_implant_params *p, rtfrac_implant_result *out)
{
    if (!in_range(dose_gy, 0.0, RTFRAC_DOSE_MAX_GY) || !implant_params_ok(p))
        return RTFRAC_EDOM;
    rtfrac_implant_result r;
    double lambda = LN2 / (24.0 * p->half_life_days); /* per hour */
    double mu = LN2 / p->repair_half_time_h;
    double ab = p->alpha_beta_gy;
    double r0 = dose_gy * lambda;
    r.initial_dose_rate_gy_per_h = r0;
    r.bed_full_decay_gy = dose_gy * (1.0 + r0 / ((mu + lambda) * ab));
    r.effective_time_days = 0.0;
    r.dose_to_teff_gy = dose_gy;
    r.repopulation_gy = 0.0;
    r.bed_gy = r.bed_full_decay_gy;
    if (p->repopulation) {
        double tpot_h = 24.0 * p->tpot_days;
        double z = p->alpha_per_gy * tpot_h * r0 / LN2; /* R0 / repopulation rate */
        if (!(z > 1.0))
            return RTFRAC_EREPOP;
        double teff = log(z) / lambda; /* hours */
        double e1 = -expm1(-lambda * teff), e2 = -expm1(-2.0 * lambda * teff);
        double e3 = -expm1(-(mu + lambda) * teff);
        r.effective_time_days = teff / 24.0;
        r.dose_to_teff_gy = dose_gy * e1;
        r.repopulation_gy = LN2 * teff / (p->alpha_per_gy * tpot_h);
        r.bed_gy = r.dose_to_teff_gy +
                   r0 * r0 / ((mu - lambda) * ab) * (e2 / lambda - 2.0 * e3 / (mu + lambda)) -
                   r.repopulation_gy;
    }
    if (!isfinite(r.bed_gy) || !isfinite(r.bed_full_decay_gy))
        return RTFRAC_ERANGE;
    int rc = rtfrac_lq_eqd2(r.bed_gy, ab, &r.eqd2_gy);
    if (rc != RTFRAC_OK)
        return rc;
    *out = r;
    return RTFRAC_OK;
}

int rtfrac_implant_repopulation_rate(const rtfrac_implant_params *p, double *gy_per_h)
{
    if (!implant_params_ok(p) || !p->repopulation)
        return RTFRAC_EDOM;
    double rate = LN2 / (p->alpha_per_gy * 24.0 * p->tpot_days);
    if (!isfinite(rate))
        return RTFRAC_ERANGE;
    *gy_per_h = rate;
    return RTFRAC_OK;
}

typedef struct match_ctx {
    const rtfrac_implant_params *p;
    double bed_gy;
} match_ctx;

static double match_residual(double dose_gy, void *v)
{
    const match_ctx *m = v;
    rtfrac_implant_result r;
    if (rtfrac_implant_bed(dose_gy, m->p, &r) != RTFRAC_OK)
        return -m->bed_gy; /* below the repopulation threshold: no effect */
    return r.bed_gy - m->bed_gy;
}

int rtfrac_implant_dose_for_bed(double bed_gy, const rtfrac_implant_params *p, double *dose_gy)
{
    if (!isfinite(bed_gy) || !(bed_gy > 0.0) || !implant_params_ok(p))
        return RTFRAC_EDOM;
    match_ctx m = { p, bed_gy };
    gsl_function f = { match_residual, &m };
    /* the BED grows with the dose; without repopulation BED >= D, so
     * D = BED is above the root; with it, double until above */
    double lo = 0.0, hi = bed_gy;
    while (match_residual(hi, &m) < 0.0) {
        lo = hi;
        hi *= 2.0;
        if (hi > RTFRAC_DOSE_MAX_GY) {
            if (lo >= RTFRAC_DOSE_MAX_GY || match_residual(RTFRAC_DOSE_MAX_GY, &m) < 0.0)
                return RTFRAC_EDOM;
            hi = RTFRAC_DOSE_MAX_GY;
        }
    }
    if (lo <= 0.0)
        lo = hi * 1e-12; /* the residual at a dose of zero is -BED */
    double d = 0.0;
    int rc = gsl_int_brent(&f, lo, hi, 1e-14, &d);
    if (rc != RTFRAC_OK)
        return rc;
    rtfrac_implant_result check; /* substitution */
    if (rtfrac_implant_bed(d, p, &check) != RTFRAC_OK ||
        !(fabs(check.bed_gy - bed_gy) <= 1e-9 * bed_gy))
        return RTFRAC_ERANGE;
    *dose_gy = d;
    return RTFRAC_OK;
}
