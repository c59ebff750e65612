/* rtfrac gap: an interrupted course and the ways to catch up (rtfrac/gap.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <math.h>

#include "cli.h"
#include "args.h"
#include "opts.h"
#include "presets_path.h"

enum {
    OPT_RX = 256, OPT_AB, OPT_TISSUE, OPT_LATE_TISSUE, OPT_LATE_AB, OPT_LATE_HALF_TIME,
    OPT_AFTER, OPT_MISSED, OPT_MISSED_DATES, OPT_GAP_START, OPT_HOLIDAY, OPT_GAP_INTERVAL,
    OPT_LATE_TOLERANCE
};

static const cli_opt gap_opts[] = {
    CLI_TEXT("usage: rtfrac gap --rx RX --missed M --after K [options]\n"
             "       rtfrac gap --rx RX --start DATE --missed-dates D1,D2,... [options]\n"
             "\n"
             "An unscheduled interruption of a once-daily course, and the ways to catch\n"
             "up, in the order of preference of the Royal College of Radiologists (The\n"
             "timely delivery of radical radiotherapy: guidelines for the management of\n"
             "unscheduled treatment interruptions, 4th edition, 2019; the order of the\n"
             "methods as in Hendry JH et al., Clin Oncol 1996;8:297-307, abstract):\n"
             "  plan  as planned                 none  interrupted, nothing done\n"
             "  1     treat on weekend days or holidays, one fraction a day, so that the\n"
             "        last fraction falls on the planned last day (overall time kept)\n"
             "  2     two fractions on some treatment days, at least 6 h apart, so that\n"
             "        the last fraction falls on the planned last day\n"
             "  3a    the overall time grows: the fewest extra fractions of the planned\n"
             "        dose that restore the tumour's BED\n"
             "  3b    the overall time grows: a higher dose per fraction for the fractions\n"
             "        left after the gap that restores the tumour's BED exactly (GSL Brent\n"
             "        root finder, checked by substitution)\n"
             "Every option is shown; one that breaks a rule is 'rejected' with the reason:\n"
             "an interval under 6 h, more than two fractions on a day, no day left before\n"
             "the planned end, a tumour BED not restored, or a late EQD2 above the plan's\n"
             "by more than --late-tolerance.\n"
             "\n"
             "Options:\n"),
    CLI_OPT_ONCE("rx", "RX", OPT_RX, "gap takes one prescription",
            "the prescription, once daily: 70/35, '35 x 2 Gy' or\n"
            "@SCHEME (see 'rtfrac calc --help' for the spellings)"),
    CLI_OPT("after", "K", OPT_AFTER, "fractions given before the interruption (1 to n-1)"),
    CLI_OPT("missed", "M", OPT_MISSED,
            "treatment days missed right after fraction K (1 to 365)"),
    CLI_OPT_ONCE("start", "DATE", OPT_GAP_START, "give one date (YYYY-MM-DD) or one weekday",
            "date of the first fraction, YYYY-MM-DD (or a weekday,\n"
            "monday ... sunday; default monday): fractions then\n"
            "carry dates"),
    CLI_OPT_R("missed-dates", "LIST", OPT_MISSED_DATES,
            "the missed treatment days as dates, comma-separated\n"
            "(instead of --after and --missed; needs a --start date)"),
    CLI_OPT_R("holiday", "DATE", OPT_HOLIDAY,
            "a day the department is closed (repeatable or comma-\n"
            "separated; needs a --start date): the plan skips it,\n"
            "option 1 may use it"),
    CLI_OPT("per-week", "N", OPT_PER_WEEK,
            "treatment days a week (default 5, Monday to Friday;\n"
            "6: Monday to Saturday; 7: every day)"),
    CLI_OPT("tissue", "NAME", OPT_TISSUE,
            "the tumour's alpha/beta, Tk and K from a tissue preset\n"
            "(e.g. hn-scc; 'rtfrac presets list tissues')"),
    CLI_OPT("ab", "X", OPT_AB, "the tumour's alpha/beta in Gy (default 10 Gy)"),
    CLI_OPT("tk", "T", OPT_TK, "the tumour's kick-off time, days (or the tissue's)"),
    CLI_OPT("dprolif", "'K UNIT'", OPT_DPROLIF,
            "the tumour's repopulation beyond Tk with its unit:\n"
            "'0.9 Gy BED/d' or '0.69 Gy EQD2/d' (an EQD2 rate is\n"
            "converted, K_BED = K_EQD2 (1 + 2/(a/b))); or the\n"
            "tissue's"),
    CLI_OPT("late-tissue", "NAME", OPT_LATE_TISSUE,
            "the late-responding tissue of the safety check, a\n"
            "late tissue preset (e.g. spinal-cord)"),
    CLI_OPT("late-ab", "X", OPT_LATE_AB,
            "its alpha/beta in Gy instead (default 3 Gy)"),
    CLI_OPT("late-repair-half-time", "H", OPT_LATE_HALF_TIME,
            "its repair half-time, hours (or the preset's).  Unknown:\n"
            "no repair between two fractions of a day is assumed,\n"
            "the worst case for the late tissue"),
    CLI_OPT("interval", "H", OPT_GAP_INTERVAL,
            "hours between two fractions of a day in option 2\n"
            "(default 6; under 6 the option is rejected)"),
    CLI_OPT("late-tolerance", "GY", OPT_LATE_TOLERANCE,
            "late EQD2 above the plan's accepted, Gy (default 1;\n"
            "a departmental choice, not the RCR's: set your own)"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Model (linear-quadratic, fraction by fraction; d_i on day t_i):\n"
             "  BED  = sum over days [k d + (d^2/(a/b)) (k + 2 (k-1) phi)] - K max(0, T - Tk)\n"
             "         k = 1 or 2 fractions that day; T = days from first to last fraction\n"
             "         (Fowler JF, Br J Radiol 1989;62:679-694); K in Gy of BED per day\n"
             "  phi  = exp(-ln 2 interval / T1/2): incomplete repair between two fractions\n"
             "         of a day (Thames HD, Int J Radiat Biol 1985;47:319-339); the tumour\n"
             "         is taken as fully repaired (phi = 0) unless its preset gives T1/2,\n"
             "         the late tissue as not repaired at all (phi = 1) unless T1/2 is\n"
             "         known: both err on the side of safety\n"
             "  EQD2 = BED / (1 + 2/(a/b))   (tumour: with time; late: no time factor)\n"
             "\n"
             "Columns of csv, tsv and json (a public interface), table 'options':\n"
             "  option, method, status, fractions, dose_after_gap_gy, total_dose_gy,\n"
             "  overall_time_days, last_day, catch_up, tumour_repopulation_gy,\n"
             "  tumour_bed_gy, tumour_eqd2_gy, delta_tumour_bed_gy, delta_tumour_eqd2_gy,\n"
             "  late_bed_gy, late_eqd2_gy, delta_late_bed_gy, delta_late_eqd2_gy, reason;\n"
             "  table 'schedule' (csv, tsv, json): option, fraction, day, date, weekday,\n"
             "  slot, dose_gy\n"
             "\n"
             "Examples:\n"
             "  rtfrac gap --rx 70/35 --tissue hn-scc --missed 2 --after 10\n"
             "  rtfrac gap --rx 70/35 --tissue hn-scc --start 2027-01-04 --missed 2 --after 10\n"
             "  rtfrac gap --rx 70/35 --ab 10 --tk 21 --dprolif '0.9 Gy BED/d' \\\n"
             "             --start 2027-01-04 \\\n"
             "             --missed-dates 2027-01-18,2027-01-19 --holiday 2027-02-15\n"
             "  rtfrac gap --rx 66/33 --tissue hn-scc --missed 3 --after 20 --late-ab 2 \\\n"
             "             --late-repair-half-time 1.5 --format csv\n"
             "\n"
             "Exit status: 0 ok, 1 a write failed, 2 invalid input or usage.\n"),
    CLI_OPT_END,
};

#define GAP_DATES_MAX 400

typedef struct gap_state {
    model_args ma;
    const char *rx_text;
    rx_arg rx;
    ab_list tumour, late;
    double late_half_time_h, interval_h, late_tolerance_gy;
    unsigned long after, missed;
    int has_date, has_start, has_after, has_missed;
    unsigned need_kinds; /* PRESET_KIND bits of the presets named */
    long start;
    char *missed_text, *holiday_text[GAP_DATES_MAX];
    size_t nholiday_text;
    long missed_days[GAP_DATES_MAX], holidays[GAP_DATES_MAX];
    size_t nmissed, nholidays;
    rtfrac_presets *presets;
    rtfrac_row tumour_row, late_row;
    rtfrac_gap_result *result;
    out_doc doc;
} gap_state;

