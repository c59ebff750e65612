/* Unit tests of the batch reader (include/rtfrac/batch.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define REL 1e-12

static rtfrac_presets *presets;

static int setup(void **state)
{
    (void)state;
    rtfrac_diag d;
    presets = rtfrac_presets_alloc();
    return presets == NULL || rtfrac_presets_load_dir(presets, RTFRAC_SOURCE_PRESET_DIR, &d) != RTFRAC_OK;
}

static int teardown(void **state)
{
    (void)state;
    rtfrac_presets_free(presets);
    return 0;
}

static int header(const char *text, rtfrac_batch_header *h, rtfrac_diag *d)
{
    rtfrac_diag_clear(d);
    return rtfrac_batch_header_parse(text, strlen(text), h, d);
}

/* Parse one row under a header; base options plain LQ (time as the header says). */
static int row(const char *head, const char *line, rtfrac_batch_row *r, rtfrac_diag *d)
{
    rtfrac_batch_header h;
    rtfrac_row_options base;
    assert_int_equal(header(head, &h, d), RTFRAC_OK);
    rtfrac_row_options_init(&base);
    base.time = rtfrac_batch_header_time(&h);
    rtfrac_diag_clear(d);
    return rtfrac_batch_row_parse(&h, line, strlen(line), presets, &base, r, d);
}

static void test_header_valid(void **state)
{
    (void)state;
    rtfrac_batch_header h;
    rtfrac_diag d;
    assert_int_equal(header("label,prescription,alpha_beta_gy", &h, &d), RTFRAC_OK);
    assert_int_equal(h.nfields, 3);
    assert_int_equal(h.field[RTFRAC_BATCH_LABEL], 0);
    assert_int_equal(h.field[RTFRAC_BATCH_ALPHA_BETA_GY], 2);
    assert_int_equal(h.field[RTFRAC_BATCH_TISSUE], -1);
    assert_false(rtfrac_batch_header_time(&h));
    /* any order, spaces, quotes, a byte order mark */
    assert_int_equal(header("\xEF\xBB\xBF tissue , \"fractions\",total_dose_gy,label,tk_days", &h, &d), RTFRAC_OK);
    assert_int_equal(h.field[RTFRAC_BATCH_TISSUE], 0);
    assert_int_equal(h.field[RTFRAC_BATCH_FRACTIONS], 1);
    assert_true(rtfrac_batch_header_time(&h));
    assert_string_equal(rtfrac_batch_column_name(RTFRAC_BATCH_DPROLIF_GY_BED_PER_DAY), "dprolif_gy_bed_per_day");
    assert_string_equal(rtfrac_batch_column_name(RTFRAC_BATCH_DPROLIF_GY_EQD2_PER_DAY), "dprolif_gy_eqd2_per_day");
    assert_string_equal(rtfrac_batch_column_name(RTFRAC_BATCH_NCOLUMNS), "");
}

