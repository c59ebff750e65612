/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to the DVH readers: dvh_read.c (detection, the table of formats,
 * the public functions), one dvh_read_<format>.c per format, and dvh_util.c
 * (loading and the other helpers below).  Nothing here is public API; the shared
 * functions carry the dvh_int_ prefix and are hidden from the shared
 * library. */
#ifndef RTFRAC_DVH_INT_H
#define RTFRAC_DVH_INT_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/dvh.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

/* A curve being read: the structure handed out, plus what checking the
 * next point needs. */
typedef struct dvh_int_curve {
    rtfrac_dvh d;
    size_t cap;
    unsigned last_line; /* line of the last point */
    double volume_max;
} dvh_int_curve;

/* One read of one file.  The whole file is in buf, split into lines (NULs
 * in place of the line ends, CR and a UTF-8 byte order mark dropped).  Each
 * reader walks the lines, builds curves point by point (dvh_int_curve_add
 * checks every point) and hands finished curves to the set. */
typedef struct dvh_int_reader {
    const char *path;
    rtfrac_diag *diag;
    const rtfrac_dvh_read_options *options; /* never NULL */
    char *buf;
    char **lines;
    size_t nlines;
    rtfrac_dvh_set *set;
    size_t cap_dvhs;
    dvh_int_curve cur;  /* the curve being read (sequential formats) */
    dvh_int_curve *wide; /* one curve per column pair (SlicerRT) */
    double *factors;    /* and its dose unit in Gy */
    size_t nwide;
    char **fields;      /* a split line */
    size_t cap_fields;
    int comma_ok;       /* a decimal comma is unambiguous in this file */
    char mark;          /* decimal mark seen so far: 0, '.' or ',' */
    unsigned mark_line;
    size_t cap_unread;
    size_t file_bytes_max, lines_max, structures_max; /* the options' limits, resolved */
    struct dvh_int_name *names; /* open hash of the structure names seen (generic) */
    size_t cap_names, nnames;
    unsigned broken_line; /* the first broken structure's line and reason, for the */
    char broken_message[RTFRAC_DVH_REASON_MAX]; /* refusal when nothing is read */
} dvh_int_reader;

/* ---- the reader (dvh_util.c) ------------------------------------------ */

/* Read r->path into r->buf and r->lines.  RTFRAC_EIO, RTFRAC_EPARSE (a NUL
 * byte), RTFRAC_ENOMEM. */
int dvh_int_reader_load(dvh_int_reader *r);
/* Record a structure name that begins on `line`.  Returns 0 when it is
 * new, 1 when it was seen before (*first_line: where), -1 out of memory.
 * Linear in the number of names over a whole file. */
int dvh_int_name_seen(dvh_int_reader *r, const char *name, unsigned line, unsigned *first_line);
/* Free everything but r->set, which the caller hands out or frees. */
void dvh_int_reader_release(dvh_int_reader *r);

/* ---- diagnostics: fill r->diag (when given) and return `status` --------- */

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
int dvh_int_report(dvh_int_reader *r, int status, unsigned line, unsigned column, const char *fmt,
                   ...);
/* RTFRAC_EPARSE at a line */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int dvh_int_fail(dvh_int_reader *r, unsigned line, const char *fmt, ...);
int dvh_int_no_memory(dvh_int_reader *r, unsigned line);

static inline unsigned dvh_int_line_no(size_t index) { return (unsigned)(index + 1); }

/* ---- text --------------------------------------------------------------- */

static inline int dvh_int_is_space(char c) { return c == ' ' || c == '\t'; }

static inline const char *dvh_int_skip_space(const char *s)
{
    while (dvh_int_is_space(*s))
        s++;
    return s;
}

static inline int dvh_int_is_blank_line(const char *s) { return *dvh_int_skip_space(s) == '\0'; }

