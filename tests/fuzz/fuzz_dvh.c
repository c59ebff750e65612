/* libFuzzer target: every DVH reader, rtfrac_dvh_read_with on the input
 * written to a temporary file, once for each format (auto detection
 * included), then the bins and summary statistics of every structure read.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz_common.h"

FUZZ_INIT_GSL_QUIET()

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".dvh");
    for (int f = RTFRAC_DVH_FORMAT_AUTO; f <= RTFRAC_DVH_FORMAT_DICOMTOOLS; f++) {
        rtfrac_dvh_read_options o;
        rtfrac_dvh_set *set = NULL;
        rtfrac_diag d;
        rtfrac_dvh_read_options_init(&o);
        o.format = (rtfrac_dvh_format)f;
        if (f == RTFRAC_DVH_FORMAT_DICOMTOOLS) {
            o.has_dose_unit = 1;
            o.gy_per_unit = 1.0;
        }
        rtfrac_diag_clear(&d);
        if (rtfrac_dvh_read_with(path, &o, &set, &d) != RTFRAC_OK)
            continue;
        for (size_t i = 0; i < set->n; i++) {
            rtfrac_dvh_bins b;
            rtfrac_dvh_stats s;
            double g = 0.0;
            memset(&b, 0, sizeof(b));
            if (rtfrac_dvh_bins_from(&set->dvhs[i], &b) != RTFRAC_OK)
                continue;
            if (rtfrac_dvh_stats_of(&b, &s) == RTFRAC_OK && (!isfinite(s.mean_gy) || !isfinite(s.max_gy)))
                abort();
            rtfrac_dvh_bound bd;
            if (rtfrac_dvh_geud_bounded(&b, 8.0, &g, &bd) == RTFRAC_OK && !isfinite(g))
                abort();
            rtfrac_dvh_bins_release(&b);
        }
        rtfrac_dvh_set_free(set);
    }
    return 0;
}
