/* rtfrac CLI: evaluating DVHs (metrics, EQD2, NTCP) for the dvh and report
 * commands.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_DVH_EVAL_H
#define RTFRAC_CLI_DVH_EVAL_H

#include <rtfrac.h>

#include "args.h"
#include "output.h"

#define METRICS_MAX 32
#define NTCP_REQ_MAX 16
#define STRUCT_MAP_MAX 32
#define DVH_ARG_MAX 1024 /* bytes of one --metric, --ntcp or --structure-tissue value */

typedef struct metric_spec {
    rtfrac_dvh_metric lib; /* the library's parsed metric: kind, x, unit */
    int want_percent, want_cc; /* V<x>Gy: which volumes ([%], [cc] or both) */
    char text[32];  /* as the user wrote it, e.g. "D2%" */
} metric_spec;

typedef struct struct_map {
    char pattern[RTFRAC_DVH_NAME_MAX];
    char tissue[RTFRAC_PRESET_ID_MAX];
} struct_map;

typedef struct ntcp_req {
    char pattern[RTFRAC_DVH_NAME_MAX]; /* "" : every structure of the set's tissue */
    char set[RTFRAC_PRESET_ID_MAX];
} ntcp_req;

typedef struct dvh_args {
    rtfrac_dvh_format format;
    int has_dose_unit;            /* --dose-unit, for files that state none */
    double gy_per_unit;
    unsigned long fractions;      /* 0: not given (no EQD2) */
    double ab_gy;                 /* default alpha/beta for every structure, 0: none */
    const rtfrac_tissue *tissue;  /* default tissue (--tissue), or NULL */
    const char *default_tissue_name;
    struct_map maps[STRUCT_MAP_MAX];
    size_t nmaps;
    metric_spec metrics[METRICS_MAX];
    size_t nmetrics;
    ntcp_req ntcp[NTCP_REQ_MAX];
    size_t nntcp;
    const char *only[STRUCT_MAP_MAX]; /* --structure patterns */
    size_t nonly;
    model_args *ma;               /* the model options (rows counted), or NULL for plain LQ */
    int precision;                /* decimals of human cells, -1 for the default 2 */
    /* how a structure without alpha/beta gets one, in the command's own
     * options (NULL: dvh's --ab, --tissue or --structure-tissue) */
    const char *no_eqd2_hint;
    size_t nother_tissues;        /* structures given a tissue another way (report: by the plan) */
    const rtfrac_plan *plan;      /* report: its [oar] ntcp links apply where no --ntcp does, or NULL */
} dvh_args;

void dvh_args_init(dvh_args *a);
/* "Liver=liver,PTV*=hcc" */
int dvh_args_structure_tissue(dvh_args *a, const char *text);
/* "mean,max,D95%,D2cc,V20Gy,gEUD=8" */
int dvh_args_metrics(dvh_args *a, const char *text);
/* "liver-rild-metastases-dawson" or "Liver=liver-rild-metastases-dawson" */
int dvh_args_ntcp(dvh_args *a, const char *text);
/* --structure PATTERN (repeatable; the pattern must outlive a) */
int dvh_args_only(dvh_args *a, const char *pattern);
/* --dvh-format F */
int dvh_args_format(dvh_args *a, const char *text);
/* --dose-unit Gy|cGy */
int dvh_args_dose_unit(dvh_args *a, const char *text);
/* The index of the first --structure-tissue pattern that matches `name`,
 * or -1. */
long dvh_args_map_index(const dvh_args *a, const char *name);
/* Default metrics when none were given. */
void dvh_args_default_metrics(dvh_args *a);
/* Whether an --ntcp item applies to structure `name` of tissue ts (or
 * NULL): its pattern matches the name, or it has none and the set's
 * tissue is ts. */
int dvh_args_ntcp_applies(const dvh_args *a, const rtfrac_presets *p, size_t k, const char *name,
                          const rtfrac_tissue *ts);
/* Whether any --ntcp item applies to the structure. */
int dvh_args_ntcp_explicit(const dvh_args *a, const rtfrac_presets *p, const char *name, const rtfrac_tissue *ts);
/* Resolve tissue names and NTCP sets against the presets. */
int dvh_args_resolve(dvh_args *a, const rtfrac_presets *p);

/* Read the file and write the metric and NTCP tables into doc.  With
 * out_dvh_path, also write the converted DVH as CSV (atomically).
 * `inputs` are the command's input files (never overwritten). */
int dvh_evaluate(const char *path, const dvh_args *a, const rtfrac_presets *p, out_doc *doc,
                 const char *out_dvh_path, const char *const *inputs, size_t ninputs);

/* A DVH file's structures, each with its tissue and its bins converted by
 * the library under the structure's row model (rtfrac/plan_eval.h).  The
 * structures are owned here (dvh_load) or borrowed from a plan evaluation
 * (the report). */
typedef struct dvh_loaded {
    rtfrac_dvh_set *set;
    const rtfrac_plan_eval_structure *s;
    size_t n;
    rtfrac_plan_eval_structure *owned; /* s, when dvh_load made them */
} dvh_loaded;

/* Read a DVH file (messages name the file and line). */
int dvh_read_set(const char *path, const dvh_args *a, rtfrac_dvh_set **out);
/* The tissue of each structure of `set` by --structure-tissue, else
 * --tissue, else NULL: a new array of set->n entries (free it). */
int dvh_structure_tissues(const dvh_args *a, const rtfrac_presets *p, const rtfrac_dvh_set *set,
                          const rtfrac_tissue ***out);

/* Read the file and convert every structure under the options' model
 * (a->ma), for a->fractions in the given schedule calendar (or NULL). */
int dvh_load(const char *path, const dvh_args *a, const rtfrac_presets *p, const rtfrac_calendar *calendar,
             unsigned calendar_has, dvh_loaded *out);

/* dvh_evaluate on a DVH already loaded (the report reads its DVH once). */
int dvh_evaluate_loaded(const char *path, const dvh_loaded *l, const dvh_args *a, const rtfrac_presets *p,
                        out_doc *doc, const char *out_dvh_path, const char *const *inputs, size_t ninputs);
void dvh_loaded_release(dvh_loaded *l);

/* On stderr, for the LQ model only: each converted structure whose bins
 * with volume reach above RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY per fraction. */
void dvh_warn_lq_validity(const dvh_loaded *l, const dvh_args *a);

#endif /* RTFRAC_CLI_DVH_EVAL_H */
