/* rtfrac: status codes, diagnostics and version.
 *
 * Every fallible function of the library returns an int: RTFRAC_OK (0) on
 * success or one of the positive codes below.  Results go out through the
 * last pointer argument and are left untouched on error.  The library never
 * prints, exits or aborts on bad user input.
 *
 * GSL: the library uses the GNU Scientific Library, whose default error
 * handler aborts the process.  Callers need no initialisation and need not
 * call gsl_set_error_handler_off(): every library function that calls a GSL
 * routine able to report an error switches GSL's handler off for those
 * calls, turns GSL's status into an rtfrac code, and restores the caller's
 * handler before it returns.  GSL keeps its handler in one global, so a
 * program that calls rtfrac from several threads at once, or that changes
 * GSL's handler in one thread while another calls rtfrac, must serialise
 * those calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_COMMON_H
#define RTFRAC_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* RTFRAC_API marks the functions that librtfrac.so exports.  The library is
 * compiled with -fvisibility=hidden, so a function without it stays private
 * to the library even when it is not static; `make check` (symbols-test)
 * verifies that the shared library exports exactly the rtfrac_ functions
 * declared in these headers.  For callers the attribute only restates the
 * default.  Compilers other than GCC and clang export everything. */
#ifndef RTFRAC_API
#if defined(__GNUC__)
#define RTFRAC_API __attribute__((visibility("default")))
#else
#define RTFRAC_API
#endif
#endif

#define RTFRAC_VERSION_MAJOR 0
#define RTFRAC_VERSION_MINOR 1
#define RTFRAC_VERSION_PATCH 0
#define RTFRAC_VERSION_STRING "0.1.0"

/* Status codes. */
enum {
    RTFRAC_OK = 0,
    RTFRAC_EDOM = 1,    /* a value is outside the domain of the formula */
    RTFRAC_EINVAL = 2,  /* an invalid argument (e.g. an unknown option value) */
    RTFRAC_EPARSE = 3,  /* text could not be parsed; see the diagnostic */
    RTFRAC_EIO = 4,     /* reading or writing failed */
    RTFRAC_ENOMEM = 5,  /* out of memory */
    RTFRAC_ERANGE = 6,  /* a result would overflow or is not finite */
    RTFRAC_ENOTFOUND = 7, /* a named item (preset, structure) does not exist */
    RTFRAC_EREPOP = 8     /* repopulation exceeds the dose: the BED would be negative */
};

/* Short English description of a status code; never NULL. */
RTFRAC_API const char *rtfrac_strerror(int status);

/* Where a parse error happened and why.  `line` and `column` are 1-based;
 * 0 means "not applicable".  `column` counts characters (UTF-8 code
 * points), not bytes.  `file` is empty when the text did not come from a
 * file.  `message` is a lowercase phrase with no full stop, e.g.
 * "fraction count must be a whole number". */
#define RTFRAC_DIAG_FILE_MAX 512
#define RTFRAC_DIAG_MESSAGE_MAX 512
typedef struct rtfrac_diag {
    char file[RTFRAC_DIAG_FILE_MAX];
    unsigned line;
    unsigned column;
    char message[RTFRAC_DIAG_MESSAGE_MAX];
} rtfrac_diag;

/* Clear a diagnostic (all fields empty or zero).  `diag` may be NULL. */
RTFRAC_API void rtfrac_diag_clear(rtfrac_diag *diag);

/* The library's version, e.g. "0.1.0". */
RTFRAC_API const char *rtfrac_version(void);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_COMMON_H */
