/* rtfrac calc: BED and EQD2 of one or more prescriptions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define AB_MAX 32

static const char calc_help[] =
    "usage: rtfrac calc [options] PRESCRIPTION...\n"
    "\n"
    "BED and EQD2 of each prescription, for each alpha/beta, with the\n"
    "linear-quadratic (LQ) model.  One row per prescription and alpha/beta.\n"
    "\n"
    "Prescriptions (one per argument; quote arguments that hold spaces;\n"
    "units are case-insensitive; a dose without a unit is in Gy):\n"
    "  55/22   55Gy/22   '55 Gy/22 fx'   5500cGy/22fx   '5500 cGy / 22'\n"
    "                       total dose / number of fractions\n"
    "  '55 Gy in 22 fractions'   '55Gy in 22 fx'   (also fr, fraction)\n"
    "  22x2.5   '22 x 2.5 Gy'   '2.5Gy x 22'   22×2.5\n"
    "                       fractions x dose per fraction; the number that\n"
    "                       carries Gy or cGy is the dose per fraction, and\n"
    "                       with no unit 'N x d' is N fractions of d Gy\n"
    "  PTV-1=55/22          an optional label before '='\n"
    "Use '.' as the decimal point and no thousands separator: '5,500cGy' and\n"
    "'2,5Gy' are refused because ',' could mean either.\n"
    "\n"
    "Options:\n"
    "  --ab LIST            alpha/beta ratios in Gy, comma-separated or repeated:\n"
    "                       --ab 10,3 or --ab 10 --ab 3 (decimals with '.':\n"
    "                       '--ab 1.5'; '--ab 1,5' means 1 Gy and 5 Gy).\n"
    "                       Default: 10 Gy (tumour and early-responding tissue)\n"
    "                       and 3 Gy (late-responding tissue).\n"
    "  --ref-dose X         also print EQDX, the total dose in fractions of X Gy\n"
    "                       with the same BED (e.g. --ref-dose 1.8)\n"
    "  --format FMT         text (default), csv, tsv, json or md\n"
    "  --precision N        decimals for every number (default: 2 in text and md;\n"
    "                       csv, tsv and json print numbers that read back exactly)\n"
    "  -h, --help           this help\n"
    "\n"
    "Model (linear-quadratic; Barendsen 1982, Fowler 1989, Withers et al. 1983,\n"
    "Bentzen et al. 2012):\n"
    "  d    = D / n                            dose per fraction (Gy)\n"
    "  BED  = D (1 + d / (alpha/beta))         biologically effective dose (Gy)\n"
    "  EQDX = BED / (1 + X / (alpha/beta))     EQD2: X = 2 Gy\n"
    "Each prescription uses its own dose per fraction.  Above 8 Gy per fraction\n"
    "the LQ model is uncertain; rtfrac then warns on standard error.\n"
    "\n"
    "Columns of csv, tsv and json (a public interface):\n"
    "  label, total_dose_gy, fractions, dose_per_fraction_gy, alpha_beta_gy,\n"
    "  bed_gy, eqd2_gy, and with --ref-dose: ref_dose_gy, eqdx_gy\n"
    "\n"
    "Examples:\n"
    "  rtfrac calc PTV-1=55/22 PTV-2=44/22 --ab 10,3\n"
    "  rtfrac calc '36.25 Gy in 5 fractions' 78/39 --ab 1.5 --format csv\n"
    "  rtfrac calc 20x2.4 --ab 1.5 --ref-dose 1.8\n"
    "\n"
    "Exit status: 0 ok, 1 a write failed, 2 invalid input or usage.\n";

enum { OPT_AB = 256, OPT_REF_DOSE, OPT_FORMAT, OPT_PRECISION };

static const struct option calc_options[] = {
    { "ab", required_argument, NULL, OPT_AB },
    { "ref-dose", required_argument, NULL, OPT_REF_DOSE },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "precision", required_argument, NULL, OPT_PRECISION },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* A label for rows whose prescription had none: the argument as typed. */
static void row_label(const rtfrac_rx *rx, const char *arg, char *buf, size_t size)
{
    if (rx->label[0] != '\0') {
        snprintf(buf, size, "%s", rx->label);
        return;
    }
    while (*arg == ' ' || *arg == '\t')
        arg++;
    size_t n = strlen(arg);
    while (n > 0 && (arg[n - 1] == ' ' || arg[n - 1] == '\t'))
        n--;
    snprintf(buf, size, "%.*s", (int)n, arg);
}

