/* rtfrac: radiobiological models beyond plain LQ, behind one options
 * structure that every command uses alike.
 *
 * High dose per fraction (per fraction, d the dose per fraction):
 *   LQ    BED_f = d (1 + d/(a/b))
 *   LQ-L  BED_f = d (1 + d/(a/b))                              d <= dT
 *         BED_f = dT (1 + dT/(a/b)) + (1 + 2 dT/(a/b)) (d - dT)   d > dT
 *         (Astrahan M, Med Phys 2008;35(9):4161-4172: linear beyond dT with
 *         the LQ slope at dT; the quadratic term is not added on top)
 *   USC   BED_f = d (1 + d/(a/b)_USC)                          d <= dT
 *         BED_f = (d - Dq) / (alpha D0)                        d > dT
 *         dT = 2 Dq / (1 - alpha D0), never given: with the implied
 *         alpha/beta below, BED is then continuous and strictly
 *         increasing in d
 *         (a/b)_USC = 4 alpha D0 Dq / (1 - alpha D0)^2: below dT the USC
 *         is LQ with the beta that makes the two parts meet at dT with
 *         the same slope, so its parameters imply the alpha/beta; any
 *         other alpha/beta passed in is ignored below dT (callers refuse a
 *         contradicting one: rtfrac_row_resolve)
 *         (Park C et al., Int J Radiat Oncol Biol Phys 2008;70(3):847-852)
 *
 * Incomplete repair between fractions on the same day (Thames HD, Int J
 * Radiat Biol 1985;47(3):319-339), k fractions a day at times t_i:
 *   BED_day = k d + (d^2/(a/b)) [k + 2 sum_{i<j} exp(-mu (t_j - t_i))],
 *   mu = ln 2 / T1/2; repair between days is complete.
 *
 * Overall treatment time (repopulation; Fowler JF, Br J Radiol
 * 1989;62:679-694):
 *   BED = BED_LQ - K (T - Tk)   when T > Tk, no correction when T <= Tk,
 *   K in Gy BED per day: Dprolif, or ln 2 / (alpha Tpot) (a BED rate:
 *   ln 2 / Tpot lost log cell kill per day divided by alpha).
 * Repopulation rates are published in two units (rtfrac_model_rate_unit):
 * as BED per day, the K above, and as dose in 2 Gy fractions per day
 * (Gy EQD2/d: Withers et al., Acta Oncol 1988;27(2):131-146, about 0.6
 * Gy/d; Pedicini et al. 2015's Dprolif 0.69 Gy/d = ln 2 / ((alpha + 2 beta)
 * Td) with alpha 0.24 /Gy, beta 0.023 /Gy^2, Td 3.5 d).  The two differ by
 * the BED of a 2 Gy fraction per Gy:
 *   K_BED = K_EQD2 (1 + 2/(alpha/beta))
 * at the tissue's own alpha/beta (0.69 Gy EQD2/d at alpha/beta 10.6 Gy is
 * 0.82 Gy BED/d).  A rate is always written with its unit; a bare number
 * or "Gy/d" is refused as ambiguous.
 * T is the number of days from the first to the last fraction, given or
 * derived from the calendar (weekdays from a Monday at 5 a week: 30
 * fractions give 39 days, 35 give 46, 22 give 29).
 *
 * EQDX = BED / (BED_f(X) / X): the total dose in fractions of X Gy, one a
 * day, with the same BED, BED_f(X) computed with the same model (LQ-L and
 * USC included, so 30 x 2 Gy has EQD2 60 Gy under every model); for LQ
 * and X below dT this is BED / (1 + X/(a/b)).  EQD2 is EQDX with X = 2
 * (with time: "EQD2 with time").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_MODEL_H
#define RTFRAC_MODEL_H

#include "rtfrac/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The ranges rtfrac accepts for model parameters, wherever they come from
 * (preset files or the command line); values outside are refused. */
