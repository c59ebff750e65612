/* rtfrac reirr: re-irradiation of a late-responding organ: each course's
 * BED and EQD2, the recovered part of earlier courses, the cumulative dose,
 * the room left under each limit, and the largest next course.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "args.h"
#include "opts.h"
#include "presets_path.h"

enum {
    OPT_COURSE = 256, OPT_TISSUE_R, OPT_AB_R, OPT_RECOVERY, OPT_FORM, OPT_INTERVAL_MONTHS,
    OPT_LIMIT_EQD2, OPT_LIMIT_BED, OPT_CONSTRAINTS, OPT_PLAN_FRACTIONS
};

static const cli_opt reirr_opts[] = {
    CLI_TEXT("usage: rtfrac reirr --course D/n --course D/n ... (--tissue NAME | --ab X)\n"
             "                    [--recovery P% | --recovery MODEL] [--recovery-form discount|tolerance]\n"
             "                    [--interval-months LIST] [--limit-eqd2 X] [--limit-bed X]\n"
             "                    [--constraints NAME|FILE] [--plan-fractions N]\n"
             "\n"
             "Re-irradiation of a late-responding organ (spinal cord, brainstem ...): the\n"
             "BED and EQD2 of each course at the organ's alpha/beta, the part of earlier\n"
             "courses taken as recovered, the cumulative dose, the room left under each\n"
             "limit and its pass/fail; with --plan-fractions the largest next course.\n"
             "Give each course as the dose the organ received (e.g. its Dmax), in time order.\n"
             "\n"
             "Options:\n"),
    CLI_OPT_R("course", "D/n", OPT_COURSE,
            "a course: total dose / fractions at the organ (50/25,\n"
            "'30 Gy/10', 10x3, @SCHEME); repeat it, in time order"),
    CLI_OPT_ONCE("tissue", "NAME", OPT_TISSUE_R, "reirr takes one",
            "the organ's alpha/beta from a tissue preset,\n"
            "e.g. spinal-cord (2 Gy)"),
    CLI_OPT_ONCE("ab", "X", OPT_AB_R, "reirr takes one", "the organ's alpha/beta in Gy (instead of --tissue)"),
    CLI_OPT_ONCE("recovery", "P%|MODEL", OPT_RECOVERY, "reirr takes one",
            "recovery of earlier courses: a percentage of each\n"
            "(25%), or a time-dependent model by name: doi-2021\n"
            "(needs --interval-months).  Default: none, the\n"
            "conservative choice: earlier courses count in full"),
    CLI_OPT_ONCE("recovery-form", "FORM", OPT_FORM, "reirr takes one",
            "discount (default): earlier dose reduced by the\n"
            "recovered fraction; tolerance: the limit raised by\n"
            "the recovered fraction of it (one earlier course);\n"
            "needs --recovery"),
    CLI_OPT_R("interval-months", "LIST", OPT_INTERVAL_MONTHS,
            "months between consecutive courses (the planned one\n"
            "included), comma-separated or repeated: 14 or 8,12"),
    CLI_OPT_ONCE("limit-eqd2", "X", OPT_LIMIT_EQD2, "reirr takes one",
            "a cumulative limit: EQD2 in Gy at the organ's\n"
            "alpha/beta (e.g. the single-course tolerance, 50);\n"
            "the recovery applies to it"),
    CLI_OPT_ONCE("limit-bed", "X", OPT_LIMIT_BED, "reirr takes one", "the same as a BED in Gy at the organ's alpha/beta"),
    CLI_OPT_ONCE("constraints", "NAME|FILE", OPT_CONSTRAINTS, "reirr takes one",
            "the re-irradiation limits of a constraint set, e.g.\n"
            "nieder-2006-spinal-cord-reirr (cumulative BED <= 135.5\n"
            "Gy, each course <= 98 Gy at alpha/beta 2 Gy, interval\n"
            ">= 6 months); the recovery never applies to them"),
    CLI_OPT_ONCE("plan-fractions", "N", OPT_PLAN_FRACTIONS, "reirr takes one",
            "solve the largest next course in N fractions that\n"
            "keeps every limit, and name the limit that binds"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Formulas (linear-quadratic; Barendsen 1982, Withers et al. 1983):\n"
             "  BED_i  = D_i (1 + d_i / (alpha/beta)),  EQD2_i = BED_i / (1 + 2 / (alpha/beta))\n"
             "  recovery r_i of an earlier course i at the time of the last course; the\n"
             "  two forms in clinical use differ unless the first course reached the\n"
             "  tolerance T:\n"
             "  discount   room = T - sum (1 - r_i) BED_i - BED_last\n"
             "  tolerance  room = T (1 + r) - BED_1 - BED_last   (one earlier course)\n"
             "  e.g. T = 50 Gy EQD2, first course 40 Gy EQD2, r = 50 %: discount leaves\n"
             "  30 Gy EQD2, tolerance 35 Gy EQD2.\n"
             "  --plan-fractions N: each limit leaves a BED room R for the next course;\n"
             "  d = 2 (R/N) / (1 + sqrt(1 + 4 R / (N alpha/beta))); the smallest N d wins,\n"
             "  checked by substitution.\n"
             "Model doi-2021: 0 % recovered below 6 months, 25 % from 6 months, 50 % from\n"
             "  12 months (a step), as quoted by Doi H, Tamari K, Oh RJ, Nieder C.\n"
             "  Strahlenther Onkol 2021;197:463-473 (Introduction), whose example uses the\n"
             "  tolerance form (tolerance doses of 125 % and 150 %).\n"
             "Preset nieder-2006-spinal-cord-reirr: Nieder C, Grosu AL, Andratschke NH,\n"
             "  Molls M. Int J Radiat Oncol Biol Phys 2006;66(5):1446-1449 (abstract):\n"
             "  risk of myelopathy small at cumulative BED <= 135.5 Gy2 (BED in Gy at\n"
             "  alpha/beta 2 Gy) with an interval of at least 6 months and no course above\n"
             "  98 Gy2.\n"
             "\n"
             "Columns of csv, tsv and json (a public interface): table courses: course,\n"
             "  total_dose_gy, fractions, dose_per_fraction_gy, alpha_beta_gy, bed_gy,\n"
             "  eqd2_gy, months_to_last, recovered_percent, recovered_bed_gy,\n"
             "  recovered_eqd2_gy, counted_bed_gy, counted_eqd2_gy; table limits: limit,\n"
             "  kind, from, alpha_beta_gy, limit_bed_gy, limit_eqd2_gy, limit_months,\n"
             "  recovery, allowed_bed_gy, allowed_eqd2_gy, value_bed_gy, value_eqd2_gy,\n"
             "  value_months, room_bed_gy, room_eqd2_gy, room_months, verdict, binding;\n"
             "  table plan: status, fractions, total_dose_gy, dose_per_fraction_gy,\n"
             "  bed_gy, eqd2_gy, binding_limit\n"
             "\n"
             "Examples:\n"
             "  rtfrac reirr --course 50/25 --course 30/10 --tissue spinal-cord\n"
             "  rtfrac reirr --course 40/20 --tissue spinal-cord --limit-eqd2 50 --recovery 50% --plan-fractions 10\n"
             "  rtfrac reirr --course 50/25 --course 20/5 --ab 2 --constraints nieder-2006-spinal-cord-reirr --interval-months 14\n"
             "  rtfrac reirr --course 50/25 --ab 2 --limit-eqd2 50 --recovery doi-2021 --interval-months 18 --plan-fractions 10\n"
             "\n"
             "Exit status: 0 ok (a failed limit is a result), 1 a write failed, 2 invalid\n"
             "input or usage.\n"),
    CLI_OPT_END,
};

typedef struct reirr_state {
    rx_arg courses[RTFRAC_REIRR_COURSES_MAX];
    size_t ncourses;
    const char *tissue_arg;
    int have_ab;
    double ab_gy;
    const char *recovery_arg;
    int have_form;
    rtfrac_reirr_form form;
    double months[RTFRAC_REIRR_COURSES_MAX];
    size_t nmonths;
    int have_eqd2, have_bed;
    double limit_eqd2_gy, limit_bed_gy;
    const char *set_arg;
    unsigned long plan_fractions;
    rtfrac_presets *presets;
    const rtfrac_tissue *tissue;
    const rtfrac_constraint_set *set;
    rtfrac_reirr_input in;
    rtfrac_reirr_limit limits[RTFRAC_REIRR_LIMITS_MAX];
    const char *limit_names[RTFRAC_REIRR_LIMITS_MAX];
    const char *limit_from[RTFRAC_REIRR_LIMITS_MAX];
    rtfrac_reirr_course course_values[RTFRAC_REIRR_COURSES_MAX];
    rtfrac_reirr_result res;
} reirr_state;

static int parse_months(reirr_state *st, const char *arg)
{
    char buf[256], *save = NULL;
    if (trim_copy(arg, buf, sizeof(buf)) != 0)
        return cli_error("--interval-months: '%.40s...' is too long; at most %zu characters", arg, sizeof(buf) - 1);
    for (char *tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        rtfrac_diag d;
        double v = 0.0;
        char item[64];
        if (trim_copy(tok, item, sizeof(item)) != 0)
            return cli_error("--interval-months: '%.40s...' is not a number of months; accepted: 0 to 1200, e.g. 14 or 8,12",
                             tok);
        rtfrac_diag_clear(&d);
        if (rtfrac_num_parse_quantity(item, RTFRAC_QTY_PLAIN, &v, &d) != RTFRAC_OK || v < 0.0 || v > 1200.0)
            return cli_error("--interval-months: '%s' is not a number of months; accepted: 0 to 1200, e.g. 14 or 8,12",
                             item);
        if (st->nmonths >= RTFRAC_REIRR_COURSES_MAX)
            return cli_error("--interval-months: more than %d intervals", RTFRAC_REIRR_COURSES_MAX - 1);
        st->months[st->nmonths++] = v;
    }
    return st->nmonths > 0 ? CLI_OK : cli_error("--interval-months: no value in '%s'", arg);
}

static int reirr_option(void *ctx, int id, char *arg)
{
    reirr_state *st = ctx;
    switch (id) {
    case OPT_COURSE:
        if (st->ncourses >= RTFRAC_REIRR_COURSES_MAX - 1)
            return cli_error("--course: more than %d courses", RTFRAC_REIRR_COURSES_MAX - 1);
        return rx_arg_parse(arg, "--course", &st->courses[st->ncourses++]);
    case OPT_TISSUE_R:
        if (st->have_ab)
            return cli_error("give --tissue or --ab, not both: the organ has one alpha/beta");
        st->tissue_arg = arg;
        return CLI_OK;
    case OPT_AB_R:
        if (st->tissue_arg != NULL)
            return cli_error("give --tissue or --ab, not both: the organ has one alpha/beta");
        st->have_ab = 1;
        if (cli_one_value("reirr --ab", arg, "the organ's one alpha/beta") != CLI_OK)
            return CLI_EUSAGE;
        return cli_parse_ab("--ab", arg, arg, &st->ab_gy);
    case OPT_RECOVERY:
        st->recovery_arg = arg;
        return CLI_OK;
    case OPT_FORM:
        st->have_form = 1;
        if (rtfrac_reirr_form_parse(arg, &st->form) != RTFRAC_OK)
            return cli_error("unknown recovery form '%s'; accepted: discount, tolerance", arg);
        return CLI_OK;
    case OPT_INTERVAL_MONTHS:
        return parse_months(st, arg);
    case OPT_LIMIT_EQD2:
    case OPT_LIMIT_BED: {
        int *have = id == OPT_LIMIT_EQD2 ? &st->have_eqd2 : &st->have_bed;
        const char *name = id == OPT_LIMIT_EQD2 ? "--limit-eqd2" : "--limit-bed";
        *have = 1;
        return cli_parse_gy(name, arg, id == OPT_LIMIT_EQD2 ? &st->limit_eqd2_gy : &st->limit_bed_gy);
    }
    case OPT_CONSTRAINTS:
        st->set_arg = arg;
        return CLI_OK;
    case OPT_PLAN_FRACTIONS:
        return cli_parse_fractions("--plan-fractions", arg, &st->plan_fractions);
    }
    return cli_error("unhandled option");
}

static const cli_command reirr_cmd = { "reirr", reirr_opts, reirr_option };

/* --recovery 25% or a model name. */
static int parse_recovery(reirr_state *st)
{
    const char *a = st->recovery_arg;
    size_t len;
    rtfrac_diag d;
    double pct = 0.0;
    if (a == NULL)
        return CLI_OK;
    len = strlen(a);
    if ((st->in.model = rtfrac_reirr_model_find(a)) != NULL) {
        st->in.recovery = RTFRAC_REIRR_RECOVERY_MODEL;
        return st->nmonths > 0 ? CLI_OK
                               : cli_error("--recovery %s needs the time between courses: give --interval-months", a);
    }
    rtfrac_diag_clear(&d);
    if (len == 0 || a[len - 1] != '%' || rtfrac_num_parse_quantity(a, RTFRAC_QTY_PERCENT, &pct, &d) != RTFRAC_OK ||
        pct < 0.0 || !(pct < 100.0))
        return cli_error("--recovery: '%s' is neither a percentage from 0%% to below 100%% (e.g. 25%%) nor a model; accepted models: doi-2021",
                         a);
    st->in.recovery = RTFRAC_REIRR_RECOVERY_PERCENT;
    st->in.recovery_fraction = pct / 100.0;
    return CLI_OK;
}

