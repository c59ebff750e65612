/* rtfrac: presets, the curated parameters and schedules shipped with rtfrac
 * or written by users, each with its published source.
 *
 * Four kinds, read from INI files with inih:
 *   tissues.ini            one section per tissue: [id] with name, kind,
 *                          alpha_beta (Gy), optional alpha_beta_low/high,
 *                          alpha (/Gy), tk (d), tpot (d), dprolif (with
 *                          its unit: Gy EQD2/d or Gy BED/d, rtfrac_model_rate_unit),
 *                          repair_half_time (h), endpoint, evidence, source
 *   schemes.ini            one section per regimen: [id] with name,
 *                          total_dose, fractions, optional calendar
 *                          (per_week: fractions a week, default 5 per day;
 *                          per_day: fractions a treatment day, default 1;
 *                          interval: hours between them, with per_day > 1),
 *                          site, source
 *   plans/NAME.ini         [plan] name, fractions, source, optional calendar
 *                          as for schemes;
 *                          [target LABEL] total_dose, tissue;
 *                          [oar LABEL] tissue, optional ntcp (the id of
 *                          an NTCP set of ntcp.ini that the commands
 *                          taking a plan and a DVH apply to the organ;
 *                          rtfrac_presets_check refuses an unknown set)
 *   constraints/NAME.ini   [set] name, source and defaults for the
 *                          constraints; [constraint ID] organ, metric
 *                          (mean, max, D<x>%, D<x>cc, V<x>Gy), limit
 *                          and/or optimal (at least one: a constraint with
 *                          optimal only is an aim without a mandatory
 *                          limit, aim_only), bound (upper, the default, or
 *                          lower: a minimum), endpoint, tissue, alpha_beta,
 *                          fractions or dose_per_fraction, source;
 *                          metrics cumulative-bed and course-bed (limit: a
 *                          BED in Gy at the alpha_beta or tissue given, no
 *                          fractionation, no optimal) and interval (limit:
 *                          a minimum in months, e.g. "6 months")
 *   ntcp.ini               one section per NTCP parameter set: [id] with name,
 *                          organ, endpoint, model (lkb), td50 (Gy), m, n,
 *                          optional alpha_beta, fractionation,
 *                          reference_dose_per_fraction (the dose per
 *                          fraction of the fit's DVHs, Gy, above 0 to
 *                          RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY; 2 Gy when
 *                          absent: D_eff on the EQD2 DVH), tissue, source
 *   isotopes.ini           one section per radionuclide of permanent or LDR
 *                          implants: [id] (i-125, pd-103, ...) with name,
 *                          half_life (d), source, checked
 * Every kind (a tissue, a scheme, a [plan], a [set] and each [constraint],
 * an NTCP set, an isotope) also takes `checked`: how its values were checked against
 * the source (primary, abstract, secondary, convention; rtfrac_checked); a
 * constraint without one has its set's.
 * Numbers go through rtfrac_num_parse_quantity: "55 Gy" and "5500 cGy" are
 * the same dose; a unit that does not fit the key is refused.  A long value
 * continues on lines indented by white space.  Lines are at most
 * RTFRAC_PRESET_LINE_MAX bytes, files at most RTFRAC_PRESET_FILE_BYTES_MAX.
 * A *.ini entry of a directory that is not a regular file (a FIFO, a
 * device, a directory) is skipped without blocking and listed by
 * rtfrac_presets_skipped.
 *
 * Errors are reported as file:line: key: reason in the diagnostic: unknown
 * keys, missing required keys, duplicate sections or keys, bad numbers,
 * values out of range, inconsistent sets (an optimal limit above the
 * mandatory one) and references to tissues that do not exist.
 *
 * Several directories can be loaded; the first one loaded wins for a given
 * kind and name, so load the user's directories before the shipped one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_PRESET_H
#define RTFRAC_PRESET_H

#include <stddef.h>

#include "rtfrac/common.h"
#include "rtfrac/dvh.h"
#include "rtfrac/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RTFRAC_PRESET_ID_MAX 64    /* bytes of an id or label, with the NUL */
#define RTFRAC_PRESET_LINE_MAX 199 /* bytes of one line of a preset file */
/* bytes of one preset file; a larger one is refused (RTFRAC_EPARSE) before
 * it is read, or as soon as reading passes the limit (a pipe, a device) */
#define RTFRAC_PRESET_FILE_BYTES_MAX (1024 * 1024)

