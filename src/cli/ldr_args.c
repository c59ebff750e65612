/* rtfrac CLI: shared arguments of 'rtfrac ldr' and 'rtfrac implant'.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ldr_args.h"

static int parse_in_range(const char *option, const char *text, rtfrac_quantity q, double lo,
                          int lo_included, double hi, const char *unit, double *out)
{
    if (cli_one_value(option, text, NULL) != CLI_OK)
        return CLI_EUSAGE;
    rtfrac_diag d;
    double v = 0.0;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse_quantity(text, q, &v, &d) != RTFRAC_OK)
        return cli_diag_error(option, text, &d);
    if (!(lo_included ? v >= lo : v > lo) || v > hi)
        return cli_error("%s '%s' is out of range; accepted: %s%g to %g %s", option, text,
                         lo_included ? "" : "above ", lo, hi, unit);
    *out = v;
    return CLI_OK;
}

int ldr_parse_value(const char *option, const char *text, rtfrac_quantity q, double lo,
                    double hi, const char *unit, double *out)
{
    return parse_in_range(option, text, q, lo, 0, hi, unit, out);
}

int ldr_parse_rate(const char *option, const char *text, double *gy_per_h)
{
    rtfrac_diag d;
    double v = 0.0;
    if (cli_one_value(option, text, NULL) != CLI_OK)
        return CLI_EUSAGE;
    rtfrac_diag_clear(&d);
    if (rtfrac_ldr_dose_rate_parse(text, &v, &d) != RTFRAC_OK)
        return cli_diag_error(option, text, &d);
    if (!(v > 0.0) || v > RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H)
        return cli_error("%s '%s' is out of range; accepted: above 0 to %g Gy/h", option, text,
                         RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H);
    *gy_per_h = v;
    return CLI_OK;
}

int ldr_parse_value_from(const char *option, const char *text, rtfrac_quantity q, double lo,
                         double hi, const char *unit, double *out)
{
    return parse_in_range(option, text, q, lo, 1, hi, unit, out);
}

int ldr_rows_resolve(ldr_rows *r, preset_path *pp, int need_isotopes, const char *command)
{
    int rc;
    if (r->abs.n == 0)
        return cli_error("%s needs an alpha/beta: give --ab (Gy) or --tissue; e.g. --ab 3", command);
    if ((need_isotopes || r->abs.tissues || pp->nuser > 0) &&
        ((rc = preset_path_load(pp, PRESET_KIND(TISSUE) | (need_isotopes ? PRESET_KIND(ISOTOPE) : 0), &r->presets)) !=
             CLI_OK ||
         (rc = ab_list_resolve(&r->abs, r->presets, 0)) != CLI_OK))
        return rc;
    for (size_t k = 0; k < r->abs.n; k++) {
        const ab_entry *e = &r->abs.e[k];
        if (e->interval.has)
            return cli_error("%s takes alpha/beta values without an interval; got '%g:%g:%g'", command,
                             e->ab_gy, e->interval.low, e->interval.high);
        if (r->has_repair)
            continue;
        if (e->tissue == NULL)
            return cli_error("%s needs a repair half-time for alpha/beta %g Gy: give --repair-half-time (h)",
                             command, e->ab_gy);
        if (!(e->tissue->has & RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME))
            return cli_error("tissue '%s' has no repair_half_time; give --repair-half-time (h), e.g. --repair-half-time 1.5",
                             e->tissue->id);
    }
    return CLI_OK;
}

double ldr_rows_repair_h(const ldr_rows *r, size_t k)
{
    return r->has_repair ? r->repair_half_time_h : r->abs.e[k].tissue->repair_half_time_h;
}

const char *ldr_rows_tissue(const ldr_rows *r, size_t k)
{
    return r->abs.e[k].tissue != NULL ? r->abs.e[k].tissue->id : "";
}

int ldr_rows_notes(const ldr_rows *r, out_doc *doc)
{
    for (size_t k = 0; k < r->abs.n; k++)
        if (r->abs.e[k].tissue != NULL)
            note_tissue_source(doc, r->abs.e[k].tissue);
    if (!r->has_repair)
        return 0;
    for (size_t k = 0; k < r->abs.n; k++) {
        const rtfrac_tissue *t = r->abs.e[k].tissue;
        int dup = 0;
        if (t == NULL || !(t->has & RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME) ||
            !(t->repair_half_time_h < r->repair_half_time_h || t->repair_half_time_h > r->repair_half_time_h))
            continue;
        for (size_t j = 0; j < k; j++)
            dup |= r->abs.e[j].tissue == t;
        if (!dup && out_note(doc, "tissue %s: --repair-half-time %g h replaces its own repair_half_time %g h", t->id,
                             r->repair_half_time_h, t->repair_half_time_h) < 0)
            return -1;
    }
    return 0;
}

void ldr_warn_validity(const char *who, int implant, double alpha_beta_gy, const rtfrac_ldr_validity *v,
                       ldr_warned *w)
{
    if (v->above_ldr && !w->rate) {
        w->rate = 1;
        cli_warn("%s: %s %.5g Gy/h is a %s, above the low-dose-rate range (%g to %g Gy/h, ICRU Report 38); the continuous-irradiation LQ formula is outside the range it is usually applied to",
                 who, implant ? "the initial dose rate" : "the dose rate", v->dose_rate_gy_per_h,
                 rtfrac_ldr_dose_rate_band_name(v->band), RTFRAC_LDR_BAND_MIN_GY_PER_H, RTFRAC_LDR_BAND_MAX_GY_PER_H);
    }
    if (v->lq_uncertain && !w->lq) {
        w->lq = 1;
        cli_warn("%s: the BED is that of acute fractions of %.4g Gy each ((BED/D - 1) a/b), above %g Gy; the linear-quadratic model is uncertain at this dose per fraction",
                 who, v->equivalent_dose_per_fraction_gy, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
    }
    if (v->not_clinical)
        cli_warn("%s: EQD2 %.4g Gy%s at alpha/beta %g Gy is above %g Gy, not a clinical dose; check the dose and its unit",
                 who, v->eqd2_gy, implant ? " (to full decay)" : "", alpha_beta_gy, RTFRAC_LDR_EQD2_CLINICAL_MAX_GY);
}
