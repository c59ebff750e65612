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
/* A dose rate (rtfrac_ldr_dose_rate_parse: 0.5Gy/h, 50cGy/h or a number in
 * Gy/h) above 0 and at most RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H. */
int ldr_parse_rate(const char *option, const char *text, double *gy_per_h);
/* The same, from lo included (a value that may be lo, e.g. a gap of 0 h). */
int ldr_parse_value_from(const char *option, const char *text, rtfrac_quantity q, double lo,
                         double hi, const char *unit, double *out);

/* Which validity warnings were printed already (the dose-rate band and
 * d_eq do not depend on alpha/beta: once per course). */
typedef struct ldr_warned {
    int rate, lq;
} ldr_warned;

/* The warnings of a verdict (rtfrac_ldr_validity_check) on stderr: the
 * (initial, with `implant`) dose rate above the LDR band, d_eq above the LQ
 * limit, and an EQD2 (to full decay, with `implant`) at alpha/beta
 * alpha_beta_gy that is not a clinical dose.  `who` names the course. */
void ldr_warn_validity(const char *who, int implant, double alpha_beta_gy, const rtfrac_ldr_validity *v,
                       ldr_warned *w);

/* The alpha/beta rows (--ab, --tissue) of an LDR or implant command. */
typedef struct ldr_rows {
    ab_list abs;
    int has_repair;          /* --repair-half-time given */
    double repair_half_time_h;
    rtfrac_presets *presets; /* owned */
} ldr_rows;

/* Load the presets when a tissue or an isotope (need_isotopes) needs them
 * (or --preset-dir was given): tissues, and isotopes when need_isotopes;
 * resolve the tissues, and check that every row has one
 * alpha/beta without an interval and a repair half-time (--repair-half-time
 * or the tissue's).  CLI_OK, or an exit status after the message. */
int ldr_rows_resolve(ldr_rows *r, preset_path *pp, int need_isotopes, const char *command);
/* The repair half-time of row k (h). */
double ldr_rows_repair_h(const ldr_rows *r, size_t k);
/* The tissue id of row k, or "" */
const char *ldr_rows_tissue(const ldr_rows *r, size_t k);
/* The rows' notes: each tissue preset's source, and a note for each tissue
 * whose own repair_half_time --repair-half-time replaces (the row shows the
 * value used, the note the one set aside).  0, or -1 when out of memory. */
int ldr_rows_notes(const ldr_rows *r, out_doc *doc);

#endif /* RTFRAC_CLI_LDR_ARGS_H */
