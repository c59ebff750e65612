/* SPDX-License-Identifier: GPL-3.0-or-later */
/* 3D Slicer / SlicerRT DVH table CSV: one pair of columns per structure,
 * "<name> Dose (Gy)" and "<name> Value (% of <volume> cc)"; the curves end
 * at different rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dvh_int.h"
#include "rtfrac/num.h"
#include "util_int.h"

/* The header line pairs "<name> Dose (" with "<name> Value (" columns. */
int dvh_int_slicerrt_detect(const char *line, dvh_int_where where)
{
    return where == DVH_INT_HEADER_LINE && dvh_int_find_last_ci(line, " Dose (") != NULL &&
           dvh_int_find_last_ci(line, " Value (") != NULL;
}

/* "<name> Value (% of 48.613 cc)" or "(%)" or "(cc)". */
static int slicer_value_label(dvh_int_reader *r, unsigned line, const char *inner, size_t n,
                              dvh_int_curve *c)
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
                c->d.has_header_volume = 1;
                c->d.header_volume_cc = v;
                return RTFRAC_OK;
            }
        }
    }
    return dvh_int_fail(r, line,
                        "'%s': unexpected volume unit '(%s)'; expected '(%% of <volume> cc)', '(%%)' or '(cc)'",
                        c->d.name, s);
}

int dvh_int_slicerrt_read(dvh_int_reader *r)
{
    size_t i = 0, nf = 0;
    unsigned header_line = 0;
    int rc;
    if ((rc = dvh_int_wide_header(r, 2, "the pair '<name> Dose (Gy)','<name> Value (%)'", &i, &header_line)) !=
        RTFRAC_OK)
        return rc;
    for (size_t k = 0; k < r->nwide; k++) {
        dvh_int_curve *c = &r->wide[k];
        const char *dl = r->fields[2 * k], *vl = r->fields[2 * k + 1];
        const char *dp = dvh_int_find_last_ci(dl, " Dose (");
        const char *vp = dvh_int_find_last_ci(vl, " Value (");
        const char *dclose = dp != NULL ? strchr(dp, ')') : NULL;
        const char *vclose = vp != NULL ? strrchr(vp, ')') : NULL;
        if (dp == NULL || dclose == NULL || vp == NULL || vclose == NULL)
            return dvh_int_fail(r, header_line,
                                "columns %zu and %zu ('%s', '%s'); expected '<name> Dose (Gy)' and '<name> Value (%% of <volume> cc)'",
                                2 * k + 1, 2 * k + 2, dl, vl);
        size_t namelen = (size_t)(dp - dl);
        if ((size_t)(vp - vl) != namelen || strncmp(dl, vl, namelen) != 0)
            return dvh_int_fail(r, header_line,
                                "columns '%s' and '%s' name different structures; expected a pair for one structure",
                                dl, vl);
        char raw[RTFRAC_DVH_NAME_MAX + 16];
        if (namelen >= sizeof(raw))
            namelen = sizeof(raw) - 1; /* dvh_int_set_name refuses it as too long */
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
            return dvh_int_fail(r, header_line,
                                "unknown dose unit in column '%s'; expected %s", dl, DVH_INT_DOSE_UNITS);
        const char *vopen = vp + 8;
        rc = slicer_value_label(r, header_line, vopen, (size_t)(vclose - vopen), c);
        if (rc != RTFRAC_OK)
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
            rc = dvh_int_fail(r, line,
                              "row has %zu field%s but the header (line %u) has %zu column%s", nf,
                              util_int_plural_s(nf), header_line, 2 * r->nwide, util_int_plural_s(2 * r->nwide));
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
