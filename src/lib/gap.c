/* rtfrac: treatment gaps and the ways to catch up (see rtfrac/gap.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rtfrac/gap.h"
#include "rtfrac/lq.h"
#include "rtfrac/rx.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gsl_int.h"
#include "util_int.h"

static const char *const method_names[] = { "plan", "none", "1", "2", "3a", "3b" };
UTIL_INT_ENUM_FUNCTIONS(rtfrac_gap_method, rtfrac_gap_method, method_names)

static const char *const status_names[] = { "reference", "accepted", "rejected" };
UTIL_INT_ENUM_FUNCTIONS(rtfrac_gap_status, rtfrac_gap_status, status_names)

const char *rtfrac_gap_method_describe(rtfrac_gap_method m)
{
    static const char *const text[] = {
        "as planned",
        "not compensated",
        "weekend days or holidays",
        "two fractions a day",
        "longer: extra fractions",
        "longer: higher dose per fraction",
    };
    return (size_t)m < sizeof(text) / sizeof(text[0]) ? text[m] : "";
}

/* ---- dates ------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (the era arithmetic of
 * the civil calendar: 400-year eras of 146097 days). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

static int date_error(rtfrac_diag *diag, unsigned column, const char *why)
{
    if (diag != NULL) {
        diag->column = column;
        snprintf(diag->message, sizeof(diag->message), "%s", why);
    }
    return RTFRAC_EPARSE;
}

int rtfrac_gap_date_parse(const char *text, long *day, rtfrac_diag *diag)
{
    static const char shape[] = "dddd-dd-dd";
    unsigned v[3] = { 0, 0, 0 };
    int part = 0;
    if (text == NULL)
        return date_error(diag, 0, "no date");
    for (size_t i = 0; i < sizeof(shape) - 1; i++) {
        char c = text[i];
        if (shape[i] == '-') {
            if (c != '-')
                return date_error(diag, (unsigned)i + 1, "a date is written YYYY-MM-DD, e.g. 2027-01-04");
            part++;
        } else if (c < '0' || c > '9') {
            return date_error(diag, (unsigned)i + 1, "a date is written YYYY-MM-DD, e.g. 2027-01-04");
        } else {
            v[part] = v[part] * 10 + (unsigned)(c - '0');
        }
    }
    if (text[sizeof(shape) - 1] != '\0')
        return date_error(diag, sizeof(shape), "a date is written YYYY-MM-DD, e.g. 2027-01-04");
    static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    unsigned y = v[0], m = v[1], d = v[2];
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12)
        return date_error(diag, 6, "the month must be from 01 to 12");
    if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
        return date_error(diag, 9, "the month has no such day");
    long z = days_from_civil((long)y, m, d);
    if (z < RTFRAC_GAP_DATE_MIN || z > RTFRAC_GAP_DATE_MAX)
        return date_error(diag, 1, "the year must be from 1900 to 2099");
    *day = z;
    return RTFRAC_OK;
}

void rtfrac_gap_date_format(long day, char *buf, size_t size)
{
    long y;
    unsigned m, d;
    if (size == 0)
        return;
    buf[0] = '\0';
    if (day < RTFRAC_GAP_FORMAT_MIN || day > RTFRAC_GAP_FORMAT_MAX)
        return;
    civil_from_days(day, &y, &m, &d);
    snprintf(buf, size, "%04ld-%02u-%02u", y, m, d);
}

unsigned rtfrac_gap_weekday(long day)
{
    /* 1970-01-01 was a Thursday (3) */
    long w = (day % 7 + 7 + 3) % 7;
    return (unsigned)w;
}

/* ---- the BED of a schedule ---------------------------------------------- */

static double repop_gy(const rtfrac_model *m, double t_days)
{
    return m->time && t_days > m->tk_days ? m->dprolif_gy_per_day * (t_days - m->tk_days) : 0.0;
}

