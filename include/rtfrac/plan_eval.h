/* rtfrac: the evaluation of a plan, every number of a report from one call.
 *
 * Given the loaded presets, a plan, the row options (rtfrac/row.h), further
 * alpha/beta rows, schemes to compare, constraint sets and optionally a DVH
 * with a tissue per structure, rtfrac_plan_eval_run computes:
 *   - each target at its tissue and at each further alpha/beta, and each
 *     organ at risk at each target's prescription: BED and EQD2 through
 *     rtfrac_row_resolve (with the plan's calendar) and rtfrac_model_effect;
 *   - each structure of the DVH converted to EQD2 bin by bin with the model
 *     of its own row (rtfrac_dvh_bins_eqd2_model): the same model as the
 *     prescription rows, each bin with its own dose per fraction, the
 *     repopulation term only where the row rule gives the structure's
 *     tissue time (a tumour; late organs get none);
 *   - each constraint converted to the plan's fractions with the options'
 *     dose-per-fraction model (rtfrac_constraint_convert) and judged on
 *     every DVH structure of its tissue (rtfrac_constraint_value and
 *     rtfrac_constraint_check on the structure's EQD2 bins);
 *   - the compared schemes (and the plan's targets) at the alpha/beta of
 *     every tissue the plan names;
 *   - the largest dose per fraction that any of these numbers used, and
 *     which one: the validity of the linear-quadratic model (about 1 to
 *     RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY Gy per fraction; Brenner DJ, Semin
 *     Radiat Oncol 2008;18(4):234-239) depends on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_PLAN_EVAL_H
#define RTFRAC_PLAN_EVAL_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/constraint.h"
#include "rtfrac/dvh.h"
#include "rtfrac/model.h"
#include "rtfrac/preset.h"
#include "rtfrac/row.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An index that points nowhere (no organ, no further alpha/beta, no
 * structure). */
#define RTFRAC_PLAN_EVAL_NONE ((size_t)-1)

/* ---- validity: the largest dose per fraction --------------------------- */

/* What a dose per fraction belongs to. */
typedef enum rtfrac_plan_eval_source {
    RTFRAC_PLAN_EVAL_SOURCE_NONE,                 /* nothing added yet */
    RTFRAC_PLAN_EVAL_SOURCE_PRESCRIPTION,         /* a target of the plan */
    RTFRAC_PLAN_EVAL_SOURCE_COMPARED,             /* a compared scheme */
    RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_STATED,    /* a limit in its stated fractionation */
    RTFRAC_PLAN_EVAL_SOURCE_CONSTRAINT_CONVERTED, /* a limit converted to the plan's */
    RTFRAC_PLAN_EVAL_SOURCE_DVH                   /* a DVH bin with volume */
} rtfrac_plan_eval_source;

/* Names of rtfrac_plan_eval_source values ("none", "prescription",
 * "compared", "constraint-stated", "constraint-converted", "dvh"); _name
 * returns "" for an unknown value, _parse RTFRAC_EINVAL for an unknown name
 * (case ignored). */
RTFRAC_API const char *rtfrac_plan_eval_source_name(rtfrac_plan_eval_source value);
RTFRAC_API int rtfrac_plan_eval_source_parse(const char *text, rtfrac_plan_eval_source *out);

#define RTFRAC_PLAN_EVAL_WHAT_MAX 160

/* The largest dose per fraction seen, and the first number that reached it. */
typedef struct rtfrac_plan_eval_validity {
    double max_dose_per_fraction_gy; /* 0 before anything is added */
    rtfrac_plan_eval_source source;
    char what[RTFRAC_PLAN_EVAL_WHAT_MAX]; /* e.g. "PTV-1", "quantec-liver/liver-sbrt-3fx", "Liver" */
} rtfrac_plan_eval_validity;

RTFRAC_API void rtfrac_plan_eval_validity_init(rtfrac_plan_eval_validity *v);

/* Take dose_per_fraction_gy into account: it becomes the maximum when it
 * is larger than the one so far (what is copied, truncated to fit).
 * Errors: RTFRAC_EDOM (negative or not finite); *v untouched on error. */
