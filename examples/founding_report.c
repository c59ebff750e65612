/* The founding plan's report numbers without the rtfrac tool: the plan
 * hcc-sib-55-44 (PTV-1 55 Gy, PTV-2 44 Gy in 22 fractions) with the
 * QUANTEC liver constraints checked on a synthetic DVH, the same numbers as
 *     rtfrac report --plan hcc-sib-55-44 --constraints quantec-liver \
 *         --dvh tests/cli/fixtures/hcc-sib-synthetic.dvh.csv \
 *         --structure-tissue 'PTV*=hcc,Liver=liver,SpinalCord=spinal-cord'
 * from one library call, rtfrac_plan_eval_run.  Only the public API
 * exported by librtfrac.so.
 *
 *     founding_report [PRESET_DIR [DVH_FILE]]   (default: presets and the
 *                                                 synthetic DVH of the tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <rtfrac.h>

static const char *tissue_of(const char *structure)
{
    if (strncmp(structure, "PTV", 3) == 0)
        return "hcc";
    if (strcmp(structure, "Liver") == 0)
        return "liver";
    return strcmp(structure, "SpinalCord") == 0 ? "spinal-cord" : NULL;
}

/* ">=" or "<=" before a value that a partial curve bounds on one side */
static const char *bound_mark(rtfrac_dvh_bound bound)
{
    return bound == RTFRAC_DVH_AT_LEAST ? ">=" : bound == RTFRAC_DVH_AT_MOST ? "<=" : "";
}

static int fail(const char *what, int rc, const rtfrac_diag *diag)
{
    fprintf(stderr, "founding_report: error: %s: %s\n", what,
            diag && diag->message[0] ? diag->message : rtfrac_strerror(rc));
    return rc == RTFRAC_EIO ? 1 : 2;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "presets";
    const char *dvh_path = argc > 2 ? argv[2] : "tests/cli/fixtures/hcc-sib-synthetic.dvh.csv";
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_dvh_set *dvh = NULL;
    rtfrac_plan_eval *ev = NULL;
    rtfrac_diag diag;
    const rtfrac_tissue *tissues[16] = { NULL };
    int rc, status = 0;

    if (p == NULL)
        return fail("presets", RTFRAC_ENOMEM, NULL);
    if ((rc = rtfrac_presets_load_dir(p, dir, &diag)) != RTFRAC_OK) {
        status = fail(dir, rc, &diag);
        goto done;
    }
    if ((rc = rtfrac_dvh_read(dvh_path, RTFRAC_DVH_FORMAT_AUTO, &dvh, &diag)) != RTFRAC_OK) {
        status = fail(dvh_path, rc, &diag);
        goto done;
    }
    for (size_t i = 0; i < dvh->n && i < 16; i++) {
        const char *id = tissue_of(dvh->dvhs[i].name);
        tissues[i] = id ? rtfrac_presets_find_tissue(p, id) : NULL;
    }
    const rtfrac_constraint_set *sets[] = { rtfrac_presets_find_constraint_set(p, "quantec-liver") };
    rtfrac_plan_eval_input in;
    rtfrac_plan_eval_input_init(&in);
    in.presets = p;
    in.plan = rtfrac_presets_find_plan(p, "hcc-sib-55-44");
    in.constraint_sets = sets;
    in.nconstraint_sets = sets[0] ? 1 : 0;
    in.dvh = dvh;
    in.structure_tissues = dvh->n <= 16 ? tissues : NULL;
    if ((rc = rtfrac_plan_eval_run(&in, &ev, &diag)) != RTFRAC_OK) {
        status = fail("hcc-sib-55-44", rc, &diag);
        goto done;
    }

    printf("Targets and organs at risk\n%-20s %8s %9s %9s\n", "Row", "a/b (Gy)", "BED (Gy)", "EQD2 (Gy)");
    for (size_t i = 0; i < ev->nrows; i++) {
        const rtfrac_plan_eval_row *r = &ev->rows[i];
        char label[160];
        if (r->oar == RTFRAC_PLAN_EVAL_NONE)
            snprintf(label, sizeof(label), "%s", in.plan->targets[r->target].label);
        else
            snprintf(label, sizeof(label), "%s @ %s", in.plan->oars[r->oar].label, in.plan->targets[r->target].label);
        printf("%-20s %8.2f %9.2f %9.2f\n", label, r->row.alpha_beta_gy, r->effect.bed_gy, r->effect.eqd2_gy);
    }

    printf("\nOrgan constraints\n%-36s %-10s %10s %10s %s\n", "Constraint", "Structure", "Limit EQD2",
           "Plan EQD2", "Result");
    for (size_t i = 0; i < ev->nchecks; i++) {
        const rtfrac_plan_eval_check *c = &ev->checks[i];
        const rtfrac_constraint *k = &sets[c->set]->constraints[c->constraint];
        /* an aim-only constraint (no limit) is judged against its aim */
        const rtfrac_constraint_dose *goal = c->conversion.has_limit_dose || k->metric == RTFRAC_METRIC_V_GY
                                                 ? &c->conversion.limit : &c->conversion.optimal;
        printf("%-36s %-10s %10.2f %10.2f %s%s\n", k->id,
               c->structure == RTFRAC_PLAN_EVAL_NONE ? "-" : ev->structures[c->structure].dvh->name,
               goal->eqd2_gy, c->has_value ? c->value : 0.0, rtfrac_constraint_verdict_name(c->verdict),
               k->aim_only ? " (aim only)" : "");
    }

    printf("\nDVH metrics\n%-10s %9s %9s %9s %9s\n", "Structure", "mean (Gy)", "mean EQD2", "max EQD2",
           "D2cc EQD2");
    for (size_t i = 0; i < ev->nstructures; i++) {
        const rtfrac_plan_eval_structure *s = &ev->structures[i];
        rtfrac_dvh_stats ps, es;
        rtfrac_dvh_bound d2cc_bound = RTFRAC_DVH_EXACT;
        double d2cc = 0.0;
        if (!s->has_eqd2 || rtfrac_dvh_stats_of(&s->physical, &ps) != RTFRAC_OK ||
            rtfrac_dvh_stats_of(&s->eqd2, &es) != RTFRAC_OK ||
            rtfrac_dvh_d_cc_bounded(&s->eqd2, 2.0, &d2cc, &d2cc_bound) != RTFRAC_OK)
            continue;
        /* a curve that ends above 0 bounds its maximum and hottest cc from below */
        printf("%-10s %2s%7.2f %2s%7.2f %2s%7.2f %2s%7.2f\n", s->dvh->name, bound_mark(ps.mean_bound),
               ps.mean_gy, bound_mark(es.mean_bound), es.mean_gy, bound_mark(es.max_bound), es.max_gy,
               bound_mark(d2cc_bound), d2cc);
    }

    printf("\nLargest dose per fraction: %.4g Gy (%s %s)%s\n", ev->validity.max_dose_per_fraction_gy,
           rtfrac_plan_eval_source_name(ev->validity.source), ev->validity.what,
           rtfrac_plan_eval_validity_lq_exceeded(&ev->validity, RTFRAC_MODEL_LQ) ? ": above the LQ range" : "");
    /* a failed printf leaves the error indicator set */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "founding_report: error: cannot write 'stdout'\n");
        status = 1;
    }
done:
    rtfrac_plan_eval_free(ev);
    rtfrac_dvh_set_free(dvh);
    rtfrac_presets_free(p);
    return status;
}
