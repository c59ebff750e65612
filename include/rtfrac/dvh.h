/* rtfrac: dose-volume histograms, as exported by planning systems.
 *
 * Reading (src/lib/dvh_read.c, one dvh_read_<format>.c per format): every
 * importer produces the same structures, with doses in Gy and volumes as the
 * file gives them (cm3 or % of the structure), cumulative or differential as
 * the file is.
 * Formats:
 *   generic   CSV or TSV with a header naming the units: a dose column
 *             ("Dose [Gy]", "dose_gy", "Dose (cGy)", ...) and a volume column
 *             ("Volume [cc]", "volume_percent", "Volume (%)", ...), optional
 *             "structure" column; "# cumulative" or "# differential" comment
 *             or a "type" column; cumulative by default
 *   eclipse   Varian Eclipse/ARIA DVH text export ("Patient Name :", then
 *             per structure "Structure:", statistics, and a table whose
 *             header names the columns: Dose [cGy]|[Gy], Relative dose [%],
 *             Structure Volume [cm3]|[cc], Ratio of Total Structure Volume
 *             [%], or for differential DVHs dVolume / dDose [cm3 / Gy])
 *   oncentra  Elekta/Nucletron Oncentra (OMP) DVH text dump
 *   slicerrt  3D Slicer / SlicerRT DVH table CSV (columns "<name> Dose (Gy)",
 *             "<name> Value (%)" per structure)
 *   raystation RaySearch RayStation DVH text export ("#PatientName:",
 *             "#Dosename:", then per ROI "#RoiName:", "#Dose unit:" or
 *             "#Unit:" Gy|cGy, and rows of dose and volume in % of the
 *             ROI; cumulative; "#RoiVolume:" gives the volume in cm3)
 *   tomotherapy Accuray TomoTherapy Hi-Art DVH CSV: a triplet of columns
 *             per structure, "<name>(STANDARD)", "Dose (Gy)"|"Dose (cGy)"
 *             and "Relative Volume (% Normalized)" (or a volume column in
 *             cc); each structure has its own dose axis; cumulative
 *   onkodicom OnkoDICOM DVH CSV: "Patient ID,ROI,Volume (mL),0cGy,10cGy,..."
 *             one row per ROI, the doses in the column names (cGy or Gy),
 *             cumulative % of the ROI volume in the cells; a ROI with
 *             volume 0 mL is broken and left out
 *   dicomtools dicom_tools WriteDVH CSV ("#,<file>", then
 *             ",<name> (<n>)(volume: <cc>),..." and rows of a dose and one
 *             cumulative % per structure); the file does not state its dose
 *             unit, so the caller must (rtfrac_dvh_read_options); an all-NaN
 *             column is a broken structure and left out
 * Eclipse plan-uncertainty exports ("Uncertainty plan: U1 X:+0.20cm
 * (variation of plan: P)" blocks) give one curve per scenario, its plan
 * field the scenario's name ("U1 X:+0.20cm"); plans and plan sums fill the
 * plan field too, so curves of one structure name stay apart.
 * Detection looks at the first lines; --dvh-format overrides.  CRLF, tabs,
 * a UTF-8 BOM and Windows-1252 bytes in labels are accepted.  A comma
 * decimal is accepted only where the file's own layout makes it unambiguous
 * (a ';'- or tab-separated file whose numbers all use ','); everything else
 * is refused with file:line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_DVH_H
#define RTFRAC_DVH_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rtfrac_dvh_kind {
    RTFRAC_DVH_CUMULATIVE,  /* volume receiving at least the dose */
    RTFRAC_DVH_DIFFERENTIAL /* volume per dose interval (or per Gy, see below) */
} rtfrac_dvh_kind;

/* Names of rtfrac_dvh_kind values ("cumulative", "differential"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_dvh_kind_name(rtfrac_dvh_kind value);
RTFRAC_API int rtfrac_dvh_kind_parse(const char *text, rtfrac_dvh_kind *out);

typedef enum rtfrac_volume_unit {
    RTFRAC_VOLUME_CC,      /* cm3 */
    RTFRAC_VOLUME_PERCENT, /* % of the structure volume */
    RTFRAC_VOLUME_CC_PER_GY /* differential: dV/dD in cm3/Gy (Eclipse) */
} rtfrac_volume_unit;

