/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/dvh.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include "util_int.h"

void rtfrac_dvh_bins_release(rtfrac_dvh_bins *b)
{
    if (b == NULL)
        return;
    free(b->dose_gy);
    free(b->lo_gy);
    free(b->hi_gy);
    free(b->volume);
    memset(b, 0, sizeof(*b));
}

static int bins_alloc(rtfrac_dvh_bins *b, size_t n)
{
    memset(b, 0, sizeof(*b));
    b->dose_gy = malloc((n ? n : 1) * sizeof(double));
    b->lo_gy = malloc((n ? n : 1) * sizeof(double));
    b->hi_gy = malloc((n ? n : 1) * sizeof(double));
    b->volume = malloc((n ? n : 1) * sizeof(double));
    if (!b->dose_gy || !b->lo_gy || !b->hi_gy || !b->volume) {
        rtfrac_dvh_bins_release(b);
        return RTFRAC_ENOMEM;
    }
    b->n = n;
    return RTFRAC_OK;
}

int rtfrac_dvh_bins_from(const rtfrac_dvh *dvh, rtfrac_dvh_bins *out)
{
    rtfrac_dvh_bins b;
    size_t n = dvh->n;
    if (n == 0)
        return RTFRAC_EDOM;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(dvh->dose_gy[i]) || dvh->dose_gy[i] < 0.0 || !isfinite(dvh->volume[i]) ||
            dvh->volume[i] < 0.0 || (i > 0 && !(dvh->dose_gy[i] > dvh->dose_gy[i - 1])))
            return RTFRAC_EDOM;
    if (bins_alloc(&b, n) != RTFRAC_OK)
        return RTFRAC_ENOMEM;
    /* absolute when the file gives cm3, or % with a known structure volume */
    double scale;
    if (dvh->volume_unit == RTFRAC_VOLUME_PERCENT) {
        b.absolute = dvh->total_volume_cc > 0.0;
        scale = b.absolute ? dvh->total_volume_cc / 100.0 : 0.01;
    } else {
        b.absolute = 1;
        scale = 1.0;
    }
    if (dvh->kind == RTFRAC_DVH_CUMULATIVE) {
        double vmax = 0.0;
        for (size_t i = 0; i < n; i++)
            vmax = fmax(vmax, dvh->volume[i]);
        for (size_t i = 0; i < n; i++) {
            double lo = dvh->dose_gy[i];
            double hi = i + 1 < n ? dvh->dose_gy[i + 1] : lo;
            double v = dvh->volume[i] - (i + 1 < n ? dvh->volume[i + 1] : 0.0);
            if (v < 0.0) {
                /* rounding noise in the file is tolerated, a rising curve not */
                if (-v > 1e-6 * vmax + 1e-12) {
                    rtfrac_dvh_bins_release(&b);
                    return RTFRAC_EDOM;
                }
                v = 0.0;
            }
            b.lo_gy[i] = lo;
            b.hi_gy[i] = hi;
            b.dose_gy[i] = 0.5 * (lo + hi);
            b.volume[i] = v * scale;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            double d = dvh->dose_gy[i];
            double left = i > 0 ? 0.5 * (dvh->dose_gy[i] - dvh->dose_gy[i - 1])
                                : (n > 1 ? 0.5 * (dvh->dose_gy[1] - d) : 0.0);
            double right = i + 1 < n ? 0.5 * (dvh->dose_gy[i + 1] - d) : left;
            b.lo_gy[i] = fmax(0.0, d - left);
            b.hi_gy[i] = d + right;
            b.dose_gy[i] = d;
            double v = dvh->volume[i] * scale;
            if (dvh->volume_unit == RTFRAC_VOLUME_CC_PER_GY)
                v = dvh->volume[i] * (b.hi_gy[i] - b.lo_gy[i]);
            b.volume[i] = v;
        }
    }
    b.total_volume = 0.0;
    for (size_t i = 0; i < n; i++)
        b.total_volume += b.volume[i];
    if (!(b.total_volume > 0.0) || !isfinite(b.total_volume)) {
        rtfrac_dvh_bins_release(&b);
        return RTFRAC_EDOM;
    }
    *out = b;
    return RTFRAC_OK;
}

static double eqd2_of(double dose, double n, double ab)
{
    return dose * (dose / n + ab) / (2.0 + ab);
}

