/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "rtfrac/iso.h"
#include "rtfrac/lq.h"
#include "rtfrac/num.h"
#include "rtfrac/rx.h"

#include "gsl_int.h"
#include "model_int.h"
#include "util_int.h"

static int pos(double x) { return isfinite(x) && x > 0.0; }

void rtfrac_model_init(rtfrac_model *m)
{
    memset(m, 0, sizeof(*m));
    m->kind = RTFRAC_MODEL_LQ;
    m->calendar.per_week = 5;
    m->calendar.per_day = 1;
}

/* Treatment weekdays (0 Monday) for 1..7 treatment days a week. */
static const unsigned char week_patterns[8][7] = {
    { 0 }, { 0 }, { 0, 3 }, { 0, 2, 4 }, { 0, 1, 3, 4 }, { 0, 1, 2, 3, 4 },
    { 0, 1, 2, 3, 4, 5 }, { 0, 1, 2, 3, 4, 5, 6 },
};

static int treatment_day(unsigned days_per_week, unsigned weekday)
{
    for (unsigned i = 0; i < days_per_week; i++)
        if (week_patterns[days_per_week][i] == weekday)
            return 1;
    return 0;
}

static int calendar_check(const rtfrac_calendar *c, const char **why)
{
    if (c->has_days) {
        if (!isfinite(c->days) || c->days < 0.0 || c->days > RTFRAC_OVERALL_DAYS_MAX)
            return *why = "the overall time must be from 0 to 3650 days", RTFRAC_EDOM;
        return RTFRAC_OK;
    }
    if (c->per_day < 1 || c->per_day > RTFRAC_PER_DAY_MAX)
        return *why = "fractions per day must be from 1 to 12", RTFRAC_EDOM;
    if (c->per_week < 1 || c->per_week % c->per_day != 0 || c->per_week / c->per_day > 7)
        return *why = "fractions per week must be a multiple of the fractions per day, on at most 7 days a week", RTFRAC_EDOM;
    if (c->start_weekday > 6)
        return *why = "the start day must be a weekday from Monday to Sunday", RTFRAC_EDOM;
    if (!treatment_day(c->per_week / c->per_day, c->start_weekday))
        return *why = "the start day is not a treatment day of this many days a week (1: Mon; 2: Mon, Thu; 3: Mon, Wed, Fri; 4: Mon, Tue, Thu, Fri; 5: Mon-Fri; 6: Mon-Sat; 7: every day)", RTFRAC_EDOM;
    return RTFRAC_OK;
}

static int model_check(const rtfrac_model *m, const char **why);

int rtfrac_model_check(const rtfrac_model *m, rtfrac_diag *diag)
{
    const char *why = "";
    int rc = model_check(m, &why);
    if (rc != RTFRAC_OK && diag != NULL)
        snprintf(diag->message, sizeof(diag->message), "%s", why);
    return rc;
}

