/* rtfrac: external beam plus brachytherapy in EQD2 (include/rtfrac/brachy.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "rtfrac/brachy.h"
#include "rtfrac/constraint.h"
#include "rtfrac/ldr.h"
#include "rtfrac/lq.h"
#include "rtfrac/model.h"
#include "rtfrac/rx.h"

/* A root is accepted when the BED it gives back is within this relative
 * distance of the BED it was solved for. */
#define SUBSTITUTION_REL 1e-9

static int finite_nonneg(double x)
{
    return isfinite(x) && x >= 0.0;
}

static int finite_pos(double x)
{
    return isfinite(x) && x > 0.0;
}

static int check_component(const rtfrac_brachy_component *c)
{
    switch (c->kind) {
    case RTFRAC_BRACHY_EBRT:
        return c->fractions >= 1 && c->fractions <= RTFRAC_FRACTIONS_MAX ? RTFRAC_OK : RTFRAC_EDOM;
    case RTFRAC_BRACHY_HDR:
        return c->fractions == 1 ? RTFRAC_OK : RTFRAC_EDOM;
    case RTFRAC_BRACHY_LDR:
        return c->fractions >= 1 && c->fractions <= RTFRAC_LDR_SESSIONS_MAX && finite_pos(c->hours_per_session_h) &&
                       c->hours_per_session_h <= RTFRAC_LDR_HOURS_MAX && finite_nonneg(c->gap_h) &&
                       c->gap_h <= RTFRAC_LDR_HOURS_MAX && finite_pos(c->repair_half_time_h) &&
                       c->repair_half_time_h <= RTFRAC_REPAIR_HALF_TIME_MAX_H
                   ? RTFRAC_OK
                   : RTFRAC_EDOM;
    case RTFRAC_BRACHY_IMPLANT:
        return c->fractions == 1 && finite_pos(c->half_life_days) && c->half_life_days <= RTFRAC_HALF_LIFE_MAX_DAYS &&
                       finite_pos(c->repair_half_time_h) && c->repair_half_time_h <= RTFRAC_REPAIR_HALF_TIME_MAX_H
                   ? RTFRAC_OK
                   : RTFRAC_EDOM;
    }
    return RTFRAC_EINVAL;
}

static int check_structure(const rtfrac_brachy_structure *s, size_t ncomponents)
{
    if (s->name == NULL || s->name[0] == '\0' || s->dose_gy == NULL)
        return RTFRAC_EINVAL;
    if (s->direction != RTFRAC_BRACHY_UPPER && s->direction != RTFRAC_BRACHY_LOWER)
        return RTFRAC_EINVAL;
    if (!(s->alpha_beta_gy >= RTFRAC_ALPHA_BETA_MIN_GY && s->alpha_beta_gy <= RTFRAC_ALPHA_BETA_MAX_GY))
        return RTFRAC_EDOM;
    for (size_t i = 0; i < ncomponents; i++)
        if (!finite_nonneg(s->dose_gy[i]))
            return RTFRAC_EDOM;
    if ((s->has_aim && !finite_pos(s->aim_eqd2_gy)) || (s->has_limit && !finite_pos(s->limit_eqd2_gy)))
        return RTFRAC_EDOM;
    if (s->has_aim && s->has_limit &&
        (s->direction == RTFRAC_BRACHY_UPPER ? s->limit_eqd2_gy < s->aim_eqd2_gy
                                              : s->limit_eqd2_gy > s->aim_eqd2_gy))
        return RTFRAC_EDOM;
    return RTFRAC_OK;
}

int rtfrac_brachy_plan_check(const rtfrac_brachy_plan *plan)
{
    int rc;
    assert(plan != NULL);
    if (plan->ncomponents == 0 || plan->ncomponents > RTFRAC_BRACHY_COMPONENTS_MAX ||
        plan->nstructures == 0 || plan->nstructures > RTFRAC_BRACHY_STRUCTURES_MAX ||
        plan->components == NULL || plan->structures == NULL || plan->reference >= plan->nstructures ||
        plan->structures[plan->reference].direction != RTFRAC_BRACHY_LOWER)
        return RTFRAC_EINVAL;
    if (plan->remaining > RTFRAC_FRACTIONS_MAX)
        return RTFRAC_EDOM;
    for (size_t i = 0; i < plan->ncomponents; i++)
        if ((rc = check_component(&plan->components[i])) != RTFRAC_OK)
            return rc;
    for (size_t s = 0; s < plan->nstructures; s++)
        if ((rc = check_structure(&plan->structures[s], plan->ncomponents)) != RTFRAC_OK)
            return rc;
    return RTFRAC_OK;
}

