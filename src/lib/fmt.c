/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* strtod_l */
#include "rtfrac/fmt.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads back in the C locale, whatever the embedding program set. */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void c_locale_init(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static double read_back(const char *text)
{
    pthread_once(&c_locale_once, c_locale_init);
    return c_locale != (locale_t)0 ? strtod_l(text, NULL, c_locale) : strtod(text, NULL);
}

/* A decimal in scientific form: digits d[0..n) (d[0] != '0') times
 * 10^(exp10 - n + 1), with its sign. */
typedef struct decimal {
    int negative, n, exp10;
    char d[24];
} decimal;

/* `value` (finite, not zero) to `prec` significant digits, correctly
 * rounded by the C library ("%.*e").  The decimal point is whatever the
 * locale makes it: everything that is not a digit between the first digit
 * and the 'e' is skipped. */
static void to_decimal(double value, int prec, decimal *out)
{
    char buf[48];
    snprintf(buf, sizeof(buf), "%.*e", prec - 1, value);
    const char *s = buf;
    out->negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    out->n = 0;
    for (; *s != 'e' && *s != 'E' && *s != '\0'; s++)
        if (*s >= '0' && *s <= '9' && out->n < prec)
            out->d[out->n++] = *s;
    out->exp10 = *s ? (int)strtol(s + 1, NULL, 10) : 0;
}

/* from (17 significant digits, correctly rounded) rounded to prec < 17
 * digits, exactly as the C library rounds `value` itself: rounding the
 * 17-digit text again differs from rounding the value only when the
 * dropped digits are a tie ("5", "50"), since the value lies within half a
 * unit of the 17th digit of that text; then the value is converted again. */
static void round_decimal(double value, const decimal *from, int prec, decimal *out)
{
    int tie = from->d[prec] == '5';
    for (int i = prec + 1; i < from->n && tie; i++)
        tie = from->d[i] == '0';
    if (tie) {
        to_decimal(value, prec, out);
        return;
    }
    *out = *from;
    out->n = prec;
    if (from->d[prec] < '5')
        return;
    int i = prec - 1;
    for (; i >= 0 && out->d[i] == '9'; i--)
        out->d[i] = '0';
    if (i >= 0) {
        out->d[i]++;
    } else { /* 9.99... became 10.0...: one more power of ten */
        out->d[0] = '1';
        out->exp10++;
    }
}

/* The decimal as "%.{n}g" writes it: plain notation when -4 <= exp10 < n,
 * otherwise d.ddde+XX; trailing zeros after the point removed. */
static int write_g(char *buf, size_t size, const decimal *v)
{
    char tmp[64];
    size_t len = 0;
    int n = v->n;
    while (n > 1 && v->d[n - 1] == '0')
        n--; /* %g drops trailing zeros */
    if (v->negative)
        tmp[len++] = '-';
    if (v->exp10 < -4 || v->exp10 >= v->n) {
        tmp[len++] = v->d[0];
        if (n > 1) {
            tmp[len++] = '.';
            memcpy(tmp + len, v->d + 1, (size_t)n - 1);
            len += (size_t)n - 1;
        }
        int e = v->exp10 < 0 ? -v->exp10 : v->exp10;
        len += (size_t)snprintf(tmp + len, sizeof(tmp) - len, "e%c%02d", v->exp10 < 0 ? '-' : '+', e);
    } else if (v->exp10 >= 0) {
        for (int i = 0; i <= v->exp10; i++)
            tmp[len++] = i < n ? v->d[i] : '0';
        if (n > v->exp10 + 1) {
            tmp[len++] = '.';
            memcpy(tmp + len, v->d + v->exp10 + 1, (size_t)(n - v->exp10 - 1));
            len += (size_t)(n - v->exp10 - 1);
        }
    } else {
        tmp[len++] = '0';
        tmp[len++] = '.';
        for (int i = 0; i < -v->exp10 - 1; i++)
            tmp[len++] = '0';
        memcpy(tmp + len, v->d, (size_t)n);
        len += (size_t)n;
    }
    if (len + 1 > size)
        return -1;
    memcpy(buf, tmp, len);
    buf[len] = '\0';
    return (int)len;
}

int rtfrac_fmt_shortest(char *buf, size_t size, double value)
{
    if (!isfinite(value))
        return snprintf(buf, size, "%s", isnan(value) ? "nan" : value < 0.0 ? "-inf" : "inf") < (int)size
                   ? (int)strlen(buf) : -1;
    if (!(value < 0.0) && !(value > 0.0))
        return size >= 2 ? (int)(memcpy(buf, "0", 2), 1) : -1; /* no "-0" */
    decimal d17, d;
    to_decimal(value, 17, &d17);
    /* one unit of the 17th digit, and the value's ulp in those units (for
     * the filter below; not used at the ends of the range) */
    int e2;
    frexp(value, &e2);
    double ulp_units = d17.exp10 - 16 > -290 ? ldexp(1.0, e2 - 53 > -1074 ? e2 - 53 : -1074) /
                                                   pow(10.0, d17.exp10 - 16)
                                             : -1.0;
    for (int prec = 15; prec <= 16; prec++) {
        /* the digits dropped from the 17: all zeros, and the shorter text is
         * the 17-digit one, which reads back; otherwise the shorter text
         * lies `dist` units of the 17th digit from it, and more than an ulp
         * (twice the half ulp that reading back allows, with the half unit
         * the 17 digits may be off) means it cannot read back: no strtod */
        int dropped = 0, zeros = 1;
        for (int i = prec; i < 17; i++) {
            dropped = 10 * dropped + (d17.d[i] - '0');
            zeros &= d17.d[i] == '0';
        }
        int whole = prec == 15 ? 100 : 10;
        int dist = d17.d[prec] >= '5' ? whole - dropped : dropped;
        round_decimal(value, &d17, prec, &d);
        int len = write_g(buf, size, &d);
        if (len < 0)
            return -1;
        if (zeros)
            return len;
        if (ulp_units > 0.0 && (double)dist - 0.5 > ulp_units)
            continue;
        double back = read_back(buf);
        if (!(back < value) && !(back > value))
            return len;
    }
    return write_g(buf, size, &d17);
}

