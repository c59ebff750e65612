/* Unit tests of the preset loader (include/rtfrac/preset.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#ifndef RTFRAC_SOURCE_PRESET_DIR
#error "the Makefile defines RTFRAC_SOURCE_PRESET_DIR"
#endif

static char tmpdir[256];

static void write_file(const char *rel, const char *text)
{
    char path[512], dir[512];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    *slash = '\0';
    mkdir(dir, 0700);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_true(fputs(text, fp) >= 0);
    assert_int_equal(fclose(fp), 0);
}

static void clear_dir(void)
{
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'/* 2>/dev/null", tmpdir);
    assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/rtfrac-test-preset-XXXXXX");
    return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static rtfrac_presets *load_shipped(void)
{
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_non_null(p);
    int rc = rtfrac_presets_load_dir(p, RTFRAC_SOURCE_PRESET_DIR, &d);
    if (rc != RTFRAC_OK)
        print_error("%s:%u: %s\n", d.file, d.line, d.message);
    assert_int_equal(rc, RTFRAC_OK);
    rc = rtfrac_presets_check(p, &d);
    if (rc != RTFRAC_OK)
        print_error("%s:%u: %s\n", d.file, d.line, d.message);
    assert_int_equal(rc, RTFRAC_OK);
    return p;
}

/* Every shipped preset loads and names its source. */
static void test_shipped_presets_load_with_sources(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    assert_true(rtfrac_presets_count(p, RTFRAC_PRESET_TISSUE) >= 30);
    assert_true(rtfrac_presets_count(p, RTFRAC_PRESET_SCHEME) >= 25);
    assert_true(rtfrac_presets_count(p, RTFRAC_PRESET_PLAN) >= 1);
    assert_true(rtfrac_presets_count(p, RTFRAC_PRESET_CONSTRAINTS) >= 2);
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_TISSUE); i++) {
        const rtfrac_tissue *t = rtfrac_presets_tissue(p, i);
        assert_true(strlen(t->source) > 10);
        assert_true(t->alpha_beta_gy > 0.0);
        assert_int_not_equal(t->evidence, RTFRAC_EVIDENCE_UNSTATED);
    }
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_SCHEME); i++)
        assert_true(strlen(rtfrac_presets_scheme(p, i)->source) > 10);
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_PLAN); i++)
        assert_true(strlen(rtfrac_presets_plan(p, i)->source) > 10);
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_CONSTRAINTS); i++) {
        const rtfrac_constraint_set *s = rtfrac_presets_constraint_set(p, i);
        for (size_t k = 0; k < s->nconstraints; k++)
            assert_true(strlen(s->constraints[k].source) > 10);
    }
    rtfrac_presets_free(p);
}

/* Every SHIPPED entry names its source and says how it was checked against
 * it (issue 11): tissues, schemes, plans, constraint sets and each of their
 * constraints, NTCP sets.  User files may leave `checked` out. */
static void check_sourced(const char *kind, const char *id, const char *source, rtfrac_checked checked)
{
    if (source == NULL || strlen(source) < 10 || checked == RTFRAC_CHECKED_UNSTATED)
        print_error("shipped %s '%s' lacks %s\n", kind, id,
                    checked == RTFRAC_CHECKED_UNSTATED ? "'checked'" : "'source'");
    assert_non_null(source);
    assert_true(strlen(source) >= 10);
    assert_int_not_equal(checked, RTFRAC_CHECKED_UNSTATED);
    /* curation notes stay in comments, never in text that reaches reports */
    static const char *const notes[] = { "not verified", "not re-verified", "not seen", "in this pass" };
    for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
        if (strstr(source, notes[i]) != NULL)
            print_error("shipped %s '%s': curation note '%s' in source\n", kind, id, notes[i]);
        assert_null(strstr(source, notes[i]));
    }
}

static void test_shipped_presets_source_and_checked(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_TISSUE); i++) {
        const rtfrac_tissue *t = rtfrac_presets_tissue(p, i);
        check_sourced("tissue", t->id, t->source, t->checked);
        assert_null(strstr(t->endpoint, "not seen"));
        assert_null(strstr(t->endpoint, "verified"));
    }
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_SCHEME); i++) {
        const rtfrac_scheme *s = rtfrac_presets_scheme(p, i);
        check_sourced("scheme", s->id, s->source, s->checked);
    }
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_PLAN); i++) {
        const rtfrac_plan *pl = rtfrac_presets_plan(p, i);
        check_sourced("plan", pl->id, pl->source, pl->checked);
    }
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_CONSTRAINTS); i++) {
        const rtfrac_constraint_set *s = rtfrac_presets_constraint_set(p, i);
        check_sourced("constraint set", s->id, s->source, s->checked);
        for (size_t k = 0; k < s->nconstraints; k++)
            check_sourced("constraint", s->constraints[k].id, s->constraints[k].source, s->constraints[k].checked);
    }
    for (size_t i = 0; i < rtfrac_presets_count(p, RTFRAC_PRESET_NTCP); i++) {
        const rtfrac_ntcp_params *n = rtfrac_presets_ntcp(p, i);
        check_sourced("ntcp", n->id, n->source, n->checked);
        assert_null(strstr(n->fractionation, "seen"));
    }
    /* the repopulation rates and their units (issue 11; see tissues.ini) */
    const rtfrac_tissue *hn = rtfrac_presets_find_tissue(p, "hn-scc");
    assert_int_equal(hn->dprolif_unit, RTFRAC_MODEL_RATE_EQD2);
    assert_rel(hn->dprolif_rate_gy_per_day, 0.69, 0.0);
    assert_int_equal(rtfrac_presets_find_tissue(p, "glioblastoma")->dprolif_unit, RTFRAC_MODEL_RATE_EQD2);
    assert_int_equal(rtfrac_presets_find_tissue(p, "hn-scc-withers")->dprolif_unit, RTFRAC_MODEL_RATE_EQD2);
    assert_int_equal(rtfrac_presets_find_tissue(p, "hn-mucosa")->dprolif_unit, RTFRAC_MODEL_RATE_BED);
    /* author list (issue 11) */
    assert_non_null(strstr(rtfrac_presets_find_tissue(p, "spinal-cord")->source, "Jones B, Klinge T, Hopewell JW"));
    rtfrac_presets_free(p);
}

/* The tissues the presets issue requires by name. */
static void test_required_tissues_exist(void **state)
{
    (void)state;
    static const char *ids[] = {
        "hcc", "liver", "stomach", "duodenum", "small-bowel", "large-bowel", "kidney",
        "spinal-cord", "oesophagus", "heart", "brain", "brainstem", "optic", "hn-scc",
        "hn-mucosa", "lung-tumour", "lung", "breast-tumour", "breast", "prostate", "rectum",
        "bladder", "skin-early", "skin-late", "bone", "melanoma",
    };
    rtfrac_presets *p = load_shipped();
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        if (rtfrac_presets_find_tissue(p, ids[i]) == NULL)
            print_error("missing tissue '%s'\n", ids[i]);
        assert_non_null(rtfrac_presets_find_tissue(p, ids[i]));
    }
    rtfrac_presets_free(p);
}