/* Physical dose D in n equal fractions at alpha/beta: d, BED, EQD2. */
static int lq_term(double dose_gy, unsigned long fractions, double ab_gy, rtfrac_brachy_term *out)
{
    rtfrac_brachy_term t;
    int rc;
    memset(&t, 0, sizeof(t));
    t.physical_dose_gy = dose_gy;
    t.fractions = fractions;
    if ((rc = rtfrac_lq_dose_per_fraction(dose_gy, fractions, &t.dose_per_fraction_gy)) ||
        (rc = rtfrac_lq_bed(dose_gy, t.dose_per_fraction_gy, ab_gy, &t.bed_gy)) ||
        (rc = rtfrac_lq_eqd2(t.bed_gy, ab_gy, &t.eqd2_gy)))
        return rc;
    t.lq_uncertain = t.dose_per_fraction_gy > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY;
    *out = t;
    return RTFRAC_OK;
}

/* An LDR or implant component as a structure with this dose and alpha/beta
 * receives it (rtfrac/ldr.h); no dose, no BED. */
static int protracted_term(const rtfrac_brachy_component *c, double dose_gy, double ab_gy, rtfrac_brachy_term *out)
{
    rtfrac_brachy_term t;
    int rc;
    memset(&t, 0, sizeof(t));
    t.physical_dose_gy = dose_gy;
    t.fractions = c->fractions;
    if (dose_gy > 0.0 && c->kind == RTFRAC_BRACHY_LDR) {
        rtfrac_ldr_result r;
        double rate = dose_gy / ((double)c->fractions * c->hours_per_session_h);
        if ((rc = rtfrac_ldr_bed(dose_gy, rate, c->fractions, c->gap_h, ab_gy, c->repair_half_time_h, &r)))
            return rc;
        t.bed_gy = r.bed_gy;
        t.eqd2_gy = r.eqd2_gy;
        t.has_validity = 1;
        t.validity = r.validity;
    } else if (dose_gy > 0.0) {
        rtfrac_implant_params p = { c->half_life_days, ab_gy, c->repair_half_time_h, 0, 0.0, 0.0 };
        rtfrac_implant_result r;
        if ((rc = rtfrac_implant_bed(dose_gy, &p, &r)) != RTFRAC_OK)
            return rc;
        t.bed_gy = r.bed_gy;
        t.eqd2_gy = r.eqd2_gy;
        t.has_validity = 1;
        t.validity = r.validity;
    }
    *out = t;
    return RTFRAC_OK;
}

int rtfrac_brachy_term_eval(const rtfrac_brachy_component *c, double physical_dose_gy, double alpha_beta_gy,
                            rtfrac_brachy_term *out)
{
    int rc;
    assert(c != NULL && out != NULL);
    if ((rc = check_component(c)) != RTFRAC_OK)
        return rc;
    if (!finite_nonneg(physical_dose_gy) ||
        !(alpha_beta_gy >= RTFRAC_ALPHA_BETA_MIN_GY && alpha_beta_gy <= RTFRAC_ALPHA_BETA_MAX_GY))
        return RTFRAC_EDOM;
    if (c->kind == RTFRAC_BRACHY_EBRT || c->kind == RTFRAC_BRACHY_HDR)
        return lq_term(physical_dose_gy, c->fractions, alpha_beta_gy, out);
    return protracted_term(c, physical_dose_gy, alpha_beta_gy, out);
}

/* The reference target's and structure s's HDR dose over the given
 * fractions; their ratio when the reference got some. */
static void hdr_ratio(const rtfrac_brachy_plan *plan, size_t s, rtfrac_brachy_result *r)
{
    double mine = 0.0, ref = 0.0;
    for (size_t i = 0; i < plan->ncomponents; i++) {
        if (plan->components[i].kind != RTFRAC_BRACHY_HDR)
            continue;
        mine += plan->structures[s].dose_gy[i];
        ref += plan->structures[plan->reference].dose_gy[i];
    }
    r->has_ratio = ref > 0.0;
    r->hdr_ratio = r->has_ratio ? mine / ref : 0.0;
}

