/* rtfrac: unscheduled treatment interruptions (gaps) and the ways to catch up.
 *
 * A once-daily prescription of n fractions of d Gy runs on a calendar
 * (treatment weekdays from rtfrac_calendar, closed days = holidays).  It is
 * interrupted: treatment days are missed.  The options are listed in the
 * order of preference of the Royal College of Radiologists (The timely
 * delivery of radical radiotherapy: guidelines for the management of
 * unscheduled treatment interruptions, 4th edition, 2019; the order as in
 * the abstract of Hendry JH et al., Clin Oncol 1996;8:297-307, methods 1a,
 * 1b, then prolongation with extra dose):
 *
 *   1   treat on weekend days or holidays, one fraction a day, so that the
 *       last fraction falls on the planned last day (overall time kept);
 *   2   two fractions on some treatment days, interval_h apart, so that the
 *       last fraction falls on the planned last day;
 *   3a  the overall time grows; whole extra fractions of d on the next
 *       treatment days restore the tumour's BED (the fewest that reach it);
 *   3b  the overall time grows; the fractions left after the gap get a
 *       higher dose per fraction d' that restores the tumour's BED exactly
 *       (GSL Brent root finder, checked by substitution).
 *
 * Each option's effect, fraction by fraction (d_i on day t_i, days from the
 * first fraction; a day holds one or two fractions):
 *   BED = sum over days [k d + (d^2/(a/b)) (k + 2 (k - 1) phi)] - K max(0, T - Tk)
 *   (k = 1 or 2 fractions that day, phi = exp(-ln 2 interval / T1/2): the
 *   incomplete-repair factor of Thames HD, Int J Radiat Biol 1985;47:319-339,
 *   which is rtfrac_model's repair term for two a day; T = last day - first
 *   day; K in Gy of BED per day, time only where the model has it).
 * Repair half-times: a known half-time gives phi; an unknown one is taken
 * as complete repair (phi = 0) for the tumour and as no repair at all
 * (phi = 1) for the late-responding tissue: both err on the safe side (less
 * tumour effect, more late effect), and the result says so.
 * EQD2 = BED / (1 + 2/(a/b)) (rtfrac_model_eqdx).
 *
 * Rules that reject an option (shown with its numbers, never hidden):
 * an interval under RTFRAC_GAP_MIN_INTERVAL_H (the RCR's 6 hours), more than
 * two fractions on one day, no day left before the planned end, a tumour
 * BED that cannot be restored, and a late EQD2 above the plan's by more than
 * the caller's tolerance (a departmental choice; the command's default is
 * RTFRAC_GAP_LATE_TOLERANCE_GY).
 *
 * Dates: day numbers are days since 1970-01-01 in the proleptic Gregorian
 * calendar (rtfrac_gap_date_parse / _format).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_GAP_H
#define RTFRAC_GAP_H

#include "rtfrac/common.h"
#include "rtfrac/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RTFRAC_GAP_MIN_INTERVAL_H 6.0     /* RCR 2019: two fractions a day at least 6 h apart */
#define RTFRAC_GAP_LATE_TOLERANCE_GY 1.0  /* default late EQD2 increase accepted (command) */
#define RTFRAC_GAP_MISSED_MAX 365         /* missed treatment days, from 1 */
#define RTFRAC_GAP_HOLIDAYS_MAX 366       /* closed days */
#define RTFRAC_GAP_EXTRA_MAX 100          /* extra fractions tried by option 3a */
#define RTFRAC_GAP_DOSE_PER_FRACTION_MAX_GY 30.0 /* the highest dose per fraction option 3b tries */
#define RTFRAC_GAP_DATE_MIN -25567L       /* 1900-01-01 ... */
#define RTFRAC_GAP_DATE_MAX 47482L        /* ... 2099-12-31 (days since 1970-01-01) */
#define RTFRAC_GAP_FORMAT_MIN -719528L    /* dates are written from 0000-01-01 ... */
#define RTFRAC_GAP_FORMAT_MAX 2932896L    /* ... to 9999-12-31: a course begun late in 2099 ends in 2100 */

