/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dose-volume metrics as users type them: rtfrac's spelling and TG-263's. */
#include "rtfrac/dvh.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rtfrac/num.h"
#include "util_int.h"

static const char *const metric_unit_names[] = { "", "Gy", "%", "cc" };
UTIL_INT_ENUM_FUNCTIONS(rtfrac_dvh_metric_unit, rtfrac_dvh_metric_unit, metric_unit_names)

#define ACCEPTED "accepted: min, mean, max, median (or Dmin, Dmean, Dmax, Dmedian), D<x>% (D95%), D<x>cc (D0.1cc), V<x>Gy (V20Gy, V2000cGy), gEUD=<a> (gEUD=8), dose metrics optionally with [Gy], V<x>Gy with [%] or [cc]"

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail(rtfrac_diag *diag, const char *text, size_t at, const char *fmt, ...)
{
    if (diag != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(diag->message, sizeof(diag->message), fmt, ap);
        va_end(ap);
        diag->column = rtfrac_num_utf8_width(text, at) + 1;
    }
    return RTFRAC_EPARSE;
}

/* An optional "[unit]" at `s`, which must end the text. */
static int suffix_unit(const char *text, const char *s, int volume, rtfrac_dvh_metric_unit *unit,
                       rtfrac_diag *diag)
{
    size_t at = (size_t)(s - text);
    *unit = RTFRAC_DVH_METRIC_UNIT_DEFAULT;
    if (*s == '\0')
        return RTFRAC_OK;
    const char *close = strchr(s, ']');
    if (*s != '[' || close == NULL || close[1] != '\0')
        return fail(diag, text, at, "unexpected '%s' in metric '%s'; %s", s, text, ACCEPTED);
    char u[8];
    size_t n = (size_t)(close - s - 1);
    if (n >= sizeof(u))
        return fail(diag, text, at + 1, "unknown unit '%.*s' in metric '%s'; a dose metric takes [Gy], V<x>Gy takes [%%] or [cc]",
                    (int)n, s + 1, text);
    memcpy(u, s + 1, n);
    u[n] = '\0';
    if (volume ? (strcmp(u, "%") == 0 || strcmp(u, "cc") == 0) : strcmp(u, "Gy") == 0) {
        *unit = strcmp(u, "Gy") == 0 ? RTFRAC_DVH_METRIC_UNIT_GY
                : strcmp(u, "%") == 0 ? RTFRAC_DVH_METRIC_UNIT_PERCENT
                                      : RTFRAC_DVH_METRIC_UNIT_CC;
        return RTFRAC_OK;
    }
    return fail(diag, text, at + 1, "unit '[%s]' does not fit metric '%s'; a dose metric takes [Gy], V<x>Gy takes [%%] or [cc]",
                u, text);
}

static const struct {
    const char *word;
    rtfrac_metric_kind kind;
    double x;
} words[] = {
    { "min", RTFRAC_METRIC_MIN, 0.0 },     { "mean", RTFRAC_METRIC_MEAN, 0.0 },
    { "max", RTFRAC_METRIC_MAX, 0.0 },     { "median", RTFRAC_METRIC_D_PERCENT, 50.0 },
    { "Dmin", RTFRAC_METRIC_MIN, 0.0 },    { "Dmean", RTFRAC_METRIC_MEAN, 0.0 },
    { "Dmax", RTFRAC_METRIC_MAX, 0.0 },    { "Dmedian", RTFRAC_METRIC_D_PERCENT, 50.0 },
};

