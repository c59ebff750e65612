/* rtfrac: re-irradiation of a late-responding organ (spinal cord, brain
 * stem, ...): the BED and EQD2 of each course, the part of earlier courses
 * taken as recovered, the cumulative dose, the room left under each limit,
 * and the largest next course that keeps every limit.
 *
 * Each course i of n_i fractions of d_i Gy has, at the tissue's alpha/beta,
 *   BED_i  = n_i d_i (1 + d_i/(a/b))                 (Barendsen 1982)
 *   EQD2_i = BED_i / (1 + 2/(a/b))                   (Withers 1983)
 * and the plain cumulative dose is the sum over courses.  Without a stated
 * recovery none is assumed: the conservative choice.
 *
 * Recovery r_i (0 <= r_i < 1) of an earlier course i, taken at the time of
 * the last course (the planned one with plan_fractions), comes in two forms
 * that are both in clinical use and differ unless the first course reached
 * the tolerance T:
 *   discount:  the earlier dose counts (1 - r_i) BED_i; the limit stays T;
 *              room = T - sum_i (1 - r_i) BED_i - BED_last
 *   tolerance: the earlier dose counts in full; the limit is raised by the
 *              recovered fraction of the tolerance, T' = T (1 + r);
 *              room = T (1 + r) - BED_1 - BED_last
 *              (one earlier course only: with more the form is not defined)
 * e.g. T = 50 Gy EQD2, first course 40 Gy EQD2, r = 50 %: discount leaves
 * 50 - 20 = 30 Gy, tolerance 75 - 40 = 35 Gy.  The tolerance form is the
 * one of the example in Doi H, Tamari K, Oh RJ, Nieder C. New clinical data
 * on human spinal cord re-irradiation tolerance. Strahlenther Onkol
 * 2021;197:463-473 (Introduction): recovery of 25 % after 6 months and 50 %
 * after 12 months gives tolerance doses of 125 % and 150 %.
 *
 * Recovery is never applied to a limit that is itself a cumulative
 * threshold fitted to re-irradiated patients (recovery_applies = 0), such
 * as the cumulative BED of Nieder C, Grosu AL, Andratschke NH, Molls M.
 * Update of human spinal cord reirradiation tolerance based on additional
 * data from 38 patients. Int J Radiat Oncol Biol Phys 2006;66(5):1446-1449
 * (abstract: cumulative BED <= 135.5 Gy at alpha/beta 2 Gy, no course
 * above 98 Gy, interval at least 6 months).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_REIRR_H
#define RTFRAC_REIRR_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/constraint.h"
#include "rtfrac/preset.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RTFRAC_REIRR_COURSES_MAX 16 /* courses, the planned one included */
#define RTFRAC_REIRR_LIMITS_MAX 32

/* ---- recovery ---------------------------------------------------------- */

typedef enum rtfrac_reirr_recovery_kind {
    RTFRAC_REIRR_RECOVERY_NONE,    /* no recovery (the default) */
    RTFRAC_REIRR_RECOVERY_PERCENT, /* a stated fraction for every earlier course */
    RTFRAC_REIRR_RECOVERY_MODEL    /* a published time-dependent model */
} rtfrac_reirr_recovery_kind;

typedef enum rtfrac_reirr_form {
    RTFRAC_REIRR_FORM_DISCOUNT,  /* earlier dose reduced by the recovered fraction */
    RTFRAC_REIRR_FORM_TOLERANCE  /* tolerance raised by the recovered fraction of it */
} rtfrac_reirr_form;

/* "none", "percent", "model"; "discount", "tolerance" (parse: case ignored;
 * RTFRAC_EINVAL for an unknown name; "" for an unknown value). */
RTFRAC_API const char *rtfrac_reirr_recovery_kind_name(rtfrac_reirr_recovery_kind kind);
RTFRAC_API int rtfrac_reirr_recovery_kind_parse(const char *text, rtfrac_reirr_recovery_kind *out);
RTFRAC_API const char *rtfrac_reirr_form_name(rtfrac_reirr_form form);
RTFRAC_API int rtfrac_reirr_form_parse(const char *text, rtfrac_reirr_form *out);

/* A published time-dependent recovery model. */
typedef struct rtfrac_reirr_model {
    const char *name;        /* as chosen by the user, e.g. "doi-2021" */
    const char *tissue;      /* the organ it was stated for */
    const char *formula;     /* the rule, in words */
    const char *source;      /* the citation, with what was read */
    rtfrac_reirr_form form;  /* the form its source states its example in */
} rtfrac_reirr_model;