typedef enum rtfrac_preset_kind {
    RTFRAC_PRESET_TISSUE,
    RTFRAC_PRESET_SCHEME,
    RTFRAC_PRESET_PLAN,
    RTFRAC_PRESET_CONSTRAINTS,
    RTFRAC_PRESET_NTCP,
    RTFRAC_PRESET_ISOTOPE
} rtfrac_preset_kind;

/* Where a preset was read from. */
typedef struct rtfrac_origin {
    char file[RTFRAC_DIAG_FILE_MAX];
    unsigned line;
} rtfrac_origin;

typedef enum rtfrac_tissue_kind {
    RTFRAC_TISSUE_TUMOUR,
    RTFRAC_TISSUE_EARLY, /* early-responding normal tissue */
    RTFRAC_TISSUE_LATE   /* late-responding normal tissue */
} rtfrac_tissue_kind;

typedef enum rtfrac_evidence {
    RTFRAC_EVIDENCE_UNSTATED,
    RTFRAC_EVIDENCE_CLINICAL,     /* fitted to clinical outcome data */
    RTFRAC_EVIDENCE_EXPERIMENTAL, /* cell lines or animals */
    RTFRAC_EVIDENCE_CONVENTION    /* a generic value adopted by convention */
} rtfrac_evidence;

/* How far a preset's values were checked against the source it names (the
 * `checked` key of every kind; optional in user files, required of shipped
 * ones by the unit tests).  A preset never claims more than was done. */
typedef enum rtfrac_checked {
    RTFRAC_CHECKED_UNSTATED,  /* "" : the file does not say */
    RTFRAC_CHECKED_PRIMARY,   /* the full paper's text or table was read */
    RTFRAC_CHECKED_ABSTRACT,  /* only the paper's abstract was read */
    RTFRAC_CHECKED_SECONDARY, /* taken from a secondary source, which `source` names */
    RTFRAC_CHECKED_CONVENTION /* a generic value by convention; the source cites the convention */
} rtfrac_checked;

/* Which optional parameters a tissue has. */
enum {
    RTFRAC_TISSUE_HAS_AB_INTERVAL = 1 << 0,
    RTFRAC_TISSUE_HAS_ALPHA = 1 << 1,
    RTFRAC_TISSUE_HAS_TK = 1 << 2,
    RTFRAC_TISSUE_HAS_TPOT = 1 << 3,
    RTFRAC_TISSUE_HAS_DPROLIF = 1 << 4,
    RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME = 1 << 5
};

typedef struct rtfrac_tissue {
    char id[RTFRAC_PRESET_ID_MAX];
    const char *name;
    const char *endpoint; /* "" when not given */
    const char *source;
    rtfrac_tissue_kind kind;
    rtfrac_evidence evidence;
    rtfrac_checked checked;
    unsigned has; /* RTFRAC_TISSUE_HAS_* */
    double alpha_beta_gy;
    double alpha_beta_low_gy, alpha_beta_high_gy; /* 95% interval */
    double alpha_per_gy;
    double tk_days;
    double tpot_days;
    double dprolif_rate_gy_per_day;      /* Dprolif as written, in dprolif_unit: */
    rtfrac_model_rate_unit dprolif_unit; /* Gy BED/d or Gy EQD2/d (rtfrac_row_resolve converts) */
    double repair_half_time_h;
    rtfrac_origin origin;
    const char *overrides; /* file of a preset this one hides, or NULL */
} rtfrac_tissue;

typedef struct rtfrac_scheme {
    char id[RTFRAC_PRESET_ID_MAX];
    const char *name;
    const char *site; /* "" when not given */
    const char *source;
    rtfrac_checked checked;
    double total_dose_gy;
    unsigned long fractions;
    rtfrac_calendar calendar; /* per_week, per_day, interval_h from the file */
    unsigned calendar_has;    /* RTFRAC_CALENDAR_HAS_*: which the file gave */
    rtfrac_origin origin;
    const char *overrides;
} rtfrac_scheme;

typedef struct rtfrac_plan_target {
    char label[RTFRAC_PRESET_ID_MAX];
    double total_dose_gy;
    char tissue[RTFRAC_PRESET_ID_MAX];
    rtfrac_origin origin;
} rtfrac_plan_target;

