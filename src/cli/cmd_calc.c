/* rtfrac calc: BED and EQD2 of one or more prescriptions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "args.h"
#include "opts.h"
#include "presets_path.h"


enum { OPT_AB = 256, OPT_TISSUE, OPT_PLAN, OPT_REF_DOSE };

static const cli_opt calc_opts[] = {
    CLI_TEXT("usage: rtfrac calc [options] PRESCRIPTION...\n"
             "       rtfrac calc --plan NAME|FILE [options] [PRESCRIPTION...]\n"
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
             "  @NAME                a scheme from the presets, e.g. @chhip-60-20\n"
             "                       (list them with 'rtfrac presets list schemes')\n"
             "  PTV-1=55/22          an optional label before '=' (also PTV=@NAME)\n"
             "Use '.' as the decimal point and no thousands separator: '5,500cGy' and\n"
             "'2,5Gy' are refused, with the readings that make a prescription.  A\n"
             "dose without a unit above 30 Gy per fraction is refused too ('5500/22':\n"
             "write 5500cGy/22, or the unit Gy if gray is meant, e.g. '34Gy/1').\n"
             "\n"
             "Options:\n"),
    CLI_OPT_R("ab", "LIST", OPT_AB,
            "alpha/beta ratios in Gy, comma-separated or repeated:\n"
            "--ab 10,3 or --ab 10 --ab 3 (decimals with '.':\n"
            "'--ab 1.5'; '--ab 1,5' means 1 Gy and 5 Gy)"),
    CLI_OPT_R("tissue", "LIST", OPT_TISSUE,
            "alpha/beta from tissue presets, e.g. --tissue hcc,liver\n"
            "('rtfrac presets list tissues'); combines with --ab\n"
            "in the order given.  Without --ab and --tissue:\n"
            "10 Gy (tumour and early-responding tissue) and\n"
            "3 Gy (late-responding tissue)."),
    CLI_OPT_ONCE("plan", "NAME|FILE", OPT_PLAN, "calc takes one plan",
            "a plan preset (e.g. hcc-sib-55-44) or a plan file:\n"
            "each target at its tissue's alpha/beta, then each\n"
            "organ at risk's alpha/beta applied to each target's\n"
            "prescription (rows 'ORGAN @ TARGET'); --ab and\n"
            "--tissue add rows for every target"),
    CLI_OPT("ref-dose", "X", OPT_REF_DOSE,
            "also print EQDX, the total dose in fractions of X Gy\n"
            "with the same BED (e.g. --ref-dose 1.8)"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Model (linear-quadratic; Barendsen 1982, Fowler 1989, Withers et al. 1983,\n"
             "Bentzen et al. 2012):\n"
             "  d    = D / n                            dose per fraction (Gy)\n"
             "  BED  = D (1 + d / (alpha/beta))         biologically effective dose (Gy)\n"
             "  EQDX = BED / (1 + X / (alpha/beta))     EQD2: X = 2 Gy\n"
             "Each prescription uses its own dose per fraction.  Above 8 Gy per fraction\n"
             "the LQ model is uncertain; rtfrac then warns on standard error.\n"
             "\n"
             "Columns of csv, tsv and json (a public interface):\n"
             "  label, total_dose_gy, fractions, dose_per_fraction_gy, tissue (empty when\n"
             "  alpha/beta came from --ab), alpha_beta_gy, bed_gy, eqd2_gy, model; with\n"
             "  --time: overall_time_days, repopulation_gy (before bed_gy); with\n"
             "  intervals: alpha_beta_low_gy, alpha_beta_high_gy, bed_low_gy, bed_high_gy,\n"
             "  eqd2_low_gy, eqd2_high_gy (and bed_median_gy, eqd2_median_gy for Monte\n"
             "  Carlo); with --ref-dose: ref_dose_gy, eqdx_gy\n"
             "\n"),
    CLI_INCLUDE(cli_model_group),
    CLI_TEXT("\n"
             "Examples:\n"
             "  rtfrac calc PTV-1=55/22 PTV-2=44/22 --ab 10,3\n"
             "  rtfrac calc --plan hcc-sib-55-44\n"
             "  rtfrac calc 55/22 --tissue hcc,liver --ab 3\n"
             "  rtfrac calc @chhip-60-20 @pace-b-36.25-5 --tissue prostate,rectum\n"
             "  rtfrac calc '36.25 Gy in 5 fractions' 78/39 --ab 1.5 --format csv\n"
             "  rtfrac calc 20x2.4 --ab 1.5 --ref-dose 1.8\n"
             "  rtfrac calc 70/35 --time --tk 21 --dprolif 0.9GyBED/d --ab 10\n"
             "  rtfrac calc 36.25/5 --ab 1.5:0.8:2.2\n"
             "  rtfrac calc 54/3 --model lql --dt 6 --ab 10\n"
             "\n"
             "Exit status: 0 ok, 1 a write failed, 2 invalid input or usage.\n"),
    CLI_OPT_END,
};

typedef struct calc_state {
    ab_list abs;
    model_args ma;
    const char *plan_arg;
    unsigned need_kinds; /* PRESET_KIND bits of the presets named */
    rtfrac_presets *presets;
    const rtfrac_plan *plan;
    rx_arg *rxs;
    int nrx;
    int default_ab;
    rtfrac_mc_workspace *mc;
    double ref_dose_gy;
    int have_ref;
    int precision;
    out_doc doc;
    out_table *t;
    const rtfrac_tissue *used[AB_MAX * 4];
    size_t nused;
} calc_state;