/* The founding plan: Cho et al., J Liver Cancer 2022;22(1):63-68. */
static void test_founding_plan(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_plan *pl = rtfrac_presets_find_plan(p, "hcc-sib-55-44");
    assert_non_null(pl);
    assert_int_equal(pl->fractions, 22);
    assert_int_equal(pl->ntargets, 2);
    assert_string_equal(pl->targets[0].label, "PTV-1");
    assert_rel(pl->targets[0].total_dose_gy, 55.0, 0.0);
    assert_string_equal(pl->targets[0].tissue, "hcc");
    assert_string_equal(pl->targets[1].label, "PTV-2");
    assert_rel(pl->targets[1].total_dose_gy, 44.0, 0.0);
    assert_true(pl->noars >= 1);
    assert_string_equal(pl->oars[0].label, "Liver");
    assert_string_equal(pl->oars[0].tissue, "liver");
    /* issue 11: the liver links to the Dawson 2002 primary hepatobiliary set,
     * at the line of its ntcp key; the cord links to none */
    assert_string_equal(pl->oars[0].ntcp, "liver-rild-primary-dawson");
    assert_true(pl->oars[0].ntcp_origin.line > pl->oars[0].origin.line);
    assert_string_equal(pl->oars[0].ntcp_origin.file, pl->origin.file);
    assert_non_null(rtfrac_presets_find_ntcp(p, pl->oars[0].ntcp));
    /* the Dawson 2002 liver sets were fitted on physical dose at 1.5 Gy
     * twice daily: D_eff at 1.5 Gy per fraction; the other sets keep 2 Gy */
    static const struct { const char *id; int has; double x; } refs[] = {
        { "liver-rild-primary-dawson", 1, 1.5 }, { "liver-rild-metastases-dawson", 1, 1.5 },
        { "rectum-late-grade2-quantec", 0, 2.0 }, { "lung-pneumonitis-seppenwoolde", 0, 2.0 },
        { "parotid-xerostomia-dijkema", 0, 2.0 },
    };
    for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
        const rtfrac_ntcp_params *np = rtfrac_presets_find_ntcp(p, refs[i].id);
        assert_non_null(np);
        assert_int_equal(np->has_reference_dose_per_fraction, refs[i].has);
        assert_rel(np->reference_dose_per_fraction_gy, refs[i].x, 0.0);
    }
    assert_true(pl->noars >= 2);
    assert_string_equal(pl->oars[1].ntcp, "");
    assert_non_null(strstr(pl->source, "J Liver Cancer 2022;22(1):63-68"));
    /* the targets' tissue gives the founding table's alpha/beta 10 Gy */
    const rtfrac_tissue *hcc = rtfrac_presets_find_tissue(p, "hcc");
    double bed = 0.0;
    assert_int_equal(rtfrac_lq_bed(55.0, 2.5, hcc->alpha_beta_gy, &bed), RTFRAC_OK);
    assert_abs(bed, 68.75, 1e-12);
    rtfrac_presets_free(p);
}

static void test_scheme_values(void **state)
{
    (void)state;
    rtfrac_presets *p = load_shipped();
    const rtfrac_scheme *s = rtfrac_presets_find_scheme(p, "fast-forward-26-5");
    assert_non_null(s);
    assert_rel(s->total_dose_gy, 26.0, 0.0);
    assert_int_equal(s->fractions, 5);
    assert_int_equal(s->calendar.per_week, 5);
    assert_int_equal(s->calendar.per_day, 1);
    assert_int_equal(s->calendar_has, 0);
    /* CHART: three fractions a day 6 h apart on 12 consecutive days
     * (Saunders M et al., Lancet 1997;350:161-165) */
    s = rtfrac_presets_find_scheme(p, "chart-54-36");
    assert_non_null(s);
    assert_int_equal(s->fractions, 36);
    assert_int_equal(s->calendar.per_week, 21);
    assert_int_equal(s->calendar.per_day, 3);
    assert_rel(s->calendar.interval_h, 6.0, 0.0);
    assert_int_equal(s->calendar_has, RTFRAC_CALENDAR_HAS_PER_WEEK | RTFRAC_CALENDAR_HAS_PER_DAY |
                                          RTFRAC_CALENDAR_HAS_INTERVAL);
    /* CONVERT twice daily, 6 h apart, 5 days a week */
    s = rtfrac_presets_find_scheme(p, "convert-45-30");
    assert_non_null(s);
    assert_int_equal(s->calendar.per_week, 10);
    assert_int_equal(s->calendar.per_day, 2);
    s = rtfrac_presets_find_scheme(p, "hypo-flame-35-5");
    assert_non_null(s);
    assert_int_equal(s->calendar.per_week, 1);
    rtfrac_presets_free(p);
}

static const char good_tissues[] =
    "; a comment\n"
    "[test-tumour]\n"
    "name = Test tumour\n"
    "kind = tumour\n"
    "alpha_beta = 1000 cGy\n"
    "alpha_beta_low = 8 Gy\n"
    "alpha_beta_high = 12 Gy\n"
    "alpha = 0.3 /Gy\n"
    "tk = 21 d\n"
    "tpot = 3 days\n"
    "dprolif = 0.9 Gy EQD2/d\n"
    "repair_half_time = 1.5 h\n"
    "evidence = clinical\n"
    "checked = Abstract\n"
    "endpoint = local control\n"
    "source = Author A, Journal 2000;1:1-2 (a long source that\n"
    "    continues on an indented line)\n"
    "\n"
    "[hcc]\n"
    "name = User HCC\n"
    "kind = tumour\n"
    "alpha_beta = 12 Gy\n"
    "source = user's own value\n";

static void test_parse_tissue_with_units_and_continuation(void **state)
{
    (void)state;
    clear_dir();
    write_file("tissues.ini", good_tissues);
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir(p, tmpdir, &d), RTFRAC_OK);
    const rtfrac_tissue *t = rtfrac_presets_find_tissue(p, "test-tumour");
    assert_non_null(t);
    assert_rel(t->alpha_beta_gy, 10.0, 1e-15); /* 1000 cGy */
    assert_rel(t->alpha_beta_low_gy, 8.0, 0.0);
    assert_rel(t->alpha_beta_high_gy, 12.0, 0.0);
    assert_rel(t->alpha_per_gy, 0.3, 0.0);
    assert_rel(t->tk_days, 21.0, 0.0);
    assert_rel(t->tpot_days, 3.0, 0.0);
    assert_rel(t->dprolif_rate_gy_per_day, 0.9, 0.0);
    assert_int_equal(t->dprolif_unit, RTFRAC_MODEL_RATE_EQD2);
    assert_rel(t->repair_half_time_h, 1.5, 0.0);
    assert_int_equal(t->has, RTFRAC_TISSUE_HAS_AB_INTERVAL | RTFRAC_TISSUE_HAS_ALPHA |
                                 RTFRAC_TISSUE_HAS_TK | RTFRAC_TISSUE_HAS_TPOT |
                                 RTFRAC_TISSUE_HAS_DPROLIF | RTFRAC_TISSUE_HAS_REPAIR_HALF_TIME);
    assert_string_equal(t->source,
                        "Author A, Journal 2000;1:1-2 (a long source that continues on an indented line)");
    assert_int_equal(t->origin.line, 2);
    assert_int_equal(t->kind, RTFRAC_TISSUE_TUMOUR);
    assert_int_equal(t->checked, RTFRAC_CHECKED_ABSTRACT); /* case ignored */
    assert_int_equal(rtfrac_presets_find_tissue(p, "hcc")->checked, RTFRAC_CHECKED_UNSTATED);
    rtfrac_presets_free(p);
}

