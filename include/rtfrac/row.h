/* rtfrac: the one rule that decides which model applies to a row.
 *
 * A row is one schedule (a prescription, a scheme, a plan's target) at one
 * alpha/beta (a number, a tissue preset, or one of the two defaults).  Every
 * command builds each row's rtfrac_model through rtfrac_row_resolve, so that
 * calc, compare, solve, table, dvh and report agree.  The rule:
 *
 *   1. An explicit option always wins over a preset: each calendar field
 *      (fractions a week, fractions a day, hours between them, start day,
 *      overall days) comes from the options if given, else from the
 *      schedule's preset (scheme or plan), else the default (5 a week on
 *      weekdays from a Monday, 1 a day).  Tk, K and the repair half-time
 *      come from the options, else from the tissue.  K is kept in Gy BED
 *      per day (rtfrac_model.dprolif_gy_per_day): a rate given in Gy
 *      EQD2/d (option or tissue) is converted here, and only here, at the
 *      row's own alpha/beta, K_BED = K_EQD2 (1 + 2/(alpha/beta))
 *      (rtfrac_model_rate_to_bed), its interval's ends with the same
 *      factor; K from Tpot, ln 2 / (alpha Tpot), is a BED rate already.
 *      An interval of alpha/beta (its ends, or Monte Carlo samples)
 *      converts a Gy EQD2/d rate again at each alpha/beta evaluated
 *      (rtfrac_uncertain.dprolif_per_eqd2).
 *   2. Repopulation (--time) applies to tumour and early-responding rows and
 *      to rows whose alpha/beta the user typed as a number (the options are
 *      taken as meant for them).  A late-responding row (a late tissue
 *      preset, the default 3 Gy row, or an organ at risk's typed alpha/beta)
 *      gets a time correction only from its
 *      own preset Tk and K, never from the options: late-responding tissue
 *      does not repopulate during a course (Fowler JF, Br J Radiol
 *      1989;62:679-694; Thames HD, Hendry JH 1987, Fractionation in
 *      Radiotherapy).
 *   3. Several fractions a day get incomplete repair (Thames 1985) where a
 *      repair half-time is known (option or tissue); otherwise repair is
 *      complete between fractions and the result says so.
 *   4. Under USC the alpha/beta is the one its parameters imply
 *      (rtfrac_model_usc_alpha_beta); a given alpha/beta that differs from
 *      it by more than RTFRAC_ROW_USC_AB_TOLERANCE (relative) is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_ROW_H
#define RTFRAC_ROW_H

#include "rtfrac/common.h"
#include "rtfrac/model.h"
#include "rtfrac/preset.h"
#include "rtfrac/uncertainty.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A given alpha/beta within this relative distance of the USC-implied one
 * is taken as the same (8.6 for 8.605 Gy). */
#define RTFRAC_ROW_USC_AB_TOLERANCE 0.005

/* The defaults when no alpha/beta is given: tumour and early-responding
 * tissue, and late-responding tissue. */
#define RTFRAC_ROW_DEFAULT_TUMOUR_AB_GY 10.0
#define RTFRAC_ROW_DEFAULT_LATE_AB_GY 3.0

/* What the user set on the command line (or a program asked for); each
 * value counts only with its has_ flag (calendar: calendar_has). */
typedef struct rtfrac_row_options {
    rtfrac_model_kind kind;          /* LQ, LQ-L, USC */
    int has_dt;
    double dt_gy, d0_gy, dq_gy;
    int has_alpha;
    double alpha_per_gy;
    int time;                        /* correct for repopulation */
    int has_tk, has_dprolif, has_tpot, has_repair_half_time;
    double tk_days, dprolif_rate_gy_per_day, tpot_days, repair_half_time_h;
    rtfrac_model_rate_unit dprolif_unit; /* of dprolif_rate_gy_per_day and dprolif_interval;
                                         * Gy BED/d after rtfrac_row_options_init */
    rtfrac_interval tk_interval, dprolif_interval;
    rtfrac_calendar calendar;
    unsigned calendar_has;           /* RTFRAC_CALENDAR_HAS_* */
    int names_columns;               /* messages name batch CSV columns (tk_days, ...)
                                        instead of command-line options (--tk, ...) */
} rtfrac_row_options;

