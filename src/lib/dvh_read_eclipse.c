/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Varian Eclipse / ARIA DVH text export: "Patient Name :" and the plan
 * header, then per structure "Structure:", its statistics and a table whose
 * header names the columns; cumulative or differential, plans and plan
 * sums.  A plan-uncertainty export follows a plan's structures with
 * "Uncertainty plan: U1 X:+0.20cm   (variation of plan: P)" blocks, each
 * with its own "Structure:" blocks (a table, but no volume or dose
 * statistics); their curves are named by the scenario ("U1 X:+0.20cm") in
 * the plan field. */
#include <stdio.h>
#include <string.h>

#include "dvh_int.h"
#include "rtfrac/num.h"
#include "util_int.h"

/* The export begins with "Patient Name :". */
int dvh_int_eclipse_detect(const char *line, dvh_int_where where)
{
    return where == DVH_INT_FIRST_LINE && util_int_starts_ci(line, "Patient Name") &&
           strchr(line, ':') != NULL;
}

enum { ECL_HEADER, ECL_STRUCTURE, ECL_TABLE };

#define ECLIPSE_COLUMNS_MAX 8

typedef struct eclipse_table {
    char labels[ECLIPSE_COLUMNS_MAX][64];
    size_t ncols;
    long dose_col, volume_col, relative_col;
    double dose_factor, volume_factor;
    rtfrac_volume_unit unit;
    int differential;
} eclipse_table;

/* The column header of a structure's table: labels each ending in ']'. */
static int eclipse_columns(dvh_int_reader *r, unsigned line, const char *text, eclipse_table *t)
{
    memset(t, 0, sizeof(*t));
    t->dose_col = t->volume_col = t->relative_col = -1;
    const char *p = dvh_int_skip_space(text);
    while (*p != '\0') {
        const char *close = strchr(p, ']');
        const char *open = strchr(p, '[');
        if (close == NULL || open == NULL || open > close)
            return dvh_int_fail(r, line,
                                "unexpected '%s' in the DVH table header; expected labels such as 'Dose [cGy]' and 'Ratio of Total Structure Volume [%%]'",
                                p);
        char base[96], unit[32];
        dvh_int_norm_label(p, (size_t)(open - p), base, sizeof(base));
        dvh_int_norm_label(open + 1, (size_t)(close - open - 1), unit, sizeof(unit));
        int len = (int)(close - p + 1);
        if (t->ncols == ECLIPSE_COLUMNS_MAX)
            return dvh_int_fail(r, line,
                                "more than %d columns in the DVH table header; expected at most 3",
                                ECLIPSE_COLUMNS_MAX);
        snprintf(t->labels[t->ncols], sizeof(t->labels[0]), "column '%.*s'", len > 48 ? 48 : len, p);
        long col = (long)t->ncols++;
        if (strcmp(base, "dose") == 0) {
            if (t->dose_col >= 0 || dvh_int_dose_factor(unit, &t->dose_factor) != 0)
                return dvh_int_fail(r, line,
                                    "unexpected dose column '%.*s'; expected one 'Dose [Gy]' or 'Dose [cGy]'",
                                    len, p);
            t->dose_col = col;
        } else if (strcmp(base, "relativedose") == 0) {
            /* % of the prescription: the absolute dose column is used, this one
             * gives the prescription that converts statistics in % */
            t->relative_col = col;
        } else if (strcmp(base, "structurevolume") == 0 || strcmp(base, "volume") == 0 ||
                   strcmp(base, "ratiooftotalstructurevolume") == 0 ||
                   strcmp(base, "dvolume/ddose") == 0) {
            if (t->volume_col >= 0)
                return dvh_int_fail(r, line, "a second volume column '%.*s'; expected one", len, p);
            if (dvh_int_volume_unit_of(unit, &t->unit, &t->volume_factor) != 0 ||
                (strcmp(base, "dvolume/ddose") == 0) != (t->unit == RTFRAC_VOLUME_CC_PER_GY))
                return dvh_int_fail(r, line,
                                    "unsupported volume column '%.*s'; expected [cm3], [cc], [%%] or, for dVolume / dDose, [cm3 / Gy]",
                                    len, p);
            t->differential = t->unit == RTFRAC_VOLUME_CC_PER_GY;
            t->volume_col = col;
        } else {
            return dvh_int_fail(r, line,
                                "unknown column '%.*s' in the DVH table header; expected Dose, Relative dose, Structure Volume, Ratio of Total Structure Volume or dVolume / dDose",
                                len, p);
        }
        p = dvh_int_skip_space(close + 1);
    }
    if (t->dose_col < 0)
        return dvh_int_fail(r, line,
                            "the DVH table has no 'Dose [Gy]' or 'Dose [cGy]' column; expected an absolute dose column");
    if (t->volume_col < 0)
        return dvh_int_fail(r, line,
                            "the DVH table has no volume column; expected 'Structure Volume [cm3]', 'Ratio of Total Structure Volume [%%]' or 'dVolume / dDose [cm3 / Gy]'");
    return RTFRAC_OK;
}

