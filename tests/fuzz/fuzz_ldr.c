/* libFuzzer target: the LDR course parser, rtfrac_ldr_spec_parse (the text
 * of 'rtfrac brachy --ldr').  A parsed course must lie in the domain of
 * rtfrac_ldr_bed (dose, rate, hours, sessions, gap in range, the rate and
 * the hours consistent with the dose), and rtfrac_ldr_bed must then accept
 * it and give a finite BED and a verdict.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz_common.h"

FUZZ_INIT_GSL_QUIET()

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    rtfrac_ldr_spec s;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    int rc = rtfrac_ldr_spec_parse(text, &s, &d);
    if (rc == RTFRAC_OK) {
        double n = (double)s.sessions;
        if (!(s.dose_gy > 0.0 && s.dose_gy <= RTFRAC_DOSE_MAX_GY) || s.sessions < 1 ||
            s.sessions > RTFRAC_LDR_SESSIONS_MAX || !(s.gap_h >= 0.0 && s.gap_h <= RTFRAC_LDR_HOURS_MAX) ||
            !(s.dose_rate_gy_per_h > 0.0 && s.dose_rate_gy_per_h <= RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H) ||
            !(s.hours_per_session_h > 0.0 && s.hours_per_session_h <= RTFRAC_LDR_HOURS_MAX) ||
            !(fabs(s.dose_rate_gy_per_h * n * s.hours_per_session_h - s.dose_gy) <= 1e-9 * s.dose_gy))
            abort();
        rtfrac_ldr_result r;
        if (rtfrac_ldr_bed(s.dose_gy, s.dose_rate_gy_per_h, s.sessions, s.gap_h, 3.0, 1.5, &r) != RTFRAC_OK ||
            !isfinite(r.bed_gy) || !isfinite(r.validity.equivalent_dose_per_fraction_gy))
            abort();
    } else if (rc != RTFRAC_EPARSE) {
        abort();
    } else if (d.column < 1 || memchr(d.message, '\0', sizeof(d.message)) == NULL) {
        abort(); /* a refusal always names a column and is a string */
    }
    free(text);
    return 0;
}