RTFRAC_API int rtfrac_plan_eval_validity_add(rtfrac_plan_eval_validity *v, rtfrac_plan_eval_source source,
                                             const char *what, double dose_per_fraction_gy);

/* Whether a number computed with `kind` lies outside the range where plain
 * LQ is well supported: LQ and a maximum above
 * RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY (LQ-L and USC are meant for high
 * doses per fraction). */
RTFRAC_API int rtfrac_plan_eval_validity_lq_exceeded(const rtfrac_plan_eval_validity *v,
                                                     rtfrac_model_kind kind);

/* ---- one DVH structure under its row's model --------------------------- */

typedef struct rtfrac_plan_eval_structure {
    const rtfrac_dvh *dvh;
    const rtfrac_tissue *tissue; /* NULL: the fallback alpha/beta, or none */
    int has_eqd2;                /* converted: fractions and an alpha/beta known */
    double alpha_beta_gy;        /* the row's alpha/beta (has_eqd2), else 0 */
    rtfrac_row row;              /* the structure's row (has_eqd2) */
    rtfrac_dvh_bins physical;    /* the file's curve as bins */
    rtfrac_dvh_bins eqd2;        /* has_eqd2: converted bin by bin */
    rtfrac_dvh_model_info info;  /* has_eqd2: clamped bins, largest dose per fraction */
} rtfrac_plan_eval_structure;

/* Bins of one structure and, when fractions > 0 and an alpha/beta is known
 * (the tissue's, else fallback_alpha_beta_gy > 0, taken as typed by the
 * user), their EQD2 under the structure's row: rtfrac_row_resolve with
 * `options` (NULL: plain LQ), the tissue or alpha/beta, and the schedule
 * calendar (the plan's, or NULL), then rtfrac_dvh_bins_eqd2_model.
 * Release *out with rtfrac_plan_eval_structure_release.  Errors:
 * RTFRAC_EDOM (a curve that is no DVH, or a row the rule refuses: reason in
 * diag->message), RTFRAC_ERANGE, RTFRAC_ENOMEM; *out is left released
 * (safe to release again) on error. */
RTFRAC_API int rtfrac_plan_eval_structure_eval(const rtfrac_row_options *options, const rtfrac_dvh *dvh,
                                               const rtfrac_tissue *tissue, double fallback_alpha_beta_gy,
                                               unsigned long fractions, const rtfrac_calendar *calendar,
                                               unsigned calendar_has, rtfrac_plan_eval_structure *out,
                                               rtfrac_diag *diag);
RTFRAC_API void rtfrac_plan_eval_structure_release(rtfrac_plan_eval_structure *s); /* NULL: no-op */

/* ---- the whole plan ---------------------------------------------------- */

/* A scheme compared with the plan. */
typedef struct rtfrac_plan_eval_scheme {
    const char *label;
    double total_dose_gy;
    unsigned long fractions;
    const rtfrac_calendar *calendar; /* the scheme preset's, or NULL */
    unsigned calendar_has;
} rtfrac_plan_eval_scheme;

typedef struct rtfrac_plan_eval_input {
    const rtfrac_presets *presets;       /* holds the tissues the plan and constraints name */
    const rtfrac_plan *plan;
    const rtfrac_row_options *options;   /* NULL: plain LQ, no time */
    const rtfrac_row_input *extra_alpha_beta; /* further rows for every target (ab_from,
                                                 alpha_beta_gy, tissue; the plan's calendar) */
    size_t nextra_alpha_beta;
    const rtfrac_plan_eval_scheme *compare;
    size_t ncompare;
    const rtfrac_constraint_set *const *constraint_sets;
    size_t nconstraint_sets;
    const rtfrac_dvh_set *dvh;           /* NULL: no DVH */
    const rtfrac_tissue *const *structure_tissues; /* dvh->n entries (NULL: none), or NULL */
    double structure_alpha_beta_gy;      /* for structures without a tissue, 0: none */
} rtfrac_plan_eval_input;

