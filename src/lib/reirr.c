/* rtfrac: re-irradiation (include/rtfrac/reirr.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rtfrac/reirr.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "rtfrac/lq.h"
#include "util_int.h"

/* ---- names ------------------------------------------------------------- */

static const char *const recovery_kind_names[] = { "none", "percent", "model" };
static const char *const form_names[] = { "discount", "tolerance" };
static const char *const limit_kind_names[] = { "cumulative", "course", "interval" };
static const char *const plan_status_names[] = { "none", "solved", "no-room", "interval-too-short" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_reirr_recovery_kind, rtfrac_reirr_recovery_kind, recovery_kind_names)
UTIL_INT_ENUM_FUNCTIONS(rtfrac_reirr_form, rtfrac_reirr_form, form_names)

const char *rtfrac_reirr_limit_kind_name(rtfrac_reirr_limit_kind kind)
{
    return (size_t)kind < sizeof(limit_kind_names) / sizeof(limit_kind_names[0]) ? limit_kind_names[kind] : "";
}

const char *rtfrac_reirr_plan_status_name(rtfrac_reirr_plan_status status)
{
    return (size_t)status < sizeof(plan_status_names) / sizeof(plan_status_names[0]) ? plan_status_names[status]
                                                                                        : "";
}

/* ---- models ------------------------------------------------------------ */

static const rtfrac_reirr_model models[] = {
    { "doi-2021", "spinal cord",
      "recovered fraction 0 below 6 months, 25 % from 6 months, 50 % from 12 months (a step, no interpolation)",
      "Doi H, Tamari K, Oh RJ, Nieder C. New clinical data on human spinal cord re-irradiation tolerance. Strahlenther "
      "Onkol 2021;197:463-473, Introduction (read): \"25% after 6 months, 50% after 12 months, resulting in tolerance "
      "doses of 125% and 150%\", example 50 Gy EQD2 then 25 Gy EQD2 18 months later; they attribute the rule to their "
      "reference 10 (not read)",
      RTFRAC_REIRR_FORM_TOLERANCE },
};

size_t rtfrac_reirr_model_count(void)
{
    return sizeof(models) / sizeof(models[0]);
}

const rtfrac_reirr_model *rtfrac_reirr_model_at(size_t i)
{
    return i < rtfrac_reirr_model_count() ? &models[i] : NULL;
}

const rtfrac_reirr_model *rtfrac_reirr_model_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < rtfrac_reirr_model_count(); i++)
        if (util_int_equal_ci(name, strlen(name), models[i].name))
            return &models[i];
    return NULL;
}

int rtfrac_reirr_model_recovery(const rtfrac_reirr_model *model, double months, double *fraction)
{
    assert(model != NULL && fraction != NULL);
    if (!isfinite(months) || months < 0.0)
        return RTFRAC_EDOM;
    /* one model so far: Doi et al. 2021's step */
    *fraction = months >= 12.0 ? 0.5 : months >= 6.0 ? 0.25 : 0.0;
    return RTFRAC_OK;
}

/* ---- evaluation -------------------------------------------------------- */

void rtfrac_reirr_input_init(rtfrac_reirr_input *in)
{
    assert(in != NULL);
    memset(in, 0, sizeof(*in));
    in->recovery = RTFRAC_REIRR_RECOVERY_NONE;
    in->form = RTFRAC_REIRR_FORM_DISCOUNT;
}

/* rtfrac_lq_eqd2 as a value: NaN when it refuses (a BED that is not
 * finite), which evaluate() turns into RTFRAC_ERANGE. */
static double eqd2_of(double bed_gy, double ab_gy)
{
    double eqd2 = NAN;
    return rtfrac_lq_eqd2(bed_gy, ab_gy, &eqd2) == RTFRAC_OK ? eqd2 : NAN;
}

static int valid_ab(double ab_gy)
{
    return ab_gy >= RTFRAC_ALPHA_BETA_MIN_GY && ab_gy <= RTFRAC_ALPHA_BETA_MAX_GY;
}

