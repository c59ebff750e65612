/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svg.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "output.h"

#define W 720.0
#define H 380.0
#define ML 70.0
#define MR 190.0
#define MT 36.0
#define MB 52.0

/* Okabe and Ito's colour-blind-safe palette (Okabe M, Ito K. Color
 * universal design, 2008; Wong B. Points of view: color blindness. Nat
 * Methods 2011;8:441), its yellow last (faint on white), and a line style
 * per series: curves stay apart in greyscale print and for every colour
 * vision.  HTML and LaTeX figures use the same pair for the same series. */
static const struct {
    const char *rgb;  /* without '#' */
    const char *svg_dash, *tex_dash; /* "" and NULL: solid */
} style[] = {
    { "0072B2", "", NULL },
    { "D55E00", "8 4", "on 4pt off 2pt" },
    { "009E73", "2 3", "on 1pt off 1.5pt" },
    { "CC79A7", "10 3 2 3", "on 5pt off 1.5pt on 1pt off 1.5pt" },
    { "E69F00", "14 5", "on 7pt off 2.5pt" },
    { "56B4E9", "4 3 4 3 12 3", "on 2pt off 1.5pt on 2pt off 1.5pt on 6pt off 1.5pt" },
    { "000000", "1 3", "on 0.5pt off 1.5pt" },
    { "F0E442", "6 2 1 2", "on 3pt off 1pt on 0.5pt off 1pt" },
};
#define NSTYLES (sizeof(style) / sizeof(style[0]))

/* Ticks on an axis, at most this many: every loop over an axis counts its
 * steps, so a step lost to rounding (50 + 1e-15 == 50) cannot loop. */
#define TICKS_MAX 64

/* A "nice" tick step for a span > 0: 1, 2 or 5 times a power of ten. */
static double nice_step(double span, int target)
{
    assert(span > 0.0 && isfinite(span) && target > 0);
    double raw = span / target, p = pow(10.0, floor(log10(raw))), f = raw / p;
    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

/* Widen a range too narrow to draw: one point, or points closer than the
 * tick labels' six significant digits can tell apart (a DVH from 50 to
 * 50.00000000000001 Gy).  A linear axis gets 5% of the value either side
 * (not below 0 when the data are not), a logarithmic one a factor 2.
 * Returns 1 when the range was widened. */
static int axis_widen(double *lo, double *hi, int logx)
{
    double mag = fmax(fabs(*lo), fabs(*hi));
    if (logx) {
        if (*hi / *lo > 1.001)
            return 0;
        *lo /= 2.0;
        *hi *= 2.0;
        return 1;
    }
    if (*hi - *lo >= 1e-3 * mag && *hi > *lo)
        return 0;
    double mid = 0.5 * (*lo + *hi), half = mag > 0.0 ? 0.05 * mag : 0.5;
    int nonneg = *lo >= 0.0;
    *lo = mid - half;
    *hi = mid + half;
    if (nonneg && *lo < 0.0)
        *lo = 0.0;
    return 1;
}

/* The number of ticks first, first + step, ... up to hi, at most TICKS_MAX. */
static size_t tick_count(double first, double hi, double step)
{
    double n = floor((hi - first) / step + 1e-9) + 1.0;
    return n < 1.0 ? 0 : n > TICKS_MAX ? TICKS_MAX : (size_t)n;
}

/* The data range of the series; -1 when empty or not finite. */
static int data_range(const svg_series *ser, size_t ns, int logx, double *xmin, double *xmax,
                      double *ymin, double *ymax)
{
    *xmin = INFINITY, *xmax = -INFINITY, *ymin = 0.0, *ymax = -INFINITY;
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < ser[s].n; i++) {
            double x = ser[s].x[i], y = ser[s].y[i];
            if (!isfinite(x) || !isfinite(y) || (logx && !(x > 0.0)))
                return -1;
            *xmin = fmin(*xmin, x);
            *xmax = fmax(*xmax, x);
            *ymin = fmin(*ymin, y);
            *ymax = fmax(*ymax, y);
        }
    return *xmax >= *xmin ? 0 : -1;
}

