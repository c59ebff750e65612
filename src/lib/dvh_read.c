/* SPDX-License-Identifier: GPL-3.0-or-later */
/* DVH file importers: generic CSV/TSV, Varian Eclipse text export,
 * Elekta/Nucletron Oncentra dump, SlicerRT DVH table and RaySearch
 * RayStation DVH text export (see include/rtfrac/dvh.h).  The file is
 * loaded and split into lines by dvh_util.c; each reader walks the lines,
 * builds curves point by point (dvh_int_curve_add checks every point) and
 * hands finished curves to the set. */
#include "rtfrac/dvh.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dvh_int.h"
#include "rtfrac/num.h"
#include "util_int.h"

#define DETECT_LINES 40

/* ---- generic CSV/TSV ---------------------------------------------------- */

typedef struct label {
    char base[96];
    char unit[32];
} label;

/* "Dose [Gy]", "Dose (cGy)", "dose_gy", "Volume" -> base and unit, both
 * normalised by norm_label. */
static void split_label(const char *text, label *out)
{
    const char *open = strpbrk(text, "[(");
    if (open != NULL) {
        const char *close = strchr(open, *open == '[' ? ']' : ')');
        size_t n = close != NULL ? (size_t)(close - open - 1) : strlen(open + 1);
        dvh_int_norm_label(text, (size_t)(open - text), out->base, sizeof(out->base));
        dvh_int_norm_label(open + 1, n, out->unit, sizeof(out->unit));
        return;
    }
    const char *us = strchr(text, '_');
    if (us != NULL) {
        dvh_int_norm_label(text, (size_t)(us - text), out->base, sizeof(out->base));
        dvh_int_norm_label(us + 1, strlen(us + 1), out->unit, sizeof(out->unit));
        return;
    }
    dvh_int_norm_label(text, strlen(text), out->base, sizeof(out->base));
    out->unit[0] = '\0';
}

static int in_list(const char *word, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strcmp(word, *list) == 0)
            return 1;
    return 0;
}

static const char *const dose_bases[] = { "dose", "absolutedose", "totaldose", NULL };
static const char *const volume_bases[] = { "volume", "vol", "absolutevolume", "relativevolume",
                                            "structurevolume", "ratiooftotalstructurevolume",
                                            "dvolume/ddose", NULL };
static const char *const structure_bases[] = { "structure", "structurename", "roi", "roiname",
                                               "name", "organ", NULL };
static const char *const type_bases[] = { "type", "kind", "dvhtype", "mode", NULL };

static int kind_of_word(const char *text, rtfrac_dvh_kind *kind)
{
    char w[32];
    dvh_int_norm_label(text, strlen(text), w, sizeof(w));
    if (strcmp(w, "cumulative") == 0 || strcmp(w, "cum") == 0 || strcmp(w, "cdvh") == 0) {
        *kind = RTFRAC_DVH_CUMULATIVE;
        return 0;
    }
    if (strcmp(w, "differential") == 0 || strcmp(w, "diff") == 0 || strcmp(w, "ddvh") == 0) {
        *kind = RTFRAC_DVH_DIFFERENTIAL;
        return 0;
    }
    return -1;
}

/* The name of a curve read without a structure column: the file's base
 * name without its extension. */
static void name_from_path(const char *path, char *out, size_t outsz)
{
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot != NULL && dot > base ? (size_t)(dot - base) : strlen(base);
    if (dvh_int_to_utf8(base, n, out, outsz) != 0)
        snprintf(out, outsz, "dvh");
}

