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

typedef enum metric_kind { M_MIN, M_MEAN, M_MAX, M_D_PCT, M_D_CC, M_V_GY, M_GEUD } metric_kind;

typedef struct metric_spec {
    metric_kind kind;
    double x;       /* %, cc, Gy or a */
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
} dvh_args;

void dvh_args_init(dvh_args *a);
/* "Liver=liver,PTV*=hcc" */
int dvh_args_structure_tissue(dvh_args *a, const char *text);
/* "mean,max,D95%,D2cc,V20Gy,gEUD=8" */
int dvh_args_metrics(dvh_args *a, const char *text);
/* "liver-rild-metastases-dawson" or "Liver=liver-rild-metastases-dawson" */
int dvh_args_ntcp(dvh_args *a, const char *text);
/* Default metrics when none were given. */
void dvh_args_default_metrics(dvh_args *a);
/* Resolve tissue names and NTCP sets against the presets. */
int dvh_args_resolve(dvh_args *a, const rtfrac_presets *p);

/* Read the file and write the metric and NTCP tables into doc.  With
 * out_dvh_path, also write the converted DVH as CSV (atomically).
 * `inputs` are the command's input files (never overwritten). */
int dvh_evaluate(const char *path, const dvh_args *a, const rtfrac_presets *p, out_doc *doc,
                 const char *out_dvh_path, const char *const *inputs, size_t ninputs);

/* The structures of a DVH file with their tissue, alpha/beta and bins
 * (physical and, where known, EQD2), for the report. */
typedef struct dvh_struct {
    const rtfrac_dvh *dvh;
    const rtfrac_tissue *tissue; /* NULL when the alpha/beta came from --ab or is unknown */
    double ab_gy;                /* 0 when unknown */
    rtfrac_dvh_bins phys, eqd2;
    int have_eqd2;
} dvh_struct;

typedef struct dvh_loaded {
    rtfrac_dvh_set *set;
    dvh_struct *s;
    size_t n;
} dvh_loaded;

int dvh_load(const char *path, const dvh_args *a, const rtfrac_presets *p, dvh_loaded *out);

/* dvh_evaluate on a DVH already loaded (the report reads its DVH once). */
int dvh_evaluate_loaded(const char *path, const dvh_loaded *l, const dvh_args *a, const rtfrac_presets *p,
                        out_doc *doc, const char *out_dvh_path, const char *const *inputs, size_t ninputs);
void dvh_loaded_release(dvh_loaded *l);

#endif /* RTFRAC_CLI_DVH_EVAL_H */
