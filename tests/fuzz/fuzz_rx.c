/* libFuzzer target: the prescription parser, rtfrac_rx_parse.  A parsed
 * prescription must obey the documented limits (1..RTFRAC_FRACTIONS_MAX
 * fractions, 0 < total <= RTFRAC_DOSE_MAX_GY, a label shorter than
 * RTFRAC_LABEL_MAX), or the parser has let something through.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz_common.h"

FUZZ_INIT_GSL_QUIET()

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    rtfrac_rx rx;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    int rc = rtfrac_rx_parse(text, &rx, &d);
    if (rc == RTFRAC_OK) {
        if (rx.fractions < 1 || rx.fractions > RTFRAC_FRACTIONS_MAX || !isfinite(rx.total_dose_gy) ||
            !(rx.total_dose_gy > 0.0) || rx.total_dose_gy > RTFRAC_DOSE_MAX_GY ||
            strlen(rx.label) >= RTFRAC_LABEL_MAX)
            abort();
        /* what calc does next: the effect at a usual alpha/beta */
        rtfrac_model m;
        rtfrac_effect e;
        rtfrac_model_init(&m);
        if (rtfrac_model_effect(&m, rx.total_dose_gy, rx.fractions, 3.0, &e) != RTFRAC_OK || !isfinite(e.bed_gy))
            abort();
    } else if (rc != RTFRAC_EPARSE && rc != RTFRAC_EDOM && rc != RTFRAC_EINVAL) {
        abort();
    }
    if (memchr(d.message, '\0', sizeof(d.message)) == NULL)
        abort(); /* the diagnostic is always a string */
    free(text);
    return 0;
}