/* Names of rtfrac_volume_unit values ("cc", "%", "cc/Gy"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_dvh_volume_unit_name(rtfrac_volume_unit value);
RTFRAC_API int rtfrac_dvh_volume_unit_parse(const char *text, rtfrac_volume_unit *out);

typedef enum rtfrac_dvh_format {
    RTFRAC_DVH_FORMAT_AUTO,
    RTFRAC_DVH_FORMAT_GENERIC,
    RTFRAC_DVH_FORMAT_ECLIPSE,
    RTFRAC_DVH_FORMAT_ONCENTRA,
    RTFRAC_DVH_FORMAT_SLICERRT,
    RTFRAC_DVH_FORMAT_RAYSTATION,
    RTFRAC_DVH_FORMAT_TOMOTHERAPY,
    RTFRAC_DVH_FORMAT_ONKODICOM,
    RTFRAC_DVH_FORMAT_DICOMTOOLS
} rtfrac_dvh_format;

#define RTFRAC_DVH_NAME_MAX 128
#define RTFRAC_DVH_REASON_MAX 256

/* Limits of one DVH file, checked before the memory they bound is
 * allocated; a file beyond one is refused (RTFRAC_EPARSE: invalid input,
 * not a failure to read) with the limit named in the message.  The largest real
 * exports seen are a few MB, some 10^5 lines and a few hundred structures.
 * rtfrac_dvh_read_options can lower them. */
#define RTFRAC_DVH_FILE_BYTES_MAX ((size_t)256 * 1024 * 1024) /* bytes of the file */
#define RTFRAC_DVH_LINES_MAX ((size_t)10 * 1000 * 1000)        /* lines of the file */
#define RTFRAC_DVH_STRUCTURES_MAX ((size_t)100 * 1000)         /* structures, read or not */

/* The noise floor: a volume below RTFRAC_DVH_NOISE_FLOOR times the
 * structure's full volume (1e-9 % of the structure; for a cm3 curve 1e-11
 * of its full volume in cm3) is read as 0.  Why this value: exports write
 * round-off of their own double arithmetic as volume (5.55e-14 %,
 * -1.33e-13 %, i.e. about 1e-15 of the structure: a few ulps of 100 %),
 * which is 10^4 below the floor, while the smallest real volume a planning
 * system reports, a hundredth of a 1 mm3 voxel in a 30-litre body, is
 * 3e-10 of the structure, 30 times above it. */
#define RTFRAC_DVH_NOISE_FLOOR 1e-11
/* A % volume may exceed 100 % by this much (printed rounding); it is then
 * read as 100 %.  Anything above 100 % + this tolerance is impossible and
 * the structure is refused (status broken). */
#define RTFRAC_DVH_PERCENT_TOLERANCE 0.1

/* What became of a structure of the file (rtfrac_dvh.status). */
typedef enum rtfrac_dvh_status {
    RTFRAC_DVH_STATUS_OK,     /* a curve that the computations accept */
    RTFRAC_DVH_STATUS_EMPTY,  /* the file lists the structure without rows */
    RTFRAC_DVH_STATUS_BROKEN  /* rows that are no DVH (reason says which line and why) */
} rtfrac_dvh_status;

/* "ok", "empty", "broken"; _name returns "" for an unknown value, _parse
 * RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_dvh_status_name(rtfrac_dvh_status value);
RTFRAC_API int rtfrac_dvh_status_parse(const char *text, rtfrac_dvh_status *out);

/* One structure's curve.
 *
 * Volume scale: the full volume of the structure comes from the file,
 * never from rescaling the first row: 100 % for a % curve; for a cm3 curve
 * the volume at dose 0 when the curve starts there, else the header's
 * structure volume, else (Oncentra, no volume stated) the first row.
 * complete_low: the curve starts at the full volume (within the noise floor
 * and, for a header volume, its printed rounding); otherwise the volume
 * between the full volume and the first row lies at doses the file does not
 * give (below the first row's dose, above header_min_dose_gy when stated).
 * complete_high: the curve reaches zero volume (below the noise floor);
 * otherwise the last row's volume lies above the last dose, up to
 * header_max_dose_gy when stated.  Differential curves are complete.
 *
 * Header statistics: what the file's own header says about the structure,
 * each with its has_ flag; doses in Gy whatever the file's unit (statistics
 * in % of the prescription are converted with the structure's own table,
 * whose relative and absolute dose columns give the prescription, or with
 * the plan's "Prescribed dose"/"Total dose"; without either they are not
 * stored). */