typedef struct rtfrac_plan_oar {
    char label[RTFRAC_PRESET_ID_MAX];
    char tissue[RTFRAC_PRESET_ID_MAX];
    char ntcp[RTFRAC_PRESET_ID_MAX]; /* NTCP set id (ntcp = ...), "" when none */
    rtfrac_origin origin;
    rtfrac_origin ntcp_origin;       /* the ntcp key's line (the section's when none) */
} rtfrac_plan_oar;

/* Several targets sharing one fraction count, and organs at risk. */
typedef struct rtfrac_plan {
    char id[RTFRAC_PRESET_ID_MAX]; /* the file name without .ini */
    const char *name;
    const char *source;
    rtfrac_checked checked;
    unsigned long fractions;
    rtfrac_calendar calendar; /* as for schemes */
    unsigned calendar_has;
    const rtfrac_plan_target *targets;
    size_t ntargets;
    const rtfrac_plan_oar *oars;
    size_t noars;
    rtfrac_origin origin;
    const char *overrides;
} rtfrac_plan;


typedef enum rtfrac_limit_unit {
    RTFRAC_LIMIT_GY,
    RTFRAC_LIMIT_PERCENT,
    RTFRAC_LIMIT_CC,
    RTFRAC_LIMIT_MONTHS /* the interval limit of a re-irradiation set */
} rtfrac_limit_unit;

/* One dose-volume limit, with the fractionation and alpha/beta it was
 * stated in (inherited from the [set] section where it does not say). */
typedef struct rtfrac_constraint {
    char id[RTFRAC_PRESET_ID_MAX];
    const char *organ;
    const char *metric_text; /* as written: "mean", "D0.03cc", "V20Gy" */
    rtfrac_metric_kind metric;
    double metric_x;         /* x of D<x>%, D<x>cc (cm3), V<x>Gy (Gy) */
    int aim_only;            /* 1: an aim only, optimal without a `limit` key
                                (limit is then 0 and means nothing); 0, the
                                zeroed default: limit is the mandatory limit */
    double limit;            /* in `unit`: the mandatory limit (not aim_only) */
    rtfrac_limit_unit unit;
    int has_optimal;
    double optimal;          /* a stricter preferred limit (an aim), <= limit
                                (>= limit for a lower bound) when both exist */
    int lower_bound;         /* 0: limit is a maximum; 1: a minimum (key
                                `bound = lower`, a target's coverage) */
    const char *endpoint;    /* "" when not given */
    const char *tissue;      /* tissue preset id, "" when none */
    int has_alpha_beta;
    double alpha_beta_gy;    /* stated alpha/beta, when has_alpha_beta */
    unsigned long fractions; /* stated in this many fractions, or 0 ... */
    double dose_per_fraction_gy; /* ... in fractions of this size, or 0 */
    const char *source;      /* the set's when not given */
    rtfrac_checked checked;  /* the set's when not given */
    rtfrac_origin origin;
} rtfrac_constraint;

typedef struct rtfrac_constraint_set {
    char id[RTFRAC_PRESET_ID_MAX]; /* the file name without .ini */
    const char *name;
    const char *source;
    rtfrac_checked checked;
    const rtfrac_constraint *constraints;
    size_t nconstraints;
    rtfrac_origin origin;
    const char *overrides;
} rtfrac_constraint_set;

/* A Lyman-Kutcher-Burman parameter set (NTCP = Phi((D_eff - TD50) /
 * (m TD50)), D_eff = gEUD with a = 1/n). */
typedef struct rtfrac_ntcp_params {
    char id[RTFRAC_PRESET_ID_MAX];
    const char *name;
    const char *organ;
    const char *endpoint;
    const char *fractionation; /* "" when not given */
    const char *tissue;        /* tissue preset id, "" when none */
    const char *source;
    rtfrac_checked checked;
    double td50_gy, m, n;
    int has_alpha_beta;
    double alpha_beta_gy;      /* the alpha/beta the fit used, when stated */
    /* The dose per fraction of the DVHs the set was fitted on (key
     * reference_dose_per_fraction): the bins are converted to the
     * equieffective dose in fractions of this size (EQDX) before D_eff.
     * 2 Gy (EQD2) when the key is absent; has_reference_dose_per_fraction
     * says whether it was given. */
    int has_reference_dose_per_fraction;
    double reference_dose_per_fraction_gy;
    rtfrac_origin origin;
    const char *overrides;
} rtfrac_ntcp_params;

/* A radionuclide for implants: its physical half-life (days). */
typedef struct rtfrac_isotope {
    char id[RTFRAC_PRESET_ID_MAX]; /* lowercase: "i-125" */
    const char *name;              /* as written: "I-125 (iodine-125)" */
    double half_life_days;
    const char *source;
    rtfrac_checked checked;
    rtfrac_origin origin;
    const char *overrides;
} rtfrac_isotope;

