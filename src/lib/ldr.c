/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/ldr.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "rtfrac/lq.h"
#include "rtfrac/model.h"
#include "rtfrac/num.h"
#include "rtfrac/rx.h"
#include "gsl_int.h"

/* ln 2: LN2 is not C11 */
#define LN2 0.693147180559945309417232121458176568

static int in_range(double x, double lo_excl, double hi_incl)
{
    return isfinite(x) && x > lo_excl && x <= hi_incl;
}

int rtfrac_ldr_dose_rate_band(double dose_rate_gy_per_h, rtfrac_dose_rate_band *band)
{
    double r = dose_rate_gy_per_h;
    if (!isfinite(r) || !(r > 0.0))
        return RTFRAC_EDOM;
    *band = r < RTFRAC_LDR_BAND_MIN_GY_PER_H    ? RTFRAC_DOSE_RATE_BELOW_LDR
            : r <= RTFRAC_LDR_BAND_MAX_GY_PER_H ? RTFRAC_DOSE_RATE_LDR
            : r <= RTFRAC_MDR_BAND_MAX_GY_PER_H ? RTFRAC_DOSE_RATE_MDR
                                                : RTFRAC_DOSE_RATE_HDR;
    return RTFRAC_OK;
}

const char *rtfrac_ldr_dose_rate_band_name(rtfrac_dose_rate_band band)
{
    switch (band) {
    case RTFRAC_DOSE_RATE_BELOW_LDR:
        return "below low dose rate";
    case RTFRAC_DOSE_RATE_LDR:
        return "low dose rate";
    case RTFRAC_DOSE_RATE_MDR:
        return "medium dose rate";
    case RTFRAC_DOSE_RATE_HDR:
        return "high dose rate";
    }
    return "";
}

int rtfrac_ldr_validity_check(double dose_gy, double dose_rate_gy_per_h, double bed_gy, double alpha_beta_gy,
                              rtfrac_ldr_validity *out)
{
    rtfrac_ldr_validity v;
    if (!isfinite(dose_gy) || !(dose_gy > 0.0) || !isfinite(bed_gy) || !isfinite(alpha_beta_gy) ||
        !(alpha_beta_gy > 0.0) || rtfrac_ldr_dose_rate_band(dose_rate_gy_per_h, &v.band) != RTFRAC_OK)
        return RTFRAC_EDOM;
    v.dose_rate_gy_per_h = dose_rate_gy_per_h;
    v.above_ldr = v.band == RTFRAC_DOSE_RATE_MDR || v.band == RTFRAC_DOSE_RATE_HDR;
    v.equivalent_dose_per_fraction_gy = (bed_gy / dose_gy - 1.0) * alpha_beta_gy;
    if (!isfinite(v.equivalent_dose_per_fraction_gy))
        return RTFRAC_EDOM;
    v.lq_uncertain = v.equivalent_dose_per_fraction_gy > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY;
    if (rtfrac_lq_eqd2(bed_gy, alpha_beta_gy, &v.eqd2_gy) != RTFRAC_OK)
        return RTFRAC_EDOM;
    v.not_clinical = v.eqd2_gy > RTFRAC_LDR_EQD2_CLINICAL_MAX_GY;
    *out = v;
    return RTFRAC_OK;
}

/* ---- rtfrac_ldr_spec_parse ---- */

static const char spec_hint[] =
    "write GY@RATE or GY@HOURS, then optionally ,sessions=N,gap=H: GY the total dose over all sessions "
    "(30, 30Gy, 3000cGy), RATE a dose rate (0.5Gy/h, 50cGy/h; a bare number is Gy/h), HOURS the length "
    "of each session (60h), e.g. 30@0.5Gy/h or 30@60h or 30@0.5Gy/h,sessions=2,gap=24h (the gap in h)";

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int spec_fail(const char *text, size_t at, rtfrac_diag *diag, const char *fmt, ...)
{
    if (diag != NULL) {
        va_list ap;
        size_t n;
        diag->column = rtfrac_num_utf8_width(text, at) + 1;
        va_start(ap, fmt);
        vsnprintf(diag->message, sizeof(diag->message), fmt, ap);
        va_end(ap);
        n = strlen(diag->message);
        snprintf(diag->message + n, sizeof(diag->message) - n, "; %s", spec_hint);
    }
    return RTFRAC_EPARSE;
}

/* text[0..len) as a quantity; `what` names it in the message. */
static int spec_value(const char *text, size_t at, size_t len, rtfrac_quantity q, const char *what,
                      double *v, rtfrac_diag *diag)
{
    char buf[64];
    rtfrac_diag d;
    if (len == 0)
        return spec_fail(text, at, diag, "%s is missing", what);
    if (len >= sizeof(buf))
        return spec_fail(text, at, diag, "%s is too long", what);
    memcpy(buf, text + at, len);
    buf[len] = '\0';
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse_quantity(buf, q, v, &d) != RTFRAC_OK)
        return spec_fail(text, at + (d.column > 0 ? d.column - 1 : 0), diag, "%s '%s': %s", what, buf, d.message);
    return RTFRAC_OK;
}

