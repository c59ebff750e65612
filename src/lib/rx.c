/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/rx.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rtfrac/lq.h"
#include "rtfrac/num.h"
#include "util_int.h"

enum tok_kind { T_NUM, T_DOSE_UNIT, T_FX_UNIT, T_SLASH, T_TIMES, T_IN, T_END };

typedef struct tok {
    enum tok_kind kind;
    size_t start, end; /* byte offsets into the whole text */
    double value;      /* T_NUM: the number; T_DOSE_UNIT: Gy per unit */
} tok;

#define TOK_MAX 16

/* A number with the unit written after it, if any. */
typedef struct quantity {
    const tok *num;
    const tok *unit; /* NULL, or a T_DOSE_UNIT or T_FX_UNIT token */
} quantity;

typedef struct parser {
    const char *text;
    rtfrac_diag *diag;
    int nested; /* parsing a reading fail_comma proposes: no hints of its own */
    tok toks[TOK_MAX];
    size_t ntoks;
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail_at(parser *ps, size_t at, const char *fmt, ...)
{
    if (ps->diag != NULL) {
        va_list ap;
        ps->diag->column = rtfrac_num_utf8_width(ps->text, at) + 1;
        va_start(ap, fmt);
        vsnprintf(ps->diag->message, sizeof(ps->diag->message), fmt, ap);
        va_end(ap);
    }
    return RTFRAC_EPARSE;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int rx_parse(const char *text, rtfrac_rx *out, rtfrac_diag *diag, int nested);

/* Whether `candidate` is a valid prescription; its error's problem part
 * (before "; ") goes to why. */
static int reads_as_rx(const char *candidate, char *why, size_t why_size)
{
    rtfrac_rx rx;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rx_parse(candidate, &rx, &d, 1) == RTFRAC_OK)
        return 1;
    const char *semi = strstr(d.message, "; ");
    snprintf(why, why_size, "%.*s", semi ? (int)(semi - d.message) : (int)strlen(d.message), d.message);
    return 0;
}

/* A comma inside a number: offer only the readings of the whole text that
 * are valid prescriptions.  The thousands reading needs a group of three
 * digits after the comma and one to three before it ('2,5' is no thousands
 * separator); the decimal reading is always a number, but it may still be
 * no prescription ('55/22,5': 22.5 fractions), and then the hint says why
 * instead of suggesting it. */
static int fail_comma(parser *ps, size_t comma)
{
    static const char problem[] = "',' in a number is not accepted";
    char thousands[128], decimal[128], why_t[160] = "", why_d[160] = "";
    const char *t = ps->text;
    size_t len = strlen(t);
    if (ps->nested) /* a reading fail_comma proposes: no readings of its own */
        return fail_at(ps, comma, "%s", problem);
    if (len > 100)
        return fail_at(ps, comma, "%s; use '.' as the decimal point and no thousands separator", problem);
    /* every comma between digits is read the same way ('2,5 Gy x 2,2') */
    int grouped = 1;
    size_t nt = 0, nd = 0;
    for (size_t i = 0; i < len; i++) {
        if (t[i] != ',' || i == 0 || !is_digit(t[i - 1]) || !is_digit(t[i + 1])) {
            thousands[nt++] = t[i];
            decimal[nd++] = t[i];
            continue;
        }
        size_t before = 0, after = 0;
        while (before < i && is_digit(t[i - before - 1]))
            before++;
        while (is_digit(t[i + 1 + after]))
            after++;
        grouped &= before >= 1 && before <= 3 && after == 3 && !(i > before && t[i - before - 1] == '.');
        decimal[nd++] = '.';
    }
    thousands[nt] = '\0';
    decimal[nd] = '\0';
    int thousands_ok = grouped && reads_as_rx(thousands, why_t, sizeof(why_t));
    int decimal_ok = reads_as_rx(decimal, why_d, sizeof(why_d));
    if (thousands_ok && decimal_ok)
        return fail_at(ps, comma,
                       "',' in a number is ambiguous (decimal comma or thousands separator); write '%s' if ',' separates thousands, or '%s' if it is a decimal comma",
                       thousands, decimal);
    if (decimal_ok)
        return fail_at(ps, comma, "%s; '.' is the decimal point: write '%s'", problem, decimal);
    if (thousands_ok)
        return fail_at(ps, comma, "%s; numbers take no thousands separator: write '%s'", problem, thousands);
    /* neither: explain the likelier reading, thousands when the digits
     * come in groups of three ('1,500,000cGy/2') */
    if (grouped)
        return fail_at(ps, comma, "%s; numbers take no thousands separator, but '%s' is no prescription either (%s)",
                       problem, thousands, why_t);
    return fail_at(ps, comma,
                   "%s; '.' is the decimal point, but '%s' is no prescription either (%s)",
                   problem, decimal, why_d);
}

static int tokenize(parser *ps, size_t from)
{
    const char *t = ps->text;
    size_t p = from;

    ps->ntoks = 0;
    for (;;) {
        while (is_space(t[p]))
            p++;
        if (ps->ntoks == TOK_MAX - 1)
            return fail_at(ps, p, "unexpected '%.32s': too many parts in the prescription", t + p);
        tok *k = &ps->toks[ps->ntoks];
        k->start = p;
        k->value = 0.0;
        char c = t[p];
        if (c == '\0') {
            k->kind = T_END;
            k->end = p;
            ps->ntoks++;
            return RTFRAC_OK;
        }
        if (is_digit(c) || c == '.' ||
            ((c == '+' || c == '-') && (is_digit(t[p + 1]) || t[p + 1] == '.'))) {
            size_t used = 0;
            double v = 0.0;
            rtfrac_num_problem why = RTFRAC_NUM_OK;
            rtfrac_diag nd;
            rtfrac_diag_clear(&nd);
            if (rtfrac_num_scan(t + p, &used, &v, &why, &nd) != RTFRAC_OK) {
                size_t at = p;
                /* nd.column counts characters from p; numbers are ASCII */
                at += nd.column > 0 ? nd.column - 1 : 0;
                if (why == RTFRAC_NUM_COMMA)
                    return fail_comma(ps, at);
                return fail_at(ps, at, "%s", nd.message);
            }
            k->kind = T_NUM;
            k->value = v;
            p += used;
            k->end = p;
            if (t[p] == ',' && is_digit(t[p + 1]))
                return fail_comma(ps, p);
        } else if (c == '/') {
            k->kind = T_SLASH;
            k->end = ++p;
        } else if (c == '*') {
            k->kind = T_TIMES;
            k->end = ++p;
        } else if ((unsigned char)c == 0xC3 && (unsigned char)t[p + 1] == 0x97) {
            k->kind = T_TIMES; /* U+00D7 MULTIPLICATION SIGN */
            p += 2;
            k->end = p;
        } else if (is_alpha(c)) {
            size_t w = p;
            while (is_alpha(t[p]))
                p++;
            size_t n = p - w;
            const char *s = t + w;
            k->end = p;
            if (util_int_equal_ci(s, n, "gy")) {
                k->kind = T_DOSE_UNIT;
                k->value = 1.0;
            } else if (util_int_equal_ci(s, n, "cgy")) {
                k->kind = T_DOSE_UNIT;
                k->value = 0.01;
            } else if (util_int_equal_ci(s, n, "fx") || util_int_equal_ci(s, n, "fxs") ||
                       util_int_equal_ci(s, n, "fr") || util_int_equal_ci(s, n, "frs") ||
                       util_int_equal_ci(s, n, "fraction") || util_int_equal_ci(s, n, "fractions")) {
                k->kind = T_FX_UNIT;
            } else if (util_int_equal_ci(s, n, "x")) {
                k->kind = T_TIMES;
            } else if (util_int_equal_ci(s, n, "in")) {
                k->kind = T_IN;
            } else if (util_int_equal_ci(s, n, "nan") || util_int_equal_ci(s, n, "inf") ||
                       util_int_equal_ci(s, n, "infinity")) {
                return fail_at(ps, w, "NaN and infinity are not accepted; a finite decimal number is needed");
            } else {
                return fail_at(ps, w,
                               "unknown unit '%.*s'; accepted: Gy or cGy for doses, fx, fr or fraction(s) for the fraction count",
                               (int)(n > 32 ? 32 : n), s);
            }
        } else if (c == ',') {
            return fail_at(ps, p, "unexpected ','; write one prescription per argument, e.g. '55/22'");
        } else {
            /* show one whole UTF-8 character */
            size_t n = 1;
            while (n < 4 && ((unsigned char)t[p + n] & 0xC0) == 0x80)
                n++;
            return fail_at(ps, p, "unexpected character '%.*s'", (int)n, t + p);
        }
        ps->ntoks++;
    }
}

/* Take NUM [UNIT] at toks[*i]; advance *i. */
static int take_quantity(parser *ps, size_t *i, quantity *q, const char *what)
{
    const tok *k = &ps->toks[*i];
    if (k->kind != T_NUM) {
        if (k->kind == T_END)
            return fail_at(ps, k->start, "missing %s", what);
        return fail_at(ps, k->start, "expected %s, found '%.*s'", what,
                       (int)(k->end - k->start), ps->text + k->start);
    }
    q->num = k;
    q->unit = NULL;
    (*i)++;
    k = &ps->toks[*i];
    if (k->kind == T_DOSE_UNIT || k->kind == T_FX_UNIT) {
        q->unit = k;
        (*i)++;
    }
    return RTFRAC_OK;
}

static int is_dose(const quantity *q) { return q->unit && q->unit->kind == T_DOSE_UNIT; }
static int is_fx(const quantity *q) { return q->unit && q->unit->kind == T_FX_UNIT; }

static int check_dose(parser *ps, const quantity *q, const char *what, double *gy)
{
    if (is_fx(q))
        return fail_at(ps, q->unit->start,
                       "fraction unit '%.*s' on the %s; a dose takes Gy or cGy",
                       (int)(q->unit->end - q->unit->start), ps->text + q->unit->start, what);
    double v = q->num->value * (q->unit ? q->unit->value : 1.0);
    if (!(v > 0.0))
        return fail_at(ps, q->num->start, "%s must be greater than 0 Gy", what);
    if (v > RTFRAC_DOSE_MAX_GY)
        return fail_at(ps, q->num->start, "%s %.6g Gy is above the accepted maximum of %g Gy",
                       what, v, RTFRAC_DOSE_MAX_GY);
    *gy = v;
    return RTFRAC_OK;
}

static int check_fractions(parser *ps, const quantity *q, unsigned long *n)
{
    if (is_dose(q))
        return fail_at(ps, q->unit->start,
                       "dose unit '%.*s' on the fraction count; the fraction count takes no unit or fx, fr, fraction(s)",
                       (int)(q->unit->end - q->unit->start), ps->text + q->unit->start);
    double v = q->num->value;
    if (!(v >= 1.0))
        return fail_at(ps, q->num->start, "fraction count must be a whole number of at least 1");
    if (v > floor(v))
        return fail_at(ps, q->num->start,
                       "fraction count must be a whole number, not '%.*s'",
                       (int)(q->num->end - q->num->start), ps->text + q->num->start);
    if (v > (double)RTFRAC_FRACTIONS_MAX)
        return fail_at(ps, q->num->start, "fraction count '%.*s' is above the accepted maximum of %lu",
                       (int)(q->num->end - q->num->start), ps->text + q->num->start,
                       RTFRAC_FRACTIONS_MAX);
    *n = (unsigned long)v;
    return RTFRAC_OK;
}

static int parse_label(parser *ps, char *label, size_t *body)
{
    const char *t = ps->text;
    const char *eq = strchr(t, '=');
    label[0] = '\0';
    *body = 0;
    if (eq == NULL)
        return RTFRAC_OK;
    size_t a = 0, b = (size_t)(eq - t);
    while (a < b && is_space(t[a]))
        a++;
    while (b > a && is_space(t[b - 1]))
        b--;
    if (a == b)
        return fail_at(ps, (size_t)(eq - t), "empty label before '='; write e.g. 'PTV-1=55/22' or leave out '='");
    if (b - a >= RTFRAC_LABEL_MAX)
        return fail_at(ps, a, "label is longer than %d bytes", RTFRAC_LABEL_MAX - 1);
    for (size_t i = a; i < b; i++)
        if ((unsigned char)t[i] < 0x20 || t[i] == 0x7F)
            return fail_at(ps, i, "control character in the label");
    memcpy(label, t + a, b - a);
    label[b - a] = '\0';
    *body = (size_t)(eq - t) + 1;
    return RTFRAC_OK;
}

int rtfrac_rx_parse(const char *text, rtfrac_rx *out, rtfrac_diag *diag)
{
    return rx_parse(text, out, diag, 0);
}

static int rx_parse(const char *text, rtfrac_rx *out, rtfrac_diag *diag, int nested)
{
    parser ps;
    rtfrac_rx rx;
    size_t body = 0, i = 0;
    quantity a, b;
    int rc;

    assert(text != NULL && out != NULL);
    memset(&ps, 0, sizeof(ps));
    memset(&rx, 0, sizeof(rx));
    ps.text = text;
    ps.diag = diag;
    ps.nested = nested;

    if ((rc = parse_label(&ps, rx.label, &body)) != RTFRAC_OK)
        return rc;
    if ((rc = tokenize(&ps, body)) != RTFRAC_OK)
        return rc;
    if (ps.toks[0].kind == T_END)
        return fail_at(&ps, body, "empty prescription; write e.g. '55/22', '22x2.5' or '55 Gy in 22 fractions'");
    if ((rc = take_quantity(&ps, &i, &a, "a dose or a fraction count")) != RTFRAC_OK)
        return rc;

    const tok *op = &ps.toks[i];
    if (op->kind == T_END)
        return fail_at(&ps, op->start,
                       "incomplete prescription: '/', 'x' or 'in' and the fraction count are missing; write e.g. '55/22'");
    if (op->kind != T_SLASH && op->kind != T_TIMES && op->kind != T_IN)
        return fail_at(&ps, op->start, "expected '/', 'x' or 'in', found '%.*s'",
                       (int)(op->end - op->start), text + op->start);
    i++;
    if ((rc = take_quantity(&ps, &i, &b,
                            op->kind == T_TIMES ? "a number after 'x'" : "the fraction count")) != RTFRAC_OK)
        return rc;
    const tok *rest = &ps.toks[i];
    if (rest->kind != T_END)
        return fail_at(&ps, rest->start, "unexpected '%.32s' after the prescription", text + rest->start);

    if (op->kind == T_SLASH || op->kind == T_IN) {
        if ((rc = check_dose(&ps, &a, "total dose", &rx.total_dose_gy)) != RTFRAC_OK)
            return rc;
        if ((rc = check_fractions(&ps, &b, &rx.fractions)) != RTFRAC_OK)
            return rc;
        if (a.unit == NULL &&
            rx.total_dose_gy / (double)rx.fractions > RTFRAC_RX_UNITLESS_DOSE_PER_FRACTION_MAX_GY) {
            int na = (int)(a.num->end - a.num->start), nb = (int)(b.num->end - b.num->start);
            const char *ta = text + a.num->start, *tb = text + b.num->start;
            double dpf = rx.total_dose_gy / (double)rx.fractions;
            if (dpf / 100.0 >= RTFRAC_RX_CGY_HINT_MIN_GY)
                return fail_at(&ps, a.num->start,
                               "a total dose of %.*s without a unit is %g Gy per fraction, implausible in gray; did you mean '%.*scGy/%.*s' (%g Gy in %lu fraction%s)? if gray is meant, write the unit: '%.*sGy/%.*s'",
                               na, ta, dpf, na, ta, nb, tb, rx.total_dose_gy / 100.0, rx.fractions,
                               rx.fractions == 1 ? "" : "s", na, ta, nb, tb);
            return fail_at(&ps, a.num->start,
                           "a total dose of %.*s without a unit is %g Gy per fraction; write the unit to confirm it: '%.*sGy/%.*s'",
                           na, ta, dpf, na, ta, nb, tb);
        }
    } else {
        const quantity *dq, *nq;
        if (is_dose(&a) && is_dose(&b))
            return fail_at(&ps, b.unit->start,
                           "both numbers carry a dose unit; only the dose per fraction does, e.g. '22 x 2.5Gy'");
        if (is_fx(&a) && is_fx(&b))
            return fail_at(&ps, b.unit->start,
                           "both numbers carry a fraction unit; write e.g. '22fx x 2.5Gy'");
        if (is_dose(&a) || is_fx(&b)) {
            dq = &a;
            nq = &b;
        } else {
            dq = &b;
            nq = &a;
        }
        double d = 0.0;
        if ((rc = check_fractions(&ps, nq, &rx.fractions)) != RTFRAC_OK) {
            if (!is_fx(nq) && !is_dose(dq) && ps.diag != NULL) {
                size_t len = strlen(ps.diag->message);
                snprintf(ps.diag->message + len, sizeof(ps.diag->message) - len,
                         "; in 'N x d' without units the first number is the fraction count: write e.g. '%.*sGy x %.*s' if %.*s Gy is the dose per fraction",
                         (int)(a.num->end - a.num->start), text + a.num->start,
                         (int)(b.num->end - b.num->start), text + b.num->start,
                         (int)(a.num->end - a.num->start), text + a.num->start);
            }
            return rc;
        }
        if ((rc = check_dose(&ps, dq, "dose per fraction", &d)) != RTFRAC_OK)
            return rc;
        if (dq->unit == NULL && d > RTFRAC_RX_UNITLESS_DOSE_PER_FRACTION_MAX_GY) {
            int nd = (int)(dq->num->end - dq->num->start), nn = (int)(nq->num->end - nq->num->start);
            const char *td = text + dq->num->start, *tn = text + nq->num->start;
            if (d / 100.0 >= RTFRAC_RX_CGY_HINT_MIN_GY)
                return fail_at(&ps, dq->num->start,
                               "a dose per fraction of %.*s without a unit is implausible in gray; did you mean '%.*s x %.*scGy' (%g Gy per fraction)? if gray is meant, write the unit: '%.*s x %.*sGy'",
                               nd, td, nn, tn, nd, td, d / 100.0, nn, tn, nd, td);
            return fail_at(&ps, dq->num->start,
                           "a dose per fraction of %.*s without a unit is %g Gy per fraction; write the unit to confirm it: '%.*s x %.*sGy'",
                           nd, td, d, nn, tn, nd, td);
        }
        /* the decimal product: 3 x 2.2 Gy is 6.6 Gy, not 6.6000000000000005 */
        rx.total_dose_gy = util_int_shortest_near(d * (double)rx.fractions, 2);
        if (rx.total_dose_gy > RTFRAC_DOSE_MAX_GY)
            return fail_at(&ps, dq->num->start, "total dose %.6g Gy is above the accepted maximum of %g Gy",
                           rx.total_dose_gy, RTFRAC_DOSE_MAX_GY);
    }
    *out = rx;
    return RTFRAC_OK;
}

double rtfrac_rx_dose_per_fraction_gy(const rtfrac_rx *rx)
{
    double d = 0.0;
    assert(rx != NULL && rx->fractions >= 1);
    (void)rtfrac_lq_dose_per_fraction(rx->total_dose_gy, rx->fractions, &d); /* valid rx: cannot fail */
    return d;
}