#define RTFRAC_ALPHA_BETA_MIN_GY 0.1         /* alpha/beta estimate, from ... */
#define RTFRAC_ALPHA_BETA_MAX_GY 100.0       /* ... to */
#define RTFRAC_ALPHA_BETA_BOUND_MIN_GY 0.01  /* ends of an alpha/beta interval, from ... */
#define RTFRAC_ALPHA_BETA_BOUND_MAX_GY 1000.0 /* ... to */
#define RTFRAC_ALPHA_MAX_PER_GY 5.0          /* alpha, above 0 */
#define RTFRAC_TK_MAX_DAYS 365.0             /* kick-off time, from 0 */
#define RTFRAC_TPOT_MAX_DAYS 1000.0          /* potential doubling time, above 0 */
#define RTFRAC_DPROLIF_MAX_GY_PER_DAY 10.0   /* K, from 0 */
#define RTFRAC_REPAIR_HALF_TIME_MAX_H 48.0   /* repair half-time, above 0 */
#define RTFRAC_TRANSITION_DOSE_MIN_GY 0.01  /* dT and D0 of LQ-L and USC, from ... */
#define RTFRAC_TRANSITION_DOSE_MAX_GY 100.0  /* ... to (Dq from 0) */
#define RTFRAC_PER_DAY_MAX 12                /* fractions a treatment day, from 1 */
#define RTFRAC_PER_WEEK_MAX 84               /* fractions a week, from 1 (7 days x 12) */
#define RTFRAC_INTERVAL_MAX_H 24.0           /* hours between fractions of a day, above 0 */
#define RTFRAC_OVERALL_DAYS_MAX 3650.0       /* overall time given directly, from 0 */

typedef enum rtfrac_model_kind {
    RTFRAC_MODEL_LQ,
    RTFRAC_MODEL_LQL, /* linear-quadratic-linear (Astrahan 2008) */
    RTFRAC_MODEL_USC  /* universal survival curve (Park et al. 2008) */
} rtfrac_model_kind;

/* Names of rtfrac_model_kind values ("lq", "lql", "usc"; _parse also takes "lq-l"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_model_kind_name(rtfrac_model_kind value);
RTFRAC_API int rtfrac_model_kind_parse(const char *text, rtfrac_model_kind *out);

/* The unit of a repopulation rate (Dprolif). */
typedef enum rtfrac_model_rate_unit {
    RTFRAC_MODEL_RATE_BED,  /* "Gy BED/d": BED per day, the model's K */
    RTFRAC_MODEL_RATE_EQD2  /* "Gy EQD2/d": dose in 2 Gy fractions per day */
} rtfrac_model_rate_unit;

/* Names of rtfrac_model_rate_unit values ("Gy BED/d", "Gy EQD2/d"); _name
 * returns "" for an unknown value, _parse RTFRAC_EINVAL for an unknown name
 * (case ignored; spaces as in the name). */
RTFRAC_API const char *rtfrac_model_rate_unit_name(rtfrac_model_rate_unit value);
RTFRAC_API int rtfrac_model_rate_unit_parse(const char *text, rtfrac_model_rate_unit *out);

/* Find the unit at the end of a repopulation rate: "0.69 Gy EQD2/d",
 * "0.825 Gy BED/d", also without spaces ("0.69GyEQD2/d"), with "/day" for
 * "/d", case ignored.  *number_len is the length of the text before the
 * unit (its number, or K:L:H), trailing spaces excluded.  Errors:
 * RTFRAC_EPARSE, with a message in diag that names both accepted spellings,
 * for a missing unit (a bare number) and for "Gy/d", which does not say
 * whether it is BED or EQD2 per day. */
RTFRAC_API int rtfrac_model_rate_unit_split(const char *text, size_t *number_len,
                                            rtfrac_model_rate_unit *unit, rtfrac_diag *diag);

/* Parse one rate with its unit ("0.69 Gy EQD2/d"): the number as written
 * and its unit.  Errors: RTFRAC_EPARSE (diag filled). */
