/* rtfrac CLI: what 'rtfrac ldr' and 'rtfrac implant' share: one number with
 * its unit, and the alpha/beta rows with their repair half-times.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_LDR_ARGS_H
#define RTFRAC_CLI_LDR_ARGS_H

#include "args.h"
#include "cli.h"
#include "presets_path.h"

/* One value of `option` in the quantity q (units as rtfrac_num_parse_quantity
 * accepts them), above lo and at most hi (unit names the unit in the
 * message).  CLI_OK or CLI_EUSAGE after the message. */
int ldr_parse_value(const char *option, const char *text, rtfrac_quantity q, double lo,
                    double hi, const char *unit, double *out);
/* The same, from lo included (a value that may be lo, e.g. a gap of 0 h). */
int ldr_parse_value_from(const char *option, const char *text, rtfrac_quantity q, double lo,
                         double hi, const char *unit, double *out);

/* The alpha/beta rows (--ab, --tissue) of an LDR or implant command. */
typedef struct ldr_rows {
    ab_list abs;
    int has_repair;          /* --repair-half-time given */
    double repair_half_time_h;
    rtfrac_presets *presets; /* owned */
} ldr_rows;

/* Load the presets when a tissue or an isotope needs them (or --preset-dir
 * was given), resolve the tissues, and check that every row has one
 * alpha/beta without an interval and a repair half-time (--repair-half-time
 * or the tissue's).  CLI_OK, or an exit status after the message. */
int ldr_rows_resolve(ldr_rows *r, preset_path *pp, int need_presets, const char *command);
/* The repair half-time of row k (h). */
double ldr_rows_repair_h(const ldr_rows *r, size_t k);
/* The tissue id of row k, or "" */
const char *ldr_rows_tissue(const ldr_rows *r, size_t k);

#endif /* RTFRAC_CLI_LDR_ARGS_H */