int svg_plot(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
             const svg_series *ser, size_t ns, int logx)
{
    double xmin, xmax, ymin, ymax;
    if (data_range(ser, ns, logx, &xmin, &xmax, &ymin, &ymax) != 0)
        return -1;
    axis_widen(&xmin, &xmax, logx);
    axis_widen(&ymin, &ymax, 0);
    double lx0 = logx ? log10(xmin) : xmin, lx1 = logx ? log10(xmax) : xmax;
    double ystep = nice_step(ymax - ymin, 6);
    ymax = ceil(ymax / ystep) * ystep;
    ymin = floor(ymin / ystep) * ystep;
    double pw = W - ML - MR, ph = H - MT - MB;
#define PX(x) (ML + ((logx ? log10(x) : (x)) - lx0) / (lx1 - lx0) * pw)
#define PY(y) (MT + ph - ((y) - ymin) / (ymax - ymin) * ph)
    int bad = fprintf(fp, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                          "width=\"%.0f\" height=\"%.0f\" role=\"img\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
                      W, H, W, H) < 0;
    bad |= fputs("<title>", fp) < 0 || out_put_html(fp, title) < 0 || fputs("</title>\n", fp) < 0;
    bad |= fprintf(fp, "<text x=\"%.1f\" y=\"20\" font-size=\"14\" font-weight=\"bold\">", ML) < 0 ||
           out_put_html(fp, title) < 0 || fputs("</text>\n", fp) < 0;
    /* grid and ticks */
    size_t nt = tick_count(ymin, ymax, ystep);
    for (size_t i = 0; i < nt; i++) {
        double y = ymin + (double)i * ystep;
        bad |= fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                           "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
                       ML, PY(y), ML + pw, PY(y), ML - 6, PY(y) + 4, fabs(y) < 1e-12 ? 0.0 : y) < 0;
    }
    if (logx) {
        /* decades by their integer exponent; 1, 2 and 5 in each */
        double e0 = floor(lx0), e1 = floor(lx1);
        for (int e = 0; e <= TICKS_MAX && e0 + e <= e1; e++)
            for (int k = 1; k <= 5; k += (k == 1 ? 1 : 3)) {
                double x = pow(10.0, e0 + e) * k;
                if (x < xmin * 0.9999 || x > xmax * 1.0001)
                    continue;
                bad |= fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
                               PX(x), MT, PX(x), MT + ph, PX(x), MT + ph + 16, x) < 0;
            }
    } else {
        double xstep = nice_step(xmax - xmin, 8), x0 = ceil(xmin / xstep) * xstep;
        nt = tick_count(x0, xmax, xstep);
        for (size_t i = 0; i < nt; i++) {
            double x = x0 + (double)i * xstep;
            bad |= fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                               "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
                           PX(x), MT, PX(x), MT + ph, PX(x), MT + ph + 16, fabs(x) < 1e-12 ? 0.0 : x) < 0;
        }
    }
    bad |= fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>\n",
                   ML, MT, pw, ph) < 0;
    bad |= fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", ML + pw / 2, H - 12) < 0 ||
           out_put_html(fp, xlabel) < 0 || fputs("</text>\n", fp) < 0;
    bad |= fprintf(fp, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">", MT + ph / 2) < 0 ||
           out_put_html(fp, ylabel) < 0 || fputs("</text>\n", fp) < 0;
    for (size_t s = 0; s < ns; s++) {
        const char *col = style[s % NSTYLES].rgb, *dash = style[s % NSTYLES].svg_dash;
        char dash_attr[64] = "";
        if (dash[0])
            snprintf(dash_attr, sizeof(dash_attr), " stroke-dasharray=\"%s\"", dash);
        bad |= fprintf(fp, "<polyline fill=\"none\" stroke=\"#%s\" stroke-width=\"2\"%s points=\"", col,
                       dash_attr) < 0;
        for (size_t i = 0; i < ser[s].n; i++)
            bad |= fprintf(fp, "%.1f,%.1f ", PX(ser[s].x[i]), PY(ser[s].y[i])) < 0;
        bad |= fputs("\"/>\n", fp) < 0;
        double ly = MT + 14 + 18.0 * (double)s;
        bad |= fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%s\" stroke-width=\"2\"%s/>"
                           "<text x=\"%.1f\" y=\"%.1f\">",
                       ML + pw + 8, ly, ML + pw + 44, ly, col, dash_attr,
                       ML + pw + 50, ly + 4) < 0 ||
               out_put_html(fp, ser[s].name) < 0 || fputs("</text>\n", fp) < 0;
    }
    bad |= fputs("</svg></figure>\n", fp) < 0;