static int parse_hours(const char *option, const char *arg, double lo, double hi, double *out)
{
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (cli_one_value(option, arg, NULL) != CLI_OK)
        return CLI_EUSAGE;
    if (rtfrac_num_parse_quantity(arg, RTFRAC_QTY_TIME_HOURS, out, &d) != RTFRAC_OK)
        return cli_diag_error(option, arg, &d);
    if (!(*out > lo) || *out > hi)
        return cli_error("%s '%s' is out of range; accepted: above %g to %g h", option, arg, lo, hi);
    return CLI_OK;
}

/* --missed: one message, the command's own range (cli_parse_fractions would
 * print a second one with the range of a fraction count). */
static int parse_missed(const char *arg, unsigned long *out)
{
    double v = 0.0;
    if (cli_one_value("--missed", arg, NULL) != CLI_OK)
        return CLI_EUSAGE;
    if (rtfrac_num_parse(arg, &v, NULL) != RTFRAC_OK || v < 1.0 || v > RTFRAC_GAP_MISSED_MAX || v > floor(v))
        return cli_error("invalid --missed '%s'; give a whole number of treatment days from 1 to %d", arg,
                         RTFRAC_GAP_MISSED_MAX);
    *out = (unsigned long)v;
    return CLI_OK;
}

static int parse_start(gap_state *st, char *arg)
{
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    st->has_start = 1;
    if (strlen(arg) > 0 && arg[0] >= '0' && arg[0] <= '9') {
        if (rtfrac_gap_date_parse(arg, &st->start, &d) != RTFRAC_OK)
            return cli_diag_error("--start", arg, &d);
        st->has_date = 1;
        char day[8];
        static const char *const names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
        snprintf(day, sizeof(day), "%s", names[rtfrac_gap_weekday(st->start)]);
        return model_args_option(&st->ma, OPT_START, day);
    }
    return model_args_option(&st->ma, OPT_START, arg);
}