static int check_input(const rtfrac_reirr_input *in)
{
    size_t total = in->ncourses + (in->plan_fractions > 0 ? 1 : 0);
    if (in->ncourses < 1 || total > RTFRAC_REIRR_COURSES_MAX || in->nlimits > RTFRAC_REIRR_LIMITS_MAX ||
        !valid_ab(in->alpha_beta_gy))
        return RTFRAC_EDOM;
    for (size_t i = 0; i < in->ncourses; i++)
        if (!isfinite(in->courses[i].total_dose_gy) || in->courses[i].total_dose_gy < 0.0 ||
            in->courses[i].fractions < 1)
            return RTFRAC_EDOM;
    if (in->nintervals != 0 && in->nintervals != total - 1)
        return RTFRAC_EINVAL;
    for (size_t i = 0; i < in->nintervals; i++)
        if (!isfinite(in->interval_months[i]) || in->interval_months[i] < 0.0)
            return RTFRAC_EDOM;
    for (size_t i = 0; i < in->nlimits; i++) {
        const rtfrac_reirr_limit *l = &in->limits[i];
        if (!isfinite(l->value) || l->value < 0.0 || (size_t)l->kind > RTFRAC_REIRR_LIMIT_INTERVAL ||
            (l->kind != RTFRAC_REIRR_LIMIT_INTERVAL && (!valid_ab(l->alpha_beta_gy) || !(l->value > 0.0))))
            return RTFRAC_EDOM;
    }
    switch (in->recovery) {
    case RTFRAC_REIRR_RECOVERY_NONE:
        break;
    case RTFRAC_REIRR_RECOVERY_PERCENT:
        if (!isfinite(in->recovery_fraction) || in->recovery_fraction < 0.0 || !(in->recovery_fraction < 1.0))
            return RTFRAC_EDOM;
        break;
    case RTFRAC_REIRR_RECOVERY_MODEL:
        if (in->model == NULL || (total > 1 && in->nintervals == 0))
            return RTFRAC_EINVAL;
        break;
    default:
        return RTFRAC_EINVAL;
    }
    if ((size_t)in->form > RTFRAC_REIRR_FORM_TOLERANCE)
        return RTFRAC_EINVAL;
    /* the tolerance is raised by one recovered fraction: one earlier course */
    if (in->form == RTFRAC_REIRR_FORM_TOLERANCE && in->recovery != RTFRAC_REIRR_RECOVERY_NONE && total > 2)
        return RTFRAC_EINVAL;
    return RTFRAC_OK;
}

/* The recovered fraction of every course at the time of the last one. */
static int recovered_fractions(const rtfrac_reirr_input *in, size_t total, double *r, int *has_months,
                               double *months)
{
    for (size_t i = 0; i < total; i++) {
        double m = 0.0;
        for (size_t j = i; in->nintervals > 0 && j + 1 < total; j++)
            m += in->interval_months[j];
        has_months[i] = in->nintervals > 0;
        months[i] = m;
        r[i] = 0.0;
        if (i + 1 == total)
            continue; /* the last course recovers nothing yet */
        if (in->recovery == RTFRAC_REIRR_RECOVERY_PERCENT)
            r[i] = in->recovery_fraction;
        else if (in->recovery == RTFRAC_REIRR_RECOVERY_MODEL) {
            int rc = rtfrac_reirr_model_recovery(in->model, m, &r[i]);
            if (rc != RTFRAC_OK)
                return rc;
        }
    }
    return RTFRAC_OK;
}

/* The BED of a course at another alpha/beta (a limit's): rtfrac_lq_bed. */
static int course_bed(const rtfrac_reirr_course *c, double ab_gy, double *bed_gy)
{
    double d = 0.0;
    int rc = rtfrac_lq_dose_per_fraction(c->total_dose_gy, c->fractions, &d);
    return rc != RTFRAC_OK ? rc : rtfrac_lq_bed(c->total_dose_gy, d, ab_gy, bed_gy);
}

