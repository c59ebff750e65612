/* rtfrac CLI: small inline SVG line plots for HTML reports.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_SVG_H
#define RTFRAC_CLI_SVG_H

#include <stddef.h>
#include <stdio.h>

typedef struct svg_series {
    const char *name;
    const double *x, *y;
    size_t n;
    int dashed;
} svg_series;

/* A line plot with axes, ticks, labels and a legend.  logx: logarithmic x
 * axis (x > 0).  Returns 0, or -1 when a write failed or the data are empty
 * or not finite. */
int svg_plot(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
             const svg_series *series, size_t nseries, int logx);

#endif /* RTFRAC_CLI_SVG_H */