static int model_check(const rtfrac_model *m, const char **why)
{
    *why = "";
    int rc = calendar_check(&m->calendar, why);
    if (rc != RTFRAC_OK)
        return rc;
    switch (m->kind) {
    case RTFRAC_MODEL_LQ:
        break;
    case RTFRAC_MODEL_LQL:
        if (!m->has_dt || !pos(m->dt_gy))
            return *why = "LQ-L needs a transition dose dT above 0 Gy", RTFRAC_EDOM;
        break;
    case RTFRAC_MODEL_USC:
        if (!pos(m->d0_gy) || !isfinite(m->dq_gy) || m->dq_gy < 0.0 || !pos(m->alpha_per_gy))
            return *why = "the universal survival curve needs D0 > 0 Gy, Dq >= 0 Gy and alpha > 0 /Gy", RTFRAC_EDOM;
        if (m->has_dt)
            return *why = "under USC the transition dose follows from the parameters, dT = 2 Dq / (1 - alpha D0) (Park et al. 2008); a different dT would make BED jump at dT: leave it out", RTFRAC_EDOM;
        if (!(m->alpha_per_gy * m->d0_gy < 1.0) || !(m->dq_gy > 0.0))
            return *why = "the transition dose dT = 2 Dq / (1 - alpha D0) is not positive for these parameters (alpha D0 must be below 1 and Dq above 0)", RTFRAC_EDOM;
        break;
    default:
        return *why = "unknown model", RTFRAC_EDOM;
    }
    if (m->time && (!isfinite(m->tk_days) || m->tk_days < 0.0 || !isfinite(m->dprolif_gy_per_day) ||
                    m->dprolif_gy_per_day < 0.0))
        return *why = "the time correction needs Tk >= 0 days and K >= 0 Gy/day", RTFRAC_EDOM;
    if (m->repair) {
        if (m->kind != RTFRAC_MODEL_LQ)
            return *why = "incomplete repair is defined for the LQ model only", RTFRAC_EDOM;
        if (!pos(m->repair_half_time_h))
            return *why = "incomplete repair needs a repair half-time above 0 h", RTFRAC_EDOM;
        if (m->calendar.per_day > 1 && (!pos(m->calendar.interval_h) ||
                                        m->calendar.interval_h * (m->calendar.per_day - 1) >= RTFRAC_INTERVAL_MAX_H))
            return *why = "several fractions a day need an interval above 0 h that fits them into one day", RTFRAC_EDOM;
    }
    return RTFRAC_OK;
}

int rtfrac_model_transition_gy(const rtfrac_model *m, double *dt_gy)
{
    double dt;
    if (m->kind == RTFRAC_MODEL_LQ)
        return RTFRAC_EDOM;
    if (m->has_dt)
        dt = m->dt_gy;
    else if (m->kind == RTFRAC_MODEL_USC && m->alpha_per_gy * m->d0_gy < 1.0)
        dt = 2.0 * m->dq_gy / (1.0 - m->alpha_per_gy * m->d0_gy);
    else
        return RTFRAC_EDOM;
    if (!pos(dt))
        return RTFRAC_EDOM;
    *dt_gy = dt;
    return RTFRAC_OK;
}

int rtfrac_model_usc_alpha_beta(const rtfrac_model *m, double *ab)
{
    if (m->kind != RTFRAC_MODEL_USC || !pos(m->alpha_per_gy) || !pos(m->d0_gy) || !pos(m->dq_gy))
        return RTFRAC_EDOM;
    double ad = m->alpha_per_gy * m->d0_gy;
    if (!(ad < 1.0))
        return RTFRAC_EDOM;
    double v = 4.0 * ad * m->dq_gy / ((1.0 - ad) * (1.0 - ad));
    if (!pos(v))
        return RTFRAC_EDOM;
    *ab = v;
    return RTFRAC_OK;
}

int rtfrac_model_bed_per_fraction(const rtfrac_model *m, double d, double ab, double *bed)
{
    double dt = 0.0, b;
    if (!isfinite(d) || d < 0.0 || !pos(ab))
        return RTFRAC_EDOM;
    if (m->kind != RTFRAC_MODEL_LQ && rtfrac_model_transition_gy(m, &dt) != RTFRAC_OK)
        return RTFRAC_EDOM;
    /* below dT the USC is LQ with the alpha/beta its parameters imply */
    if (m->kind == RTFRAC_MODEL_USC && rtfrac_model_usc_alpha_beta(m, &ab) != RTFRAC_OK)
        return RTFRAC_EDOM;
    if (m->kind == RTFRAC_MODEL_LQ || d <= dt)
        b = d * (d + ab) / ab;
    else if (m->kind == RTFRAC_MODEL_LQL)
        b = dt * (1.0 + dt / ab) + (1.0 + 2.0 * dt / ab) * (d - dt);
    else
        b = (d - m->dq_gy) / (m->alpha_per_gy * m->d0_gy);
    if (!isfinite(b))
        return RTFRAC_ERANGE;
    *bed = b;
    return RTFRAC_OK;
}