typedef struct rtfrac_dvh {
    char name[RTFRAC_DVH_NAME_MAX]; /* UTF-8 (Windows-1252 bytes converted) */
    char plan[RTFRAC_DVH_NAME_MAX]; /* plan or plan sum, "" when the file has none */
    rtfrac_dvh_kind kind;
    rtfrac_volume_unit volume_unit;
    double total_volume_cc;   /* the structure volume when the file states it, else 0 */
    size_t n;                 /* points (0 unless status is ok) */
    double *dose_gy;          /* n doses, non-decreasing, >= 0; a dose repeated with a lower
                                 volume is a vertical step of a cumulative curve (volume at
                                 exactly that dose) */
    double *volume;           /* n volumes in volume_unit, >= 0 */
    unsigned line;            /* line of the structure's header (or of its first row) */
    rtfrac_dvh_status status;
    char reason[RTFRAC_DVH_REASON_MAX]; /* status not ok: why, with the line ("line 12: ...") */
    int complete_low, complete_high;    /* see above; set by the readers */
    int has_header_min_dose, has_header_max_dose, has_header_mean_dose, has_header_median_dose;
    int has_header_volume;
    double header_min_dose_gy, header_max_dose_gy, header_mean_dose_gy, header_median_dose_gy;
    double header_volume_cc;  /* as stated, possibly 0 (Eclipse "Volume [cm3]: 0.0") */
} rtfrac_dvh;

typedef struct rtfrac_dvh_set {
    rtfrac_dvh *dvhs;          /* the structures that were read (status ok), in file order */
    size_t n;
    rtfrac_dvh *unread;        /* the structures listed in the file but not read: status
                                  empty or broken with the reason, n 0, in file order */
    size_t nunread;
    rtfrac_dvh_format format;  /* the format that was read */
    double prescribed_dose_gy; /* from the header when stated, else 0 */
    char file[RTFRAC_DIAG_FILE_MAX];
} rtfrac_dvh_set;

/* How to read a DVH file. */
typedef struct rtfrac_dvh_read_options {
    rtfrac_dvh_format format; /* RTFRAC_DVH_FORMAT_AUTO: detected from the first lines */
    int has_dose_unit;        /* the caller states the dose unit of a file that states none */
    double gy_per_unit;       /* with has_dose_unit: Gy per dose unit of the file (1 for Gy,
                                 0.01 for cGy), finite and > 0 */
    /* Lower limits than the RTFRAC_DVH_*_MAX above (0, or a value above
     * the macro, means the macro): */
    size_t file_bytes_max;
    size_t lines_max;
    size_t structures_max;
} rtfrac_dvh_read_options;

/* The defaults: format AUTO, no dose unit from the caller, the
 * RTFRAC_DVH_*_MAX limits. */
RTFRAC_API void rtfrac_dvh_read_options_init(rtfrac_dvh_read_options *options);

/* "Gy" or "cGy" (case ignored) to Gy per unit (1 or 0.01), for
 * rtfrac_dvh_read_options.gy_per_unit; RTFRAC_EINVAL for anything else,
 * *gy_per_unit untouched. */
RTFRAC_API int rtfrac_dvh_dose_unit_parse(const char *text, double *gy_per_unit);

/* Read a DVH file as `options` say (NULL: the defaults).  The caller's
 * dose unit is used only by a file that states none (dicomtools): such a
 * file is refused without it (RTFRAC_EPARSE, the message names
 * --dose-unit Gy|cGy).  A file that states its own unit is read in it.
 * On success *out is a new set (free it with rtfrac_dvh_set_free).
 * Errors: RTFRAC_EINVAL (an unknown format value, has_dose_unit with a
 * gy_per_unit that is not finite and > 0), RTFRAC_EIO (cannot read;
 * diag.file), RTFRAC_EPARSE (diag: file, line, message saying what is
 * wrong and what was expected), RTFRAC_ENOMEM; *out untouched on error. */