/* Evaluate `total` courses (the given ones, maybe one planned) */
static int evaluate(const rtfrac_reirr_input *in, const rtfrac_reirr_course *cs, size_t total,
                    rtfrac_reirr_result *res)
{
    double r[RTFRAC_REIRR_COURSES_MAX], months[RTFRAC_REIRR_COURSES_MAX];
    int has_months[RTFRAC_REIRR_COURSES_MAX];
    int tolerance = in->form == RTFRAC_REIRR_FORM_TOLERANCE;
    int rc = recovered_fractions(in, total, r, has_months, months);
    if (rc != RTFRAC_OK)
        return rc;
    res->ncourses = total;
    res->cumulative_bed_gy = res->counted_bed_gy = 0.0;
    res->tolerance_raise_fraction = tolerance && total > 1 ? r[0] : 0.0;
    for (size_t i = 0; i < total; i++) {
        rtfrac_reirr_course_result *c = &res->courses[i];
        double ri = tolerance ? 0.0 : r[i]; /* the tolerance form discounts nothing */
        c->total_dose_gy = cs[i].total_dose_gy;
        c->fractions = cs[i].fractions;
        if ((rc = rtfrac_lq_dose_per_fraction(c->total_dose_gy, c->fractions, &c->dose_per_fraction_gy)) ||
            (rc = rtfrac_lq_bed(c->total_dose_gy, c->dose_per_fraction_gy, in->alpha_beta_gy, &c->bed_gy)))
            return rc;
        c->eqd2_gy = eqd2_of(c->bed_gy, in->alpha_beta_gy);
        c->planned = in->plan_fractions > 0 && i + 1 == total;
        c->has_months = has_months[i];
        c->months_to_last = months[i];
        c->recovered_fraction = r[i];
        c->recovered_bed_gy = ri * c->bed_gy;
        c->recovered_eqd2_gy = ri * c->eqd2_gy;
        c->counted_bed_gy = (1.0 - ri) * c->bed_gy;
        c->counted_eqd2_gy = (1.0 - ri) * c->eqd2_gy;
        res->cumulative_bed_gy += c->bed_gy;
        res->counted_bed_gy += c->counted_bed_gy;
    }
    res->cumulative_eqd2_gy = eqd2_of(res->cumulative_bed_gy, in->alpha_beta_gy);
    res->counted_eqd2_gy = eqd2_of(res->counted_bed_gy, in->alpha_beta_gy);
    res->nlimits = in->nlimits;
    res->all_pass = 1;
    for (size_t k = 0; k < in->nlimits; k++) {
        rtfrac_reirr_limit_result *L = &res->limits[k];
        const rtfrac_reirr_limit *lim = &in->limits[k];
        memset(L, 0, sizeof(*L));
        L->limit = *lim;
        if (lim->kind == RTFRAC_REIRR_LIMIT_INTERVAL) {
            L->verdict = RTFRAC_CONSTRAINT_NOT_EVALUATED;
            if (in->nintervals > 0) {
                L->value_months = in->interval_months[0];
                for (size_t j = 1; j < in->nintervals; j++)
                    if (in->interval_months[j] < L->value_months) {
                        L->value_months = in->interval_months[j];
                        L->course = j;
                    }
                L->room_months = L->value_months - lim->value;
                L->verdict = L->value_months >= lim->value ? RTFRAC_CONSTRAINT_PASS : RTFRAC_CONSTRAINT_FAIL;
            } else if (total < 2) {
                L->verdict = RTFRAC_CONSTRAINT_PASS; /* one course: no interval to judge */
            }
        } else {
            double ab = lim->alpha_beta_gy, value = 0.0, raise = 0.0;
            for (size_t i = 0; i < total; i++) {
                double b = 0.0;
                if ((rc = course_bed(&cs[i], ab, &b)) != RTFRAC_OK)
                    return rc;
                if (lim->kind == RTFRAC_REIRR_LIMIT_COURSE) {
                    if (b > value) {
                        value = b;
                        L->course = i;
                    }
                } else {
                    double ri = lim->recovery_applies && !tolerance ? r[i] : 0.0;
                    value += (1.0 - ri) * b;
                }
            }
            if (lim->kind == RTFRAC_REIRR_LIMIT_CUMULATIVE && lim->recovery_applies)
                raise = res->tolerance_raise_fraction;
            L->recovery_used = lim->kind == RTFRAC_REIRR_LIMIT_CUMULATIVE && lim->recovery_applies &&
                               in->recovery != RTFRAC_REIRR_RECOVERY_NONE && total > 1;
            L->limit_eqd2_gy = eqd2_of(lim->value, ab);
            L->allowed_bed_gy = lim->value * (1.0 + raise);
            L->allowed_eqd2_gy = eqd2_of(L->allowed_bed_gy, ab);
            L->value_bed_gy = value;
            L->value_eqd2_gy = eqd2_of(value, ab);
            L->room_bed_gy = L->allowed_bed_gy - value;
            L->room_eqd2_gy = eqd2_of(L->room_bed_gy, ab);
            L->verdict = value <= L->allowed_bed_gy ? RTFRAC_CONSTRAINT_PASS : RTFRAC_CONSTRAINT_FAIL;
        }
        if (L->verdict != RTFRAC_CONSTRAINT_PASS)
            res->all_pass = 0;
        /* a limit near DBL_MAX raised by the recovery overflows: refuse */
        if (lim->kind != RTFRAC_REIRR_LIMIT_INTERVAL &&
            !(isfinite(L->allowed_eqd2_gy) && isfinite(L->value_eqd2_gy) && isfinite(L->room_eqd2_gy)))
            return RTFRAC_ERANGE;
    }
    if (!isfinite(res->cumulative_eqd2_gy) || !isfinite(res->counted_eqd2_gy))
        return RTFRAC_ERANGE;
    return RTFRAC_OK;
}