RTFRAC_API int rtfrac_model_rate_parse(const char *text, double *rate,
                                       rtfrac_model_rate_unit *unit, rtfrac_diag *diag);

/* A rate in Gy BED per day: K_BED = K_EQD2 (1 + 2/(alpha/beta)) for
 * RTFRAC_MODEL_RATE_EQD2, unchanged for RTFRAC_MODEL_RATE_BED; and back.
 * Errors: RTFRAC_EDOM (alpha/beta not above 0, a rate not finite). */
RTFRAC_API int rtfrac_model_rate_to_bed(double rate, rtfrac_model_rate_unit unit,
                                        double alpha_beta_gy, double *k_bed_gy_per_day);
RTFRAC_API int rtfrac_model_rate_from_bed(double k_bed_gy_per_day, rtfrac_model_rate_unit unit,
                                          double alpha_beta_gy, double *rate);

/* How the fractions fall in time.  A scheme or plan preset carries its own
 * calendar; which fields it (or the command line) set is told by the
 * RTFRAC_CALENDAR_HAS_* flags beside it. */
enum {
    RTFRAC_CALENDAR_HAS_PER_WEEK = 1 << 0,
    RTFRAC_CALENDAR_HAS_PER_DAY = 1 << 1,
    RTFRAC_CALENDAR_HAS_INTERVAL = 1 << 2,
    RTFRAC_CALENDAR_HAS_START = 1 << 3,
    RTFRAC_CALENDAR_HAS_DAYS = 1 << 4
};
typedef struct rtfrac_calendar {
    unsigned per_week;   /* fractions per week (default 5) */
    unsigned per_day;    /* fractions per treatment day (default 1) */
    unsigned start_weekday; /* 0 Monday ... 6 Sunday (default 0) */
    double interval_h;   /* hours between fractions of one day (per_day > 1) */
    int has_days;        /* overall time given directly: */
    double days;         /* T, days from the first to the last fraction */
} rtfrac_calendar;

typedef struct rtfrac_model {
    rtfrac_model_kind kind;
    int has_dt;              /* LQ-L: required; USC: optional */
    double dt_gy;            /* transition dose per fraction */
    double d0_gy, dq_gy;     /* USC */
    double alpha_per_gy;     /* USC (and K = ln 2/(alpha Tpot) upstream) */
    int time;                /* correct for repopulation */
    double tk_days;          /* kick-off time */
    double dprolif_gy_per_day; /* K, Gy BED per day (rtfrac_model_rate_to_bed) */
    int repair;              /* incomplete repair within a day */
    double repair_half_time_h;
    rtfrac_calendar calendar;
} rtfrac_model;

/* Plain LQ, 5 fractions a week on weekdays from a Monday, 1 a day. */
RTFRAC_API void rtfrac_model_init(rtfrac_model *model);

/* Check a model's parameters.  Errors: RTFRAC_EDOM (e.g. USC with
 * alpha D0 >= 1, so that dT is not positive; LQ-L without dT; a
 * calendar whose per_week is not a multiple of per_day or gives more than
 * 7 treatment days a week; repair with another model than LQ; repair
 * without an interval), with a short reason in diag->message (diag may be
 * NULL). */
RTFRAC_API int rtfrac_model_check(const rtfrac_model *model, rtfrac_diag *diag);

/* The transition dose per fraction in use (Gy): dT given, or for USC
 * 2 Dq / (1 - alpha D0).  Errors: RTFRAC_EDOM (plain LQ, or dT <= 0). */
RTFRAC_API int rtfrac_model_transition_gy(const rtfrac_model *model, double *dt_gy);

/* The alpha/beta (Gy) that the USC parameters imply,
 * 4 alpha D0 Dq / (1 - alpha D0)^2 (Park et al. 2008; 8.60 Gy for alpha
 * 0.33 /Gy, D0 1.25 Gy, Dq 1.8 Gy).  Errors: RTFRAC_EDOM (not USC, or
 * alpha D0 >= 1, or Dq = 0). */