/* The structure statistics Eclipse prints, in the order of rtfrac_dvh's
 * header fields. */
enum { STAT_MIN, STAT_MAX, STAT_MEAN, STAT_MEDIAN, NSTATS };

static const char *const stat_keys[NSTATS] = { "mindose[", "maxdose[", "meandose[", "mediandose[" };

/* Statistics in % of the prescription wait for the structure's table, whose
 * relative and absolute dose columns give the prescription. */
typedef struct eclipse_stats {
    int has_percent[NSTATS];
    double percent[NSTATS];
    double gy_per_percent; /* from the table, 0 until a row has both */
} eclipse_stats;

#define PLANS_MAX 16

typedef struct eclipse_plan_rx {
    char name[RTFRAC_DVH_NAME_MAX];
    double rx_gy; /* 0: not defined (plan sums) */
} eclipse_plan_rx;

static void set_stat(rtfrac_dvh *d, int which, double gy)
{
    /* a statistic in % of the prescription times Gy per %: the decimal the
     * file means (20.7 % of 55 Gy is 11.385 Gy, not 11.384999999999998) */
    gy = util_int_shortest_near(gy, 2);
    switch (which) {
    case STAT_MIN: d->has_header_min_dose = 1; d->header_min_dose_gy = gy; break;
    case STAT_MAX: d->has_header_max_dose = 1; d->header_max_dose_gy = gy; break;
    case STAT_MEAN: d->has_header_mean_dose = 1; d->header_mean_dose_gy = gy; break;
    case STAT_MEDIAN: d->has_header_median_dose = 1; d->header_median_dose_gy = gy; break;
    }
}

/* "Min Dose [cGy]: 3985.9": into the curve in Gy, or kept as % until the
 * prescription is known.  An empty or "N/A" value states nothing. */
static void eclipse_stat(dvh_int_curve *c, eclipse_stats *st, const char *k, const char *key,
                         const char *value)
{
    for (int i = 0; i < NSTATS; i++) {
        size_t n = strlen(stat_keys[i]);
        if (strncmp(k, stat_keys[i], n) != 0)
            continue;
        char unit[32];
        const char *open = strchr(key, '['), *close = strchr(key, ']');
        double v = 0.0, factor = 0.0;
        dvh_int_norm_label(open + 1, close != NULL ? (size_t)(close - open - 1) : 0, unit, sizeof(unit));
        if (rtfrac_num_parse(value, &v, NULL) != RTFRAC_OK || v < 0.0)
            return;
        if (strcmp(unit, "%") == 0) {
            st->has_percent[i] = 1;
            st->percent[i] = v;
        } else if (dvh_int_dose_factor(unit, &factor) == 0) {
            set_stat(&c->d, i, v * factor);
        }
        return;
    }
}

/* Statistics in %: converted with the table's own prescription, else the
 * structure's plan's; without either they are not stored. */
static int eclipse_finish(dvh_int_reader *r, dvh_int_curve *c, const eclipse_stats *st,
                          const eclipse_plan_rx *plans, size_t nplans)
{
    double gy_per_percent = st->gy_per_percent;
    for (size_t i = 0; !(gy_per_percent > 0.0) && i < nplans; i++)
        if (strcmp(plans[i].name, c->d.plan) == 0 && plans[i].rx_gy > 0.0)
            gy_per_percent = plans[i].rx_gy / 100.0;
    for (int i = 0; gy_per_percent > 0.0 && i < NSTATS; i++)
        if (st->has_percent[i])
            set_stat(&c->d, i, st->percent[i] * gy_per_percent);
    return dvh_int_curve_finish(r, c);
}

