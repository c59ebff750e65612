/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "svg.h"

#include <math.h>
#include <string.h>

#include "output.h"

#define W 720.0
#define H 380.0
#define ML 70.0
#define MR 190.0
#define MT 36.0
#define MB 52.0

static const char *const palette[] = { "#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400",
                                       "#16a085", "#7f8c8d", "#b7950b", "#2c3e50", "#e84393" };

/* A "nice" tick step for a span: 1, 2 or 5 times a power of ten. */
static double nice_step(double span, int target)
{
    double raw = span / target, p = pow(10.0, floor(log10(raw))), f = raw / p;
    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

int svg_plot(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
             const svg_series *ser, size_t ns, int logx)
{
    double xmin = INFINITY, xmax = -INFINITY, ymin = 0.0, ymax = -INFINITY;
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < ser[s].n; i++) {
            double x = ser[s].x[i], y = ser[s].y[i];
            if (!isfinite(x) || !isfinite(y) || (logx && !(x > 0.0)))
                return -1;
            xmin = fmin(xmin, x);
            xmax = fmax(xmax, x);
            ymin = fmin(ymin, y);
            ymax = fmax(ymax, y);
        }
    if (!(xmax > xmin) || !(ymax > ymin))
        return -1;
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
    for (double y = ymin; y <= ymax + 1e-9 * ystep; y += ystep) {
        bad |= fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                           "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
                       ML, PY(y), ML + pw, PY(y), ML - 6, PY(y) + 4, fabs(y) < 1e-12 ? 0.0 : y) < 0;
    }
    if (logx) {
        for (double dec = pow(10.0, floor(lx0)); dec <= xmax * 1.0001; dec *= 10.0)
            for (int k = 1; k <= 5; k += (k == 1 ? 1 : 3)) {
                double x = dec * k;
                if (x < xmin * 0.9999 || x > xmax * 1.0001)
                    continue;
                bad |= fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
                               PX(x), MT, PX(x), MT + ph, PX(x), MT + ph + 16, x) < 0;
            }
    } else {
        double xstep = nice_step(xmax - xmin, 8);
        for (double x = ceil(xmin / xstep) * xstep; x <= xmax + 1e-9 * xstep; x += xstep)
            bad |= fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                               "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
                           PX(x), MT, PX(x), MT + ph, PX(x), MT + ph + 16, fabs(x) < 1e-12 ? 0.0 : x) < 0;
    }
    bad |= fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>\n",
                   ML, MT, pw, ph) < 0;
    bad |= fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", ML + pw / 2, H - 12) < 0 ||
           out_put_html(fp, xlabel) < 0 || fputs("</text>\n", fp) < 0;
    bad |= fprintf(fp, "<text transform=\"translate(16 %.1f) rotate(-90)\" text-anchor=\"middle\">", MT + ph / 2) < 0 ||
           out_put_html(fp, ylabel) < 0 || fputs("</text>\n", fp) < 0;
    for (size_t s = 0; s < ns; s++) {
        const char *col = palette[s % (sizeof(palette) / sizeof(palette[0]))];
        bad |= fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", col,
                       ser[s].dashed ? " stroke-dasharray=\"6 4\"" : "") < 0;
        for (size_t i = 0; i < ser[s].n; i++)
            bad |= fprintf(fp, "%.1f,%.1f ", PX(ser[s].x[i]), PY(ser[s].y[i])) < 0;
        bad |= fputs("\"/>\n", fp) < 0;
        double ly = MT + 14 + 18.0 * (double)s;
        bad |= fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                           "<text x=\"%.1f\" y=\"%.1f\">",
                       ML + pw + 12, ly, ML + pw + 36, ly, col, ser[s].dashed ? " stroke-dasharray=\"6 4\"" : "",
                       ML + pw + 42, ly + 4) < 0 ||
               out_put_html(fp, ser[s].name) < 0 || fputs("</text>\n", fp) < 0;
    }
    bad |= fputs("</svg></figure>\n", fp) < 0;
#undef PX
#undef PY
    return bad ? -1 : 0;
}
