/* rtfrac CLI: notes in text output wrap to the terminal's width.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_WRAP_H
#define RTFRAC_CLI_WRAP_H

#include <stddef.h>
#include <stdio.h>

enum { WRAP_DEFAULT_WIDTH = 80, WRAP_MIN_WIDTH = 20, WRAP_MAX_WIDTH = 1000 };

/* The width text output wraps to: $COLUMNS when it holds a whole number
 * from WRAP_MIN_WIDTH to WRAP_MAX_WIDTH; else the terminal's width when fp
 * is a terminal; else WRAP_DEFAULT_WIDTH (files and pipes read the same
 * everywhere). */
size_t wrap_width(FILE *fp);

/* Write `text` and a newline, broken at spaces so that no line is wider
 * than `width` columns (UTF-8 characters count one), continuation lines
 * indented by `indent` spaces; a word wider than the line stays whole.
 * Returns 0, or -1 when a write failed. */
int wrap_put(FILE *fp, const char *text, size_t width, size_t indent);

#endif /* RTFRAC_CLI_WRAP_H */