int rtfrac_model_eqdx(const rtfrac_model *m, double bed, double ab, double x, double *eqdx)
{
    double bx = 0.0;
    if (!isfinite(bed) || !pos(x) || !pos(ab))
        return RTFRAC_EDOM;
    if (m->kind == RTFRAC_MODEL_LQ) {
        /* the same arithmetic as rtfrac_lq_eqdx, so plain LQ agrees to the bit */
        return rtfrac_lq_eqdx(bed, ab, x, eqdx);
    }
    int rc = rtfrac_model_bed_per_fraction(m, x, ab, &bx);
    if (rc != RTFRAC_OK)
        return rc;
    if (!pos(bx))
        return RTFRAC_EDOM;
    double v = bed * x / bx;
    if (!isfinite(v))
        return RTFRAC_ERANGE;
    *eqdx = v;
    return RTFRAC_OK;
}

int rtfrac_model_overall_days(const rtfrac_calendar *c, unsigned long n, double *days)
{
    const char *why;
    if (n < 1 || calendar_check(c, &why) != RTFRAC_OK)
        return RTFRAC_EDOM;
    if (c->has_days) {
        *days = c->days;
        return RTFRAC_OK;
    }
    unsigned dpw = c->per_week / c->per_day;
    unsigned long ndays = (n + c->per_day - 1) / c->per_day; /* treatment days */
    unsigned long weeks = (ndays - 1) / dpw, rest = (ndays - 1) % dpw;
    unsigned long t = 7 * weeks;
    unsigned wd = c->start_weekday;
    /* after whole weeks we stand on the start weekday again; walk on */
    while (rest > 0) {
        t++;
        wd = (wd + 1) % 7;
        if (treatment_day(dpw, wd))
            rest--;
    }
    *days = (double)t;
    return RTFRAC_OK;
}

int rtfrac_model_treatment_weekday(const rtfrac_calendar *c, unsigned weekday)
{
    const char *why;
    if (c->has_days || weekday > 6 || calendar_check(c, &why) != RTFRAC_OK)
        return 0;
    return treatment_day(c->per_week / c->per_day, weekday);
}

/* Dose term of n fractions of d with incomplete repair within each day. */
static double repair_bed(const rtfrac_model *m, double d, unsigned long n, double ab)
{
    unsigned k = m->calendar.per_day;
    double phi = exp(-log(2.0) * m->calendar.interval_h / m->repair_half_time_h);
    unsigned long full = n / k, rem = n % k;
    double day_bed[2];
    unsigned counts[2] = { k, (unsigned)rem };
    for (int j = 0; j < 2; j++) {
        unsigned kk = counts[j];
        double s = 0.0;
        for (unsigned mm = 1; mm < kk; mm++)
            s += (double)(kk - mm) * pow(phi, (double)mm);
        day_bed[j] = (double)kk * d + d * d / ab * ((double)kk + 2.0 * s);
    }
    return (double)full * day_bed[0] + (rem ? day_bed[1] : 0.0);
}

int rtfrac_model_bed_from_eqdx(const rtfrac_model *m, double eqdx, double ab, double x, double *bed)
{
    double bx = 0.0;
    if (!isfinite(eqdx) || !pos(x) || !pos(ab))
        return RTFRAC_EDOM;
    if (m->kind == RTFRAC_MODEL_LQ)
        return rtfrac_iso_bed_from_eqdx(eqdx, ab, x, bed);
    int rc = rtfrac_model_bed_per_fraction(m, x, ab, &bx);
    if (rc != RTFRAC_OK)
        return rc;
    double v = eqdx * bx / x;
    if (!isfinite(v))
        return RTFRAC_ERANGE;
    *bed = v;
    return RTFRAC_OK;
}

int rtfrac_model_effect(const rtfrac_model *m, double total, unsigned long n, double ab,
                        rtfrac_effect *out)
{
    if (n < 1)
        return RTFRAC_EDOM;
    double d = 0.0;
    if (rtfrac_lq_dose_per_fraction(total, n, &d) != RTFRAC_OK)
        return RTFRAC_EDOM;
    return rtfrac_model_effect_dose_per_fraction(m, total, d, n, ab, out);
}

