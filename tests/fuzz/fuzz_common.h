/* Shared by the libFuzzer targets in tests/fuzz/ (see README.md there).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_FUZZ_COMMON_H
#define RTFRAC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The start-up of a target that needs nothing but GSL's error handler off
 * (a GSL error is a status here, never an abort). */
#define FUZZ_INIT_GSL_QUIET()                              \
    int LLVMFuzzerInitialize(int *argc, char ***argv)      \
    {                                                      \
        (void)argc;                                        \
        (void)argv;                                        \
        gsl_set_error_handler_off();                       \
        return 0;                                          \
    }

/* The input as a C string (cut at an embedded NUL, as a C caller would). */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* The input as a file: one temporary file per process, rewritten for each
 * input, removed at exit.  The readers take paths, so this is how they see
 * hostile bytes. */
static char fuzz_path[64];

static inline void fuzz_unlink(void)
{
    if (fuzz_path[0] != '\0')
        unlink(fuzz_path);
}

static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
    if (fuzz_path[0] == '\0') {
        snprintf(fuzz_path, sizeof(fuzz_path), "/tmp/rtfrac-fuzz-%ld%s", (long)getpid(), suffix);
        atexit(fuzz_unlink);
    }
    FILE *fp = fopen(fuzz_path, "wb");
    if (fp == NULL || (size > 0 && fwrite(data, 1, size, fp) != size) || fclose(fp) != 0)
        abort();
    return fuzz_path;
}

#endif