static void note_tissue(calc_state *st, const rtfrac_tissue *t)
{
    for (size_t i = 0; i < st->nused; i++)
        if (st->used[i] == t)
            return;
    if (st->nused < sizeof(st->used) / sizeof(st->used[0]))
        st->used[st->nused++] = t;
}

/* One row: a prescription at one alpha/beta. */
static int add_row(calc_state *st, const char *label, double total_gy, unsigned long n,
                   const rtfrac_calendar *cal, unsigned cal_has, const ab_entry *e)
{
    rtfrac_rx rx;
    rtfrac_effect_range r;
    rtfrac_row rw;
    int rc = CLI_OK;
    memset(&rx, 0, sizeof(rx));
    rx.total_dose_gy = total_gy;
    rx.fractions = n;
    long row = effect_row(st->t, &st->doc, &st->ma, st->mc, label, &rx, cal, cal_has, e, st->precision, &r, &rc);
    if (row < 0)
        return rc;
    if (st->have_ref) {
        double eqdx = 0.0;
        /* the reference fractions under the row's own model (LQ-L, USC) */
        if (model_for_row(&st->ma, e, cal, cal_has, label, &rw) != CLI_OK ||
            rtfrac_model_eqdx(&rw.model, r.estimate.bed_gy, rw.alpha_beta_gy, st->ref_dose_gy, &eqdx) != RTFRAC_OK ||
            out_real(st->t, row, "ref_dose_gy", st->ref_dose_gy) || out_real(st->t, row, "eqdx_gy", eqdx)) {
            cli_error("cannot compute EQDX of '%s'", label);
            return CLI_EFAIL;
        }
    }
    if (e->tissue != NULL)
        note_tissue(st, e->tissue);
    return CLI_OK;
}

/* The rows of every user alpha/beta entry for one prescription. */
static int add_entries(calc_state *st, const char *label, double total_gy, unsigned long n,
                       const rtfrac_calendar *cal, unsigned cal_has)
{
    for (size_t k = 0; k < st->abs.n; k++) {
        int rc = add_row(st, label, total_gy, n, cal, cal_has, &st->abs.e[k]);
        if (rc != CLI_OK)
            return rc;
    }
    return CLI_OK;
}