static int add_limit(reirr_state *st, rtfrac_reirr_limit l, const char *name, const char *from)
{
    size_t n = st->in.nlimits;
    if (n >= RTFRAC_REIRR_LIMITS_MAX)
        return cli_error("more than %d limits", RTFRAC_REIRR_LIMITS_MAX);
    st->limits[n] = l;
    st->limit_names[n] = name;
    st->limit_from[n] = from;
    st->in.nlimits = n + 1;
    return CLI_OK;
}

/* The limits of the options (recovery applies) and of the set (never). */
static int collect_limits(reirr_state *st)
{
    rtfrac_reirr_limit l = { RTFRAC_REIRR_LIMIT_CUMULATIVE, 0.0, st->in.alpha_beta_gy, 1 };
    rtfrac_reirr_limit set_limits[RTFRAC_REIRR_LIMITS_MAX];
    size_t n = 0;
    int rc;
    if (st->have_eqd2) { /* EQD2 -> BED: the BED of X Gy in 2 Gy fractions */
        if (rtfrac_lq_bed(st->limit_eqd2_gy, 2.0, st->in.alpha_beta_gy, &l.value) != RTFRAC_OK)
            return cli_error("--limit-eqd2: %g Gy is out of range", st->limit_eqd2_gy);
        if ((rc = add_limit(st, l, "limit-eqd2", "option")) != CLI_OK)
            return rc;
    }
    if (st->have_bed) {
        l.value = st->limit_bed_gy;
        if ((rc = add_limit(st, l, "limit-bed", "option")) != CLI_OK)
            return rc;
    }
    if (st->set == NULL)
        return CLI_OK;
    if (rtfrac_reirr_limits_from_set(st->set, st->presets, set_limits, RTFRAC_REIRR_LIMITS_MAX, &n) != RTFRAC_OK)
        return cli_error("constraint set '%s': a BED limit states no alpha/beta", st->set->id);
    if (n == 0)
        return cli_error("constraint set '%s' holds no re-irradiation limit (metrics cumulative-bed, course-bed, interval); e.g. --constraints nieder-2006-spinal-cord-reirr",
                         st->set->id);
    if (n < st->set->nconstraints)
        cli_warn("constraint set '%s': %zu of its %zu constraints are DVH limits, not re-irradiation limits; they are not checked here",
                 st->set->id, st->set->nconstraints - n, st->set->nconstraints);
    for (size_t i = 0, j = 0; i < st->set->nconstraints && j < n; i++)
        if (rtfrac_reirr_metric_is_reirr(st->set->constraints[i].metric) &&
            (rc = add_limit(st, set_limits[j++], st->set->constraints[i].id, st->set->id)) != CLI_OK)
            return rc;
    return CLI_OK;
}

