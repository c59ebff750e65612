/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/dvh.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include "dvh_int.h"
#include "model_int.h"
#include "rtfrac/array.h"
#include "rtfrac/lq.h"
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

/* A header volume is printed to 0.1 cm3 (Eclipse): a first row within this
 * of it is the whole structure. */
static double header_volume_rounding_cc(double volume_cc)
{
    return fmax(0.05, 5e-4 * volume_cc);
}

/* A cumulative curve's first row within this fraction of the full volume
 * starts at the full volume (the printed rounding of the rows, as the rises
 * tolerated by the readers). */
#define START_TOLERANCE 1e-4

int dvh_int_ends(const rtfrac_dvh *d, double *full, int *complete_low, int *complete_high)
{
    double f = 0.0;
    int low = 1, high = 1;
    if (d->n == 0)
        return RTFRAC_EDOM;
    if (d->kind == RTFRAC_DVH_DIFFERENTIAL) {
        for (size_t i = 0; i < d->n; i++)
            f += d->volume[i];
    } else {
        double v0 = d->volume[0], vlast = d->volume[d->n - 1];
        if (d->volume_unit == RTFRAC_VOLUME_PERCENT) {
            f = 100.0;
            low = v0 >= f * (1.0 - START_TOLERANCE);
        } else if (!(d->dose_gy[0] > 0.0)) {
            f = v0; /* the volume receiving at least 0 Gy is the structure */
        } else {
            double stated = d->total_volume_cc > 0.0 ? d->total_volume_cc
                            : d->has_header_volume && d->header_volume_cc > 0.0 ? d->header_volume_cc : 0.0;
            if (stated > 0.0 && v0 < stated - header_volume_rounding_cc(stated)) {
                f = stated;
                low = 0;
            } else {
                f = fmax(v0, stated); /* Oncentra: the first row is the volume the file gives */
            }
        }
        high = !(vlast > RTFRAC_DVH_NOISE_FLOOR * f);
    }
    *full = f;
    *complete_low = low;
    *complete_high = high;
    return RTFRAC_OK;
}

