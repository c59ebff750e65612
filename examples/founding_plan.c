/* The founding plan's numbers without the rtfrac tool: a hepatocellular
 * carcinoma simultaneous integrated boost, PTV-1 55 Gy and PTV-2 44 Gy in
 * 22 fractions, BED and EQD2 at alpha/beta 10 Gy (tumour) and 3 Gy (late-
 * responding tissue), the same numbers as
 *     rtfrac calc PTV-1=55/22 PTV-2=44/22 --ab 10,3
 * It uses only the public API exported by librtfrac.so; no GSL set-up.
 *
 *     cc -Iinclude examples/founding_plan.c -Lbuild -lrtfrac -o founding_plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include <rtfrac.h>

int main(void)
{
    static const char *const prescriptions[] = { "PTV-1=55/22", "PTV-2=44/22" };
    static const double alpha_beta_gy[] = { 10.0, 3.0 };

    printf("%-6s %9s %9s %8s %9s %9s %9s\n", "Label", "Dose (Gy)", "Fractions", "d (Gy)",
           "a/b (Gy)", "BED (Gy)", "EQD2 (Gy)");
    for (size_t i = 0; i < sizeof(prescriptions) / sizeof(prescriptions[0]); i++) {
        rtfrac_rx rx;
        rtfrac_diag diag;
        int rc = rtfrac_rx_parse(prescriptions[i], &rx, &diag);
        if (rc != RTFRAC_OK) {
            fprintf(stderr, "founding_plan: error: %s '%s'\n", diag.message, prescriptions[i]);
            return 2;
        }
        double d_gy = rtfrac_rx_dose_per_fraction_gy(&rx);
        for (size_t j = 0; j < sizeof(alpha_beta_gy) / sizeof(alpha_beta_gy[0]); j++) {
            double bed_gy, eqd2_gy;
            if ((rc = rtfrac_lq_bed(rx.total_dose_gy, d_gy, alpha_beta_gy[j], &bed_gy)) != RTFRAC_OK ||
                (rc = rtfrac_lq_eqd2(bed_gy, alpha_beta_gy[j], &eqd2_gy)) != RTFRAC_OK) {
                fprintf(stderr, "founding_plan: error: %s '%s'\n", rtfrac_strerror(rc),
                        prescriptions[i]);
                return 2;
            }
            printf("%-6s %9.2f %9lu %8.2f %9.2f %9.2f %9.2f\n", rx.label, rx.total_dose_gy,
                   rx.fractions, d_gy, alpha_beta_gy[j], bed_gy, eqd2_gy);
        }
    }
    /* a failed printf leaves the error indicator set */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "founding_plan: error: cannot write 'stdout'\n");
        return 1;
    }
    return 0;
}
