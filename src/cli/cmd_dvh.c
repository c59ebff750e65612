/* rtfrac dvh: read a planning system's DVH export, convert it to EQD2 bin
 * by bin, and report dose-volume metrics and NTCP.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "dvh_eval.h"
#include "opts.h"
#include "presets_path.h"

enum { OPT_FRACTIONS = 256, OPT_AB, OPT_TISSUE, OPT_MAP, OPT_METRIC, OPT_NTCP, OPT_STRUCTURE,
       OPT_OUTPUT_DVH, OPT_DVH_FORMAT, OPT_DOSE_UNIT };

static const cli_opt dvh_opts[] = {
    CLI_TEXT("usage: rtfrac dvh FILE --fractions N [--structure-tissue 'NAME=TISSUE,...']\n"
             "                  [--ab X | --tissue T] [--metric LIST] [--ntcp LIST]\n"
             "                  [--structure PATTERN] [--output-dvh FILE] [options]\n"
             "\n"
             "Read a DVH export, convert it to EQD2 bin by bin (each bin with its own\n"
             "dose per fraction D/n, never the prescription's), and report physical and\n"
             "EQD2 metrics and NTCP.\n"
             "\n"
             "Formats (detected from the first lines; --dvh-format overrides):\n"
             "  generic    CSV or TSV with a header naming the units, e.g.\n"
             "             'Dose [Gy],Volume [%]' or 'dose_cgy,volume_cc'; a structure\n"
             "             column for several structures; '# differential' for\n"
             "             differential DVHs\n"
             "  eclipse    Varian Eclipse / ARIA DVH text export (cumulative or\n"
             "             differential, Gy or cGy, relative or absolute volume, plans\n"
             "             and plan sums)\n"
             "  oncentra   Elekta Oncentra (OMP) DVH text dump\n"
             "  slicerrt   3D Slicer / SlicerRT DVH table CSV\n"
             "  raystation RaySearch RayStation DVH text export ('#RoiName:' blocks,\n"
             "             Gy or cGy, volume in % of the ROI)\n"
             "\n"
             "Options:\n"),
    CLI_OPT("fractions", "N", OPT_FRACTIONS, "the number of fractions the DVH's plan was delivered in"),
    CLI_OPT_R("structure-tissue", "MAP", OPT_MAP,
            "alpha/beta per structure from tissue presets, with\n"
            "shell patterns matched without regard to case:\n"
            "'Liver=liver,PTV*=hcc,*Cord*=spinal-cord'"),
    CLI_OPT_FLAGS("ab", "X", OPT_AB, CLI_OPT_JOIN, NULL),
    CLI_OPT("tissue", "T", OPT_TISSUE,
            "the alpha/beta of every other structure; one value\n"
            "here (--ab is read as in every command: see ALPHA/BETA\n"
            "in 'man rtfrac')"),
    CLI_OPT_R("metric", "LIST", OPT_METRIC,
            "metrics (default mean,min,max,D98%,D50%,D2%):\n"
            "min, mean, max, median, D<x>% (D95%), D<x>cc (D2cc,\n"
            "D0.03cc), V<x>Gy (V20Gy: in % and, with absolute\n"
            "volume, cc; V2000cGy), gEUD=<a> (generalised EUD,\n"
            "Niemierko 1999); TG-263 spellings too: Dmean, Dmax,\n"
            "D95%[Gy], D0.1cc[Gy], V20Gy[%], V5Gy[cc]"),
    CLI_OPT_R("ntcp", "LIST", OPT_NTCP,
            "Lyman-Kutcher-Burman NTCP on the EQD2 DVH with preset\n"
            "parameter sets ('rtfrac presets list ntcp'): a set\n"
            "applies to the structures of its tissue, or name them:\n"
            "'Liver=liver-rild-metastases-dawson'\n"
            "NTCP = Phi((D_eff - TD50) / (m TD50)),\n"
            "D_eff = (sum v_i D_i^(1/n))^n; a set fitted at x Gy\n"
            "per fraction (reference_dose_per_fraction, the Dawson\n"
            "liver sets 1.5 Gy) gets D_eff on the EQDx DVH,\n"
            "EQDx = BED / (1 + x/(a/b))"),
    CLI_OPT_R("structure", "PATTERN", OPT_STRUCTURE, "only these structures (repeatable)"),
    CLI_OPT("output-dvh", "FILE", OPT_OUTPUT_DVH,
            "write the converted cumulative DVH as CSV (structure,\n"
            "plan, tissue, alpha_beta_gy, fractions, dose_gy,\n"
            "eqd2_gy, volume, volume_unit); written atomically,\n"
            "never over the input"),
    CLI_OPT("dvh-format", "F", OPT_DVH_FORMAT,
            "auto (default), generic, eclipse, oncentra, slicerrt,\n"
            "raystation, tomotherapy, onkodicom, dicomtools"),
    CLI_OPT("dose-unit", "U", OPT_DOSE_UNIT,
            "Gy or cGy: the dose unit of a file that states none\n"
            "(dicom_tools WriteDVH); refused for files that state it"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("  model options ('rtfrac help models'): each bin's BED under the model\n"
             "                       with its own dose per fraction; with --time each\n"
             "                       structure whose tissue repopulates (a tumour, or\n"
             "                       --ab) loses K (T - Tk) from every bin's BED, T from\n"
             "                       --days or the calendar of --fractions; late-\n"
             "                       responding tissue none\n"
             "\n"
             "Output: text and md show one row per structure with each metric\n"
             "physical and EQD2, and an NTCP table; csv, tsv and json give one long\n"
             "table: kind (metric, header: the file's own statistics, or ntcp),\n"
             "bound (exact, at-least, at-most), structure, plan, tissue, alpha_beta_gy,\n"
             "fractions, metric (or the NTCP set), quantity (physical, eqd2;\n"
             "deff_eqd2 or deff_eqd<x> for a set fitted at x Gy per fraction, e.g.\n"
             "deff_eqd1.5; ntcp), value, unit (Gy, %, cc).\n"
             "\n"
             "Example:\n"
             "  rtfrac dvh plan.dvh.txt --fractions 22 \\\n"
             "      --structure-tissue 'LIVER=liver,PTV*=hcc,CORD=spinal-cord' \\\n"
             "      --metric mean,D2cc,V30Gy --ntcp LIVER=liver-rild-metastases-dawson\n"
             "\n"),
    CLI_INCLUDE(cli_model_group),
    CLI_OPT_END,
};

typedef struct dvh_state {
    dvh_args a;
    model_args ma;
    const char *out_dvh;
} dvh_state;

static int dvh_option(void *ctx, int id, char *arg)
{
    dvh_state *st = ctx;
    dvh_args *a = &st->a;
    int rc;
    switch (id) {
    case OPT_FRACTIONS:
        if (cli_one_value("dvh --fractions", arg, "the number of fractions the DVH's plan was delivered in") != CLI_OK)
            return CLI_EUSAGE;
        return cli_parse_fractions("--fractions", arg, &a->fractions);
    case OPT_AB: {
        /* --ab is parsed as in every command (a list of alpha/beta values,
         * ESTIMATE:LOW:HIGH intervals); dvh has room for one */
        ab_list l;
        memset(&l, 0, sizeof(l));
        if ((rc = ab_list_add_values(&l, "--ab", arg)) != CLI_OK)
            return rc;
        if (a->ab_gy > 0.0 || l.n > 1)
            return cli_error("dvh takes one --ab: the alpha/beta of structures without a tissue; got %zu values",
                             l.n + (a->ab_gy > 0.0));
        if (l.e[0].interval.has)
            return cli_error("dvh does not take parameter intervals ('%s'); give one --ab value, or use 'rtfrac calc' for intervals",
                             arg);
        a->ab_gy = l.e[0].ab_gy;
        return CLI_OK;
    }
    case OPT_TISSUE:
        a->default_tissue_name = arg;
        return CLI_OK;
    case OPT_MAP:
        return dvh_args_structure_tissue(a, arg);
    case OPT_METRIC:
        return dvh_args_metrics(a, arg);
    case OPT_NTCP:
        return dvh_args_ntcp(a, arg);
    case OPT_STRUCTURE:
        return dvh_args_only(a, arg);
    case OPT_OUTPUT_DVH:
        st->out_dvh = arg;
        return CLI_OK;
    case OPT_DVH_FORMAT:
        return dvh_args_format(a, arg);
    case OPT_DOSE_UNIT:
        return dvh_args_dose_unit(a, arg);
    }
    return cli_error("unhandled option");
}