static const double pow10_table[16] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

int rtfrac_fmt_fixed(char *buf, size_t size, double value, int decimals)
{
    if (decimals < 0 || decimals > 15 || size < 32)
        return -1;
    char shortest[RTFRAC_FMT_MAX];
    if (rtfrac_fmt_shortest(shortest, sizeof(shortest), value) < 0 || !isfinite(value))
        return snprintf(buf, size, "%s", shortest) < (int)size ? (int)strlen(buf) : -1;
    const char *dot = strchr(shortest, '.');
    int has_exp = strchr(shortest, 'e') != NULL;
    size_t frac = dot ? strlen(dot + 1) : 0;
    /* Fast path, no second conversion: round the shortest decimal S itself,
     * half away from zero, while |value| < 10^(13 - decimals).  That gives
     * what printing the (nudged) value below gives:
     * - ulp(value) < 10^-decimals / 400 there, so the value, within half an
     *   ulp of S, and the value nudged by one ulp round as S does unless a
     *   rounding boundary B (decimals + 1 decimals, ending in 5) lies
     *   between the value and S, or on the value;
     * - such a B has at most 14 significant digits (13 - decimals integer
     *   digits), is nearer the value than S is, so it reads back as the
     *   value, and so does the nearest 15-digit decimal: S would be that
     *   decimal (it is the %.15g text when any 15-digit text reads back),
     *   at least as near as B.  So no B lies strictly between, and the
     *   value equals B only when S is B, the tie that rounds away.
     * tests/unit/test_fmt.c compares both paths on random doubles. */
    if (!has_exp && decimals <= 13 && fabs(value) < pow10_table[13 - decimals]) {
        const char *digits = shortest + (shortest[0] == '-');
        size_t ilen = dot ? (size_t)(dot - digits) : strlen(digits);
        char out[64];
        size_t len = 0;
        out[len++] = '0'; /* room for a carry */
        memcpy(out + len, digits, ilen);
        len += ilen;
        for (size_t i = 0; i < (size_t)decimals; i++)
            out[len++] = i < frac ? dot[1 + i] : '0';
        if (frac > (size_t)decimals && dot[1 + decimals] >= '5') {
            size_t i = len;
            while (i-- > 0 && out[i] == '9')
                out[i] = '0';
            out[i]++;
        }
        int negative = shortest[0] == '-' && strspn(out, "0") < len; /* "-0.00" is 0.00 */
        size_t skip = out[0] == '0' && ilen > 0 ? 1 : 0;  /* the carry room when unused */
        size_t need = (size_t)negative + (len - skip) + (decimals > 0) + 1;
        if (need > size)
            return -1;
        size_t w = 0, ipart = ilen + 1 - skip;
        if (negative)
            buf[w++] = '-';
        memcpy(buf + w, out + skip, ipart);
        w += ipart;
        if (decimals > 0) {
            buf[w++] = '.';
            memcpy(buf + w, out + 1 + ilen, (size_t)decimals);
            w += (size_t)decimals;
        }
        buf[w] = '\0';
        return (int)w;
    }
    /* Round the number as written, half away from zero: when the shortest
     * decimal ends in a 5 just after the last printed digit it is a tie,
     * whichever side of it the binary value lies (2.385 is
     * 2.38499999999999996 in binary, 90.625 exactly).  The C library would
     * round the binary value, to even on exact ties; one ulp away from zero
     * makes it round away.  Only a tie in the shortest decimal can flip a
     * printed digit: the binary value lies within half an ulp of it. */
    double v = value;
    if (dot != NULL && !has_exp && frac == (size_t)decimals + 1 && dot[1 + decimals] == '5')
        v = nextafter(value, value < 0.0 ? -HUGE_VAL : HUGE_VAL);
    int len = snprintf(buf, size, "%.*f", decimals, v);
    if (len < 0 || (size_t)len >= size)
        return -1;
    for (char *p = buf; *p; p++)
        if ((*p < '0' || *p > '9') && *p != '-') {
            *p = '.'; /* the locale's decimal point */
            break;
        }
    if (buf[0] == '-' && buf[1 + strspn(buf + 1, "0.")] == '\0') {
        memmove(buf, buf + 1, (size_t)len); /* "-0.00" is 0.00 */
        len--;
    }
    return len;
}