RTFRAC_API int rtfrac_dvh_read_with(const char *path, const rtfrac_dvh_read_options *options,
                                    rtfrac_dvh_set **out, rtfrac_diag *diag);

/* rtfrac_dvh_read_with with the defaults and this format.  On success *out is a new set (free it with
 * rtfrac_dvh_set_free).  A structure whose rows are no DVH (a volume above
 * 100 % + RTFRAC_DVH_PERCENT_TOLERANCE, a negative volume or dose, NaN, a
 * dose that decreases, a cumulative volume that rises beyond the printed
 * rounding, no volume at all) does not refuse the file: it goes to
 * set->unread with status broken and the line and reason; a structure
 * without rows goes there with status empty.  The read fails only when no
 * structure could be read: RTFRAC_EPARSE with the first broken structure's
 * line and reason.  Errors: RTFRAC_EIO (cannot read; diag.file),
 * RTFRAC_EPARSE (diag: file, line, message saying what is wrong and what
 * was expected), RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_dvh_read(const char *path, rtfrac_dvh_format format, rtfrac_dvh_set **out,
                               rtfrac_diag *diag);

RTFRAC_API void rtfrac_dvh_set_free(rtfrac_dvh_set *set); /* NULL is a no-op */

/* "generic", "eclipse", "oncentra", "slicerrt", "raystation", "tomotherapy",
 * "onkodicom", "dicomtools" (and "auto"); name returns "unknown" for an
 * unknown value;
 * parse returns RTFRAC_EINVAL for an unknown name. */
RTFRAC_API const char *rtfrac_dvh_format_name(rtfrac_dvh_format format);
RTFRAC_API int rtfrac_dvh_format_parse(const char *name, rtfrac_dvh_format *format);

/* ---- computing on a DVH (src/lib/dvh.c) -------------------------------- */

/* A DVH as dose bins: bin i holds volume[i] (cm3, or a fraction of the
 * structure when the volume is only relative) between the dose edges
 * lo_gy[i] <= hi_gy[i], represented by dose_gy[i] (the middle of the bin
 * before any conversion), in increasing dose.  Within a bin the volume is
 * spread evenly, so that the cumulative curve through the edges is the
 * file's own curve, point by point. */
typedef struct rtfrac_dvh_bins {
    size_t n;
    double *dose_gy;
    double *lo_gy, *hi_gy;
    double *volume;      /* cm3 when absolute, else fraction of the structure */
    int absolute;        /* volume in cm3 */
    double total_volume; /* sum of volume: the structure's full volume */
    /* A partial curve (rtfrac_dvh complete_low / complete_high): */
    int open_low;  /* bins[0] is the volume below the first row, whose doses the file does
                      not give: lo_gy[0] is the header minimum (min_known) or the first
                      dose, hi_gy[0] the first dose */
    int min_known; /* open_low: lo_gy[0] is the file's stated minimum dose */
    int open_high; /* bins[n-1] is the volume above the last row with no stated maximum:
                      lo_gy = hi_gy = the last dose (its lowest possible dose) */
    int max_closed; /* the volume above the last row is closed by the stated maximum:
                       bins[n-1] runs from the last dose to it */
    int has_mean;  /* open_low or open_high: mean_gy is the file's stated mean (physical
                      bins only: an EQD2 conversion drops it) */
    double mean_gy;
} rtfrac_dvh_bins;

/* How a metric of a partial curve relates to the true value. */
typedef enum rtfrac_dvh_bound {
    RTFRAC_DVH_EXACT,    /* given by the curve (to its dose resolution) or the file's statistics */
    RTFRAC_DVH_AT_LEAST, /* the true value is this or more (it lies beyond the curve's end) */
    RTFRAC_DVH_AT_MOST,  /* the true value is this or less (it lies below the curve's start) */
    RTFRAC_DVH_UNKNOWN   /* the curve bounds it on neither side (both ends missing): the value
                            is an estimate only; the metric functions refuse it */
} rtfrac_dvh_bound;

