/* rtfrac: external beam plus brachytherapy, summed in EQD2 per structure,
 * with planning aims and limits and the dose per fraction left for the
 * remaining brachytherapy fractions.
 *
 * A plan is a list of components (an external-beam course of n fractions,
 * each high-dose-rate fraction on its own) and a list of structures (the
 * target, other targets, organs at risk), each with its alpha/beta and the
 * physical dose it receives from every component.  For component i with
 * physical dose D_i in n_i equal fractions (d_i = D_i / n_i):
 *   BED_i  = D_i (1 + d_i / (alpha/beta))
 *   EQD2_i = BED_i / (1 + 2 / (alpha/beta))
 * and the structure's total is the sum over components (Barendsen 1982;
 * Fowler 1989; the GEC-ESTRO practice of summing external beam and each
 * brachytherapy fraction at its own dose per fraction: Potter R et al.,
 * Radiother Oncol 2006;78:67-77, cited, not read here).  Checked against
 * Viswanathan AN et al., Brachytherapy 2012;11:47-52, Table 1.  No time factor and no incomplete repair:
 * HDR fractions are taken as acute and fully repaired between fractions.
 *
 * Goals: a target (RTFRAC_BRACHY_LOWER) should reach its aim and must reach
 * its limit; an organ at risk (RTFRAC_BRACHY_UPPER) should stay at or below
 * its aim and must stay at or below its limit (EQD2, Gy; the aim/limit
 * pair of image-guided cervix brachytherapy, as in the shipped set
 * esgo-estro-2023-cervix-brachy: Chargari C et al., Int J Gynecol Cancer
 * 2023;33:862-875, Table 3).
 *
 * Remaining fractions: with BED_so_far the structure's BED of the given
 * components and N further fractions of x Gy each, the goal G (EQD2) is
 * reached exactly when
 *   N x (1 + x / (alpha/beta)) = G (1 + 2 / (alpha/beta)) - BED_so_far,
 * whose positive root (rtfrac_lq_dose_per_fraction_for_bed) is the largest
 * dose per fraction an organ tolerates, or the smallest a target needs:
 * the remaining-dose planning that the GEC-ESTRO/Vienna EQD2 spreadsheets
 * are used for (the workbook itself was not available to check against;
 * the unit tests check the root with GSL's quadratic solver and by
 * substitution).  Each root is checked by substitution here too.
 *
 * Continuous low-dose-rate (LDR) and permanent-implant components: the
 * structure's BED from its own physical dose D_s at its own alpha/beta,
 * with the formulas of rtfrac/ldr.h (Dale RG, Br J Radiol 1985;58:515-528):
 *   LDR: `fractions` equal sessions of `hours_per_session_h` hours each,
 *        gap_h apart, so the structure's dose rate is
 *        R_s = D_s / (fractions hours_per_session_h): the time is shared by
 *        all structures, the dose rate is not (rtfrac_ldr_bed, exact form
 *        with g(mu T), incomplete repair between sessions included);
 *   IMPLANT: a permanent implant of an isotope of half-life
 *        half_life_days, R0_s = D_s lambda, full decay, no repopulation:
 *        BED = (R0_s/lambda)[1 + R0_s/((mu + lambda) alpha/beta)]
 *        (rtfrac_implant_bed); fractions = 1.
 * mu = ln 2 / repair_half_time_h, one repair half-time per component (the
 * same for every structure).  Their terms carry dose_per_fraction_gy = 0
 * (no acute fraction).  A structure's sum is over every component, so the
 * totals, statuses and remaining solve are unchanged: the remaining solve
 * still plans further HDR fractions (acute, fully repaired) on top of all
 * the components given, LDR and implant ones included; the HDR ratio of a
 * structure to the reference comes from the HDR components only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_BRACHY_H
#define RTFRAC_BRACHY_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/ldr.h"
#include "rtfrac/preset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most components and structures a plan may have. */
#define RTFRAC_BRACHY_COMPONENTS_MAX 64
#define RTFRAC_BRACHY_STRUCTURES_MAX 64

typedef enum rtfrac_brachy_kind {
    RTFRAC_BRACHY_EBRT,   /* external beam: `fractions` equal fractions */
    RTFRAC_BRACHY_HDR,    /* one high-dose-rate fraction (fractions = 1) */
    RTFRAC_BRACHY_LDR,    /* continuous LDR: `fractions` equal sessions */
    RTFRAC_BRACHY_IMPLANT /* permanent implant to full decay (fractions = 1) */
} rtfrac_brachy_kind;