/* Presets (tissue, set, schemes), then the library's input. */
static int reirr_load(reirr_state *st, preset_path *pp)
{
    const char *set_id = NULL;
    int rc;
    unsigned kinds = (st->tissue_arg ? PRESET_KIND(TISSUE) : 0) | (st->set_arg ? PRESET_KIND(CONSTRAINTS) : 0);
    if (st->ncourses == 0)
        return cli_error("no course given; e.g. 'rtfrac reirr --course 50/25 --course 30/10 --tissue spinal-cord'");
    if (st->tissue_arg == NULL && !st->have_ab)
        return cli_error("the organ's alpha/beta is missing; give --tissue NAME (e.g. spinal-cord) or --ab X");
    for (size_t i = 0; i < st->ncourses; i++)
        kinds |= st->courses[i].is_scheme ? PRESET_KIND(SCHEME) : 0;
    if ((kinds != 0 || pp->nuser > 0) &&
        ((rc = preset_path_load(pp, kinds, &st->presets)) != CLI_OK ||
         (st->set_arg != NULL &&
          (rc = preset_path_named(st->presets, RTFRAC_PRESET_CONSTRAINTS, st->set_arg, &set_id)) != CLI_OK) ||
         (rc = preset_path_check(st->presets)) != CLI_OK))
        return rc;
    for (size_t i = 0; i < st->ncourses; i++) {
        if ((rc = rx_arg_resolve(&st->courses[i], st->presets)) != CLI_OK)
            return rc;
        st->course_values[i].total_dose_gy = st->courses[i].rx.total_dose_gy;
        st->course_values[i].fractions = st->courses[i].rx.fractions;
    }
    if (st->tissue_arg != NULL && (st->tissue = rtfrac_presets_find_tissue(st->presets, st->tissue_arg)) == NULL)
        return cli_error("unknown tissue '%s'; see 'rtfrac presets list tissues'", st->tissue_arg);
    if (set_id != NULL && (st->set = rtfrac_presets_find_constraint_set(st->presets, set_id)) == NULL)
        return cli_error("unknown constraint set '%s'; see 'rtfrac presets list constraints'", st->set_arg);
    rtfrac_reirr_input_init(&st->in);
    st->in.courses = st->course_values;
    st->in.ncourses = st->ncourses;
    st->in.alpha_beta_gy = st->tissue != NULL ? st->tissue->alpha_beta_gy : st->ab_gy;
    st->in.interval_months = st->months;
    st->in.nintervals = st->nmonths;
    st->in.form = st->form;
    st->in.limits = st->limits;
    st->in.plan_fractions = st->plan_fractions;
    if (st->have_form && st->recovery_arg == NULL)
        return cli_error("--recovery-form needs --recovery: without it no recovery is assumed and there is no form to choose");
    if ((rc = parse_recovery(st)) != CLI_OK || (rc = collect_limits(st)) != CLI_OK)
        return rc;
    if (st->recovery_arg != NULL && !st->have_eqd2 && !st->have_bed)
        cli_warn("--recovery changes the counted dose only: no --limit-eqd2 or --limit-bed for it to apply to (a constraint set's limits never take it)");
    return CLI_OK;
}

