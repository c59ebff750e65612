/* rtfrac CLI: arguments every computing command shares: prescriptions
 * (literal or @scheme), alpha/beta lists (--ab, --tissue), and the notes
 * that name the model and the source of every parameter.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_ARGS_H
#define RTFRAC_CLI_ARGS_H

#include <stddef.h>

#include <rtfrac.h>
#include <rtfrac/uncertainty.h>
#include <rtfrac/row.h>

#include "output.h"

#define AB_MAX 32

/* One alpha/beta: a number from --ab or a tissue preset, with an optional
 * interval (--ab 1.5:0.8:2.2, or a tissue's published one with --ci). */
typedef struct ab_entry {
    double ab_gy;                /* the value (the tissue's once resolved) */
    rtfrac_row_ab_from from;     /* given, tissue, a default, implied by USC */
    rtfrac_interval interval;
    const char *tissue_name;     /* as typed after --tissue, or NULL */
    const rtfrac_tissue *tissue; /* resolved by ab_list_resolve */
} ab_entry;

typedef struct ab_list {
    ab_entry e[AB_MAX];
    size_t n;
    int tissues; /* some entries name tissues: presets are needed */
} ab_list;

/* --ab 10,3 or --ab 1.5:0.8:2.2 (estimate:low:high); option names the
 * option in messages. */
int ab_list_add_values(ab_list *l, const char *option, const char *text);
/* One alpha/beta in Gy, no interval, in RTFRAC_ALPHA_BETA_MIN_GY..MAX_GY
 * (the range of --ab everywhere); text is the value, whole the argument it
 * stands in (for the message).  CLI_OK, or an exit status after the message. */
int cli_parse_ab(const char *option, const char *whole, const char *text, double *out);
/* --tissue hcc,liver: the names point into `text`, which must outlive l. */
int ab_list_add_tissues(ab_list *l, const char *option, char *text);
/* Look the tissues up; CLI_EUSAGE for an unknown one.  With use_ci the
 * tissues' published 95% intervals become the entries' intervals. */
int ab_list_resolve(ab_list *l, const rtfrac_presets *p, int use_ci);
/* The entry of a tissue preset: its alpha/beta and, with use_ci, its
 * published 95% interval. */
ab_entry ab_entry_of_tissue(const rtfrac_tissue *t, int use_ci);
/* Whether any entry carries an interval. */
int ab_list_has_interval(const ab_list *l);
/* The default rows when no alpha/beta is given: 10 Gy (tumour) when
 * `tumour`, 3 Gy (late-responding) when `late`; under USC one row at the
 * alpha/beta its parameters imply. */
struct model_args;
void ab_list_add_defaults(ab_list *l, const struct model_args *ma, int tumour, int late);

/* ---- models: the options every computing command shares ---------------- */

enum {
    OPT_MODEL = 512, OPT_DT, OPT_D0, OPT_DQ, OPT_ALPHA, OPT_TIME, OPT_TK, OPT_DPROLIF,
    OPT_TPOT, OPT_DAYS, OPT_PER_WEEK, OPT_PER_DAY, OPT_INTERVAL, OPT_START,
    OPT_REPAIR_HALF_TIME, OPT_SAMPLES, OPT_SEED, OPT_CI
};

typedef struct model_args {
    rtfrac_row_options o;  /* what the options set, for rtfrac_row_resolve */
    unsigned long samples, seed;
    int has_samples, has_seed;
    int use_ci;
    /* what the rows used, so that an option no row used is an error */
    unsigned long rows_several_a_day, rows_monte_carlo, rows_ci_interval;
    unsigned long rows_not_plain; /* rows whose model is not plain LQ once a day */
} model_args;

void model_args_init(model_args *ma);
/* Handle one model option (an OPT_MODEL ... OPT_CI id of cli_model_group):
 * CLI_OK, CLI_EUSAGE (after the message), or -1 for another id. */