/* A comma-separated list of dates into days from the start date. */
static int parse_dates(const gap_state *st, const char *option, char *text, long *out, size_t *n)
{
    char *save = NULL;
    for (char *p = strtok_r(text, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save)) {
        rtfrac_diag d;
        long day = 0;
        rtfrac_diag_clear(&d);
        char item[32];
        if (trim_copy(p, item, sizeof(item)) != 0)
            return cli_error("%s: '%.40s...' is not a date; write YYYY-MM-DD", option, p);
        if (rtfrac_gap_date_parse(item, &day, &d) != RTFRAC_OK)
            return cli_diag_error(option, item, &d);
        if (*n >= GAP_DATES_MAX)
            return cli_error("too many dates in %s; at most %d", option, GAP_DATES_MAX);
        out[(*n)++] = day - st->start;
    }
    if (*n == 0)
        return cli_error("%s needs a date, YYYY-MM-DD", option);
    return CLI_OK;
}

static int gap_option(void *ctx, int id, char *arg)
{
    gap_state *st = ctx;
    switch (id) {
    case OPT_RX:
        st->rx_text = arg;
        return rx_arg_parse(arg, "--rx", &st->rx);
    case OPT_AB:
        return ab_list_add_values(&st->tumour, "--ab", arg);
    case OPT_TISSUE:
        st->need_kinds |= PRESET_KIND(TISSUE);
        return ab_list_add_tissues(&st->tumour, "--tissue", arg);
    case OPT_LATE_AB:
        return ab_list_add_values(&st->late, "--late-ab", arg);
    case OPT_LATE_TISSUE:
        st->need_kinds |= PRESET_KIND(TISSUE);
        return ab_list_add_tissues(&st->late, "--late-tissue", arg);
    case OPT_LATE_HALF_TIME:
        return parse_hours("--late-repair-half-time", arg, 0.0, RTFRAC_REPAIR_HALF_TIME_MAX_H, &st->late_half_time_h);
    case OPT_GAP_INTERVAL:
        return parse_hours("--interval", arg, 0.0, RTFRAC_INTERVAL_MAX_H, &st->interval_h);
    case OPT_LATE_TOLERANCE:
        if (cli_one_value("--late-tolerance", arg, NULL) != CLI_OK)
            return CLI_EUSAGE;
        if (rtfrac_num_parse_quantity(arg, RTFRAC_QTY_DOSE_GY, &st->late_tolerance_gy, NULL) != RTFRAC_OK ||
            st->late_tolerance_gy < 0.0 || st->late_tolerance_gy > 100.0)
            return cli_error("invalid --late-tolerance '%s'; give Gy of EQD2 from 0 to 100, e.g. 1 or '0.5 Gy'", arg);
        return CLI_OK;
    case OPT_AFTER:
        st->has_after = 1;
        return cli_parse_fractions("--after", arg, &st->after);
    case OPT_MISSED:
        st->has_missed = 1;
        return parse_missed(arg, &st->missed);
    case OPT_MISSED_DATES:
        st->missed_text = arg;
        return CLI_OK;
    case OPT_HOLIDAY:
        if (st->nholiday_text >= GAP_DATES_MAX)
            return cli_error("too many --holiday options; at most %d", GAP_DATES_MAX);
        st->holiday_text[st->nholiday_text++] = arg;
        return CLI_OK;
    case OPT_GAP_START:
        return parse_start(st, arg);
    case OPT_TK:
    case OPT_DPROLIF:
    case OPT_PER_WEEK:
        return model_args_option(&st->ma, id, arg);
    }
    return cli_error("unhandled option");
}

