/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE /* strtod_l */
#include "rtfrac/num.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util_int.h"

#define NUM_TEXT_MAX 64

/* strtod honours LC_NUMERIC; a program that embeds the library may have
 * set a locale whose decimal point is ','.  Convert in the C locale. */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void c_locale_init(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

unsigned rtfrac_num_utf8_width(const char *text, size_t nbytes)
{
    unsigned width = 0;
    for (size_t i = 0; i < nbytes && text[i] != '\0'; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            width++;
    return width;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int fail(rtfrac_num_problem why, const char *text, size_t at,
                rtfrac_num_problem *problem, rtfrac_diag *diag,
                const char *message)
{
    if (problem != NULL)
        *problem = why;
    if (diag != NULL) {
        diag->column = rtfrac_num_utf8_width(text, at) + 1;
        snprintf(diag->message, sizeof(diag->message), "%s", message);
    }
    return RTFRAC_EPARSE;
}

int rtfrac_num_scan(const char *text, size_t *consumed, double *out,
                    rtfrac_num_problem *problem, rtfrac_diag *diag)
{
    size_t p = 0, ndigits = 0;

    if (text[p] == '+' || text[p] == '-')
        p++;
    if (text[p] == '0' && (text[p + 1] == 'x' || text[p + 1] == 'X'))
        return fail(RTFRAC_NUM_HEX, text, 0, problem, diag,
                    "hexadecimal numbers are not accepted; write the number in decimal");
    if (util_int_starts_ci(text + p, "nan") || util_int_starts_ci(text + p, "inf"))
        return fail(RTFRAC_NUM_NONFINITE, text, p, problem, diag,
                    "NaN and infinity are not accepted; a finite decimal number is needed");
    while (is_digit(text[p])) {
        p++;
        ndigits++;
    }
    if (text[p] == '.') {
        p++;
        while (is_digit(text[p])) {
            p++;
            ndigits++;
        }
    }
    if (ndigits == 0) {
        if (text[p] == ',' && is_digit(text[p + 1]))
            return fail(RTFRAC_NUM_COMMA, text, p, problem, diag,
                        "',' in a number is ambiguous (decimal comma or thousands separator); use '.' as the decimal point and no thousands separator");
        return fail(RTFRAC_NUM_EMPTY, text, 0, problem, diag,
                    "a number was expected");
    }
    if (text[p] == ',' && is_digit(text[p + 1]))
        return fail(RTFRAC_NUM_COMMA, text, p, problem, diag,
                    "',' in a number is ambiguous (decimal comma or thousands separator); use '.' as the decimal point and no thousands separator");
    if (text[p] == 'e' || text[p] == 'E') {
        size_t q = p + 1;
        if (text[q] == '+' || text[q] == '-')
            q++;
        if (is_digit(text[q])) {
            while (is_digit(text[q]))
                q++;
            p = q;
        }
    }
    if (p > NUM_TEXT_MAX)
        return fail(RTFRAC_NUM_TOO_LONG, text, 0, problem, diag,
                    "number has more than 64 characters");

    char buf[NUM_TEXT_MAX + 1];
    memcpy(buf, text, p);
    buf[p] = '\0';
    pthread_once(&c_locale_once, c_locale_init);
    errno = 0;
    char *end = NULL;
    double value = c_locale != (locale_t)0 ? strtod_l(buf, &end, c_locale)
                                           : strtod(buf, &end);
    if (end != buf + p)
        return fail(RTFRAC_NUM_EMPTY, text, 0, problem, diag,
                    "a number was expected");
    if (!isfinite(value) || (errno == ERANGE))
        return fail(RTFRAC_NUM_RANGE, text, 0, problem, diag,
                    "number is out of range");
    *out = value;
    *consumed = p;
    if (problem != NULL)
        *problem = RTFRAC_NUM_OK;
    return RTFRAC_OK;
}

int rtfrac_num_parse(const char *text, double *out, rtfrac_diag *diag)
{
    size_t start = 0, used = 0;
    double value = 0.0;
    int rc;

    while (text[start] == ' ' || text[start] == '\t')
        start++;
    rc = rtfrac_num_scan(text + start, &used, &value, NULL, diag);
    if (rc != RTFRAC_OK) {
        if (diag != NULL)
            diag->column += rtfrac_num_utf8_width(text, start);
        return rc;
    }
    size_t end = start + used;
    while (text[end] == ' ' || text[end] == '\t')
        end++;
    if (text[end] != '\0') {
        if (diag != NULL) {
            diag->column = rtfrac_num_utf8_width(text, end) + 1;
            snprintf(diag->message, sizeof(diag->message),
                     "unexpected '%.32s' after the number", text + end);
        }
        return RTFRAC_EPARSE;
    }
    *out = value;
    return RTFRAC_OK;
}

typedef struct unit_word {
    rtfrac_quantity quantity;
    const char *word; /* lower case */
    double factor;    /* multiply to get the quantity's default unit */
} unit_word;

static const unit_word unit_words[] = {
    { RTFRAC_QTY_DOSE_GY, "gy", 1.0 },
    { RTFRAC_QTY_DOSE_GY, "cgy", 0.01 },
    { RTFRAC_QTY_TIME_DAYS, "d", 1.0 },
    { RTFRAC_QTY_TIME_DAYS, "day", 1.0 },
    { RTFRAC_QTY_TIME_DAYS, "days", 1.0 },
    { RTFRAC_QTY_TIME_HOURS, "h", 1.0 },
    { RTFRAC_QTY_TIME_HOURS, "hr", 1.0 },
    { RTFRAC_QTY_TIME_HOURS, "hour", 1.0 },
    { RTFRAC_QTY_TIME_HOURS, "hours", 1.0 },
    { RTFRAC_QTY_PER_GY, "/gy", 1.0 },
    { RTFRAC_QTY_PER_GY, "gy^-1", 1.0 },
    { RTFRAC_QTY_PER_GY, "gy-1", 1.0 },
    { RTFRAC_QTY_GY_PER_DAY, "gy/d", 1.0 },
    { RTFRAC_QTY_GY_PER_DAY, "gy/day", 1.0 },
    { RTFRAC_QTY_PERCENT, "%", 1.0 },
    { RTFRAC_QTY_VOLUME_CC, "cc", 1.0 },
    { RTFRAC_QTY_VOLUME_CC, "cm3", 1.0 },
    { RTFRAC_QTY_VOLUME_CC, "ml", 1.0 },
};

const char *rtfrac_num_quantity_units(rtfrac_quantity quantity)
{
    switch (quantity) {
    case RTFRAC_QTY_PLAIN: return "no unit";
    case RTFRAC_QTY_DOSE_GY: return "Gy or cGy";
    case RTFRAC_QTY_TIME_DAYS: return "d (days)";
    case RTFRAC_QTY_TIME_HOURS: return "h (hours)";
    case RTFRAC_QTY_PER_GY: return "/Gy";
    case RTFRAC_QTY_GY_PER_DAY: return "Gy/d";
    case RTFRAC_QTY_PERCENT: return "%";
    case RTFRAC_QTY_VOLUME_CC: return "cc, cm3 or ml";
    }
    return "no unit";
}

int rtfrac_num_parse_quantity(const char *text, rtfrac_quantity quantity,
                              double *out, rtfrac_diag *diag)
{
    size_t start = 0, used = 0;
    double value = 0.0, factor = 1.0;

    while (text[start] == ' ' || text[start] == '\t')
        start++;
    if (rtfrac_num_scan(text + start, &used, &value, NULL, diag) != RTFRAC_OK) {
        if (diag != NULL)
            diag->column += rtfrac_num_utf8_width(text, start);
        return RTFRAC_EPARSE;
    }
    size_t p = start + used;
    while (text[p] == ' ' || text[p] == '\t')
        p++;
    size_t u = p, end = strlen(text);
    while (end > u && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        end--;
    if (end > u) {
        int found = 0;
        for (size_t i = 0; i < sizeof(unit_words) / sizeof(unit_words[0]); i++) {
            if (unit_words[i].quantity == quantity &&
                util_int_equal_ci(text + u, end - u, unit_words[i].word)) {
                factor = unit_words[i].factor;
                found = 1;
                break;
            }
        }
        if (!found) {
            if (diag != NULL) {
                diag->column = rtfrac_num_utf8_width(text, u) + 1;
                if (quantity == RTFRAC_QTY_PLAIN)
                    snprintf(diag->message, sizeof(diag->message),
                             "unexpected '%.*s' after the number", (int)(end - u > 32 ? 32 : end - u), text + u);
                else
                    snprintf(diag->message, sizeof(diag->message),
                             "unknown unit '%.*s'; accepted: %s", (int)(end - u > 32 ? 32 : end - u),
                             text + u, rtfrac_num_quantity_units(quantity));
            }
            return RTFRAC_EPARSE;
        }
    }
    double v = value * factor;
    if (!isfinite(v)) {
        if (diag != NULL) {
            diag->column = rtfrac_num_utf8_width(text, start) + 1;
            snprintf(diag->message, sizeof(diag->message), "number is out of range");
        }
        return RTFRAC_EPARSE;
    }
    *out = v;
    return RTFRAC_OK;
}

static const char *const num_problem_names[] = { "ok", "empty", "comma", "hex", "non-finite", "range", "too-long", "trailing" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_num_problem, rtfrac_num_problem, num_problem_names)

static const char *const num_quantity_names[] = { "plain", "dose-gy", "time-days", "time-hours", "per-gy", "gy-per-day", "percent", "volume-cc" };

UTIL_INT_ENUM_FUNCTIONS(rtfrac_num_quantity, rtfrac_quantity, num_quantity_names)
