/* rtfrac CLI: what every subcommand shares.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_H
#define RTFRAC_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <rtfrac.h>

#include "output.h"

/* Exit statuses. */
enum { CLI_OK = 0, CLI_EFAIL = 1, CLI_EUSAGE = 2 };

/* Options every command shares: --format, --precision, --preset-dir. */
enum { OPT_COMMON_FORMAT = 400, OPT_COMMON_PRECISION, OPT_COMMON_PRESET_DIR };

struct preset_path;
/* Handle a shared option: CLI_OK, CLI_EUSAGE (after the message), or -1
 * when `opt` is not one of them. */
int cli_common_option(int opt, const char *arg, out_opts *opts, struct preset_path *pp);

/* Subcommands: each returns an exit status. */
int cmd_calc(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_presets(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_table(int argc, char **argv);
int cmd_dvh(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_brachy(int argc, char **argv);
int cmd_ldr(int argc, char **argv);
int cmd_implant(int argc, char **argv);
int cmd_gap(int argc, char **argv);
int cmd_reirr(int argc, char **argv);

/* "rtfrac: error: ..." on stderr; returns CLI_EUSAGE. */
int cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* "rtfrac: warning: ..." on stderr. */
void cli_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Report a parse diagnostic for the text `subject` given as `what` (e.g.
 * "prescription" or "--ab"), with a caret under the column; returns
 * CLI_EUSAGE. */
int cli_diag_error(const char *what, const char *subject, const rtfrac_diag *diag);

/* Report an unknown or malformed option from getopt; returns CLI_EUSAGE. */
int cli_option_error(const char *command, char **argv, int optind_now, int optopt_now);

/* Parse "--format" and "--precision" values; return CLI_OK or CLI_EUSAGE
 * (after printing the error). */
int cli_parse_format(const char *text, out_format *format);
int cli_parse_precision(const char *text, int *precision);

/* Parse a number of fractions (a whole number from 1 to
 * RTFRAC_FRACTIONS_MAX) for `option`.  Returns CLI_OK or CLI_EUSAGE. */
/* CLI_EUSAGE after "OPTION takes one value: WHY; got N values in 'TEXT'"
 * when text is a comma list or FROM:TO:STEP range of two or more numbers
 * (rtfrac_table_range_parse); CLI_OK otherwise (the caller parses it).
 * why may be NULL. */
int cli_one_value(const char *option, const char *text, const char *why);
int cli_parse_fractions(const char *option, const char *text, unsigned long *out);
/* The same with another maximum: a whole number from 1 to max. */
int cli_parse_whole(const char *option, const char *text, unsigned long max, unsigned long *out);

/* Parse one dose in Gy (> 0) for `option`.  Returns CLI_OK or CLI_EUSAGE. */
int cli_parse_gy(const char *option, const char *text, double *gy);

/* A numeric option that takes several values: one value (parsed as
 * cli_parse_fractions or cli_parse_gy parse it, units allowed), a comma list
 * or a FROM:TO:STEP range (rtfrac_table_range_parse; default step 1 for
 * whole numbers, 0.1 otherwise). */
typedef struct cli_values {
    int is_range;
    double single;
    rtfrac_table_range range;
} cli_values;

/* Parse `text` for `option`; whole: fraction counts.  CLI_OK or
 * CLI_EUSAGE (after the message). */
int cli_parse_values(const char *option, const char *text, int whole, cli_values *out);
size_t cli_values_count(const cli_values *v);
double cli_values_get(const cli_values *v, size_t i);

/* Write the document to stdout and flush it; a failed write is reported
 * and gives CLI_EFAIL. */
int cli_emit(const out_doc *doc, const out_opts *opts);

/* Write what `write` writes (0 or -1) to `path` atomically: into a
 * temporary file in the same directory, flushed and synced, then renamed
 * over `path`.  Refuses (CLI_EUSAGE) when `path` is one of the `ninputs`
 * input files or a file `presets` (may be NULL) was read from, by device and
 * inode.  The file keeps the mode of the file it replaces; a new one gets
 * 0666 less the umask.  A failed write, SIGINT, SIGTERM or SIGHUP leave no
 * temporary file; a failed write gives CLI_EFAIL.  Reports and --output-dvh
 * write through it. */
int cli_write_file(const char *path, const char *const *inputs, size_t ninputs,
                   const rtfrac_presets *presets, int (*write)(FILE *fp, void *ctx), void *ctx);

/* `one` when n is 1, else `many`: "1 fraction", "2 fractions". */
const char *cli_plural(unsigned long n, const char *one, const char *many);

/* Print help text to stdout; CLI_OK, or CLI_EFAIL when the write failed. */
int cli_help(const char *text);

#endif /* RTFRAC_CLI_H */
