/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/row.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util_int.h"

static int fail(rtfrac_diag *diag, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int fail(rtfrac_diag *diag, const char *fmt, ...)
{
    if (diag != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(diag->message, sizeof(diag->message), fmt, ap);
        va_end(ap);
    }
    return RTFRAC_EDOM;
}

void rtfrac_row_options_init(rtfrac_row_options *o)
{
    rtfrac_model m;
    memset(o, 0, sizeof(*o));
    rtfrac_model_init(&m);
    o->kind = RTFRAC_MODEL_LQ;
    o->calendar = m.calendar;
}

const char *rtfrac_row_ab_from_name(rtfrac_row_ab_from from)
{
    switch (from) {
    case RTFRAC_ROW_AB_GIVEN: return "given";
    case RTFRAC_ROW_AB_GIVEN_LATE: return "given (late-responding organ)";
    case RTFRAC_ROW_AB_TISSUE: return "tissue";
    case RTFRAC_ROW_AB_DEFAULT_TUMOUR: return "default (tumour)";
    case RTFRAC_ROW_AB_DEFAULT_LATE: return "default (late)";
    case RTFRAC_ROW_AB_USC: return "implied by USC";
    }
    return "";
}

int rtfrac_row_options_plain(const rtfrac_row_options *o)
{
    return o->kind == RTFRAC_MODEL_LQ && !o->time && !o->has_repair_half_time &&
           !((o->calendar_has & RTFRAC_CALENDAR_HAS_PER_DAY) && o->calendar.per_day > 1);
}

/* The model part the options fix for every row: kind and its parameters. */
void rtfrac_row_options_model(const rtfrac_row_options *o, rtfrac_model *m)
{
    rtfrac_model_init(m);
    m->kind = o->kind;
    m->has_dt = o->has_dt;
    m->dt_gy = o->dt_gy;
    m->d0_gy = o->d0_gy;
    m->dq_gy = o->dq_gy;
    m->alpha_per_gy = o->kind == RTFRAC_MODEL_USC ? o->alpha_per_gy : 0.0;
}

/* The calendar: each field from the options, else the schedule, else the
 * default.  Fractions a week default to 5 treatment days of per_day. */
static int merge_calendar(const rtfrac_row_options *o, const rtfrac_row_input *in,
                          rtfrac_calendar *cal, unsigned *from_schedule, rtfrac_diag *diag)
{
    const rtfrac_calendar *sc = in->schedule_calendar;
    unsigned sh = sc ? in->schedule_calendar_has : 0, oh = o->calendar_has;
    rtfrac_model m;
    rtfrac_diag why;
    *from_schedule = 0;
    rtfrac_model_init(&m);
#define TAKE(flag, field)                                  \
    do {                                                   \
        if (oh & (flag)) {                                 \
            m.calendar.field = o->calendar.field;          \
        } else if (sh & (flag)) {                          \
            m.calendar.field = sc->field;                  \
            *from_schedule |= (flag);                      \
        }                                                  \
    } while (0)
    TAKE(RTFRAC_CALENDAR_HAS_PER_DAY, per_day);
    TAKE(RTFRAC_CALENDAR_HAS_INTERVAL, interval_h);
    TAKE(RTFRAC_CALENDAR_HAS_START, start_weekday);
    m.calendar.per_week = 5 * m.calendar.per_day;
    TAKE(RTFRAC_CALENDAR_HAS_PER_WEEK, per_week);
#undef TAKE
    if (oh & RTFRAC_CALENDAR_HAS_DAYS) {
        m.calendar.has_days = 1;
        m.calendar.days = o->calendar.days;
    } else if ((sh & RTFRAC_CALENDAR_HAS_DAYS) && sc->has_days) {
        m.calendar.has_days = 1;
        m.calendar.days = sc->days;
        *from_schedule |= RTFRAC_CALENDAR_HAS_DAYS;
    }
    if (rtfrac_model_check(&m, &why) != RTFRAC_OK) {
        if (*from_schedule)
            return fail(diag, "the calendar of the options and the schedule's preset do not fit together (%u fraction%s a week, %u a day): %s; give --per-week, --per-day and --start that fit together (or --days for the overall time)",
                        m.calendar.per_week, util_int_plural_s(m.calendar.per_week), m.calendar.per_day, why.message);
        return fail(diag, "%s", why.message);
    }
    if (m.calendar.per_day > 1 && !(m.calendar.interval_h > 0.0))
        return fail(diag, "%u fractions a day need the hours between them (--interval H)",
                    m.calendar.per_day);
    *cal = m.calendar;
    return RTFRAC_OK;
}

int rtfrac_row_options_check(const rtfrac_row_options *o, rtfrac_diag *diag)
{
    rtfrac_model m;
    rtfrac_row_input none;
    unsigned from = 0;
    rtfrac_row_options_model(o, &m);
    memset(&none, 0, sizeof(none));
    if (o->kind == RTFRAC_MODEL_LQL && !o->has_dt)
        return fail(diag, "LQ-L needs the transition dose dT (Gy)");
    if (o->kind == RTFRAC_MODEL_USC && (!(o->d0_gy > 0.0) || !o->has_alpha))
        return fail(diag, "the universal survival curve needs D0 (Gy), Dq (Gy) and alpha (/Gy)");
    if (o->kind == RTFRAC_MODEL_LQ && (o->has_dt || o->d0_gy > 0.0 || o->dq_gy > 0.0))
        return fail(diag, "dT, D0 and Dq go with LQ-L or USC");
    if (!o->time && (o->has_tk || o->has_dprolif || o->has_tpot))
        return fail(diag, "Tk, K and Tpot go with the time correction");
    if (o->has_dprolif && o->has_tpot)
        return fail(diag, "give K either directly or as ln 2 / (alpha Tpot), not both");
    if ((o->calendar_has & RTFRAC_CALENDAR_HAS_INTERVAL) &&
        (o->calendar_has & RTFRAC_CALENDAR_HAS_PER_DAY) && o->calendar.per_day < 2)
        return fail(diag, "the interval between fractions goes with 2 or more fractions a day");
    if (rtfrac_model_check(&m, diag) != RTFRAC_OK)
        return RTFRAC_EDOM;
    return merge_calendar(o, &none, &m.calendar, &from, diag);
}

/* A rate and its interval in Gy BED per day at the row's alpha/beta: the
 * one place where a Gy EQD2/d rate becomes the model's K. */
static int rate_to_bed(double rate, const rtfrac_interval *iv, rtfrac_model_rate_unit unit, double ab,
                       double *k, rtfrac_interval *k_iv)
{
    rtfrac_interval out = { 0, 0.0, 0.0 };
    if (rtfrac_model_rate_to_bed(rate, unit, ab, k) != RTFRAC_OK)
        return RTFRAC_EDOM;
    if (iv != NULL && iv->has) {
        out.has = 1;
        if (rtfrac_model_rate_to_bed(iv->low, unit, ab, &out.low) != RTFRAC_OK ||
            rtfrac_model_rate_to_bed(iv->high, unit, ab, &out.high) != RTFRAC_OK)
            return RTFRAC_EDOM;
    }
    if (k_iv != NULL)
        *k_iv = out;
    return RTFRAC_OK;
}

/* Tk and K (Gy BED/d) for a row that gets the time correction: options
 * first, then the tissue.  Returns 0 when one of them is missing. */
static int time_parameters(const rtfrac_row_options *o, const rtfrac_tissue *t, int options_apply,
                           double ab, rtfrac_model *m, rtfrac_uncertain *u)
{
    int have_tk = 1, have_k = 1;
    double alpha = (options_apply && o->has_alpha) ? o->alpha_per_gy
                   : (t && (t->has & RTFRAC_TISSUE_HAS_ALPHA)) ? t->alpha_per_gy : 0.0;
    if (options_apply && o->has_tk) {
        m->tk_days = o->tk_days;
        u->tk_days = o->tk_interval;
    } else if (t && (t->has & RTFRAC_TISSUE_HAS_TK)) {
        m->tk_days = t->tk_days;
    } else {
        have_tk = 0;
    }
    if (options_apply && o->has_dprolif) {
        if (rate_to_bed(o->dprolif_rate_gy_per_day, &o->dprolif_interval, o->dprolif_unit, ab,
                        &m->dprolif_gy_per_day, &u->dprolif_gy_per_day) != RTFRAC_OK)
            have_k = 0;
        u->dprolif_per_eqd2 = o->dprolif_unit == RTFRAC_MODEL_RATE_EQD2;
    } else if (options_apply && o->has_tpot && alpha > 0.0) {
        m->dprolif_gy_per_day = log(2.0) / (alpha * o->tpot_days); /* a BED rate */
    } else if (t && (t->has & RTFRAC_TISSUE_HAS_DPROLIF)) {
        if (rate_to_bed(t->dprolif_rate_gy_per_day, NULL, t->dprolif_unit, ab, &m->dprolif_gy_per_day,
                        NULL) != RTFRAC_OK)
            have_k = 0;
        u->dprolif_per_eqd2 = t->dprolif_unit == RTFRAC_MODEL_RATE_EQD2;
    } else if (t && (t->has & RTFRAC_TISSUE_HAS_TPOT) && alpha > 0.0) {
        m->dprolif_gy_per_day = log(2.0) / (alpha * t->tpot_days);
    } else {
        have_k = 0;
    }
    return have_tk && have_k;
}

static int row_is_late(const rtfrac_row_input *in)
{
    if (in->ab_from == RTFRAC_ROW_AB_DEFAULT_LATE || in->ab_from == RTFRAC_ROW_AB_GIVEN_LATE)
        return 1;
    return in->ab_from == RTFRAC_ROW_AB_TISSUE && in->tissue->kind == RTFRAC_TISSUE_LATE;
}

/* The row's alpha/beta; under USC the implied one. */
static int row_alpha_beta(const rtfrac_model *m, const rtfrac_row_input *in, rtfrac_row *r,
                          rtfrac_diag *diag)
{
    r->alpha_beta_gy = in->alpha_beta_gy;
    r->uncertain.alpha_beta_gy = in->alpha_beta_interval;
    if (m->kind != RTFRAC_MODEL_USC)
        return (in->alpha_beta_gy > 0.0 && isfinite(in->alpha_beta_gy))
                   ? RTFRAC_OK
                   : fail(diag, "alpha/beta must be above 0 Gy");
    double implied = 0.0;
    if (rtfrac_model_usc_alpha_beta(m, &implied) != RTFRAC_OK)
        return fail(diag, "the USC parameters imply no alpha/beta (alpha D0 must be below 1 and Dq above 0)");
    if (in->ab_from == RTFRAC_ROW_AB_GIVEN || in->ab_from == RTFRAC_ROW_AB_GIVEN_LATE ||
        in->ab_from == RTFRAC_ROW_AB_TISSUE) {
        const char *what = in->ab_from == RTFRAC_ROW_AB_TISSUE ? " of tissue " : "";
        const char *name = in->ab_from == RTFRAC_ROW_AB_TISSUE ? in->tissue->id : "";
        if (fabs(in->alpha_beta_gy - implied) > RTFRAC_ROW_USC_AB_TOLERANCE * implied)
            return fail(diag, "alpha/beta %g Gy%s%s contradicts the %.4g Gy that the USC parameters imply (4 alpha D0 Dq / (1 - alpha D0)^2, Park et al. 2008); %s",
                        in->alpha_beta_gy, what, name, implied,
                        in->ab_from == RTFRAC_ROW_AB_TISSUE
                            ? "USC parameters fitted to this tissue imply its alpha/beta: check them, or use another model"
                            : "leave out the alpha/beta, or give the implied value");
        if (in->alpha_beta_interval.has)
            return fail(diag, "an alpha/beta interval has no meaning under USC, whose parameters imply alpha/beta %.4g Gy",
                        implied);
    }
    r->alpha_beta_gy = implied;
    memset(&r->uncertain.alpha_beta_gy, 0, sizeof(r->uncertain.alpha_beta_gy));
    return RTFRAC_OK;
}

int rtfrac_row_resolve(const rtfrac_row_options *o, const rtfrac_row_input *in, rtfrac_row *out,
                       rtfrac_diag *diag)
{
    rtfrac_row r;
    const rtfrac_tissue *t = in->tissue;
    int rc;
    if (in->ab_from == RTFRAC_ROW_AB_TISSUE && t == NULL)
        return RTFRAC_EINVAL;
    if (in->ab_from != RTFRAC_ROW_AB_TISSUE)
        t = NULL;
    memset(&r, 0, sizeof(r));
    rtfrac_row_options_model(o, &r.model);
    if ((rc = merge_calendar(o, in, &r.model.calendar, &r.calendar_from_schedule, diag)) != RTFRAC_OK)
        return rc;
    if ((rc = row_alpha_beta(&r.model, in, &r, diag)) != RTFRAC_OK)
        return rc;
    r.tissue_late = row_is_late(in);

    /* repopulation */
    if (o->time) {
        int late = r.tissue_late;
        r.model.time = 1;
        if (!time_parameters(o, t, !late, r.alpha_beta_gy, &r.model, &r.uncertain)) {
            if (late) {
                r.model.time = 0;
                r.model.tk_days = r.model.dprolif_gy_per_day = 0.0;
                memset(&r.uncertain.tk_days, 0, sizeof(r.uncertain.tk_days));
                memset(&r.uncertain.dprolif_gy_per_day, 0, sizeof(r.uncertain.dprolif_gy_per_day));
                r.time = RTFRAC_ROW_TIME_LATE_NONE;
            } else {
                if (o->names_columns)
                    return fail(diag, "the time correction needs Tk and K: give tk_days and dprolif_gy_bed_per_day "
                                      "(or dprolif_gy_eqd2_per_day) cells%s",
                                t ? ", or a tissue that has them ('rtfrac presets list tissues')"
                                  : ", or a tissue column naming a tissue that has them");
                return fail(diag, "the time correction needs Tk and K: give --tk and --dprolif (or --alpha and --tpot)%s",
                            t ? ", or use a tissue that has them ('rtfrac presets list tissues')"
                              : ", or use --tissue with a tissue that has them");
            }
        } else {
            r.time = RTFRAC_ROW_TIME_APPLIED;
        }
    }

    /* incomplete repair between the fractions of a day */
    if (r.model.calendar.per_day > 1) {
        double half = 0.0;
        if (o->has_repair_half_time)
            half = o->repair_half_time_h;
        else if (t && (t->has & RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME))
            half = t->repair_half_time_h;
        if (half > 0.0) {
            if (r.model.kind != RTFRAC_MODEL_LQ)
                return fail(diag, "incomplete repair between fractions of a day is defined for the LQ model only; use --model lq or one fraction a day");
            r.model.repair = 1;
            r.model.repair_half_time_h = half;
        } else {
            r.repair_complete_assumed = 1;
        }
    }
    if (rtfrac_model_check(&r.model, diag) != RTFRAC_OK)
        return RTFRAC_EDOM;
    *out = r;
    return RTFRAC_OK;
}

static const char *const row_time_names[] = { "off", "applied", "late-none" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_row_time, rtfrac_row_time, row_time_names)

int rtfrac_row_ab_from_parse(const char *text, rtfrac_row_ab_from *out)
{
    const char *names[RTFRAC_ROW_AB_USC + 1];
    for (int i = 0; i <= RTFRAC_ROW_AB_USC; i++)
        names[i] = rtfrac_row_ab_from_name((rtfrac_row_ab_from)i);
    int i = util_int_enum_parse(names, RTFRAC_ROW_AB_USC + 1, text);
    if (i < 0)
        return RTFRAC_EINVAL;
    *out = (rtfrac_row_ab_from)i;
    return RTFRAC_OK;
}
