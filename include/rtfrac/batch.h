/* rtfrac: batch rows, one CSV line at a time.
 *
 * A batch file is CSV (RFC 4180) with a header line naming its columns;
 * each further line is one row: a schedule at one alpha/beta.  Columns
 * (any order; names exact, lower case):
 *
 *   label               required; at most RTFRAC_LABEL_MAX - 1 bytes
 *   prescription        any text rtfrac_rx_parse accepts (55/22, 20x2.75,
 *                       "36.25 Gy in 5 fractions"), or @NAME, a scheme preset
 *                       with its calendar; no label inside (use the label column)
 *   total_dose_gy       instead of prescription: total dose, Gy (or "5500 cGy")
 *   fractions           with total_dose_gy: 1..RTFRAC_FRACTIONS_MAX
 *   alpha_beta_gy       alpha/beta, Gy (RTFRAC_ALPHA_BETA_MIN_GY..MAX_GY), or
 *   tissue              a tissue preset id; each row fills exactly one of the two
 *   ref_dose_gy         optional: X of the EQDX column (dose per fraction, Gy)
 *   tk_days             optional: kick-off time Tk, days (0..RTFRAC_TK_MAX_DAYS)
 *   dprolif_gy_bed_per_day   optional: K in Gy BED per day, or
 *   dprolif_gy_eqd2_per_day  K in Gy EQD2 per day (at most one of the two in a row;
 *                            0..RTFRAC_DPROLIF_MAX_GY_PER_DAY)
 *   overall_time_days   optional: overall time T, days (0..RTFRAC_OVERALL_DAYS_MAX)
 *
 * An empty optional cell means "not given": the options' value, then the
 * tissue's or the calendar's, as rtfrac_row_resolve decides.  A header with
 * tk_days, a dprolif column or overall_time_days turns the time
 * correction on for every row (as --time does; late-responding rows still
 * get none, rtfrac_row_resolve's rule 2).
 *
 * CSV rules: fields separated by ','; a field may be enclosed in double
 * quotes, with "" for a quote inside; spaces and tabs around a field are
 * ignored; a record is one line (a line break inside quotes is refused, as
 * is any control character other than tab); a UTF-8 byte order mark before
 * the header is ignored.  Lines are at most RTFRAC_BATCH_LINE_MAX bytes and
 * RTFRAC_BATCH_FIELDS_MAX fields.
 *
 * The functions keep no state between lines: a file can be read in
 * pieces, in any number of processes, with the same results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_BATCH_H
#define RTFRAC_BATCH_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/model.h"
#include "rtfrac/preset.h"
#include "rtfrac/row.h"
#include "rtfrac/rx.h"
#include "rtfrac/uncertainty.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RTFRAC_BATCH_LINE_MAX 4096 /* bytes of one line, without its line break */
#define RTFRAC_BATCH_FIELDS_MAX 32

typedef enum rtfrac_batch_column {
    RTFRAC_BATCH_LABEL,
    RTFRAC_BATCH_PRESCRIPTION,
    RTFRAC_BATCH_TOTAL_DOSE_GY,
    RTFRAC_BATCH_FRACTIONS,
    RTFRAC_BATCH_ALPHA_BETA_GY,
    RTFRAC_BATCH_TISSUE,
    RTFRAC_BATCH_REF_DOSE_GY,
    RTFRAC_BATCH_TK_DAYS,
    RTFRAC_BATCH_DPROLIF_GY_BED_PER_DAY,  /* K in Gy BED per day */
    RTFRAC_BATCH_DPROLIF_GY_EQD2_PER_DAY, /* K in Gy EQD2 per day, converted at the row's alpha/beta */
    RTFRAC_BATCH_OVERALL_TIME_DAYS,
    RTFRAC_BATCH_NCOLUMNS
} rtfrac_batch_column;

/* The column names, in the order above, for messages. */
#define RTFRAC_BATCH_COLUMN_LIST                                                              \
    "label, prescription, total_dose_gy, fractions, alpha_beta_gy, tissue, ref_dose_gy, "  \
    "tk_days, dprolif_gy_bed_per_day, dprolif_gy_eqd2_per_day, overall_time_days"

/* Name of a column ("label", ...); "" for an unknown value. */
RTFRAC_API const char *rtfrac_batch_column_name(rtfrac_batch_column column);

typedef struct rtfrac_batch_header {
    int field[RTFRAC_BATCH_NCOLUMNS]; /* the field of each column, -1 when absent */
    size_t nfields;
} rtfrac_batch_header;

/* Parse the header line (`len` bytes, without the line break).  Errors:
 * RTFRAC_EPARSE with diag->column (1-based, in characters) and message: an
 * unknown column (the message lists the accepted names), a column twice,
 * a missing label, neither prescription nor total_dose_gy with fractions
 * (or both), neither alpha_beta_gy nor tissue, a malformed CSV line. */
RTFRAC_API int rtfrac_batch_header_parse(const char *line, size_t len, rtfrac_batch_header *out,
                                         rtfrac_diag *diag);

/* Whether the header has a column of the time correction. */
RTFRAC_API int rtfrac_batch_header_time(const rtfrac_batch_header *header);

/* One row, ready for rtfrac_batch_row_compute. */
typedef struct rtfrac_batch_row {
    char label[RTFRAC_LABEL_MAX];
    rtfrac_rx rx;                 /* total dose and fractions (rx.label is "") */
    const rtfrac_scheme *scheme;  /* @NAME, else NULL */
    rtfrac_row_options options;   /* `base` with this row's time columns */
    rtfrac_row_input input;       /* the row's alpha/beta and calendar */
    int has_ref;                  /* ref_dose_gy given in this row */
    double ref_dose_gy;
} rtfrac_batch_row;

/* Whether a line holds nothing but spaces and tabs (skipped, not a row). */
RTFRAC_API int rtfrac_batch_line_blank(const char *line, size_t len);

/* Parse one data line against the header.  base: the options every row
 * starts from (e.g. the command line's), its time flag set when
 * rtfrac_batch_header_time says so.  presets may be NULL when no row
 * names a tissue or a scheme.  Errors, with diag->column at the field in
 * error (1-based, in characters) and a message naming the column:
 * RTFRAC_EPARSE (malformed CSV, a wrong number of fields, a number or
 * prescription that does not parse), RTFRAC_EDOM (a value out of its
 * range, both or neither of alpha_beta_gy and tissue), RTFRAC_ENOTFOUND
 * (an unknown tissue or scheme). */
RTFRAC_API int rtfrac_batch_row_parse(const rtfrac_batch_header *header, const char *line, size_t len,
                                      const rtfrac_presets *presets, const rtfrac_row_options *base,
                                      rtfrac_batch_row *out, rtfrac_diag *diag);

/* The result of one row: its model by the one rule, its effect and, when a
 * reference dose applies, its EQDX under the row's model. */
typedef struct rtfrac_batch_result {
    rtfrac_row row;
    rtfrac_effect_range range; /* method RTFRAC_RANGE_NONE: batch has no intervals */
    int has_eqdx;
    double ref_dose_gy, eqdx_gy;
} rtfrac_batch_result;

/* rtfrac_row_resolve, rtfrac_uncertainty_effect and, with a reference
 * dose (the row's, else default_ref_dose_gy when > 0), rtfrac_model_eqdx:
 * what calc computes for one prescription at one alpha/beta.  Errors from
 * those functions, with the reason in diag->message (column 0). */
RTFRAC_API int rtfrac_batch_row_compute(const rtfrac_batch_row *row, double default_ref_dose_gy,
                                        rtfrac_batch_result *out, rtfrac_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_BATCH_H */