int rtfrac_gap_schedule_bed(const rtfrac_model *m, const rtfrac_gap_fraction *s, size_t n,
                            double ab, double phi, double *bed)
{
    if (n == 0 || !(ab > 0.0) || !isfinite(ab) || !(phi >= 0.0 && phi <= 1.0))
        return RTFRAC_EDOM;
    /* the dose and the quadratic terms apart, so that n equal fractions add
     * up as n d (1 + d/(a/b)) does */
    double dose = 0.0, quad = 0.0;
    for (size_t i = 0; i < n; i++) {
        double d = s[i].dose_gy;
        if (!isfinite(d) || d < 0.0 || s[i].slot > 1)
            return RTFRAC_EDOM;
        if (i > 0 && (s[i].day < s[i - 1].day || (s[i].day == s[i - 1].day && s[i].slot != s[i - 1].slot + 1)))
            return RTFRAC_EDOM;
        if (i == 0 && s[i].slot != 0)
            return RTFRAC_EDOM;
        if (i > 0 && s[i].day != s[i - 1].day && s[i].slot != 0)
            return RTFRAC_EDOM;
        dose += d;
        quad += d * d;
        /* Thames 1985: the pair on one day adds 2 phi d1 d2 / (a/b) */
        if (s[i].slot == 1)
            quad += 2.0 * phi * d * s[i - 1].dose_gy;
    }
    double t = (double)(s[n - 1].day - s[0].day);
    double v = dose + quad / ab - repop_gy(m, t);
    if (!isfinite(v))
        return RTFRAC_ERANGE;
    *bed = v;
    return RTFRAC_OK;
}

/* ---- the calendar of open days ------------------------------------------ */

typedef struct gap_ctx {
    const rtfrac_gap_input *in;
    long *holidays; /* sorted */
    size_t nholidays;
    long *missed;   /* sorted */
    size_t nmissed;
    double d;
    double phi_tumour, phi_late;
    double plan_tumour_bed, plan_late_bed, plan_late_eqd2, plan_tumour_eqd2;
    long plan_last;
    rtfrac_diag *diag;
} gap_ctx;

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int in_list(const long *v, size_t n, long day)
{
    return n > 0 && bsearch(&day, v, n, sizeof(*v), cmp_long) != NULL;
}

static int weekday_open(const gap_ctx *c, long day)
{
    if (day < 0)
        return 0;
    unsigned wd = (unsigned)((c->in->tumour->calendar.start_weekday + (unsigned long)(day % 7)) % 7);
    return rtfrac_model_treatment_weekday(&c->in->tumour->calendar, wd);
}

/* A treatment day of the calendar that is not a holiday. */
static int open_day(const gap_ctx *c, long day)
{
    return weekday_open(c, day) && !in_list(c->holidays, c->nholidays, day);
}

static long next_open(const gap_ctx *c, long from)
{
    long day = from < 0 ? 0 : from;
    while (!open_day(c, day))
        day++; /* at most 7 + RTFRAC_GAP_HOLIDAYS_MAX steps */
    return day;
}

static int fail(gap_ctx *c, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(gap_ctx *c, int rc, const char *fmt, ...)
{
    if (c->diag != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->diag->message, sizeof(c->diag->message), fmt, ap);
        va_end(ap);
    }
    return rc;
}

/* "2027-01-09 (day 5)" with a start date, else "day 5", for messages. */
static const char *day_text(const gap_ctx *c, long day, char *buf, size_t size)
{
    char date[16] = "";
    if (c->in->has_start_date)
        rtfrac_gap_date_format(c->in->start_date + day, date, sizeof(date));
    if (date[0] != '\0')
        snprintf(buf, size, "%s (day %ld)", date, day);
    else
        snprintf(buf, size, "day %ld", day);
    return buf;
}

/* ---- options ------------------------------------------------------------ */