/* A user directory loaded first overrides a shipped preset of that name. */
static void test_user_dir_overrides_shipped(void **state)
{
    (void)state;
    clear_dir();
    write_file("tissues.ini", good_tissues);
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir(p, tmpdir, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_presets_load_dir(p, RTFRAC_SOURCE_PRESET_DIR, &d), RTFRAC_OK);
    const rtfrac_tissue *t = rtfrac_presets_find_tissue(p, "hcc");
    assert_rel(t->alpha_beta_gy, 12.0, 0.0);
    assert_non_null(strstr(t->origin.file, tmpdir));
    assert_non_null(t->overrides);
    assert_non_null(strstr(t->overrides, "tissues.ini"));
    /* the shipped tissues the user did not redefine are still there */
    assert_non_null(rtfrac_presets_find_tissue(p, "liver"));
    assert_null(rtfrac_presets_find_tissue(p, "liver")->overrides);
    rtfrac_presets_free(p);
}

static void test_load_plan_file_by_path(void **state)
{
    (void)state;
    clear_dir();
    write_file("my-plan.ini",
               "[plan]\nname = Test plan\nfractions = 5\nsource = here\n"
               "[target GTV]\ntotal_dose = 4000 cGy\ntissue = liver\n"
               "[oar Duodenum]\ntissue = duodenum\n");
    rtfrac_presets *p = load_shipped();
    char path[512];
    const char *id = NULL;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    snprintf(path, sizeof(path), "%s/my-plan.ini", tmpdir);
    assert_int_equal(rtfrac_presets_load_file(p, RTFRAC_PRESET_PLAN, path, &id, &d), RTFRAC_OK);
    assert_string_equal(id, "my-plan");
    const rtfrac_plan *pl = rtfrac_presets_find_plan(p, "my-plan");
    assert_rel(pl->targets[0].total_dose_gy, 40.0, 1e-15);
    assert_int_equal(pl->calendar.per_week, 5);
    assert_int_equal(rtfrac_presets_check(p, &d), RTFRAC_OK);
    rtfrac_presets_free(p);
}

/* A file of `bytes` bytes of ';' comment lines of 64 bytes. */
static void write_comments(const char *rel, size_t bytes)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    for (size_t i = 0; i < bytes; i++)
        assert_int_not_equal(fputc(i % 64 == 63 ? '\n' : ';', fp), EOF);
    assert_int_equal(fclose(fp), 0);
}

/* The limits of a preset file: RTFRAC_PRESET_FILE_BYTES_MAX (a file at
 * the limit is read, one byte more is refused, naming it) and
 * RTFRAC_PRESET_LINE_MAX for a line far longer than any buffer; a FIFO in
 * a preset directory is skipped, not waited on, and listed. */