/* The library's refusal, said in the options' words. */
static int evaluate_error(const reirr_state *st, int status)
{
    size_t gaps = st->ncourses - 1 + (st->plan_fractions > 0);
    if (status == RTFRAC_EINVAL && st->nmonths > 0 && st->nmonths != gaps)
        return cli_error("--interval-months: %zu %s given for %zu %s between courses (the planned one included); give one per gap",
                         st->nmonths, cli_plural(st->nmonths, "interval", "intervals"), gaps,
                         cli_plural(gaps, "gap", "gaps"));
    if (status == RTFRAC_EINVAL && st->form == RTFRAC_REIRR_FORM_TOLERANCE && gaps > 1)
        return cli_error("--recovery-form tolerance raises the limit by one recovered fraction: it takes one earlier course; use --recovery-form discount for %zu courses",
                         gaps + 1);
    if (status == RTFRAC_EINVAL && st->plan_fractions > 0)
        return cli_error("--plan-fractions needs a dose limit: --limit-eqd2, --limit-bed or --constraints");
    if (status == RTFRAC_ERANGE)
        return cli_error("the planned course failed its check by substitution; not printed");
    return cli_error("cannot evaluate the courses: %s", rtfrac_strerror(status));
}

static int course_rows(reirr_state *st, out_doc *doc)
{
    static const out_col cols[] = {
        { "course", "Course", OUT_STR, 0 },
        { "total_dose_gy", "Dose (Gy)", OUT_REAL, 0 },
        { "fractions", "Fractions", OUT_INT, 0 },
        { "dose_per_fraction_gy", "Gy/fraction", OUT_REAL, 0 },
        { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN },
        { "bed_gy", "BED (Gy)", OUT_REAL, 0 },
        { "eqd2_gy", "EQD2 (Gy)", OUT_REAL, 0 },
        { "months_to_last", "Months to last", OUT_REAL, OUT_HIDE_EMPTY | OUT_AS_GIVEN },
        { "recovered_percent", "Recovered (%)", OUT_REAL, 0 },
        { "recovered_bed_gy", "Recovered BED (Gy)", OUT_REAL, OUT_MACHINE_ONLY },
        { "recovered_eqd2_gy", "Recovered EQD2 (Gy)", OUT_REAL, 0 },
        { "counted_bed_gy", "Counted BED (Gy)", OUT_REAL, 0 },
        { "counted_eqd2_gy", "Counted EQD2 (Gy)", OUT_REAL, 0 },
    };
    const rtfrac_reirr_result *r = &st->res;
    out_table *t = out_doc_table(doc, "courses", "Courses", cols, sizeof(cols) / sizeof(cols[0]));
    if (t == NULL)
        return cli_error("out of memory");
    for (size_t i = 0; i <= r->ncourses; i++) {
        const rtfrac_reirr_course_result *c = &r->courses[i < r->ncourses ? i : 0];
        char name[32];
        long row = out_row(t);
        int total = i == r->ncourses, bad;
        snprintf(name, sizeof(name), total ? "cumulative" : c->planned ? "planned" : "%zu", i + 1);
        bad = row < 0 || out_str(t, row, "course", name) ||
              out_real(t, row, "alpha_beta_gy", st->in.alpha_beta_gy) ||
              out_real(t, row, "bed_gy", total ? r->cumulative_bed_gy : c->bed_gy) ||
              out_real(t, row, "eqd2_gy", total ? r->cumulative_eqd2_gy : c->eqd2_gy) ||
              out_real(t, row, "counted_bed_gy", total ? r->counted_bed_gy : c->counted_bed_gy) ||
              out_real(t, row, "counted_eqd2_gy", total ? r->counted_eqd2_gy : c->counted_eqd2_gy);
        if (!total)
            bad = bad || out_real(t, row, "total_dose_gy", c->total_dose_gy) ||
                  out_int(t, row, "fractions", (long long)c->fractions) ||
                  out_real(t, row, "dose_per_fraction_gy", c->dose_per_fraction_gy) ||
                  (c->has_months && out_real(t, row, "months_to_last", c->months_to_last)) ||
                  out_real(t, row, "recovered_percent", 100.0 * c->recovered_fraction) ||
                  out_real(t, row, "recovered_bed_gy", c->recovered_bed_gy) ||
                  out_real(t, row, "recovered_eqd2_gy", c->recovered_eqd2_gy);
        if (bad)
            return cli_error("out of memory");
    }
    return CLI_OK;
}

