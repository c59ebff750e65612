/* libFuzzer target: the DVH metric parser, rtfrac_dvh_metric_parse, and the
 * round trip through rtfrac_dvh_metric_name: a parsed metric prints as a
 * name that parses back to the same metric.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz_common.h"

FUZZ_INIT_GSL_QUIET()

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    rtfrac_dvh_metric m, back;
    rtfrac_diag d;
    char name[128];
    rtfrac_diag_clear(&d);
    if (rtfrac_dvh_metric_parse(text, &m, &d) == RTFRAC_OK) {
        if (rtfrac_dvh_metric_name(&m, name, sizeof(name)) != RTFRAC_OK)
            abort();
        rtfrac_diag_clear(&d);
        if (rtfrac_dvh_metric_parse(name, &back, &d) != RTFRAC_OK || back.kind != m.kind ||
            back.unit != m.unit || !(back.x <= m.x && back.x >= m.x))
            abort();
    }
    free(text);
    return 0;
}