int dvh_int_eclipse_read(dvh_int_reader *r)
{
    int state = ECL_HEADER, rc;
    rtfrac_dvh_kind kind = RTFRAC_DVH_CUMULATIVE;
    char plan[RTFRAC_DVH_NAME_MAX] = "";
    unsigned nplans = 0, nrx = 0, rx_conflict = 0;
    double rx = 0.0;
    eclipse_table t;
    dvh_int_curve *c = &r->cur;
    int started = 0;
    eclipse_stats st;
    eclipse_plan_rx plans[PLANS_MAX];
    size_t nplan_rx = 0;

    memset(&t, 0, sizeof(t));
    memset(&st, 0, sizeof(st));
    for (size_t i = 0; i < r->nlines; i++) {
        unsigned line = dvh_int_line_no(i);
        char *text = r->lines[i];
        const char *s = dvh_int_skip_space(text);
        if (util_int_starts_ci(s, "Uncertainty plan:")) {
            /* the scenario names the structures up to the next one; they
             * carry no "Plan:" line of their own.  It is a variation of a
             * plan already counted, so not another prescription. */
            char *name = dvh_int_trim((char *)s + strlen("Uncertainty plan:"));
            char *variation = (char *)dvh_int_find_last_ci(name, "(variation of plan");
            if (variation != NULL)
                *variation = '\0';
            name = dvh_int_trim(name);
            if (*name == '\0')
                return dvh_int_fail(r, line,
                                    "empty uncertainty scenario name; expected 'Uncertainty plan: <name>'");
            if ((rc = dvh_int_set_name(r, line, "uncertainty scenario name", name, plan)) != RTFRAC_OK)
                return rc;
            state = ECL_HEADER;
            continue;
        }
        if (util_int_starts_ci(s, "Structure:")) {
            if (started && (rc = eclipse_finish(r, c, &st, plans, nplan_rx)) != RTFRAC_OK)
                return rc;
            memset(&st, 0, sizeof(st));
            char *name = dvh_int_trim((char *)s + strlen("Structure:"));
            if (*name == '\0')
                return dvh_int_fail(r, line, "empty structure name; expected 'Structure: <name>'");
            dvh_int_curve_start(c, line, kind, RTFRAC_VOLUME_CC);
            if ((rc = dvh_int_set_name(r, line, "structure name", name, c->d.name)) != RTFRAC_OK)
                return rc;
            snprintf(c->d.plan, sizeof(c->d.plan), "%s", plan);
            started = 1;
            state = ECL_STRUCTURE;
            continue;
        }
        if (dvh_int_is_blank_line(text))
            continue;
        if (state == ECL_TABLE) {
            size_t nf = 0;
            if ((rc = dvh_int_split_blanks(r, text, line, &nf)) != RTFRAC_OK)
                return rc;
            if (nf != t.ncols)
                return dvh_int_fail(r, line,
                                    "'%s': table row has %zu value%s but its header has %zu column%s; expected %zu number%s (is the table truncated?)",
                                    c->d.name, nf, util_int_plural_s(nf), t.ncols, util_int_plural_s(t.ncols), t.ncols, util_int_plural_s(t.ncols));
            double dose = 0.0, volume = 0.0, relative = 0.0;
            for (size_t k = 0; k < nf; k++) {
                double v = 0.0;
                rc = dvh_int_parse_number(r, line, text, r->fields[k], t.labels[k], &v);
                if (rc != RTFRAC_OK)
                    return rc;
                if ((long)k == t.dose_col)
                    dose = v * t.dose_factor;
                else if ((long)k == t.volume_col)
                    volume = v * t.volume_factor;
                else if ((long)k == t.relative_col)
                    relative = v;
            }
            if (!(st.gy_per_percent > 0.0) && relative > 0.0 && dose > 0.0)
                st.gy_per_percent = dose / relative;
            if ((rc = dvh_int_curve_add(r, c, line, dose, volume)) != RTFRAC_OK)
                return rc;
            continue;
        }
        char *value = NULL;
        char *key = dvh_int_key_value(text, &value);
        if (state == ECL_HEADER) {
            if (key == NULL)
                continue; /* a continued Description */
            char k[96];
            dvh_int_norm_label(key, strlen(key), k, sizeof(k));
            if (strcmp(k, "type") == 0) {
                char v[96];
                dvh_int_norm_label(value, strlen(value), v, sizeof(v));
                if (strncmp(v, "differential", 12) == 0)
                    kind = RTFRAC_DVH_DIFFERENTIAL;
                else if (strncmp(v, "cumulative", 10) == 0)
                    kind = RTFRAC_DVH_CUMULATIVE;
                else
                    return dvh_int_fail(r, line,
                                        "unknown DVH type '%s'; expected 'Cumulative Dose Volume Histogram' or 'Differential Dose Volume Histogram'",
                                        value);
            } else if (strcmp(k, "plan") == 0 || strcmp(k, "plansum") == 0) {
                if ((rc = dvh_int_set_name(r, line, "plan name", value, plan)) != RTFRAC_OK)
                    return rc;
                nplans++;
                if (nplan_rx < PLANS_MAX) {
                    snprintf(plans[nplan_rx].name, sizeof(plans[0].name), "%s", plan);
                    plans[nplan_rx++].rx_gy = 0.0;
                }
            } else if (strncmp(k, "prescribeddose[", 15) == 0 || strncmp(k, "totaldose[", 10) == 0) {
                /* "5500.0" with the unit in the key; "not defined" for plan sums */
                const char *open = strchr(key, '['), *close = strchr(key, ']');
                char q[128];
                double v = 0.0;
                snprintf(q, sizeof(q), "%.60s %.*s", value,
                         close != NULL ? (int)(close - open - 1) : 0, open + 1);
                if (rtfrac_num_parse_quantity(q, RTFRAC_QTY_DOSE_GY, &v, NULL) == RTFRAC_OK && v > 0.0) {
                    if (nrx > 0 && (v < rx || v > rx))
                        rx_conflict = 1;
                    rx = v;
                    nrx++;
                    if (nplan_rx > 0)
                        plans[nplan_rx - 1].rx_gy = v;
                }
            }
            continue;
        }
        /* a structure's statistics, then its table header */
        if (key == NULL) {
            if (dvh_int_is_number_start(text))
                return dvh_int_fail(r, line,
                                    "'%s': table row before the table header; expected a header such as 'Dose [cGy] Ratio of Total Structure Volume [%%]'",
                                    c->d.name);
            if ((rc = eclipse_columns(r, line, text, &t)) != RTFRAC_OK)
                return rc;
            c->d.volume_unit = t.unit;
            if (t.differential)
                c->d.kind = RTFRAC_DVH_DIFFERENTIAL;
            state = ECL_TABLE;
            continue;
        }
        char k[96];
        dvh_int_norm_label(key, strlen(key), k, sizeof(k));
        if (strcmp(k, "plan") == 0 || strcmp(k, "plansum") == 0) {
            if ((rc = dvh_int_set_name(r, line, "plan name", value, c->d.plan)) != RTFRAC_OK)
                return rc;
        } else if (strncmp(k, "volume[", 7) == 0) {
            char unit[32];
            const char *open = strchr(key, '['), *close = strchr(key, ']');
            dvh_int_norm_label(open + 1, close != NULL ? (size_t)(close - open - 1) : 0, unit,
                               sizeof(unit));
            double v = 0.0;
            /* "N/A" or an empty value states no volume; 0.0 is stated but
             * gives no scale (a dose structure with a curve in %) */
            if (dvh_int_is_cc(unit) && rtfrac_num_parse(value, &v, NULL) == RTFRAC_OK && v >= 0.0) {
                c->d.has_header_volume = 1;
                c->d.header_volume_cc = v;
                if (v > 0.0)
                    c->d.total_volume_cc = v;
            }
        } else {
            eclipse_stat(c, &st, k, key, value);
        }
    }
    if (nrx > 0 && !rx_conflict && nrx >= nplans)
        r->set->prescribed_dose_gy = rx;
    return started ? eclipse_finish(r, c, &st, plans, nplan_rx) : RTFRAC_OK;
}