static void test_limits_and_special_files(void **state)
{
    (void)state;
    clear_dir();
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    char path[512];
    snprintf(path, sizeof(path), "%s/at.ini", tmpdir);
    write_comments("at.ini", RTFRAC_PRESET_FILE_BYTES_MAX);
    assert_int_equal(rtfrac_presets_load_file(p, RTFRAC_PRESET_TISSUE, path, NULL, &d), RTFRAC_OK);
    snprintf(path, sizeof(path), "%s/over.ini", tmpdir);
    write_comments("over.ini", RTFRAC_PRESET_FILE_BYTES_MAX + 1);
    assert_int_equal(rtfrac_presets_load_file(p, RTFRAC_PRESET_TISSUE, path, NULL, &d), RTFRAC_EPARSE);
    assert_non_null(strstr(d.message, "file is larger than 1048576 bytes, the limit of a preset file (RTFRAC_PRESET_FILE_BYTES_MAX)"));

    char *line = malloc(100001);
    assert_non_null(line);
    memset(line, 'x', 100000);
    line[100000] = '\0';
    snprintf(path, sizeof(path), "%s/long.ini", tmpdir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_true(fprintf(fp, "[t]\nname = %s\n", line) > 0);
    assert_int_equal(fclose(fp), 0);
    free(line);
    assert_int_equal(rtfrac_presets_load_file(p, RTFRAC_PRESET_TISSUE, path, NULL, &d), RTFRAC_EPARSE);
    assert_int_equal(d.line, 2);
    assert_non_null(strstr(d.message, "line is longer than 199 bytes"));
    rtfrac_presets_free(p);

    clear_dir();
    write_file("plans/ok.ini", "[plan]\nname = ok\nfractions = 5\nsource = here\n"
                               "[target GTV]\ntotal_dose = 40 Gy\ntissue = liver\n");
    snprintf(path, sizeof(path), "%s/plans/fifo.ini", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    snprintf(path, sizeof(path), "%s/tissues.ini", tmpdir);
    assert_int_equal(mkfifo(path, 0600), 0);
    p = rtfrac_presets_alloc();
    assert_int_equal(rtfrac_presets_load_dir(p, tmpdir, &d), RTFRAC_OK);
    assert_non_null(rtfrac_presets_find_plan(p, "ok"));
    assert_int_equal(rtfrac_presets_skipped_count(p), 2);
    const char *what = NULL;
    assert_string_equal(rtfrac_presets_skipped(p, 0, &what), path);
    assert_string_equal(what, "a FIFO");
    assert_non_null(strstr(rtfrac_presets_skipped(p, 1, NULL), "/plans/fifo.ini"));
    assert_null(rtfrac_presets_skipped(p, 2, &what));
    rtfrac_presets_free(p);
    clear_dir();
}

/* Broken fixtures: each gives RTFRAC_EPARSE at the right file:line. */
typedef struct broken {
    const char *file; /* relative to the fixture directory */
    const char *text;
    unsigned line;
    const char *contains;
} broken;

#define T_HEAD "[t]\nname = T\nkind = late\n"
#define T_TAIL "source = S\n"

static const broken broken_fixtures[] = {
    { "tissues.ini", T_HEAD "alpah_beta = 3 Gy\n" T_TAIL, 4, "alpah_beta: unknown key in [t]; accepted: name" },
    { "tissues.ini", "[t]\nname = T\nkind = late\nsource = S\n", 1, "alpha_beta: missing required key" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\n" T_TAIL "[t]\nname = U\n", 6, "[t]: duplicate section (first at line 1)" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\nalpha_beta = 4\n" T_TAIL, 5, "alpha_beta: duplicate key in [t] (first at line 4)" },
    { "tissues.ini", T_HEAD "alpha_beta = 3,5 Gy\n" T_TAIL, 4, "alpha_beta: ',' in a number is ambiguous" },
    { "tissues.ini", T_HEAD "alpha_beta = 3 Sv\n" T_TAIL, 4, "alpha_beta: unknown unit 'Sv'; accepted: Gy or cGy" },
    { "tissues.ini", T_HEAD "alpha_beta = 0 Gy\n" T_TAIL, 4, "alpha_beta: 0 Gy is out of range" },
    { "tissues.ini", T_HEAD "alpha_beta = nan\n" T_TAIL, 4, "alpha_beta: NaN and infinity are not accepted" },
    { "tissues.ini", T_HEAD "alpha_beta = 0.05 Gy\n" T_TAIL, 4, "alpha_beta: 0.05 Gy is out of range; accepted: from 0.1 to 100 Gy" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\ntk = 21 h\n" T_TAIL, 5, "tk: unknown unit 'h'; accepted: d (days)" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\nalpha_beta_low = 1\n" T_TAIL, 1, "needs both alpha_beta_low and alpha_beta_high" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\nalpha_beta_low = 4\nalpha_beta_high = 5\n" T_TAIL, 5, "does not contain alpha_beta 3 Gy" },
    { "tissues.ini", "[t]\nname = T\nkind = sideways\nalpha_beta = 3\n" T_TAIL, 3, "kind: unknown kind 'sideways'; accepted: tumour, early, late" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\nevidence = hearsay\n" T_TAIL, 5, "evidence: unknown value 'hearsay'" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = D90%\nlimit = 30 Gy\nbound = min\n", 9, "bound: 'min' is not a bound; accepted: upper, lower" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = D90%\nlimit = 30 Gy\nbound = lower\noptimal = 28 Gy\n", 10, "optimal: 28 Gy is below the minimum 30 Gy of a lower bound" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = D2cc\nlimit = 30 Gy\noptimal = 32 Gy\n", 9, "optimal: 32 Gy is above the mandatory limit 30 Gy" },
    /* neither a limit nor an aim: refused at the section's line, naming both keys */
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = D2cc\n", 5, "limit: [constraint a] has neither limit nor optimal; give limit (the mandatory limit), optimal (the planning aim) or both" },
    /* a re-irradiation limit is a limit: an aim alone is refused */
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nalpha_beta = 2 Gy\n[constraint a]\norgan = O\nmetric = course-bed\n", 5, "limit: missing required key in [constraint a] (a re-irradiation limit)" },
    /* an aim only is checked like any value: its unit, its range */
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = V20Gy\noptimal = 30\n", 8, "optimal: '30' is not a volume" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = D98%\nbound = lower\noptimal = 0 Gy\n", 9, "optimal: 0 Gy is out of range" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\ndprolif = 0.69 Gy/d\n" T_TAIL, 5, "dprolif: 'Gy/d' does not say whether the rate is BED or EQD2 per day in '0.69 Gy/d'; write e.g. '0.69 Gy EQD2/d'" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\ndprolif = 0.69\n" T_TAIL, 5, "dprolif: a repopulation rate without its unit is ambiguous in '0.69'; write e.g. '0.69 Gy EQD2/d' (dose in 2 Gy fractions per day" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\ndprolif = 0.69 Gy/day\n" T_TAIL, 5, "or '0.825 Gy BED/d' (BED per day, the K subtracted from BED)" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\ndprolif = 69 cGy EQD2/d\n" T_TAIL, 5, "dprolif: unknown unit of a repopulation rate (Gy only)" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\ndprolif = 0.69 Sv/d\n" T_TAIL, 5, "dprolif: unknown unit of a repopulation rate in" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\ndprolif = 11 Gy BED/d\n" T_TAIL, 5, "dprolif: 11 Gy BED/d is out of range; accepted: from 0 to 10 Gy BED/d" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\ndprolif = x Gy BED/d\n" T_TAIL, 5, "dprolif: " },
    { "tissues.ini", T_HEAD "alpha_beta = 3\nchecked = yes\n" T_TAIL, 5, "checked: unknown value 'yes'; accepted: primary (the full paper was read), abstract" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\nchecked =\n" T_TAIL, 5, "checked: empty value" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60\nfractions = 30\nsource = S\nchecked = read\n", 6, "checked: unknown value 'read'" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\nchecked = 1\n[target X]\ntotal_dose = 40\ntissue = liver\n", 5, "checked: unknown value '1'" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\nchecked = full\n[constraint a]\norgan = O\nmetric = mean\nlimit = 30 Gy\n", 5, "checked: unknown value 'full'" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = mean\nlimit = 30 Gy\nchecked = none\n", 9, "checked: unknown value 'none'" },
    { "ntcp.ini", "[n]\nname = N\norgan = O\nendpoint = E\nmodel = lkb\ntd50 = 40\nm = 0.1\nn = 1\nsource = S\nchecked = x\n", 10, "checked: unknown value 'x'" },
    { "ntcp.ini", "[n]\nname = N\norgan = O\nendpoint = E\nmodel = lkb\ntd50 = 40\nm = 0.1\nn = 1\nsource = S\nreference_dose_per_fraction = 0 Gy\n", 10, "reference_dose_per_fraction: 0 Gy is out of range; accepted: above 0 to 8 Gy" },
    { "ntcp.ini", "[n]\nname = N\norgan = O\nendpoint = E\nmodel = lkb\ntd50 = 40\nm = 0.1\nn = 1\nsource = S\nreference_dose_per_fraction = 12 Gy\n", 10, "reference_dose_per_fraction: 12 Gy is out of range" },
    { "ntcp.ini", "[n]\nname = N\norgan = O\nendpoint = E\nmodel = lkb\ntd50 = 40\nm = 0.1\nn = 1\nsource = S\nreference_dose_per_fraction = 1.5 fx\n", 10, "reference_dose_per_fraction: unknown unit 'fx'" },
    { "tissues.ini", "[Bad Name]\nname = T\nkind = late\nalpha_beta = 3\n" T_TAIL, 1, "[Bad Name]: invalid name" },
    { "tissues.ini", "name = T\n", 1, "name: key outside a section" },
    { "tissues.ini", T_HEAD "alpha_beta 3\n" T_TAIL, 4, "syntax error" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\n" T_TAIL "[empty]\n", 6, "[empty]: empty section" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\nsource = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", 5, "line is longer than 199 bytes" },
    { "tissues.ini", "[ t ]\nname = T\n", 1, "must not be empty or start or end with a space" },
    { "tissues.ini", T_HEAD "alpha_beta = 3\n" T_TAIL "[u ;v]\nname = U\n", 6, "syntax error" },
    { "tissues.ini", "[t]\n    name = T\n", 2, "no key came before it" },
    { "tissues.ini", "[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]\nname = T\n", 1, "longer than 49 bytes" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60 Gy\nfractions = 30.5\nsource = S\n", 4, "fractions: must be a whole number" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60 Gy\nfractions = 0\nsource = S\n", 4, "fractions: 0 is out of range" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60 fx\nfractions = 30\nsource = S\n", 3, "total_dose: unknown unit 'fx'" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60\nfractions = 30\nper_week = 30\nsource = S\n", 5, "per_week: fractions per week must be a multiple of the fractions per day, on at most 7 days a week" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60\nfractions = 30\nper_week = 100\nsource = S\n", 5, "per_week: 100 is out of range" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60\nfractions = 30\nper_day = 2\nsource = S\n", 5, "per_day: 2 fractions a day need 'interval'" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60\nfractions = 30\nper_day = 3\ninterval = 12 h\nsource = S\n", 6, "interval: 3 fractions 12 h apart do not fit into one day" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60\nfractions = 30\ninterval = 6 h\nsource = S\n", 5, "interval: goes with per_day = 2 or more" },
    { "schemes.ini", "[s]\nname = S\ntotal_dose = 60\nfractions = 30\nper_day = 2\nper_week = 5\ninterval = 6 h\nsource = S\n", 6, "per_week: fractions per week must be a multiple" },
    { "schemes.ini", "[s]\nname =\ntotal_dose = 60\nfractions = 30\nsource = S\n", 2, "name: empty value" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n", 1, "a plan needs at least one target" },
    { "plans/p.ini", "[target X]\ntotal_dose = 40\ntissue = liver\n", 1, "[plan]: missing section" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n[target]\ntotal_dose = 40\ntissue = liver\n", 5, "[target]: missing label" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n[targte X]\ntotal_dose = 40\n", 5, "[targte X]: unknown section in a plan" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n[target X]\ntotal_dose = 40\n", 5, "tissue: missing required key in [target X]" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n[target X]\ntotal_dose = 40\ntissue = nosuch\n", 5, "tissue: unknown tissue 'nosuch' for target X" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n[target X]\ntotal_dose = 40\ntissue = liver\n[oar X]\ntissue = liver\n", 8, "[oar X]: the label is also a target's (line 5)" },
    /* the [oar] ntcp key (issue 11): the set must exist (rtfrac_presets_check), at the key's line */
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n[target X]\ntotal_dose = 40\ntissue = liver\n[oar L]\ntissue = liver\nntcp = nosuch-set\n", 10, "ntcp: unknown NTCP set 'nosuch-set' for organ at risk L; see 'rtfrac presets list ntcp'" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n[target X]\ntotal_dose = 40\ntissue = liver\n[oar L]\nntcp = a b\ntissue = liver\n", 9, "ntcp: invalid NTCP set name 'a b'" },
    { "plans/p.ini", "[plan]\nname = P\nfractions = 5\nsource = S\n[target X]\ntotal_dose = 40\ntissue = liver\nntcp = liver-rild-primary-dawson\n", 8, "ntcp: unknown key in [target X]" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\n[constraint a]\norgan = O\nmetric = mean\nlimit = 30 Gy\n", 4, "does not say the fractionation" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = mean\nlimit = 30 Gy\noptimal = 35 Gy\n", 9, "optimal: 35 Gy is above the mandatory limit 30 Gy" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = D150%%\nlimit = 30 Gy\n", 7, "metric: unknown metric 'D150%%'" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = V20Gy\nlimit = 30\n", 8, "a V<x>Gy limit states its unit" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = V20Gy\nlimit = 30 %\noptimal = 20 cc\n", 9, "optimal: unit cc differs from the limit's (%)" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\ndose_per_fraction = 2 Gy\n[constraint a]\norgan = O\nmetric = max\nlimit = 30 Gy\n", 5, "give either fractions or dose_per_fraction" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constraint a]\norgan = O\nmetric = max\nlimit = 30 Gy\ntissue = nosuch\n", 5, "tissue: unknown tissue 'nosuch' for constraint a" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nfractions = 5\n[constrain a]\norgan = O\n", 5, "unknown section in a constraint set" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\n[constraint a]\norgan = O\nmetric = interval\nlimit = 6\n", 7, "limit: '6' is not an interval" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\n[constraint a]\norgan = O\nmetric = interval\nlimit = 6 d\n", 7, "an interval limit is a number of months" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\n[constraint a]\norgan = O\nmetric = interval\nlimit = -1 months\n", 7, "is not an interval" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\n[constraint a]\norgan = O\nmetric = cumulative-bed\nlimit = 135.5 Gy\n", 4, "alpha_beta: [constraint a] states a BED limit without the alpha/beta" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nalpha_beta = 2 Gy\n[constraint a]\norgan = O\nmetric = course-bed\nlimit = 98 Gy\noptimal = 90 Gy\n", 9, "optimal: not accepted for the re-irradiation metric 'course-bed'" },
    { "constraints/c.ini", "[set]\nname = C\nsource = S\nalpha_beta = 2 Gy\n[constraint a]\norgan = O\nmetric = cumulative-BED\nlimit = 98 Gy\n", 7, "for re-irradiation: cumulative-bed, course-bed, interval" },
};

static void test_broken_fixture(void **state)
{
    const broken *b = *state;
    clear_dir();
    /* the table writes "%%" so that messages with % read well in source */
    char text[1024];
    size_t j = 0;
    for (size_t i = 0; b->text[i] && j + 1 < sizeof(text); i++) {
        text[j++] = b->text[i];
        if (b->text[i] == '%' && b->text[i + 1] == '%')
            i++;
    }
    text[j] = '\0';
    write_file(b->file, text);
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    /* tissues for references come from the shipped directory */
    int rc = rtfrac_presets_load_dir(p, tmpdir, &d);
    if (rc == RTFRAC_OK && rtfrac_presets_load_dir(p, RTFRAC_SOURCE_PRESET_DIR, &d) == RTFRAC_OK)
        rc = rtfrac_presets_check(p, &d);
    char want_file[512], contains[256];
    snprintf(want_file, sizeof(want_file), "%s/%s", tmpdir, b->file);
    j = 0;
    for (size_t i = 0; b->contains[i] && j + 1 < sizeof(contains); i++) {
        contains[j++] = b->contains[i];
        if (b->contains[i] == '%' && b->contains[i + 1] == '%')
            i++;
    }
    contains[j] = '\0';
    if (rc != RTFRAC_EPARSE || d.line != b->line || strcmp(d.file, want_file) != 0 ||
        strstr(d.message, contains) == NULL)
        print_error("got rc %d %s:%u: %s\nwant %s:%u: ...%s...\n", rc, d.file, d.line, d.message,
                    want_file, b->line, contains);
    assert_int_equal(rc, RTFRAC_EPARSE);
    assert_string_equal(d.file, want_file);
    assert_int_equal(d.line, b->line);
    assert_non_null(strstr(d.message, contains));
    rtfrac_presets_free(p);
}

static void test_missing_dir_and_unreadable_file(void **state)
{
    (void)state;
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir(p, "/nonexistent/rtfrac", &d), RTFRAC_OK);
    assert_int_equal(rtfrac_presets_count(p, RTFRAC_PRESET_TISSUE), 0);
    assert_int_equal(rtfrac_presets_load_file(p, RTFRAC_PRESET_PLAN, "/nonexistent/p.ini", NULL, &d),
                     RTFRAC_EIO);
    assert_non_null(strstr(d.message, "cannot open"));
    assert_null(rtfrac_presets_find_tissue(p, "hcc"));
    rtfrac_presets_free(p);
    rtfrac_presets_free(NULL);
}

#define BIT(k) RTFRAC_PRESET_KIND_BIT(RTFRAC_PRESET_##k)

/* The closure of a set of kinds: the kinds their presets refer to, as
 * rtfrac_presets_check checks them (a plan's targets and organs name
 * tissues, an organ's ntcp key an NTCP set; an NTCP set and a constraint
 * name a tissue). */
static void test_kind_closure(void **state)
{
    (void)state;
    assert_int_equal(RTFRAC_PRESET_KINDS_ALL, BIT(TISSUE) | BIT(SCHEME) | BIT(PLAN) | BIT(CONSTRAINTS) |
                                                  BIT(NTCP) | BIT(ISOTOPE));
    assert_int_equal(rtfrac_presets_kind_closure(0), 0);
    assert_int_equal(rtfrac_presets_kind_closure(BIT(TISSUE)), BIT(TISSUE));
    assert_int_equal(rtfrac_presets_kind_closure(BIT(SCHEME)), BIT(SCHEME));
    assert_int_equal(rtfrac_presets_kind_closure(BIT(ISOTOPE)), BIT(ISOTOPE));
    assert_int_equal(rtfrac_presets_kind_closure(BIT(NTCP)), BIT(NTCP) | BIT(TISSUE));
    assert_int_equal(rtfrac_presets_kind_closure(BIT(CONSTRAINTS)), BIT(CONSTRAINTS) | BIT(TISSUE));
    assert_int_equal(rtfrac_presets_kind_closure(BIT(PLAN)), BIT(PLAN) | BIT(TISSUE) | BIT(NTCP));
    assert_int_equal(rtfrac_presets_kind_closure(BIT(SCHEME) | BIT(ISOTOPE)), BIT(SCHEME) | BIT(ISOTOPE));
    assert_int_equal(rtfrac_presets_kind_closure(RTFRAC_PRESET_KINDS_ALL), RTFRAC_PRESET_KINDS_ALL);
    assert_int_equal(rtfrac_presets_kind_closure(~0u), RTFRAC_PRESET_KINDS_ALL); /* other bits dropped */
    /* every set: the closure holds it, is closed, and is the union of its kinds' closures */
    for (unsigned m = 0; m <= RTFRAC_PRESET_KINDS_ALL; m++) {
        unsigned c = rtfrac_presets_kind_closure(m), u = 0;
        assert_int_equal(c & m, m);
        assert_int_equal(rtfrac_presets_kind_closure(c), c);
        for (unsigned k = 0; k < 6; k++)
            if (m & (1u << k))
                u |= rtfrac_presets_kind_closure(1u << k);
        assert_int_equal(c, u);
    }
}

/* A fixture directory with one file of every kind: a plan whose organ names
 * an NTCP set, an NTCP set and a constraint naming tissues, and a broken
 * schemes.ini and isotopes.ini. */
static void write_kinds_fixture(void)
{
    clear_dir();
    write_file("tissues.ini", "[t-tumour]\nname = T\nkind = tumour\nalpha_beta = 10 Gy\nsource = here\n"
                              "[t-organ]\nname = O\nkind = late\nalpha_beta = 3 Gy\nsource = here\n");
    write_file("schemes.ini", "[s-60-30]\nname = S\ntotal_dose = 60 Gy\nfractoins = 30\nsource = here\n");
    write_file("isotopes.ini", "[i-125]\nname = I-125\nhalf_life = -1 d\nsource = here\n");
    write_file("ntcp.ini", "[n-organ]\nname = N\norgan = O\nendpoint = E\nmodel = lkb\ntd50 = 40 Gy\n"
                           "m = 0.1\nn = 1\ntissue = t-organ\nsource = here\n");
    write_file("plans/p-one.ini", "[plan]\nname = P\nfractions = 5\nsource = here\n"
                                  "[target GTV]\ntotal_dose = 40 Gy\ntissue = t-tumour\n"
                                  "[oar Organ]\ntissue = t-organ\nntcp = n-organ\n");
    write_file("constraints/c-one.ini", "[set]\nname = C\nsource = here\nfractions = 5\n"
                                        "[constraint c-mean]\norgan = O\ntissue = t-organ\nmetric = mean\nlimit = 20 Gy\n");
}

/* Loading a subset of kinds reads only their closure's files: a broken file
 * of another kind is not read, and rtfrac_presets_check passes. */
static void test_load_dir_kinds_subset(void **state)
{
    (void)state;
    rtfrac_diag d;
    write_kinds_fixture();
    static const struct {
        unsigned kinds;
        size_t tissues, plans, sets, ntcps;
    } ok[] = {
        { 0, 0, 0, 0, 0 },
        { BIT(TISSUE), 2, 0, 0, 0 },
        { BIT(NTCP), 2, 0, 0, 1 },
        { BIT(PLAN), 2, 1, 0, 1 },
        { BIT(CONSTRAINTS), 2, 0, 1, 0 },
        { BIT(PLAN) | BIT(CONSTRAINTS), 2, 1, 1, 1 },
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        rtfrac_presets *p = rtfrac_presets_alloc();
        rtfrac_diag_clear(&d);
        int rc = rtfrac_presets_load_dir_kinds(p, tmpdir, ok[i].kinds, &d);
        if (rc != RTFRAC_OK)
            print_error("kinds 0x%x: %s:%u: %s\n", ok[i].kinds, d.file, d.line, d.message);
        assert_int_equal(rc, RTFRAC_OK);
        assert_int_equal(rtfrac_presets_loaded_kinds(p), rtfrac_presets_kind_closure(ok[i].kinds));
        assert_int_equal(rtfrac_presets_count(p, RTFRAC_PRESET_TISSUE), ok[i].tissues);
        assert_int_equal(rtfrac_presets_count(p, RTFRAC_PRESET_SCHEME), 0);
        assert_int_equal(rtfrac_presets_count(p, RTFRAC_PRESET_ISOTOPE), 0);
        assert_int_equal(rtfrac_presets_count(p, RTFRAC_PRESET_PLAN), ok[i].plans);
        assert_int_equal(rtfrac_presets_count(p, RTFRAC_PRESET_CONSTRAINTS), ok[i].sets);
        assert_int_equal(rtfrac_presets_count(p, RTFRAC_PRESET_NTCP), ok[i].ntcps);
        /* one file per kind read (the tool refuses to write over them) */
        size_t nfiles = (ok[i].tissues > 0) + (ok[i].plans > 0) + (ok[i].sets > 0) + (ok[i].ntcps > 0);
        assert_int_equal(rtfrac_presets_file_count(p), nfiles);
        assert_int_equal(rtfrac_presets_check(p, &d), RTFRAC_OK);
        rtfrac_presets_free(p);
    }
    /* the broken files are refused by every load that reads them, at their line */
    static const struct {
        unsigned kinds;
        const char *file;
        unsigned line;
    } bad[] = {
        { BIT(SCHEME), "schemes.ini", 4 },
        { BIT(ISOTOPE), "isotopes.ini", 3 },
        { BIT(TISSUE) | BIT(ISOTOPE), "isotopes.ini", 3 },
        { RTFRAC_PRESET_KINDS_ALL, "schemes.ini", 4 },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char want[512];
        rtfrac_presets *p = rtfrac_presets_alloc();
        rtfrac_diag_clear(&d);
        assert_int_equal(rtfrac_presets_load_dir_kinds(p, tmpdir, bad[i].kinds, &d), RTFRAC_EPARSE);
        snprintf(want, sizeof(want), "%s/%s", tmpdir, bad[i].file);
        assert_string_equal(d.file, want);
        assert_int_equal(d.line, bad[i].line);
        assert_int_equal(rtfrac_presets_loaded_kinds(p), 0);
        rtfrac_presets_free(p);
    }
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir(p, tmpdir, &d), RTFRAC_EPARSE); /* every kind */
    assert_non_null(strstr(d.file, "schemes.ini"));
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir_kinds(p, tmpdir, RTFRAC_PRESET_KINDS_ALL + 1, &d), RTFRAC_EINVAL);
    assert_non_null(strstr(d.message, "not a set of preset kinds"));
    rtfrac_presets_free(p);
}

/* The shipped presets: a subset holds the same values as the whole, and
 * each kind's closure passes rtfrac_presets_check; load_dir reads every kind. */
static void test_load_dir_kinds_shipped(void **state)
{
    (void)state;
    rtfrac_presets *all = load_shipped();
    rtfrac_diag d;
    assert_int_equal(rtfrac_presets_loaded_kinds(all), RTFRAC_PRESET_KINDS_ALL);
    for (unsigned k = 0; k < 6; k++) {
        rtfrac_presets *p = rtfrac_presets_alloc();
        unsigned closure = rtfrac_presets_kind_closure(1u << k);
        rtfrac_diag_clear(&d);
        assert_int_equal(rtfrac_presets_load_dir_kinds(p, RTFRAC_SOURCE_PRESET_DIR, 1u << k, &d), RTFRAC_OK);
        assert_int_equal(rtfrac_presets_check(p, &d), RTFRAC_OK);
        for (unsigned j = 0; j < 6; j++)
            assert_int_equal(rtfrac_presets_count(p, (rtfrac_preset_kind)j),
                             (closure & (1u << j)) ? rtfrac_presets_count(all, (rtfrac_preset_kind)j) : 0);
        rtfrac_presets_free(p);
    }
    rtfrac_presets *t = rtfrac_presets_alloc();
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir_kinds(t, RTFRAC_SOURCE_PRESET_DIR, BIT(TISSUE), &d), RTFRAC_OK);
    assert_int_equal(rtfrac_presets_file_count(t), 1);
    assert_non_null(strstr(rtfrac_presets_file(t, 0), "tissues.ini"));
    for (size_t i = 0; i < rtfrac_presets_count(all, RTFRAC_PRESET_TISSUE); i++) {
        const rtfrac_tissue *a = rtfrac_presets_tissue(all, i), *b = rtfrac_presets_tissue(t, i);
        assert_string_equal(a->id, b->id);
        assert_memory_equal(&a->alpha_beta_gy, &b->alpha_beta_gy, sizeof(double));
        assert_int_equal(a->origin.line, b->origin.line);
    }
    rtfrac_presets_free(t);
    rtfrac_presets_free(all);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(rtfrac_presets_tissue_kind_name(RTFRAC_TISSUE_EARLY), "early");
    assert_string_equal(rtfrac_presets_evidence_name(RTFRAC_EVIDENCE_CONVENTION), "convention");
    assert_string_equal(rtfrac_presets_limit_unit_name(RTFRAC_LIMIT_CC), "cc");
    assert_string_equal(rtfrac_presets_kind_name(RTFRAC_PRESET_CONSTRAINTS), "constraints");
    static const char *const checked[] = { "primary", "abstract", "secondary", "convention" };
    for (int i = 0; i < 4; i++) {
        rtfrac_checked c = RTFRAC_CHECKED_UNSTATED;
        assert_string_equal(rtfrac_presets_checked_name((rtfrac_checked)(i + 1)), checked[i]);
        assert_int_equal(rtfrac_presets_checked_parse(checked[i], &c), RTFRAC_OK);
        assert_int_equal(c, i + 1);
    }
    rtfrac_checked c = RTFRAC_CHECKED_PRIMARY;
    assert_string_equal(rtfrac_presets_checked_name(RTFRAC_CHECKED_UNSTATED), "");
    assert_string_equal(rtfrac_presets_checked_name((rtfrac_checked)99), "");
    assert_int_equal(rtfrac_presets_checked_parse("", &c), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_presets_checked_parse("verified", &c), RTFRAC_EINVAL);
    assert_int_equal(c, RTFRAC_CHECKED_PRIMARY);
}

static void test_constraint_inherits_set(void **state)
{
    (void)state;
    clear_dir();
    write_file("constraints/c.ini",
               "[set]\nname = C\nsource = Set source\ndose_per_fraction = 2 Gy\nalpha_beta = 3 Gy\n"
               "checked = secondary\n"
               "[constraint a]\norgan = Liver\nmetric = mean\nlimit = 3000 cGy\noptimal = 28 Gy\n"
               "[constraint b]\norgan = Lung\nmetric = V20Gy\nlimit = 35 %\nfractions = 5\n"
               "alpha_beta = 4 Gy\nsource = Own source\nchecked = primary\n"
               "[constraint c]\norgan = Cord\nmetric = D0.03cc\nlimit = 45 Gy\n"
               "[constraint d]\norgan = HR-CTV\nmetric = D90%\nbound = lower\nlimit = 85 Gy\noptimal = 90 Gy\n");
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir(p, tmpdir, &d), RTFRAC_OK);
    const rtfrac_constraint_set *s = rtfrac_presets_find_constraint_set(p, "c");
    assert_non_null(s);
    assert_int_equal(s->nconstraints, 4);
    const rtfrac_constraint *a = &s->constraints[0], *b = &s->constraints[1], *c = &s->constraints[2];
    assert_false(a->lower_bound); /* bound = upper is the default */
    assert_true(s->constraints[3].lower_bound);
    assert_rel(s->constraints[3].optimal, 90.0, 0.0);
    assert_rel(a->limit, 30.0, 1e-15);
    assert_int_equal(a->unit, RTFRAC_LIMIT_GY);
    assert_true(a->has_optimal);
    assert_rel(a->dose_per_fraction_gy, 2.0, 0.0);
    assert_int_equal(a->fractions, 0);
    assert_rel(a->alpha_beta_gy, 3.0, 0.0);
    assert_string_equal(a->source, "Set source");
    assert_int_equal(b->metric, RTFRAC_METRIC_V_GY);
    assert_rel(b->metric_x, 20.0, 0.0);
    assert_int_equal(b->unit, RTFRAC_LIMIT_PERCENT);
    assert_int_equal(b->fractions, 5);
    assert_rel(b->dose_per_fraction_gy, 0.0, 0.0);
    assert_rel(b->alpha_beta_gy, 4.0, 0.0);
    assert_string_equal(b->source, "Own source");
    assert_int_equal(c->metric, RTFRAC_METRIC_D_CC);
    assert_rel(c->metric_x, 0.03, 0.0);
    assert_int_equal(s->checked, RTFRAC_CHECKED_SECONDARY);
    assert_int_equal(a->checked, RTFRAC_CHECKED_SECONDARY); /* the set's */
    assert_int_equal(b->checked, RTFRAC_CHECKED_PRIMARY);   /* its own */
    rtfrac_presets_free(p);
}

/* An aim without a limit (`optimal` only): accepted, aim_only set, the
 * unit the optimal's; a constraint with a limit is never aim_only. */
static void test_constraint_aim_only(void **state)
{
    (void)state;
    clear_dir();
    write_file("constraints/c.ini",
               "[set]\nname = C\nsource = S\ndose_per_fraction = 2 Gy\n"
               "[constraint ir]\norgan = IR-CTV\nmetric = D98%\nbound = lower\noptimal = 60 Gy\nalpha_beta = 10 Gy\n"
               "[constraint v]\norgan = Lung\nmetric = V20Gy\noptimal = 25 %\nalpha_beta = 3 Gy\n"
               "[constraint both]\norgan = Rectum\nmetric = D2cc\nlimit = 75 Gy\noptimal = 65 Gy\nalpha_beta = 3 Gy\n"
               "[constraint lim]\norgan = Rectum\nmetric = D2cc\nlimit = 75 Gy\nalpha_beta = 3 Gy\n");
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir(p, tmpdir, &d), RTFRAC_OK);
    const rtfrac_constraint_set *s = rtfrac_presets_find_constraint_set(p, "c");
    assert_non_null(s);
    assert_int_equal(s->nconstraints, 4);
    const rtfrac_constraint *ir = &s->constraints[0], *v = &s->constraints[1];
    assert_true(ir->aim_only);
    assert_true(ir->has_optimal);
    assert_true(ir->lower_bound);
    assert_rel(ir->optimal, 60.0, 0.0);
    assert_rel(ir->limit, 0.0, 0.0);
    assert_int_equal(ir->unit, RTFRAC_LIMIT_GY);
    assert_true(v->aim_only);
    assert_int_equal(v->unit, RTFRAC_LIMIT_PERCENT);
    assert_rel(v->optimal, 25.0, 0.0);
    assert_false(s->constraints[2].aim_only);
    assert_true(s->constraints[2].has_optimal);
    assert_false(s->constraints[3].aim_only);
    assert_false(s->constraints[3].has_optimal);
    rtfrac_presets_free(p);
}