/* "exact", "at-least", "at-most", "unknown"; _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_dvh_bound_name(rtfrac_dvh_bound value);
RTFRAC_API int rtfrac_dvh_bound_parse(const char *text, rtfrac_dvh_bound *out);

/* Bins from a curve: cumulative curves give bins between successive points
 * (volume V_i - V_{i+1} at the mid dose; a vertical step, two points at one
 * dose, gives a bin of zero width at that dose); differential curves give
 * their bins directly.  Percent volumes become absolute when the structure
 * volume is known.  The full volume is the structure's (see rtfrac_dvh),
 * not the first row's: a curve that starts below it gets an open_low bin
 * with the missing volume; one that ends above zero gets its last row's
 * volume in a bin closed by header_max_dose_gy (max_closed) or, without a
 * stated maximum, an open_high bin at the last dose.  Volumes below the
 * noise floor are 0.
 * Errors: RTFRAC_EDOM (a cumulative curve that increases, a dose that
 * decreases, negative volume, a % volume above 100 % + the tolerance, no
 * volume at all, status not ok), RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_dvh_bins_from(const rtfrac_dvh *dvh, rtfrac_dvh_bins *out);
RTFRAC_API void rtfrac_dvh_bins_release(rtfrac_dvh_bins *bins);

/* EQD2 bin by bin, each dose with its own dose per fraction D / n:
 * EQD2(D) = D (D/n + a/b) / (2 + a/b), applied to every bin's dose and
 * edges (EQD2 grows with D, so the order is kept and the cumulative EQD2
 * curve is the physical one with its dose axis converted point by point).
 * Never the prescription's dose per fraction for every bin.  out gets the
 * same volumes.  Computed by rtfrac_array_eqdx (array.h), a whole array at
 * a time.  Errors: RTFRAC_EDOM (fractions not 1..RTFRAC_FRACTIONS_MAX,
 * alpha/beta not finite and > 0, a negative or non-finite dose),
 * RTFRAC_ERANGE (an EQD2 overflows), RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_dvh_bins_eqd2(const rtfrac_dvh_bins *in, unsigned long fractions,
                                    double alpha_beta_gy, rtfrac_dvh_bins *out);

/* What a model conversion of DVH bins met (rtfrac_dvh_bins_eqd2_model). */
typedef struct rtfrac_dvh_model_info {
    size_t clamped_bins;  /* bins with volume whose BED after the repopulation term
                             would be negative: set to BED 0 (EQD2 0) */
    double max_dose_per_fraction_gy; /* the largest dose per fraction of a bin with
                                        volume: its upper dose edge / n */
    double overall_time_days;   /* T of n fractions under the model's calendar */
    double repopulation_gy;     /* K max(0, T - Tk) subtracted from every bin's
                                   BED (0 without time) */
} rtfrac_dvh_model_info;

/* EQD2 bin by bin under a model (rtfrac/model.h), each bin with its own dose
 * per fraction D / n: the bin's BED is the BED of n fractions of D / n Gy,
 * rtfrac_model_effect with total dose D, which includes LQ-L or USC above the
 * transition dose, incomplete repair where the model has it, and, when
 * model->time is set, the structure's repopulation term K (T - Tk) with T
 * from the model's calendar for n fractions (the same for every bin: the
 * term is per structure, Fowler JF, Br J Radiol 1989;62:679-694).  A BED
 * that the repopulation term makes negative is clamped at 0 and counted in
 * info->clamped_bins (bins with volume only).  EQD2 = rtfrac_model_eqdx at
 * X = 2 Gy.  Dose, lower and upper edge of every bin are converted alike;
 * BED grows with D under every model, so the order is kept.  Plain LQ
 * without time or repair gives exactly rtfrac_dvh_bins_eqd2.  Pass the
 * model and alpha/beta of the structure's row (rtfrac_row_resolve decides
 * whether the structure's tissue gets time).  Example: a bin of 55 Gy in 22
 * fractions at alpha/beta 10 Gy with Tk 21 d, K 0.5 Gy/d and T 29 d has
 * BED 68.75 - 4 = 64.75 Gy, EQD2 53.96 Gy.  out gets the same volumes; info
 * (may be NULL) what the conversion met.  Errors: RTFRAC_EDOM (fractions 0,
 * alpha/beta not positive, an invalid model, empty bins), RTFRAC_ERANGE,
 * RTFRAC_ENOMEM; *out and *info untouched on error. */
