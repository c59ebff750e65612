/* Reads one real DVH export with the library and compares each structure's
 * mean, minimum, maximum and volume with the statistics the file's own header
 * states (rtfrac_dvh header_*), to the file's dose resolution: the smallest
 * dose step of the curve plus 0.1 % of the value (the header's printed
 * rounding).  A value the curve only bounds must lie on the right side of the
 * header's; an exact one within the tolerance.  Prints one line per
 * structure and a summary; exit 0 when every check holds, 1 otherwise, 2 when
 * the file is refused (the reason on stdout).  Used by tests/real_dvh.sh.
 * Further arguments 'STRUCTURE|min|mean|max|VALUE_GY|TOL_GY' add checks of
 * values the header does not state (INDEX.md's computed checks, another
 * system's statistics).  The minimum is checked from one side: the curve's
 * first dose with volume is at least the true minimum less the tolerance,
 * since volume below the printed precision of the rows does not show.
 * A STRUCTURE written NAME@PLAN matches that plan (or scenario) only.
 * usage: real_dvh [-u Gy|cGy] FILE [CHECK...]   (-u: the dose unit of a file
 * that states none)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

static double resolution_gy(const rtfrac_dvh *d)
{
    double step = 0.0;
    for (size_t i = 1; i < d->n; i++) {
        double s = d->dose_gy[i] - d->dose_gy[i - 1];
        if (s > 0.0 && (!(step > 0.0) || s < step))
            step = s;
    }
    return step;
}

/* One check: "mean 51.45 ok" or "mean 51.45 vs header 39.86 FAIL". */
static int check(const char *what, double value, rtfrac_dvh_bound bound, double header, double tol,
                 int *checked)
{
    int ok = 1;
    switch (bound) {
    case RTFRAC_DVH_EXACT: ok = fabs(value - header) <= tol; break;
    case RTFRAC_DVH_AT_LEAST: ok = header >= value - tol; break;
    case RTFRAC_DVH_AT_MOST: ok = header <= value + tol; break;
    case RTFRAC_DVH_UNKNOWN: return 1;
    }
    (*checked)++;
    printf(" %s %s%.4g/%.4g%s", what, bound == RTFRAC_DVH_EXACT ? "" : bound == RTFRAC_DVH_AT_LEAST ? ">=" : "<=",
           value, header, ok ? "" : " FAIL");
    return ok;
}

int main(int argc, char **argv)
{
    rtfrac_dvh_set *set = NULL;
    rtfrac_diag diag;
    int failed = 0, checked = 0;
    gsl_set_error_handler_off();
    rtfrac_dvh_read_options opts;
    rtfrac_dvh_read_options_init(&opts);
    if (argc >= 3 && strcmp(argv[1], "-u") == 0) {
        if (rtfrac_dvh_dose_unit_parse(argv[2], &opts.gy_per_unit) != RTFRAC_OK) {
            fprintf(stderr, "real_dvh: bad dose unit '%s'\n", argv[2]);
            return 2;
        }
        opts.has_dose_unit = 1;
        argc -= 2;
        argv += 2;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: real_dvh [-u Gy|cGy] FILE [CHECK...]\n");
        return 2;
    }
    int rc = rtfrac_dvh_read_with(argv[1], &opts, &set, &diag);
    if (rc != RTFRAC_OK) {
        printf("refused: line %u: %s\n", diag.line, diag.message);
        return 2;
    }
    for (size_t i = 0; i < set->n; i++) {
        const rtfrac_dvh *d = &set->dvhs[i];
        rtfrac_dvh_bins b;
        rtfrac_dvh_stats s;
        printf("  %s%s%s: %zu rows, %s%s", d->name, d->plan[0] ? " | " : "", d->plan, d->n,
               d->complete_low ? "" : "partial low end ", d->complete_high ? "" : "open tail ");
        if (rtfrac_dvh_bins_from(d, &b) != RTFRAC_OK || rtfrac_dvh_stats_of(&b, &s) != RTFRAC_OK) {
            printf(" no bins FAIL\n");
            failed++;
            continue;
        }
        double step = resolution_gy(d);
        if (d->has_header_mean_dose)
            failed += !check("mean", s.mean_gy, b.has_mean ? RTFRAC_DVH_EXACT : s.mean_bound, d->header_mean_dose_gy,
                             step + 1e-3 * d->header_mean_dose_gy + 1e-3, &checked);
        if (d->has_header_min_dose)
            failed += !check("min", s.min_gy, s.min_bound == RTFRAC_DVH_EXACT ? RTFRAC_DVH_AT_MOST : s.min_bound,
                             d->header_min_dose_gy,
                             step + 1e-3 * d->header_min_dose_gy + 1e-3, &checked);
        if (d->has_header_max_dose)
            failed += !check("max", s.max_gy, s.max_bound, d->header_max_dose_gy,
                             step + 1e-3 * d->header_max_dose_gy + 1e-3, &checked);
        if (d->has_header_volume && d->header_volume_cc > 0.0 && b.absolute && d->volume_unit == RTFRAC_VOLUME_CC)
            failed += !check("volume_cc", b.total_volume, RTFRAC_DVH_EXACT, d->header_volume_cc,
                             fmax(0.05, 5e-4 * d->header_volume_cc), &checked);
        for (int a = 2; a < argc; a++) {
            char name[RTFRAC_DVH_NAME_MAX], metric[8];
            double value = 0.0, tol = 0.0;
            const char *bar = strchr(argv[a], '|');
            if (bar == NULL || (size_t)(bar - argv[a]) >= sizeof(name) ||
                sscanf(bar + 1, "%7[a-z]|%lf|%lf", metric, &value, &tol) != 3) {
                fprintf(stderr, "real_dvh: bad check '%s'\n", argv[a]);
                return 2;
            }
            memcpy(name, argv[a], (size_t)(bar - argv[a]));
            name[bar - argv[a]] = '\0';
            char *at = strchr(name, '@');
            if (at != NULL)
                *at++ = '\0';
            if (strcmp(name, d->name) != 0 || (at != NULL && strcmp(at, d->plan) != 0))
                continue;
            double v = strcmp(metric, "min") == 0 ? s.min_gy : strcmp(metric, "max") == 0 ? s.max_gy : s.mean_gy;
            rtfrac_dvh_bound bd = strcmp(metric, "min") == 0 ? s.min_bound : strcmp(metric, "max") == 0 ? s.max_bound
                                                                                                     : s.mean_bound;
            failed += !check(metric, v, bd, value, tol, &checked);
        }
        if (b.has_mean)
            printf(" (mean from the header)");
        printf("\n");
        rtfrac_dvh_bins_release(&b);
    }
    for (size_t i = 0; i < set->nunread; i++)
        printf("  %s%s%s: %s: %s\n", set->unread[i].name, set->unread[i].plan[0] ? " | " : "", set->unread[i].plan,
               rtfrac_dvh_status_name(set->unread[i].status), set->unread[i].reason);
    printf("read %zu structures (%zu not read); %d header checks, %d failed\n", set->n, set->nunread, checked,
           failed);
    rtfrac_dvh_set_free(set);
    return failed ? 1 : 0;
}