static const cli_command dvh_cmd = { "dvh", dvh_opts, dvh_option };

/* The combinations the options refuse, before anything is read. */
static int dvh_check(const dvh_state *st, int noperands)
{
    const dvh_args *a = &st->a;
    const model_args *ma = &st->ma;
    if (ma->use_ci || ma->o.tk_interval.has || ma->o.dprolif_interval.has)
        return cli_error("dvh does not take parameter intervals; use 'rtfrac calc' for intervals");
    if (!model_args_plain(ma) && a->fractions == 0)
        return cli_error("the model options convert the DVH to EQD2: they need --fractions N and an alpha/beta (--ab, --tissue or --structure-tissue)");
    if (noperands != 1)
        return cli_error("dvh takes one DVH file; e.g. 'rtfrac dvh plan.dvh.txt --fractions 22 --ab 3'");
    if (a->ab_gy > 0.0 && a->default_tissue_name != NULL)
        return cli_error("give either --ab or --tissue for the structures without --structure-tissue, not both");
    if ((a->ab_gy > 0.0 || a->default_tissue_name || a->nmaps || a->nntcp) && a->fractions == 0)
        return cli_error("EQD2 and NTCP need the number of fractions the DVH was delivered in: --fractions N");
    return CLI_OK;
}

int cmd_dvh(int argc, char **argv)
{
    dvh_state st;
    cli_args args;
    out_doc doc;
    rtfrac_presets *presets = NULL;
    int rc;

    memset(&st, 0, sizeof(st));
    dvh_args_init(&st.a);
    cli_args_init(&args, &st.ma);
    st.a.ma = &st.ma;
    out_doc_init(&doc, "dvh");
    if ((rc = cli_opts_parse(&dvh_cmd, &args, &st, argc, argv)) != CLI_OK || args.done ||
        (rc = dvh_check(&st, argc - args.first_operand)) != CLI_OK)
        goto done;
    dvh_args_default_metrics(&st.a);
    st.a.precision = args.out.precision;
    const char *path = argv[args.first_operand];
    /* tissues for --tissue and --structure-tissue, NTCP sets for --ntcp */
    unsigned kinds = (st.a.default_tissue_name != NULL || st.a.nmaps > 0 ? PRESET_KIND(TISSUE) : 0) |
                     (st.a.nntcp > 0 ? PRESET_KIND(NTCP) : 0);
    if ((rc = preset_path_load(&args.pp, kinds, &presets)) != CLI_OK ||
        (rc = dvh_args_resolve(&st.a, presets)) != CLI_OK ||
        (rc = dvh_evaluate(path, &st.a, presets, &doc, st.out_dvh, &path, 1)) != CLI_OK ||
        (rc = model_args_check_used(&st.ma)) != CLI_OK)
        goto done;
    rc = cli_emit(&doc, &args.out);
done:
    rtfrac_presets_free(presets);
    cli_args_release(&args);
    out_doc_release(&doc);
    return rc;
}