RTFRAC_API int rtfrac_dvh_bins_eqd2_model(const rtfrac_dvh_bins *in, unsigned long fractions,
                                          const rtfrac_model *model, double alpha_beta_gy,
                                          rtfrac_dvh_bins *out, rtfrac_dvh_model_info *info);

/* The largest dose per fraction (Gy) of a bin with volume in n fractions:
 * its upper dose edge / n (0 for empty bins).  Errors: RTFRAC_EDOM
 * (fractions 0). */
RTFRAC_API int rtfrac_dvh_bins_max_dose_per_fraction(const rtfrac_dvh_bins *bins, unsigned long fractions,
                                                     double *dose_per_fraction_gy);

typedef struct rtfrac_dvh_stats {
    double min_gy, mean_gy, max_gy;
    double total_volume; /* cm3 when absolute, else 1 */
    int absolute;
    rtfrac_dvh_bound min_bound, mean_bound, max_bound; /* how each relates to the true value */
} rtfrac_dvh_stats;

/* Minimum, mean and maximum dose of the bins, each with its bound.  On a
 * partial curve: the minimum is the stated one (exact) or, with the low end
 * missing, at most the first row's dose; the maximum is the last dose with
 * volume (exact when the curve reaches 0 or its stated maximum closes it),
 * else at least the last row's dose; the mean is the file's stated mean
 * when there is one (exact), else the mean with the missing low volume at
 * the first dose (at most) or the volume beyond the curve at its last dose
 * (at least), and unknown when both ends are missing.
 * Errors: RTFRAC_EDOM (no volume). */
RTFRAC_API int rtfrac_dvh_stats_of(const rtfrac_dvh_bins *bins, rtfrac_dvh_stats *out);

/* D at x % (the minimum dose to the hottest x % of the volume), D at x cm3
 * (needs absolute volume: RTFRAC_EDOM otherwise, or when x exceeds the
 * volume), V at x Gy (the volume receiving at least x Gy) in % and cm3
 * (cm3 needs absolute volume).  The % are of the structure's full volume.
 * These give exact values only: a value that a partial curve bounds on one
 * side only is RTFRAC_EDOM here; the _bounded forms below return it with
 * its bound. */
RTFRAC_API int rtfrac_dvh_d_percent(const rtfrac_dvh_bins *bins, double percent, double *dose_gy);
RTFRAC_API int rtfrac_dvh_d_cc(const rtfrac_dvh_bins *bins, double cc, double *dose_gy);
RTFRAC_API int rtfrac_dvh_v_percent(const rtfrac_dvh_bins *bins, double dose_gy, double *percent);
RTFRAC_API int rtfrac_dvh_v_cc(const rtfrac_dvh_bins *bins, double dose_gy, double *cc);

/* The same metrics on a partial curve, with *bound saying how the value
 * relates to the true one: a Dx falling in the missing low part is at most
 * the first row's dose (at least the stated minimum); one falling beyond
 * the last row of an open tail is at least the last row's dose (D2cc of a
 * curve that ends at 28.26 Gy with 3.49 cc is "at least 28.26 Gy"); Vx
 * below the first row's dose is at most the full volume (exact at or below
 * a stated minimum), above the last row's dose of an open tail at most the
 * last row's volume.  A value in the stretch closed by a stated maximum is
 * interpolated linearly like any other and exact.  Errors as above;
 * RTFRAC_EDOM never for a bound. */
RTFRAC_API int rtfrac_dvh_d_percent_bounded(const rtfrac_dvh_bins *bins, double percent, double *dose_gy,
                                            rtfrac_dvh_bound *bound);
RTFRAC_API int rtfrac_dvh_d_cc_bounded(const rtfrac_dvh_bins *bins, double cc, double *dose_gy,
                                       rtfrac_dvh_bound *bound);