/* A catalogue of loaded presets.  Every string and array it hands out
 * lives until rtfrac_presets_free. */
typedef struct rtfrac_presets rtfrac_presets;

RTFRAC_API rtfrac_presets *rtfrac_presets_alloc(void);
RTFRAC_API void rtfrac_presets_free(rtfrac_presets *presets); /* NULL is a no-op */

/* Load dir/tissues.ini, dir/schemes.ini, dir/ntcp.ini, dir/isotopes.ini, dir/plans/ *.ini and
 * dir/constraints/ *.ini, each if present (every kind: to read fewer files,
 * rtfrac_presets_load_dir_kinds).  A directory that does not exist
 * loads nothing and is not an error.  Presets already in the catalogue
 * (from directories loaded before) win over those of this directory.
 * Errors: RTFRAC_EPARSE (diag: file, line, "key: reason"), RTFRAC_EIO (a
 * file or subdirectory could not be opened or read: permission, symlink
 * loop, ...; diag: its path and "cannot open: <strerror>"), RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_presets_load_dir(rtfrac_presets *presets, const char *dir,
                            rtfrac_diag *diag);

/* A set of preset kinds: one bit per kind, RTFRAC_PRESET_KIND_BIT(RTFRAC_PRESET_TISSUE)
 * | ...; RTFRAC_PRESET_KINDS_ALL holds all six. */
#define RTFRAC_PRESET_KIND_BIT(kind) (1u << (unsigned)(kind))
#define RTFRAC_PRESET_KINDS_ALL 0x3fu

/* The kinds `kinds` holds and every kind their presets refer to, closed
 * under reference: a plan names tissues (its targets and organs) and NTCP
 * sets (an organ's ntcp key), an NTCP set and a constraint a tissue;
 * tissues, schemes and isotopes refer to nothing.  These are the references
 * rtfrac_presets_check checks.  Bits outside RTFRAC_PRESET_KINDS_ALL are
 * dropped.  E.g. the closure of a plan is plan | tissue | ntcp. */
RTFRAC_API unsigned rtfrac_presets_kind_closure(unsigned kinds);

/* rtfrac_presets_load_dir, reading only the files of the kinds in
 * rtfrac_presets_kind_closure(kinds) (files of other kinds are neither
 * opened nor checked), in the same order; 0 loads nothing.  A command that
 * needs tissues only reads tissues.ini.  Call it for each directory in
 * search order with the same kinds (a kind read twice from one directory
 * is read again, and the second copies lose to the first).
 * RTFRAC_EINVAL for bits outside RTFRAC_PRESET_KINDS_ALL; else as
 * rtfrac_presets_load_dir. */
RTFRAC_API int rtfrac_presets_load_dir_kinds(rtfrac_presets *presets, const char *dir, unsigned kinds,
                                             rtfrac_diag *diag);

/* The kinds read by rtfrac_presets_load_dir and _load_dir_kinds so far (the
 * union of their closures; RTFRAC_PRESET_KINDS_ALL after load_dir; 0 for a
 * new catalogue).  rtfrac_presets_load_file adds nothing to it. */
RTFRAC_API unsigned rtfrac_presets_loaded_kinds(const rtfrac_presets *presets);

/* Load one file of the given kind, e.g. a plan named by its path.  For
 * plans and constraint sets the id is the file name without ".ini".  The
 * file's presets win over those already loaded.  On success *id_out (if
 * not NULL) points at the id of the plan or constraint set. */
RTFRAC_API int rtfrac_presets_load_file(rtfrac_presets *presets, rtfrac_preset_kind kind,
                             const char *path, const char **id_out,
                             rtfrac_diag *diag);

/* Check that every preset a loaded one refers to exists: the tissues and
 * NTCP sets of plans, the tissues of NTCP sets and of constraints (see
 * rtfrac_presets_kind_closure).  Presets of every kind in the catalogue are
 * checked, so load the closure of the kinds held (rtfrac_presets_load_dir_kinds
 * does) before a plan or constraint file read with rtfrac_presets_load_file.
 * Errors: RTFRAC_EPARSE with the referring line in diag. */
RTFRAC_API int rtfrac_presets_check(const rtfrac_presets *presets, rtfrac_diag *diag);