/* The BED room each dose limit leaves for one more course at its
 * alpha/beta (the evaluation with a 0 Gy course in its place), the course
 * reaching the smallest, and the check of it by substitution. */
static int solve_plan(const rtfrac_reirr_input *in, rtfrac_reirr_course *cs, rtfrac_reirr_result *res)
{
    size_t total = in->ncourses + 1, binding = 0;
    double best = INFINITY;
    int have = 0, rc;
    cs[total - 1].total_dose_gy = 0.0;
    cs[total - 1].fractions = in->plan_fractions;
    if ((rc = evaluate(in, cs, total, res)) != RTFRAC_OK)
        return rc;
    for (size_t k = 0; k < in->nlimits; k++) {
        const rtfrac_reirr_limit_result *L = &res->limits[k];
        double d = 0.0, dose, room;
        if (L->limit.kind == RTFRAC_REIRR_LIMIT_INTERVAL) {
            if (L->verdict == RTFRAC_CONSTRAINT_FAIL) {
                res->plan = RTFRAC_REIRR_PLAN_INTERVAL;
                res->plan_binding = k;
                return RTFRAC_OK;
            }
            continue;
        }
        /* a course limit bounds the new course alone, whatever came before */
        room = L->limit.kind == RTFRAC_REIRR_LIMIT_COURSE ? L->limit.value : L->room_bed_gy;
        if (room > 0.0 &&
            (rc = rtfrac_lq_dose_per_fraction_for_bed(room, in->plan_fractions, L->limit.alpha_beta_gy, &d)) !=
                RTFRAC_OK)
            return rc;
        dose = (double)in->plan_fractions * d;
        if (!have || dose < best) {
            best = dose;
            binding = k;
            have = 1;
        }
    }
    if (!have)
        return RTFRAC_EINVAL; /* no dose limit to solve against */
    cs[total - 1].total_dose_gy = best;
    if ((rc = evaluate(in, cs, total, res)) != RTFRAC_OK)
        return rc;
    res->plan = best > 0.0 ? RTFRAC_REIRR_PLAN_SOLVED : RTFRAC_REIRR_PLAN_NO_ROOM;
    res->plan_binding = binding;
    /* substitution: every dose limit kept, the binding one reached */
    for (size_t k = 0; k < in->nlimits; k++) {
        const rtfrac_reirr_limit_result *L = &res->limits[k];
        double tol = 1e-9 * L->allowed_bed_gy, slack;
        if (L->limit.kind == RTFRAC_REIRR_LIMIT_INTERVAL)
            continue;
        slack = L->room_bed_gy;
        if (L->limit.kind == RTFRAC_REIRR_LIMIT_COURSE) {
            double b = 0.0;
            if ((rc = course_bed(&cs[total - 1], L->limit.alpha_beta_gy, &b)) != RTFRAC_OK)
                return rc;
            slack = L->limit.value - b;
        }
        if (best > 0.0 && (slack < -tol || (k == binding && fabs(slack) > tol)))
            return RTFRAC_ERANGE;
    }
    return RTFRAC_OK;
}

