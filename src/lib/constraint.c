/* rtfrac: organ constraints (include/rtfrac/constraint.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rtfrac/constraint.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rtfrac/lq.h"
#include "rtfrac/num.h"
#include "util_int.h"

/* ---- metric ------------------------------------------------------------ */

static const struct {
    const char *name;
    rtfrac_metric_kind kind;
} reirr_metrics[] = {
    { "cumulative-bed", RTFRAC_METRIC_CUMULATIVE_BED },
    { "course-bed", RTFRAC_METRIC_COURSE_BED },
    { "interval", RTFRAC_METRIC_INTERVAL },
};

static int metric_error(const char *text, unsigned column, rtfrac_diag *diag)
{
    if (diag != NULL) {
        rtfrac_diag_clear(diag);
        diag->column = column;
        snprintf(diag->message, sizeof(diag->message),
                 "unknown metric '%s'; accepted: mean, max, D<x>%% (0 < x <= 100), D<x>cc, V<x>Gy, e.g. D0.03cc, V20Gy; for re-irradiation: cumulative-bed, course-bed, interval",
                 text);
    }
    return RTFRAC_EPARSE;
}

int rtfrac_constraint_metric_parse(const char *text, rtfrac_metric_kind *kind, double *metric_x,
                                   rtfrac_diag *diag)
{
    rtfrac_dvh_metric m;
    rtfrac_diag d;
    assert(text != NULL && kind != NULL && metric_x != NULL);
    /* the re-irradiation limits (rtfrac/reirr.h) are words of their own */
    for (size_t i = 0; i < sizeof(reirr_metrics) / sizeof(reirr_metrics[0]); i++)
        if (strcmp(text, reirr_metrics[i].name) == 0) {
            *kind = reirr_metrics[i].kind;
            *metric_x = 0.0;
            return RTFRAC_OK;
        }
    /* the one metric parser, then what a limit can be stated on */
    rtfrac_diag_clear(&d);
    if (rtfrac_dvh_metric_parse(text, &m, &d) != RTFRAC_OK)
        return metric_error(text, d.column, diag);
    if (m.kind == RTFRAC_METRIC_MIN || m.kind == RTFRAC_METRIC_GEUD)
        return metric_error(text, 1, diag);
    if (m.unit != RTFRAC_DVH_METRIC_UNIT_DEFAULT)
        return metric_error(text, (unsigned)(strchr(text, '[') - text) + 1, diag);
    *kind = m.kind;
    *metric_x = m.x;
    return RTFRAC_OK;
}

int rtfrac_constraint_metric_name(rtfrac_metric_kind kind, double x, char *buf, size_t size)
{
    rtfrac_dvh_metric m = { kind, x, RTFRAC_DVH_METRIC_UNIT_DEFAULT };
    for (size_t i = 0; i < sizeof(reirr_metrics) / sizeof(reirr_metrics[0]); i++)
        if (kind == reirr_metrics[i].kind) {
            int n = snprintf(buf, size, "%s", reirr_metrics[i].name);
            return n >= 0 && (size_t)n < size ? RTFRAC_OK : RTFRAC_ERANGE;
        }
    if (kind == RTFRAC_METRIC_MIN || kind == RTFRAC_METRIC_GEUD)
        return RTFRAC_EINVAL; /* not a constraint metric */
    return rtfrac_dvh_metric_name(&m, buf, size);
}

/* ---- alpha/beta -------------------------------------------------------- */

int rtfrac_constraint_alpha_beta(const rtfrac_constraint *k, const rtfrac_tissue *tissue,
                                 double fallback_ab_gy, double *ab_gy,
                                 rtfrac_constraint_ab_source *from)
{
    assert(k != NULL && ab_gy != NULL && from != NULL);
    if (tissue != NULL && (k->tissue == NULL || strcmp(tissue->id, k->tissue) != 0))
        return RTFRAC_EINVAL;
    if (!isfinite(fallback_ab_gy) || fallback_ab_gy < 0.0)
        return RTFRAC_EDOM;
    if (k->has_alpha_beta) {
        *ab_gy = k->alpha_beta_gy;
        *from = RTFRAC_CONSTRAINT_AB_CONSTRAINT;
    } else if (tissue != NULL) {
        *ab_gy = tissue->alpha_beta_gy;
        *from = RTFRAC_CONSTRAINT_AB_TISSUE;
    } else if (fallback_ab_gy > 0.0) {
        *ab_gy = fallback_ab_gy;
        *from = RTFRAC_CONSTRAINT_AB_CALLER;
    } else {
        *ab_gy = 0.0;
        *from = RTFRAC_CONSTRAINT_AB_NONE;
    }
    return RTFRAC_OK;
}

static const char *const ab_source_names[] = { "none", "constraint", "tissue", "caller" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_constraint_ab_source, rtfrac_constraint_ab_source, ab_source_names)

/* ---- conversion -------------------------------------------------------- */

/* The one place a constraint's BED becomes an EQD2: rtfrac_model_eqdx, so
 * the reference 2 Gy fractions go through the same model (LQ-L, USC). */