int rtfrac_dvh_bins_eqd2(const rtfrac_dvh_bins *in, unsigned long fractions, double ab,
                         rtfrac_dvh_bins *out)
{
    rtfrac_dvh_bins b;
    if (fractions < 1 || !isfinite(ab) || !(ab > 0.0) || in->n == 0)
        return RTFRAC_EDOM;
    if (bins_alloc(&b, in->n) != RTFRAC_OK)
        return RTFRAC_ENOMEM;
    double n = (double)fractions;
    for (size_t i = 0; i < in->n; i++) {
        b.dose_gy[i] = eqd2_of(in->dose_gy[i], n, ab);
        b.lo_gy[i] = eqd2_of(in->lo_gy[i], n, ab);
        b.hi_gy[i] = eqd2_of(in->hi_gy[i], n, ab);
        b.volume[i] = in->volume[i];
        if (!isfinite(b.dose_gy[i]) || !isfinite(b.hi_gy[i])) {
            rtfrac_dvh_bins_release(&b);
            return RTFRAC_ERANGE;
        }
    }
    b.absolute = in->absolute;
    b.total_volume = in->total_volume;
    *out = b;
    return RTFRAC_OK;
}

int rtfrac_dvh_bins_max_dose_per_fraction(const rtfrac_dvh_bins *b, unsigned long fractions, double *dpf)
{
    if (fractions < 1)
        return RTFRAC_EDOM;
    double hi = 0.0;
    for (size_t i = 0; i < b->n; i++)
        if (b->volume[i] > 0.0)
            hi = fmax(hi, b->hi_gy[i]);
    *dpf = hi / (double)fractions;
    return RTFRAC_OK;
}

/* One dose of a bin under the model: EQD2 of its BED, clamped at BED 0. */
static int eqd2_model_of(const rtfrac_model *m, double dose, unsigned long n, double ab, double *eqd2,
                         int *clamped)
{
    rtfrac_effect e;
    int rc = rtfrac_model_effect(m, dose, n, ab, &e);
    if (rc != RTFRAC_OK)
        return rc;
    *clamped = e.bed_gy < 0.0;
    if (!*clamped) {
        *eqd2 = e.eqd2_gy;
        return RTFRAC_OK;
    }
    return rtfrac_model_eqdx(m, 0.0, ab, 2.0, eqd2);
}

int rtfrac_dvh_bins_eqd2_model(const rtfrac_dvh_bins *in, unsigned long fractions, const rtfrac_model *m,
                               double ab, rtfrac_dvh_bins *out, rtfrac_dvh_model_info *info)
{
    rtfrac_dvh_bins b;
    rtfrac_dvh_model_info inf;
    if (fractions < 1 || !isfinite(ab) || !(ab > 0.0) || in->n == 0 ||
        rtfrac_model_check(m, NULL) != RTFRAC_OK)
        return RTFRAC_EDOM;
    /* plain LQ once a day without time: the closed form of rtfrac_dvh_bins_eqd2, to the bit */
    int plain = m->kind == RTFRAC_MODEL_LQ && !m->time && !(m->repair && m->calendar.per_day > 1);
    memset(&inf, 0, sizeof(inf));
    if (plain) {
        int rc = rtfrac_dvh_bins_eqd2(in, fractions, ab, &b);
        if (rc != RTFRAC_OK)
            return rc;
    } else {
        if (bins_alloc(&b, in->n) != RTFRAC_OK)
            return RTFRAC_ENOMEM;
        for (size_t i = 0; i < in->n; i++) {
            int c0 = 0, c1 = 0, c2 = 0;
            int rc = eqd2_model_of(m, in->dose_gy[i], fractions, ab, &b.dose_gy[i], &c0);
            if (rc == RTFRAC_OK)
                rc = eqd2_model_of(m, in->lo_gy[i], fractions, ab, &b.lo_gy[i], &c1);
            if (rc == RTFRAC_OK)
                rc = eqd2_model_of(m, in->hi_gy[i], fractions, ab, &b.hi_gy[i], &c2);
            if (rc == RTFRAC_OK && (!isfinite(b.dose_gy[i]) || !isfinite(b.hi_gy[i])))
                rc = RTFRAC_ERANGE;
            if (rc != RTFRAC_OK) {
                rtfrac_dvh_bins_release(&b);
                return rc;
            }
            b.volume[i] = in->volume[i];
            if (c0 && in->volume[i] > 0.0)
                inf.clamped_bins++;
        }
        b.absolute = in->absolute;
        b.total_volume = in->total_volume;
    }
    rtfrac_dvh_bins_max_dose_per_fraction(in, fractions, &inf.max_dose_per_fraction_gy);
    *out = b;
    if (info != NULL)
        *info = inf;
    return RTFRAC_OK;
}

int rtfrac_dvh_stats_of(const rtfrac_dvh_bins *b, rtfrac_dvh_stats *out)
{
    rtfrac_dvh_stats s;
    double sum = 0.0, vd = 0.0;
    int any = 0;
    memset(&s, 0, sizeof(s));
    for (size_t i = 0; i < b->n; i++) {
        if (!(b->volume[i] > 0.0))
            continue;
        if (!any)
            s.min_gy = b->lo_gy[i];
        any = 1;
        s.max_gy = b->hi_gy[i];
        sum += b->volume[i];
        vd += b->volume[i] * b->dose_gy[i];
    }
    if (!any)
        return RTFRAC_EDOM;
    s.mean_gy = vd / sum;
    s.total_volume = b->absolute ? sum : 1.0;
    s.absolute = b->absolute;
    *out = s;
    return RTFRAC_OK;
}