static int effect_raw(const rtfrac_model *m, double total, unsigned long n, double ab, rtfrac_effect *out)
{
    double d = 0.0;
    if (n < 1 || rtfrac_lq_dose_per_fraction(total, n, &d) != RTFRAC_OK)
        return RTFRAC_EDOM;
    return rtfrac_model_effect_unchecked(m, total, d, n, ab, out);
}

int rtfrac_model_effect_unchecked(const rtfrac_model *m, double total, double dpf, unsigned long n,
                                  double ab, rtfrac_effect *out)
{
    rtfrac_effect e;
    double bf = 0.0;
    if (rtfrac_model_check(m, NULL) != RTFRAC_OK || !isfinite(total) || total < 0.0 || n < 1 ||
        !pos(ab) || !isfinite(dpf) || fabs(dpf * (double)n - total) > 1e-12 * total)
        return RTFRAC_EDOM;
    memset(&e, 0, sizeof(e));
    e.dose_per_fraction_gy = dpf;
    if (m->repair && m->calendar.per_day > 1) {
        e.bed_without_time_gy = repair_bed(m, e.dose_per_fraction_gy, n, ab);
    } else if (m->kind == RTFRAC_MODEL_LQ) {
        /* the same arithmetic as rtfrac_lq_bed, so plain LQ agrees to the bit */
        int rc = rtfrac_lq_bed(total, e.dose_per_fraction_gy, ab, &e.bed_without_time_gy);
        if (rc != RTFRAC_OK)
            return rc;
    } else {
        int rc = rtfrac_model_bed_per_fraction(m, e.dose_per_fraction_gy, ab, &bf);
        if (rc != RTFRAC_OK)
            return rc;
        e.bed_without_time_gy = (double)n * bf;
    }
    if (rtfrac_model_overall_days(&m->calendar, n, &e.overall_time_days) != RTFRAC_OK)
        return RTFRAC_EDOM;
    if (m->time && e.overall_time_days > m->tk_days)
        e.repopulation_gy = m->dprolif_gy_per_day * (e.overall_time_days - m->tk_days);
    e.bed_gy = e.bed_without_time_gy - e.repopulation_gy;
    if (!isfinite(e.bed_gy))
        return RTFRAC_ERANGE;
    int rc = rtfrac_model_eqdx(m, e.bed_gy, ab, 2.0, &e.eqd2_gy);
    if (rc != RTFRAC_OK)
        return rc;
    *out = e;
    return RTFRAC_OK;
}

/* The BED a user reads is never negative: when repopulation K (T - Tk)
 * exceeds the dose term, the schedule has no effect left to express, and
 * the LQ value below zero means nothing (the solvers and the DVH clamp
 * still see it through rtfrac_model_effect_unchecked). */
int rtfrac_model_effect_dose_per_fraction(const rtfrac_model *m, double total, double dpf,
                                          unsigned long n, double ab, rtfrac_effect *out)
{
    rtfrac_effect e;
    int rc = rtfrac_model_effect_unchecked(m, total, dpf, n, ab, &e);
    if (rc != RTFRAC_OK)
        return rc;
    if (e.bed_gy < 0.0)
        return RTFRAC_EREPOP;
    *out = e;
    return RTFRAC_OK;
}

void rtfrac_model_explain(const rtfrac_model *m, double total, unsigned long n, double ab,
                          rtfrac_diag *diag)
{
    rtfrac_effect e;
    double d = 0.0;
    if (diag == NULL)
        return;
    rtfrac_diag_clear(diag);
    if (n < 1 || rtfrac_lq_dose_per_fraction(total, n, &d) != RTFRAC_OK ||
        rtfrac_model_effect_unchecked(m, total, d, n, ab, &e) != RTFRAC_OK || !(e.bed_gy < 0.0))
        return;
    snprintf(diag->message, sizeof(diag->message),
             "repopulation exceeds the dose: K (T - Tk) = %.6g Gy > BED %.6g Gy (T = %.6g days)",
             e.repopulation_gy, e.bed_without_time_gy, e.overall_time_days);
}