static void add_reason(rtfrac_gap_option *o, unsigned why, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void add_reason(rtfrac_gap_option *o, unsigned why, const char *fmt, ...)
{
    size_t len = strlen(o->reason);
    va_list ap;
    o->reasons |= why;
    if (len > 0 && len + 2 < sizeof(o->reason)) {
        memcpy(o->reason + len, "; ", 3);
        len += 2;
    }
    va_start(ap, fmt);
    vsnprintf(o->reason + len, sizeof(o->reason) - len, fmt, ap);
    va_end(ap);
}

static int push(rtfrac_gap_option *o, size_t cap, long day, double dose)
{
    if (o->nschedule >= cap)
        return RTFRAC_ERANGE;
    unsigned slot = o->nschedule > 0 && o->schedule[o->nschedule - 1].day == day ? 1u : 0u;
    o->schedule[o->nschedule++] = (rtfrac_gap_fraction){ day, slot, dose };
    return RTFRAC_OK;
}

/* The numbers of an option whose schedule is filled in. */
static int evaluate(gap_ctx *c, rtfrac_gap_option *o)
{
    const rtfrac_gap_input *in = c->in;
    int rc;
    o->fractions = o->nschedule;
    o->total_dose_gy = 0.0;
    for (size_t i = 0; i < o->nschedule; i++)
        o->total_dose_gy += o->schedule[i].dose_gy;
    o->overall_days = (double)(o->schedule[o->nschedule - 1].day - o->schedule[0].day);
    o->tumour_repopulation_gy = repop_gy(in->tumour, o->overall_days);
    if ((rc = rtfrac_gap_schedule_bed(in->tumour, o->schedule, o->nschedule, in->tumour_alpha_beta_gy,
                                      c->phi_tumour, &o->tumour_bed_gy)) != RTFRAC_OK ||
        (rc = rtfrac_gap_schedule_bed(in->late, o->schedule, o->nschedule, in->late_alpha_beta_gy,
                                      c->phi_late, &o->late_bed_gy)) != RTFRAC_OK ||
        (rc = rtfrac_model_eqdx(in->tumour, o->tumour_bed_gy, in->tumour_alpha_beta_gy, 2.0,
                                &o->tumour_eqd2_gy)) != RTFRAC_OK ||
        (rc = rtfrac_model_eqdx(in->late, o->late_bed_gy, in->late_alpha_beta_gy, 2.0, &o->late_eqd2_gy)) != RTFRAC_OK)
        return rc;
    o->delta_tumour_bed_gy = o->tumour_bed_gy - c->plan_tumour_bed;
    o->delta_tumour_eqd2_gy = o->tumour_eqd2_gy - c->plan_tumour_eqd2;
    o->delta_late_bed_gy = o->late_bed_gy - c->plan_late_bed;
    o->delta_late_eqd2_gy = o->late_eqd2_gy - c->plan_late_eqd2;
    return RTFRAC_OK;
}

/* The verdict of a catch-up option: tumour BED restored, late EQD2 within the tolerance. */
static void judge(gap_ctx *c, rtfrac_gap_option *o)
{
    if (o->tumour_bed_gy < c->plan_tumour_bed - 1e-9 * fabs(c->plan_tumour_bed))
        add_reason(o, RTFRAC_GAP_WHY_TUMOUR, "tumour BED %.2f Gy stays below the plan's %.2f Gy",
                   o->tumour_bed_gy, c->plan_tumour_bed);
    if (o->delta_late_eqd2_gy > c->in->late_tolerance_gy + 1e-9)
        add_reason(o, RTFRAC_GAP_WHY_LATE, "late EQD2 %.2f Gy above the plan's, more than the %g Gy tolerance",
                   o->delta_late_eqd2_gy, c->in->late_tolerance_gy);
    o->status = o->reasons ? RTFRAC_GAP_REJECTED : RTFRAC_GAP_ACCEPTED;
}

/* The fractions given before the last missed day (the same in every option). */
static int fixed_part(gap_ctx *c, rtfrac_gap_option *o, size_t cap, unsigned long *fixed)
{
    long last = c->missed[c->nmissed - 1];
    *fixed = 0;
    for (long day = 0; day < last && *fixed < c->in->fractions; day++)
        if (open_day(c, day) && !in_list(c->missed, c->nmissed, day)) {
            if (push(o, cap, day, c->d) != RTFRAC_OK)
                return RTFRAC_ERANGE;
            ++*fixed;
        }
    return RTFRAC_OK;
}

/* Days after the last missed day up to the planned last day: the open ones
 * and the closed ones (weekend days, holidays). */
static void window(const gap_ctx *c, unsigned long *open, unsigned long *closed)
{
    *open = *closed = 0;
    for (long day = c->missed[c->nmissed - 1] + 1; day <= c->plan_last; day++) {
        if (open_day(c, day))
            ++*open;
        else
            ++*closed;
    }
}

/* Option 1: the remaining fractions on the open days and, earliest first,
 * on as many closed days as were missed, up to the planned last day. */
static int option_weekend(gap_ctx *c, rtfrac_gap_option *o, size_t cap, unsigned long fixed)
{
    unsigned long open, closed, remaining = c->in->fractions - fixed;
    window(c, &open, &closed);
    unsigned long need = remaining > open ? remaining - open : 0, used = 0, given = 0;
    for (long day = c->missed[c->nmissed - 1] + 1; given < remaining; day++) {
        int take = open_day(c, day) || (day <= c->plan_last && used < need);
        if (!take)
            continue;
        if (!open_day(c, day))
            used++;
        if (push(o, cap, day, c->d) != RTFRAC_OK)
            return RTFRAC_ERANGE;
        given++;
    }
    o->catch_up = used;
    o->dose_after_gap_gy = c->d;
    if (used < need)
        add_reason(o, RTFRAC_GAP_WHY_NO_DAYS,
                   "only %lu weekend or holiday day%s before the planned last day, %lu needed: the overall time grows",
                   closed, util_int_plural_s(closed), need);
    return RTFRAC_OK;
}

/* Option 2: two fractions on the earliest open days after the gap, so that
 * the last falls on the planned last day. */
static int option_twice(gap_ctx *c, rtfrac_gap_option *o, size_t cap, unsigned long fixed)
{
    unsigned long open, closed, remaining = c->in->fractions - fixed;
    window(c, &open, &closed);
    unsigned long need = remaining > open ? remaining - open : 0, doubled = 0, given = 0;
    for (long day = c->missed[c->nmissed - 1] + 1; given < remaining; day++) {
        if (!open_day(c, day))
            continue;
        if (push(o, cap, day, c->d) != RTFRAC_OK)
            return RTFRAC_ERANGE;
        given++;
        if (doubled < need && given < remaining && day <= c->plan_last) {
            if (push(o, cap, day, c->d) != RTFRAC_OK)
                return RTFRAC_ERANGE;
            given++;
            doubled++;
        }
    }
    o->catch_up = doubled;
    o->dose_after_gap_gy = c->d;
    if (c->in->interval_h < RTFRAC_GAP_MIN_INTERVAL_H)
        add_reason(o, RTFRAC_GAP_WHY_INTERVAL, "interval %g h between the two fractions of a day is under %g h",
                   c->in->interval_h, RTFRAC_GAP_MIN_INTERVAL_H);
    if (open == 0)
        add_reason(o, RTFRAC_GAP_WHY_NO_DAYS, "no treatment day left before the planned last day");
    else if (need > open)
        add_reason(o, RTFRAC_GAP_WHY_PER_DAY,
                   "catching up by the planned last day needs %lu fractions a day on some days (more than two)",
                   (remaining + open - 1) / open);
    return RTFRAC_OK;
}

/* The uncompensated course: the remaining fractions on the next open days. */
static int course_none(gap_ctx *c, rtfrac_gap_option *o, size_t cap, unsigned long fixed, double dose_after)
{
    long day = c->missed[c->nmissed - 1];
    for (unsigned long i = fixed; i < c->in->fractions; i++) {
        day = next_open(c, day + 1);
        if (push(o, cap, day, dose_after) != RTFRAC_OK)
            return RTFRAC_ERANGE;
    }
    o->dose_after_gap_gy = dose_after;
    return RTFRAC_OK;
}

/* Option 3a: the fewest extra fractions of d that restore the tumour BED. */
static int option_extra(gap_ctx *c, rtfrac_gap_option *o, size_t cap, unsigned long fixed)
{
    int rc = course_none(c, o, cap, fixed, c->d);
    double bed = 0.0;
    for (unsigned long j = 0; rc == RTFRAC_OK; j++) {
        rc = rtfrac_gap_schedule_bed(c->in->tumour, o->schedule, o->nschedule, c->in->tumour_alpha_beta_gy,
                                     c->phi_tumour, &bed);
        if (rc != RTFRAC_OK || bed >= c->plan_tumour_bed - 1e-9 * fabs(c->plan_tumour_bed)) {
            o->catch_up = j;
            return rc;
        }
        if (j == RTFRAC_GAP_EXTRA_MAX)
            break;
        rc = push(o, cap, next_open(c, o->schedule[o->nschedule - 1].day + 1), c->d);
    }
    if (rc != RTFRAC_OK)
        return rc;
    /* repopulation outpaces the extra fractions: show the course without them */
    o->nschedule -= RTFRAC_GAP_EXTRA_MAX;
    o->catch_up = 0;
    add_reason(o, RTFRAC_GAP_WHY_TUMOUR, "%d extra fractions do not restore the tumour BED", RTFRAC_GAP_EXTRA_MAX);
    return RTFRAC_OK;
}

typedef struct dose_fn {
    gap_ctx *c;
    rtfrac_gap_option *o;
    unsigned long fixed;
} dose_fn;

/* The tumour BED of option 3b with the dose x after the gap, minus the plan's. */
static double higher_dose_excess(double x, void *p)
{
    dose_fn *f = p;
    double bed = 0.0;
    for (size_t i = f->fixed; i < f->o->nschedule; i++)
        f->o->schedule[i].dose_gy = x;
    if (rtfrac_gap_schedule_bed(f->c->in->tumour, f->o->schedule, f->o->nschedule,
                                f->c->in->tumour_alpha_beta_gy, f->c->phi_tumour, &bed) != RTFRAC_OK)
        return GSL_NAN;
    return bed - f->c->plan_tumour_bed;
}

/* Option 3b: the dose per fraction after the gap that restores the tumour
 * BED on the uncompensated calendar. */
static int option_higher(gap_ctx *c, rtfrac_gap_option *o, size_t cap, unsigned long fixed)
{
    int rc = course_none(c, o, cap, fixed, c->d);
    dose_fn f = { c, o, fixed };
    gsl_function fn = { higher_dose_excess, &f };
    double lo = c->d, hi = 2.0 * c->d, x = c->d;
    if (rc != RTFRAC_OK)
        return rc;
    if (higher_dose_excess(lo, &f) < 0.0) {
        while (higher_dose_excess(hi, &f) < 0.0 && hi < RTFRAC_GAP_DOSE_PER_FRACTION_MAX_GY)
            hi *= 2.0;
        if (!(higher_dose_excess(hi, &f) >= 0.0)) {
            higher_dose_excess(c->d, &f);
            add_reason(o, RTFRAC_GAP_WHY_TUMOUR, "no dose per fraction up to %g Gy restores the tumour BED",
                       hi);
            return RTFRAC_OK;
        }
        if ((rc = gsl_int_brent(&fn, lo, hi, 1e-15, &x)) != RTFRAC_OK)
            return rc;
        /* the check by substitution */
        double excess = higher_dose_excess(x, &f);
        if (!(fabs(excess) <= 1e-9 * fabs(c->plan_tumour_bed)))
            return fail(c, RTFRAC_ERANGE, "the dose per fraction after the gap failed its check by substitution");
    }
    higher_dose_excess(x, &f);
    o->dose_after_gap_gy = x;
    return RTFRAC_OK;
}

/* ---- the input ---------------------------------------------------------- */

static int copy_sorted(gap_ctx *c, const long *v, size_t n, long **out, const char *what)
{
    *out = NULL;
    if (n == 0)
        return RTFRAC_OK;
    if ((*out = malloc(n * sizeof(**out))) == NULL)
        return RTFRAC_ENOMEM;
    memcpy(*out, v, n * sizeof(**out));
    qsort(*out, n, sizeof(**out), cmp_long);
    for (size_t i = 1; i < n; i++)
        if ((*out)[i] == (*out)[i - 1])
            return fail(c, RTFRAC_EDOM, "a %s day is given twice", what);
    return RTFRAC_OK;
}

static int check_models(gap_ctx *c)
{
    const rtfrac_gap_input *in = c->in;
    const rtfrac_model *t = in->tumour, *l = in->late;
    if (t->kind != RTFRAC_MODEL_LQ || l->kind != RTFRAC_MODEL_LQ)
        return fail(c, RTFRAC_EDOM, "gap calculations use the LQ model only");
    if (t->calendar.has_days || t->calendar.per_day != 1 || rtfrac_model_check(t, c->diag) != RTFRAC_OK)
        return fail(c, RTFRAC_EDOM, "the plan must be once a day on a weekly calendar (not a given overall time)");
    if (!(in->tumour_alpha_beta_gy > 0.0) || !(in->late_alpha_beta_gy > 0.0) ||
        !isfinite(in->tumour_alpha_beta_gy) || !isfinite(in->late_alpha_beta_gy))
        return fail(c, RTFRAC_EDOM, "alpha/beta must be above 0");
    if (!(in->interval_h > 0.0) || in->interval_h > RTFRAC_INTERVAL_MAX_H)
        return fail(c, RTFRAC_EDOM, "the interval between two fractions of a day must be above 0 and at most 24 h");
    if (!(in->late_tolerance_gy >= 0.0) || !isfinite(in->late_tolerance_gy))
        return fail(c, RTFRAC_EDOM, "the late EQD2 tolerance must be 0 Gy or more");
    if (!(in->tumour_repair_half_time_h >= 0.0) || !(in->late_repair_half_time_h >= 0.0) ||
        in->tumour_repair_half_time_h > RTFRAC_REPAIR_HALF_TIME_MAX_H ||
        in->late_repair_half_time_h > RTFRAC_REPAIR_HALF_TIME_MAX_H)
        return fail(c, RTFRAC_EDOM, "repair half-times must be from 0 (unknown) to 48 h");
    if (rtfrac_lq_dose_per_fraction(in->total_dose_gy, in->fractions, &c->d) != RTFRAC_OK || !(c->d > 0.0))
        return fail(c, RTFRAC_EDOM, "the prescription must have a dose above 0 and at least one fraction");
    return RTFRAC_OK;
}

/* The missed days: given, or the m open days after fraction k. */
static int find_missed(gap_ctx *c, const long *plan_days)
{
    const rtfrac_gap_input *in = c->in;
    if (in->nmissed > 0) {
        if (in->after_fractions != 0 || in->missed_days != 0)
            return fail(c, RTFRAC_EDOM, "give the missed days either as dates or as a count after a fraction, not both");
        if (in->nmissed > RTFRAC_GAP_MISSED_MAX)
            return fail(c, RTFRAC_EDOM, "at most %d missed days", RTFRAC_GAP_MISSED_MAX);
        int rc = copy_sorted(c, in->missed, in->nmissed, &c->missed, "missed");
        c->nmissed = in->nmissed;
        if (rc != RTFRAC_OK)
            return rc;
        for (size_t i = 0; i < c->nmissed; i++) {
            long day = c->missed[i];
            char a[48], b[48];
            if (day <= 0)
                return fail(c, RTFRAC_EDOM, "a missed day, %s, must come after the first fraction", day_text(c, day, a, sizeof(a)));
            if (day > c->plan_last)
                return fail(c, RTFRAC_EDOM, "a missed day, %s, lies after the planned last fraction, %s",
                            day_text(c, day, a, sizeof(a)), day_text(c, c->plan_last, b, sizeof(b)));
            if (!open_day(c, day))
                return fail(c, RTFRAC_EDOM, "a missed day, %s, is not a treatment day (a weekend day or a holiday)",
                            day_text(c, day, a, sizeof(a)));
        }
        return RTFRAC_OK;
    }
    if (in->after_fractions < 1 || in->after_fractions >= in->fractions)
        return fail(c, RTFRAC_EDOM, "the gap must come after 1 to %lu fractions (of %lu)", in->fractions - 1,
                    in->fractions);
    if (in->missed_days < 1 || in->missed_days > RTFRAC_GAP_MISSED_MAX)
        return fail(c, RTFRAC_EDOM, "missed treatment days must be from 1 to %d", RTFRAC_GAP_MISSED_MAX);
    if ((c->missed = malloc(in->missed_days * sizeof(*c->missed))) == NULL)
        return RTFRAC_ENOMEM;
    long day = plan_days[in->after_fractions - 1];
    for (unsigned long i = 0; i < in->missed_days; i++)
        c->missed[c->nmissed++] = day = next_open(c, day + 1);
    return RTFRAC_OK;
}

static int plan_option(gap_ctx *c, rtfrac_gap_option *o, size_t cap)
{
    long day = -1;
    for (unsigned long i = 0; i < c->in->fractions; i++) {
        day = next_open(c, day + 1);
        if (push(o, cap, day, c->d) != RTFRAC_OK)
            return RTFRAC_ERANGE;
    }
    o->dose_after_gap_gy = c->d;
    c->plan_last = day;
    return RTFRAC_OK;
}

static int build(gap_ctx *c, rtfrac_gap_result *r)
{
    const rtfrac_gap_input *in = c->in;
    size_t cap = in->fractions + RTFRAC_GAP_EXTRA_MAX + 2 * RTFRAC_GAP_MISSED_MAX;
    int rc;
    for (int m = 0; m < RTFRAC_GAP_METHODS; m++) {
        r->options[m].method = (rtfrac_gap_method)m;
        if ((r->options[m].schedule = calloc(cap, sizeof(rtfrac_gap_fraction))) == NULL)
            return RTFRAC_ENOMEM;
    }
    rtfrac_gap_option *plan = &r->options[RTFRAC_GAP_PLAN];
    if ((rc = plan_option(c, plan, cap)) != RTFRAC_OK)
        return rc;
    long *plan_days = malloc(in->fractions * sizeof(*plan_days));
    if (plan_days == NULL)
        return RTFRAC_ENOMEM;
    for (size_t i = 0; i < plan->nschedule; i++)
        plan_days[i] = plan->schedule[i].day;
    rc = find_missed(c, plan_days);
    free(plan_days);
    if (rc != RTFRAC_OK)
        return rc;
    c->plan_tumour_bed = c->plan_late_bed = 0.0;
    if ((rc = evaluate(c, plan)) != RTFRAC_OK)
        return rc;
    c->plan_tumour_bed = plan->tumour_bed_gy;
    c->plan_tumour_eqd2 = plan->tumour_eqd2_gy;
    c->plan_late_bed = plan->late_bed_gy;
    c->plan_late_eqd2 = plan->late_eqd2_gy;
    if ((rc = evaluate(c, plan)) != RTFRAC_OK)
        return rc;
    if (c->plan_tumour_bed < 0.0)
        return fail(c, RTFRAC_EREPOP, "repopulation exceeds the dose of the plan (tumour BED %.2f Gy)", c->plan_tumour_bed);
    unsigned long fixed = 0;
    for (int m = RTFRAC_GAP_NONE; m < RTFRAC_GAP_METHODS; m++)
        if ((rc = fixed_part(c, &r->options[m], cap, &fixed)) != RTFRAC_OK)
            return rc;
    if (fixed >= in->fractions)
        return fail(c, RTFRAC_EDOM, "every fraction is given before the last missed day: nothing to catch up");
    r->delivered_before_gap = fixed;
    r->last_missed_day = c->missed[c->nmissed - 1];
    r->missed_first_day = c->missed[0];
    r->nmissed = c->nmissed;
    if ((rc = course_none(c, &r->options[RTFRAC_GAP_NONE], cap, fixed, c->d)) != RTFRAC_OK ||
        (rc = option_weekend(c, &r->options[RTFRAC_GAP_WEEKEND], cap, fixed)) != RTFRAC_OK ||
        (rc = option_twice(c, &r->options[RTFRAC_GAP_TWICE_DAILY], cap, fixed)) != RTFRAC_OK ||
        (rc = option_extra(c, &r->options[RTFRAC_GAP_EXTRA_FRACTIONS], cap, fixed)) != RTFRAC_OK ||
        (rc = option_higher(c, &r->options[RTFRAC_GAP_HIGHER_DOSE], cap, fixed)) != RTFRAC_OK)
        return rc;
    for (int m = RTFRAC_GAP_NONE; m < RTFRAC_GAP_METHODS; m++) {
        rtfrac_gap_option *o = &r->options[m];
        if ((rc = evaluate(c, o)) != RTFRAC_OK)
            return rc;
        if (m == RTFRAC_GAP_NONE)
            o->status = RTFRAC_GAP_REFERENCE;
        else
            judge(c, o);
    }
    if (r->options[RTFRAC_GAP_NONE].tumour_bed_gy < 0.0)
        return fail(c, RTFRAC_EREPOP, "repopulation exceeds the dose of the interrupted course");
    return RTFRAC_OK;
}

void rtfrac_gap_result_free(rtfrac_gap_result *r)
{
    if (r == NULL)
        return;
    for (int m = 0; m < RTFRAC_GAP_METHODS; m++)
        free(r->options[m].schedule);
    free(r);
}

int rtfrac_gap_compute(const rtfrac_gap_input *in, rtfrac_gap_result **out, rtfrac_diag *diag)
{
    gap_ctx c;
    int rc;
    memset(&c, 0, sizeof(c));
    c.in = in;
    c.diag = diag;
    if (in == NULL || in->tumour == NULL || in->late == NULL || out == NULL)
        return RTFRAC_EINVAL;
    if ((rc = check_models(&c)) != RTFRAC_OK)
        return rc;
    if (in->fractions > RTFRAC_FRACTIONS_MAX)
        return fail(&c, RTFRAC_EDOM, "at most %lu fractions", RTFRAC_FRACTIONS_MAX);
    if (in->nholidays > RTFRAC_GAP_HOLIDAYS_MAX)
        return fail(&c, RTFRAC_EDOM, "at most %d holidays", RTFRAC_GAP_HOLIDAYS_MAX);
    rtfrac_gap_result *r = calloc(1, sizeof(*r));
    if (r == NULL)
        return RTFRAC_ENOMEM;
    if ((rc = copy_sorted(&c, in->holidays, in->nholidays, &c.holidays, "holiday")) == RTFRAC_OK) {
        c.nholidays = in->nholidays;
        if (c.nholidays > 0 && c.holidays[0] <= 0)
        {
            char a[48];
            rc = fail(&c, RTFRAC_EDOM, "a holiday, %s, must come after the first fraction",
                      day_text(&c, c.holidays[0], a, sizeof(a)));
        }
    }
    double ln2 = log(2.0);
    c.phi_tumour = in->tumour_repair_half_time_h > 0.0 ? exp(-ln2 * in->interval_h / in->tumour_repair_half_time_h) : 0.0;
    c.phi_late = in->late_repair_half_time_h > 0.0 ? exp(-ln2 * in->interval_h / in->late_repair_half_time_h) : 1.0;
    r->tumour_repair_assumed_complete = !(in->tumour_repair_half_time_h > 0.0);
    r->late_repair_assumed_none = !(in->late_repair_half_time_h > 0.0);
    if (rc == RTFRAC_OK)
        rc = build(&c, r);
    free(c.holidays);
    free(c.missed);
    if (rc != RTFRAC_OK) {
        rtfrac_gap_result_free(r);
        return rc;
    }
    *out = r;
    return RTFRAC_OK;
}