/* The shipped models: i < rtfrac_reirr_model_count(); NULL beyond. */
RTFRAC_API size_t rtfrac_reirr_model_count(void);
RTFRAC_API const rtfrac_reirr_model *rtfrac_reirr_model_at(size_t i);
/* By name (case ignored); NULL when there is none. */
RTFRAC_API const rtfrac_reirr_model *rtfrac_reirr_model_find(const char *name);

/* The fraction of an earlier course recovered after `months` months under
 * `model`.  "doi-2021": 0 below 6 months, 0.25 from 6 to below 12 months,
 * 0.5 from 12 months on (a step: no interpolation, no more than 50 %).
 * Errors: RTFRAC_EDOM (months negative or not finite). */
RTFRAC_API int rtfrac_reirr_model_recovery(const rtfrac_reirr_model *model, double months,
                                           double *fraction);

/* ---- input ------------------------------------------------------------- */

typedef struct rtfrac_reirr_course {
    double total_dose_gy;    /* physical dose of the course at the organ */
    unsigned long fractions;
} rtfrac_reirr_course;

typedef enum rtfrac_reirr_limit_kind {
    RTFRAC_REIRR_LIMIT_CUMULATIVE, /* the cumulative BED is at most `value` */
    RTFRAC_REIRR_LIMIT_COURSE,     /* no course's BED above `value` */
    RTFRAC_REIRR_LIMIT_INTERVAL    /* every interval at least `value` months */
} rtfrac_reirr_limit_kind;

/* "cumulative", "course", "interval"; "" for an unknown value. */
RTFRAC_API const char *rtfrac_reirr_limit_kind_name(rtfrac_reirr_limit_kind kind);

typedef struct rtfrac_reirr_limit {
    rtfrac_reirr_limit_kind kind;
    double value;          /* BED (Gy) at alpha_beta_gy, or months for INTERVAL */
    double alpha_beta_gy;  /* the alpha/beta the BED is stated at (dose kinds) */
    int recovery_applies;  /* CUMULATIVE: 1 if the recovery applies to it */
} rtfrac_reirr_limit;

typedef struct rtfrac_reirr_input {
    const rtfrac_reirr_course *courses; /* in time order */
    size_t ncourses;                    /* >= 1 */
    /* months between consecutive courses (the planned one included): none,
     * or ncourses - 1 (+ 1 with plan_fractions) of them */
    const double *interval_months;
    size_t nintervals;
    double alpha_beta_gy;               /* the tissue's, for the course table */
    rtfrac_reirr_recovery_kind recovery;
    double recovery_fraction;           /* PERCENT: 0 <= r < 1 */
    const rtfrac_reirr_model *model;    /* MODEL */
    rtfrac_reirr_form form;
    const rtfrac_reirr_limit *limits;
    size_t nlimits;
    unsigned long plan_fractions;       /* > 0: solve the next course in this many */
} rtfrac_reirr_input;

/* Set the defaults: no courses, no recovery, discount form, no limits,
 * no plan. */
RTFRAC_API void rtfrac_reirr_input_init(rtfrac_reirr_input *in);

/* ---- result ------------------------------------------------------------ */

typedef struct rtfrac_reirr_course_result {
    double total_dose_gy;
    unsigned long fractions;
    double dose_per_fraction_gy;
    double bed_gy, eqd2_gy;          /* at the input's alpha/beta */
    int planned;                     /* 1 for the solved next course */
    int has_months;                  /* the time to the last course is known */
    double months_to_last;           /* months from this course to the last */
    double recovered_fraction;       /* r_i; 0 for the last course */
    double recovered_bed_gy, recovered_eqd2_gy; /* r_i BED_i, r_i EQD2_i */
    double counted_bed_gy, counted_eqd2_gy;     /* what the cumulative counts */
} rtfrac_reirr_course_result;

typedef struct rtfrac_reirr_limit_result {
    rtfrac_reirr_limit limit;
    int recovery_used;               /* the recovery changed this limit's check */
    double limit_eqd2_gy;            /* the limit as EQD2 at its alpha/beta */
    double allowed_bed_gy, allowed_eqd2_gy; /* raised in the tolerance form */
    double value_bed_gy, value_eqd2_gy;     /* counted cumulative, or highest course */
    size_t course;                   /* COURSE: the highest course; INTERVAL: the shortest gap */
    double value_months;             /* INTERVAL: the shortest interval */
    double room_bed_gy, room_eqd2_gy; /* allowed - value: negative above the limit */
    double room_months;              /* INTERVAL: value - limit */
    rtfrac_constraint_verdict verdict; /* PASS, FAIL or NOT_EVALUATED (no intervals) */
} rtfrac_reirr_limit_result;

