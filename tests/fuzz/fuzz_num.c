/* libFuzzer target: the number parser, rtfrac_num_parse_quantity, for every
 * quantity (the first byte picks it).  Whatever it accepts is finite: NaN,
 * infinities and overflow are refused.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz_common.h"

FUZZ_INIT_GSL_QUIET()

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    rtfrac_quantity q = (rtfrac_quantity)(data[0] % (RTFRAC_QTY_VOLUME_CC + 1));
    char *text = fuzz_cstring(data + 1, size - 1);
    double v = 0.0;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse_quantity(text, q, &v, &d) == RTFRAC_OK && !isfinite(v))
        abort();
    v = 0.0;
    if (rtfrac_num_parse(text, &v, &d) == RTFRAC_OK && !isfinite(v))
        abort();
    free(text);
    return 0;
}