static int constraint_eqd2(const rtfrac_model *model, double bed_gy, double ab_gy,
                           double *eqd2_gy)
{
    /* the reference 2 Gy fractions under the same model (LQ-L, USC) */
    return rtfrac_model_eqdx(model, bed_gy, ab_gy, 2.0, eqd2_gy);
}

static int unit_fits(const rtfrac_constraint *k)
{
    if (k->metric == RTFRAC_METRIC_CUMULATIVE_BED || k->metric == RTFRAC_METRIC_COURSE_BED ||
        k->metric == RTFRAC_METRIC_INTERVAL)
        return 0; /* re-irradiation limits: rtfrac/reirr.h, not a DVH */
    if (k->metric == RTFRAC_METRIC_V_GY)
        return k->unit == RTFRAC_LIMIT_PERCENT || k->unit == RTFRAC_LIMIT_CC;
    return k->unit == RTFRAC_LIMIT_GY;
}

static int convert_one(const rtfrac_model *model, const rtfrac_constraint *k, double stated_gy,
                       double ab_gy, unsigned long fractions, rtfrac_constraint_dose *out)
{
    rtfrac_constraint_dose d;
    int rc;
    memset(&d, 0, sizeof(d));
    d.stated_gy = stated_gy;
    if ((rc = rtfrac_model_convert_dose(model, stated_gy, k->fractions, k->dose_per_fraction_gy,
                                        ab_gy, fractions, &d.dose_gy, &d.bed_gy)) != RTFRAC_OK ||
        (rc = constraint_eqd2(model, d.bed_gy, ab_gy, &d.eqd2_gy)) != RTFRAC_OK)
        return rc;
    /* stated in 2 Gy fractions, a dose is its own EQD2 under any model (the
     * reference fractions are the model's too): exact, without the round
     * trip through the BED that can leave 85.00000000000001 */
    if (k->fractions == 0 && !(k->dose_per_fraction_gy < 2.0) && !(k->dose_per_fraction_gy > 2.0))
        d.eqd2_gy = stated_gy;
    d.dose_per_fraction_gy = d.dose_gy / (double)fractions;
    *out = d;
    return RTFRAC_OK;
}

int rtfrac_constraint_convert(const rtfrac_model *model, const rtfrac_constraint *k,
                              double ab_gy, unsigned long fractions,
                              rtfrac_constraint_conversion *out)
{
    rtfrac_constraint_conversion c;
    int rc, volume;
    assert(model != NULL && k != NULL && out != NULL);
    if (!isfinite(ab_gy) || !(ab_gy > 0.0) || fractions < 1)
        return RTFRAC_EDOM;
    if (!unit_fits(k))
        return RTFRAC_EINVAL;
    memset(&c, 0, sizeof(c));
    c.alpha_beta_gy = ab_gy;
    c.fractions = fractions;
    c.exact = k->metric != RTFRAC_METRIC_MEAN;
    volume = k->metric == RTFRAC_METRIC_V_GY;
    if (k->aim_only && !k->has_optimal)
        return RTFRAC_EINVAL; /* neither a limit nor an aim */
    if (volume || !k->aim_only) {
        if ((rc = convert_one(model, k, volume ? k->metric_x : k->limit, ab_gy, fractions, &c.limit)))
            return rc;
        c.has_limit_dose = !volume;
    }
    if (k->has_optimal && !volume) {
        if ((rc = convert_one(model, k, k->optimal, ab_gy, fractions, &c.optimal)))
            return rc;
        c.has_optimal_dose = 1;
    }
    *out = c;
    return RTFRAC_OK;
}

/* ---- value and verdict ------------------------------------------------- */

int rtfrac_constraint_value(const rtfrac_constraint *k, const rtfrac_dvh_bins *bins,
                            double threshold_gy, double *value)
{
    rtfrac_dvh_stats st;
    double v = 0.0;
    int rc = RTFRAC_EINVAL;
    assert(k != NULL && bins != NULL && value != NULL);
    if (!unit_fits(k))
        return RTFRAC_EINVAL;
    switch (k->metric) {
    case RTFRAC_METRIC_MEAN:
    case RTFRAC_METRIC_MAX:
        if ((rc = rtfrac_dvh_stats_of(bins, &st)) == RTFRAC_OK) {
            v = k->metric == RTFRAC_METRIC_MEAN ? st.mean_gy : st.max_gy;
            /* a partial curve's bound is no value to check against a limit */
            if ((k->metric == RTFRAC_METRIC_MEAN ? st.mean_bound : st.max_bound) != RTFRAC_DVH_EXACT)
                rc = RTFRAC_EDOM;
        }
        break;
    case RTFRAC_METRIC_D_PERCENT:
        rc = rtfrac_dvh_d_percent(bins, k->metric_x, &v);
        break;
    case RTFRAC_METRIC_D_CC:
        rc = rtfrac_dvh_d_cc(bins, k->metric_x, &v);
        break;
    case RTFRAC_METRIC_V_GY:
        rc = k->unit == RTFRAC_LIMIT_CC ? rtfrac_dvh_v_cc(bins, threshold_gy, &v)
                                        : rtfrac_dvh_v_percent(bins, threshold_gy, &v);
        break;
    case RTFRAC_METRIC_MIN:
    case RTFRAC_METRIC_GEUD:
    case RTFRAC_METRIC_CUMULATIVE_BED:
    case RTFRAC_METRIC_COURSE_BED:
    case RTFRAC_METRIC_INTERVAL:
        rc = RTFRAC_EINVAL; /* not a DVH constraint metric */
        break;
    }
    if (rc == RTFRAC_OK)
        *value = v;
    return rc;
}