/* The files the catalogue was read from (load_dir and load_file), each once,
 * as the path they were opened by, in the order read: a tool writing output
 * refuses to write over any of them.  i < rtfrac_presets_file_count(). */
RTFRAC_API size_t rtfrac_presets_file_count(const rtfrac_presets *presets);
RTFRAC_API const char *rtfrac_presets_file(const rtfrac_presets *presets, size_t i);

/* The *.ini files that rtfrac_presets_load_dir skipped because they are
 * not regular files: how many, and the path of each, with *what (when not
 * NULL) saying what it is: "a FIFO", "a device", "a directory", "a socket";
 * NULL for i out of range.  The caller tells the user. */
RTFRAC_API size_t rtfrac_presets_skipped_count(const rtfrac_presets *presets);
RTFRAC_API const char *rtfrac_presets_skipped(const rtfrac_presets *presets, size_t i,
                                              const char **what);
RTFRAC_API size_t rtfrac_presets_count(const rtfrac_presets *presets, rtfrac_preset_kind kind);
RTFRAC_API const rtfrac_tissue *rtfrac_presets_tissue(const rtfrac_presets *presets, size_t i);
RTFRAC_API const rtfrac_scheme *rtfrac_presets_scheme(const rtfrac_presets *presets, size_t i);
RTFRAC_API const rtfrac_plan *rtfrac_presets_plan(const rtfrac_presets *presets, size_t i);
RTFRAC_API const rtfrac_constraint_set *rtfrac_presets_constraint_set(const rtfrac_presets *presets,
                                                           size_t i);
RTFRAC_API const rtfrac_ntcp_params *rtfrac_presets_ntcp(const rtfrac_presets *presets, size_t i);
RTFRAC_API const rtfrac_isotope *rtfrac_presets_isotope(const rtfrac_presets *presets, size_t i);

/* Look up by id; NULL when absent. */
RTFRAC_API const rtfrac_tissue *rtfrac_presets_find_tissue(const rtfrac_presets *presets, const char *id);
RTFRAC_API const rtfrac_scheme *rtfrac_presets_find_scheme(const rtfrac_presets *presets, const char *id);
RTFRAC_API const rtfrac_plan *rtfrac_presets_find_plan(const rtfrac_presets *presets, const char *id);
RTFRAC_API const rtfrac_constraint_set *rtfrac_presets_find_constraint_set(const rtfrac_presets *presets,
                                                                const char *id);
RTFRAC_API const rtfrac_ntcp_params *rtfrac_presets_find_ntcp(const rtfrac_presets *presets, const char *id);
/* Isotopes are found ignoring ASCII case: "I-125" finds [i-125]. */
RTFRAC_API const rtfrac_isotope *rtfrac_presets_find_isotope(const rtfrac_presets *presets, const char *id);

/* Names for output: "tumour", "early", "late"; "clinical", ...; "mean",
 * "Gy", "%", "cc", "months"; "tissue", "scheme", "plan", "constraints", "ntcp", "isotope". */
RTFRAC_API const char *rtfrac_presets_tissue_kind_name(rtfrac_tissue_kind kind);
RTFRAC_API const char *rtfrac_presets_evidence_name(rtfrac_evidence evidence);
RTFRAC_API const char *rtfrac_presets_limit_unit_name(rtfrac_limit_unit unit);
RTFRAC_API const char *rtfrac_presets_kind_name(rtfrac_preset_kind kind);
/* The inverse of the _name functions (case ignored; "tumor" is taken as
 * "tumour"); RTFRAC_EINVAL for an unknown name. */
RTFRAC_API int rtfrac_presets_tissue_kind_parse(const char *text, rtfrac_tissue_kind *out);
RTFRAC_API int rtfrac_presets_evidence_parse(const char *text, rtfrac_evidence *out);
RTFRAC_API int rtfrac_presets_limit_unit_parse(const char *text, rtfrac_limit_unit *out);
RTFRAC_API int rtfrac_presets_kind_parse(const char *text, rtfrac_preset_kind *out);
/* Names of rtfrac_checked values ("", "primary", "abstract", "secondary",
 * "convention"); _name returns "" for an unknown value, _parse
 * RTFRAC_EINVAL for an unknown name (case ignored; "" is not a name). */
RTFRAC_API const char *rtfrac_presets_checked_name(rtfrac_checked value);
RTFRAC_API int rtfrac_presets_checked_parse(const char *text, rtfrac_checked *out);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_PRESET_H */
