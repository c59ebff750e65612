/* rtfrac implant: BED and EQD2 of permanent implants, and the dose of one
 * isotope iso-effective to an implant of another.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldr_args.h"
#include "opts.h"
#include "suggest.h"

enum { OPT_ISOTOPE = 256, OPT_DOSE, OPT_AB, OPT_TISSUE, OPT_REPAIR, OPT_ALPHA_, OPT_TPOT_, OPT_MATCH };

static const cli_opt implant_opts[] = {
    CLI_TEXT("usage: rtfrac implant --isotope NAME --dose GY (--ab LIST | --tissue LIST)\n"
             "                      [--repair-half-time H] [--alpha A --tpot D] [options]\n"
             "       rtfrac implant --isotope NAME --match ISOTOPE:GY (--ab ... ) [...]\n"
             "\n"
             "BED and EQD2 of a permanent implant whose dose to full decay is D, with\n"
             "lambda = ln 2 / half-life, R0 = D lambda the initial dose rate and\n"
             "mu = ln 2 / T1/2 (repair):\n"
             "  BED = (R0/lambda) [1 + R0/((mu + lambda) a/b)]          (full decay)\n"
             "With --alpha and --tpot (repopulation), the effective treatment time\n"
             "  Teff = ln(alpha Tpot R0 / ln 2) / lambda\n"
             "(when the dose rate has fallen to ln 2/(alpha Tpot)) and the BED at Teff:\n"
             "  BED = (R0/lambda)(1 - e^(-lambda Teff))\n"
             "      + R0^2/((mu - lambda) a/b) [(1 - e^(-2 lambda Teff))/lambda\n"
             "                                  - 2 (1 - e^(-(mu + lambda) Teff))/(mu + lambda)]\n"
             "      - ln 2 Teff/(alpha Tpot)\n"
             "(Dale RG, Br J Radiol 1985;58:515-528; AAPM TG-137, Nath R et al., Med Phys\n"
             "2009;36(11):5310-5322).  EQD2 = BED / (1 + 2/(a/b)).\n"
             "\n"
             "--match ISOTOPE:GY adds the dose of --isotope with the same BED as an\n"
             "implant of ISOTOPE delivering GY (same a/b, repair and repopulation),\n"
             "solved with GSL's Brent root finder and checked by substitution.\n"
             "\n"
             "Options:\n"),
    CLI_OPT("isotope", "NAME", OPT_ISOTOPE,
            "an isotope preset: I-125, Pd-103, Cs-131, Au-198,\n"
            "Ir-192 (rtfrac presets list isotopes)"),
    CLI_OPT("dose", "GY", OPT_DOSE, "dose to full decay (prescription, Gy)"),
    CLI_OPT("match", "ISOTOPE:GY", OPT_MATCH, "solve the dose iso-effective to this implant"),
    CLI_OPT_R("ab", "LIST", OPT_AB, "alpha/beta ratios in Gy, one row each"),
    CLI_OPT_R("tissue", "LIST", OPT_TISSUE,
            "alpha/beta (and repair_half_time) from tissue presets"),
    CLI_OPT("repair-half-time", "H", OPT_REPAIR,
            "repair half-time T1/2 in hours (default: the\n"
            "tissue's repair_half_time; required with --ab)"),
    CLI_OPT("alpha", "A", OPT_ALPHA_, "alpha in /Gy, for repopulation (with --tpot)"),
    CLI_OPT("tpot", "D", OPT_TPOT_, "potential doubling time in days (with --alpha)"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Without --alpha and --tpot there is no repopulation: the BED is that of\n"
             "full decay.  Output: one row per alpha/beta (two with --match: the\n"
             "reference implant and the matched one): role, isotope, half_life_days,\n"
             "total_dose_gy, initial_dose_rate_cgy_per_h, tissue, alpha_beta_gy,\n"
             "repair_half_time_h, alpha_per_gy, tpot_days, effective_time_days,\n"
             "dose_to_teff_gy, repopulation_gy, bed_full_decay_gy, bed_gy, eqd2_gy.\n"
             "\n"
             "Warnings (stderr; the output is unchanged): an initial dose rate R0\n"
             "above the low-dose-rate range (0.4 to 2 Gy/h, ICRU Report 38), where\n"
             "this continuous-irradiation formula is outside the range it is usually\n"
             "applied to; a BED to full decay equal to acute fractions of more than\n"
             "8 Gy each ((BED/D - 1) a/b = R0/(mu + lambda), where the LQ model is\n"
             "uncertain); an EQD2 to full decay above 200 Gy (not a clinical dose).\n"
             "\n"             "Examples (prostate parameters of Wang et al., Int J Radiat Oncol Biol Phys\n"
             "2003;55:194-203: a/b 3.1 Gy, alpha 0.15 /Gy, T1/2 16 min):\n"
             "  rtfrac implant --isotope I-125 --dose 145 --ab 3.1 --repair-half-time 0.27\n"
             "  rtfrac implant --isotope Cs-131 --match I-125:145 --ab 3.1 \\\n"
             "      --repair-half-time 0.27 --alpha 0.15 --tpot 42\n"
             "\n"),
    CLI_OPT_END,
};

typedef struct implant_state {
    ldr_rows rows;
    const char *isotope_name, *match_arg;
    char match_name[RTFRAC_PRESET_ID_MAX];
    double dose_gy, match_dose_gy, alpha_per_gy, tpot_days;
    int has_dose, has_alpha, has_tpot;
    const rtfrac_isotope *iso, *match_iso;
} implant_state;

static int parse_match(implant_state *st, const char *arg)
{
    const char *colon = strrchr(arg, ':');
    if (colon == NULL || colon == arg || (size_t)(colon - arg) >= sizeof(st->match_name))
        return cli_error("invalid --match '%s'; write ISOTOPE:GY, e.g. --match I-125:145", arg);
    memcpy(st->match_name, arg, (size_t)(colon - arg));
    st->match_name[colon - arg] = '\0';
    st->match_arg = arg;
    return cli_parse_gy("--match", colon + 1, &st->match_dose_gy);
}

static int implant_option(void *ctx, int id, char *arg)
{
    implant_state *st = ctx;
    switch (id) {
    case OPT_ISOTOPE:
        st->isotope_name = arg;
        return CLI_OK;
    case OPT_DOSE:
        st->has_dose = 1;
        return cli_parse_gy("--dose", arg, &st->dose_gy);
    case OPT_MATCH:
        return parse_match(st, arg);
    case OPT_AB:
        return ab_list_add_values(&st->rows.abs, "--ab", arg);
    case OPT_TISSUE:
        return ab_list_add_tissues(&st->rows.abs, "--tissue", arg);
    case OPT_REPAIR:
        st->rows.has_repair = 1;
        return ldr_parse_value("--repair-half-time", arg, RTFRAC_QTY_TIME_HOURS, 0.0,
                               RTFRAC_REPAIR_HALF_TIME_MAX_H, "h", &st->rows.repair_half_time_h);
    case OPT_ALPHA_:
        st->has_alpha = 1;
        return ldr_parse_value("--alpha", arg, RTFRAC_QTY_PER_GY, 0.0, RTFRAC_ALPHA_MAX_PER_GY, "/Gy", &st->alpha_per_gy);
    case OPT_TPOT_:
        st->has_tpot = 1;
        return ldr_parse_value("--tpot", arg, RTFRAC_QTY_TIME_DAYS, 0.0, RTFRAC_TPOT_MAX_DAYS, "d", &st->tpot_days);
    }
    return cli_error("unhandled option");
}

static const cli_command implant_cmd = { "implant", implant_opts, implant_option };

static int find_isotope(const rtfrac_presets *p, const char *name, const rtfrac_isotope **out)
{
    if ((*out = rtfrac_presets_find_isotope(p, name)) != NULL)
        return CLI_OK;
    cli_error("unknown isotope '%s'; see 'rtfrac presets list isotopes'", name);
    suggest_preset_hint(p, RTFRAC_PRESET_ISOTOPE, name);
    return CLI_EUSAGE;
}

/* The combination of options, then the presets. */
static int implant_load(implant_state *st, preset_path *pp)
{
    int rc;
    if (st->isotope_name == NULL)
        return cli_error("implant needs --isotope (e.g. I-125, Pd-103, Cs-131)");
    if (st->has_dose == (st->match_arg != NULL))
        return cli_error(st->has_dose ? "--match solves the dose; leave out --dose"
                                      : "implant needs --dose (Gy to full decay) or --match ISOTOPE:GY");
    if (st->has_alpha != st->has_tpot)
        return cli_error("repopulation needs both --alpha (/Gy) and --tpot (d); got only %s",
                         st->has_alpha ? "--alpha" : "--tpot");
    if ((rc = ldr_rows_resolve(&st->rows, pp, 1, "implant")) != CLI_OK ||
        (rc = find_isotope(st->rows.presets, st->isotope_name, &st->iso)) != CLI_OK)
        return rc;
    if (st->match_arg != NULL && (rc = find_isotope(st->rows.presets, st->match_name, &st->match_iso)) != CLI_OK)
        return rc;
    return CLI_OK;
}