RTFRAC_API int rtfrac_dvh_v_percent_bounded(const rtfrac_dvh_bins *bins, double dose_gy, double *percent,
                                            rtfrac_dvh_bound *bound);
RTFRAC_API int rtfrac_dvh_v_cc_bounded(const rtfrac_dvh_bins *bins, double dose_gy, double *cc,
                                       rtfrac_dvh_bound *bound);

/* Generalised EUD: (sum v_i D_i^a / sum v_i)^(1/a), a != 0 (Niemierko A,
 * Med Phys 1999;26:1100).  It grows with every bin's dose, so with the
 * missing low volume at the first dose it is at most, with the open tail at
 * the last dose at least the true value; both missing: unknown.
 * rtfrac_dvh_geud gives exact values only (RTFRAC_EDOM otherwise).
 * Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_dvh_geud(const rtfrac_dvh_bins *bins, double a, double *geud_gy);
RTFRAC_API int rtfrac_dvh_geud_bounded(const rtfrac_dvh_bins *bins, double a, double *geud_gy,
                                       rtfrac_dvh_bound *bound);

/* Lyman-Kutcher-Burman NTCP: D_eff = gEUD with a = 1/n, t = (D_eff - TD50) /
 * (m TD50), NTCP = Phi(t) (Lyman 1985; Kutcher & Burman 1989; Burman et al.
 * 1991).  Needs an exact gEUD.  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_dvh_ntcp_lkb(const rtfrac_dvh_bins *bins, double td50_gy, double m, double n,
                               double *ntcp, double *deff_gy);

/* EQDX bins from EQD2 bins: each dose and edge in fractions of x =
 * reference_dose_per_fraction_gy Gy with the same BED, EQDX = BED / (1 +
 * x/(a/b)) = EQD2 (2 + a/b) / (x + a/b) (Withers HR et al., Int J Radiat
 * Oncol Biol Phys 1983;9:1499; the BED from EQD2 whatever model made the
 * EQD2 bins, so time and LQ-L or USC stay in).  Example: a/b 2 Gy, x
 * 1.5 Gy: EQD1.5 = 4/3.5 EQD2 = 1.143 EQD2.  x = 2 copies the bins.  out
 * gets the same volumes and ends.  Errors: RTFRAC_EDOM (a/b or x not finite
 * and > 0, empty bins), RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_dvh_bins_eqdx_of_eqd2(const rtfrac_dvh_bins *eqd2, double alpha_beta_gy,
                                            double reference_dose_per_fraction_gy, rtfrac_dvh_bins *out);

/* LKB NTCP of a set fitted on DVHs at x = reference_dose_per_fraction_gy
 * Gy per fraction (rtfrac_ntcp_params of preset.h: 2 Gy unless the set
 * says otherwise): the EQD2 bins converted to EQDX
 * (rtfrac_dvh_bins_eqdx_of_eqd2), then rtfrac_dvh_ntcp_lkb; *deff_gy is
 * the D_eff in EQDX.  x = 2 gives exactly rtfrac_dvh_ntcp_lkb on the EQD2
 * bins.  Errors: those of the two. */
RTFRAC_API int rtfrac_dvh_ntcp_lkb_eqdx(const rtfrac_dvh_bins *eqd2, double alpha_beta_gy,
                                        double reference_dose_per_fraction_gy, double td50_gy, double m,
                                        double n, double *ntcp, double *deff_gy);

/* ---- metrics as users type them ------------------------------------ */

/* The kinds of dose-volume metric (constraints use the first five). */
typedef enum rtfrac_metric_kind {
    RTFRAC_METRIC_MEAN,      /* mean dose */
    RTFRAC_METRIC_MAX,       /* maximum (point) dose */
    RTFRAC_METRIC_D_PERCENT, /* D<x>%: minimum dose to the hottest x % */
    RTFRAC_METRIC_D_CC,      /* D<x>cc: minimum dose to the hottest x cm3 */
    RTFRAC_METRIC_V_GY,      /* V<x>Gy: volume receiving at least x Gy */
    RTFRAC_METRIC_MIN,       /* minimum dose (DVH metrics only) */
    RTFRAC_METRIC_GEUD,      /* gEUD with parameter a = x (DVH metrics only) */
    /* re-irradiation limits of a constraint set (rtfrac/reirr.h), not DVH metrics: */
    RTFRAC_METRIC_CUMULATIVE_BED, /* cumulative BED of all courses (Gy) */
    RTFRAC_METRIC_COURSE_BED,     /* BED of each course (Gy) */
    RTFRAC_METRIC_INTERVAL        /* months between courses, a minimum */
} rtfrac_metric_kind;