/* Volume receiving at least `dose` (in the bins' volume unit). */
static double cumulative_at(const rtfrac_dvh_bins *b, double dose)
{
    double v = 0.0;
    for (size_t i = 0; i < b->n; i++) {
        double lo = b->lo_gy[i], hi = b->hi_gy[i];
        if (dose <= lo)
            v += b->volume[i];
        else if (dose < hi)
            v += b->volume[i] * (hi - dose) / (hi - lo);
    }
    return v;
}

/* The dose at which the cumulative volume falls to `target`. */
static double dose_at_volume(const rtfrac_dvh_bins *b, double target)
{
    double above = 0.0; /* volume of the bins after i */
    for (size_t k = b->n; k-- > 0;) {
        double v = b->volume[k];
        if (above + v >= target && v > 0.0) {
            double lo = b->lo_gy[k], hi = b->hi_gy[k];
            /* within the bin the volume above dose D is above + v (hi-D)/(hi-lo) */
            if (!(hi > lo))
                return hi;
            return hi - (target - above) / v * (hi - lo);
        }
        above += v;
    }
    return b->n ? b->lo_gy[0] : 0.0;
}

int rtfrac_dvh_d_percent(const rtfrac_dvh_bins *b, double percent, double *dose)
{
    if (!isfinite(percent) || !(percent > 0.0) || percent > 100.0 || b->n == 0)
        return RTFRAC_EDOM;
    *dose = dose_at_volume(b, percent / 100.0 * b->total_volume);
    return RTFRAC_OK;
}

int rtfrac_dvh_d_cc(const rtfrac_dvh_bins *b, double cc, double *dose)
{
    if (!b->absolute || !isfinite(cc) || !(cc > 0.0) || cc > b->total_volume || b->n == 0)
        return RTFRAC_EDOM;
    *dose = dose_at_volume(b, cc);
    return RTFRAC_OK;
}

int rtfrac_dvh_v_percent(const rtfrac_dvh_bins *b, double dose, double *percent)
{
    if (!isfinite(dose) || dose < 0.0 || b->n == 0)
        return RTFRAC_EDOM;
    *percent = 100.0 * cumulative_at(b, dose) / b->total_volume;
    return RTFRAC_OK;
}

int rtfrac_dvh_v_cc(const rtfrac_dvh_bins *b, double dose, double *cc)
{
    if (!b->absolute || !isfinite(dose) || dose < 0.0 || b->n == 0)
        return RTFRAC_EDOM;
    *cc = cumulative_at(b, dose);
    return RTFRAC_OK;
}

int rtfrac_dvh_geud(const rtfrac_dvh_bins *b, double a, double *geud)
{
    double sum = 0.0, acc = 0.0;
    if (!isfinite(a) || !(fabs(a) > 0.0) || b->n == 0)
        return RTFRAC_EDOM;
    for (size_t i = 0; i < b->n; i++) {
        if (!(b->volume[i] > 0.0))
            continue;
        if (a < 0.0 && !(b->dose_gy[i] > 0.0))
            return RTFRAC_EDOM; /* 0^a with a < 0 */
        sum += b->volume[i];
        acc += b->volume[i] * pow(b->dose_gy[i], a);
    }
    if (!(sum > 0.0))
        return RTFRAC_EDOM;
    double g = pow(acc / sum, 1.0 / a);
    if (!isfinite(g))
        return RTFRAC_ERANGE;
    *geud = g;
    return RTFRAC_OK;
}

int rtfrac_dvh_ntcp_lkb(const rtfrac_dvh_bins *b, double td50, double m, double n, double *ntcp,
                    double *deff)
{
    double d = 0.0;
    if (!isfinite(td50) || !(td50 > 0.0) || !isfinite(m) || !(m > 0.0) || !isfinite(n) || !(n > 0.0))
        return RTFRAC_EDOM;
    int rc = rtfrac_dvh_geud(b, 1.0 / n, &d);
    if (rc != RTFRAC_OK)
        return rc;
    double t = (d - td50) / (m * td50);
    if (ntcp != NULL)
        *ntcp = gsl_cdf_ugaussian_P(t);
    if (deff != NULL)
        *deff = d;
    return RTFRAC_OK;
}

static const char *const dvh_kind_names[] = { "cumulative", "differential" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_dvh_kind, rtfrac_dvh_kind, dvh_kind_names)

static const char *const dvh_volume_unit_names[] = { "cc", "%", "cc/Gy" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_dvh_volume_unit, rtfrac_volume_unit, dvh_volume_unit_names)