static int limit_row(const reirr_state *st, out_table *t, size_t k)
{
    const rtfrac_reirr_limit_result *L = &st->res.limits[k];
    int iv = L->limit.kind == RTFRAC_REIRR_LIMIT_INTERVAL, judged = L->verdict != RTFRAC_CONSTRAINT_NOT_EVALUATED;
    int binding = st->res.plan != RTFRAC_REIRR_PLAN_NONE && st->res.plan_binding == k;
    long row = out_row(t);
    if (row < 0 || out_str(t, row, "limit", st->limit_names[k]) ||
        out_str(t, row, "kind", rtfrac_reirr_limit_kind_name(L->limit.kind)) ||
        out_str(t, row, "from", st->limit_from[k]) ||
        out_str(t, row, "verdict", rtfrac_constraint_verdict_name(L->verdict)) ||
        (binding && out_str(t, row, "binding", "binding")))
        return -1;
    if (iv)
        return out_real(t, row, "limit_months", L->limit.value) ||
               (judged && (out_real(t, row, "value_months", L->value_months) ||
                           out_real(t, row, "room_months", L->room_months)));
    return out_real(t, row, "alpha_beta_gy", L->limit.alpha_beta_gy) ||
           out_real(t, row, "limit_bed_gy", L->limit.value) || out_real(t, row, "limit_eqd2_gy", L->limit_eqd2_gy) ||
           out_str(t, row, "recovery", L->recovery_used ? "applied" : "not applied") ||
           out_real(t, row, "allowed_bed_gy", L->allowed_bed_gy) ||
           out_real(t, row, "allowed_eqd2_gy", L->allowed_eqd2_gy) ||
           out_real(t, row, "value_bed_gy", L->value_bed_gy) || out_real(t, row, "value_eqd2_gy", L->value_eqd2_gy) ||
           out_real(t, row, "room_bed_gy", L->room_bed_gy) || out_real(t, row, "room_eqd2_gy", L->room_eqd2_gy);
}