static rtfrac_brachy_status judge(const rtfrac_brachy_structure *st, double eqd2_gy)
{
    if (!st->has_aim && !st->has_limit)
        return RTFRAC_BRACHY_NO_GOAL;
    if (st->direction == RTFRAC_BRACHY_UPPER) {
        if (st->has_limit && eqd2_gy > st->limit_eqd2_gy)
            return RTFRAC_BRACHY_ABOVE_LIMIT;
        if (st->has_aim && eqd2_gy > st->aim_eqd2_gy)
            return RTFRAC_BRACHY_ABOVE_AIM;
        return RTFRAC_BRACHY_PASS;
    }
    if (st->has_limit && eqd2_gy < st->limit_eqd2_gy)
        return RTFRAC_BRACHY_BELOW_LIMIT;
    if (st->has_aim && eqd2_gy < st->aim_eqd2_gy)
        return RTFRAC_BRACHY_BELOW_AIM;
    return RTFRAC_BRACHY_PASS;
}

/* The dose per fraction x of n further fractions that brings the structure
 * from bed_so_far to the goal (EQD2) exactly, checked by substitution. */
static int solve_goal(const rtfrac_brachy_structure *st, const rtfrac_brachy_result *r, unsigned long n,
                      int has_goal, double goal_eqd2_gy, rtfrac_brachy_solve *out)
{
    rtfrac_brachy_solve sv;
    double ab = st->alpha_beta_gy, x = 0.0, goal_bed, rest;
    int rc;
    memset(&sv, 0, sizeof(sv));
    if (!has_goal || n == 0) {
        *out = sv;
        return RTFRAC_OK;
    }
    sv.goal_eqd2_gy = goal_eqd2_gy;
    goal_bed = goal_eqd2_gy * (1.0 + 2.0 / ab);
    rest = goal_bed - r->total.bed_gy;
    if (rest > 0.0) {
        if ((rc = rtfrac_lq_dose_per_fraction_for_bed(rest, n, ab, &x)) != RTFRAC_OK)
            return rc;
        /* substitution: n x (1 + x/ab) must give back the BED solved for */
        double back = (double)n * x * (1.0 + x / ab);
        if (!isfinite(back) || fabs(back - rest) > SUBSTITUTION_REL * goal_bed)
            return RTFRAC_ERANGE;
        sv.status = RTFRAC_BRACHY_SOLVE_EXACT;
    } else {
        /* already at or past the goal: an organ has no room (even at
         * equality any dose exceeds it), a target needs nothing more */
        sv.status = st->direction == RTFRAC_BRACHY_UPPER && rest < 0.0 ? RTFRAC_BRACHY_SOLVE_EXCEEDED
                    : st->direction == RTFRAC_BRACHY_UPPER             ? RTFRAC_BRACHY_SOLVE_EXACT
                                                                        : RTFRAC_BRACHY_SOLVE_REACHED;
    }
    if ((rc = lq_term((double)n * x, n, ab, &sv.remaining)) != RTFRAC_OK)
        return rc;
    if (x > 0.0)
        sv.remaining.dose_per_fraction_gy = x; /* the root itself, not n x / n */
    sv.total_eqd2_gy = r->total.eqd2_gy + sv.remaining.eqd2_gy;
    if (r->has_ratio && r->hdr_ratio > 0.0) {
        sv.has_target_dose = 1;
        sv.target_dose_per_fraction_gy = x / r->hdr_ratio;
    }
    *out = sv;
    return RTFRAC_OK;
}

int rtfrac_brachy_eval(const rtfrac_brachy_plan *plan, size_t s, rtfrac_brachy_term *terms,
                       rtfrac_brachy_result *out)
{
    rtfrac_brachy_result r;
    int rc;
    assert(plan != NULL && terms != NULL && out != NULL);
    if ((rc = rtfrac_brachy_plan_check(plan)) != RTFRAC_OK)
        return rc;
    if (s >= plan->nstructures)
        return RTFRAC_EINVAL;
    const rtfrac_brachy_structure *st = &plan->structures[s];
    memset(&r, 0, sizeof(r));
    for (size_t i = 0; i < plan->ncomponents; i++) {
        rtfrac_brachy_term t;
        if ((rc = rtfrac_brachy_term_eval(&plan->components[i], st->dose_gy[i], st->alpha_beta_gy, &t)))
            return rc;
        terms[i] = t;
        r.total.physical_dose_gy += t.physical_dose_gy;
        r.total.fractions += t.fractions;
        r.total.bed_gy += t.bed_gy;
    }
    if ((rc = rtfrac_lq_eqd2(r.total.bed_gy, st->alpha_beta_gy, &r.total.eqd2_gy)) != RTFRAC_OK)
        return rc;
    if (!isfinite(r.total.physical_dose_gy) || !isfinite(r.total.bed_gy))
        return RTFRAC_ERANGE;
    r.status = judge(st, r.total.eqd2_gy);
    hdr_ratio(plan, s, &r);
    if ((rc = solve_goal(st, &r, plan->remaining, st->has_aim, st->aim_eqd2_gy, &r.aim)) ||
        (rc = solve_goal(st, &r, plan->remaining, st->has_limit, st->limit_eqd2_gy, &r.limit)))
        return rc;
    *out = r;
    return RTFRAC_OK;
}