int rtfrac_reirr_evaluate(const rtfrac_reirr_input *in, rtfrac_reirr_result *out)
{
    rtfrac_reirr_course cs[RTFRAC_REIRR_COURSES_MAX];
    rtfrac_reirr_result res;
    int rc;
    assert(in != NULL && out != NULL);
    assert(in->ncourses == 0 || in->courses != NULL);
    assert(in->nintervals == 0 || in->interval_months != NULL);
    assert(in->nlimits == 0 || in->limits != NULL);
    if ((rc = check_input(in)) != RTFRAC_OK)
        return rc;
    memset(&res, 0, sizeof(res));
    memcpy(cs, in->courses, in->ncourses * sizeof(cs[0]));
    if (in->plan_fractions > 0)
        rc = solve_plan(in, cs, &res);
    else
        rc = evaluate(in, cs, in->ncourses, &res);
    if (rc != RTFRAC_OK)
        return rc;
    *out = res;
    return RTFRAC_OK;
}

/* ---- limits from a constraint set -------------------------------------- */

int rtfrac_reirr_metric_is_reirr(rtfrac_metric_kind kind)
{
    return kind == RTFRAC_METRIC_CUMULATIVE_BED || kind == RTFRAC_METRIC_COURSE_BED ||
           kind == RTFRAC_METRIC_INTERVAL;
}

int rtfrac_reirr_limits_from_set(const rtfrac_constraint_set *set, const rtfrac_presets *presets,
                                 rtfrac_reirr_limit *limits, size_t max, size_t *n)
{
    rtfrac_reirr_limit tmp[RTFRAC_REIRR_LIMITS_MAX];
    size_t count = 0;
    assert(set != NULL && n != NULL && (max == 0 || limits != NULL));
    for (size_t i = 0; i < set->nconstraints; i++) {
        const rtfrac_constraint *k = &set->constraints[i];
        rtfrac_reirr_limit l;
        if (!rtfrac_reirr_metric_is_reirr(k->metric))
            continue;
        if (k->aim_only)
            return RTFRAC_EINVAL; /* a re-irradiation limit is a limit (the loader refuses an aim) */
        if (count >= max || count >= RTFRAC_REIRR_LIMITS_MAX)
            return RTFRAC_EDOM;
        memset(&l, 0, sizeof(l));
        l.value = k->limit;
        if (k->metric == RTFRAC_METRIC_INTERVAL) {
            l.kind = RTFRAC_REIRR_LIMIT_INTERVAL;
        } else {
            const rtfrac_tissue *t =
                presets != NULL && k->tissue[0] != '\0' ? rtfrac_presets_find_tissue(presets, k->tissue) : NULL;
            rtfrac_constraint_ab_source from;
            if (rtfrac_constraint_alpha_beta(k, t, 0.0, &l.alpha_beta_gy, &from) != RTFRAC_OK ||
                from == RTFRAC_CONSTRAINT_AB_NONE)
                return RTFRAC_EINVAL;
            l.kind = k->metric == RTFRAC_METRIC_CUMULATIVE_BED ? RTFRAC_REIRR_LIMIT_CUMULATIVE
                                                               : RTFRAC_REIRR_LIMIT_COURSE;
        }
        tmp[count++] = l;
    }
    memcpy(limits, tmp, count * sizeof(tmp[0]));
    *n = count;
    return RTFRAC_OK;
}