/* Each invalid header with its code and column. */
static void test_header_invalid(void **state)
{
    (void)state;
    static const struct { const char *text; unsigned column; const char *says; } cases[] = {
        { "label,prescripton,alpha_beta_gy", 7, "unknown column 'prescripton'" },
        /* issue 11: a repopulation rate names its unit, in a column name too */
        { "label,prescription,alpha_beta_gy,dprolif_gy_per_day", 34, "name it dprolif_gy_bed_per_day or dprolif_gy_eqd2_per_day" },
        { "label,prescription,alpha_beta_gy,dprolif", 34, "whether K is BED or EQD2 per day" },
        { "label,prescription,alpha_beta_gy,label", 34, "given twice" },
        { "prescription,alpha_beta_gy", 1, "no 'label'" },
        { "label,prescription,total_dose_gy,fractions,tissue", 1, "both" },
        { "label,total_dose_gy,tissue", 1, "no 'prescription'" },
        { "label,prescription", 1, "no 'alpha_beta_gy' or 'tissue'" },
        { "label,\"prescription,alpha_beta_gy", 7, "quote not closed" },
        { "label,\"prescription\"x,alpha_beta_gy", 21, "text after a closing quote" },
        { "label,pre\"scription,alpha_beta_gy", 10, "quote inside" },
        { "label,prescription,alpha_beta_gy\r", 33, "control character" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rtfrac_batch_header h;
        rtfrac_diag d;
        assert_int_equal(header(cases[i].text, &h, &d), RTFRAC_EPARSE);
        assert_int_equal(d.column, cases[i].column);
        assert_non_null(strstr(d.message, cases[i].says));
    }
    /* more than RTFRAC_BATCH_FIELDS_MAX fields, a line over RTFRAC_BATCH_LINE_MAX */
    char many[4 * RTFRAC_BATCH_FIELDS_MAX + 8] = "label";
    for (int i = 0; i < RTFRAC_BATCH_FIELDS_MAX; i++)
        strcat(many, ",x");
    rtfrac_batch_header h;
    rtfrac_diag d;
    assert_int_equal(header(many, &h, &d), RTFRAC_EPARSE);
    assert_non_null(strstr(d.message, "more than"));
    static char longline[RTFRAC_BATCH_LINE_MAX + 2];
    memset(longline, 'a', sizeof(longline) - 1);
    assert_int_equal(header(longline, &h, &d), RTFRAC_EPARSE);
    assert_non_null(strstr(d.message, "longer than"));
}

/* The founding case (Cho et al., J Liver Cancer 2022;22(1):63-68, as in
 * test_lq.c): PTV-1 55 Gy / 22 at a/b 10: BED 68.75 Gy, EQD2 57.29 Gy;
 * every spelling of the same prescription gives the same row. */
static void test_rows_founding_case(void **state)
{
    (void)state;
    static const struct { const char *head, *line; } cases[] = {
        { "label,prescription,alpha_beta_gy", "PTV-1,55/22,10" },
        { "label,prescription,alpha_beta_gy", "PTV-1,\"55 Gy in 22 fractions\",10" },
        { "label,prescription,alpha_beta_gy", " PTV-1 , 5500cGy/22fx , 10 Gy " },
        { "label,prescription,alpha_beta_gy", "PTV-1,22x2.5,1000 cGy" },
        { "label,total_dose_gy,fractions,alpha_beta_gy", "PTV-1,55,22,10" },
        { "alpha_beta_gy,fractions,label,total_dose_gy,tissue", "10,22,PTV-1,5500 cGy," },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rtfrac_batch_row r;
        rtfrac_batch_result res;
        rtfrac_diag d;
        assert_int_equal(row(cases[i].head, cases[i].line, &r, &d), RTFRAC_OK);
        assert_string_equal(r.label, "PTV-1");
        assert_int_equal(r.rx.fractions, 22);
        assert_rel(r.rx.total_dose_gy, 55.0, REL);
        assert_int_equal(r.input.ab_from, RTFRAC_ROW_AB_GIVEN);
        assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_OK);
        assert_abs(res.range.estimate.bed_gy, 68.75, 0.005);
        assert_abs(res.range.estimate.eqd2_gy, 57.29, 0.005);
        /* closed form: D (1 + d/(a/b)), BED / (1 + 2/(a/b)) */
        assert_rel(res.range.estimate.bed_gy, 55.0 * (1.0 + 2.5 / 10.0), REL);
        assert_rel(res.range.estimate.eqd2_gy, 68.75 / 1.2, REL);
        assert_false(res.has_eqdx);
    }
}

/* A tissue preset, a scheme preset, the reference dose: Hoffman KE et al.
 * J Clin Oncol 2018;36(29):2943-2949, abstract: 72 Gy in 2.4 Gy fractions
 * is "biologically equivalent to 85 Gy in 1.8-Gy fractions" at a/b 1.5. */
