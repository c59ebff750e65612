/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/common.h"

#include <string.h>

const char *rtfrac_strerror(int status)
{
    switch (status) {
    case RTFRAC_OK: return "success";
    case RTFRAC_EDOM: return "value outside the domain of the formula";
    case RTFRAC_EINVAL: return "invalid argument";
    case RTFRAC_EPARSE: return "parse error";
    case RTFRAC_EIO: return "input/output error";
    case RTFRAC_ENOMEM: return "out of memory";
    case RTFRAC_ERANGE: return "result out of range";
    case RTFRAC_ENOTFOUND: return "not found";
    case RTFRAC_EREPOP: return "repopulation exceeds the dose (the BED would be negative)";
    default: return "unknown error";
    }
}

void rtfrac_diag_clear(rtfrac_diag *diag)
{
    if (diag == NULL)
        return;
    memset(diag, 0, sizeof(*diag));
}

const char *rtfrac_version(void)
{
    return RTFRAC_VERSION_STRING;
}