typedef struct dpf_params {
    const rtfrac_model *m;
    unsigned long n;
    double ab, target;
} dpf_params;

static double dpf_residual(double d, void *p)
{
    const dpf_params *q = p;
    rtfrac_effect e;
    if (effect_raw(q->m, d * (double)q->n, q->n, q->ab, &e) != RTFRAC_OK)
        return GSL_NAN;
    return e.bed_gy - q->target;
}

static int solve_dpf(const rtfrac_model *m, double bed, unsigned long n, double ab, double *dpf)
{
    rtfrac_effect e0;
    if (rtfrac_model_check(m, NULL) != RTFRAC_OK || !isfinite(bed) || n < 1 || !pos(ab))
        return RTFRAC_EDOM;
    /* the time correction of n fractions does not depend on the dose */
    if (effect_raw(m, 0.0, n, ab, &e0) != RTFRAC_OK)
        return RTFRAC_EDOM;
    double need = bed + e0.repopulation_gy;
    if (!(need > 0.0))
        return RTFRAC_EDOM;
    if (m->kind == RTFRAC_MODEL_LQ && !(m->repair && m->calendar.per_day > 1))
        return rtfrac_lq_dose_per_fraction_for_bed(need, n, ab, dpf);

    /* BED grows with d: bracket the root, then Brent */
    dpf_params q = { m, n, ab, bed };
    double lo = 0.0, hi = 1.0;
    while (dpf_residual(hi, &q) < 0.0) {
        lo = hi;
        hi *= 2.0;
        if (hi > RTFRAC_DOSE_MAX_GY)
            return RTFRAC_EDOM;
    }
    gsl_function f = { dpf_residual, &q };
    return gsl_int_brent(&f, lo, hi, 1e-15, dpf);
}

/* Whether `got` matches the `want`ed BED to a relative 1e-9 (1e-12 Gy
 * near zero): every solution is checked by substitution before use. */
static int verified(double got, double want)
{
    return isfinite(got) && fabs(got - want) <= 1e-9 * fmax(fabs(want), 1e-3);
}

int rtfrac_model_solve_dose_per_fraction(const rtfrac_model *m, double bed, unsigned long n,
                                         double ab, double *dpf)
{
    double d = 0.0;
    rtfrac_effect e;
    int rc = solve_dpf(m, bed, n, ab, &d);
    if (rc != RTFRAC_OK)
        return rc;
    if (d * (double)n > RTFRAC_DOSE_MAX_GY) /* a total that rtfrac_rx_parse refuses */
        return RTFRAC_EDOM;
    if (effect_raw(m, d * (double)n, n, ab, &e) != RTFRAC_OK || !verified(e.bed_gy, bed))
        return RTFRAC_ERANGE;
    *dpf = d;
    return RTFRAC_OK;
}

/* BED of a real number of fractions: linear between whole numbers (exact
 * for plain LQ without time), with the calendar's T at whole numbers. */
int rtfrac_model_bed_real_fractions(const rtfrac_model *m, double n, double d, double ab, double *bed)
{
    if (!(n > 0.0) || !isfinite(n) || n > (double)RTFRAC_FRACTIONS_MAX || !isfinite(d) || d < 0.0)
        return RTFRAC_EDOM;
    rtfrac_effect a, b;
    if (n < 1.0) {
        if (effect_raw(m, d, 1, ab, &a) != RTFRAC_OK)
            return RTFRAC_EDOM;
        *bed = n * a.bed_without_time_gy; /* less than one fraction: no time */
        return RTFRAC_OK;
    }
    double lo = floor(n), frac = n - lo;
    if (effect_raw(m, d * lo, (unsigned long)lo, ab, &a) != RTFRAC_OK)
        return RTFRAC_EDOM;
    if (!(frac > 0.0)) {
        *bed = a.bed_gy;
        return RTFRAC_OK;
    }
    if (effect_raw(m, d * (lo + 1.0), (unsigned long)lo + 1, ab, &b) != RTFRAC_OK)
        return RTFRAC_EDOM;
    *bed = a.bed_gy + frac * (b.bed_gy - a.bed_gy);
    return RTFRAC_OK;
}