/* Re-irradiation limits: a BED at the set's alpha/beta and an interval in
 * months, with no fractionation. */
static void test_reirr_constraints(void **state)
{
    (void)state;
    clear_dir();
    write_file("constraints/r.ini",
               "[set]\nname = R\nsource = S\nalpha_beta = 2 Gy\n"
               "[constraint c]\norgan = Cord\nmetric = cumulative-bed\nlimit = 135.5 Gy\n"
               "[constraint i]\norgan = Cord\nmetric = interval\nlimit = 6.5 months\n");
    rtfrac_presets *p = rtfrac_presets_alloc();
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    assert_int_equal(rtfrac_presets_load_dir(p, tmpdir, &d), RTFRAC_OK);
    const rtfrac_constraint_set *s = rtfrac_presets_find_constraint_set(p, "r");
    assert_non_null(s);
    assert_int_equal(s->constraints[0].metric, RTFRAC_METRIC_CUMULATIVE_BED);
    assert_rel(s->constraints[0].limit, 135.5, 0.0);
    assert_int_equal(s->constraints[0].unit, RTFRAC_LIMIT_GY);
    assert_int_equal(s->constraints[0].fractions, 0);
    assert_rel(s->constraints[0].alpha_beta_gy, 2.0, 0.0);
    assert_int_equal(s->constraints[1].metric, RTFRAC_METRIC_INTERVAL);
    assert_rel(s->constraints[1].limit, 6.5, 0.0);
    assert_int_equal(s->constraints[1].unit, RTFRAC_LIMIT_MONTHS);
    assert_string_equal(rtfrac_presets_limit_unit_name(RTFRAC_LIMIT_MONTHS), "months");
    /* the DVH functions refuse them */
    rtfrac_model lq;
    rtfrac_constraint_conversion cv;
    rtfrac_model_init(&lq);
    assert_int_equal(rtfrac_constraint_convert(&lq, &s->constraints[0], 2.0, 5, &cv), RTFRAC_EINVAL);
    rtfrac_presets_free(p);
}