static const cli_command gap_cmd = { "gap", gap_opts, gap_option };

/* What must be given together, before anything is loaded. */
static int gap_check_args(gap_state *st)
{
    if (st->rx_text == NULL)
        return cli_error("no prescription; give --rx, e.g. 'rtfrac gap --rx 70/35 --tissue hn-scc --missed 2 --after 10'");
    if (st->tumour.n > 1 || st->late.n > 1)
        return cli_error("gap takes one tumour (--tissue or --ab) and one late tissue (--late-tissue or --late-ab)");
    if (st->missed_text != NULL && (st->has_after || st->has_missed))
        return cli_error("give the interruption either as --missed-dates or as --missed and --after, not both");
    if (st->missed_text == NULL && !(st->has_after && st->has_missed))
        return cli_error("say when and how long: --missed M --after K (treatment days missed after fraction K), or --missed-dates with a --start date");
    if ((st->missed_text != NULL || st->nholiday_text > 0) && !st->has_date)
        return cli_error("--missed-dates and --holiday need the date of the first fraction: --start YYYY-MM-DD");
    if (st->missed_text != NULL && parse_dates(st, "--missed-dates", st->missed_text, st->missed_days, &st->nmissed) != CLI_OK)
        return CLI_EUSAGE;
    for (size_t i = 0; i < st->nholiday_text; i++)
        if (parse_dates(st, "--holiday", st->holiday_text[i], st->holidays, &st->nholidays) != CLI_OK)
            return CLI_EUSAGE;
    return CLI_OK;
}