int rtfrac_dvh_bins_from(const rtfrac_dvh *dvh, rtfrac_dvh_bins *out)
{
    rtfrac_dvh_bins b;
    size_t n = dvh->n;
    int cumulative = dvh->kind == RTFRAC_DVH_CUMULATIVE;
    double full = 0.0;
    int low = 1, high = 1;
    if (n == 0 || dvh->status != RTFRAC_DVH_STATUS_OK)
        return RTFRAC_EDOM;
    for (size_t i = 0; i < n; i++) {
        double d = dvh->dose_gy[i], v = dvh->volume[i];
        if (!isfinite(d) || d < 0.0 || !isfinite(v) || v < 0.0)
            return RTFRAC_EDOM;
        if (dvh->volume_unit == RTFRAC_VOLUME_PERCENT && v > 100.0 + RTFRAC_DVH_PERCENT_TOLERANCE)
            return RTFRAC_EDOM;
        /* a vertical step: a cumulative curve may repeat a dose */
        if (i > 0 && (cumulative ? d < dvh->dose_gy[i - 1] : !(d > dvh->dose_gy[i - 1])))
            return RTFRAC_EDOM;
    }
    dvh_int_ends(dvh, &full, &low, &high);
    double floor_volume = RTFRAC_DVH_NOISE_FLOOR * full;
    double missing = low ? 0.0 : full - dvh->volume[0];
    size_t first = low ? 0 : 1; /* index of the first bin of the curve itself */
    if (bins_alloc(&b, n + first) != RTFRAC_OK)
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
    if (cumulative) {
        double vmax = 0.0;
        for (size_t i = 0; i < n; i++)
            vmax = fmax(vmax, dvh->volume[i]);
        if (!low) {
            double d0 = dvh->dose_gy[0];
            int min_known = dvh->has_header_min_dose && dvh->header_min_dose_gy <= d0;
            b.open_low = 1;
            b.min_known = min_known;
            b.lo_gy[0] = min_known ? dvh->header_min_dose_gy : d0;
            b.hi_gy[0] = d0;
            b.dose_gy[0] = 0.5 * (b.lo_gy[0] + d0);
            b.volume[0] = missing * scale;
        }
        for (size_t i = 0; i < n; i++) {
            double lo = dvh->dose_gy[i];
            double hi = i + 1 < n ? dvh->dose_gy[i + 1] : lo;
            double vi = dvh->volume[i] < floor_volume ? 0.0 : dvh->volume[i];
            double next = i + 1 < n ? dvh->volume[i + 1] : 0.0;
            double v = vi - (next < floor_volume ? 0.0 : next);
            if (v < 0.0) {
                /* rounding noise in the file is tolerated, a rising curve not */
                if (-v > 1e-6 * vmax + 1e-12) {
                    rtfrac_dvh_bins_release(&b);
                    return RTFRAC_EDOM;
                }
                v = 0.0;
            }
            if (i + 1 == n && v > 0.0) {
                /* the volume beyond the last row: closed by the stated maximum, or open */
                if (dvh->has_header_max_dose && dvh->header_max_dose_gy >= lo) {
                    hi = dvh->header_max_dose_gy;
                    b.max_closed = 1;
                } else {
                    b.open_high = 1;
                }
            }
            b.lo_gy[first + i] = lo;
            b.hi_gy[first + i] = hi;
            b.dose_gy[first + i] = 0.5 * (lo + hi);
            b.volume[first + i] = v * scale;
        }
        /* the stated mean stands in where the curve cannot give one: a tail
         * closed by the stated maximum leaves the curve complete */
        if (b.open_low || b.open_high) {
            if (dvh->has_header_mean_dose) {
                b.has_mean = 1;
                b.mean_gy = dvh->header_mean_dose_gy;
            }
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
    for (size_t i = 0; i < b.n; i++)
        b.total_volume += b.volume[i];
    if (!(b.total_volume > 0.0) || !isfinite(b.total_volume)) {
        rtfrac_dvh_bins_release(&b);
        return RTFRAC_EDOM;
    }
    *out = b;
    return RTFRAC_OK;
}

/* What a partial curve's bins carry besides their doses and volumes. */
static void copy_ends(const rtfrac_dvh_bins *in, rtfrac_dvh_bins *out)
{
    out->open_low = in->open_low;
    out->min_known = in->min_known;
    out->open_high = in->open_high;
    out->max_closed = in->max_closed;
    out->has_mean = 0; /* the file's mean is physical */
    out->mean_gy = 0.0;
}

int rtfrac_dvh_bins_eqd2(const rtfrac_dvh_bins *in, unsigned long fractions, double ab,
                         rtfrac_dvh_bins *out)
{
    rtfrac_dvh_bins b;
    if (fractions < 1 || !isfinite(ab) || !(ab > 0.0) || in->n == 0)
        return RTFRAC_EDOM;
    if (bins_alloc(&b, in->n) != RTFRAC_OK)
        return RTFRAC_ENOMEM;
    /* the array conversion, D (D/n + a/b) / (2 + a/b) per dose, arguments
     * checked once: a negative or non-finite dose is RTFRAC_EDOM, an
     * overflow RTFRAC_ERANGE */
    int rc = rtfrac_array_eqdx(in->dose_gy, in->n, RTFRAC_ARRAY_TOTAL, fractions, ab, 2.0, b.dose_gy, NULL);
    if (rc == RTFRAC_OK)
        rc = rtfrac_array_eqdx(in->lo_gy, in->n, RTFRAC_ARRAY_TOTAL, fractions, ab, 2.0, b.lo_gy, NULL);
    if (rc == RTFRAC_OK)
        rc = rtfrac_array_eqdx(in->hi_gy, in->n, RTFRAC_ARRAY_TOTAL, fractions, ab, 2.0, b.hi_gy, NULL);
    if (rc != RTFRAC_OK) {
        rtfrac_dvh_bins_release(&b);
        return rc;
    }
    memcpy(b.volume, in->volume, in->n * sizeof(*b.volume));
    b.absolute = in->absolute;
    b.total_volume = in->total_volume;
    copy_ends(in, &b);
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
    double d = 0.0;
    if (n < 1 || rtfrac_lq_dose_per_fraction(dose, n, &d) != RTFRAC_OK)
        return RTFRAC_EDOM;
    int rc = rtfrac_model_effect_unchecked(m, dose, d, n, ab, &e);
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
        copy_ends(in, &b);
    }
    rtfrac_dvh_bins_max_dose_per_fraction(in, fractions, &inf.max_dose_per_fraction_gy);
    {
        /* the time term is the same for every bin: that of a dose of 0 */
        rtfrac_effect e0;
        if (rtfrac_model_effect_unchecked(m, 0.0, 0.0, fractions, ab, &e0) == RTFRAC_OK) {
            inf.overall_time_days = e0.overall_time_days;
            inf.repopulation_gy = e0.repopulation_gy;
        }
    }
    *out = b;
    if (info != NULL)
        *info = inf;
    return RTFRAC_OK;
}

/* The dose that stands for bin i in sums (mean, gEUD): a missing low part
 * at its highest possible dose, an open tail at its lowest; *bound gets
 * what that makes of a sum that includes the bin. */
static double representative(const rtfrac_dvh_bins *b, size_t i, rtfrac_dvh_bound *bound)
{
    if (i == 0 && b->open_low && b->volume[0] > 0.0) {
        *bound = *bound == RTFRAC_DVH_AT_LEAST ? RTFRAC_DVH_UNKNOWN : RTFRAC_DVH_AT_MOST;
        return b->hi_gy[0];
    }
    if (i + 1 == b->n && b->open_high && b->volume[i] > 0.0) {
        *bound = *bound == RTFRAC_DVH_AT_MOST ? RTFRAC_DVH_UNKNOWN : RTFRAC_DVH_AT_LEAST;
        return b->lo_gy[i];
    }
    return b->dose_gy[i];
}

int rtfrac_dvh_stats_of(const rtfrac_dvh_bins *b, rtfrac_dvh_stats *out)
{
    rtfrac_dvh_stats s;
    double sum = 0.0, vd = 0.0;
    size_t first = 0, last = 0;
    int any = 0;
    memset(&s, 0, sizeof(s));
    s.mean_bound = RTFRAC_DVH_EXACT;
    for (size_t i = 0; i < b->n; i++) {
        if (!(b->volume[i] > 0.0))
            continue;
        if (!any)
            first = i;
        any = 1;
        last = i;
        sum += b->volume[i];
        vd += b->volume[i] * representative(b, i, &s.mean_bound);
    }
    if (!any)
        return RTFRAC_EDOM;
    s.min_gy = b->lo_gy[first];
    s.min_bound = RTFRAC_DVH_EXACT;
    if (first == 0 && b->open_low && !b->min_known) {
        s.min_gy = b->hi_gy[0];
        s.min_bound = RTFRAC_DVH_AT_MOST;
    }
    s.max_gy = b->hi_gy[last];
    s.max_bound = last + 1 == b->n && b->open_high ? RTFRAC_DVH_AT_LEAST : RTFRAC_DVH_EXACT;
    s.mean_gy = vd / sum;
    if (b->has_mean) {
        s.mean_gy = b->mean_gy;
        s.mean_bound = RTFRAC_DVH_EXACT;
    }
    s.total_volume = b->absolute ? sum : 1.0;
    s.absolute = b->absolute;
    *out = s;
    return RTFRAC_OK;
}

/* Volume receiving at least `dose` (in the bins' volume unit). */
static double cumulative_at(const rtfrac_dvh_bins *b, double dose, rtfrac_dvh_bound *bound)
{
    double v = 0.0;
    *bound = RTFRAC_DVH_EXACT;
    for (size_t i = 0; i < b->n; i++) {
        double lo = b->lo_gy[i], hi = b->hi_gy[i];
        if (i == 0 && b->open_low) {
            /* the missing volume lies between lo and hi (the first row's dose) */
            if (dose < hi) {
                v += b->volume[0];
                if (!(b->min_known && dose <= lo) && b->volume[0] > 0.0)
                    *bound = RTFRAC_DVH_AT_MOST;
            }
            continue;
        }
        if (i + 1 == b->n && b->open_high) {
            /* the volume beyond the last row's dose lo, up to an unknown maximum */
            if (dose <= lo)
                v += b->volume[i];
            else if (b->volume[i] > 0.0) {
                v += b->volume[i];
                *bound = RTFRAC_DVH_AT_MOST;
            }
            continue;
        }
        if (dose <= lo)
            v += b->volume[i];
        else if (dose < hi)
            v += b->volume[i] * (hi - dose) / (hi - lo);
    }
    return v;
}

/* The dose at which the cumulative volume falls to `target`. */
static double dose_at_volume(const rtfrac_dvh_bins *b, double target, rtfrac_dvh_bound *bound)
{
    double above = 0.0; /* volume of the bins after k */
    *bound = RTFRAC_DVH_EXACT;
    for (size_t k = b->n; k-- > 0;) {
        double v = b->volume[k];
        if (above + v >= target && v > 0.0) {
            double lo = b->lo_gy[k], hi = b->hi_gy[k];
            if (k + 1 == b->n && b->open_high) {
                *bound = RTFRAC_DVH_AT_LEAST; /* somewhere beyond the last row */
                return lo;
            }
            if (k == 0 && b->open_low) {
                *bound = RTFRAC_DVH_AT_MOST; /* somewhere below the first row */
                return hi;
            }
            /* within the bin the volume above dose D is above + v (hi-D)/(hi-lo) */
            if (!(hi > lo))
                return hi;
            return hi - (target - above) / v * (hi - lo);
        }
        above += v;
    }
    for (size_t k = 0; k < b->n; k++)
        if (b->volume[k] > 0.0) {
            if (k == 0 && b->open_low && !b->min_known)
                *bound = RTFRAC_DVH_AT_MOST;
            return b->lo_gy[k];
        }
    return b->n ? b->lo_gy[0] : 0.0;
}

/* The plain metric functions: the value when exact, else RTFRAC_EDOM. */
static int exact_only(int rc, const rtfrac_dvh_bound *bound, const double *value, double *out)
{
    if (rc != RTFRAC_OK)
        return rc;
    if (*bound != RTFRAC_DVH_EXACT)
        return RTFRAC_EDOM;
    *out = *value;
    return RTFRAC_OK;
}

int rtfrac_dvh_d_percent_bounded(const rtfrac_dvh_bins *b, double percent, double *dose,
                                 rtfrac_dvh_bound *bound)
{
    rtfrac_dvh_bound bd;
    if (!isfinite(percent) || !(percent > 0.0) || percent > 100.0 || b->n == 0)
        return RTFRAC_EDOM;
    *dose = dose_at_volume(b, percent / 100.0 * b->total_volume, &bd);
    *bound = bd;
    return RTFRAC_OK;
}

int rtfrac_dvh_d_cc_bounded(const rtfrac_dvh_bins *b, double cc, double *dose, rtfrac_dvh_bound *bound)
{
    rtfrac_dvh_bound bd;
    if (!b->absolute || !isfinite(cc) || !(cc > 0.0) || cc > b->total_volume || b->n == 0)
        return RTFRAC_EDOM;
    *dose = dose_at_volume(b, cc, &bd);
    *bound = bd;
    return RTFRAC_OK;
}

int rtfrac_dvh_v_percent_bounded(const rtfrac_dvh_bins *b, double dose, double *percent,
                                 rtfrac_dvh_bound *bound)
{
    rtfrac_dvh_bound bd;
    if (!isfinite(dose) || dose < 0.0 || b->n == 0)
        return RTFRAC_EDOM;
    *percent = 100.0 * cumulative_at(b, dose, &bd) / b->total_volume;
    *bound = bd;
    return RTFRAC_OK;
}

int rtfrac_dvh_v_cc_bounded(const rtfrac_dvh_bins *b, double dose, double *cc, rtfrac_dvh_bound *bound)
{
    rtfrac_dvh_bound bd;
    if (!b->absolute || !isfinite(dose) || dose < 0.0 || b->n == 0)
        return RTFRAC_EDOM;
    *cc = cumulative_at(b, dose, &bd);
    *bound = bd;
    return RTFRAC_OK;
}

int rtfrac_dvh_d_percent(const rtfrac_dvh_bins *b, double percent, double *dose)
{
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_EXACT;
    int rc = rtfrac_dvh_d_percent_bounded(b, percent, &v, &bd);
    return exact_only(rc, &bd, &v, dose);
}

int rtfrac_dvh_d_cc(const rtfrac_dvh_bins *b, double cc, double *dose)
{
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_EXACT;
    int rc = rtfrac_dvh_d_cc_bounded(b, cc, &v, &bd);
    return exact_only(rc, &bd, &v, dose);
}

int rtfrac_dvh_v_percent(const rtfrac_dvh_bins *b, double dose, double *percent)
{
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_EXACT;
    int rc = rtfrac_dvh_v_percent_bounded(b, dose, &v, &bd);
    return exact_only(rc, &bd, &v, percent);
}

int rtfrac_dvh_v_cc(const rtfrac_dvh_bins *b, double dose, double *cc)
{
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_EXACT;
    int rc = rtfrac_dvh_v_cc_bounded(b, dose, &v, &bd);
    return exact_only(rc, &bd, &v, cc);
}

/* (sum v_i D_i^a / sum v_i)^(1/a) overflows or underflows for large |a|
 * (200^1000) and loses every digit for tiny a (1 + 1e-17 ln r rounds to 1),
 * so it is computed as R exp(log1p(m) / a) with R the largest dose (a > 0)
 * or the smallest (a < 0) and m = sum v_i expm1(a ln(D_i / R)) / sum v_i:
 * every term lies in [-1, 0], the reference bin keeps 1 + m >= v_R / sum v
 * away from 0, and expm1/log1p keep the digits of a ln r when a is tiny. */
int rtfrac_dvh_geud_bounded(const rtfrac_dvh_bins *b, double a, double *geud, rtfrac_dvh_bound *bound)
{
    double sum = 0.0, acc = 0.0, ref = 0.0;
    int have_ref = 0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_EXACT;
    if (!isfinite(a) || !(fabs(a) > 0.0) || b->n == 0)
        return RTFRAC_EDOM;
    for (size_t i = 0; i < b->n; i++) {
        if (!(b->volume[i] > 0.0))
            continue;
        double d = representative(b, i, &bd);
        if (!isfinite(d) || d < 0.0)
            return RTFRAC_EDOM;
        if (a < 0.0 && !(d > 0.0))
            return RTFRAC_EDOM; /* 0^a with a < 0 */
        if (!have_ref || (a > 0.0 ? d > ref : d < ref))
            ref = d;
        have_ref = 1;
        sum += b->volume[i];
    }
    if (!(sum > 0.0) || !isfinite(sum))
        return RTFRAC_EDOM;
    if (!(ref > 0.0)) { /* a > 0 and every dose 0 */
        *geud = 0.0;
        *bound = bd;
        return RTFRAC_OK;
    }
    for (size_t i = 0; i < b->n; i++) {
        if (!(b->volume[i] > 0.0))
            continue;
        rtfrac_dvh_bound ignored = RTFRAC_DVH_EXACT;
        double d = representative(b, i, &ignored);
        /* d = 0 (a > 0): log gives -inf, expm1(-inf) = -1, the term 0^a - 1 */
        double t = d > 0.0 ? expm1(a * log(d / ref)) : -1.0;
        acc += b->volume[i] * t;
    }
    double m = acc / sum;
    if (m < -1.0)
        m = -1.0;
    double g = m > -1.0 ? ref * exp(log1p(m) / a) : 0.0;
    if (!isfinite(g) || g < 0.0)
        return RTFRAC_ERANGE;
    *geud = g;
    *bound = bd;
    return RTFRAC_OK;
}

int rtfrac_dvh_geud(const rtfrac_dvh_bins *b, double a, double *geud)
{
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_EXACT;
    int rc = rtfrac_dvh_geud_bounded(b, a, &v, &bd);
    return exact_only(rc, &bd, &v, geud);
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

int rtfrac_dvh_bins_eqdx_of_eqd2(const rtfrac_dvh_bins *in, double ab, double x, rtfrac_dvh_bins *out)
{
    rtfrac_dvh_bins b;
    if (!isfinite(ab) || !(ab > 0.0) || !isfinite(x) || !(x > 0.0) || in->n == 0)
        return RTFRAC_EDOM;
    if (bins_alloc(&b, in->n) != RTFRAC_OK)
        return RTFRAC_ENOMEM;
    /* same BED: EQD2 (1 + 2/(a/b)) = EQDX (1 + x/(a/b)); x = 2 gives f = 1
     * exactly (a quotient of two equal doubles), so the bins are copied */
    double f = (2.0 + ab) / (x + ab);
    for (size_t i = 0; i < in->n; i++) {
        b.dose_gy[i] = in->dose_gy[i] * f;
        b.lo_gy[i] = in->lo_gy[i] * f;
        b.hi_gy[i] = in->hi_gy[i] * f;
    }
    memcpy(b.volume, in->volume, in->n * sizeof(*b.volume));
    b.absolute = in->absolute;
    b.total_volume = in->total_volume;
    copy_ends(in, &b);
    *out = b;
    return RTFRAC_OK;
}

int rtfrac_dvh_ntcp_lkb_eqdx(const rtfrac_dvh_bins *eqd2, double ab, double x, double td50, double m, double n,
                             double *ntcp, double *deff)
{
    rtfrac_dvh_bins b;
    int rc = rtfrac_dvh_bins_eqdx_of_eqd2(eqd2, ab, x, &b);
    if (rc != RTFRAC_OK)
        return rc;
    rc = rtfrac_dvh_ntcp_lkb(&b, td50, m, n, ntcp, deff);
    rtfrac_dvh_bins_release(&b);
    return rc;
}

static const char *const dvh_kind_names[] = { "cumulative", "differential" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_dvh_kind, rtfrac_dvh_kind, dvh_kind_names)

static const char *const dvh_volume_unit_names[] = { "cc", "%", "cc/Gy" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_dvh_volume_unit, rtfrac_volume_unit, dvh_volume_unit_names)

static const char *const dvh_status_names[] = { "ok", "empty", "broken" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_dvh_status, rtfrac_dvh_status, dvh_status_names)

static const char *const dvh_bound_names[] = { "exact", "at-least", "at-most", "unknown" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_dvh_bound, rtfrac_dvh_bound, dvh_bound_names)
