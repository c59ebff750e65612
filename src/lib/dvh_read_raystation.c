/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include <stdio.h>
#include <string.h>

#include "dvh_int.h"
#include "rtfrac/num.h"
#include "util_int.h"

/* "#PatientName:" or "#RoiName:" in the first lines of the export. */
int dvh_int_raystation_detect(const char *line, dvh_int_where where)
{
    return where == DVH_INT_EARLY_LINE &&
           (util_int_starts_ci(line, "#PatientName:") || util_int_starts_ci(line, "#RoiName:"));
}

enum { RS_HEADER, RS_ROI, RS_ROWS };

int dvh_int_raystation_read(dvh_int_reader *r)
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
                    return dvh_int_fail(r, line,
                                        "dose unit before any ROI; expected '#RoiName:<name>' first");
                if (state == RS_ROWS)
                    return dvh_int_fail(r, line,
                                        "'%s': a dose unit after the ROI's rows; expected one before them",
                                        c->d.name);
                if (dvh_int_dose_factor(u, &factor) != 0)
                    return dvh_int_fail(r, line,
                                        "'%s': unknown dose unit '%s'; expected %s", c->d.name, value,
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
                    return dvh_int_fail(r, line,
                                        "'%s': ROI volume '%s' is not a volume; expected a number of cm3",
                                        c->d.name, value);
                c->d.total_volume_cc = v;
                c->d.has_header_volume = 1;
                c->d.header_volume_cc = v;
            } else if (strcmp(k, "rxdose") == 0 && state == RS_HEADER) {
                double v = 0.0;
                if (rtfrac_num_parse_quantity(value, RTFRAC_QTY_DOSE_GY, &v, NULL) == RTFRAC_OK && v > 0.0)
                    r->set->prescribed_dose_gy = v;
            }
            continue;
        }
        if (state == RS_HEADER)
            return dvh_int_fail(r, line,
                                "unexpected line '%s' before any ROI; expected '#RoiName:<name>'", text);
        if (factor <= 0.0)
            return dvh_int_fail(r, line,
                                "'%s': row before the dose unit; expected '#Dose unit: cGy' or '#Unit: cGy' after '#RoiName:'",
                                c->d.name);
        state = RS_ROWS;
        size_t nf = 0;
        char *linestart = text;
        if ((rc = dvh_int_split_blanks(r, text, line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf != 2)
            return dvh_int_fail(r, line,
                                "'%s': row has %zu value%s; expected 2 (dose and volume in %%)", c->d.name, nf,
                                util_int_plural_s(nf));
        double dose = 0.0, volume = 0.0;
        if ((rc = dvh_int_parse_number(r, line, linestart, r->fields[0], "dose", &dose)) !=
                RTFRAC_OK ||
            (rc = dvh_int_parse_number(r, line, linestart, r->fields[1], "volume", &volume)) !=
                RTFRAC_OK)
            return rc;
        if ((rc = dvh_int_curve_add(r, c, line, dose * factor, volume)) != RTFRAC_OK)
            return rc;
    }
    return started ? dvh_int_curve_finish(r, c) : RTFRAC_OK;
}
