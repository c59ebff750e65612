/* rtfrac CLI: line plots for reports: inline SVG for HTML, pgfplots for
 * LaTeX, both with the same colour-blind-safe colours and line styles.
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
} svg_series;

/* A line plot with axes, ticks, labels and a legend.  logx: logarithmic x
 * axis (x > 0).  Returns 0, or -1 when a write failed or the data are empty
 * or not finite. */
int svg_plot(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
             const svg_series *series, size_t nseries, int logx);

/* The same plot as a pgfplots axis with inline coordinates, between
 * paragraphs; the document's preamble has tex_plot_preamble (pgfplots and
 * the colours).  Returns 0, or -1 as svg_plot. */
int tex_plot(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
             const svg_series *series, size_t nseries, int logx);
int tex_plot_preamble(FILE *fp);

#endif /* RTFRAC_CLI_SVG_H */