/* One component of the treatment.  The fields after `fractions` are used
 * by LDR (hours_per_session_h, gap_h, repair_half_time_h) and IMPLANT
 * (half_life_days, repair_half_time_h) only; EBRT and HDR ignore them. */
typedef struct rtfrac_brachy_component {
    rtfrac_brachy_kind kind;
    unsigned long fractions; /* EBRT: 1..RTFRAC_FRACTIONS_MAX; HDR, IMPLANT: 1;
                                LDR: sessions, 1..RTFRAC_LDR_SESSIONS_MAX */
    double hours_per_session_h; /* LDR: each session's length (h), shared by all structures */
    double gap_h;               /* LDR: hours between sessions (end to start) */
    double repair_half_time_h;  /* LDR, IMPLANT: T1/2 of repair (h) */
    double half_life_days;      /* IMPLANT: the isotope's physical half-life (d) */
} rtfrac_brachy_component;

/* Which way a structure's goals point. */
typedef enum rtfrac_brachy_direction {
    RTFRAC_BRACHY_UPPER, /* organ at risk: at or below aim and limit */
    RTFRAC_BRACHY_LOWER  /* target: at or above aim and limit */
} rtfrac_brachy_direction;

/* One structure: its alpha/beta, its physical dose (Gy, total of the
 * component) from each component (dose_gy[i] for component i, ncomponents
 * entries) and its goals in EQD2 (Gy). */
typedef struct rtfrac_brachy_structure {
    const char *name;
    rtfrac_brachy_direction direction;
    double alpha_beta_gy;
    const double *dose_gy;
    int has_aim;
    double aim_eqd2_gy;
    int has_limit;
    double limit_eqd2_gy;
} rtfrac_brachy_structure;

/* The plan.  structures[reference] is the target whose HDR doses the
 * remaining-fraction solve expresses every structure's dose in. */
typedef struct rtfrac_brachy_plan {
    const rtfrac_brachy_component *components;
    size_t ncomponents;
    const rtfrac_brachy_structure *structures;
    size_t nstructures;
    size_t reference;
    unsigned long remaining; /* HDR fractions still to give (0: no solve) */
} rtfrac_brachy_plan;

/* One component (or the total, or the remaining fractions) as a structure
 * receives it. */
typedef struct rtfrac_brachy_term {
    double physical_dose_gy;
    unsigned long fractions;
    double dose_per_fraction_gy; /* 0 for a total of unequal fractions */
    double bed_gy;
    double eqd2_gy;
    int lq_uncertain;              /* an EBRT or HDR term (or the remaining
                                      fractions solved): dose per fraction above
                                      RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY (8 Gy),
                                      where the LQ model is uncertain; for every
                                      structure, organs included (a urethra at
                                      1.1 x 7.5 Gy = 8.25 Gy per fraction) */
    int has_validity;              /* an LDR or implant term with dose: */
    rtfrac_ldr_validity validity;  /* its dose rate (LDR: per session, the same
                                      in every session; implant: initial), band
                                      and verdict (rtfrac/ldr.h) */
} rtfrac_brachy_term;

/* A structure's EQD2 against its goals. */
typedef enum rtfrac_brachy_status {
    RTFRAC_BRACHY_NO_GOAL,     /* neither aim nor limit */
    RTFRAC_BRACHY_PASS,        /* within the aim (and the limit) */
    RTFRAC_BRACHY_ABOVE_AIM,   /* organ: above the aim, within the limit */
    RTFRAC_BRACHY_ABOVE_LIMIT, /* organ: above the limit */
    RTFRAC_BRACHY_BELOW_AIM,   /* target: below the aim, at or above the limit */
    RTFRAC_BRACHY_BELOW_LIMIT  /* target: below the limit */
} rtfrac_brachy_status;

/* The outcome of one remaining-fraction solve. */
typedef enum rtfrac_brachy_solve_status {
    RTFRAC_BRACHY_SOLVE_NONE,     /* no goal of this kind, or no remaining fractions */
    RTFRAC_BRACHY_SOLVE_EXACT,    /* dose_per_fraction_gy reaches the goal exactly */
    RTFRAC_BRACHY_SOLVE_EXCEEDED, /* organ: already above the goal; no dose keeps it there */
    RTFRAC_BRACHY_SOLVE_REACHED   /* target: already at or above the goal */
} rtfrac_brachy_solve_status;

typedef struct rtfrac_brachy_solve {
    rtfrac_brachy_solve_status status;
    double goal_eqd2_gy;
    rtfrac_brachy_term remaining;   /* the N fractions of x Gy (x = 0 unless EXACT) */
    double total_eqd2_gy;           /* given components plus remaining */
    int has_target_dose;            /* the reference's HDR dose is known: */
    double target_dose_per_fraction_gy; /* x / ratio: the reference target's dose */
} rtfrac_brachy_solve;