#undef PX
#undef PY
    return bad ? -1 : 0;
}

int tex_plot_preamble(FILE *fp)
{
    int bad = fputs("\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.12}\n", fp) < 0;
    for (size_t i = 0; i < NSTYLES; i++)
        bad |= fprintf(fp, "\\definecolor{rtfrac%zu}{HTML}{%s}\n", i, style[i].rgb) < 0;
    return bad ? -1 : 0;
}

int tex_plot(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
             const svg_series *ser, size_t ns, int logx)
{
    double xmin, xmax, ymin, ymax;
    if (ns == 0 || data_range(ser, ns, logx, &xmin, &xmax, &ymin, &ymax) != 0)
        return -1;
    /* a range too narrow for pgfplots' arithmetic gets explicit limits */
    char xlim[80] = "";
    if (axis_widen(&xmin, &xmax, logx))
        snprintf(xlim, sizeof(xlim), " xmin=%.6g, xmax=%.6g,", xmin, xmax);
    axis_widen(&ymin, &ymax, 0);
    /* an unbreakable box a little under the text width; the legend under
     * the axes, two entries a row, so long names cannot widen the figure */
    int bad = fputs("\\par\\medskip\\noindent\n\\begin{tikzpicture}\n\\begin{axis}[width=0.92\\linewidth, height=7cm,\n"
                    "  title={", fp) < 0 ||
              out_put_tex(fp, title) < 0 || fputs("}, xlabel={", fp) < 0 || out_put_tex(fp, xlabel) < 0 ||
              fputs("}, ylabel={", fp) < 0 || out_put_tex(fp, ylabel) < 0 ||
              fprintf(fp, "},\n  grid=major, grid style={gray!25}, ymin=%.6g, ymax=%.6g, enlarge x limits=false,%s%s\n"
                          "  tick label style={font=\\footnotesize}, label style={font=\\small}, title style={font=\\small\\bfseries},\n"
                          "  legend style={at={(0.5,-0.2)}, anchor=north, font=\\footnotesize, legend columns=2, draw=none,\n"
                          "    /tikz/every even column/.append style={column sep=1em}}, legend cell align=left]\n",
                      ymin, ymax * 1.02, xlim, logx ? " xmode=log, log ticks with fixed point," : "") < 0;
    for (size_t s = 0; s < ns && !bad; s++) {
        const char *dash = style[s % NSTYLES].tex_dash;
        bad |= fprintf(fp, "\\addplot[color=rtfrac%zu, line width=1.1pt, %s%s, no markers] coordinates {\n",
                       s % NSTYLES, dash ? "dash pattern=" : "solid", dash ? dash : "") < 0;
        for (size_t i = 0; i < ser[s].n; i++)
            bad |= fprintf(fp, "(%.4f,%.4f)%s", ser[s].x[i], ser[s].y[i], (i + 1) % 6 == 0 || i + 1 == ser[s].n ? "\n" : " ") < 0;
        bad |= fputs("};\n\\addlegendentry{", fp) < 0 || out_put_tex(fp, ser[s].name) < 0 || fputs("}\n", fp) < 0;
    }
    bad |= fputs("\\end{axis}\n\\end{tikzpicture}\\par\\medskip\n", fp) < 0;
    return bad ? -1 : 0;
}
