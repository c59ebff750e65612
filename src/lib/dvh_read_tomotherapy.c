/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Accuray TomoTherapy Hi-Art DVH CSV: a triplet of columns per structure,
 * "<name>(STANDARD)", "Dose (Gy)" and "Relative Volume (% Normalized)".
 * The name column is empty in the rows; each structure has its own dose
 * axis (from its minimum dose at 100 % to its maximum at 0 %), so the
 * curves do not share rows.  Layout as in a Hi-Art 5.1 export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dvh_int.h"
#include "util_int.h"

#define TOMO_TAG "(STANDARD)"

/* The first line names a structure "<name>(STANDARD)" followed by its
 * dose column. */
int dvh_int_tomotherapy_detect(const char *line, dvh_int_where where)
{
    if (where != DVH_INT_FIRST_LINE)
        return 0;
    const char *tag = dvh_int_find_last_ci(line, TOMO_TAG);
    if (tag == NULL)
        return 0;
    const char *after = tag + strlen(TOMO_TAG);
    if (*after == '"')
        after++;
    after = dvh_int_skip_space(after);
    if (*after != ',')
        return 0;
    after = dvh_int_skip_space(after + 1);
    if (*after == '"')
        after++;
    return util_int_starts_ci(after, "Dose (");
}

/* "<base> (<unit>)" into its normalised base and unit; -1 without
 * parentheses. */
static int split_label(const char *text, char *base, size_t nbase, char *unit, size_t nunit)
{
    const char *open = strchr(text, '('), *close = strrchr(text, ')');
    if (open == NULL || close == NULL || close < open)
        return -1;
    dvh_int_norm_label(text, (size_t)(open - text), base, nbase);
    dvh_int_norm_label(open + 1, (size_t)(close - open - 1), unit, nunit);
    return 0;
}

/* One triplet of the header: name, dose and volume columns. */
static int tomo_triplet(dvh_int_reader *r, unsigned line, size_t k, dvh_int_curve *c,
                        double *factor)
{
    const char *nl = r->fields[3 * k], *dl = r->fields[3 * k + 1], *vl = r->fields[3 * k + 2];
    char raw[RTFRAC_DVH_NAME_MAX + 16], base[64], unit[32];
    size_t n = strlen(nl), taglen = strlen(TOMO_TAG);
    if (n <= taglen || !util_int_equal_ci(nl + n - taglen, taglen, TOMO_TAG))
        return dvh_int_fail(r, line, "column %zu is '%s'; expected a structure '<name>%s'",
                            3 * k + 1, nl, TOMO_TAG);
    n -= taglen;
    if (n >= sizeof(raw))
        n = sizeof(raw) - 1; /* dvh_int_set_name refuses it as too long */
    memcpy(raw, nl, n);
    raw[n] = '\0';
    char *name = dvh_int_trim(raw);
    if (*name == '\0')
        return dvh_int_fail(r, line, "column %zu has an empty structure name; expected '<name>%s'",
                            3 * k + 1, TOMO_TAG);
    dvh_int_curve_start(c, line, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT);
    int rc = dvh_int_set_name(r, line, "structure name", name, c->d.name);
    if (rc != RTFRAC_OK)
        return rc;
    if (split_label(dl, base, sizeof(base), unit, sizeof(unit)) != 0 || strcmp(base, "dose") != 0 ||
        dvh_int_dose_factor(unit, factor) != 0)
        return dvh_int_fail(r, line, "'%s': column %zu is '%s'; expected 'Dose (%s)'", c->d.name,
                            3 * k + 2, dl, DVH_INT_DOSE_UNITS);
    double vfactor = 1.0;
    if (split_label(vl, base, sizeof(base), unit, sizeof(unit)) != 0 ||
        (strcmp(base, "relativevolume") != 0 && strcmp(base, "absolutevolume") != 0 &&
         strcmp(base, "volume") != 0))
        return dvh_int_fail(r, line,
                            "'%s': column %zu is '%s'; expected 'Relative Volume (%% Normalized)'",
                            c->d.name, 3 * k + 3, vl);
    /* "% Normalized": % of the structure's volume */
    if (strcmp(unit, "%normalized") == 0)
        c->d.volume_unit = RTFRAC_VOLUME_PERCENT;
    else if (dvh_int_volume_unit_of(unit, &c->d.volume_unit, &vfactor) != 0 ||
             c->d.volume_unit == RTFRAC_VOLUME_CC_PER_GY)
        return dvh_int_fail(r, line,
                            "'%s': unknown volume unit in column '%s'; expected %% Normalized, %% or cc",
                            c->d.name, vl);
    return RTFRAC_OK;
}

int dvh_int_tomotherapy_read(dvh_int_reader *r)
{
    size_t i = 0, nf = 0;
    unsigned header_line = 0;
    int rc;
    if ((rc = dvh_int_wide_header(r, 3, "the triplet '<name>(STANDARD)','Dose (Gy)','Relative Volume (% Normalized)'",
                                  &i, &header_line)) != RTFRAC_OK)
        return rc;
    for (size_t k = 0; k < r->nwide; k++)
        if ((rc = tomo_triplet(r, header_line, k, &r->wide[k], &r->factors[k])) != RTFRAC_OK)
            return rc;
    for (i++; i < r->nlines; i++) {
        unsigned line = dvh_int_line_no(i);
        if (dvh_int_is_blank_line(r->lines[i]))
            continue;
        if ((rc = dvh_int_split_delim(r, r->lines[i], ',', line, &nf)) != RTFRAC_OK)
            return rc;
        if (nf > 3 * r->nwide)
            return dvh_int_fail(r, line, "row has %zu field%s but the header (line %u) has %zu column%s",
                                nf, util_int_plural_s(nf), header_line, 3 * r->nwide, util_int_plural_s(3 * r->nwide));
        for (size_t k = 0; k < r->nwide; k++) {
            dvh_int_curve *c = &r->wide[k];
            const char *ns = 3 * k < nf ? r->fields[3 * k] : "";
            const char *ds = 3 * k + 1 < nf ? r->fields[3 * k + 1] : "";
            const char *vs = 3 * k + 2 < nf ? r->fields[3 * k + 2] : "";
            if (*ns != '\0')
                return dvh_int_fail(r, line,
                                    "'%s': '%s' in the name column; expected it empty in the rows",
                                    c->d.name, ns);
            if (*ds == '\0' && *vs == '\0')
                continue; /* this structure's curve has ended */
            char what[RTFRAC_DVH_NAME_MAX + 16];
            double dose = 0.0, volume = 0.0;
            snprintf(what, sizeof(what), "'%s' dose", c->d.name);
            if ((rc = dvh_int_parse_number(r, line, r->lines[i], ds, what, &dose)) != RTFRAC_OK)
                return rc;
            snprintf(what, sizeof(what), "'%s' volume", c->d.name);
            if ((rc = dvh_int_parse_number(r, line, r->lines[i], vs, what, &volume)) != RTFRAC_OK)
                return rc;
            if ((rc = dvh_int_curve_add(r, c, line, dose * r->factors[k], volume)) != RTFRAC_OK)
                return rc;
        }
    }
    for (size_t k = 0; k < r->nwide; k++)
        if ((rc = dvh_int_curve_finish(r, &r->wide[k])) != RTFRAC_OK)
            return rc;
    return RTFRAC_OK;
}
