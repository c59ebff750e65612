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

/* One structure's curve. */
typedef struct rtfrac_dvh {
    char name[RTFRAC_DVH_NAME_MAX]; /* UTF-8 (Windows-1252 bytes converted) */
    char plan[RTFRAC_DVH_NAME_MAX]; /* plan or plan sum, "" when the file has none */
    rtfrac_dvh_kind kind;
    rtfrac_volume_unit volume_unit;
    double total_volume_cc;   /* the structure volume when the file states it, else 0 */
    size_t n;                 /* points */
    double *dose_gy;          /* n doses, strictly increasing, >= 0 */
    double *volume;           /* n volumes in volume_unit, >= 0 */
    unsigned line;            /* line of the structure's header (or of its first row) */
} rtfrac_dvh;

typedef struct rtfrac_dvh_set {
    rtfrac_dvh *dvhs;
    size_t n;
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
} rtfrac_dvh_read_options;

/* The defaults: format AUTO, no dose unit from the caller. */
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

/* rtfrac_dvh_read_with with the defaults and this format. */
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
    double total_volume; /* sum of volume */
} rtfrac_dvh_bins;

/* Bins from a curve: cumulative curves give bins between successive points
 * (volume V_i - V_{i+1} at the mid dose; the last point's remaining volume
 * at its dose); differential curves give their bins directly.  Percent
 * volumes become absolute when the structure volume is known.
 * Errors: RTFRAC_EDOM (a cumulative curve that increases, negative
 * volume, no volume at all), RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_dvh_bins_from(const rtfrac_dvh *dvh, rtfrac_dvh_bins *out);
RTFRAC_API void rtfrac_dvh_bins_release(rtfrac_dvh_bins *bins);

/* EQD2 bin by bin, each dose with its own dose per fraction D / n:
 * EQD2(D) = D (D/n + a/b) / (2 + a/b), applied to every bin's dose and
 * edges (EQD2 grows with D, so the order is kept and the cumulative EQD2
 * curve is the physical one with its dose axis converted point by point).
 * Never the prescription's dose per fraction for every bin.  out gets the
 * same volumes.  Errors: RTFRAC_EDOM, RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_dvh_bins_eqd2(const rtfrac_dvh_bins *in, unsigned long fractions,
                                    double alpha_beta_gy, rtfrac_dvh_bins *out);

/* What a model conversion of DVH bins met (rtfrac_dvh_bins_eqd2_model). */
typedef struct rtfrac_dvh_model_info {
    size_t clamped_bins;  /* bins with volume whose BED after the repopulation term
                             would be negative: set to BED 0 (EQD2 0) */
    double max_dose_per_fraction_gy; /* the largest dose per fraction of a bin with
                                        volume: its upper dose edge / n */
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
} rtfrac_dvh_stats;

RTFRAC_API int rtfrac_dvh_stats_of(const rtfrac_dvh_bins *bins, rtfrac_dvh_stats *out);

/* D at x % (the minimum dose to the hottest x % of the volume), D at x cm3
 * (needs absolute volume: RTFRAC_EDOM otherwise, or when x exceeds the
 * volume), V at x Gy (the volume receiving at least x Gy) in % and cm3
 * (cm3 needs absolute volume). */
RTFRAC_API int rtfrac_dvh_d_percent(const rtfrac_dvh_bins *bins, double percent, double *dose_gy);
RTFRAC_API int rtfrac_dvh_d_cc(const rtfrac_dvh_bins *bins, double cc, double *dose_gy);
RTFRAC_API int rtfrac_dvh_v_percent(const rtfrac_dvh_bins *bins, double dose_gy, double *percent);
RTFRAC_API int rtfrac_dvh_v_cc(const rtfrac_dvh_bins *bins, double dose_gy, double *cc);

/* Generalised EUD: (sum v_i D_i^a / sum v_i)^(1/a), a != 0 (Niemierko A,
 * Med Phys 1999;26:1100).  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_dvh_geud(const rtfrac_dvh_bins *bins, double a, double *geud_gy);

/* Lyman-Kutcher-Burman NTCP: D_eff = gEUD with a = 1/n, t = (D_eff - TD50) /
 * (m TD50), NTCP = Phi(t) (Lyman 1985; Kutcher & Burman 1989; Burman et al.
 * 1991).  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_dvh_ntcp_lkb(const rtfrac_dvh_bins *bins, double td50_gy, double m, double n,
                               double *ntcp, double *deff_gy);

/* ---- metrics as users type them ------------------------------------ */

/* The kinds of dose-volume metric (constraints use the first five). */
typedef enum rtfrac_metric_kind {
    RTFRAC_METRIC_MEAN,      /* mean dose */
    RTFRAC_METRIC_MAX,       /* maximum (point) dose */
    RTFRAC_METRIC_D_PERCENT, /* D<x>%: minimum dose to the hottest x % */
    RTFRAC_METRIC_D_CC,      /* D<x>cc: minimum dose to the hottest x cm3 */
    RTFRAC_METRIC_V_GY,      /* V<x>Gy: volume receiving at least x Gy */
    RTFRAC_METRIC_MIN,       /* minimum dose (DVH metrics only) */
    RTFRAC_METRIC_GEUD       /* gEUD with parameter a = x (DVH metrics only) */
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

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_DVH_H */