static int ends_with_ci(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[len - n + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return 0;
    }
    return 1;
}

int rtfrac_ldr_dose_rate_parse(const char *text, double *gy_per_h, rtfrac_diag *diag)
{
    char buf[64];
    size_t len = text ? strlen(text) : 0;
    double v = 0.0;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (len > 0 && len < sizeof(buf)) {
        memcpy(buf, text, len + 1);
        if (ends_with_ci(buf, len, "gy/h")) {
            buf[len - 2] = '\0'; /* "0.5Gy/h" -> "0.5Gy" */
            if (rtfrac_num_parse_quantity(buf, RTFRAC_QTY_DOSE_GY, &v, &d) == RTFRAC_OK) {
                *gy_per_h = v;
                return RTFRAC_OK;
            }
        } else if (rtfrac_num_parse(buf, &v, &d) == RTFRAC_OK) {
            *gy_per_h = v;
            return RTFRAC_OK;
        }
    }
    if (diag != NULL) {
        diag->column = d.column > 0 ? d.column : 1;
        snprintf(diag->message, sizeof(diag->message),
                 "not a dose rate; write it as 0.5Gy/h or 50cGy/h (a bare number is Gy/h)");
    }
    return RTFRAC_EPARSE;
}

/* After '@': a dose rate (rtfrac_ldr_dose_rate_parse) or the hours of each
 * session. */
static int spec_when(const char *text, size_t at, size_t len, rtfrac_ldr_spec *s, rtfrac_diag *diag)
{
    char buf[64];
    double v = 0.0;
    rtfrac_diag d;
    if (len == 0)
        return spec_fail(text, at, diag, "the dose rate or the hours after '@' are missing");
    if (len >= sizeof(buf))
        return spec_fail(text, at, diag, "the dose rate or the hours after '@' are too long");
    memcpy(buf, text + at, len);
    buf[len] = '\0';
    if (rtfrac_ldr_dose_rate_parse(buf, &v, NULL) == RTFRAC_OK) {
        s->has_dose_rate = 1;
        s->dose_rate_gy_per_h = v;
        return RTFRAC_OK;
    }
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse_quantity(buf, RTFRAC_QTY_TIME_HOURS, &v, &d) != RTFRAC_OK)
        return spec_fail(text, at, diag, "'%s' after '@' is neither a dose rate (Gy/h, cGy/h) nor the hours of a session (h)",
                         buf);
    s->has_dose_rate = 0;
    s->hours_per_session_h = v;
    return RTFRAC_OK;
}

/* ",sessions=N" or ",gap=H" at text + at (after the comma), len bytes. */
static int spec_key(const char *text, size_t at, size_t len, rtfrac_ldr_spec *s, int *seen, rtfrac_diag *diag)
{
    const char *k = text + at, *eq = memchr(k, '=', len);
    size_t klen = eq ? (size_t)(eq - k) : len, vat = at + klen + 1, vlen = eq ? len - klen - 1 : 0;
    double v = 0.0;
    int which = klen == 8 && strncmp(k, "sessions", 8) == 0 ? 1 : klen == 3 && strncmp(k, "gap", 3) == 0 ? 2 : 0;
    if (which == 0)
        return spec_fail(text, at, diag, "unknown key '%.*s'; accepted: sessions=N and gap=H", (int)(klen < 40 ? klen : 40), k);
    if (eq == NULL)
        return spec_fail(text, at, diag, "'%.*s' needs a value (%s)", (int)klen, k, which == 1 ? "sessions=2" : "gap=24h");
    if (*seen & which)
        return spec_fail(text, at, diag, "'%.*s' is given twice", (int)klen, k);
    *seen |= which;
    if (which == 2) {
        size_t e = vlen;
        while (e > 0 && (text[vat + e - 1] == ' ' || text[vat + e - 1] == '\t'))
            e--;
        if (e > 0 && ((text[vat + e - 1] >= '0' && text[vat + e - 1] <= '9') || text[vat + e - 1] == '.'))
            return spec_fail(text, vat, diag, "the gap '%.*s' needs its unit, hours: gap=%.*sh", (int)(e < 40 ? e : 40),
                             text + vat, (int)(e < 40 ? e : 40), text + vat);
        if (spec_value(text, vat, vlen, RTFRAC_QTY_TIME_HOURS, "the gap", &v, diag) != RTFRAC_OK)
            return RTFRAC_EPARSE;
        if (!(v >= 0.0 && v <= RTFRAC_LDR_HOURS_MAX))
            return spec_fail(text, vat, diag, "gap out of range (0 to %g h)", RTFRAC_LDR_HOURS_MAX);
        s->gap_h = v;
        return RTFRAC_OK;
    }
    if (spec_value(text, vat, vlen, RTFRAC_QTY_PLAIN, "the number of sessions", &v, diag) != RTFRAC_OK)
        return RTFRAC_EPARSE;
    if (!(v >= 1.0 && v <= RTFRAC_LDR_SESSIONS_MAX) || floor(v) < v)
        return spec_fail(text, vat, diag, "sessions must be a whole number from 1 to %d", RTFRAC_LDR_SESSIONS_MAX);
    s->sessions = (unsigned long)v;
    return RTFRAC_OK;
}