/* A line that begins (after blanks) like a number. */
static inline int dvh_int_is_number_start(const char *s)
{
    s = dvh_int_skip_space(s);
    return (*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.';
}

/* Blanks off both ends, in place. */
char *dvh_int_trim(char *s);
/* The last occurrence of `needle` in `hay`, ignoring ASCII case. */
const char *dvh_int_find_last_ci(const char *hay, const char *needle);
/* Lower-case ASCII, drop blanks, write the superscript three (UTF-8 or
 * Windows-1252) as '3': "cm³ / Gy" becomes "cm3/gy". */
void dvh_int_norm_label(const char *in, size_t n, char *out, size_t outsz);
/* "Key [unit]: value": the key is before the first ':' (structure names
 * come after it); both trimmed, in place.  NULL when there is no ':'. */
char *dvh_int_key_value(char *text, char **value);
/* A label as UTF-8: kept when it already is, else read as Windows-1252
 * (older Eclipse exports).  Returns 0, or -1 when it does not fit. */
int dvh_int_to_utf8(const char *in, size_t n, char *out, size_t outsz);
/* A structure, ROI or plan name into out[RTFRAC_DVH_NAME_MAX]; `what` names
 * it in the message when it is too long. */
int dvh_int_set_name(dvh_int_reader *r, unsigned line, const char *what, const char *in,
                     char *out);

/* ---- splitting lines into r->fields, in place ---------------------------- */

/* On runs of blanks. */
int dvh_int_split_blanks(dvh_int_reader *r, char *s, unsigned line, size_t *nfields);
/* On `delim`; fields are trimmed and may be double-quoted ("" inside quotes
 * is one quote).  Empty fields at the end (a trailing delimiter) are
 * dropped. */
int dvh_int_split_delim(dvh_int_reader *r, char *s, char delim, unsigned line, size_t *nfields);
/* The header of a wide CSV whose structures take `group` columns each
 * (SlicerRT pairs, TomoTherapy triplets): the first non-blank line is split
 * into r->fields, r->nwide structures get their wide curves and factors.
 * `expected` names the columns of one structure for the messages.  On
 * success *first is the header's index in r->lines, *header_line its line.
 * Errors: RTFRAC_EPARSE (no header, a column count not a multiple of
 * group), RTFRAC_ENOMEM. */
int dvh_int_wide_header(dvh_int_reader *r, size_t group, const char *expected, size_t *first,
                        unsigned *header_line);

/* ---- numbers ------------------------------------------------------------ */

/* One number of a row, through rtfrac_num_parse; a decimal comma when
 * r->comma_ok, one decimal mark throughout the file.  `what` names the
 * column for the message; `linestart` gives the column of the problem. */
int dvh_int_parse_number(dvh_int_reader *r, unsigned line, const char *linestart, const char *tok,
                         const char *what, double *out);

/* ---- units of labels, normalised by dvh_int_norm_label ------------------- */

#define DVH_INT_DOSE_UNITS "Gy or cGy"
#define DVH_INT_VOLUME_UNITS "%, cc, cm3, ml or cm3/Gy"

/* "gy" or "cgy": Gy per unit; -1 for anything else. */
int dvh_int_dose_factor(const char *unit, double *factor);
/* "cc", "cm3", "ml", "ccm" or "cm^3" */
int dvh_int_is_cc(const char *unit);
/* Volume unit of a column; *factor converts a per-cGy density to per Gy.
 * -1 for an unknown unit. */
int dvh_int_volume_unit_of(const char *unit, rtfrac_volume_unit *out, double *factor);

/* ---- curves ------------------------------------------------------------- */

void dvh_int_curve_release(dvh_int_curve *c);
/* Release c and begin an empty curve. */
void dvh_int_curve_start(dvh_int_curve *c, unsigned line, rtfrac_dvh_kind kind,
                         rtfrac_volume_unit unit);
/* Append one point, checking it against the previous one: doses do not
 * decrease (a cumulative curve may repeat a dose with less volume: a
 * vertical step; an identical row is dropped), volumes are finite and >= 0
 * (round-off negatives are 0), % volumes at most 100 % plus
 * RTFRAC_DVH_PERCENT_TOLERANCE, a cumulative curve does not rise beyond its
 * rounding.  A point that fails breaks the structure (dvh_int_curve_break)
 * rather than the file: it returns RTFRAC_OK and the structure's further
 * points are ignored.  Errors: RTFRAC_ENOMEM only. */
int dvh_int_curve_add(dvh_int_reader *r, dvh_int_curve *c, unsigned line, double dose_gy,
                      double volume);
/* Mark the structure broken with the line and the reason (the first one
 * stands); for readers that meet a value they cannot read in one column
 * (NaN, a zero-volume structure).  Returns RTFRAC_OK. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
int dvh_int_curve_break(dvh_int_reader *r, dvh_int_curve *c, unsigned line, const char *fmt, ...);
/* Hand a finished curve to r->set: volumes below the noise floor become 0,
 * complete_low/complete_high are set; a curve with status ok goes to
 * set->dvhs, one without rows (status empty) or broken (also: no volume at
 * all) to set->unread. */
int dvh_int_curve_finish(dvh_int_reader *r, dvh_int_curve *c);

/* The full volume of a curve in its own volume unit and whether it is
 * complete at either end (the rules of include/rtfrac/dvh.h, struct
 * rtfrac_dvh); dvh.c, for rtfrac_dvh_bins_from and the readers alike.
 * RTFRAC_EDOM for a curve without points. */
int dvh_int_ends(const rtfrac_dvh *d, double *full, int *complete_low, int *complete_high);

/* ---- the formats (dvh_read_<format>.c) ----------------------------------
 * detect: does this line, at this place in the file, show the format?  The
 * line comes with its leading blanks skipped.  read: the whole file into
 * r->set.  dvh_read.c holds the table of formats and the order in which
 * they are asked. */

typedef enum dvh_int_where {
    DVH_INT_FIRST_LINE, /* the first line that is not blank */
    DVH_INT_EARLY_LINE, /* each of the first DETECT_LINES lines (dvh_read.c) */
    DVH_INT_HEADER_LINE /* the first line that is neither blank nor a '#' comment */
} dvh_int_where;

int dvh_int_generic_detect(const char *line, dvh_int_where where);
int dvh_int_generic_read(dvh_int_reader *r);
int dvh_int_eclipse_detect(const char *line, dvh_int_where where);
int dvh_int_eclipse_read(dvh_int_reader *r);
int dvh_int_oncentra_detect(const char *line, dvh_int_where where);
int dvh_int_oncentra_read(dvh_int_reader *r);
int dvh_int_slicerrt_detect(const char *line, dvh_int_where where);
int dvh_int_slicerrt_read(dvh_int_reader *r);
int dvh_int_raystation_detect(const char *line, dvh_int_where where);
int dvh_int_raystation_read(dvh_int_reader *r);
int dvh_int_tomotherapy_detect(const char *line, dvh_int_where where);
int dvh_int_tomotherapy_read(dvh_int_reader *r);
int dvh_int_onkodicom_detect(const char *line, dvh_int_where where);
int dvh_int_onkodicom_read(dvh_int_reader *r);
int dvh_int_dicomtools_detect(const char *line, dvh_int_where where);
int dvh_int_dicomtools_read(dvh_int_reader *r);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* RTFRAC_DVH_INT_H */