int cmd_calc(int argc, char **argv)
{
    double ab[AB_MAX];
    size_t nab = 0;
    double ref_dose_gy = 0.0;
    int have_ref = 0;
    out_opts opts = { OUT_TEXT, -1 };
    out_doc doc;
    rtfrac_rx *rxs = NULL;
    int rc = CLI_OK, c;
    char ref_header[64];

    out_doc_init(&doc, "calc");
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", calc_options, NULL)) != -1) {
        switch (c) {
        case OPT_AB:
            if ((rc = cli_parse_gy_list("--ab", optarg, ab, &nab, AB_MAX)) != CLI_OK)
                goto done;
            break;
        case OPT_REF_DOSE:
            if ((rc = cli_parse_gy("--ref-dose", optarg, &ref_dose_gy)) != CLI_OK)
                goto done;
            have_ref = 1;
            break;
        case OPT_FORMAT:
            if ((rc = cli_parse_format(optarg, &opts.format)) != CLI_OK)
                goto done;
            break;
        case OPT_PRECISION:
            if ((rc = cli_parse_precision(optarg, &opts.precision)) != CLI_OK)
                goto done;
            break;
        case 'h':
            rc = cli_help(calc_help);
            goto done;
        default:
            rc = cli_option_error("calc", argv, optind, optopt);
            goto done;
        }
    }

    int nrx = argc - optind;
    if (nrx <= 0) {
        rc = cli_error("no prescription given; e.g. 'rtfrac calc 55/22' (see 'rtfrac calc --help')");
        goto done;
    }
    rxs = calloc((size_t)nrx, sizeof(*rxs));
    if (rxs == NULL) {
        rc = cli_error("out of memory");
        goto done;
    }
    /* parse everything before printing anything */
    for (int i = 0; i < nrx; i++) {
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        if (rtfrac_rx_parse(argv[optind + i], &rxs[i], &d) != RTFRAC_OK) {
            rc = cli_diag_error("prescription", argv[optind + i], &d);
            goto done;
        }
    }
    int default_ab = nab == 0;
    if (default_ab) {
        ab[nab++] = 10.0;
        ab[nab++] = 3.0;
    }

    out_col cols[9] = {
        { "label", "Label", OUT_STR },
        { "total_dose_gy", "Total dose (Gy)", OUT_REAL },
        { "fractions", "Fractions", OUT_INT },
        { "dose_per_fraction_gy", "Dose/fraction (Gy)", OUT_REAL },
        { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL },
        { "bed_gy", "BED (Gy)", OUT_REAL },
        { "eqd2_gy", "EQD2 (Gy)", OUT_REAL },
        { "ref_dose_gy", "X (Gy/fraction)", OUT_REAL },
        { "eqdx_gy", ref_header, OUT_REAL },
    };
    char xbuf[32];
    out_real_exact(xbuf, sizeof(xbuf), ref_dose_gy);
    snprintf(ref_header, sizeof(ref_header), "EQD%s (Gy)", xbuf);
    out_table *t = out_doc_table(&doc, "rows", NULL, cols, have_ref ? 9 : 7);
    if (t == NULL) {
        rc = cli_error("out of memory");
        goto done;
    }

    for (int i = 0; i < nrx; i++) {
        const rtfrac_rx *rx = &rxs[i];
        double d = 0.0;
        char label[RTFRAC_LABEL_MAX + 256];
        row_label(rx, argv[optind + i], label, sizeof(label));
        if (rtfrac_lq_dose_per_fraction(rx->total_dose_gy, rx->fractions, &d) != RTFRAC_OK) {
            rc = cli_error("cannot compute the dose per fraction of '%s'", argv[optind + i]);
            goto done;
        }
        if (d > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY)
            cli_warn("'%s': %.4g Gy per fraction is above %g Gy; the linear-quadratic model is uncertain at this dose per fraction",
                     label, d, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
        for (size_t k = 0; k < nab; k++) {
            double bed = 0.0, eqd2 = 0.0, eqdx = 0.0;
            int st = rtfrac_lq_bed(rx->total_dose_gy, d, ab[k], &bed);
            if (st == RTFRAC_OK)
                st = rtfrac_lq_eqd2(bed, ab[k], &eqd2);
            if (st == RTFRAC_OK && have_ref)
                st = rtfrac_lq_eqdx(bed, ab[k], ref_dose_gy, &eqdx);
            if (st != RTFRAC_OK) {
                rc = cli_error("cannot compute BED of '%s' at alpha/beta %g Gy: %s",
                               argv[optind + i], ab[k], rtfrac_strerror(st));
                goto done;
            }
            long row = out_row(t);
            if (row < 0 || out_str(t, row, "label", label) ||
                out_real(t, row, "total_dose_gy", rx->total_dose_gy) ||
                out_int(t, row, "fractions", (long long)rx->fractions) ||
                out_real(t, row, "dose_per_fraction_gy", d) ||
                out_real(t, row, "alpha_beta_gy", ab[k]) ||
                out_real(t, row, "bed_gy", bed) || out_real(t, row, "eqd2_gy", eqd2) ||
                (have_ref && (out_real(t, row, "ref_dose_gy", ref_dose_gy) ||
                              out_real(t, row, "eqdx_gy", eqdx)))) {
                rc = cli_error("cannot store the result of '%s' (out of memory or a value out of range)",
                               argv[optind + i]);
                rc = CLI_EFAIL;
                goto done;
            }
        }
    }

    out_note(&doc, "Model: linear-quadratic, BED = D (1 + d/(alpha/beta)), EQD2 = BED / (1 + 2/(alpha/beta)); d = D/n for each prescription.");
    if (default_ab)
        out_note(&doc, "alpha/beta not given: the defaults 10 Gy (tumour, early-responding tissue) and 3 Gy (late-responding tissue) are used; set them with --ab.");
    if (have_ref) {
        out_note(&doc, "EQD%s: total dose in %s Gy fractions with the same BED, BED / (1 + %s/(alpha/beta)).",
                 xbuf, xbuf, xbuf);
    }
    rc = cli_emit(&doc, &opts);
done:
    free(rxs);
    out_doc_release(&doc);
    return rc;
}