/* Zero: no options, nothing to compare, no constraints, no DVH. */
RTFRAC_API void rtfrac_plan_eval_input_init(rtfrac_plan_eval_input *in);

/* One prescription row: target `target` at its tissue (extra NONE) or at
 * further alpha/beta `extra`, or organ `oar` at that target's dose. */
typedef struct rtfrac_plan_eval_row {
    size_t target, oar, extra;
    const rtfrac_tissue *tissue; /* NULL for a typed alpha/beta */
    rtfrac_row row;
    rtfrac_effect effect;
} rtfrac_plan_eval_row;

/* One constraint on one structure (or on none: structure NONE). */
typedef struct rtfrac_plan_eval_check {
    size_t set, constraint;      /* indices into constraint_sets and its constraints */
    double alpha_beta_gy;        /* 0 when none is known (not converted) */
    rtfrac_constraint_ab_source ab_source;
    int converted;
    rtfrac_constraint_conversion conversion; /* when converted */
    size_t structure;            /* index into structures, or NONE */
    int has_value;
    double value;                /* the metric on the structure's EQD2 bins */
    rtfrac_dvh_bound bound;      /* exact, or how a partial curve bounds it */
    rtfrac_constraint_verdict verdict;
} rtfrac_plan_eval_check;

typedef struct rtfrac_plan_eval {
    rtfrac_plan_eval_row *rows;  /* per target: its tissue, then each further
                                    alpha/beta; then per organ, per target */
    size_t nrows;
    rtfrac_plan_eval_structure *structures; /* one per DVH structure */
    size_t nstructures;
    rtfrac_plan_eval_check *checks; /* per set, per constraint, per matching structure */
    size_t nchecks;
    const rtfrac_tissue **compare_tissues; /* the plan's distinct tissues (with compare) */
    size_t ncompare_tissues;
    rtfrac_effect *comparisons;  /* (plan targets + compared schemes) x compare_tissues,
                                    row by row */
    rtfrac_row *comparison_models; /* the resolved row of each comparison, same order
                                      (calendar with the scheme's per_day, repair,
                                      repair_complete_assumed, calendar_from_schedule) */
    size_t ncomparison_rows;
    rtfrac_plan_eval_validity validity;
} rtfrac_plan_eval;

/* Evaluate a plan (see the top of this header).  On success *out is a new
 * evaluation (free it with rtfrac_plan_eval_free); it points into `in`'s
 * presets, plan, constraint sets and DVH set, which must outlive it.
 * Errors: RTFRAC_EINVAL (a tissue the plan names is not loaded, NULL
 * presets or plan, a plan without fractions), RTFRAC_EDOM (a row the rule
 * refuses, a constraint that cannot be converted, a structure that is no
 * DVH: diag->message names it and says why), RTFRAC_ERANGE, RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_plan_eval_run(const rtfrac_plan_eval_input *in, rtfrac_plan_eval **out,
                                    rtfrac_diag *diag);
RTFRAC_API void rtfrac_plan_eval_free(rtfrac_plan_eval *e); /* NULL is a no-op */

/* ---- plan structures and DVH structures ----------------------------------
 * A DVH export names its structures as the planning system does; a plan
 * names its targets and organs at risk with labels and tissue presets.
 * rtfrac_plan_eval_match decides which plan structure a DVH structure is:
 *   1. a target or organ at risk whose label equals the name, case ignored
 *      (targets first, in plan order);
 *   2. else an organ at risk (then a target) whose tissue lists the name
 *      among its TG-263 synonyms, case ignored (Mayo et al. 2018, AAPM
 *      TG-263, "Standardizing nomenclatures in radiation oncology", Int J
 *      Radiat Oncol Biol Phys 100(4):1057-1066), e.g. liver: Liver,
 *      Liver-GTV, Liver_minus_GTV; spinal-cord: SpinalCord, Cord,
 *      Spinal_Cord;
 *   3. else no match.
 * A caller's explicit mapping (rtfrac's --structure-tissue) comes before
 * this rule. */