/* The presets the arguments name, then the tumour and late rows. */
static int gap_rows(gap_state *st, preset_path *pp)
{
    int rc;
    st->need_kinds |= st->rx.is_scheme ? PRESET_KIND(SCHEME) : 0;
    if (st->need_kinds != 0 || pp->nuser > 0) {
        if ((rc = preset_path_load(pp, st->need_kinds, &st->presets)) != CLI_OK ||
            (rc = preset_path_check(st->presets)) != CLI_OK ||
            (rc = ab_list_resolve(&st->tumour, st->presets, 0)) != CLI_OK ||
            (rc = ab_list_resolve(&st->late, st->presets, 0)) != CLI_OK ||
            (rc = rx_arg_resolve(&st->rx, st->presets)) != CLI_OK)
            return rc;
    }
    if (st->tumour.n == 0)
        ab_list_add_defaults(&st->tumour, &st->ma, 1, 0);
    if (st->late.n == 0)
        ab_list_add_defaults(&st->late, &st->ma, 0, 1);
    ab_entry *late = &st->late.e[0];
    if (late->tissue != NULL && late->tissue->kind != RTFRAC_TISSUE_LATE)
        return cli_error("--late-tissue '%s' is not a late-responding tissue; pick one that 'rtfrac presets list tissues' marks late",
                         late->tissue->id);
    if (late->from == RTFRAC_ROW_AB_GIVEN)
        late->from = RTFRAC_ROW_AB_GIVEN_LATE;
    if ((rc = model_for_row(&st->ma, &st->tumour.e[0], st->rx.calendar, st->rx.calendar_has, "the tumour", &st->tumour_row)) != CLI_OK ||
        (rc = model_for_row(&st->ma, late, st->rx.calendar, st->rx.calendar_has, "the late tissue", &st->late_row)) != CLI_OK)
        return rc;
    if (!(st->late_half_time_h > 0.0) && late->tissue != NULL && (late->tissue->has & RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME))
        st->late_half_time_h = late->tissue->repair_half_time_h;
    return CLI_OK;
}

static int gap_compute(gap_state *st)
{
    rtfrac_gap_input in;
    rtfrac_diag d;
    const ab_entry *t = &st->tumour.e[0];
    memset(&in, 0, sizeof(in));
    in.total_dose_gy = st->rx.rx.total_dose_gy;
    in.fractions = st->rx.rx.fractions;
    in.tumour = &st->tumour_row.model;
    in.tumour_alpha_beta_gy = st->tumour_row.alpha_beta_gy;
    if (t->tissue != NULL && (t->tissue->has & RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME))
        in.tumour_repair_half_time_h = t->tissue->repair_half_time_h;
    in.late = &st->late_row.model;
    in.late_alpha_beta_gy = st->late_row.alpha_beta_gy;
    in.late_repair_half_time_h = st->late_half_time_h;
    in.after_fractions = st->after;
    in.missed_days = st->missed;
    in.missed = st->missed_days;
    in.nmissed = st->nmissed;
    in.holidays = st->holidays;
    in.nholidays = st->nholidays;
    in.has_start_date = st->has_date;
    in.start_date = st->start;
    in.interval_h = st->interval_h;
    in.late_tolerance_gy = st->late_tolerance_gy;
    rtfrac_diag_clear(&d);
    int rc = rtfrac_gap_compute(&in, &st->result, &d);
    if (rc != RTFRAC_OK)
        return cli_error("cannot compute the gap of '%s': %s", st->rx_text, d.message[0] ? d.message : rtfrac_strerror(rc));
    return CLI_OK;
}

static const char *const weekday_names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

static unsigned weekday_of(const gap_state *st, long day)
{
    return (unsigned)((st->tumour_row.model.calendar.start_weekday + (unsigned long)day) % 7);
}

/* "Mon 2027-01-18" with a start date, else "day 14 (Mon)". */
static void day_label(const gap_state *st, long day, char *buf, size_t size)
{
    if (st->has_date) {
        char date[16];
        rtfrac_gap_date_format(st->start + day, date, sizeof(date));
        snprintf(buf, size, "%s %s", weekday_names[weekday_of(st, day)], date);
    } else {
        snprintf(buf, size, "day %ld (%s)", day, weekday_names[weekday_of(st, day)]);
    }
}