/* Where a row's alpha/beta comes from. */
typedef enum rtfrac_row_ab_from {
    RTFRAC_ROW_AB_GIVEN,          /* a number the user typed */
    RTFRAC_ROW_AB_GIVEN_LATE,     /* a number typed for a late-responding organ */
    RTFRAC_ROW_AB_TISSUE,         /* a tissue preset */
    RTFRAC_ROW_AB_DEFAULT_TUMOUR, /* the default 10 Gy row */
    RTFRAC_ROW_AB_DEFAULT_LATE,   /* the default 3 Gy row */
    RTFRAC_ROW_AB_USC             /* implied by the USC parameters */
} rtfrac_row_ab_from;

/* One row before the rule: its alpha/beta and the schedule's preset. */
typedef struct rtfrac_row_input {
    rtfrac_row_ab_from ab_from;
    double alpha_beta_gy;            /* ignored for RTFRAC_ROW_AB_USC */
    rtfrac_interval alpha_beta_interval;
    const rtfrac_tissue *tissue;     /* RTFRAC_ROW_AB_TISSUE, else NULL */
    const rtfrac_calendar *schedule_calendar; /* a scheme's or plan's, or NULL */
    unsigned schedule_calendar_has;
} rtfrac_row_input;

/* What the rule decided. */
typedef enum rtfrac_row_time {
    RTFRAC_ROW_TIME_OFF,            /* no --time */
    RTFRAC_ROW_TIME_APPLIED,
    RTFRAC_ROW_TIME_LATE_NONE       /* late-responding: no correction */
} rtfrac_row_time;

/* Names of rtfrac_row_time values ("off", "applied", "late-none"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_row_time_name(rtfrac_row_time value);
RTFRAC_API int rtfrac_row_time_parse(const char *text, rtfrac_row_time *out);

typedef struct rtfrac_row {
    rtfrac_model model;              /* ready for rtfrac_model_effect */
    rtfrac_uncertain uncertain;      /* intervals of alpha/beta, Tk, K */
    double alpha_beta_gy;            /* the alpha/beta to compute with */
    rtfrac_row_time time;
    int repair_complete_assumed;     /* several a day, no repair half-time */
    unsigned calendar_from_schedule; /* RTFRAC_CALENDAR_HAS_* taken from the preset */
    int tissue_late;                 /* a late-responding row */
} rtfrac_row;

/* Options with nothing set: plain LQ, no time, default calendar. */
RTFRAC_API void rtfrac_row_options_init(rtfrac_row_options *options);

/* Check the options alone (model parameters, calendar fields given),
 * before any row: RTFRAC_EDOM with the reason in diag->message. */
RTFRAC_API int rtfrac_row_options_check(const rtfrac_row_options *options, rtfrac_diag *diag);

/* Apply the rule to one row.  Errors: RTFRAC_EDOM with the reason in
 * diag->message (a missing Tk or K for a row that needs them, a calendar
 * that does not fit together, a USC row with a contradicting alpha/beta,
 * naming the implied value), RTFRAC_EINVAL (a NULL tissue for
 * RTFRAC_ROW_AB_TISSUE). */
RTFRAC_API int rtfrac_row_resolve(const rtfrac_row_options *options, const rtfrac_row_input *input,
                       rtfrac_row *out, rtfrac_diag *diag);

/* The dose-per-fraction model the options fix for every row (kind, dT, D0,
 * Dq, alpha), with no time correction, no repair and the default
 * calendar: what converts organ limits (rtfrac_model_convert_dose). */
RTFRAC_API void rtfrac_row_options_model(const rtfrac_row_options *options, rtfrac_model *model);

/* Whether the options are plain LQ once a day with no time correction and
 * no repair half-time (no row can then differ from plain LQ, except that a
 * scheme's or plan's calendar of several fractions a day meets a tissue's
 * repair half-time: rtfrac_row.model.repair tells). */
RTFRAC_API int rtfrac_row_options_plain(const rtfrac_row_options *options);

/* Names for output: "given", "tissue", "default (tumour)", "default (late)",
 * "implied by USC". */
RTFRAC_API const char *rtfrac_row_ab_from_name(rtfrac_row_ab_from from);
/* Its inverse (case ignored); RTFRAC_EINVAL for an unknown name. */
RTFRAC_API int rtfrac_row_ab_from_parse(const char *text, rtfrac_row_ab_from *out);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_ROW_H */