/* The rate or the hours from the other; every value in range. */
static int spec_finish(const char *text, size_t when_at, int seen, rtfrac_ldr_spec *s, rtfrac_diag *diag)
{
    double n = (double)s->sessions;
    if (s->sessions > 1 && !(seen & 2))
        return spec_fail(text, strlen(text), diag, "%lu sessions need the hours between them: gap=H", s->sessions);
    if (s->sessions == 1 && (seen & 2))
        return spec_fail(text, strlen(text), diag, "gap=H is for 2 or more sessions: add sessions=N");
    if (s->has_dose_rate) {
        if (!(s->dose_rate_gy_per_h > 0.0 && s->dose_rate_gy_per_h <= RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H))
            return spec_fail(text, when_at, diag, "dose rate out of range (above 0 up to %g Gy/h)",
                             RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H);
        s->hours_per_session_h = s->dose_gy / (n * s->dose_rate_gy_per_h);
        if (!(s->hours_per_session_h > 0.0 && s->hours_per_session_h <= RTFRAC_LDR_HOURS_MAX))
            return spec_fail(text, when_at, diag, "%g Gy at %g Gy/h is %g h a session (accepted: above 0 up to %g h)", s->dose_gy,
                             s->dose_rate_gy_per_h, s->hours_per_session_h, RTFRAC_LDR_HOURS_MAX);
        return RTFRAC_OK;
    }
    if (!(s->hours_per_session_h > 0.0 && s->hours_per_session_h <= RTFRAC_LDR_HOURS_MAX))
        return spec_fail(text, when_at, diag, "hours of a session out of range (above 0 up to %g h)",
                         RTFRAC_LDR_HOURS_MAX);
    s->dose_rate_gy_per_h = s->dose_gy / (n * s->hours_per_session_h);
    if (!(s->dose_rate_gy_per_h > 0.0 && s->dose_rate_gy_per_h <= RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H))
        return spec_fail(text, when_at, diag, "%g Gy in %lu x %g h is %g Gy/h (accepted: above 0 up to %g Gy/h)", s->dose_gy, s->sessions,
                         s->hours_per_session_h, s->dose_rate_gy_per_h, RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H);
    return RTFRAC_OK;
}

int rtfrac_ldr_spec_parse(const char *text, rtfrac_ldr_spec *out, rtfrac_diag *diag)
{
    rtfrac_ldr_spec s;
    const char *at_sign;
    int seen = 0;
    if (text == NULL || (at_sign = strchr(text, '@')) == NULL)
        return spec_fail(text ? text : "", 0, diag, "no '@' between the dose and its rate or hours");
    memset(&s, 0, sizeof(s));
    s.sessions = 1;
    size_t when_at = (size_t)(at_sign - text) + 1;
    if (spec_value(text, 0, (size_t)(at_sign - text), RTFRAC_QTY_DOSE_GY, "the dose", &s.dose_gy, diag) != RTFRAC_OK)
        return RTFRAC_EPARSE;
    if (!(s.dose_gy > 0.0 && s.dose_gy <= RTFRAC_DOSE_MAX_GY))
        return spec_fail(text, 0, diag, "dose out of range (above 0 up to %g Gy)", RTFRAC_DOSE_MAX_GY);
    const char *comma = strchr(at_sign, ',');
    size_t when_len = comma ? (size_t)(comma - text) - when_at : strlen(text) - when_at;
    if (strchr(at_sign + 1, '@') != NULL)
        return spec_fail(text, (size_t)(strchr(at_sign + 1, '@') - text), diag, "a second '@'");
    if (spec_when(text, when_at, when_len, &s, diag) != RTFRAC_OK)
        return RTFRAC_EPARSE;
    while (comma != NULL) {
        size_t kat = (size_t)(comma - text) + 1;
        comma = strchr(comma + 1, ',');
        size_t klen = comma ? (size_t)(comma - text) - kat : strlen(text) - kat;
        if (spec_key(text, kat, klen, &s, &seen, diag) != RTFRAC_OK)
            return RTFRAC_EPARSE;
    }
    if (spec_finish(text, when_at, seen, &s, diag) != RTFRAC_OK)
        return RTFRAC_EPARSE;
    *out = s;
    return RTFRAC_OK;
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
    if ((rc = rtfrac_lq_eqd2(r.bed_gy, alpha_beta_gy, &r.eqd2_gy)) != RTFRAC_OK ||
        (rc = rtfrac_ldr_validity_check(dose_gy, dose_rate_gy_per_h, r.bed_gy, alpha_beta_gy, &r.validity)) != RTFRAC_OK)
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
    if (rc == RTFRAC_OK)
        rc = rtfrac_ldr_validity_check(dose_gy, r0, r.bed_full_decay_gy, ab, &r.validity);
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