static void test_rows_presets_and_ref(void **state)
{
    (void)state;
    rtfrac_batch_row r;
    rtfrac_batch_result res;
    rtfrac_diag d;
    assert_int_equal(row("label,prescription,alpha_beta_gy,ref_dose_gy", "HIMRT,30x2.4,1.5,1.8", &r, &d), RTFRAC_OK);
    assert_true(r.has_ref);
    assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_OK);
    assert_true(res.has_eqdx);
    assert_abs(res.eqdx_gy, 85.0, 0.5);
    assert_rel(res.eqdx_gy, 72.0 * (2.4 + 1.5) / (1.8 + 1.5), REL);
    /* an empty ref_dose_gy cell: the default, here none */
    assert_int_equal(row("label,prescription,alpha_beta_gy,ref_dose_gy", "HIMRT,30x2.4,1.5,", &r, &d), RTFRAC_OK);
    assert_false(r.has_ref);
    assert_int_equal(rtfrac_batch_row_compute(&r, 1.8, &res, &d), RTFRAC_OK);
    assert_true(res.has_eqdx);
    assert_rel(res.eqdx_gy, 72.0 * (2.4 + 1.5) / (1.8 + 1.5), REL);
    /* a tissue preset: its alpha/beta */
    const rtfrac_tissue *liver = rtfrac_presets_find_tissue(presets, "liver");
    assert_non_null(liver);
    assert_int_equal(row("label,prescription,alpha_beta_gy,tissue", "L,55/22,,liver", &r, &d), RTFRAC_OK);
    assert_int_equal(r.input.ab_from, RTFRAC_ROW_AB_TISSUE);
    assert_ptr_equal(r.input.tissue, liver);
    assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_OK);
    assert_rel(res.range.estimate.bed_gy, 55.0 * (1.0 + 2.5 / liver->alpha_beta_gy), REL);
    /* a scheme: its dose, fractions and calendar */
    const rtfrac_scheme *s = rtfrac_presets_find_scheme(presets, "chart-54-36");
    assert_non_null(s);
    assert_int_equal(row("label,prescription,alpha_beta_gy", "CHART,@chart-54-36,10", &r, &d), RTFRAC_OK);
    assert_ptr_equal(r.scheme, s);
    assert_int_equal(r.rx.fractions, 36);
    assert_ptr_equal(r.input.schedule_calendar, &s->calendar);
}

/* The time columns: 70 Gy / 35 at a/b 10, Tk 21 d, K 0.9 Gy/d over
 * T = 46 days (35 weekday fractions from a Monday): BED = 84 - 0.9 (46 - 21)
 * = 61.5 Gy (Fowler JF, Br J Radiol 1989;62:679-694, the formula). */