RTFRAC_API int rtfrac_model_usc_alpha_beta(const rtfrac_model *model, double *alpha_beta_gy);

/* BED of one fraction of d Gy (no repair, no time); under USC the implied
 * alpha/beta replaces alpha_beta_gy below dT.  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_model_bed_per_fraction(const rtfrac_model *model, double dose_per_fraction_gy,
                                  double alpha_beta_gy, double *bed_gy);

/* T: days from the first to the last of `fractions` fractions.
 * Errors: RTFRAC_EDOM (invalid calendar, fractions 0). */
RTFRAC_API int rtfrac_model_overall_days(const rtfrac_calendar *calendar, unsigned long fractions,
                                 double *days);

/* EQDX = BED / (BED_f(X) / X) (Gy), BED_f the model's BED of one fraction
 * of X Gy (see the top of this header).  Domain: bed_gy finite, X > 0.
 * Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_model_eqdx(const rtfrac_model *model, double bed_gy, double alpha_beta_gy,
                      double reference_dose_per_fraction_gy, double *eqdx_gy);

/* The BED (Gy) whose EQDX is eqdx_gy: eqdx_gy BED_f(X) / X, the inverse of
 * rtfrac_model_eqdx.  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_model_bed_from_eqdx(const rtfrac_model *model, double eqdx_gy, double alpha_beta_gy,
                               double reference_dose_per_fraction_gy, double *bed_gy);

typedef struct rtfrac_effect {
    double dose_per_fraction_gy;
    double bed_without_time_gy; /* dose term, with repair and high-dose model */
    double overall_time_days;   /* T (0 for one fraction) */
    double repopulation_gy;     /* K max(0, T - Tk), subtracted; 0 without time */
    double bed_gy;              /* bed_without_time_gy - repopulation_gy */
    double eqd2_gy;             /* rtfrac_model_eqdx of bed_gy at X = 2 Gy */
} rtfrac_effect;

/* Everything for one schedule at one alpha/beta.  A schedule whose
 * repopulation K (T - Tk) exceeds its dose term (bed_gy < 0, e.g. 60 Gy in
 * 30 fractions over 3650 days at K = 10 Gy/day) is refused: a negative BED
 * is not an effect anyone can read (rtfrac_model_explain says by how much).
 * Errors: RTFRAC_EDOM (invalid model or input), RTFRAC_ERANGE,
 * RTFRAC_EREPOP (repopulation exceeds the dose). */
RTFRAC_API int rtfrac_model_effect(const rtfrac_model *model, double total_dose_gy,
                        unsigned long fractions, double alpha_beta_gy, rtfrac_effect *out);

/* rtfrac_model_effect for a caller that knows the dose per fraction
 * exactly (a decimal table: 9 x 1.8 Gy, where 16.2 / 9 in binary is
 * 1.7999999999999998): the BED uses dose_per_fraction_gy as given.
 * rtfrac_model_effect is this with total / fractions.  Domain: as
 * rtfrac_model_effect, and |n d - total| <= 1e-12 total.
 * Errors: RTFRAC_EDOM, RTFRAC_ERANGE, RTFRAC_EREPOP. */
RTFRAC_API int rtfrac_model_effect_dose_per_fraction(const rtfrac_model *model,
                                                     double total_dose_gy,
                                                     double dose_per_fraction_gy,
                                                     unsigned long fractions, double alpha_beta_gy,
                                                     rtfrac_effect *out);

/* Why rtfrac_model_effect refuses a schedule, when it is RTFRAC_EREPOP:
 * fills diag->message with "repopulation exceeds the dose: K (T - Tk) = R Gy
 * > BED B Gy (T = T days)"; an empty message when the schedule is not
 * refused for that reason.  `diag` may be NULL. */
RTFRAC_API void rtfrac_model_explain(const rtfrac_model *model, double total_dose_gy,
                                     unsigned long fractions, double alpha_beta_gy, rtfrac_diag *diag);

