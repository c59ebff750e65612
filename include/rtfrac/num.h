/* rtfrac: the one checked text-to-number conversion.
 *
 * Every number rtfrac reads (prescriptions, options, preset files, DVH
 * files) goes through these functions.  Accepted: an optional sign, decimal
 * digits with at most one '.' as the decimal point, and an optional decimal
 * exponent ("5.5e1").  Rejected with RTFRAC_EPARSE and a diagnostic: empty
 * text, ',' inside a number (ambiguous: decimal comma or thousands
 * separator), hexadecimal, NaN, infinities, overflow and underflow, and
 * trailing characters.  The result never depends on the process locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_NUM_H
#define RTFRAC_NUM_H

#include <stddef.h>

#include "rtfrac/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a scan failed; RTFRAC_NUM_OK on success. */
typedef enum rtfrac_num_problem {
    RTFRAC_NUM_OK = 0,
    RTFRAC_NUM_EMPTY,     /* no digits where a number was expected */
    RTFRAC_NUM_COMMA,     /* ',' between digits */
    RTFRAC_NUM_HEX,       /* "0x..." */
    RTFRAC_NUM_NONFINITE, /* "nan", "inf", "infinity" */
    RTFRAC_NUM_RANGE,     /* overflow, or underflow to zero */
    RTFRAC_NUM_TOO_LONG,  /* more than 64 characters */
    RTFRAC_NUM_TRAILING   /* characters after the number (rtfrac_num_parse) */
} rtfrac_num_problem;

/* Names of rtfrac_num_problem values ("ok", "empty", "comma", "hex", "non-finite", "range", "too-long", "trailing"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_num_problem_name(rtfrac_num_problem value);
RTFRAC_API int rtfrac_num_problem_parse(const char *text, rtfrac_num_problem *out);

/* Scan one number at the start of `text` (a NUL-terminated string).  On
 * success stores the value in *out and the number of bytes it used in
 * *consumed, and returns RTFRAC_OK; characters after the number are left
 * for the caller.  On failure returns RTFRAC_EPARSE, stores the reason in
 * *problem (if not NULL) and fills `diag` (if not NULL) with a message and
 * the 1-based column, counted from the start of `text`, where the problem
 * lies.  *out and *consumed are untouched on failure. */
RTFRAC_API int rtfrac_num_scan(const char *text, size_t *consumed, double *out,
                               rtfrac_num_problem *problem, rtfrac_diag *diag);

/* Parse `text`, which must hold exactly one number, optionally surrounded
 * by spaces or tabs.  Same rules and diagnostics as rtfrac_num_scan, plus
 * RTFRAC_NUM_TRAILING for anything after the number. */
RTFRAC_API int rtfrac_num_parse(const char *text, double *out, rtfrac_diag *diag);

/* What a quantity measures, and so which unit words may follow it. */
typedef enum rtfrac_quantity {
    RTFRAC_QTY_PLAIN,       /* no unit accepted */
    RTFRAC_QTY_DOSE_GY,     /* Gy (default) or cGy; result in Gy */
    RTFRAC_QTY_TIME_DAYS,   /* d, day, days (default); result in days */
    RTFRAC_QTY_TIME_HOURS,  /* h, hr, hour, hours (default); result in hours */
    RTFRAC_QTY_PER_GY,      /* /Gy or Gy^-1 (default); result in 1/Gy */
    RTFRAC_QTY_GY_PER_DAY,  /* Gy/d or Gy/day (default); result in Gy/day */
    RTFRAC_QTY_PERCENT,     /* % (default) */
    RTFRAC_QTY_VOLUME_CC    /* cc, cm3, ml (default); result in cm^3 */
} rtfrac_quantity;

/* Names of rtfrac_quantity values ("plain", "dose-gy", "time-days", ..., "volume-cc"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_num_quantity_name(rtfrac_quantity value);
RTFRAC_API int rtfrac_num_quantity_parse(const char *text, rtfrac_quantity *out);

/* Parse a number optionally followed by a unit of the given quantity, e.g.
 * "55", "55 Gy", "5500cGy" for RTFRAC_QTY_DOSE_GY (units are matched
 * without regard to case).  A missing unit means the default unit named
 * above; any other unit is refused with a message listing the accepted
 * ones.  Errors: RTFRAC_EPARSE with `diag` filled. */
RTFRAC_API int rtfrac_num_parse_quantity(const char *text, rtfrac_quantity quantity,
                                         double *out, rtfrac_diag *diag);

/* The accepted unit spellings of a quantity, for messages ("Gy, cGy"). */
RTFRAC_API const char *rtfrac_num_quantity_units(rtfrac_quantity quantity);

/* Number of UTF-8 code points in the first `nbytes` bytes of `text`:
 * the column arithmetic used by every diagnostic. */
RTFRAC_API unsigned rtfrac_num_utf8_width(const char *text, size_t nbytes);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_NUM_H */