static int limit_rows(const reirr_state *st, out_doc *doc)
{
    static const out_col cols[] = {
        { "limit", "Limit", OUT_STR, 0 },
        { "kind", "Kind", OUT_STR, 0 },
        { "from", "From", OUT_STR, OUT_MACHINE_ONLY },
        { "alpha_beta_gy", "alpha/beta (Gy)", OUT_REAL, OUT_AS_GIVEN },
        { "limit_bed_gy", "Limit BED (Gy)", OUT_REAL, OUT_AS_GIVEN },
        { "limit_eqd2_gy", "Limit EQD2 (Gy)", OUT_REAL, 0 },
        { "limit_months", "Limit (months)", OUT_REAL, OUT_AS_GIVEN | OUT_HIDE_EMPTY },
        { "recovery", "Recovery", OUT_STR, 0 },
        { "allowed_bed_gy", "Allowed BED (Gy)", OUT_REAL, OUT_MACHINE_ONLY },
        { "allowed_eqd2_gy", "Allowed EQD2 (Gy)", OUT_REAL, 0 },
        { "value_bed_gy", "Value BED (Gy)", OUT_REAL, 0 },
        { "value_eqd2_gy", "Value EQD2 (Gy)", OUT_REAL, 0 },
        { "value_months", "Value (months)", OUT_REAL, OUT_AS_GIVEN | OUT_HIDE_EMPTY },
        { "room_bed_gy", "Room BED (Gy)", OUT_REAL, 0 },
        { "room_eqd2_gy", "Room EQD2 (Gy)", OUT_REAL, 0 },
        { "room_months", "Room (months)", OUT_REAL, OUT_HIDE_EMPTY },
        { "verdict", "Verdict", OUT_STR, 0 },
        { "binding", "Binding", OUT_STR, OUT_HIDE_EMPTY },
    };
    if (st->in.nlimits == 0)
        return CLI_OK;
    out_table *t = out_doc_table(doc, "limits", "Limits", cols, sizeof(cols) / sizeof(cols[0]));
    if (t == NULL)
        return cli_error("out of memory");
    for (size_t k = 0; k < st->in.nlimits; k++)
        if (limit_row(st, t, k) != 0)
            return cli_error("out of memory");
    return CLI_OK;
}

