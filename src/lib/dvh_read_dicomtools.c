/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dicom_tools (github.com/mwgeurts/dicom_tools) WriteDVH CSV: "#,<file>",
 * then ",<name> (<n>)(volume: <cc>),..." and rows of a dose followed by one
 * cumulative volume in % per structure, each row ending in ','.  The file
 * never states its dose unit (WriteDVH's documentation says Gy): the caller
 * gives it (rtfrac_dvh_read_options), or the file is refused.  A structure
 * outside the dose grid is a column of NaN. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dvh_int.h"
#include "rtfrac/num.h"
#include "util_int.h"

#define DT_VOLUME ")(volume:"

/* The header: an empty first column, then structures with their volume. */
int dvh_int_dicomtools_detect(const char *line, dvh_int_where where)
{
    return where == DVH_INT_EARLY_LINE && *line == ',' && dvh_int_find_last_ci(line, DT_VOLUME) != NULL;
}

/* "Lung_Total (11)(volume: 2222.28)": name, ordinal and volume in cm3. */
static int dt_column(dvh_int_reader *r, unsigned line, size_t col, const char *label,
                     dvh_int_curve *c)
{
    const char *vp = dvh_int_find_last_ci(label, DT_VOLUME);
    const char *open = NULL;
    for (const char *p = label; vp != NULL && p < vp; p++)
        if (*p == '(')
            open = p;
    double v = 0.0;
    size_t used = 0;
    int ok = vp != NULL && open != NULL && open > label && vp[strlen(DT_VOLUME)] != '\0';
    for (const char *p = ok ? open + 1 : label; ok && p < vp; p++)
        ok = *p >= '0' && *p <= '9';
    if (ok) {
        const char *num = dvh_int_skip_space(vp + strlen(DT_VOLUME));
        ok = rtfrac_num_scan(num, &used, &v, NULL, NULL) == RTFRAC_OK && v >= 0.0 &&
             strcmp(dvh_int_skip_space(num + used), ")") == 0;
    }
    if (!ok)
        return dvh_int_fail(r, line, "column %zu is '%s'; expected '<name> (<n>)(volume: <cc>)'",
                            col + 1, label);
    char raw[RTFRAC_DVH_NAME_MAX + 16];
    size_t n = (size_t)(open - label);
    if (n >= sizeof(raw))
        n = sizeof(raw) - 1; /* dvh_int_set_name refuses it as too long */
    memcpy(raw, label, n);
    raw[n] = '\0';
    char *name = dvh_int_trim(raw);
    if (*name == '\0')
        return dvh_int_fail(r, line, "column %zu has an empty structure name; expected '<name> (<n>)(volume: <cc>)'",
                            col + 1);
    dvh_int_curve_start(c, line, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT);
    c->d.total_volume_cc = v;
    return dvh_int_set_name(r, line, "structure name", name, c->d.name);
}

enum { DT_EMPTY, DT_NUMBERS, DT_NAN };

int dvh_int_dicomtools_read(dvh_int_reader *r)
{
    size_t i = 0, nf = 0;
    unsigned char *state = NULL;
    int rc;
    while (i < r->nlines &&
           (dvh_int_is_blank_line(r->lines[i]) || *dvh_int_skip_space(r->lines[i]) == '#'))
        i++;
    if (i == r->nlines)
        return dvh_int_fail(r, 1, "no header line; expected ',<name> (<n>)(volume: <cc>),...'");
    unsigned header_line = dvh_int_line_no(i);
    if ((rc = dvh_int_split_delim(r, r->lines[i], ',', header_line, &nf)) != RTFRAC_OK)
        return rc;
    if (nf < 2 || r->fields[0][0] != '\0')
        return dvh_int_fail(r, header_line,
                            "unexpected header; expected an empty dose column, then '<name> (<n>)(volume: <cc>)' per structure");
    r->nwide = nf - 1;
    r->wide = calloc(r->nwide, sizeof(*r->wide));
    state = calloc(r->nwide, sizeof(*state));
    if (r->wide == NULL || state == NULL) {
        rc = dvh_int_no_memory(r, header_line);
        goto done;
    }
    for (size_t k = 0; k < r->nwide; k++)
        if ((rc = dt_column(r, header_line, k + 1, r->fields[k + 1], &r->wide[k])) != RTFRAC_OK)
            goto done;
    if (!r->options->has_dose_unit) {
        rc = dvh_int_fail(r, header_line,
                          "the dicom_tools WriteDVH file does not state its dose unit; give it with --dose-unit Gy|cGy (WriteDVH's documentation says Gy)");
        goto done;
    }
    const double factor = r->options->gy_per_unit;

    for (i++; i < r->nlines; i++) {
        unsigned line = dvh_int_line_no(i);
        const char *linestart = r->lines[i];
        if (dvh_int_is_blank_line(linestart))
            continue;
        if ((rc = dvh_int_split_delim(r, r->lines[i], ',', line, &nf)) != RTFRAC_OK)
            goto done;
        if (nf != r->nwide + 1) {
            rc = dvh_int_fail(r, line, "row has %zu field%s but the header (line %u) has %zu column%s",
                              nf, util_int_plural_s(nf), header_line, r->nwide + 1, util_int_plural_s(r->nwide + 1));
            goto done;
        }
        double dose = 0.0;
        if ((rc = dvh_int_parse_number(r, line, linestart, r->fields[0], "the dose", &dose)) !=
            RTFRAC_OK)
            goto done;
        for (size_t k = 0; k < r->nwide; k++) {
            dvh_int_curve *c = &r->wide[k];
            const char *vs = r->fields[k + 1];
            int nan = util_int_equal_ci(vs, strlen(vs), "NaN");
            if (state[k] != DT_EMPTY && (state[k] == DT_NAN) != nan) {
                rc = dvh_int_fail(r, line,
                                  "'%s': '%s' in a column of %s; expected a number in every row or NaN in every row",
                                  c->d.name, vs, state[k] == DT_NAN ? "NaN" : "numbers");
                goto done;
            }
            state[k] = nan ? DT_NAN : DT_NUMBERS;
            if (nan)
                continue;
            char what[RTFRAC_DVH_NAME_MAX + 16];
            double v = 0.0;
            snprintf(what, sizeof(what), "'%s' volume", c->d.name);
            if ((rc = dvh_int_parse_number(r, line, linestart, vs, what, &v)) != RTFRAC_OK)
                goto done;
            if ((rc = dvh_int_curve_add(r, c, line, dose * factor, v)) != RTFRAC_OK)
                goto done;
        }
    }
    for (size_t k = 0; k < r->nwide; k++) {
        /* A column of NaN (a couch outside the dose grid in the real export)
         * is a broken structure: listed with its reason in set->unread. */
        if (state[k] == DT_NAN &&
            (rc = dvh_int_curve_break(r, &r->wide[k], 0, "'%s': every volume is NaN: no DVH",
                                      r->wide[k].d.name)) != RTFRAC_OK)
            goto done;
        if ((rc = dvh_int_curve_finish(r, &r->wide[k])) != RTFRAC_OK)
            goto done;
    }
    rc = RTFRAC_OK;
done:
    free(state);
    return rc;
}
