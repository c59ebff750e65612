/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Generic CSV or TSV DVH: a header naming the dose and volume columns with
 * their units, optional structure and type columns, "#" comments before the
 * header for the kind and the prescription (see include/rtfrac/dvh.h). */
#include <stdio.h>
#include <string.h>

#include "dvh_int.h"
#include "rtfrac/num.h"
#include "util_int.h"

/* The header line: delimited columns, one of them a dose.  Asked after
 * every other format, which have more particular marks. */
int dvh_int_generic_detect(const char *line, dvh_int_where where)
{
    return where == DVH_INT_HEADER_LINE && strpbrk(line, ",;\t") != NULL &&
           dvh_int_find_last_ci(line, "dose") != NULL;
}

typedef struct label {
    char base[96];
    char unit[32];
} label;

/* "Dose [Gy]", "Dose (cGy)", "dose_gy", "Volume" -> base and unit, both
 * normalised by dvh_int_norm_label. */
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

int dvh_int_generic_read(dvh_int_reader *r)
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
                return dvh_int_fail(r, header_line,
                                    "two dose columns ('%s' and '%s'); expected one",
                                    r->fields[dose_col], text);
            if (l.unit[0] == '\0')
                return dvh_int_fail(r, header_line,
                                    "dose column '%s' does not name its unit; expected e.g. 'Dose [Gy]' or 'Dose [cGy]'",
                                    text);
            if (dvh_int_dose_factor(l.unit, &factor_dose) != 0)
                return dvh_int_fail(r, header_line,
                                    "unknown dose unit in column '%s'; expected %s", text,
                                    DVH_INT_DOSE_UNITS);
            dose_col = (long)k;
        } else if (in_list(l.base, volume_bases)) {
            if (volume_col >= 0)
                return dvh_int_fail(r, header_line,
                                    "two volume columns ('%s' and '%s'); expected one",
                                    r->fields[volume_col], text);
            if (l.unit[0] == '\0')
                return dvh_int_fail(r, header_line,
                                    "volume column '%s' does not name its unit; expected e.g. 'Volume [%%]' or 'Volume [cc]'",
                                    text);
            if (dvh_int_volume_unit_of(l.unit, &unit, &factor_volume) != 0)
                return dvh_int_fail(r, header_line,
                                    "unknown volume unit in column '%s'; expected %s", text,
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
            return dvh_int_fail(r, line,
                                "row has %zu field%s but the header (line %u) has %zu column%s",
                                nf, util_int_plural_s(nf), header_line, ncols, util_int_plural_s(ncols));
        size_t need = (size_t)(dose_col > volume_col ? dose_col : volume_col) + 1;
        if (structure_col >= 0 && (size_t)structure_col + 1 > need)
            need = (size_t)structure_col + 1;
        if (type_col >= 0 && (size_t)type_col + 1 > need)
            need = (size_t)type_col + 1;
        if (nf < need)
            return dvh_int_fail(r, line,
                                "row has %zu field%s but the header (line %u) has %zu column%s; is the table truncated?",
                                nf, util_int_plural_s(nf), header_line, ncols, util_int_plural_s(ncols));

        char name[RTFRAC_DVH_NAME_MAX];
        if (structure_col >= 0) {
            if (r->fields[structure_col][0] == '\0')
                return dvh_int_fail(r, line,
                                    "empty structure name; expected the name in column '%s'",
                                    "structure");
            rc = dvh_int_set_name(r, line, "structure name", r->fields[structure_col], name);
            if (rc != RTFRAC_OK)
                return rc;
        } else {
            snprintf(name, sizeof(name), "%s", single_name);
        }
        rtfrac_dvh_kind kind = file_kind;
        if (type_col >= 0 && r->fields[type_col][0] != '\0' &&
            kind_of_word(r->fields[type_col], &kind) != 0)
            return dvh_int_fail(r, line,
                                "unknown DVH type '%s'; expected 'cumulative' or 'differential'",
                                r->fields[type_col]);
        if (kind == RTFRAC_DVH_CUMULATIVE && unit == RTFRAC_VOLUME_CC_PER_GY)
            return dvh_int_fail(r, line,
                                "a cumulative DVH cannot have a volume per Gy; expected 'differential'");

        if (!started || strcmp(name, c->d.name) != 0) {
            unsigned first = 0;
            int seen = dvh_int_name_seen(r, name, line, &first);
            if (seen < 0)
                return dvh_int_no_memory(r, line);
            if (seen)
                return dvh_int_fail(r, line,
                                    "structure '%s' appears again (its rows began on line %u); expected each structure's rows together",
                                    name, first);
            if (started && (rc = dvh_int_curve_finish(r, c)) != RTFRAC_OK)
                return rc;
            dvh_int_curve_start(c, line, kind, unit);
            snprintf(c->d.name, sizeof(c->d.name), "%s", name);
            started = 1;
        } else if (kind != c->d.kind) {
            return dvh_int_fail(r, line,
                                "'%s': DVH type changes inside the structure (line %u); expected one type per structure",
                                name, c->d.line);
        }
        double dose = 0.0, volume = 0.0;
        if ((rc = dvh_int_parse_number(r, line, text, r->fields[dose_col], dose_label, &dose)) !=
                RTFRAC_OK ||
            (rc = dvh_int_parse_number(r, line, text, r->fields[volume_col], volume_label,
                                       &volume)) != RTFRAC_OK)
            return rc;
        rc = dvh_int_curve_add(r, c, line, dose * factor_dose, volume * factor_volume);
        if (rc != RTFRAC_OK)
            return rc;
    }
    return started ? dvh_int_curve_finish(r, c) : RTFRAC_OK;
}