typedef enum rtfrac_gap_method {
    RTFRAC_GAP_PLAN,            /* "plan": as planned, no interruption */
    RTFRAC_GAP_NONE,            /* "none": interrupted, not compensated */
    RTFRAC_GAP_WEEKEND,         /* "1": weekend days or holidays */
    RTFRAC_GAP_TWICE_DAILY,     /* "2": two fractions a day */
    RTFRAC_GAP_EXTRA_FRACTIONS, /* "3a": longer, extra fractions */
    RTFRAC_GAP_HIGHER_DOSE      /* "3b": longer, higher dose per fraction */
} rtfrac_gap_method;
#define RTFRAC_GAP_METHODS 6

/* Names ("plan", "none", "1", "2", "3a", "3b"); _name gives "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name. */
RTFRAC_API const char *rtfrac_gap_method_name(rtfrac_gap_method value);
RTFRAC_API int rtfrac_gap_method_parse(const char *text, rtfrac_gap_method *out);
/* A short description: "as planned", "not compensated", "weekend days or
 * holidays", "two fractions a day", "longer: extra fractions", "longer:
 * higher dose per fraction"; "" for an unknown value. */
RTFRAC_API const char *rtfrac_gap_method_describe(rtfrac_gap_method value);

typedef enum rtfrac_gap_status {
    RTFRAC_GAP_REFERENCE, /* "reference": the plan and the uncompensated course */
    RTFRAC_GAP_ACCEPTED,  /* "accepted" */
    RTFRAC_GAP_REJECTED   /* "rejected": see reasons */
} rtfrac_gap_status;
RTFRAC_API const char *rtfrac_gap_status_name(rtfrac_gap_status value);
RTFRAC_API int rtfrac_gap_status_parse(const char *text, rtfrac_gap_status *out);

/* Why an option is rejected (bits of rtfrac_gap_option.reasons). */
enum {
    RTFRAC_GAP_WHY_INTERVAL = 1 << 0,   /* interval under 6 h */
    RTFRAC_GAP_WHY_PER_DAY = 1 << 1,    /* more than two fractions on a day needed */
    RTFRAC_GAP_WHY_NO_DAYS = 1 << 2,    /* not enough days before the planned end */
    RTFRAC_GAP_WHY_TUMOUR = 1 << 3,     /* the tumour's BED is not restored */
    RTFRAC_GAP_WHY_LATE = 1 << 4        /* late EQD2 above the plan's by more than the tolerance */
};

typedef struct rtfrac_gap_input {
    double total_dose_gy;            /* planned total dose D */
    unsigned long fractions;         /* planned n; d = D / n */
    const rtfrac_model *tumour;      /* LQ, once a day; calendar (per_week, start_weekday),
                                        time (Tk, K in Gy BED/day) when tumour->time */
    double tumour_alpha_beta_gy;
    double tumour_repair_half_time_h; /* 0: unknown (complete repair assumed) */
    const rtfrac_model *late;        /* LQ; time only if late->time (its own preset) */
    double late_alpha_beta_gy;
    double late_repair_half_time_h;  /* 0: unknown (no repair assumed between the two) */
    /* the interruption: either after_fractions and missed_days ... */
    unsigned long after_fractions;   /* k fractions given, then ... */
    unsigned long missed_days;       /* ... m treatment days missed */
    /* ... or the missed days themselves (nmissed > 0; after_fractions and
     * missed_days then 0): days from the first fraction, each a treatment day */
    const long *missed;
    size_t nmissed;
    const long *holidays;            /* closed days, days from the first fraction */
    size_t nholidays;
    int has_start_date;              /* messages name dates: day 0 is ... */
    long start_date;                 /* ... this day (days since 1970-01-01) */
    double interval_h;               /* between two fractions of a day (option 2) */
    double late_tolerance_gy;        /* late EQD2 above the plan's accepted, >= 0 */
} rtfrac_gap_input;

/* One fraction of a schedule. */
typedef struct rtfrac_gap_fraction {
    long day;          /* days from the first fraction */
    unsigned slot;     /* 0: the day's first fraction, 1: its second */
    double dose_gy;
} rtfrac_gap_fraction;