static int plan_rows(calc_state *st, rtfrac_presets *presets, const rtfrac_plan *plan)
{
    int rc;
    const rtfrac_calendar *cal = &plan->calendar;
    unsigned has = plan->calendar_has;
    for (size_t i = 0; i < plan->ntargets; i++) {
        const rtfrac_plan_target *tg = &plan->targets[i];
        ab_entry e = ab_entry_of_tissue(rtfrac_presets_find_tissue(presets, tg->tissue), st->ma.use_ci);
        warn_lq_validity(&st->ma, tg->label, tg->total_dose_gy, plan->fractions);
        if ((rc = add_row(st, tg->label, tg->total_dose_gy, plan->fractions, cal, has, &e)) ||
            (rc = add_entries(st, tg->label, tg->total_dose_gy, plan->fractions, cal, has)))
            return rc;
    }
    for (size_t o = 0; o < plan->noars; o++) {
        const rtfrac_plan_oar *oar = &plan->oars[o];
        ab_entry e = ab_entry_of_tissue(rtfrac_presets_find_tissue(presets, oar->tissue), st->ma.use_ci);
        for (size_t i = 0; i < plan->ntargets; i++) {
            char label[2 * RTFRAC_PRESET_ID_MAX + 4];
            snprintf(label, sizeof(label), "%s @ %s", oar->label, plan->targets[i].label);
            if ((rc = add_row(st, label, plan->targets[i].total_dose_gy, plan->fractions, cal, has, &e)))
                return rc;
        }
    }
    out_note(&st->doc, "Plan %s: %s; %lu %s; source: %s (%s).", plan->id, plan->name,
             plan->fractions, cli_plural(plan->fractions, "fraction", "fractions"), plan->source, plan->origin.file);
    if (plan->noars > 0)
        out_note(&st->doc,
                 "Rows 'ORGAN @ TARGET' give the target's prescription at the organ's alpha/beta: the dose to organ tissue inside that target, not the organ's own dose distribution.");
    return CLI_OK;
}

static int calc_option(void *ctx, int id, char *arg)
{
    calc_state *st = ctx;
    switch (id) {
    case OPT_AB:
        return ab_list_add_values(&st->abs, "--ab", arg);
    case OPT_TISSUE:
        st->need_kinds |= PRESET_KIND(TISSUE);
        return ab_list_add_tissues(&st->abs, "--tissue", arg);
    case OPT_PLAN:
        st->plan_arg = arg;
        st->need_kinds |= PRESET_KIND(PLAN);
        return CLI_OK;
    case OPT_REF_DOSE:
        st->have_ref = 1;
        if (cli_one_value("calc --ref-dose", arg, "the dose per fraction of the one EQDX column") != CLI_OK)
            return CLI_EUSAGE;
        return cli_parse_gy("--ref-dose", arg, &st->ref_dose_gy);
    }
    return cli_error("unhandled option");
}

static const cli_command calc_cmd = { "calc", calc_opts, calc_option };

/* Parse the prescriptions, then load the presets they (or the options)
 * name: everything is checked before anything is printed. */
static int calc_load(calc_state *st, preset_path *pp, char **args)
{
    int rc;
    if (st->nrx <= 0 && st->plan_arg == NULL)
        return cli_error("no prescription given; e.g. 'rtfrac calc 55/22' or 'rtfrac calc --plan hcc-sib-55-44' (see 'rtfrac calc --help')");
    if ((st->rxs = calloc((size_t)st->nrx + 1, sizeof(*st->rxs))) == NULL)
        return cli_error("out of memory");
    for (int i = 0; i < st->nrx; i++) {
        if ((rc = rx_arg_parse(args[i], "prescription", &st->rxs[i])) != CLI_OK)
            return rc;
        st->need_kinds |= st->rxs[i].is_scheme ? PRESET_KIND(SCHEME) : 0;
    }
    /* --preset-dir is checked even when no preset is named: a bad directory
     * is an error (its files are read only for the kinds named) */
    if (st->need_kinds == 0 && pp->nuser == 0)
        return CLI_OK;
    const char *plan_id = NULL;
    if ((rc = preset_path_load(pp, st->need_kinds, &st->presets)) != CLI_OK ||
        (st->plan_arg != NULL &&
         (rc = preset_path_named(st->presets, RTFRAC_PRESET_PLAN, st->plan_arg, &plan_id)) != CLI_OK))
        return rc;
    if (plan_id != NULL)
        st->plan = rtfrac_presets_find_plan(st->presets, plan_id);
    if ((rc = preset_path_check(st->presets)) != CLI_OK ||
        (rc = ab_list_resolve(&st->abs, st->presets, st->ma.use_ci)) != CLI_OK)
        return rc;
    for (int i = 0; i < st->nrx; i++)
        if ((rc = rx_arg_resolve(&st->rxs[i], st->presets)) != CLI_OK)
            return rc;
    return CLI_OK;
}

/* The default alpha/beta rows, the Monte Carlo workspace when several
 * parameters are uncertain, and the table's columns. */