int rtfrac_dvh_metric_parse(const char *text, rtfrac_dvh_metric *out, rtfrac_diag *diag)
{
    rtfrac_dvh_metric m;
    assert(text != NULL && out != NULL);
    memset(&m, 0, sizeof(m));
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i].word);
        /* the longest word first ("Dmedian" before "Dmean" cannot clash:
         * they differ before either ends) */
        if (strncmp(text, words[i].word, n) == 0 && !(text[n] >= 'a' && text[n] <= 'z')) {
            m.kind = words[i].kind;
            m.x = words[i].x;
            if (suffix_unit(text, text + n, 0, &m.unit, diag) != RTFRAC_OK)
                return RTFRAC_EPARSE;
            *out = m;
            return RTFRAC_OK;
        }
    }
    if (strncmp(text, "gEUD=", 5) == 0) {
        double a = 0.0;
        if (rtfrac_num_parse(text + 5, &a, NULL) != RTFRAC_OK || !(fabs(a) > 0.0) || fabs(a) > 100.0)
            return fail(diag, text, 5, "gEUD needs a parameter a from -100 to 100, not 0, e.g. gEUD=8 (serial organ) or gEUD=1 (mean dose), in metric '%s'",
                        text);
        m.kind = RTFRAC_METRIC_GEUD;
        m.x = a;
        *out = m;
        return RTFRAC_OK;
    }
    if (text[0] != 'D' && text[0] != 'V')
        return fail(diag, text, 0, "unknown metric '%s'; %s", text, ACCEPTED);
    size_t used = 0;
    double x = 0.0;
    /* x is unsigned: "D+5cc" is no more a metric than "D-5cc" */
    if (text[1] == '+' || text[1] == '-' || rtfrac_num_scan(text + 1, &used, &x, NULL, NULL) != RTFRAC_OK ||
        !(x > 0.0))
        return fail(diag, text, 1, "metric '%s' needs a number above 0 after '%c'; %s", text, text[0], ACCEPTED);
    const char *u = text + 1 + used;
    size_t at = (size_t)(u - text);
    if (text[0] == 'D' && u[0] == '%') {
        if (x > 100.0)
            return fail(diag, text, 1, "D<x>%% takes x up to 100 %%, not %g, in metric '%s'", x, text);
        m.kind = RTFRAC_METRIC_D_PERCENT;
        u += 1;
    } else if (text[0] == 'D' && strncmp(u, "cc", 2) == 0) {
        m.kind = RTFRAC_METRIC_D_CC;
        u += 2;
    } else if (text[0] == 'V' && strncmp(u, "cGy", 3) == 0) {
        m.kind = RTFRAC_METRIC_V_GY;
        x /= 100.0;
        u += 3;
    } else if (text[0] == 'V' && strncmp(u, "Gy", 2) == 0) {
        m.kind = RTFRAC_METRIC_V_GY;
        u += 2;
    } else if (*u == '\0') {
        return fail(diag, text, at, "metric '%s' needs a unit after its number; D<x> takes %% or cc (D95%%, D2cc), V<x> takes Gy or cGy (V20Gy)",
                    text);
    } else {
        return fail(diag, text, at, "unknown unit '%s' in metric '%s'; D<x> takes %% or cc, V<x> takes Gy or cGy", u, text);
    }
    m.x = x;
    if (suffix_unit(text, u, m.kind == RTFRAC_METRIC_V_GY, &m.unit, diag) != RTFRAC_OK)
        return RTFRAC_EPARSE;
    *out = m;
    return RTFRAC_OK;
}

/* x in the shortest plain decimal ("50", "0.03", "23.85") that reads back
 * as the same double; no exponent, as a metric's name is typed. */
static void shortest(double x, char *buf, size_t size)
{
    for (int decimals = 0; decimals <= 20; decimals++) {
        double back = 0.0;
        snprintf(buf, size, "%.*f", decimals, x);
        if (rtfrac_num_parse(buf, &back, NULL) == RTFRAC_OK && !(back < x) && !(back > x))
            return;
    }
    snprintf(buf, size, "%.17g", x);
}