/* Whether the plan treats on `day` (its days are sorted). */
static int plan_day(const rtfrac_gap_result *r, long day)
{
    const rtfrac_gap_option *p = &r->options[RTFRAC_GAP_PLAN];
    size_t lo = 0, hi = p->nschedule;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->schedule[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->nschedule && p->schedule[lo].day == day;
}

/* The days that make an option: weekend days and holidays (1), days of two
 * fractions (2), extra fractions (3a). */
static int catch_up_day(const gap_state *st, const rtfrac_gap_option *o, size_t i)
{
    const rtfrac_gap_fraction *f = &o->schedule[i];
    switch (o->method) {
    case RTFRAC_GAP_WEEKEND: return f->day > st->result->last_missed_day && !plan_day(st->result, f->day) &&
                                    f->day <= st->result->options[RTFRAC_GAP_PLAN].schedule[st->rx.rx.fractions - 1].day;
    case RTFRAC_GAP_TWICE_DAILY: return f->slot == 1;
    case RTFRAC_GAP_EXTRA_FRACTIONS: return i >= st->rx.rx.fractions;
    default: return 0;
    }
}

static void catch_up_text(const gap_state *st, const rtfrac_gap_option *o, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < o->nschedule && len + 40 < size; i++) {
        if (!catch_up_day(st, o, i))
            continue;
        char label[48];
        day_label(st, o->schedule[i].day, label, sizeof(label));
        len += (size_t)snprintf(buf + len, size - len, "%s%s%s", len ? ", " : "", label,
                                o->method == RTFRAC_GAP_TWICE_DAILY ? " x2" : "");
    }
}

static const out_col option_cols[] = {
    { "option", "Option", OUT_STR, 0 },
    { "method", "Method", OUT_STR, 0 },
    { "status", "Status", OUT_STR, 0 },
    { "fractions", "Fractions", OUT_INT, 0 },
    { "dose_after_gap_gy", "d after gap (Gy)", OUT_REAL, 0 },
    { "total_dose_gy", "Total dose (Gy)", OUT_REAL, 0 },
    { "overall_time_days", "T (days)", OUT_INT, 0 },
    { "last_day", "Last fraction", OUT_STR, 0 },
    { "catch_up", "Catch-up days", OUT_STR, OUT_HIDE_EMPTY },
    { "tumour_repopulation_gy", "Repopulation (Gy BED)", OUT_REAL, OUT_MACHINE_ONLY },
    { "tumour_bed_gy", "Tumour BED (Gy)", OUT_REAL, 0 },
    { "tumour_eqd2_gy", "Tumour EQD2 (Gy)", OUT_REAL, 0 },
    { "delta_tumour_bed_gy", "Tumour BED change (Gy)", OUT_REAL, OUT_MACHINE_ONLY },
    { "delta_tumour_eqd2_gy", "Tumour EQD2 change (Gy)", OUT_REAL, 0 },
    { "late_bed_gy", "Late BED (Gy)", OUT_REAL, 0 },
    { "late_eqd2_gy", "Late EQD2 (Gy)", OUT_REAL, 0 },
    { "delta_late_bed_gy", "Late BED change (Gy)", OUT_REAL, OUT_MACHINE_ONLY },
    { "delta_late_eqd2_gy", "Late EQD2 change (Gy)", OUT_REAL, 0 },
    { "reason", "Reason", OUT_STR, OUT_HIDE_EMPTY },
};