typedef enum rtfrac_reirr_plan_status {
    RTFRAC_REIRR_PLAN_NONE,     /* not asked */
    RTFRAC_REIRR_PLAN_SOLVED,   /* a course > 0 Gy keeps every dose limit */
    RTFRAC_REIRR_PLAN_NO_ROOM,  /* a dose limit is already reached: 0 Gy */
    RTFRAC_REIRR_PLAN_INTERVAL  /* an interval limit fails: no course yet */
} rtfrac_reirr_plan_status;

/* "none", "solved", "no-room", "interval-too-short"; "" for unknown. */
RTFRAC_API const char *rtfrac_reirr_plan_status_name(rtfrac_reirr_plan_status status);

typedef struct rtfrac_reirr_result {
    size_t ncourses;                 /* given courses, + 1 with a solved plan */
    rtfrac_reirr_course_result courses[RTFRAC_REIRR_COURSES_MAX];
    double cumulative_bed_gy, cumulative_eqd2_gy; /* plain sums */
    double counted_bed_gy, counted_eqd2_gy;       /* after the discount */
    double tolerance_raise_fraction; /* tolerance form: the r raising the limits; else 0 */
    size_t nlimits;
    rtfrac_reirr_limit_result limits[RTFRAC_REIRR_LIMITS_MAX];
    int all_pass;                    /* every limit PASS */
    rtfrac_reirr_plan_status plan;
    size_t plan_binding;             /* index of the limit that binds the plan */
} rtfrac_reirr_result;

/* Evaluate the courses against the limits, and with plan_fractions > 0
 * first solve the largest next course in that many fractions that keeps
 * every dose limit: each dose limit k leaves a BED room R_k (at its
 * alpha/beta) for the new course (COURSE: its value; CUMULATIVE: the
 * room as above), and the dose per fraction reaching it is the positive
 * root of N d (1 + d/(a/b)) = R_k (rtfrac_lq_dose_per_fraction_for_bed);
 * the smallest N d over k is the answer and k the binding limit.  The
 * solved course is appended to the courses (planned = 1), the evaluation
 * is done with it, and every dose limit is checked by substitution (room
 * >= 0, the binding one's room 0 within 1e-9 relative).
 * Errors: RTFRAC_EDOM (a dose, fraction count, alpha/beta, interval or
 * recovery outside its domain; too many courses or limits), RTFRAC_EINVAL
 * (intervals neither none nor one per gap; a model without intervals; the
 * tolerance form with more than one earlier course and a recovery;
 * plan_fractions without a dose limit), RTFRAC_ERANGE (the substitution
 * check failed, or a BED or EQD2 overflows: a limit near DBL_MAX raised by
 * the recovery); *out untouched on error.  BED and EQD2 come from
 * rtfrac_lq_bed and rtfrac_lq_eqd2, at every alpha/beta. */
RTFRAC_API int rtfrac_reirr_evaluate(const rtfrac_reirr_input *in, rtfrac_reirr_result *out);

/* ---- limits from a constraint set -------------------------------------- */

/* Is the metric one of the re-irradiation kinds (cumulative-bed,
 * course-bed, interval) rather than a dose-volume metric? */
RTFRAC_API int rtfrac_reirr_metric_is_reirr(rtfrac_metric_kind kind);

/* The re-irradiation limits of a constraint set, in its order: the BED
 * limits at the alpha/beta the constraint states (or its tissue's, from
 * `presets`, which may be NULL), recovery_applies = 0 (a cumulative
 * threshold from re-irradiated patients already holds their recovery).
 * Constraints of other metrics are skipped; *n gets the count.
 * Errors: RTFRAC_EINVAL (a BED limit with no alpha/beta, a re-irradiation
 * constraint that is aim_only: the loader never makes one), RTFRAC_EDOM
 * (more than `max`); outputs untouched on error. */
RTFRAC_API int rtfrac_reirr_limits_from_set(const rtfrac_constraint_set *set,
                                            const rtfrac_presets *presets,
                                            rtfrac_reirr_limit *limits, size_t max, size_t *n);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_REIRR_H */