static int calc_table(calc_state *st, char *ref_header, size_t size)
{
    char xbuf[32];
    st->default_ab = st->abs.n == 0 && st->nrx > 0;
    if (st->default_ab)
        ab_list_add_defaults(&st->abs, &st->ma, 1, 1);
    int intervals = ab_list_has_interval(&st->abs) || st->ma.o.tk_interval.has ||
                    st->ma.o.dprolif_interval.has;
    if (st->ma.use_ci && st->plan != NULL)
        intervals = 1; /* the plan's tissues may carry intervals */
    int nunc = (ab_list_has_interval(&st->abs) || st->ma.use_ci) + st->ma.o.tk_interval.has +
               st->ma.o.dprolif_interval.has;
    if (nunc > 1 && (st->mc = rtfrac_uncertainty_mc_alloc(st->ma.samples, st->ma.seed)) == NULL)
        return cli_error("out of memory for %lu Monte Carlo samples", st->ma.samples);

    out_col cols[32];
    size_t ncols = effect_columns(cols, &st->ma, intervals, nunc > 1);
    out_real_exact(xbuf, sizeof(xbuf), st->ref_dose_gy);
    snprintf(ref_header, size, "EQD%s (Gy)", xbuf);
    if (st->have_ref) {
        /* EQDX before the model column */
        out_col model_col = cols[--ncols];
        cols[ncols++] = (out_col){ "ref_dose_gy", "X (Gy/fraction)", OUT_REAL, OUT_AS_GIVEN };
        cols[ncols++] = (out_col){ "eqdx_gy", ref_header, OUT_REAL, 0 };
        cols[ncols++] = model_col;
    }
    if ((st->t = out_doc_table(&st->doc, "rows", NULL, cols, ncols)) == NULL)
        return cli_error("out of memory");
    return CLI_OK;
}

static void calc_notes(calc_state *st)
{
    char xbuf[32];
    note_model(&st->doc, &st->ma);
    if (st->default_ab && st->ma.o.kind != RTFRAC_MODEL_USC)
        out_note(&st->doc, "alpha/beta not given: the defaults 10 Gy (tumour, early-responding tissue) and 3 Gy (late-responding tissue) are used; set them with --ab or --tissue.");
    for (size_t i = 0; i < st->nused; i++)
        note_tissue_source(&st->doc, st->used[i]);
    out_real_exact(xbuf, sizeof(xbuf), st->ref_dose_gy);
    if (st->have_ref)
        out_note(&st->doc, "EQD%s: total dose in %s Gy fractions with the same BED, BED / (1 + %s/(alpha/beta)).",
                 xbuf, xbuf, xbuf);
}

int cmd_calc(int argc, char **argv)
{
    calc_state st;
    cli_args args;
    int rc;
    char ref_header[64];

    memset(&st, 0, sizeof(st));
    cli_args_init(&args, &st.ma);
    out_doc_init(&st.doc, "calc");
    if ((rc = cli_opts_parse(&calc_cmd, &args, &st, argc, argv)) != CLI_OK || args.done)
        goto done;
    st.precision = args.out.precision;
    st.nrx = argc - args.first_operand;
    if ((rc = calc_load(&st, &args.pp, argv + args.first_operand)) != CLI_OK ||
        (rc = calc_table(&st, ref_header, sizeof(ref_header))) != CLI_OK)
        goto done;
    if (st.plan != NULL && (rc = plan_rows(&st, st.presets, st.plan)) != CLI_OK)
        goto done;
    for (int i = 0; i < st.nrx; i++) {
        const rtfrac_rx *rx = &st.rxs[i].rx;
        warn_lq_validity(&st.ma, rx->label, rx->total_dose_gy, rx->fractions);
        if ((rc = add_entries(&st, rx->label, rx->total_dose_gy, rx->fractions, st.rxs[i].calendar,
                              st.rxs[i].calendar_has)) != CLI_OK)
            goto done;
        if (st.rxs[i].scheme != NULL)
            note_scheme_source(&st.doc, st.rxs[i].scheme);
    }
    if ((rc = model_args_check_used(&st.ma)) != CLI_OK)
        goto done;
    calc_notes(&st);
    rc = cli_emit(&st.doc, &args.out);
done:
    free(st.rxs);
    rtfrac_uncertainty_mc_free(st.mc);
    rtfrac_presets_free(st.presets);
    cli_args_release(&args);
    out_doc_release(&st.doc);
    return rc;
}