int rtfrac_constraint_value_bounded(const rtfrac_constraint *k, const rtfrac_dvh_bins *bins,
                                    double threshold_gy, double *value, rtfrac_dvh_bound *bound)
{
    rtfrac_dvh_metric m;
    assert(k != NULL && bins != NULL && value != NULL && bound != NULL);
    if (!unit_fits(k) || k->metric == RTFRAC_METRIC_MIN || k->metric == RTFRAC_METRIC_GEUD)
        return RTFRAC_EINVAL;
    m.kind = k->metric;
    m.x = k->metric == RTFRAC_METRIC_V_GY ? threshold_gy : k->metric_x;
    m.unit = RTFRAC_DVH_METRIC_UNIT_DEFAULT;
    return rtfrac_dvh_metric_value(bins, &m, k->metric == RTFRAC_METRIC_V_GY && k->unit == RTFRAC_LIMIT_CC, value,
                                   bound);
}

int rtfrac_constraint_check_bounded(const rtfrac_constraint *k, const rtfrac_constraint_conversion *c,
                                    int have_value, double value, rtfrac_dvh_bound bound,
                                    rtfrac_constraint_verdict *verdict)
{
    rtfrac_constraint_verdict v;
    int rc = rtfrac_constraint_check(k, c, have_value, value, &v);
    if (rc != RTFRAC_OK || !have_value || bound == RTFRAC_DVH_EXACT) {
        if (rc == RTFRAC_OK)
            *verdict = v;
        return rc;
    }
    /* a bound decides only on its own side: at least above the limit is a
     * sure failure, at most within it a sure pass (of the mandatory limit;
     * above the optimal one is kept as a warning, the true value may lie
     * below it); anything else cannot be judged */
    if (k->lower_bound && bound != RTFRAC_DVH_UNKNOWN) /* a minimum: the sides swap */
        bound = bound == RTFRAC_DVH_AT_LEAST ? RTFRAC_DVH_AT_MOST : RTFRAC_DVH_AT_LEAST;
    if (bound == RTFRAC_DVH_AT_LEAST) /* without a limit, beyond the aim is as sure */
        *verdict = v == RTFRAC_CONSTRAINT_FAIL || (k->aim_only && v == RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL)
                       ? v : RTFRAC_CONSTRAINT_NOT_EVALUATED;
    else if (bound == RTFRAC_DVH_AT_MOST)
        *verdict = v == RTFRAC_CONSTRAINT_FAIL ? RTFRAC_CONSTRAINT_NOT_EVALUATED : v;
    else
        *verdict = RTFRAC_CONSTRAINT_NOT_EVALUATED;
    return RTFRAC_OK;
}

int rtfrac_constraint_check(const rtfrac_constraint *k, const rtfrac_constraint_conversion *c,
                            int have_value, double value, rtfrac_constraint_verdict *verdict)
{
    double limit, optimal;
    int has_optimal, has_limit;
    assert(k != NULL && c != NULL && verdict != NULL);
    has_limit = !k->aim_only;
    if (k->metric == RTFRAC_METRIC_V_GY) {
        if (c->has_optimal_dose || c->has_limit_dose)
            return RTFRAC_EINVAL;
        limit = k->limit;
        has_optimal = k->has_optimal;
        optimal = k->optimal;
    } else {
        if (c->has_optimal_dose != (k->has_optimal != 0) || c->has_limit_dose != has_limit)
            return RTFRAC_EINVAL;
        limit = c->limit.eqd2_gy;
        has_optimal = c->has_optimal_dose;
        optimal = c->optimal.eqd2_gy;
    }
    if (!has_limit && !has_optimal)
        return RTFRAC_EINVAL; /* nothing to judge against */
    if (!have_value) {
        *verdict = RTFRAC_CONSTRAINT_NOT_EVALUATED;
        return RTFRAC_OK;
    }
    if (!isfinite(value) || value < 0.0)
        return RTFRAC_EDOM;
    if (k->lower_bound) {
        /* a minimum: mirror the comparisons (below the limit fails) */
        value = -value;
        limit = -limit;
        optimal = -optimal;
    }
    if (has_limit && value > limit)
        *verdict = RTFRAC_CONSTRAINT_FAIL;
    else if (has_optimal && value > optimal)
        *verdict = RTFRAC_CONSTRAINT_PASS_ABOVE_OPTIMAL;
    else
        *verdict = RTFRAC_CONSTRAINT_PASS;
    return RTFRAC_OK;
}

static const char *const verdict_names[] = { "pass", "pass-above-optimal", "fail", "not-evaluated" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_constraint_verdict, rtfrac_constraint_verdict, verdict_names)