static int solve_n(const rtfrac_model *m, double bed, double d, double ab, double *fractions)
{
    double b = 0.0, prev = 0.0;
    if (rtfrac_model_check(m, NULL) != RTFRAC_OK || !pos(bed) || !pos(d) || !pos(ab))
        return RTFRAC_EDOM;
    if (m->kind == RTFRAC_MODEL_LQ && !m->time && !(m->repair && m->calendar.per_day > 1))
        return rtfrac_iso_fractions_for_bed(bed, d, ab, fractions); /* closed form */
    if (rtfrac_model_bed_real_fractions(m, 1.0, d, ab, &b) != RTFRAC_OK)
        return RTFRAC_EDOM;
    if (b >= bed) {
        /* less than one fraction: BED is proportional to n */
        *fractions = bed / b;
        return RTFRAC_OK;
    }
    /* the first whole number of fractions that reaches the BED; BED is
     * linear in between, so the crossing follows in closed form */
    prev = b;
    for (unsigned long n = 2; n <= RTFRAC_FRACTIONS_MAX; n++) {
        if (rtfrac_model_bed_real_fractions(m, (double)n, d, ab, &b) != RTFRAC_OK)
            return RTFRAC_EDOM;
        if (b >= bed) {
            *fractions = (double)(n - 1) + (bed - prev) / (b - prev);
            return RTFRAC_OK;
        }
        prev = b;
    }
    return RTFRAC_EDOM; /* repopulation outpaces the dose, or too many fractions */
}

int rtfrac_model_convert_dose(const rtfrac_model *model, double dose_gy,
                              unsigned long stated_fractions, double stated_dose_per_fraction_gy,
                              double ab, unsigned long fractions, double *converted_gy, double *bed_gy)
{
    double stated_dpf, bf = 0.0, d = 0.0;
    if (!pos(dose_gy) || !pos(ab) || fractions < 1 ||
        (stated_fractions > 0) == (stated_dose_per_fraction_gy > 0.0) ||
        !isfinite(stated_dose_per_fraction_gy) || stated_dose_per_fraction_gy < 0.0)
        return RTFRAC_EDOM;
    /* plain calendar, no time, no repair: only the dose-per-fraction term
     * (LQ, LQ-L or USC) of the caller's model counts for an organ limit */
    rtfrac_model m;
    rtfrac_model_init(&m);
    m.kind = model->kind;
    m.has_dt = model->has_dt;
    m.dt_gy = model->dt_gy;
    m.d0_gy = model->d0_gy;
    m.dq_gy = model->dq_gy;
    m.alpha_per_gy = model->alpha_per_gy;
    stated_dpf = stated_fractions > 0 ? dose_gy / (double)stated_fractions : stated_dose_per_fraction_gy;
    int rc = rtfrac_model_bed_per_fraction(&m, stated_dpf, ab, &bf);
    double bed = dose_gy / stated_dpf * bf;
    if (rc == RTFRAC_OK && !(bed > 0.0 && isfinite(bed)))
        rc = RTFRAC_EDOM;
    if (rc == RTFRAC_OK)
        rc = rtfrac_model_solve_dose_per_fraction(&m, bed, fractions, ab, &d);
    if (rc != RTFRAC_OK)
        return rc;
    if (converted_gy != NULL)
        *converted_gy = d * (double)fractions;
    if (bed_gy != NULL)
        *bed_gy = bed;
    return RTFRAC_OK;
}