static int plan_row(const reirr_state *st, out_doc *doc)
{
    static const out_col cols[] = {
        { "status", "Status", OUT_STR, 0 },
        { "fractions", "Fractions", OUT_INT, 0 },
        { "total_dose_gy", "Dose (Gy)", OUT_REAL, 0 },
        { "dose_per_fraction_gy", "Gy/fraction", OUT_REAL, 0 },
        { "bed_gy", "BED (Gy)", OUT_REAL, 0 },
        { "eqd2_gy", "EQD2 (Gy)", OUT_REAL, 0 },
        { "binding_limit", "Binding limit", OUT_STR, 0 },
    };
    const rtfrac_reirr_result *r = &st->res;
    const rtfrac_reirr_course_result *c = &r->courses[r->ncourses - 1];
    int solved = r->plan == RTFRAC_REIRR_PLAN_SOLVED || r->plan == RTFRAC_REIRR_PLAN_NO_ROOM;
    if (r->plan == RTFRAC_REIRR_PLAN_NONE)
        return CLI_OK;
    out_table *t = out_doc_table(doc, "plan", "Next course", cols, sizeof(cols) / sizeof(cols[0]));
    long row = t != NULL ? out_row(t) : -1;
    if (row < 0 || out_str(t, row, "status", rtfrac_reirr_plan_status_name(r->plan)) ||
        out_int(t, row, "fractions", (long long)st->plan_fractions) ||
        out_str(t, row, "binding_limit", st->limit_names[r->plan_binding]) ||
        (solved && (out_real(t, row, "total_dose_gy", c->total_dose_gy) ||
                    out_real(t, row, "dose_per_fraction_gy", c->dose_per_fraction_gy) ||
                    out_real(t, row, "bed_gy", c->bed_gy) || out_real(t, row, "eqd2_gy", c->eqd2_gy))))
        return cli_error("out of memory");
    return CLI_OK;
}

