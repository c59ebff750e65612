/* rtfrac dvh: read a planning system's DVH export, convert it to EQD2 bin
 * by bin, and report dose-volume metrics and NTCP.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "dvh_eval.h"
#include "presets_path.h"

static const char dvh_help[] =
    "usage: rtfrac dvh FILE --fractions N [--structure-tissue 'NAME=TISSUE,...']\n"
    "                  [--ab X | --tissue T] [--metric LIST] [--ntcp LIST]\n"
    "                  [--structure PATTERN] [--output-dvh FILE] [options]\n"
    "\n"
    "Read a DVH export, convert it to EQD2 bin by bin (each bin with its own\n"
    "dose per fraction D/n, never the prescription's), and report physical and\n"
    "EQD2 metrics and NTCP.\n"
    "\n"
    "Formats (detected from the first lines; --dvh-format overrides):\n"
    "  generic    CSV or TSV with a header naming the units, e.g.\n"
    "             'Dose [Gy],Volume [%%]' or 'dose_cgy,volume_cc'; a structure\n"
    "             column for several structures; '# differential' for\n"
    "             differential DVHs\n"
    "  eclipse    Varian Eclipse / ARIA DVH text export (cumulative or\n"
    "             differential, Gy or cGy, relative or absolute volume, plans\n"
    "             and plan sums)\n"
    "  oncentra   Elekta Oncentra (OMP) DVH text dump\n"
    "  slicerrt   3D Slicer / SlicerRT DVH table CSV\n"
    "  raystation RaySearch RayStation DVH text export ('#RoiName:' blocks,\n"
    "             Gy or cGy, volume in %% of the ROI)\n"
    "\n"
    "Options:\n"
    "  --fractions N        the number of fractions the DVH's plan was delivered in\n"
    "  --structure-tissue MAP  alpha/beta per structure from tissue presets, with\n"
    "                       shell patterns matched without regard to case:\n"
    "                       'Liver=liver,PTV*=hcc,*Cord*=spinal-cord'\n"
    "  --ab X, --tissue T   the alpha/beta of every other structure\n"
    "  --metric LIST        metrics (default mean,min,max,D98%%,D50%%,D2%%):\n"
    "                       min, mean, max, D<x>%% (D95%%), D<x>cc (D2cc, D0.03cc),\n"
    "                       V<x>Gy (V20Gy: in %% and, with absolute volume, cc),\n"
    "                       gEUD=<a> (generalised EUD, Niemierko 1999)\n"
    "  --ntcp LIST          Lyman-Kutcher-Burman NTCP on the EQD2 DVH with preset\n"
    "                       parameter sets ('rtfrac presets list ntcp'): a set\n"
    "                       applies to the structures of its tissue, or name them:\n"
    "                       'Liver=liver-rild-metastases-dawson'\n"
    "                       NTCP = Phi((D_eff - TD50) / (m TD50)),\n"
    "                       D_eff = (sum v_i D_i^(1/n))^n\n"
    "  --structure PATTERN  only these structures (repeatable)\n"
    "  --output-dvh FILE    write the converted cumulative DVH as CSV (structure,\n"
    "                       plan, tissue, alpha_beta_gy, fractions, dose_gy,\n"
    "                       eqd2_gy, volume, volume_unit); written atomically,\n"
    "                       never over the input\n"
    "  --dvh-format F       auto (default), generic, eclipse, oncentra, slicerrt,\n"
    "                       raystation\n"
    "  --preset-dir DIR, --format FMT, --precision N, -h/--help as in calc\n"
    "  model options as in calc (below): each bin's BED under the model with its\n"
    "                       own dose per fraction; with --time each structure\n"
    "                       whose tissue repopulates (a tumour, or --ab) loses\n"
    "                       K (T - Tk) from every bin's BED, T from --days or the\n"
    "                       calendar of --fractions; late-responding tissue none\n"
    "\n"
    "Output: text and md show one row per structure with each metric\n"
    "physical and EQD2; csv, tsv and json give long rows: structure, plan,\n"
    "tissue, alpha_beta_gy, fractions, metric, quantity (physical or eqd2),\n"
    "value, unit; NTCP follows as its own table (json key \"ntcp\").\n"
    "\n"
    "Example:\n"
    "  rtfrac dvh plan.dvh.txt --fractions 22 \\\n"
    "      --structure-tissue 'LIVER=liver,PTV*=hcc,CORD=spinal-cord' \\\n"
    "      --metric mean,D2cc,V30Gy --ntcp LIVER=liver-rild-metastases-dawson\n"
    "\n"
    "%s";

enum { OPT_FRACTIONS = 256, OPT_AB, OPT_TISSUE, OPT_MAP, OPT_METRIC, OPT_NTCP, OPT_STRUCTURE,
       OPT_OUTPUT_DVH, OPT_DVH_FORMAT };

static const struct option dvh_options[] = {
    { "fractions", required_argument, NULL, OPT_FRACTIONS },
    { "ab", required_argument, NULL, OPT_AB },
    { "tissue", required_argument, NULL, OPT_TISSUE },
    { "structure-tissue", required_argument, NULL, OPT_MAP },
    { "metric", required_argument, NULL, OPT_METRIC },
    { "ntcp", required_argument, NULL, OPT_NTCP },
    { "structure", required_argument, NULL, OPT_STRUCTURE },
    { "output-dvh", required_argument, NULL, OPT_OUTPUT_DVH },
    { "dvh-format", required_argument, NULL, OPT_DVH_FORMAT },
    { "help", no_argument, NULL, 'h' },
    COMMON_LONG_OPTIONS,
    MODEL_LONG_OPTIONS,
    { NULL, 0, NULL, 0 },
};

int cmd_dvh(int argc, char **argv)
{
    dvh_args a;
    model_args ma;
    out_opts opts = { OUT_TEXT, -1 };
    out_doc doc;
    preset_path pp;
    rtfrac_presets *presets = NULL;
    const char *out_dvh = NULL;
    int rc = CLI_OK, c;

    dvh_args_init(&a);
    model_args_init(&ma);
    a.ma = &ma;
    memset(&pp, 0, sizeof(pp));
    out_doc_init(&doc, "dvh");
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", dvh_options, NULL)) != -1) {
        switch (c) {
        case OPT_FRACTIONS:
            rc = cli_parse_fractions("--fractions", optarg, &a.fractions);
            break;
        case OPT_AB:
            rc = cli_parse_gy("--ab", optarg, &a.ab_gy);
            if (rc == CLI_OK && (a.ab_gy < RTFRAC_ALPHA_BETA_MIN_GY || a.ab_gy > RTFRAC_ALPHA_BETA_MAX_GY))
                rc = cli_error("--ab '%s' is out of range; accepted: %g to %g Gy", optarg,
                               RTFRAC_ALPHA_BETA_MIN_GY, RTFRAC_ALPHA_BETA_MAX_GY);
            break;
        case OPT_TISSUE:
            a.default_tissue_name = optarg;
            break;
        case OPT_MAP:
            rc = dvh_args_structure_tissue(&a, optarg);
            break;
        case OPT_METRIC:
            rc = dvh_args_metrics(&a, optarg);
            break;
        case OPT_NTCP:
            rc = dvh_args_ntcp(&a, optarg);
            break;
        case OPT_STRUCTURE:
            if (a.nonly == STRUCT_MAP_MAX)
                rc = cli_error("too many --structure options");
            else
                a.only[a.nonly++] = optarg;
            break;
        case OPT_OUTPUT_DVH:
            out_dvh = optarg;
            break;
        case OPT_DVH_FORMAT:
            if (rtfrac_dvh_format_parse(optarg, &a.format) != RTFRAC_OK)
                rc = cli_error("unknown --dvh-format '%s'; accepted: auto, generic, eclipse, oncentra, slicerrt, raystation", optarg);
            break;
        case 'h':
            rc = cli_help_fmt(dvh_help, model_options_help);
            goto done;
        default:
            rc = model_args_option(&ma, c, optarg);
            if (rc < 0)
                rc = cli_common_option(c, optarg, &opts, &pp);
            if (rc < 0)
                rc = cli_option_error("dvh", argv, optind, optopt);
            break;
        }
        if (rc != CLI_OK)
            goto done;
    }
    if ((rc = model_args_finish(&ma)) != CLI_OK)
        goto done;
    if (ma.use_ci || ma.o.tk_interval.has || ma.o.dprolif_interval.has) {
        rc = cli_error("dvh does not take parameter intervals; use 'rtfrac calc' for intervals");
        goto done;
    }
    if (!model_args_plain(&ma) && a.fractions == 0) {
        rc = cli_error("the model options convert the DVH to EQD2: they need --fractions N and an alpha/beta (--ab, --tissue or --structure-tissue)");
        goto done;
    }
    if (argc - optind != 1) {
        rc = cli_error("dvh takes one DVH file; e.g. 'rtfrac dvh plan.dvh.txt --fractions 22 --ab 3'");
        goto done;
    }
    if (a.ab_gy > 0.0 && a.default_tissue_name != NULL) {
        rc = cli_error("give either --ab or --tissue for the structures without --structure-tissue, not both");
        goto done;
    }
    if ((a.ab_gy > 0.0 || a.default_tissue_name || a.nmaps || a.nntcp) && a.fractions == 0) {
        rc = cli_error("EQD2 and NTCP need the number of fractions the DVH was delivered in: --fractions N");
        goto done;
    }
    dvh_args_default_metrics(&a);
    if ((rc = preset_path_load(&pp, &presets)) != CLI_OK || (rc = dvh_args_resolve(&a, presets)) != CLI_OK)
        goto done;
    const char *inputs[] = { argv[optind] };
    if ((rc = dvh_evaluate(argv[optind], &a, presets, &doc, out_dvh, inputs, 1)) != CLI_OK ||
        (rc = model_args_check_used(&ma)) != CLI_OK)
        goto done;
    rc = cli_emit(&doc, &opts);
done:
    rtfrac_presets_free(presets);
    preset_path_release(&pp);
    out_doc_release(&doc);
    return rc;
}