typedef enum rtfrac_plan_match_how {
    RTFRAC_PLAN_MATCH_NONE = 0,
    RTFRAC_PLAN_MATCH_NAME,    /* the plan structure's label */
    RTFRAC_PLAN_MATCH_SYNONYM  /* a TG-263 synonym of its tissue */
} rtfrac_plan_match_how;

/* Names of rtfrac_plan_match_how values ("none", "name", "tg263-synonym");
 * "" for an unknown value. */
RTFRAC_API const char *rtfrac_plan_match_how_name(rtfrac_plan_match_how value);

typedef struct rtfrac_plan_match {
    rtfrac_plan_match_how how;
    int is_target;           /* 1: plan->targets[index], 0: plan->oars[index] */
    size_t index;
    const char *plan_label;  /* into the plan; NULL when how is NONE */
    const char *tissue_id;   /* into the plan; NULL when how is NONE */
} rtfrac_plan_match;

/* The plan structure of the DVH structure `dvh_name` by the rule above;
 * out->how is RTFRAC_PLAN_MATCH_NONE when none matches (not an error).
 * Errors: RTFRAC_EINVAL for a NULL plan or name (out untouched). */
RTFRAC_API int rtfrac_plan_eval_match(const rtfrac_plan *plan, const char *dvh_name, rtfrac_plan_match *out);

/* Whether `name` is one of the TG-263 synonyms rtfrac knows for the tissue
 * preset `tissue_id` (case ignored); 0 for a tissue without synonyms. */
RTFRAC_API int rtfrac_plan_eval_tissue_synonym(const char *tissue_id, const char *name);

/* ---- NTCP sets the plan links to its organs at risk ----------------------
 * A plan's [oar] may name an NTCP set (`ntcp = SET-ID`, rtfrac/preset.h).
 * For one DVH structure, rtfrac_plan_eval_ntcp_link decides which applies:
 *   1. a set the caller chose explicitly for this structure (rtfrac's
 *      --ntcp naming it, or naming its tissue: explicit_choice != 0)
 *      overrides the plan's link, for this structure only (the other
 *      structures keep theirs): from = OPTION, set NULL (the caller has
 *      it), oar = the overridden organ when the plan links one, else NULL;
 *   2. else the set of the organ at risk the structure matches
 *      (rtfrac_plan_eval_match), provided the structure is evaluated with
 *      that organ's tissue (structure_tissue; a caller's mapping to another
 *      tissue breaks the link): from = PLAN, set and oar given;
 *   3. else from = NONE.
 * Targets carry no link. */
typedef enum rtfrac_plan_ntcp_from {
    RTFRAC_PLAN_NTCP_NONE = 0,
    RTFRAC_PLAN_NTCP_OPTION, /* the caller's explicit choice */
    RTFRAC_PLAN_NTCP_PLAN    /* the plan's [oar] ntcp key */
} rtfrac_plan_ntcp_from;

/* Names of rtfrac_plan_ntcp_from values ("none", "option", "plan"); ""
 * for an unknown value. */
RTFRAC_API const char *rtfrac_plan_ntcp_from_name(rtfrac_plan_ntcp_from value);

typedef struct rtfrac_plan_ntcp_link {
    rtfrac_plan_ntcp_from from;
    const rtfrac_ntcp_params *set; /* from PLAN: the linked set; else NULL */
    const rtfrac_plan_oar *oar;    /* the organ whose link it is (PLAN), or whose link an
                                      explicit choice overrides (OPTION); else NULL */
} rtfrac_plan_ntcp_link;

/* Errors: RTFRAC_EINVAL for NULL presets, plan, name or out, or a link to
 * a set that is not loaded (rtfrac_presets_check refuses such a plan
 * first); out untouched on error. */
RTFRAC_API int rtfrac_plan_eval_ntcp_link(const rtfrac_presets *presets, const rtfrac_plan *plan,
                                          const char *dvh_name, const rtfrac_tissue *structure_tissue,
                                          int explicit_choice, rtfrac_plan_ntcp_link *out);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_PLAN_EVAL_H */
