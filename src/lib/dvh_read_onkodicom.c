/* SPDX-License-Identifier: GPL-3.0-or-later */
/* OnkoDICOM DVH CSV: one row per ROI, "Patient ID,ROI,Volume (mL)" and then
 * one column per dose, the dose and its unit in the column name ("0cGy",
 * "10cGy", ...); the cells are cumulative volumes in % of the ROI (OnkoDICOM
 * writes 100 at 0 cGy for every ROI with a volume). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dvh_int.h"
#include "rtfrac/num.h"
#include "util_int.h"

#define ONKO_HEADER "Patient ID,ROI,"
#define ONKO_FIXED 3 /* Patient ID, ROI, Volume (mL) */

int dvh_int_onkodicom_detect(const char *line, dvh_int_where where)
{
    return where == DVH_INT_FIRST_LINE && util_int_starts_ci(line, ONKO_HEADER);
}

/* "4140cGy": a dose and its unit, in Gy. */
static int dose_column(dvh_int_reader *r, unsigned line, size_t col, const char *label,
                       double *dose_gy)
{
    size_t used = 0;
    double v = 0.0, factor = 0.0;
    char unit[32];
    if (rtfrac_num_scan(label, &used, &v, NULL, NULL) == RTFRAC_OK && v >= 0.0) {
        dvh_int_norm_label(label + used, strlen(label + used), unit, sizeof(unit));
        if (dvh_int_dose_factor(unit, &factor) == 0) {
            *dose_gy = v * factor;
            return RTFRAC_OK;
        }
    }
    return dvh_int_fail(r, line, "column %zu is '%s'; expected a dose with its unit such as '10cGy' (%s)",
                        col + 1, label, DVH_INT_DOSE_UNITS);
}

int dvh_int_onkodicom_read(dvh_int_reader *r)
{
    size_t i = 0, nf = 0, ncols = 0;
    double *dose_gy = NULL;
    int rc;
    while (i < r->nlines && dvh_int_is_blank_line(r->lines[i]))
        i++;
    if (i == r->nlines)
        return dvh_int_fail(r, 1, "no header line; expected 'Patient ID,ROI,Volume (mL),0cGy,...'");
    unsigned header_line = dvh_int_line_no(i);
    if ((rc = dvh_int_split_delim(r, r->lines[i], ',', header_line, &nf)) != RTFRAC_OK)
        return rc;
    char vol[32];
    if (nf >= ONKO_FIXED)
        dvh_int_norm_label(r->fields[2], strlen(r->fields[2]), vol, sizeof(vol));
    if (nf <= ONKO_FIXED || !util_int_equal_ci(r->fields[0], strlen(r->fields[0]), "Patient ID") ||
        !util_int_equal_ci(r->fields[1], strlen(r->fields[1]), "ROI") ||
        (strcmp(vol, "volume(ml)") != 0 && strcmp(vol, "volume(cc)") != 0 &&
         strcmp(vol, "volume(cm3)") != 0))
        return dvh_int_fail(r, header_line,
                            "unexpected OnkoDICOM header; expected 'Patient ID,ROI,Volume (mL)' and one column per dose such as '0cGy'");
    ncols = nf;
    dose_gy = malloc((ncols - ONKO_FIXED) * sizeof(*dose_gy));
    if (dose_gy == NULL)
        return dvh_int_no_memory(r, header_line);
    for (size_t k = ONKO_FIXED; k < ncols; k++)
        if ((rc = dose_column(r, header_line, k, r->fields[k], &dose_gy[k - ONKO_FIXED])) != RTFRAC_OK)
            goto done;

    for (i++; i < r->nlines; i++) {
        unsigned line = dvh_int_line_no(i);
        const char *linestart = r->lines[i];
        if (dvh_int_is_blank_line(linestart))
            continue;
        if ((rc = dvh_int_split_delim(r, r->lines[i], ',', line, &nf)) != RTFRAC_OK)
            goto done;
        if (nf != ncols) {
            rc = dvh_int_fail(r, line, "row has %zu field%s but the header (line %u) has %zu column%s",
                              nf, util_int_plural_s(nf), header_line, ncols, util_int_plural_s(ncols));
            goto done;
        }
        dvh_int_curve *c = &r->cur;
        dvh_int_curve_start(c, line, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT);
        if (r->fields[1][0] == '\0') {
            rc = dvh_int_fail(r, line, "empty ROI name; expected one in column 2");
            goto done;
        }
        if ((rc = dvh_int_set_name(r, line, "ROI name", r->fields[1], c->d.name)) != RTFRAC_OK)
            goto done;
        char what[RTFRAC_DVH_NAME_MAX + 32];
        double volume_cc = 0.0;
        snprintf(what, sizeof(what), "'%s' Volume (mL)", c->d.name);
        if ((rc = dvh_int_parse_number(r, line, linestart, r->fields[2], what, &volume_cc)) !=
            RTFRAC_OK)
            goto done;
        if (volume_cc < 0.0) {
            rc = dvh_int_fail(r, line, "'%s': negative volume %g mL; expected 0 or more", c->d.name,
                              volume_cc);
            goto done;
        }
        if (!(volume_cc > 0.0)) {
            /* A ROI of no volume (a couch in the real export, whose cells
             * are 0 or, divided by 0, 54075 %) is broken: listed with its
             * reason in set->unread, the other ROIs are read. */
            if ((rc = dvh_int_curve_break(r, c, line, "'%s': ROI volume 0 mL: no DVH", c->d.name)) != RTFRAC_OK ||
                (rc = dvh_int_curve_finish(r, c)) != RTFRAC_OK)
                goto done;
            continue;
        }
        c->d.total_volume_cc = volume_cc;
        for (size_t k = ONKO_FIXED; k < ncols; k++) {
            double v = 0.0;
            snprintf(what, sizeof(what), "'%s' at %g Gy", c->d.name, dose_gy[k - ONKO_FIXED]);
            if ((rc = dvh_int_parse_number(r, line, linestart, r->fields[k], what, &v)) != RTFRAC_OK)
                goto done;
            /* a volume above 100 % breaks this ROI (dvh_int_curve_add) */
            if ((rc = dvh_int_curve_add(r, c, line, dose_gy[k - ONKO_FIXED], v)) != RTFRAC_OK)
                goto done;
        }
        if ((rc = dvh_int_curve_finish(r, c)) != RTFRAC_OK)
            goto done;
    }
    rc = RTFRAC_OK;
done:
    free(dose_gy);
    return rc;
}