typedef struct rtfrac_gap_option {
    rtfrac_gap_method method;
    rtfrac_gap_status status;
    unsigned reasons;                /* RTFRAC_GAP_WHY_* */
    char reason[256];                /* the reasons in words, "" when none */
    rtfrac_gap_fraction *schedule;   /* nschedule fractions, by day and slot */
    size_t nschedule;
    unsigned long fractions;         /* = nschedule */
    double total_dose_gy;
    double dose_after_gap_gy;        /* dose per fraction after the gap */
    unsigned long catch_up;          /* weekend days (1), double days (2), extra fractions (3a) */
    double overall_days;             /* T */
    double tumour_repopulation_gy;   /* K max(0, T - Tk) */
    double tumour_bed_gy, tumour_eqd2_gy;
    double late_bed_gy, late_eqd2_gy;
    double delta_tumour_bed_gy, delta_tumour_eqd2_gy; /* minus the plan's */
    double delta_late_bed_gy, delta_late_eqd2_gy;
} rtfrac_gap_option;

typedef struct rtfrac_gap_result {
    rtfrac_gap_option options[RTFRAC_GAP_METHODS]; /* indexed by rtfrac_gap_method */
    unsigned long delivered_before_gap; /* fractions given before the last missed day */
    long last_missed_day;
    long missed_first_day;
    size_t nmissed;
    int tumour_repair_assumed_complete;
    int late_repair_assumed_none;
} rtfrac_gap_result;

/* Enumerate the options.  The plan's schedule follows the calendar without
 * the holidays; its overall time equals rtfrac_model_overall_days when no
 * holiday falls inside it.  Errors: RTFRAC_EDOM with the reason in
 * diag->message (a model other than LQ or with several fractions a day,
 * after_fractions not between 1 and n - 1, no missed day, a missed day that
 * is not a treatment day of the plan or lies after its end, a holiday before
 * the first fraction, an interval not above 0, a negative tolerance, too many
 * missed days or holidays), RTFRAC_ERANGE (the dose-per-fraction solve
 * failed its check by substitution), RTFRAC_ENOMEM.  *out is set on success
 * only; free it with rtfrac_gap_result_free. */
RTFRAC_API int rtfrac_gap_compute(const rtfrac_gap_input *input, rtfrac_gap_result **out,
                                  rtfrac_diag *diag);
RTFRAC_API void rtfrac_gap_result_free(rtfrac_gap_result *result);

/* BED (Gy) of a schedule of fractions sorted by day and slot: the formula
 * at the top of this header, with `model` giving the time term (model->time,
 * tk_days, dprolif_gy_per_day) and phi for days of two fractions.
 * Errors: RTFRAC_EDOM (empty, unsorted, three fractions on a day, phi
 * outside [0, 1], alpha/beta not above 0). */
RTFRAC_API int rtfrac_gap_schedule_bed(const rtfrac_model *model, const rtfrac_gap_fraction *schedule,
                                       size_t n, double alpha_beta_gy, double phi,
                                       double *bed_gy);

/* "YYYY-MM-DD" to days since 1970-01-01, from RTFRAC_GAP_DATE_MIN to
 * RTFRAC_GAP_DATE_MAX.  Errors: RTFRAC_EPARSE (another spelling, a day the
 * month does not have), with diag->column at the offending character. */
RTFRAC_API int rtfrac_gap_date_parse(const char *text, long *day, rtfrac_diag *diag);
/* Days since 1970-01-01 to "YYYY-MM-DD" (buf of at least 11 bytes), from
 * RTFRAC_GAP_FORMAT_MIN to RTFRAC_GAP_FORMAT_MAX (wider than the range
 * _parse accepts, so that every day of a course that starts in it has a
 * date); a day outside gives "". */
RTFRAC_API void rtfrac_gap_date_format(long day, char *buf, size_t size);
/* 0 Monday ... 6 Sunday (1970-01-01 was a Thursday). */
RTFRAC_API unsigned rtfrac_gap_weekday(long day);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_GAP_H */