/* The unit a metric's value is asked in: DEFAULT is Gy for dose metrics and
 * both % and cc for V<x>Gy. */
typedef enum rtfrac_dvh_metric_unit {
    RTFRAC_DVH_METRIC_UNIT_DEFAULT,
    RTFRAC_DVH_METRIC_UNIT_GY,
    RTFRAC_DVH_METRIC_UNIT_PERCENT,
    RTFRAC_DVH_METRIC_UNIT_CC
} rtfrac_dvh_metric_unit;

/* Names ("", "Gy", "%", "cc"); _parse takes the same (case ignored). */
RTFRAC_API const char *rtfrac_dvh_metric_unit_name(rtfrac_dvh_metric_unit value);
RTFRAC_API int rtfrac_dvh_metric_unit_parse(const char *text, rtfrac_dvh_metric_unit *out);

/* One dose-volume metric (the kinds of rtfrac_metric_kind in preset.h). */
typedef struct rtfrac_dvh_metric {
    rtfrac_metric_kind kind;
    double x;                    /* % or cm3 of D<x>, Gy of V<x>, a of gEUD */
    rtfrac_dvh_metric_unit unit; /* asked for with a [unit] suffix, or DEFAULT */
} rtfrac_dvh_metric;

/* Parse a metric as written in rtfrac and in the AAPM TG-263 / Mayo
 * nomenclature (Mayo C et al., Int J Radiat Oncol Biol Phys
 * 2018;100(4):1057-1066):
 *   min, mean, max, median (D50%), Dmin, Dmean, Dmax, Dmedian
 *   D<x>%  D<x>cc          dose to the hottest x % or x cm3, e.g. D95%, D0.1cc
 *   V<x>Gy V<x>cGy         volume receiving at least x, e.g. V20Gy, V2000cGy
 *   gEUD=<a>               generalised EUD with parameter a (a != 0)
 * each dose metric optionally followed by [Gy], V<x> by [%] or [cc]
 * (D0.1cc[Gy], D95%[Gy], V20Gy[%], V5Gy[cc]).  Prefixes and units are
 * case-sensitive as TG-263 writes them (a lone "d95%" is refused).
 * Errors: RTFRAC_EPARSE with the column and what is accepted in diag. */
RTFRAC_API int rtfrac_dvh_metric_parse(const char *text, rtfrac_dvh_metric *out, rtfrac_diag *diag);

/* The metric in rtfrac's own spelling ("mean", "D95%", "D0.1cc",
 * "V20Gy[%]", "gEUD=8"), x in the shortest form that reads back exactly.
 * Errors: RTFRAC_EINVAL (no such metric), RTFRAC_ERANGE (buffer too small). */
RTFRAC_API int rtfrac_dvh_metric_name(const rtfrac_dvh_metric *metric, char *buf, size_t size);

/* The value of a metric on a structure's bins (physical or EQD2), with how
 * it relates to the true value: min, mean and max from
 * rtfrac_dvh_stats_of, D<x>%, D<x>cc, V<x>Gy and gEUD from the _bounded
 * functions above.  For V<x>Gy `want_cc` picks cm3 (absolute volume
 * needed) over %.  A value the curve cannot give at all is RTFRAC_EDOM.
 * Errors: RTFRAC_EDOM, RTFRAC_EINVAL (no such metric). */
RTFRAC_API int rtfrac_dvh_metric_value(const rtfrac_dvh_bins *bins, const rtfrac_dvh_metric *metric,
                                       int want_cc, double *value, rtfrac_dvh_bound *bound);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_DVH_H */