static int read_generic(dvh_int_reader *r)
{
    rtfrac_dvh_kind file_kind = RTFRAC_DVH_CUMULATIVE;
    size_t i = 0;
    int rc;

    /* comments before the header: kind and prescription */
    for (; i < r->nlines; i++) {
        char *t = dvh_int_trim(r->lines[i]);
        if (*t == '\0')
            continue;
        if (*t != '#')
            break;
        t = dvh_int_trim(t + 1);
        char key[64];
        const char *colon = strchr(t, ':');
        dvh_int_norm_label(t, colon != NULL ? (size_t)(colon - t) : strlen(t), key, sizeof(key));
        if (strstr(key, "differential") != NULL)
            file_kind = RTFRAC_DVH_DIFFERENTIAL;
        else if (strstr(key, "cumulative") != NULL)
            file_kind = RTFRAC_DVH_CUMULATIVE;
        else if (colon != NULL && strncmp(key, "prescri", 7) == 0) {
            double rx = 0.0;
            if (rtfrac_num_parse_quantity(colon + 1, RTFRAC_QTY_DOSE_GY, &rx, NULL) == RTFRAC_OK &&
                rx > 0.0)
                r->set->prescribed_dose_gy = rx;
        }
    }
    if (i == r->nlines)
        return dvh_int_fail(r, r->nlines ? dvh_int_line_no(r->nlines - 1) : 1,
                            "no header line; expected a header naming the columns, e.g. 'Dose [Gy],Volume [%%]'");

    unsigned header_line = dvh_int_line_no(i);
    char *header = r->lines[i];
    char delim = strchr(header, '\t') ? '\t' : strchr(header, ';') ? ';' : ',';
    r->comma_ok = delim != ',';
    size_t ncols = 0;
    if ((rc = dvh_int_split_delim(r, header, delim, header_line, &ncols)) != RTFRAC_OK)
        return rc;

    long dose_col = -1, volume_col = -1, structure_col = -1, type_col = -1;
    double factor_dose = 1.0, factor_volume = 1.0;
    rtfrac_volume_unit unit = RTFRAC_VOLUME_CC;
    for (size_t k = 0; k < ncols; k++) {
        const char *text = r->fields[k];
        label l;
        split_label(text, &l);
        if (in_list(l.base, dose_bases)) {
            if (dose_col >= 0)
                return dvh_int_fail(r, header_line, "two dose columns ('%s' and '%s'); expected one",
                                    r->fields[dose_col], text);
            if (l.unit[0] == '\0')
                return dvh_int_fail(r, header_line,
                                    "dose column '%s' does not name its unit; expected e.g. 'Dose [Gy]' or 'Dose [cGy]'",
                                    text);
            if (dvh_int_dose_factor(l.unit, &factor_dose) != 0)
                return dvh_int_fail(r, header_line, "unknown dose unit in column '%s'; expected %s", text,
                                    DVH_INT_DOSE_UNITS);
            dose_col = (long)k;
        } else if (in_list(l.base, volume_bases)) {
            if (volume_col >= 0)
                return dvh_int_fail(r, header_line, "two volume columns ('%s' and '%s'); expected one",
                                    r->fields[volume_col], text);
            if (l.unit[0] == '\0')
                return dvh_int_fail(r, header_line,
                                    "volume column '%s' does not name its unit; expected e.g. 'Volume [%%]' or 'Volume [cc]'",
                                    text);
            if (dvh_int_volume_unit_of(l.unit, &unit, &factor_volume) != 0)
                return dvh_int_fail(r, header_line, "unknown volume unit in column '%s'; expected %s", text,
                                    DVH_INT_VOLUME_UNITS);
            volume_col = (long)k;
        } else if (in_list(l.base, structure_bases) && l.unit[0] == '\0') {
            structure_col = (long)k;
        } else if (in_list(l.base, type_bases) && l.unit[0] == '\0') {
            type_col = (long)k;
        }
        /* any other column (relative dose, bin number, ...) is ignored */
    }
    if (dose_col < 0)
        return dvh_int_fail(r, header_line,
                            "no dose column in the header; expected a column such as 'Dose [Gy]', 'Dose (cGy)' or 'dose_gy'");
    if (volume_col < 0)
        return dvh_int_fail(r, header_line,
                            "no volume column in the header; expected a column such as 'Volume [%%]', 'Volume [cc]' or 'volume_cc'");
    if (unit == RTFRAC_VOLUME_CC_PER_GY)
        file_kind = RTFRAC_DVH_DIFFERENTIAL;
    char dose_label[64], volume_label[64];
    snprintf(dose_label, sizeof(dose_label), "column '%.40s'", r->fields[dose_col]);
    snprintf(volume_label, sizeof(volume_label), "column '%.40s'", r->fields[volume_col]);

    char single_name[RTFRAC_DVH_NAME_MAX];
    name_from_path(r->path, single_name, sizeof(single_name));
    int started = 0;
    dvh_int_curve *c = &r->cur;
    for (i++; i < r->nlines; i++) {
        unsigned line = dvh_int_line_no(i);
        char *text = r->lines[i];
        if (dvh_int_is_blank_line(text) || *dvh_int_skip_space(text) == '#')
            continue;
        size_t nf = 0;
        if ((rc = dvh_int_split_delim(r, text, delim, line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf > ncols)
            return dvh_int_fail(r, line, "row has %zu fields but the header (line %u) has %zu columns",
                                nf, header_line, ncols);
        size_t need = (size_t)(dose_col > volume_col ? dose_col : volume_col) + 1;
        if (structure_col >= 0 && (size_t)structure_col + 1 > need)
            need = (size_t)structure_col + 1;
        if (type_col >= 0 && (size_t)type_col + 1 > need)
            need = (size_t)type_col + 1;
        if (nf < need)
            return dvh_int_fail(r, line,
                                "row has %zu fields but the header (line %u) has %zu columns; is the table truncated?",
                                nf, header_line, ncols);

        char name[RTFRAC_DVH_NAME_MAX];
        if (structure_col >= 0) {
            if (r->fields[structure_col][0] == '\0')
                return dvh_int_fail(r, line, "empty structure name; expected the name in column '%s'",
                                    "structure");
            if ((rc = dvh_int_set_name(r, line, "structure name", r->fields[structure_col], name)) != RTFRAC_OK)
                return rc;
        } else {
            snprintf(name, sizeof(name), "%s", single_name);
        }
        rtfrac_dvh_kind kind = file_kind;
        if (type_col >= 0 && r->fields[type_col][0] != '\0' &&
            kind_of_word(r->fields[type_col], &kind) != 0)
            return dvh_int_fail(r, line, "unknown DVH type '%s'; expected 'cumulative' or 'differential'",
                                r->fields[type_col]);
        if (kind == RTFRAC_DVH_CUMULATIVE && unit == RTFRAC_VOLUME_CC_PER_GY)
            return dvh_int_fail(r, line, "a cumulative DVH cannot have a volume per Gy; expected 'differential'");

        if (!started || strcmp(name, c->d.name) != 0) {
            for (size_t k = 0; k < r->set->n; k++)
                if (strcmp(r->set->dvhs[k].name, name) == 0)
                    return dvh_int_fail(r, line,
                                        "structure '%s' appears again (its rows began on line %u); expected each structure's rows together",
                                        name, r->set->dvhs[k].line);
            if (started && (rc = dvh_int_curve_finish(r, c)) != RTFRAC_OK)
                return rc;
            dvh_int_curve_start(c, line, kind, unit);
            snprintf(c->d.name, sizeof(c->d.name), "%s", name);
            started = 1;
        } else if (kind != c->d.kind) {
            return dvh_int_fail(r, line, "'%s': DVH type changes inside the structure (line %u); expected one type per structure",
                                name, c->d.line);
        }
        double dose = 0.0, volume = 0.0;
        if ((rc = dvh_int_parse_number(r, line, text, r->fields[dose_col], dose_label, &dose)) != RTFRAC_OK ||
            (rc = dvh_int_parse_number(r, line, text, r->fields[volume_col], volume_label, &volume)) != RTFRAC_OK)
            return rc;
        if ((rc = dvh_int_curve_add(r, c, line, dose * factor_dose, volume * factor_volume)) != RTFRAC_OK)
            return rc;
    }
    return started ? dvh_int_curve_finish(r, c) : RTFRAC_OK;
}

/* ---- Varian Eclipse ------------------------------------------------------ */

enum { ECL_HEADER, ECL_STRUCTURE, ECL_TABLE };

#define ECLIPSE_COLUMNS_MAX 8

typedef struct eclipse_table {
    char labels[ECLIPSE_COLUMNS_MAX][64];
    size_t ncols;
    long dose_col, volume_col;
    double dose_factor, volume_factor;
    rtfrac_volume_unit unit;
    int differential;
} eclipse_table;

/* The column header of a structure's table: labels each ending in ']'. */
static int eclipse_columns(dvh_int_reader *r, unsigned line, const char *text, eclipse_table *t)
{
    memset(t, 0, sizeof(*t));
    t->dose_col = t->volume_col = -1;
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
            return dvh_int_fail(r, line, "more than %d columns in the DVH table header; expected at most 3",
                                ECLIPSE_COLUMNS_MAX);
        snprintf(t->labels[t->ncols], sizeof(t->labels[0]), "column '%.*s'", len > 48 ? 48 : len, p);
        long col = (long)t->ncols++;
        if (strcmp(base, "dose") == 0) {
            if (t->dose_col >= 0 || dvh_int_dose_factor(unit, &t->dose_factor) != 0)
                return dvh_int_fail(r, line, "unexpected dose column '%.*s'; expected one 'Dose [Gy]' or 'Dose [cGy]'",
                                    len, p);
            t->dose_col = col;
        } else if (strcmp(base, "relativedose") == 0) {
            /* % of the prescription: the absolute dose column is used */
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

static int read_eclipse(dvh_int_reader *r)
{
    int state = ECL_HEADER, rc;
    rtfrac_dvh_kind kind = RTFRAC_DVH_CUMULATIVE;
    char plan[RTFRAC_DVH_NAME_MAX] = "";
    unsigned nplans = 0, nrx = 0, rx_conflict = 0;
    double rx = 0.0;
    eclipse_table t;
    dvh_int_curve *c = &r->cur;
    int started = 0;

    memset(&t, 0, sizeof(t));
    for (size_t i = 0; i < r->nlines; i++) {
        unsigned line = dvh_int_line_no(i);
        char *text = r->lines[i];
        const char *s = dvh_int_skip_space(text);
        if (util_int_starts_ci(s, "Structure:")) {
            if (started && (rc = dvh_int_curve_finish(r, c)) != RTFRAC_OK)
                return rc;
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
                                    "'%s': table row has %zu values but its header has %zu columns; expected %zu numbers (is the table truncated?)",
                                    c->d.name, nf, t.ncols, t.ncols);
            double dose = 0.0, volume = 0.0;
            for (size_t k = 0; k < nf; k++) {
                double v = 0.0;
                if ((rc = dvh_int_parse_number(r, line, text, r->fields[k], t.labels[k], &v)) != RTFRAC_OK)
                    return rc;
                if ((long)k == t.dose_col)
                    dose = v * t.dose_factor;
                else if ((long)k == t.volume_col)
                    volume = v * t.volume_factor;
            }
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
            dvh_int_norm_label(open + 1, close != NULL ? (size_t)(close - open - 1) : 0, unit, sizeof(unit));
            double v = 0.0;
            /* "N/A" or an empty value states no volume */
            if (dvh_int_is_cc(unit) && rtfrac_num_parse(value, &v, NULL) == RTFRAC_OK && v > 0.0)
                c->d.total_volume_cc = v;
        }
    }
    if (nrx > 0 && !rx_conflict && nrx >= nplans)
        r->set->prescribed_dose_gy = rx;
    return started ? dvh_int_curve_finish(r, c) : RTFRAC_OK;
}

/* ---- Oncentra (OMP) ------------------------------------------------------ */

static int read_oncentra(dvh_int_reader *r)
{
    int have_dose = 0, have_volume = 0, in_table = 0, started = 0, rc;
    double factor = 1.0;
    rtfrac_volume_unit unit = RTFRAC_VOLUME_CC;
    rtfrac_dvh_kind kind = RTFRAC_DVH_CUMULATIVE;
    long dose_col = -1, volume_col = -1;
    size_t ncols = 0;
    dvh_int_curve *c = &r->cur;

    r->comma_ok = 1; /* TAB-separated: a decimal comma cannot be a separator */
    for (size_t i = 0; i < r->nlines; i++) {
        unsigned line = dvh_int_line_no(i);
        char *text = dvh_int_trim(r->lines[i]);
        if (*text == '\0' || text[0] == '*')
            continue;
        if (util_int_starts_ci(text, "ROI:")) {
            if (!have_dose || !have_volume)
                return dvh_int_fail(r, line,
                                    "ROI before the file states its units; expected 'Absolute Dose - [Gy]' and 'Absolute Volume - [ccm]' lines first");
            if (started && (rc = dvh_int_curve_finish(r, c)) != RTFRAC_OK)
                return rc;
            dvh_int_curve_start(c, line, kind, unit);
            char *name = dvh_int_trim(text + 4);
            if (*name == '\0')
                return dvh_int_fail(r, line, "empty ROI name; expected 'ROI: <name>'");
            if ((rc = dvh_int_set_name(r, line, "ROI name", name, c->d.name)) != RTFRAC_OK)
                return rc;
            started = 1;
            in_table = 0;
            continue;
        }
        if (!started) {
            const char *dash = strstr(text, " - [");
            if (dash != NULL) {
                char what[64], u[32];
                const char *close = strchr(dash, ']');
                dvh_int_norm_label(text, (size_t)(dash - text), what, sizeof(what));
                dvh_int_norm_label(dash + 4, close != NULL ? (size_t)(close - dash - 4) : 0, u, sizeof(u));
                double f = 1.0;
                if (strcmp(what, "absolutedose") == 0) {
                    if (dvh_int_dose_factor(u, &factor) != 0)
                        return dvh_int_fail(r, line, "unknown dose unit in '%s'; expected %s", text, DVH_INT_DOSE_UNITS);
                    have_dose = 1;
                } else if (strcmp(what, "relativedose") == 0) {
                    return dvh_int_fail(r, line,
                                        "relative dose is not supported; expected 'Absolute Dose - [Gy]' (export the DVH with absolute dose)");
                } else if (strcmp(what, "absolutevolume") == 0 || strcmp(what, "relativevolume") == 0) {
                    if (dvh_int_volume_unit_of(u, &unit, &f) != 0 || unit == RTFRAC_VOLUME_CC_PER_GY)
                        return dvh_int_fail(r, line, "unknown volume unit in '%s'; expected ccm, cc or %%", text);
                    have_volume = 1;
                }
            } else if (util_int_starts_ci(text, "Cumulative")) {
                kind = RTFRAC_DVH_CUMULATIVE;
            } else if (util_int_starts_ci(text, "Differential")) {
                kind = RTFRAC_DVH_DIFFERENTIAL;
            }
            continue;
        }
        if (!dvh_int_is_number_start(text)) {
            size_t nf = 0;
            if ((rc = dvh_int_split_blanks(r, text, line, &nf)) != RTFRAC_OK)
                return rc;
            dose_col = volume_col = -1;
            for (size_t k = 0; k < nf; k++) {
                char w[32];
                dvh_int_norm_label(r->fields[k], strlen(r->fields[k]), w, sizeof(w));
                if (strcmp(w, "dose") == 0)
                    dose_col = (long)k;
                else if (strcmp(w, "volume") == 0)
                    volume_col = (long)k;
            }
            if (dose_col < 0 || volume_col < 0)
                return dvh_int_fail(r, line, "'%s': unexpected line '%s'; expected the column header 'Bin Dose Volume'",
                                    c->d.name, text);
            ncols = nf;
            in_table = 1;
            continue;
        }
        if (!in_table)
            return dvh_int_fail(r, line, "'%s': table row before the column header; expected 'Bin Dose Volume'",
                                c->d.name);
        size_t nf = 0;
        char *linestart = text;
        if ((rc = dvh_int_split_blanks(r, text, line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf != ncols)
            return dvh_int_fail(r, line, "'%s': row has %zu values but the header has %zu columns; is the table truncated?",
                                c->d.name, nf, ncols);
        double dose = 0.0, volume = 0.0, v = 0.0;
        for (size_t k = 0; k < nf; k++) {
            const char *what = (long)k == dose_col ? "dose" : (long)k == volume_col ? "volume" : "bin";
            if ((rc = dvh_int_parse_number(r, line, linestart, r->fields[k], what, &v)) != RTFRAC_OK)
                return rc;
            if ((long)k == dose_col)
                dose = v * factor;
            else if ((long)k == volume_col)
                volume = v;
        }
        if ((rc = dvh_int_curve_add(r, c, line, dose, volume)) != RTFRAC_OK)
            return rc;
    }
    return started ? dvh_int_curve_finish(r, c) : RTFRAC_OK;
}

/* ---- SlicerRT DVH table -------------------------------------------------- */

/* "<name> Value (% of 48.613 cc)" or "(%)" or "(cc)". */
static int slicer_value_label(dvh_int_reader *r, unsigned line, const char *inner, size_t n, dvh_int_curve *c)
{
    char buf[96];
    if (n >= sizeof(buf))
        n = sizeof(buf) - 1;
    memcpy(buf, inner, n);
    buf[n] = '\0';
    char *s = dvh_int_trim(buf);
    char u[32];
    dvh_int_norm_label(s, strlen(s), u, sizeof(u));
    if (strcmp(u, "%") == 0) {
        c->d.volume_unit = RTFRAC_VOLUME_PERCENT;
        return RTFRAC_OK;
    }
    if (dvh_int_is_cc(u)) {
        c->d.volume_unit = RTFRAC_VOLUME_CC;
        return RTFRAC_OK;
    }
    if (s[0] == '%' && util_int_starts_ci(dvh_int_skip_space(s + 1), "of ")) {
        const char *num = dvh_int_skip_space(dvh_int_skip_space(s + 1) + 3);
        size_t used = 0;
        double v = 0.0;
        if (rtfrac_num_scan(num, &used, &v, NULL, NULL) == RTFRAC_OK) {
            dvh_int_norm_label(num + used, strlen(num + used), u, sizeof(u));
            if (dvh_int_is_cc(u) && v >= 0.0) {
                c->d.volume_unit = RTFRAC_VOLUME_PERCENT;
                c->d.total_volume_cc = v;
                return RTFRAC_OK;
            }
        }
    }
    return dvh_int_fail(r, line, "'%s': unexpected volume unit '(%s)'; expected '(%% of <volume> cc)', '(%%)' or '(cc)'",
                        c->d.name, s);
}

static int read_slicerrt(dvh_int_reader *r)
{
    size_t i = 0, nf = 0;
    int rc;
    while (i < r->nlines && dvh_int_is_blank_line(r->lines[i]))
        i++;
    if (i == r->nlines)
        return dvh_int_fail(r, 1, "no header line; expected '<name> Dose (Gy),<name> Value (%%),...'");
    unsigned header_line = dvh_int_line_no(i);
    if ((rc = dvh_int_split_delim(r, r->lines[i], ',', header_line, &nf)) != RTFRAC_OK)
        return rc;
    if (nf == 0 || nf % 2 != 0)
        return dvh_int_fail(r, header_line,
                            "the header has %zu columns; expected pairs '<name> Dose (Gy)', '<name> Value (%%)'", nf);
    r->nwide = nf / 2;
    r->wide = calloc(r->nwide, sizeof(*r->wide));
    r->factors = calloc(r->nwide, sizeof(*r->factors));
    if (r->wide == NULL || r->factors == NULL)
        return dvh_int_no_memory(r, header_line);
    for (size_t k = 0; k < r->nwide; k++) {
        dvh_int_curve *c = &r->wide[k];
        const char *dl = r->fields[2 * k], *vl = r->fields[2 * k + 1];
        const char *dp = dvh_int_find_last_ci(dl, " Dose ("), *vp = dvh_int_find_last_ci(vl, " Value (");
        const char *dclose = dp != NULL ? strchr(dp, ')') : NULL;
        const char *vclose = vp != NULL ? strrchr(vp, ')') : NULL;
        if (dp == NULL || dclose == NULL || vp == NULL || vclose == NULL)
            return dvh_int_fail(r, header_line,
                                "columns %zu and %zu ('%s', '%s'); expected '<name> Dose (Gy)' and '<name> Value (%% of <volume> cc)'",
                                2 * k + 1, 2 * k + 2, dl, vl);
        size_t namelen = (size_t)(dp - dl);
        if ((size_t)(vp - vl) != namelen || strncmp(dl, vl, namelen) != 0)
            return dvh_int_fail(r, header_line, "columns '%s' and '%s' name different structures; expected a pair for one structure",
                                dl, vl);
        char raw[RTFRAC_DVH_NAME_MAX + 16];
        if (namelen >= sizeof(raw))
            namelen = sizeof(raw) - 1; /* set_name refuses it as too long */
        memcpy(raw, dl, namelen);
        raw[namelen] = '\0';
        size_t rl = strlen(raw);
        if (rl > 9 && strcmp(raw + rl - 9, "_DvhArray") == 0)
            raw[rl - 9] = '\0'; /* older SlicerRT array node names */
        dvh_int_curve_start(c, header_line, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT);
        if ((rc = dvh_int_set_name(r, header_line, "structure name", raw, c->d.name)) != RTFRAC_OK)
            return rc;
        char u[32];
        dvh_int_norm_label(dp + 7, (size_t)(dclose - dp - 7), u, sizeof(u));
        if (dvh_int_dose_factor(u, &r->factors[k]) != 0)
            return dvh_int_fail(r, header_line, "unknown dose unit in column '%s'; expected %s", dl, DVH_INT_DOSE_UNITS);
        const char *vopen = vp + 8;
        if ((rc = slicer_value_label(r, header_line, vopen, (size_t)(vclose - vopen), c)) != RTFRAC_OK)
            return rc;
    }
    const double *factors = r->factors;
    for (i++; i < r->nlines && rc == RTFRAC_OK; i++) {
        unsigned line = dvh_int_line_no(i);
        if (dvh_int_is_blank_line(r->lines[i]))
            continue;
        if ((rc = dvh_int_split_delim(r, r->lines[i], ',', line, &nf)) != RTFRAC_OK)
            break;
        if (nf > 2 * r->nwide) {
            rc = dvh_int_fail(r, line, "row has %zu fields but the header (line %u) has %zu columns", nf,
                              header_line, 2 * r->nwide);
            break;
        }
        for (size_t k = 0; k < r->nwide && rc == RTFRAC_OK; k++) {
            dvh_int_curve *c = &r->wide[k];
            const char *ds = 2 * k < nf ? r->fields[2 * k] : "";
            const char *vs = 2 * k + 1 < nf ? r->fields[2 * k + 1] : "";
            if (*ds == '\0' && *vs == '\0')
                continue; /* this structure's curve has ended */
            char what[RTFRAC_DVH_NAME_MAX + 16];
            double dose = 0.0, volume = 0.0;
            snprintf(what, sizeof(what), "'%s' dose", c->d.name);
            if ((rc = dvh_int_parse_number(r, line, r->lines[i], ds, what, &dose)) != RTFRAC_OK)
                break;
            snprintf(what, sizeof(what), "'%s' value", c->d.name);
            if ((rc = dvh_int_parse_number(r, line, r->lines[i], vs, what, &volume)) != RTFRAC_OK)
                break;
            rc = dvh_int_curve_add(r, c, line, dose * factors[k], volume);
        }
    }
    for (size_t k = 0; k < r->nwide && rc == RTFRAC_OK; k++)
        rc = dvh_int_curve_finish(r, &r->wide[k]);
    return rc;
}

/* ---- RaySearch RayStation ------------------------------------------------ */

/* RayStation's DVH text export (.dvh).  The layout was learnt from public
 * readers of it and from a sample, not from vendor documentation:
 *  - cran/RadOnc, R/read.DVH.R (read.DVH.RayStation): header lines
 *    "#PatientName:", "#PatientId:", "#Dosename:"; per ROI "#RoiName:<name>",
 *    "#Roi volume fraction outside grid: <x>%", "#Dose unit: cGy", then rows
 *    "<dose> <volume>", a cumulative DVH with the volume in % of the ROI;
 *  - dwoll/DVHmetrics, R/parseRayStation.R: rows of dose TAB volume in %,
 *    "#Dosename:" lines repeated between ROIs, the unit line written
 *    "#Unit: cGy" from RayStation 12 on, optional "#RoiVolume:" (cm3) and
 *    "#Rx dose:" ("<number> Gy|cGy") lines;
 *  - the RayStation 12 file quoted in dwoll/DVHmetrics issue #5:
 *    "#PatientName:123456", "#PatientId:123456", "#Dosename:Plan dose: MC
 *    (CT 1)", "#RoiName:PTV", "#Roi volume fraction outside grid: 0%",
 *    "#Unit: cGy", "0.000<TAB>100.000", "27.641<TAB>100.000", ...
 * Any other "#" line (statistics) is skipped.  A unit other than Gy or cGy,
 * or a "#Volume unit:" other than %, is refused rather than guessed. */

enum { RS_HEADER, RS_ROI, RS_ROWS };

static int read_raystation(dvh_int_reader *r)
{
    int state = RS_HEADER, rc;
    double factor = 0.0;
    char plan[RTFRAC_DVH_NAME_MAX] = "";
    dvh_int_curve *c = &r->cur;
    int started = 0;

    for (size_t i = 0; i < r->nlines; i++) {
        unsigned line = dvh_int_line_no(i);
        char *text = dvh_int_trim(r->lines[i]);
        if (*text == '\0')
            continue;
        if (*text == '#') {
            char *value = NULL;
            char *key = dvh_int_key_value(text + 1, &value);
            char k[64];
            if (key == NULL)
                continue; /* a comment without "key:" */
            dvh_int_norm_label(key, strlen(key), k, sizeof(k));
            if (strcmp(k, "roiname") == 0) {
                if (started && (rc = dvh_int_curve_finish(r, c)) != RTFRAC_OK)
                    return rc;
                if (*value == '\0')
                    return dvh_int_fail(r, line, "empty ROI name; expected '#RoiName:<name>'");
                dvh_int_curve_start(c, line, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT);
                if ((rc = dvh_int_set_name(r, line, "ROI name", value, c->d.name)) != RTFRAC_OK)
                    return rc;
                snprintf(c->d.plan, sizeof(c->d.plan), "%s", plan);
                started = 1;
                factor = 0.0;
                state = RS_ROI;
            } else if (strcmp(k, "dosename") == 0) {
                /* names the dose of the ROIs that follow */
                if ((rc = dvh_int_set_name(r, line, "dose name", value, plan)) != RTFRAC_OK)
                    return rc;
            } else if (strcmp(k, "doseunit") == 0 || strcmp(k, "unit") == 0) {
                char u[32];
                dvh_int_norm_label(value, strlen(value), u, sizeof(u));
                if (state == RS_HEADER)
                    return dvh_int_fail(r, line, "dose unit before any ROI; expected '#RoiName:<name>' first");
                if (state == RS_ROWS)
                    return dvh_int_fail(r, line, "'%s': a dose unit after the ROI's rows; expected one before them",
                                        c->d.name);
                if (dvh_int_dose_factor(u, &factor) != 0)
                    return dvh_int_fail(r, line, "'%s': unknown dose unit '%s'; expected %s", c->d.name, value,
                                        DVH_INT_DOSE_UNITS);
            } else if (strcmp(k, "volumeunit") == 0) {
                char u[32];
                dvh_int_norm_label(value, strlen(value), u, sizeof(u));
                if (strcmp(u, "%") != 0)
                    return dvh_int_fail(r, line,
                                        "unsupported volume unit '%s'; expected '%%' (the RayStation DVH export gives %% of the ROI)",
                                        value);
            } else if (strcmp(k, "roivolume") == 0 && state != RS_HEADER) {
                double v = 0.0;
                if (rtfrac_num_parse_quantity(value, RTFRAC_QTY_VOLUME_CC, &v, NULL) != RTFRAC_OK || v < 0.0)
                    return dvh_int_fail(r, line, "'%s': ROI volume '%s' is not a volume; expected a number of cm3",
                                        c->d.name, value);
                c->d.total_volume_cc = v;
            } else if (strcmp(k, "rxdose") == 0 && state == RS_HEADER) {
                double v = 0.0;
                if (rtfrac_num_parse_quantity(value, RTFRAC_QTY_DOSE_GY, &v, NULL) == RTFRAC_OK && v > 0.0)
                    r->set->prescribed_dose_gy = v;
            }
            continue;
        }
        if (state == RS_HEADER)
            return dvh_int_fail(r, line, "unexpected line '%s' before any ROI; expected '#RoiName:<name>'", text);
        if (factor <= 0.0)
            return dvh_int_fail(r, line, "'%s': row before the dose unit; expected '#Dose unit: cGy' or '#Unit: cGy' after '#RoiName:'",
                                c->d.name);
        state = RS_ROWS;
        size_t nf = 0;
        char *linestart = text;
        if ((rc = dvh_int_split_blanks(r, text, line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf != 2)
            return dvh_int_fail(r, line, "'%s': row has %zu values; expected 2 (dose and volume in %%)", c->d.name, nf);
        double dose = 0.0, volume = 0.0;
        if ((rc = dvh_int_parse_number(r, line, linestart, r->fields[0], "dose", &dose)) != RTFRAC_OK ||
            (rc = dvh_int_parse_number(r, line, linestart, r->fields[1], "volume", &volume)) != RTFRAC_OK)
            return rc;
        if ((rc = dvh_int_curve_add(r, c, line, dose * factor, volume)) != RTFRAC_OK)
            return rc;
    }
    return started ? dvh_int_curve_finish(r, c) : RTFRAC_OK;
}

/* ---- detection ------------------------------------------------------------ */

static int refuse(dvh_int_reader *r, unsigned line, const char *what)
{
    return dvh_int_fail(r, line,
                        "unsupported format: %s; expected a generic CSV/TSV DVH, an Eclipse, Oncentra, SlicerRT DVH table or RayStation DVH export",
                        what);
}

static int detect(dvh_int_reader *r, rtfrac_dvh_format *format)
{
    size_t first = 0;
    while (first < r->nlines && dvh_int_is_blank_line(r->lines[first]))
        first++;
    if (first == r->nlines)
        return dvh_int_fail(r, 1, "the file is empty; expected a DVH export");
    const char *l1 = dvh_int_skip_space(r->lines[first]);
    if (util_int_starts_ci(l1, "Patient Name") && strchr(l1, ':') != NULL) {
        *format = RTFRAC_DVH_FORMAT_ECLIPSE;
        return RTFRAC_OK;
    }
    for (size_t i = first; i < r->nlines && i < first + DETECT_LINES; i++) {
        const char *s = dvh_int_skip_space(r->lines[i]);
        if (util_int_starts_ci(s, "#PatientName:") || util_int_starts_ci(s, "#RoiName:")) {
            *format = RTFRAC_DVH_FORMAT_RAYSTATION;
            return RTFRAC_OK;
        }
        if (util_int_starts_ci(s, "Absolute Dose - [") || util_int_starts_ci(s, "Relative Dose - [")) {
            *format = RTFRAC_DVH_FORMAT_ONCENTRA;
            return RTFRAC_OK;
        }
    }
    if (util_int_starts_ci(l1, "Patient ID,ROI,"))
        return refuse(r, dvh_int_line_no(first),
                      "OnkoDICOM DVH CSV (one row per ROI, doses only in the column names)");
    if (util_int_starts_ci(l1, "#,") && first + 1 < r->nlines &&
        dvh_int_find_last_ci(r->lines[first + 1], "(volume:") != NULL)
        return refuse(r, dvh_int_line_no(first + 1),
                      "dicom_tools WriteDVH CSV (the file does not state its dose unit)");
    size_t h = first;
    while (h < r->nlines && (dvh_int_is_blank_line(r->lines[h]) || *dvh_int_skip_space(r->lines[h]) == '#'))
        h++;
    if (h == r->nlines)
        return dvh_int_fail(r, dvh_int_line_no(r->nlines - 1),
                            "no header line; expected a header naming the columns, e.g. 'Dose [Gy],Volume [%%]'");
    const char *hl = dvh_int_skip_space(r->lines[h]);
    if (util_int_starts_ci(hl, "Structure,") && dvh_int_find_last_ci(hl, "Mean dose") != NULL)
        return refuse(r, dvh_int_line_no(h), "SlicerRT DVH metrics table (statistics, no curves)");
    if (dvh_int_find_last_ci(hl, " Dose (") != NULL && dvh_int_find_last_ci(hl, " Value (") != NULL) {
        *format = RTFRAC_DVH_FORMAT_SLICERRT;
        return RTFRAC_OK;
    }
    if (strpbrk(hl, ",;\t") != NULL && dvh_int_find_last_ci(hl, "dose") != NULL) {
        *format = RTFRAC_DVH_FORMAT_GENERIC;
        return RTFRAC_OK;
    }
    return dvh_int_fail(r, dvh_int_line_no(first),
                        "unrecognised DVH file; expected a generic CSV/TSV with a header such as 'Dose [Gy],Volume [%%]', an Eclipse ('Patient Name :'), Oncentra ('Absolute Dose - [Gy]'), SlicerRT DVH table or RayStation ('#RoiName:') export");
}

/* ---- public ----------------------------------------------------------------- */

void rtfrac_dvh_set_free(rtfrac_dvh_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->n; i++) {
        free(set->dvhs[i].dose_gy);
        free(set->dvhs[i].volume);
    }
    free(set->dvhs);
    free(set);
}

int rtfrac_dvh_read(const char *path, rtfrac_dvh_format format, rtfrac_dvh_set **out,
                    rtfrac_diag *diag)
{
    assert(path != NULL && out != NULL);
    dvh_int_reader r;
    memset(&r, 0, sizeof(r));
    r.path = path;
    r.diag = diag;
    if (diag != NULL)
        rtfrac_diag_clear(diag);

    int rc = dvh_int_reader_load(&r);
    if (rc == RTFRAC_OK) {
        r.set = calloc(1, sizeof(*r.set));
        if (r.set == NULL)
            rc = dvh_int_no_memory(&r, 0);
    }
    if (rc == RTFRAC_OK) {
        snprintf(r.set->file, sizeof(r.set->file), "%s", path);
        if (format == RTFRAC_DVH_FORMAT_AUTO)
            rc = detect(&r, &format);
    }
    if (rc == RTFRAC_OK) {
        r.set->format = format;
        switch (format) {
        case RTFRAC_DVH_FORMAT_GENERIC: rc = read_generic(&r); break;
        case RTFRAC_DVH_FORMAT_ECLIPSE: rc = read_eclipse(&r); break;
        case RTFRAC_DVH_FORMAT_ONCENTRA: rc = read_oncentra(&r); break;
        case RTFRAC_DVH_FORMAT_SLICERRT: rc = read_slicerrt(&r); break;
        case RTFRAC_DVH_FORMAT_RAYSTATION: rc = read_raystation(&r); break;
        case RTFRAC_DVH_FORMAT_AUTO:
        default: rc = dvh_int_report(&r, RTFRAC_EINVAL, 0, 0, "unknown DVH format %d", (int)format); break;
        }
    }
    if (rc == RTFRAC_OK && r.set->n == 0)
        rc = dvh_int_fail(&r, r.nlines > 0 ? dvh_int_line_no(r.nlines - 1) : 1,
                          "no DVH curve in the file (every structure is empty); expected at least one structure with rows");

    dvh_int_reader_release(&r);
    if (rc != RTFRAC_OK) {
        rtfrac_dvh_set_free(r.set);
        return rc;
    }
    *out = r.set;
    return RTFRAC_OK;
}

static const char *const format_names[] = { "auto", "generic", "eclipse", "oncentra", "slicerrt",
                                            "raystation" };

const char *rtfrac_dvh_format_name(rtfrac_dvh_format format)
{
    if ((unsigned)format < sizeof(format_names) / sizeof(format_names[0]))
        return format_names[format];
    return "unknown";
}

int rtfrac_dvh_format_parse(const char *name, rtfrac_dvh_format *format)
{
    assert(name != NULL && format != NULL);
    for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
        if (util_int_equal_ci(name, strlen(name), format_names[i])) {
            *format = (rtfrac_dvh_format)i;
            return RTFRAC_OK;
        }
    }
    return RTFRAC_EINVAL;
}
