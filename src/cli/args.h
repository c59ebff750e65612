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

#include "output.h"

#define AB_MAX 32

/* One alpha/beta: a number from --ab or a tissue preset, with an optional
 * interval (--ab 1.5:0.8:2.2, or a tissue's published one with --ci). */
typedef struct ab_entry {
    double ab_gy;                /* the value (the tissue's once resolved) */
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

/* ---- models: the options every computing command shares ---------------- */

enum {
    OPT_MODEL = 512, OPT_DT, OPT_D0, OPT_DQ, OPT_ALPHA, OPT_TIME, OPT_TK, OPT_DPROLIF,
    OPT_TPOT, OPT_DAYS, OPT_PER_WEEK, OPT_PER_DAY, OPT_INTERVAL, OPT_START,
    OPT_REPAIR_HALF_TIME, OPT_SAMPLES, OPT_SEED, OPT_CI
};

#define MODEL_LONG_OPTIONS                                                               \
    { "model", required_argument, NULL, OPT_MODEL },                                     \
    { "dt", required_argument, NULL, OPT_DT },                                           \
    { "d0", required_argument, NULL, OPT_D0 },                                           \
    { "dq", required_argument, NULL, OPT_DQ },                                           \
    { "alpha", required_argument, NULL, OPT_ALPHA },                                     \
    { "time", no_argument, NULL, OPT_TIME },                                             \
    { "tk", required_argument, NULL, OPT_TK },                                           \
    { "dprolif", required_argument, NULL, OPT_DPROLIF },                                 \
    { "tpot", required_argument, NULL, OPT_TPOT },                                       \
    { "days", required_argument, NULL, OPT_DAYS },                                       \
    { "per-week", required_argument, NULL, OPT_PER_WEEK },                               \
    { "per-day", required_argument, NULL, OPT_PER_DAY },                                 \
    { "interval", required_argument, NULL, OPT_INTERVAL },                               \
    { "start", required_argument, NULL, OPT_START },                                     \
    { "repair-half-time", required_argument, NULL, OPT_REPAIR_HALF_TIME },               \
    { "samples", required_argument, NULL, OPT_SAMPLES },                                 \
    { "seed", required_argument, NULL, OPT_SEED },                                       \
    { "ci", no_argument, NULL, OPT_CI }

/* The help text of the model options, shared by calc, compare and solve. */
extern const char model_options_help[];

typedef struct model_args {
    rtfrac_model base;  /* kind, dT, D0, Dq, calendar */
    int has_alpha, has_tk, has_dprolif, has_tpot, has_repair, has_per_week;
    double alpha_per_gy, tk_days, dprolif_gy_per_day, tpot_days, repair_half_time_h;
    rtfrac_interval tk_interval, dprolif_interval;
    unsigned long samples, seed;
    int use_ci;
} model_args;

void model_args_init(model_args *ma);
/* Handle one getopt result: CLI_OK, CLI_EUSAGE (after the message), or -1
 * when `opt` is not a model option. */
int model_args_option(model_args *ma, int opt, const char *arg);
/* Check the combination once all options are read. */
int model_args_finish(model_args *ma);
/* Whether the model differs from plain LQ at 5 a week. */
int model_args_plain(const model_args *ma);

/* The model and uncertain inputs for one row: the options, completed by
 * the tissue's time and repair parameters where the options do not give
 * them.  CLI_EUSAGE when a needed parameter is missing (what_for names the
 * row in the message). */
int model_for_row(const model_args *ma, const ab_entry *e, const char *what_for,
                  rtfrac_model *model, rtfrac_uncertain *u);

/* Columns for a table of effects: the calc columns, the model and time
 * columns and, with intervals, the interval columns.  Writes at most 24
 * columns into cols, returns how many. */
/* The LQ formulas for plain LQ, else a pointer to the model notes. */
void note_model(out_doc *doc, const model_args *ma);

size_t effect_columns(out_col *cols, const model_args *ma, int intervals, int monte_carlo);

/* Compute one schedule at one alpha/beta and write the row.  Returns the row
 * (>= 0), or -1 after an error message (rc set). */
long effect_row(out_table *t, out_doc *doc, const model_args *ma, rtfrac_mc_workspace *mc,
                const char *label, const rtfrac_rx *rx, const ab_entry *e, int precision,
                rtfrac_effect_range *range, int *rc);

/* A prescription argument: literal ("PTV-1=55/22") or a scheme ("@name",
 * "Arm B=@name").  label is the given label, the scheme id, or the
 * argument as typed. */
typedef struct rx_arg {
    const char *arg;
    rtfrac_rx rx;
    const rtfrac_scheme *scheme; /* NULL for a literal prescription */
    int is_scheme;
} rx_arg;

/* Parse a literal prescription now, or note that it names a scheme
 * (resolved later by rx_arg_resolve).  `what` names the argument in
 * messages ("prescription", "--match").  CLI_OK or CLI_EUSAGE. */
int rx_arg_parse(const char *arg, const char *what, rx_arg *out);
/* Resolve a scheme argument against the presets. */
int rx_arg_resolve(rx_arg *a, const rtfrac_presets *p);

/* "'LABEL': 12 Gy per fraction is above 8 Gy ..." on stderr. */
void warn_lq_validity(const char *label, double total_gy, unsigned long fractions);

/* Notes under the table: the source of each tissue in `l` (and of each
 * extra tissue), of each scheme. */
void note_tissue_source(out_doc *doc, const rtfrac_tissue *t);
void note_scheme_source(out_doc *doc, const rtfrac_scheme *s);

/* Strip spaces and tabs around `arg` into buf. */
void trim_copy(const char *arg, char *buf, size_t size);

#endif /* RTFRAC_CLI_ARGS_H */