void rtfrac_model_describe(const rtfrac_model *m, const rtfrac_effect *e, char *buf, size_t size)
{
    size_t used = 0;
    double dt = 0.0;
    buf[0] = '\0';
#define ADD(...)                                                                     \
    do {                                                                             \
        if (used < size)                                                             \
            used += (size_t)snprintf(buf + used, size - used, __VA_ARGS__);          \
    } while (0)
    switch (m->kind) {
    case RTFRAC_MODEL_LQ:
        ADD("LQ");
        break;
    case RTFRAC_MODEL_LQL:
        rtfrac_model_transition_gy(m, &dt);
        ADD("LQ-L dT=%.4g Gy", dt);
        break;
    case RTFRAC_MODEL_USC: {
        double ab = 0.0;
        rtfrac_model_transition_gy(m, &dt);
        rtfrac_model_usc_alpha_beta(m, &ab);
        ADD("USC dT=%.4g Gy D0=%.4g Gy Dq=%.4g Gy alpha=%.4g /Gy (alpha/beta %.4g Gy below dT)", dt,
            m->d0_gy, m->dq_gy, m->alpha_per_gy, ab);
        break;
    }
    }
    if (m->repair && m->calendar.per_day > 1)
        ADD(" + repair T1/2=%.4g h, %u a day %.4g h apart", m->repair_half_time_h,
            m->calendar.per_day, m->calendar.interval_h);
    if (m->time && e != NULL)
        ADD(" + time Tk=%.4g d K=%.4g Gy BED/d T=%.4g d", m->tk_days, m->dprolif_gy_per_day,
            e->overall_time_days);
    else if (m->time)
        ADD(" + time Tk=%.4g d K=%.4g Gy BED/d", m->tk_days, m->dprolif_gy_per_day);
#undef ADD
}

int rtfrac_model_solve_fractions(const rtfrac_model *m, double bed, double d, double ab,
                                 double *fractions)
{
    double n = 0.0, got = 0.0;
    int rc = solve_n(m, bed, d, ab, &n);
    if (rc != RTFRAC_OK)
        return rc;
    if (!(n > 0.0) || rtfrac_model_bed_real_fractions(m, n, d, ab, &got) != RTFRAC_OK || !verified(got, bed))
        return RTFRAC_ERANGE;
    *fractions = n;
    return RTFRAC_OK;
}

static const char *const model_kind_names[] = { "lq", "lql", "usc" };

const char *rtfrac_model_kind_name(rtfrac_model_kind value)
{
    return (unsigned)value < sizeof(model_kind_names) / sizeof(model_kind_names[0]) ? model_kind_names[value] : "";
}

int rtfrac_model_kind_parse(const char *text, rtfrac_model_kind *out)
{
    int i = util_int_enum_parse(model_kind_names, sizeof(model_kind_names) / sizeof(model_kind_names[0]), text);
    if (util_int_equal_ci(text ? text : "", text ? strlen(text) : 0, "lq-l"))
        i = RTFRAC_MODEL_LQL;
    if (i < 0)
        return RTFRAC_EINVAL;
    *out = (rtfrac_model_kind)i;
    return RTFRAC_OK;
}

/* ---- units of a repopulation rate ------------------------------------ */

static const char *const rate_unit_names[] = { "Gy BED/d", "Gy EQD2/d" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_model_rate_unit, rtfrac_model_rate_unit, rate_unit_names)

#define RATE_SPELLINGS                                                                          \
    "write e.g. '0.69 Gy EQD2/d' (dose in 2 Gy fractions per day, as Withers 1988 and "        \
    "Pedicini 2015 quote it) or '0.825 Gy BED/d' (BED per day, the K subtracted from BED); "   \
    "K_BED = K_EQD2 (1 + 2/(alpha/beta))"

static int rate_fail(rtfrac_diag *diag, const char *what, const char *text)
{
    if (diag != NULL)
        snprintf(diag->message, sizeof(diag->message), "%s in '%.60s'; " RATE_SPELLINGS, what, text);
    return RTFRAC_EPARSE;
}

