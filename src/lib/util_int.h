/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small text helpers shared by the library's parsers (num.c, rx.c and the
 * DVH readers).  Private: nothing here is part of the public API, and being
 * static inline it adds no symbol to the library. */
#ifndef RTFRAC_UTIL_INT_H
#define RTFRAC_UTIL_INT_H

#include <math.h>
#include <stddef.h>
#include <string.h>

/* ASCII only, whatever the locale: the library never depends on setlocale. */
static inline char util_int_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The one case-insensitive compare: does `s` begin with `prefix`, ignoring
 * ASCII case?  Reads no further into `s` than the length of `prefix`. */
static inline int util_int_starts_ci(const char *s, const char *prefix)
{
    for (; *prefix != '\0'; s++, prefix++)
        if (util_int_lower(*s) != util_int_lower(*prefix))
            return 0;
    return 1;
}

/* Are the n bytes at `s` the word `word`, ignoring ASCII case?  `s` need not
 * end after them. */
static inline int util_int_equal_ci(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && util_int_starts_ci(s, word);
}

/* The index of `text` among `names` (n of them), ignoring ASCII case, or -1:
 * the one matcher behind every enum's _parse function. */
static inline int util_int_enum_parse(const char *const *names, size_t n, const char *text)
{
    if (text == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (names[i][0] != '\0' && util_int_equal_ci(text, strlen(text), names[i]))
            return (int)i;
    return -1;
}

/* The double with the fewest (at most 12) significant decimal digits within `ulps` units
 * in the last place of x (x itself when none is shorter): 16.2 / 9 gives
 * 1.7999999999999998 in binary, one ulp from 1.8, which is what the user
 * wrote and reads; 3 x 2.2 gives 6.6000000000000005, one ulp from 6.6.  A
 * change of a few ulps moves no printed digit and no clinical number. */
/* "" for 1, else "s": "1 column", "2 columns" in messages. */
static inline const char *util_int_plural_s(size_t n)
{
    return n == 1 ? "" : "s";
}

static inline double util_int_shortest_near(double x, int ulps)
{
    if (!isfinite(x) || !(fabs(x) > 0.0)) /* zero has no noise */
        return x;
    double tol = (double)ulps * (nextafter(fabs(x), INFINITY) - fabs(x));
    int e = (int)floor(log10(fabs(x)));
    for (int p = 1; p <= 12; p++) { /* typed doses, not solved ones */
        int k = p - 1 - e;
        double c;
        if (k < -22 || k > 22)
            break;
        c = k >= 0 ? round(x * pow(10.0, k)) / pow(10.0, k) : round(x / pow(10.0, -k)) * pow(10.0, -k);
        if (isfinite(c) && fabs(c - x) <= tol)
            return c;
    }
    return x;
}

/* The _name and _parse functions of a public enum whose values are 0 .. n-1
 * and whose names are the static array `names`: _name gives "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
#define UTIL_INT_ENUM_FUNCTIONS(prefix, type, names)                                       \
    const char *prefix##_name(type value)                                                  \
    {                                                                                      \
        return (size_t)value < sizeof(names) / sizeof(names[0]) ? names[value] : "";       \
    }                                                                                      \
    int prefix##_parse(const char *text, type *out)                                        \
    {                                                                                      \
        int i_ = util_int_enum_parse(names, sizeof(names) / sizeof(names[0]), text);       \
        if (i_ < 0)                                                                        \
            return RTFRAC_EINVAL;                                                          \
        *out = (type)i_;                                                                   \
        return RTFRAC_OK;                                                                  \
    }

#endif /* RTFRAC_UTIL_INT_H */
