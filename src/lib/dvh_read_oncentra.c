/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Elekta/Nucletron Oncentra (OMP) DVH text dump: unit lines such as
 * "Absolute Dose - [Gy]", then per ROI "ROI: <name>" and a TAB-separated
 * table under the header "Bin Dose Volume". */
#include <string.h>

#include "dvh_int.h"
#include "util_int.h"

/* The unit lines come in the first lines of the dump. */
int dvh_int_oncentra_detect(const char *line, dvh_int_where where)
{
    return where == DVH_INT_EARLY_LINE && (util_int_starts_ci(line, "Absolute Dose - [") ||
                                           util_int_starts_ci(line, "Relative Dose - ["));
}

int dvh_int_oncentra_read(dvh_int_reader *r)
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
                dvh_int_norm_label(dash + 4, close != NULL ? (size_t)(close - dash - 4) : 0, u,
                                   sizeof(u));
                double f = 1.0;
                if (strcmp(what, "absolutedose") == 0) {
                    if (dvh_int_dose_factor(u, &factor) != 0)
                        return dvh_int_fail(r, line,
                                            "unknown dose unit in '%s'; expected %s", text, DVH_INT_DOSE_UNITS);
                    have_dose = 1;
                } else if (strcmp(what, "relativedose") == 0) {
                    return dvh_int_fail(r, line,
                                        "relative dose is not supported; expected 'Absolute Dose - [Gy]' (export the DVH with absolute dose)");
                } else if (strcmp(what, "absolutevolume") == 0 || strcmp(what, "relativevolume") == 0) {
                    if (dvh_int_volume_unit_of(u, &unit, &f) != 0 || unit == RTFRAC_VOLUME_CC_PER_GY)
                        return dvh_int_fail(r, line,
                                            "unknown volume unit in '%s'; expected ccm, cc or %%", text);
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
                return dvh_int_fail(r, line,
                                    "'%s': unexpected line '%s'; expected the column header 'Bin Dose Volume'",
                                    c->d.name, text);
            ncols = nf;
            in_table = 1;
            continue;
        }
        if (!in_table)
            return dvh_int_fail(r, line,
                                "'%s': table row before the column header; expected 'Bin Dose Volume'",
                                c->d.name);
        size_t nf = 0;
        char *linestart = text;
        if ((rc = dvh_int_split_blanks(r, text, line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf != ncols)
            return dvh_int_fail(r, line,
                                "'%s': row has %zu value%s but the header has %zu column%s; is the table truncated?",
                                c->d.name, nf, util_int_plural_s(nf), ncols, util_int_plural_s(ncols));
        double dose = 0.0, volume = 0.0, v = 0.0;
        for (size_t k = 0; k < nf; k++) {
            const char *what = (long)k == dose_col ? "dose" : (long)k == volume_col ? "volume" : "bin";
            rc = dvh_int_parse_number(r, line, linestart, r->fields[k], what, &v);
            if (rc != RTFRAC_OK)
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