static const out_col implant_cols[] = {
    { "role", "Role", OUT_STR, OUT_HIDE_EMPTY },
    { "isotope", "Isotope", OUT_STR, 0 },
    { "half_life_days", "Half-life (d)", OUT_REAL, OUT_AS_GIVEN },
    { "total_dose_gy", "Dose (Gy)", OUT_REAL, 0 },
    { "initial_dose_rate_cgy_per_h", "R0 (cGy/h)", OUT_REAL, 0 },
    { "tissue", "Tissue", OUT_STR, OUT_HIDE_EMPTY },
    { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "repair_half_time_h", "T1/2 repair (h)", OUT_REAL, OUT_AS_GIVEN },
    { "alpha_per_gy", "alpha (/Gy)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "tpot_days", "Tpot (d)", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
    { "effective_time_days", "Teff (d)", OUT_REAL, OUT_HIDE_EMPTY },
    { "dose_to_teff_gy", "Dose by Teff (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "repopulation_gy", "Repopulation (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "bed_full_decay_gy", "BED full decay (Gy)", OUT_REAL, OUT_MACHINE_ONLY },
    { "bed_gy", "BED (Gy)", OUT_REAL, 0 },
    { "eqd2_gy", "EQD2 (Gy)", OUT_REAL, 0 },
};

static rtfrac_implant_params params_of(const implant_state *st, const rtfrac_isotope *iso, size_t k)
{
    rtfrac_implant_params p = { iso->half_life_days, st->rows.abs.e[k].ab_gy, ldr_rows_repair_h(&st->rows, k),
                                st->has_alpha, st->alpha_per_gy, st->tpot_days };
    return p;
}

static int implant_error(const rtfrac_implant_params *p, const char *isotope, double dose_gy, int rc)
{
    double rate = 0.0;
    if (rc == RTFRAC_EREPOP && rtfrac_implant_repopulation_rate(p, &rate) == RTFRAC_OK)
        return cli_error("%s %g Gy: the initial dose rate is at or below the repopulation rate ln 2/(alpha Tpot) = %g Gy/h; no effective treatment time (check --alpha and --tpot)",
                         isotope, dose_gy, rate);
    if (rc == RTFRAC_EREPOP)
        return cli_error("%s %g Gy: the initial dose rate is at or below the repopulation rate ln 2/(alpha Tpot) (alpha %g /Gy, Tpot %g d); no effective treatment time (check --alpha and --tpot)",
                         isotope, dose_gy, p->alpha_per_gy, p->tpot_days);
    return cli_error("cannot compute the implant BED of %s %g Gy: %s (the repair half-time must be under half the half-life)",
                     isotope, dose_gy, rtfrac_strerror(rc));
}

static int implant_row(const implant_state *st, out_table *t, size_t k, const char *role,
                       const rtfrac_isotope *iso, double dose_gy)
{
    rtfrac_implant_params p = params_of(st, iso, k);
    rtfrac_implant_result r;
    char who[96];
    ldr_warned w = { k > 0, k > 0 }; /* the rate and d_eq once, at the first alpha/beta */
    int rc = rtfrac_implant_bed(dose_gy, &p, &r);
    if (rc != RTFRAC_OK)
        return implant_error(&p, iso->name, dose_gy, rc);
    snprintf(who, sizeof(who), "%s %.6g Gy", iso->name, dose_gy);
    ldr_warn_validity(who, 1, p.alpha_beta_gy, &r.validity, &w);
    long row = out_row(t);
    const char *tissue = ldr_rows_tissue(&st->rows, k);
    if (row < 0 || (role && out_str(t, row, "role", role)) || out_str(t, row, "isotope", iso->name) ||
        out_real(t, row, "half_life_days", iso->half_life_days) || out_real(t, row, "total_dose_gy", dose_gy) ||
        out_real(t, row, "initial_dose_rate_cgy_per_h", 100.0 * r.initial_dose_rate_gy_per_h) ||
        (tissue[0] && out_str(t, row, "tissue", tissue)) || out_real(t, row, "alpha_beta_gy", p.alpha_beta_gy) ||
        out_real(t, row, "repair_half_time_h", p.repair_half_time_h) ||
        (p.repopulation && (out_real(t, row, "alpha_per_gy", p.alpha_per_gy) ||
                            out_real(t, row, "tpot_days", p.tpot_days) ||
                            out_real(t, row, "effective_time_days", r.effective_time_days) ||
                            out_real(t, row, "dose_to_teff_gy", r.dose_to_teff_gy) ||
                            out_real(t, row, "repopulation_gy", r.repopulation_gy))) ||
        out_real(t, row, "bed_full_decay_gy", r.bed_full_decay_gy) || out_real(t, row, "bed_gy", r.bed_gy) ||
        out_real(t, row, "eqd2_gy", r.eqd2_gy))
        return cli_error("out of memory"), CLI_EFAIL;
    return CLI_OK;
}

/* With --match: the reference row, the solved dose, and its row. */
static int match_rows(const implant_state *st, out_table *t, size_t k)
{
    rtfrac_implant_params ref = params_of(st, st->match_iso, k), p = params_of(st, st->iso, k);
    rtfrac_implant_result r;
    double dose = 0.0;
    int rc = rtfrac_implant_bed(st->match_dose_gy, &ref, &r);
    if (rc != RTFRAC_OK)
        return implant_error(&ref, st->match_iso->name, st->match_dose_gy, rc);
    if ((rc = rtfrac_implant_dose_for_bed(r.bed_gy, &p, &dose)) != RTFRAC_OK)
        return cli_error("no dose of %s reaches the BED %g Gy of %s: %s", st->iso->name, r.bed_gy, st->match_arg,
                         rtfrac_strerror(rc));
    if ((rc = implant_row(st, t, k, "reference", st->match_iso, st->match_dose_gy)) != CLI_OK)
        return rc;
    return implant_row(st, t, k, "iso-effective", st->iso, dose);
}

static int implant_notes(const implant_state *st, out_doc *doc)
{
    int bad = out_note(doc, "Permanent implant, R0 = D lambda: BED = (R0/lambda)[1 + R0/((mu + lambda) a/b)] for full decay (Dale 1985); EQD2 = BED / (1 + 2/(a/b)).") < 0;
    bad |= out_note(doc, st->has_alpha ? "Repopulation: BED at Teff = ln(alpha Tpot R0/ln 2)/lambda, with the dose delivered by Teff and minus ln 2 Teff/(alpha Tpot) (Dale 1985; AAPM TG-137)."
                                       : "No repopulation (give --alpha and --tpot for it): the BED of full decay.") < 0;
    if (st->match_arg != NULL)
        bad |= out_note(doc, "iso-effective: the dose of %s with the BED of %s, solved (GSL Brent) and checked by substitution.",
                        st->iso->name, st->match_arg) < 0;
    bad |= out_note(doc, "Half-life of %s: %s", st->iso->name, st->iso->source) < 0;
    if (st->match_iso != NULL && st->match_iso != st->iso)
        bad |= out_note(doc, "Half-life of %s: %s", st->match_iso->name, st->match_iso->source) < 0;
    bad |= ldr_rows_notes(&st->rows, doc) < 0;
    return bad ? (cli_error("out of memory"), CLI_EFAIL) : CLI_OK;
}

int cmd_implant(int argc, char **argv)
{
    implant_state st;
    cli_args args;
    out_doc doc;
    int rc;
    memset(&st, 0, sizeof(st));
    cli_args_init(&args, NULL);
    out_doc_init(&doc, "implant");
    if ((rc = cli_opts_parse(&implant_cmd, &args, &st, argc, argv)) != CLI_OK || args.done)
        goto done;
    if (args.first_operand < argc) {
        rc = cli_error("implant takes no operands; got '%s' (the dose is --dose GY)", argv[args.first_operand]);
        goto done;
    }
    if ((rc = implant_load(&st, &args.pp)) != CLI_OK)
        goto done;
    out_table *t = out_doc_table(&doc, "rows", NULL, implant_cols, sizeof(implant_cols) / sizeof(implant_cols[0]));
    if (t == NULL) {
        cli_error("out of memory");
        rc = CLI_EFAIL;
        goto done;
    }
    for (size_t k = 0; k < st.rows.abs.n && rc == CLI_OK; k++)
        rc = st.match_arg ? match_rows(&st, t, k) : implant_row(&st, t, k, NULL, st.iso, st.dose_gy);
    if (rc == CLI_OK && (rc = implant_notes(&st, &doc)) == CLI_OK)
        rc = cli_emit(&doc, &args.out);
done:
    rtfrac_presets_free(st.rows.presets);
    cli_args_release(&args);
    out_doc_release(&doc);
    return rc;
}