static void reirr_notes(const reirr_state *st, out_doc *doc)
{
    const char *form = rtfrac_reirr_form_name(st->in.form);
    if (st->in.recovery == RTFRAC_REIRR_RECOVERY_NONE)
        out_note(doc, "Recovery: none assumed (the default, the conservative choice): earlier courses count in full.");
    else if (st->in.recovery == RTFRAC_REIRR_RECOVERY_PERCENT)
        out_note(doc, "Recovery: %g %% of each earlier course (--recovery), form: %s%s.", 100.0 * st->in.recovery_fraction,
                 form, st->have_form ? "" : " (the default)");
    else
        out_note(doc, "Recovery: model %s (%s), form: %s%s; source: %s.", st->in.model->name, st->in.model->formula, form,
                 st->have_form ? "" : " (the default)", st->in.model->source);
    if (st->in.recovery != RTFRAC_REIRR_RECOVERY_NONE)
        out_note(doc, st->in.form == RTFRAC_REIRR_FORM_DISCOUNT
                          ? "Form discount: each earlier course counts (1 - recovered fraction) of its BED against the limit; --recovery-form tolerance would raise the limit by the recovered fraction of it instead (the two agree only when the first course reached the limit)."
                          : "Form tolerance: earlier courses count in full (their recovered columns stay 0) and the limit is raised by the recovered fraction of it (the limits' Allowed columns); --recovery-form discount would reduce the earlier dose instead (the two agree only when the first course reached the limit).");
    if (st->in.nlimits == 0)
        out_note(doc, "No limit given: --limit-eqd2, --limit-bed or --constraints (e.g. nieder-2006-spinal-cord-reirr) judge the cumulative dose.");
    if (st->tissue != NULL)
        note_tissue_source(doc, st->tissue);
    if (st->set != NULL)
        out_note(doc, "Constraint set %s: %s; source: %s%s%s%s. The recovery never applies to its limits: they are thresholds observed in re-irradiated patients.",
                 st->set->id, st->set->name, st->set->source, st->set->checked ? " (checked: " : "",
                 rtfrac_presets_checked_name(st->set->checked), st->set->checked ? ")" : "");
}

static void reirr_warnings(const reirr_state *st)
{
    for (size_t k = 0; k < st->res.nlimits; k++)
        if (st->res.limits[k].verdict == RTFRAC_CONSTRAINT_NOT_EVALUATED)
            cli_warn("limit '%s' (an interval) is not evaluated: give the months between courses with --interval-months",
                     st->limit_names[k]);
    for (size_t i = 0; i < st->res.ncourses; i++)
        if (st->res.courses[i].dose_per_fraction_gy > RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY)
            cli_warn("course %zu: %g Gy per fraction is above %g Gy, where the LQ model is uncertain", i + 1,
                     st->res.courses[i].dose_per_fraction_gy, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
}

int cmd_reirr(int argc, char **argv)
{
    reirr_state *st = calloc(1, sizeof(*st));
    cli_args args;
    out_doc doc;
    int rc;

    cli_args_init(&args, NULL);
    out_doc_init(&doc, "reirr");
    if (st == NULL) {
        rc = cli_error("out of memory");
        goto done;
    }
    if ((rc = cli_opts_parse(&reirr_cmd, &args, st, argc, argv)) != CLI_OK || args.done)
        goto done;
    if (args.first_operand < argc) {
        rc = cli_error("unexpected argument '%s'; give each course with --course, e.g. --course 50/25",
                       argv[args.first_operand]);
        goto done;
    }
    if ((rc = reirr_load(st, &args.pp)) != CLI_OK)
        goto done;
    if ((rc = rtfrac_reirr_evaluate(&st->in, &st->res)) != RTFRAC_OK) {
        rc = evaluate_error(st, rc);
        goto done;
    }
    if ((rc = course_rows(st, &doc)) != CLI_OK || (rc = limit_rows(st, &doc)) != CLI_OK ||
        (rc = plan_row(st, &doc)) != CLI_OK)
        goto done;
    reirr_notes(st, &doc);
    reirr_warnings(st);
    rc = cli_emit(&doc, &args.out);
done:
    if (st != NULL)
        rtfrac_presets_free(st->presets);
    free(st);
    cli_args_release(&args);
    out_doc_release(&doc);
    return rc;
}