int model_args_option(model_args *ma, int opt, const char *arg);
/* Check the combination once all options are read. */
int model_args_finish(model_args *ma);
/* After every row: an error for options that no row used (--interval or
 * --repair-half-time with no row of several fractions a day, --seed or
 * --samples without Monte Carlo, --ci with no published interval). */
int model_args_check_used(const model_args *ma);
/* Whether the model differs from plain LQ once a day. */
int model_args_plain(const model_args *ma);

/* The model of one row, by the library's one rule (rtfrac_row_resolve):
 * the options, the schedule's calendar (a scheme's or plan's, or NULL)
 * and the alpha/beta entry.  CLI_EUSAGE after a message naming the row
 * (what_for) when the rule refuses. */
int model_for_row(model_args *ma, const ab_entry *e, const rtfrac_calendar *calendar,
                  unsigned calendar_has, const char *what_for, rtfrac_row *row);

/* Columns for a table of effects: the calc columns, the model and time
 * columns and, with intervals, the interval columns.  Writes at most 24
 * columns into cols, returns how many. */
/* The LQ formulas for plain LQ, else a pointer to the model notes. */
void note_model(out_doc *doc, const model_args *ma);

size_t effect_columns(out_col *cols, const model_args *ma, int intervals, int monte_carlo);

/* Compute one schedule at one alpha/beta and write the row.  Returns the row
 * (>= 0), or -1 after an error message (rc set). */
long effect_row(out_table *t, out_doc *doc, model_args *ma, rtfrac_mc_workspace *mc,
                const char *label, const rtfrac_rx *rx, const rtfrac_calendar *calendar,
                unsigned calendar_has, const ab_entry *e, int precision,
                rtfrac_effect_range *range, int *rc);

/* Write one row already computed (the row's model from model_for_row, its
 * effect from the library) and the notes it calls for; what effect_row does
 * after computing.  Returns the row (>= 0), or -1 after an error message
 * (rc set). */
long effect_row_write(out_table *t, out_doc *doc, model_args *ma, const char *label,
                      double total_dose_gy, unsigned long fractions, const ab_entry *e,
                      const rtfrac_row *row_model, const rtfrac_effect_range *range, int precision,
                      int *rc);

/* A prescription argument: literal ("PTV-1=55/22") or a scheme ("@name",
 * "Arm B=@name").  label is the given label, the scheme id, or the
 * argument as typed. */
typedef struct rx_arg {
    const char *arg;
    rtfrac_rx rx;
    const rtfrac_scheme *scheme; /* NULL for a literal prescription */
    int is_scheme;
    const rtfrac_calendar *calendar; /* the scheme's, or NULL */
    unsigned calendar_has;
} rx_arg;

/* Parse a literal prescription now, or note that it names a scheme
 * (resolved later by rx_arg_resolve).  `what` names the argument in
 * messages ("prescription", "--match").  CLI_OK or CLI_EUSAGE. */
int rx_arg_parse(const char *arg, const char *what, rx_arg *out);
/* Resolve a scheme argument against the presets. */
int rx_arg_resolve(rx_arg *a, const rtfrac_presets *p);

/* "'LABEL': 12 Gy per fraction is above 8 Gy ..." on stderr, for the LQ
 * model only (LQ-L and USC are meant for high doses per fraction). */
void warn_lq_validity(const model_args *ma, const char *label, double total_gy,
                      unsigned long fractions);

/* Notes under the table: the source of each tissue in `l` (and of each
 * extra tissue), of each scheme. */
void note_tissue_source(out_doc *doc, const rtfrac_tissue *t);
void note_scheme_source(out_doc *doc, const rtfrac_scheme *s);

/* Strip spaces and tabs around `arg` into buf; 0, or -1 when the stripped
 * text did not fit (buf then holds its start: callers refuse it or say why a
 * cut is harmless). */
int trim_copy(const char *arg, char *buf, size_t size);

#endif /* RTFRAC_CLI_ARGS_H */