static const out_col schedule_cols[] = {
    { "option", "Option", OUT_STR, 0 },
    { "fraction", "Fraction", OUT_INT, 0 },
    { "day", "Day", OUT_INT, 0 },
    { "date", "Date", OUT_STR, 0 },
    { "weekday", "Weekday", OUT_STR, 0 },
    { "slot", "Slot", OUT_INT, 0 },
    { "dose_gy", "Dose (Gy)", OUT_REAL, 0 },
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static int option_row(gap_state *st, out_table *t, const rtfrac_gap_option *o)
{
    char last[48], catch_up[2048];
    long row = out_row(t);
    day_label(st, o->schedule[o->nschedule - 1].day, last, sizeof(last));
    catch_up_text(st, o, catch_up, sizeof(catch_up));
    if (row < 0 || out_str(t, row, "option", rtfrac_gap_method_name(o->method)) ||
        out_str(t, row, "method", rtfrac_gap_method_describe(o->method)) ||
        out_str(t, row, "status", rtfrac_gap_status_name(o->status)) ||
        out_int(t, row, "fractions", (long long)o->fractions) ||
        out_real(t, row, "dose_after_gap_gy", o->dose_after_gap_gy) ||
        out_real(t, row, "total_dose_gy", o->total_dose_gy) ||
        out_int(t, row, "overall_time_days", (long long)o->overall_days) ||
        out_str(t, row, "last_day", last) || out_str(t, row, "catch_up", catch_up) ||
        out_real(t, row, "tumour_repopulation_gy", o->tumour_repopulation_gy) ||
        out_real(t, row, "tumour_bed_gy", o->tumour_bed_gy) || out_real(t, row, "tumour_eqd2_gy", o->tumour_eqd2_gy) ||
        out_real(t, row, "delta_tumour_bed_gy", o->delta_tumour_bed_gy) ||
        out_real(t, row, "delta_tumour_eqd2_gy", o->delta_tumour_eqd2_gy) ||
        out_real(t, row, "late_bed_gy", o->late_bed_gy) || out_real(t, row, "late_eqd2_gy", o->late_eqd2_gy) ||
        out_real(t, row, "delta_late_bed_gy", o->delta_late_bed_gy) ||
        out_real(t, row, "delta_late_eqd2_gy", o->delta_late_eqd2_gy) || out_str(t, row, "reason", o->reason))
        return cli_error("out of memory");
    return CLI_OK;
}

static int schedule_rows(gap_state *st, out_table *t, const rtfrac_gap_option *o)
{
    for (size_t i = 0; i < o->nschedule; i++) {
        const rtfrac_gap_fraction *f = &o->schedule[i];
        char date[16] = "";
        long row = out_row(t);
        if (st->has_date)
            rtfrac_gap_date_format(st->start + f->day, date, sizeof(date));
        if (row < 0 || out_str(t, row, "option", rtfrac_gap_method_name(o->method)) ||
            out_int(t, row, "fraction", (long long)i + 1) || out_int(t, row, "day", f->day) ||
            out_str(t, row, "date", date) || out_str(t, row, "weekday", weekday_names[weekday_of(st, f->day)]) ||
            out_int(t, row, "slot", f->slot + 1) || out_real(t, row, "dose_gy", f->dose_gy))
            return cli_error("out of memory");
    }
    return CLI_OK;
}

static int gap_tables(gap_state *st)
{
    out_table *t = out_doc_table(&st->doc, "options", NULL, option_cols, NCOLS(option_cols));
    out_table *s = out_doc_table(&st->doc, "schedule", NULL, schedule_cols, NCOLS(schedule_cols));
    if (t == NULL || s == NULL)
        return cli_error("out of memory");
    s->flags |= OUT_TABLE_MACHINE_ONLY;
    for (int m = 0; m < RTFRAC_GAP_METHODS; m++) {
        int rc = option_row(st, t, &st->result->options[m]);
        if (rc == CLI_OK)
            rc = schedule_rows(st, s, &st->result->options[m]);
        if (rc != CLI_OK)
            return rc;
    }
    return CLI_OK;
}

/* Where an alpha/beta came from, for the notes. */
static const char *ab_origin(const ab_entry *e)
{
    if (e->tissue != NULL)
        return e->tissue->id;
    switch (e->from) {
    case RTFRAC_ROW_AB_DEFAULT_TUMOUR: return "the default for tumour";
    case RTFRAC_ROW_AB_DEFAULT_LATE: return "the default for late-responding tissue";
    default: return "given";
    }
}

static void gap_notes(gap_state *st)
{
    const rtfrac_gap_result *r = st->result;
    const rtfrac_model *tm = &st->tumour_row.model;
    const ab_entry *t = &st->tumour.e[0], *l = &st->late.e[0];
    char first[48], last[48];
    day_label(st, r->missed_first_day, first, sizeof(first));
    day_label(st, r->last_missed_day, last, sizeof(last));
    out_note(&st->doc, "Interruption: %zu treatment day%s missed (%s to %s) after %lu of %lu fractions.", r->nmissed,
             r->nmissed == 1 ? "" : "s", first, last, r->delivered_before_gap, st->rx.rx.fractions);
    char given[96] = "";
    const rtfrac_row_options *o = &st->ma.o;
    if (o->has_dprolif || (t->tissue != NULL && (t->tissue->has & RTFRAC_TISSUE_HAS_DPROLIF)))
        snprintf(given, sizeof(given), " (%g %s as given)",
                 o->has_dprolif ? o->dprolif_rate_gy_per_day : t->tissue->dprolif_rate_gy_per_day,
                 rtfrac_model_rate_unit_name(o->has_dprolif ? o->dprolif_unit : t->tissue->dprolif_unit));
    out_note(&st->doc, "Tumour: alpha/beta %g Gy (%s), Tk %g d, K %.4g Gy BED/d%s; late tissue: alpha/beta %g Gy (%s), no time factor.",
             st->tumour_row.alpha_beta_gy, ab_origin(t), tm->tk_days, tm->dprolif_gy_per_day, given,
             st->late_row.alpha_beta_gy, ab_origin(l));
    if (r->late_repair_assumed_none)
        out_note(&st->doc, "Late repair half-time unknown: no repair between two fractions of a day is assumed (the worst case); give --late-repair-half-time H.");
    else
        out_note(&st->doc, "Late repair half-time %g h, two fractions %g h apart: phi = %.4f (Thames 1985).", st->late_half_time_h,
                 st->interval_h, exp(-log(2.0) * st->interval_h / st->late_half_time_h));
    if (r->tumour_repair_assumed_complete)
        out_note(&st->doc, "Tumour: complete repair between two fractions of a day is assumed (the tumour's effect is not overstated).");
    out_note(&st->doc, "Rejected when: interval under %g h, more than two fractions a day, no day left before the planned end, tumour BED not restored, or late EQD2 more than %g Gy above the plan's (--late-tolerance).",
             RTFRAC_GAP_MIN_INTERVAL_H, st->late_tolerance_gy);
    out_note(&st->doc, "Order of the options: RCR, The timely delivery of radical radiotherapy: guidelines for the management of unscheduled treatment interruptions, 4th ed., 2019.");
    if (t->tissue != NULL)
        note_tissue_source(&st->doc, t->tissue);
    if (l->tissue != NULL)
        note_tissue_source(&st->doc, l->tissue);
}

int cmd_gap(int argc, char **argv)
{
    gap_state st;
    cli_args args;
    int rc;
    memset(&st, 0, sizeof(st));
    cli_args_init(&args, &st.ma);
    st.ma.o.time = 1; /* the gap is all about time */
    st.interval_h = RTFRAC_GAP_MIN_INTERVAL_H;
    st.late_tolerance_gy = RTFRAC_GAP_LATE_TOLERANCE_GY;
    out_doc_init(&st.doc, "gap");
    if ((rc = cli_opts_parse(&gap_cmd, &args, &st, argc, argv)) != CLI_OK || args.done)
        goto done;
    if (args.first_operand < argc) {
        rc = cli_error("unexpected argument '%s'; the prescription goes after --rx", argv[args.first_operand]);
        goto done;
    }
    if ((rc = gap_check_args(&st)) != CLI_OK || (rc = gap_rows(&st, &args.pp)) != CLI_OK ||
        (rc = gap_compute(&st)) != CLI_OK || (rc = gap_tables(&st)) != CLI_OK)
        goto done;
    gap_notes(&st);
    rc = cli_emit(&st.doc, &args.out);
done:
    rtfrac_gap_result_free(st.result);
    rtfrac_presets_free(st.presets);
    cli_args_release(&args);
    out_doc_release(&st.doc);
    return rc;
}