typedef struct rtfrac_brachy_result {
    rtfrac_brachy_term total;  /* sum over the components */
    rtfrac_brachy_status status;
    int has_ratio;             /* the reference target got HDR dose: */
    double hdr_ratio;          /* this structure's HDR dose / the reference's */
    rtfrac_brachy_solve aim, limit;
} rtfrac_brachy_result;

/* Check a plan: at least one component and one structure, at most the
 * _MAX counts; fractions in range (HDR and IMPLANT exactly 1); LDR and
 * IMPLANT parameters in the ranges of rtfrac/ldr.h (hours and gap, repair
 * half-time, half-life; checked again per structure dose); every structure with a
 * name, alpha/beta > 0 and finite, doses >= 0 and finite, goals > 0 and
 * finite, a target's limit at or below its aim and an organ's at or above;
 * reference a target (LOWER); remaining <= RTFRAC_FRACTIONS_MAX.
 * Errors: RTFRAC_EDOM (a value out of its domain), RTFRAC_EINVAL (a count
 * or the reference). */
RTFRAC_API int rtfrac_brachy_plan_check(const rtfrac_brachy_plan *plan);

/* Component c as a structure with alpha_beta_gy receives physical_dose_gy:
 * the formulas at the top.  Errors: RTFRAC_EDOM, RTFRAC_EINVAL (an unknown
 * kind); *out untouched on error. */
RTFRAC_API int rtfrac_brachy_term_eval(const rtfrac_brachy_component *c, double physical_dose_gy,
                                       double alpha_beta_gy, rtfrac_brachy_term *out);

/* Structure s of the plan: terms[i] for each component (ncomponents
 * entries, caller's array), its total, status, HDR ratio to the reference
 * and, with plan->remaining > 0, the solves for its aim and its limit.
 * Errors: those of rtfrac_brachy_plan_check, RTFRAC_EINVAL (s out of
 * range), RTFRAC_ERANGE (a root that does not survive substitution);
 * outputs untouched on error. */
RTFRAC_API int rtfrac_brachy_eval(const rtfrac_brachy_plan *plan, size_t s, rtfrac_brachy_term *terms,
                                  rtfrac_brachy_result *out);

/* The structure that binds the remaining fractions for one goal kind (aim
 * when use_limit is 0, limit otherwise): among the organs at risk whose
 * solve is EXACT or EXCEEDED and whose HDR ratio is known, the one that
 * allows the reference target the smallest dose per fraction (0 when one is
 * already above its goal).  results[i] from rtfrac_brachy_eval for every
 * structure.  *found is 0 when no organ qualifies (then *structure,
 * *target_dose_per_fraction_gy and *target_eqd2_gy are untouched);
 * otherwise *target_eqd2_gy is the reference target's total EQD2 with the
 * remaining fractions at that dose.  Errors: RTFRAC_EINVAL (no remaining
 * fractions), those of rtfrac_brachy_plan_check. */
RTFRAC_API int rtfrac_brachy_binding(const rtfrac_brachy_plan *plan, const rtfrac_brachy_result *results,
                                     int use_limit, int *found, size_t *structure,
                                     double *target_dose_per_fraction_gy, double *target_eqd2_gy);

/* A constraint of a preset set as an EQD2 aim and limit for a structure of
 * the given direction: its limit and optimal limit (the aim) converted to
 * EQD2 at ab_gy (rtfrac_constraint_convert with the LQ model); has_aim and
 * has_limit say which exist (an aim-only constraint: has_limit 0, and
 * limit_eqd2_gy 0).  Only dose metrics (max, D<x>%, D<x>cc; a point dose
 * is "max").  Errors:
 * RTFRAC_EINVAL (a volume metric or a mean, or a constraint whose bound
 * is not the structure's direction), those of rtfrac_constraint_convert. */
RTFRAC_API int rtfrac_brachy_goals_from_constraint(const rtfrac_constraint *k, double ab_gy,
                                                   rtfrac_brachy_direction direction,
                                                   rtfrac_brachy_structure *s);

/* "pass", "above-aim", "above-limit", "below-aim", "below-limit",
 * "no-goal"; "" for an unknown value. */
RTFRAC_API const char *rtfrac_brachy_status_name(rtfrac_brachy_status status);

/* "none", "exact", "already-above", "already-reached"; "" for an unknown
 * value. */
RTFRAC_API const char *rtfrac_brachy_solve_status_name(rtfrac_brachy_solve_status status);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_BRACHY_H */
