/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _DEFAULT_SOURCE /* TIOCGWINSZ, struct winsize */
#include "wrap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rtfrac.h>

size_t wrap_width(FILE *fp)
{
    const char *env = getenv("COLUMNS");
    double v = 0.0;
    if (env != NULL && rtfrac_num_parse(env, &v, NULL) == RTFRAC_OK && v >= WRAP_MIN_WIDTH &&
        v <= WRAP_MAX_WIDTH && !(v > floor(v)))
        return (size_t)v;
    struct winsize ws;
    int fd = fileno(fp);
    if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= WRAP_MIN_WIDTH)
        return ws.ws_col;
    return WRAP_DEFAULT_WIDTH;
}

/* "3 Gy" stays on one line: a unit after a number joins its word. */
static size_t word_end(const char *word)
{
    size_t n = strcspn(word, " \n");
    const char *next = word + n + 1;
    if (n > 0 && word[n] == ' ' && word[n - 1] >= '0' && word[n - 1] <= '9' &&
        (strncmp(next, "Gy", 2) == 0 || strncmp(next, "cGy", 3) == 0))
        n += 1 + strcspn(next, " \n");
    return n;
}

int wrap_put(FILE *fp, const char *text, size_t width, size_t indent)
{
    size_t col = 0, line_start = 1;
    const char *p = text;
    while (*p != '\0') {
        if (*p == '\n') { /* a line break of the text itself */
            if (fputc('\n', fp) == EOF)
                return -1;
            col = 0;
            line_start = 1;
            p++;
            continue;
        }
        size_t nsp = strspn(p, " ");
        const char *word = p + nsp;
        size_t nw = word_end(word);
        size_t w = rtfrac_num_utf8_width(word, nw);
        if (!line_start && nw > 0 && col + nsp + w > width) {
            if (fprintf(fp, "\n%*s", (int)indent, "") < 0)
                return -1;
            col = indent;
        } else if (fprintf(fp, "%*s", (int)nsp, "") < 0) {
            return -1;
        } else {
            col += nsp;
        }
        if (nw > 0 && fwrite(word, 1, nw, fp) != nw)
            return -1;
        col += w;
        line_start = 0;
        p = word + nw;
    }
    return fputc('\n', fp) == EOF ? -1 : 0;
}
