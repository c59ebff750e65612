/* rtfrac ldr: BED and EQD2 of continuous low-dose-rate irradiation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldr_args.h"
#include "opts.h"

enum { OPT_DOSE = 256, OPT_DOSE_RATE, OPT_HOURS, OPT_AB, OPT_TISSUE, OPT_REPAIR, OPT_SESSIONS, OPT_GAP };

static const cli_opt ldr_opts[] = {
    CLI_TEXT("usage: rtfrac ldr --dose GY (--dose-rate GY_PER_H | --hours H)\n"
             "                  (--ab LIST | --tissue LIST) [--repair-half-time H]\n"
             "                  [--sessions N --gap-hours H] [options]\n"
             "\n"
             "BED and EQD2 of continuous low-dose-rate (LDR) irradiation at a constant\n"
             "dose rate, with mono-exponential repair during the irradiation:\n"
             "  BED = D [1 + (2R/(mu a/b)) g(mu T)],  g(x) = 1 - (1 - exp(-x))/x,\n"
             "  mu = ln 2 / T1/2, T = D/(N R) (hours of each of the N sessions)\n"
             "(Dale RG, Br J Radiol 1985;58:515-528; Thames HD, Int J Radiat Biol\n"
             "1985;47:319-339).  This exact form is the one used; the long-time\n"
             "approximation BED = D [1 + 2R/(mu a/b)] (g = 1), which many textbook\n"
             "examples use, is shown beside it (bed_long_time_gy); it overestimates\n"
             "the BED when T is not much longer than T1/2.\n"
             "\n"
             "Several sessions (--sessions N): N equal sessions of D/N Gy, --gap-hours\n"
             "apart (end of one to the start of the next).  Each session's BED is\n"
             "added, and so is the damage left unrepaired when the next session starts\n"
             "(2R^2/(mu^2 a/b)) (1 - exp(-mu T))^2 sum_{i<j} exp(-mu ((j-i)(T+gap) - T)),\n"
             "shown as between_sessions_gy: full repair between sessions is not\n"
             "assumed, it is computed (it is negligible once the gap is many T1/2).\n"
             "\n"
             "Options:\n"),
    CLI_OPT("dose", "GY", OPT_DOSE, "total physical dose of all sessions (Gy)"),
    CLI_OPT("dose-rate", "GY_PER_H", OPT_DOSE_RATE, "dose rate: 0.5Gy/h, 50cGy/h, or a number in Gy/h (0.5)"),
    CLI_OPT("hours", "H", OPT_HOURS,
            "or: hours of each session; the dose rate is then\n"
            "dose / (sessions x hours)"),
    CLI_OPT_R("ab", "LIST", OPT_AB, "alpha/beta ratios in Gy, one row each (e.g. 10,3)"),
    CLI_OPT_R("tissue", "LIST", OPT_TISSUE,
            "alpha/beta (and repair_half_time) from tissue presets"),
    CLI_OPT("repair-half-time", "H", OPT_REPAIR,
            "repair half-time T1/2 in hours (default: the\n"
            "tissue's repair_half_time; required with --ab)"),
    CLI_OPT("sessions", "N", OPT_SESSIONS, "equal sessions (default 1, at most 100)"),
    CLI_OPT("gap-hours", "H", OPT_GAP, "hours between sessions (with --sessions 2 or more)"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Output: one row per alpha/beta: tissue, alpha_beta_gy, repair_half_time_h,\n"
             "total_dose_gy, sessions, dose_per_session_gy, dose_rate_gy_per_h,\n"
             "hours_per_session_h, gap_h, g, between_sessions_gy, bed_gy, eqd2_gy,\n"
             "bed_long_time_gy.  EQD2 = BED / (1 + 2/(a/b)).\n"
             "\n"
             "Warnings (stderr; the output is unchanged): a dose rate above the\n"
             "low-dose-rate range (0.4 to 2 Gy/h, ICRU Report 38: medium 2 to 12,\n"
             "high above 12), where this continuous-irradiation formula is outside\n"
             "the range it is usually applied to; a BED equal to acute fractions of\n"
             "more than 8 Gy each ((BED/D - 1) a/b, where the LQ model is\n"
             "uncertain); an EQD2 above 200 Gy (not a clinical dose).\n"
             "\n"             "Examples:\n"
             "  rtfrac ldr --dose 60 --dose-rate 0.5 --ab 10,3 --repair-half-time 1.5\n"
             "  rtfrac ldr --dose 60 --hours 60 --sessions 2 --gap-hours 24 --ab 3 --repair-half-time 1.5\n"
             "\n"),
    CLI_OPT_END,
};

typedef struct ldr_state {
    ldr_rows rows;
    double dose_gy, rate_gy_per_h, hours_h, gap_h;
    int has_dose, has_rate, has_hours, has_gap;
    unsigned long sessions;
} ldr_state;

static int ldr_option(void *ctx, int id, char *arg)
{
    ldr_state *st = ctx;
    switch (id) {
    case OPT_DOSE:
        st->has_dose = 1;
        return cli_parse_gy("--dose", arg, &st->dose_gy);
    case OPT_DOSE_RATE:
        st->has_rate = 1;
        return ldr_parse_rate("--dose-rate", arg, &st->rate_gy_per_h);
    case OPT_HOURS:
        st->has_hours = 1;
        return ldr_parse_value("--hours", arg, RTFRAC_QTY_TIME_HOURS, 0.0, RTFRAC_LDR_HOURS_MAX, "h", &st->hours_h);
    case OPT_AB:
        return ab_list_add_values(&st->rows.abs, "--ab", arg);
    case OPT_TISSUE:
        return ab_list_add_tissues(&st->rows.abs, "--tissue", arg);
    case OPT_REPAIR:
        st->rows.has_repair = 1;
        return ldr_parse_value("--repair-half-time", arg, RTFRAC_QTY_TIME_HOURS, 0.0,
                               RTFRAC_REPAIR_HALF_TIME_MAX_H, "h", &st->rows.repair_half_time_h);
    case OPT_SESSIONS:
        return cli_parse_whole("--sessions", arg, RTFRAC_LDR_SESSIONS_MAX, &st->sessions);
    case OPT_GAP:
        st->has_gap = 1;
        return ldr_parse_value_from("--gap-hours", arg, RTFRAC_QTY_TIME_HOURS, 0.0, RTFRAC_LDR_HOURS_MAX, "h",
                                    &st->gap_h);
    }
    return cli_error("unhandled option");
}

static const cli_command ldr_cmd = { "ldr", ldr_opts, ldr_option };

/* The combination of options, once all are read. */
static int ldr_check(ldr_state *st)
{
    if (!st->has_dose)
        return cli_error("ldr needs --dose (total Gy); e.g. 'rtfrac ldr --dose 60 --dose-rate 0.5 --ab 3 --repair-half-time 1.5'");
    if (st->has_rate && st->has_hours)
        return cli_error("give --dose-rate (Gy/h) or --hours (h of each session), not both");
    if (!st->has_rate && !st->has_hours)
        return cli_error("ldr needs --dose-rate (Gy/h) or --hours (h of each session)");
    if (st->sessions > 1 && !st->has_gap)
        return cli_error("--sessions %lu needs --gap-hours (hours between sessions)", st->sessions);
    if (st->sessions <= 1 && st->has_gap)
        return cli_error("--gap-hours needs --sessions 2 or more");
    if (st->has_hours)
        st->rate_gy_per_h = st->dose_gy / ((double)st->sessions * st->hours_h);
    if (st->has_hours && !(st->rate_gy_per_h <= RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H))
        return cli_error("--dose %g Gy in %lu x %g h is %g Gy/h, above %g Gy/h", st->dose_gy, st->sessions,
                         st->hours_h, st->rate_gy_per_h, RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H);
    double hours = st->dose_gy / ((double)st->sessions * st->rate_gy_per_h);
    if (!(hours <= RTFRAC_LDR_HOURS_MAX))
        return cli_error("--dose %g Gy at %g Gy/h in %lu %s is %g h a session, above %g h", st->dose_gy,
                         st->rate_gy_per_h, st->sessions, cli_plural(st->sessions, "session", "sessions"),
                         hours, RTFRAC_LDR_HOURS_MAX);
    return CLI_OK;
}