#define N_BROKEN (sizeof(broken_fixtures) / sizeof(broken_fixtures[0]))

int main(void)
{
    static char names[N_BROKEN][160];
    struct CMUnitTest tests[N_BROKEN + 24];
    size_t nt = 0;

    gsl_set_error_handler_off();
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_shipped_presets_load_with_sources),
        cmocka_unit_test(test_required_tissues_exist),
        cmocka_unit_test(test_shipped_presets_source_and_checked),
        cmocka_unit_test(test_founding_plan),
        cmocka_unit_test(test_scheme_values),
        cmocka_unit_test(test_parse_tissue_with_units_and_continuation),
        cmocka_unit_test(test_user_dir_overrides_shipped),
        cmocka_unit_test(test_load_plan_file_by_path),
        cmocka_unit_test(test_limits_and_special_files),
        cmocka_unit_test(test_missing_dir_and_unreadable_file),
        cmocka_unit_test(test_kind_closure),
        cmocka_unit_test(test_load_dir_kinds_subset),
        cmocka_unit_test(test_load_dir_kinds_shipped),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_constraint_inherits_set),
        cmocka_unit_test(test_constraint_aim_only),
        cmocka_unit_test(test_reirr_constraints),
    };
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        tests[nt++] = fixed[i];
    for (size_t i = 0; i < N_BROKEN; i++, nt++) {
        snprintf(names[nt - sizeof(fixed) / sizeof(fixed[0])], sizeof(names[0]),
                 "broken %s: line %u: %.80s", broken_fixtures[i].file, broken_fixtures[i].line,
                 broken_fixtures[i].contains);
        tests[nt] = (struct CMUnitTest){ names[nt - sizeof(fixed) / sizeof(fixed[0])],
                                         test_broken_fixture, NULL, NULL,
                                         (void *)&broken_fixtures[i] };
    }
    return _cmocka_run_group_tests("preset", tests, nt, setup, teardown);
}