/* Does text[0..*end) end with `word` (case ignored)?  If so move *end before it. */
static int take_suffix(const char *text, size_t *end, const char *word)
{
    size_t n = strlen(word);
    if (*end < n || !util_int_equal_ci(text + *end - n, n, word))
        return 0;
    *end -= n;
    return 1;
}

static void skip_space_back(const char *text, size_t *end)
{
    while (*end > 0 && (text[*end - 1] == ' ' || text[*end - 1] == '\t'))
        (*end)--;
}

int rtfrac_model_rate_unit_split(const char *text, size_t *number_len, rtfrac_model_rate_unit *unit,
                                 rtfrac_diag *diag)
{
    size_t end;
    rtfrac_model_rate_unit u;
    if (text == NULL)
        return rate_fail(diag, "empty repopulation rate", "");
    end = strlen(text);
    skip_space_back(text, &end);
    if (!take_suffix(text, &end, "/day") && !take_suffix(text, &end, "/d"))
        return rate_fail(diag, "a repopulation rate without its unit is ambiguous", text);
    skip_space_back(text, &end);
    if (take_suffix(text, &end, "eqd2"))
        u = RTFRAC_MODEL_RATE_EQD2;
    else if (take_suffix(text, &end, "bed"))
        u = RTFRAC_MODEL_RATE_BED;
    else if (take_suffix(text, &end, "gy"))
        return rate_fail(diag, "'Gy/d' does not say whether the rate is BED or EQD2 per day", text);
    else
        return rate_fail(diag, "unknown unit of a repopulation rate", text);
    skip_space_back(text, &end);
    if (!take_suffix(text, &end, "gy") || (end > 0 && (text[end - 1] == 'c' || text[end - 1] == 'C')))
        return rate_fail(diag, "unknown unit of a repopulation rate (Gy only)", text);
    skip_space_back(text, &end);
    if (end == 0)
        return rate_fail(diag, "no number before the unit", text);
    *number_len = end;
    *unit = u;
    return RTFRAC_OK;
}

int rtfrac_model_rate_parse(const char *text, double *rate, rtfrac_model_rate_unit *unit,
                            rtfrac_diag *diag)
{
    char buf[64];
    size_t n = 0;
    double v = 0.0;
    rtfrac_model_rate_unit u;
    int rc = rtfrac_model_rate_unit_split(text, &n, &u, diag);
    if (rc != RTFRAC_OK)
        return rc;
    if (n >= sizeof(buf))
        return rate_fail(diag, "number too long", text);
    memcpy(buf, text, n);
    buf[n] = '\0';
    if ((rc = rtfrac_num_parse(buf, &v, diag)) != RTFRAC_OK)
        return rc;
    *rate = v;
    *unit = u;
    return RTFRAC_OK;
}

/* BED of 1 Gy given in 2 Gy fractions: 1 + 2/(alpha/beta). */
static int eqd2_factor(double ab, double *f)
{
    if (!(ab > 0.0) || !isfinite(ab))
        return RTFRAC_EDOM;
    *f = 1.0 + 2.0 / ab;
    return RTFRAC_OK;
}

int rtfrac_model_rate_to_bed(double rate, rtfrac_model_rate_unit unit, double ab, double *k_bed)
{
    double f = 1.0;
    if (!isfinite(rate) || (unsigned)unit > RTFRAC_MODEL_RATE_EQD2 ||
        (unit == RTFRAC_MODEL_RATE_EQD2 && eqd2_factor(ab, &f) != RTFRAC_OK))
        return RTFRAC_EDOM;
    *k_bed = rate * f;
    return RTFRAC_OK;
}

int rtfrac_model_rate_from_bed(double k_bed, rtfrac_model_rate_unit unit, double ab, double *rate)
{
    double f = 1.0;
    if (!isfinite(k_bed) || (unsigned)unit > RTFRAC_MODEL_RATE_EQD2 ||
        (unit == RTFRAC_MODEL_RATE_EQD2 && eqd2_factor(ab, &f) != RTFRAC_OK))
        return RTFRAC_EDOM;
    *rate = k_bed / f;
    return RTFRAC_OK;
}
