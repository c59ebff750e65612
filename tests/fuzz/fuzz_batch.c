/* libFuzzer target: the batch reader (include/rtfrac/batch.h).  The input
 * is a batch file: its first line goes to rtfrac_batch_header_parse, every
 * further line to rtfrac_batch_row_parse and, when it parses, to
 * rtfrac_batch_row_compute, with the shipped presets (tissues, schemes)
 * loaded once from ./presets when the run starts in the source tree.
 * Checks: a refusal is one of the documented codes with a NUL-terminated
 * message; an accepted row obeys the documented limits; a computed row has
 * finite BED and EQD2 (and EQDX) and BED >= 0.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "fuzz_common.h"

static rtfrac_presets *presets;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    presets = rtfrac_presets_alloc();
    if (presets != NULL && rtfrac_presets_load_dir(presets, "presets", NULL) != RTFRAC_OK) {
        rtfrac_presets_free(presets);
        presets = NULL; /* tissue and scheme rows are then refused, still fuzzed */
    }
    return 0;
}

static void check_diag(const rtfrac_diag *d)
{
    if (memchr(d->message, '\0', sizeof(d->message)) == NULL)
        abort();
}

static void check_row(const rtfrac_batch_row *r)
{
    if (r->rx.fractions < 1 || r->rx.fractions > RTFRAC_FRACTIONS_MAX || !(r->rx.total_dose_gy > 0.0) ||
        r->rx.total_dose_gy > RTFRAC_DOSE_MAX_GY || strlen(r->label) >= RTFRAC_LABEL_MAX || r->label[0] == '\0')
        abort();
    if (r->input.ab_from == RTFRAC_ROW_AB_TISSUE ? r->input.tissue == NULL
                                                 : !(r->input.alpha_beta_gy >= RTFRAC_ALPHA_BETA_MIN_GY &&
                                                     r->input.alpha_beta_gy <= RTFRAC_ALPHA_BETA_MAX_GY))
        abort();
}

static void one_row(const rtfrac_batch_header *h, const char *line, size_t len, const rtfrac_row_options *base)
{
    rtfrac_batch_row row;
    rtfrac_batch_result res;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    int rc = rtfrac_batch_row_parse(h, line, len, presets, base, &row, &d);
    check_diag(&d);
    if (rc != RTFRAC_OK) {
        if (rc != RTFRAC_EPARSE && rc != RTFRAC_EDOM && rc != RTFRAC_ENOTFOUND && rc != RTFRAC_EINVAL)
            abort();
        return;
    }
    check_row(&row);
    rtfrac_diag_clear(&d);
    rc = rtfrac_batch_row_compute(&row, 1.8, &res, &d);
    check_diag(&d);
    if (rc == RTFRAC_OK && (!isfinite(res.range.estimate.bed_gy) || !isfinite(res.range.estimate.eqd2_gy) ||
                            res.range.estimate.bed_gy < 0.0 || !res.has_eqdx || !isfinite(res.eqdx_gy)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    const char *nl = memchr(p, '\n', size);
    size_t len = nl ? (size_t)(nl - p) : size;
    rtfrac_batch_header h;
    rtfrac_diag d;
    rtfrac_row_options base;
    rtfrac_diag_clear(&d);
    int rc = rtfrac_batch_header_parse(p, len, &h, &d);
    check_diag(&d);
    if (rc != RTFRAC_OK) {
        if (rc != RTFRAC_EPARSE)
            abort();
        return 0;
    }
    rtfrac_row_options_init(&base);
    base.time = rtfrac_batch_header_time(&h);
    for (p = nl ? nl + 1 : end; p < end; p = nl ? nl + 1 : end) {
        nl = memchr(p, '\n', (size_t)(end - p));
        len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (!rtfrac_batch_line_blank(p, len))
            one_row(&h, p, len, &base);
    }
    return 0;
}