int rtfrac_brachy_binding(const rtfrac_brachy_plan *plan, const rtfrac_brachy_result *results, int use_limit,
                          int *found, size_t *structure, double *target_dose_per_fraction_gy,
                          double *target_eqd2_gy)
{
    int rc;
    size_t best = 0;
    double best_x = 0.0;
    int have = 0;
    assert(plan != NULL && results != NULL && found != NULL);
    if ((rc = rtfrac_brachy_plan_check(plan)) != RTFRAC_OK)
        return rc;
    if (plan->remaining == 0)
        return RTFRAC_EINVAL;
    for (size_t s = 0; s < plan->nstructures; s++) {
        const rtfrac_brachy_solve *sv = use_limit ? &results[s].limit : &results[s].aim;
        if (plan->structures[s].direction != RTFRAC_BRACHY_UPPER || !results[s].has_ratio)
            continue;
        if (sv->status != RTFRAC_BRACHY_SOLVE_EXACT && sv->status != RTFRAC_BRACHY_SOLVE_EXCEEDED)
            continue;
        double x;
        if (sv->status == RTFRAC_BRACHY_SOLVE_EXCEEDED || sv->remaining.dose_per_fraction_gy <= 0.0)
            x = 0.0;
        else if (sv->has_target_dose)
            x = sv->target_dose_per_fraction_gy;
        else
            continue; /* no HDR dose to this organ so far: it scales with nothing */
        if (!have || x < best_x) {
            have = 1;
            best = s;
            best_x = x;
        }
    }
    *found = have;
    if (!have)
        return RTFRAC_OK;
    const rtfrac_brachy_structure *ref = &plan->structures[plan->reference];
    rtfrac_brachy_term t;
    if ((rc = lq_term((double)plan->remaining * best_x, plan->remaining, ref->alpha_beta_gy, &t)) != RTFRAC_OK)
        return rc;
    *structure = best;
    *target_dose_per_fraction_gy = best_x;
    *target_eqd2_gy = results[plan->reference].total.eqd2_gy + t.eqd2_gy;
    return RTFRAC_OK;
}

int rtfrac_brachy_goals_from_constraint(const rtfrac_constraint *k, double ab_gy,
                                        rtfrac_brachy_direction direction, rtfrac_brachy_structure *s)
{
    rtfrac_constraint_conversion c;
    rtfrac_model m;
    int rc;
    assert(k != NULL && s != NULL);
    if (k->metric == RTFRAC_METRIC_MEAN || k->metric == RTFRAC_METRIC_V_GY)
        return RTFRAC_EINVAL;
    if ((k->lower_bound != 0) != (direction == RTFRAC_BRACHY_LOWER))
        return RTFRAC_EINVAL;
    rtfrac_model_init(&m);
    /* one fraction: EQD2 does not depend on the count converted to */
    if ((rc = rtfrac_constraint_convert(&m, k, ab_gy, 1, &c)) != RTFRAC_OK)
        return rc;
    s->has_limit = c.has_limit_dose; /* 0 for an aim-only constraint */
    s->limit_eqd2_gy = c.has_limit_dose ? c.limit.eqd2_gy : 0.0;
    s->has_aim = c.has_optimal_dose;
    s->aim_eqd2_gy = c.has_optimal_dose ? c.optimal.eqd2_gy : 0.0;
    return RTFRAC_OK;
}

static const char *const status_names[] = { "no-goal", "pass", "above-aim", "above-limit", "below-aim",
                                             "below-limit" };
static const char *const solve_names[] = { "none", "exact", "already-above", "already-reached" };

const char *rtfrac_brachy_status_name(rtfrac_brachy_status status)
{
    return (size_t)status < sizeof(status_names) / sizeof(status_names[0]) ? status_names[status] : "";
}

const char *rtfrac_brachy_solve_status_name(rtfrac_brachy_solve_status status)
{
    return (size_t)status < sizeof(solve_names) / sizeof(solve_names[0]) ? solve_names[status] : "";
}