static const out_col ldr_cols[] = {
    { "tissue", "Tissue", OUT_STR, OUT_HIDE_EMPTY },
    { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "repair_half_time_h", "T1/2 repair (h)", OUT_REAL, OUT_AS_GIVEN },
    { "total_dose_gy", "Total dose (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "sessions", "Sessions", OUT_INT, 0 },
    { "dose_per_session_gy", "Dose/session (Gy)", OUT_REAL, 0 },
    { "dose_rate_gy_per_h", "Dose rate (Gy/h)", OUT_REAL, 0 },
    { "hours_per_session_h", "Hours/session (h)", OUT_REAL, 0 },
    { "gap_h", "Gap (h)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "g", "g(mu T)", OUT_REAL, OUT_MACHINE_ONLY },
    { "between_sessions_gy", "Between sessions (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "bed_gy", "BED (Gy)", OUT_REAL, 0 },
    { "eqd2_gy", "EQD2 (Gy)", OUT_REAL, 0 },
    { "bed_long_time_gy", "BED long-time approx. (Gy)", OUT_REAL, 0 },
};

static int ldr_row(ldr_state *st, out_table *t, size_t k, ldr_warned *w)
{
    rtfrac_ldr_result r;
    const ab_entry *e = &st->rows.abs.e[k];
    double half_h = ldr_rows_repair_h(&st->rows, k);
    int rc = rtfrac_ldr_bed(st->dose_gy, st->rate_gy_per_h, st->sessions, st->has_gap ? st->gap_h : 0.0,
                            e->ab_gy, half_h, &r);
    if (rc != RTFRAC_OK)
        return cli_error("cannot compute the LDR BED at alpha/beta %g Gy: %s (sessions of at most %g h)",
                         e->ab_gy, rtfrac_strerror(rc), RTFRAC_LDR_HOURS_MAX);
    char who[64];
    snprintf(who, sizeof(who), "LDR %g Gy", st->dose_gy);
    ldr_warn_validity(who, 0, e->ab_gy, &r.validity, w);
    long row = out_row(t);
    const char *tissue = ldr_rows_tissue(&st->rows, k);
    if (row < 0 || (tissue[0] && out_str(t, row, "tissue", tissue)) ||
        out_real(t, row, "alpha_beta_gy", e->ab_gy) || out_real(t, row, "repair_half_time_h", half_h) ||
        out_real(t, row, "total_dose_gy", st->dose_gy) || out_int(t, row, "sessions", (long long)st->sessions) ||
        out_real(t, row, "dose_per_session_gy", r.dose_per_session_gy) ||
        out_real(t, row, "dose_rate_gy_per_h", st->rate_gy_per_h) ||
        out_real(t, row, "hours_per_session_h", r.hours_per_session_h) ||
        (st->has_gap && out_real(t, row, "gap_h", st->gap_h)) || out_real(t, row, "g", r.g) ||
        (st->sessions > 1 && out_real(t, row, "between_sessions_gy", r.between_sessions_gy)) ||
        out_real(t, row, "bed_gy", r.bed_gy) || out_real(t, row, "eqd2_gy", r.eqd2_gy) ||
        out_real(t, row, "bed_long_time_gy", r.bed_long_time_gy))
        return cli_error("out of memory"), CLI_EFAIL;
    return CLI_OK;
}

static int ldr_notes(ldr_state *st, out_doc *doc)
{
    int bad = out_note(doc, "Continuous LDR: BED = D [1 + (2R/(mu a/b)) g(mu T)], g(x) = 1 - (1 - exp(-x))/x, mu = ln 2 / T1/2 (Dale 1985; Thames 1985); the long-time approximation sets g = 1. EQD2 = BED / (1 + 2/(a/b)).") < 0;
    if (st->sessions > 1)
        bad |= out_note(doc, "%lu sessions %g h apart: the BED adds the unrepaired damage carried from one session into the next (Between sessions); full repair between sessions is not assumed.",
                        st->sessions, st->gap_h) < 0;
    bad |= ldr_rows_notes(&st->rows, doc) < 0;
    return bad ? (cli_error("out of memory"), CLI_EFAIL) : CLI_OK;
}

int cmd_ldr(int argc, char **argv)
{
    ldr_state st;
    cli_args args;
    out_doc doc;
    int rc;
    memset(&st, 0, sizeof(st));
    st.sessions = 1;
    cli_args_init(&args, NULL);
    out_doc_init(&doc, "ldr");
    if ((rc = cli_opts_parse(&ldr_cmd, &args, &st, argc, argv)) != CLI_OK || args.done)
        goto done;
    if (args.first_operand < argc) {
        rc = cli_error("ldr takes no operands; got '%s' (the dose is --dose GY)", argv[args.first_operand]);
        goto done;
    }
    if ((rc = ldr_check(&st)) != CLI_OK || (rc = ldr_rows_resolve(&st.rows, &args.pp, 0, "ldr")) != CLI_OK)
        goto done;
    out_table *t = out_doc_table(&doc, "rows", NULL, ldr_cols, sizeof(ldr_cols) / sizeof(ldr_cols[0]));
    if (t == NULL) {
        cli_error("out of memory");
        rc = CLI_EFAIL;
        goto done;
    }
    ldr_warned w = { 0, 0 };
    for (size_t k = 0; k < st.rows.abs.n && rc == CLI_OK; k++)
        rc = ldr_row(&st, t, k, &w);
    if (rc == CLI_OK && (rc = ldr_notes(&st, &doc)) == CLI_OK)
        rc = cli_emit(&doc, &args.out);
done:
    rtfrac_presets_free(st.rows.presets);
    cli_args_release(&args);
    out_doc_release(&doc);
    return rc;
}