int rtfrac_dvh_metric_name(const rtfrac_dvh_metric *m, char *buf, size_t size)
{
    char num[40];
    const char *head = "", *unit = "";
    int n;
    assert(m != NULL && (buf != NULL || size == 0));
    const char *suffix = m->unit == RTFRAC_DVH_METRIC_UNIT_PERCENT ? "[%]"
                         : m->unit == RTFRAC_DVH_METRIC_UNIT_CC    ? "[cc]"
                         : m->unit == RTFRAC_DVH_METRIC_UNIT_GY    ? "[Gy]"
                                                                   : "";
    switch (m->kind) {
    case RTFRAC_METRIC_MIN:
    case RTFRAC_METRIC_MEAN:
    case RTFRAC_METRIC_MAX:
        n = snprintf(buf, size, "%s%s",
                     m->kind == RTFRAC_METRIC_MIN ? "min" : m->kind == RTFRAC_METRIC_MEAN ? "mean" : "max", suffix);
        return n >= 0 && (size_t)n < size ? RTFRAC_OK : RTFRAC_ERANGE;
    case RTFRAC_METRIC_GEUD:
        if (!isfinite(m->x) || !(fabs(m->x) > 0.0))
            return RTFRAC_EINVAL;
        shortest(m->x, num, sizeof(num));
        n = snprintf(buf, size, "gEUD=%s", num);
        return n >= 0 && (size_t)n < size ? RTFRAC_OK : RTFRAC_ERANGE;
    case RTFRAC_METRIC_D_PERCENT:
        head = "D";
        unit = "%";
        break;
    case RTFRAC_METRIC_D_CC:
        head = "D";
        unit = "cc";
        break;
    case RTFRAC_METRIC_V_GY:
        head = "V";
        unit = "Gy";
        break;
    default:
        return RTFRAC_EINVAL;
    }
    if (!isfinite(m->x) || !(m->x > 0.0) || (m->kind == RTFRAC_METRIC_D_PERCENT && m->x > 100.0))
        return RTFRAC_EINVAL;
    shortest(m->x, num, sizeof(num));
    n = snprintf(buf, size, "%s%s%s%s", head, num, unit, suffix);
    return n >= 0 && (size_t)n < size ? RTFRAC_OK : RTFRAC_ERANGE;
}

int rtfrac_dvh_metric_value(const rtfrac_dvh_bins *b, const rtfrac_dvh_metric *m, int want_cc, double *value,
                            rtfrac_dvh_bound *bound)
{
    rtfrac_dvh_stats st;
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_UNKNOWN;
    int rc;
    assert(b != NULL && m != NULL && value != NULL && bound != NULL);
    switch (m->kind) {
    case RTFRAC_METRIC_MIN:
    case RTFRAC_METRIC_MEAN:
    case RTFRAC_METRIC_MAX:
        if ((rc = rtfrac_dvh_stats_of(b, &st)) != RTFRAC_OK)
            return rc;
        v = m->kind == RTFRAC_METRIC_MIN ? st.min_gy : m->kind == RTFRAC_METRIC_MEAN ? st.mean_gy : st.max_gy;
        bd = m->kind == RTFRAC_METRIC_MIN ? st.min_bound : m->kind == RTFRAC_METRIC_MEAN ? st.mean_bound : st.max_bound;
        break;
    case RTFRAC_METRIC_D_PERCENT:
        rc = rtfrac_dvh_d_percent_bounded(b, m->x, &v, &bd);
        break;
    case RTFRAC_METRIC_D_CC:
        rc = rtfrac_dvh_d_cc_bounded(b, m->x, &v, &bd);
        break;
    case RTFRAC_METRIC_V_GY:
        rc = want_cc ? rtfrac_dvh_v_cc_bounded(b, m->x, &v, &bd) : rtfrac_dvh_v_percent_bounded(b, m->x, &v, &bd);
        break;
    case RTFRAC_METRIC_GEUD:
        rc = rtfrac_dvh_geud_bounded(b, m->x, &v, &bd);
        break;
    default:
        return RTFRAC_EINVAL;
    }
    if (m->kind == RTFRAC_METRIC_MIN || m->kind == RTFRAC_METRIC_MEAN || m->kind == RTFRAC_METRIC_MAX)
        rc = RTFRAC_OK;
    if (rc != RTFRAC_OK)
        return rc;
    if (bd == RTFRAC_DVH_UNKNOWN || !isfinite(v))
        return RTFRAC_EDOM;
    *value = v;
    *bound = bd;
    return RTFRAC_OK;
}