static void test_rows_time(void **state)
{
    (void)state;
    rtfrac_batch_row r;
    rtfrac_batch_result res;
    rtfrac_diag d;
    const char *head = "label,prescription,alpha_beta_gy,tissue,tk_days,dprolif_gy_bed_per_day,overall_time_days";
    assert_int_equal(row(head, "A,70/35,10,,21,0.9,", &r, &d), RTFRAC_OK);
    assert_true(r.options.time);
    assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_OK);
    assert_rel(res.range.estimate.overall_time_days, 46.0, REL);
    assert_rel(res.range.estimate.bed_gy, 84.0 - 0.9 * 25.0, REL);
    /* overall time given */
    assert_int_equal(row(head, "A,70/35,10,,21,0.9,40 days", &r, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_OK);
    assert_rel(res.range.estimate.bed_gy, 84.0 - 0.9 * 19.0, REL);
    /* a late-responding tissue gets no correction from the columns */
    assert_int_equal(row(head, "L,70/35,,liver,21,0.9,", &r, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_OK);
    assert_int_equal(res.row.time, RTFRAC_ROW_TIME_LATE_NONE);
    /* repopulation beyond the dose: refused with the reason */
    assert_int_equal(row(head, "A,60/30,10,,0,10,3650", &r, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_EREPOP);
    assert_non_null(strstr(d.message, "repopulation exceeds the dose"));
    /* Tk missing for a typed alpha/beta: refused by the rule */
    assert_int_equal(row(head, "A,60/30,10,,,0.9,", &r, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_EDOM);
    /* a rate out of range is refused in its column's unit, BED or EQD2 per day */
    assert_int_equal(row(head, "A,60/30,10,,21,11,", &r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "0 to 10 Gy BED/d"));
    const char *eqd2 = "label,prescription,alpha_beta_gy,tk_days,dprolif_gy_eqd2_per_day";
    assert_int_equal(row(eqd2, "A,60/30,10,21,11", &r, &d), RTFRAC_EDOM);
    assert_non_null(strstr(d.message, "0 to 10 Gy EQD2/d"));
    /* an EQD2 rate becomes K_BED = K_EQD2 (1 + 2/(a/b)): 0.75 Gy EQD2/d at
     * a/b 10 is 0.9 Gy BED/d, the first row's BED again */
    assert_int_equal(row(eqd2, "A,70/35,10,21,0.75", &r, &d), RTFRAC_OK);
    assert_int_equal(rtfrac_batch_row_compute(&r, 0.0, &res, &d), RTFRAC_OK);
    assert_rel(res.range.estimate.bed_gy, 84.0 - 0.9 * 25.0, REL);
}

/* Each invalid row with its code and the column of the field in error. */
static void test_rows_invalid(void **state)
{
    (void)state;
    static const char *head = "label,prescription,alpha_beta_gy,tissue,ref_dose_gy";
    static const struct { const char *line; int rc; unsigned column; const char *says; } cases[] = {
        { "A,55/0,10,,", RTFRAC_EPARSE, 6, "column prescription" },
        { "A,,10,,", RTFRAC_EPARSE, 3, "column prescription: empty" },
        { ",55/22,10,,", RTFRAC_EPARSE, 1, "column label: empty" },
        { "A,X=55/22,10,,", RTFRAC_EPARSE, 3, "label inside" },
        { "A,55/22,10,liver,", RTFRAC_EDOM, 12, "both" },
        { "A,55/22,,,", RTFRAC_EDOM, 9, "neither" },
        { "A,55/22,0.05,,", RTFRAC_EDOM, 9, "out of range" },
        { "A,55/22,1,5,,", RTFRAC_EPARSE, 14, "6 fields" },
        { "A,55/22,10", RTFRAC_EPARSE, 9, "3 fields" },
        { "A,55/22,,nosuch,", RTFRAC_ENOTFOUND, 10, "unknown tissue" },
        { "A,@nosuch,10,,", RTFRAC_ENOTFOUND, 3, "unknown scheme" },
        { "A,55/22,10,,-1", RTFRAC_EDOM, 13, "column ref_dose_gy" },
        { "A,55/22,10,,2 days", RTFRAC_EPARSE, 15, "column ref_dose_gy" },
        { "A,55/22,1\xc2\x85,,", RTFRAC_EPARSE, 10, "column alpha_beta_gy" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rtfrac_batch_row r;
        rtfrac_diag d;
        int rc = row(head, cases[i].line, &r, &d);
        if (rc != cases[i].rc || d.column != cases[i].column || strstr(d.message, cases[i].says) == NULL)
            fail_msg("'%s': rc %d column %u '%s'", cases[i].line, rc, d.column, d.message);
    }
    rtfrac_batch_row r;
    rtfrac_diag d;
    assert_int_equal(row("label,total_dose_gy,fractions,alpha_beta_gy", "A,55,22.5,10", &r, &d), RTFRAC_EDOM);
    assert_int_equal(row("label,total_dose_gy,fractions,alpha_beta_gy", "A,0,22,10", &r, &d), RTFRAC_EDOM);
    assert_int_equal(row("label,total_dose_gy,fractions,alpha_beta_gy", "A,55,10001,10", &r, &d), RTFRAC_EDOM);
    assert_int_equal(row("label,prescription,alpha_beta_gy",
                         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,55/22,10", &r, &d),
                     RTFRAC_EPARSE);
    assert_true(rtfrac_batch_line_blank(" \t ", 3));
    assert_false(rtfrac_batch_line_blank(" x ", 3));
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_valid),
        cmocka_unit_test(test_header_invalid),
        cmocka_unit_test(test_rows_founding_case),
        cmocka_unit_test(test_rows_presets_and_ref),
        cmocka_unit_test(test_rows_time),
        cmocka_unit_test(test_rows_invalid),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