/* The dose per fraction in `fractions` fractions whose BED (with the model's
 * time, repair and high-dose terms) equals bed_gy: a closed form for LQ,
 * GSL's Brent root finder otherwise.  BED grows strictly with the dose per
 * fraction under every model here (LQ-L and USC are continuous at dT, USC
 * with its implied alpha/beta), so the root is unique.  Every solution is
 * verified by substitution: its BED must equal bed_gy to a relative 1e-9,
 * otherwise RTFRAC_ERANGE.  Errors: RTFRAC_EDOM (bed_gy not reachable,
 * e.g. at or below zero), RTFRAC_ERANGE (no convergence, or the check by
 * substitution failed).  A solution whose total dose n d exceeds
 * RTFRAC_DOSE_MAX_GY (which rtfrac_rx_parse refuses) is RTFRAC_EDOM too. */
RTFRAC_API int rtfrac_model_solve_dose_per_fraction(const rtfrac_model *model, double bed_gy,
                                         unsigned long fractions, double alpha_beta_gy,
                                         double *dose_per_fraction_gy);

/* The real number of fractions of dose_per_fraction_gy whose BED equals
 * bed_gy.  Plain LQ without time: the closed form n = BED / (d (1 + d/(a/b))).
 * Otherwise BED(n) is evaluated at whole numbers of fractions (with the
 * calendar's T for that many fractions, and incomplete repair), and the
 * real solution is the linear interpolation between the last whole number
 * below bed_gy and the first at or above it; below one fraction BED is
 * taken as proportional to n.  Callers that need a deliverable schedule use
 * the whole numbers on either side.  The result is verified by substitution
 * into that same interpolation.  Errors: RTFRAC_EDOM (no solution: e.g.
 * repopulation outpaces the dose, or bed_gy <= 0), RTFRAC_ERANGE. */
RTFRAC_API int rtfrac_model_solve_fractions(const rtfrac_model *model, double bed_gy,
                                 double dose_per_fraction_gy, double alpha_beta_gy,
                                 double *fractions);

/* BED (Gy) of a real number of fractions n of d Gy, as the solver of
 * rtfrac_model_solve_fractions sees it: at whole n the BED of
 * rtfrac_model_effect (time and repair included); in between linear; below
 * one fraction n times the BED of one fraction without time.
 * Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_model_bed_real_fractions(const rtfrac_model *model, double fractions,
                                    double dose_per_fraction_gy, double alpha_beta_gy,
                                    double *bed_gy);

/* Convert a dose stated in one fractionation to the physical dose in
 * `fractions` fractions with the same BED, with the model's dose-per-
 * fraction term (LQ, LQ-L or USC) but without time correction or
 * incomplete repair: constraint limits belong to late-responding organs.
 * The stated fractionation is either stated_fractions (> 0: `dose_gy` in
 * that many equal fractions) or stated_dose_per_fraction_gy (> 0: in
 * fractions of that size, e.g. 2 Gy for an EQD2); exactly one is non-zero.
 * Exact for a point dose (max, Dx, a Vx threshold); an approximation for
 * a mean over an inhomogeneous dose.  Outputs (either may be NULL): the
 * converted dose (Gy) and the BED (Gy).  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_model_convert_dose(const rtfrac_model *model, double dose_gy,
                              unsigned long stated_fractions, double stated_dose_per_fraction_gy,
                              double alpha_beta_gy, unsigned long fractions,
                              double *converted_gy, double *bed_gy);

/* A short description for a "model" column, e.g. "LQ", "LQ-L dT=6 Gy",
 * "USC dT=6.13 Gy", "+ time Tk=21 d K=0.9 Gy/d T=39 d",
 * "+ repair T1/2=1.5 h 6 h apart"; T only when effect is not NULL.
 * Always NUL-terminated. */
RTFRAC_API void rtfrac_model_describe(const rtfrac_model *model, const rtfrac_effect *effect,
                           char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_MODEL_H */
