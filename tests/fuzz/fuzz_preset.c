/* libFuzzer target: the preset loader, rtfrac_presets_load_file, on the
 * input written to a temporary file, once for each kind of preset
 * (tissues, schemes, plans, constraints, NTCP).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz_common.h"

FUZZ_INIT_GSL_QUIET()

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".ini");
    const rtfrac_preset_kind kinds[] = { RTFRAC_PRESET_TISSUE, RTFRAC_PRESET_SCHEME, RTFRAC_PRESET_PLAN,
                                         RTFRAC_PRESET_CONSTRAINTS, RTFRAC_PRESET_NTCP };
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        rtfrac_presets *p = rtfrac_presets_alloc();
        rtfrac_diag d;
        const char *id = NULL;
        if (p == NULL)
            abort();
        rtfrac_diag_clear(&d);
        if (rtfrac_presets_load_file(p, kinds[k], path, &id, &d) == RTFRAC_OK) {
            rtfrac_diag_clear(&d);
            (void)rtfrac_presets_check(p, &d);
        }
        rtfrac_presets_free(p);
    }
    return 0;
}
