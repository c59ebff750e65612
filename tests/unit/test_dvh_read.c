/* Unit tests of the DVH file importers (include/rtfrac/dvh.h, "Reading").
 * Every fixture under tests/fixtures/dvh is a small file written for these
 * tests in the layout of a real export (Eclipse, Oncentra, SlicerRT,
 * RayStation) or of the generic CSV/TSV; the bad_* ones are malformed on
 * purpose.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#ifndef RTFRAC_SOURCE_PRESET_DIR
#error "the Makefile defines RTFRAC_SOURCE_PRESET_DIR"
#endif
#define FIXTURE_DIR RTFRAC_SOURCE_PRESET_DIR "/../tests/fixtures/dvh"

static void fixture_path(char *out, size_t size, const char *file)
{
    snprintf(out, size, "%s/%s", FIXTURE_DIR, file);
}

/* ---- files that read ---------------------------------------------------- */

#define CURVES_MAX 4
#define C RTFRAC_DVH_CUMULATIVE
#define D RTFRAC_DVH_DIFFERENTIAL
#define CC RTFRAC_VOLUME_CC
#define PCT RTFRAC_VOLUME_PERCENT
#define CCGY RTFRAC_VOLUME_CC_PER_GY

typedef struct expected_curve {
    const char *name; /* UTF-8 */
    const char *plan;
    rtfrac_dvh_kind kind;
    rtfrac_volume_unit unit;
    double total_volume_cc;
    size_t n;
    unsigned line;
    double first_dose_gy, first_volume;
    double last_dose_gy, last_volume;
} expected_curve;

typedef struct good_file {
    const char *file;
    rtfrac_dvh_format format_asked;
    rtfrac_dvh_format format_read;
    double prescribed_dose_gy;
    size_t ncurves;
    expected_curve curves[CURVES_MAX];
} good_file;

static const good_file good_files[] = {
    /* LF, Gy and %, one curve named after the file */
    { "generic_gy_percent.csv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_GENERIC, 0.0, 1,
      { { "generic_gy_percent", "", C, PCT, 0.0, 4, 2, 0.0, 100.0, 30.25, 0.5 } } },
    /* BOM, CRLF, TAB, cGy and cc, a Windows-1252 byte in a name, a
     * prescription comment, a C-runtime exponent, an ignored column */
    { "generic_structures_cgy_cc.tsv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_GENERIC, 50.0, 2,
      { { "PTV", "", C, CC, 0.0, 4, 4, 0.0, 155.735, 55.0, 3.53804e-5 },
        { "R\xc3\xa9tine", "", C, CC, 0.0, 2, 8, 0.0, 0.5, 10.0, 0.25 } } },
    /* "# differential" comment, dose_gy / volume_cc */
    { "generic_differential.csv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_GENERIC, 0.0, 1,
      { { "generic_differential", "", D, CC, 0.0, 3, 3, 0.05, 0.4, 0.25, 0.75 } } },
    /* a type column: one cumulative and one differential structure */
    { "generic_type_column.csv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_GENERIC, 0.0, 2,
      { { "Lung L", "", C, PCT, 0.0, 4, 2, 0.0, 100.0, 3.0, 10.0 },
        { "Heart", "", D, PCT, 0.0, 3, 6, 0.5, 10.0, 2.5, 60.0 } } },
    /* ';'-separated with decimal commas throughout: unambiguous */
    { "generic_semicolon_comma.csv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_GENERIC, 0.0, 1,
      { { "generic_semicolon_comma", "", C, CC, 0.0, 4, 2, 0.0, 12.5, 5.0, 0.0 } } },
    /* quoted header, trailing commas, an identical duplicate row merged */
    { "generic_duplicate_rows.csv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_GENERIC, 0.0, 1,
      { { "generic_duplicate_rows", "", C, PCT, 0.0, 3, 2, 0.0, 100.0, 2.0, 40.0 } } },
    /* old Eclipse: CRLF, Windows-1252 "cm\xb3" and a cp1252 name, [cc] then
     * [cm3], relative dose first, absolute volume, 3-digit exponent */
    { "eclipse_abs_cgy.txt", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_ECLIPSE, 55.0, 2,
      { { "LIVER", "PLAN_NAME", C, CC, 1366.8, 4, 14, 0.0, 1366.8, 0.165, 3.53804e-5 },
        { "C\xc5\x93ur", "PLAN_NAME", C, CC, 155.7, 4, 33, 0.0, 155.735, 56.375, 0.000763325 } } },
    /* BOM, plan sum and plan with the same structure names, "[%]" in a
     * name, "not defined" prescription, Volume 0.0 with rows, and an empty
     * structure that is skipped */
    { "eclipse_plansum.txt", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_ECLIPSE, 0.0, 4,
      { { "PTV 50", "Plan Sum", C, PCT, 363.6, 3, 22, 0.0, 100.0, 54.42, 4.23876e-5 },
        { "Dose 107[%]", "Plan Sum", C, PCT, 19.3, 2, 38, 0.0, 100.0, 54.0, 1.25005e-6 },
        { "PTV 50", "PARR", C, PCT, 383.0, 3, 49, 0.0, 100.0, 54.65, 0.0 },
        { "Dose 107[%]", "PARR", C, PCT, 0.0, 2, 61, 0.0, 100.0, 54.65, 0.0 } } },
    /* newer Eclipse, differential, Gy, dVolume / dDose [cm3 / Gy], Total dose */
    { "eclipse_differential.txt", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_ECLIPSE, 50.0, 1,
      { { "HN1", "+HN1", D, CCGY, 1123.7, 3, 19, 0.05, 0.423841, 56.05, 0.0130088 } } },
    /* Oncentra: TAB plus spaces, ccm, an empty ROI skipped, a curve that
     * stops above 0 */
    { "oncentra.txt", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_ONCENTRA, 0.0, 2,
      { { "Cervix", "", C, CC, 0.0, 4, 18, 0.071, 34.634, 0.284, 3.493 },
        { "Bladder", "", C, CC, 0.0, 3, 27, 0.071, 110.193, 0.213, 0.0 } } },
    /* SlicerRT: CRLF, trailing commas, "(GY)", volume in the column name,
     * one curve that stops early */
    { "slicerrt.csv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_SLICERRT, 0.0, 2,
      { { "PTV", "", C, PCT, 48.613, 5, 1, 0.0, 100.0, 46.3, 0.0 },
        { "Rectum", "", C, PCT, 30.41, 3, 1, 0.0, 100.0, 0.3, 1.368015 } } },
    /* RayStation 12: "#Unit: cGy", TAB rows, a ':' inside "#Dosename:" */
    { "raystation_v12.dvh.txt", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_RAYSTATION, 0.0, 2,
      { { "PTV_5400", "Plan dose: VMAT 2x27 (CT 1)", C, PCT, 0.0, 5, 4, 0.0, 100.0, 57.893, 0.0 },
        { "Rectum wall", "Plan dose: VMAT 2x27 (CT 1)", C, PCT, 0.0, 4, 13, 0.0, 100.0, 46.57755,
          0.385 } } },
    /* older RayStation: CRLF, "#Dose unit: Gy", "#RoiVolume:", "#Rx dose:",
     * an ROI without rows skipped, a second "#Dosename:" with the same ROI */
    { "raystation_dose_unit_gy.dvh.txt", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_RAYSTATION, 45.0, 2,
      { { "Bladder", "Plan dose: Pelvis (CT 1)", C, PCT, 212.37, 3, 5, 0.0, 100.0, 46.125, 0.0 },
        { "Bladder", "Plan dose: Boost (CT 1)", C, PCT, 0.0, 3, 18, 0.0, 100.0, 9.975, 0.0 } } },
    /* an explicit format is used as given */
    { "raystation_v12.dvh.txt", RTFRAC_DVH_FORMAT_RAYSTATION, RTFRAC_DVH_FORMAT_RAYSTATION, 0.0, 2,
      { { "PTV_5400", "Plan dose: VMAT 2x27 (CT 1)", C, PCT, 0.0, 5, 4, 0.0, 100.0, 57.893, 0.0 },
        { "Rectum wall", "Plan dose: VMAT 2x27 (CT 1)", C, PCT, 0.0, 4, 13, 0.0, 100.0, 46.57755,
          0.385 } } },
    { "slicerrt.csv", RTFRAC_DVH_FORMAT_SLICERRT, RTFRAC_DVH_FORMAT_SLICERRT, 0.0, 2,
      { { "PTV", "", C, PCT, 48.613, 5, 1, 0.0, 100.0, 46.3, 0.0 },
        { "Rectum", "", C, PCT, 30.41, 3, 1, 0.0, 100.0, 0.3, 1.368015 } } },
    { "eclipse_differential.txt", RTFRAC_DVH_FORMAT_ECLIPSE, RTFRAC_DVH_FORMAT_ECLIPSE, 50.0, 1,
      { { "HN1", "+HN1", D, CCGY, 1123.7, 3, 19, 0.05, 0.423841, 56.05, 0.0130088 } } },
};
#define N_GOOD (sizeof(good_files) / sizeof(good_files[0]))

static void check_curve_invariants(const rtfrac_dvh *dvh)
{
    for (size_t i = 0; i < dvh->n; i++) {
        assert_true(isfinite(dvh->dose_gy[i]) && dvh->dose_gy[i] >= 0.0);
        assert_true(isfinite(dvh->volume[i]) && dvh->volume[i] >= 0.0);
        if (i > 0 && dvh->kind == RTFRAC_DVH_CUMULATIVE) {
            /* a repeated dose is a vertical step: the volume falls there */
            assert_true(dvh->dose_gy[i] > dvh->dose_gy[i - 1] ||
                        (dvh->dose_gy[i] >= dvh->dose_gy[i - 1] && dvh->volume[i] < dvh->volume[i - 1]));
            assert_true(dvh->volume[i] <= dvh->volume[i - 1]);
        } else if (i > 0) {
            assert_true(dvh->dose_gy[i] > dvh->dose_gy[i - 1]);
        }
    }
}

static void test_good_file(void **state)
{
    const good_file *g = *state;
    char path[1024];
    rtfrac_dvh_set *set = NULL;
    rtfrac_diag d;
    fixture_path(path, sizeof(path), g->file);
    int rc = rtfrac_dvh_read(path, g->format_asked, &set, &d);
    if (rc != RTFRAC_OK)
        print_error("%s:%u:%u: %s\n", d.file, d.line, d.column, d.message);
    assert_int_equal(rc, RTFRAC_OK);
    assert_non_null(set);
    assert_int_equal(set->format, g->format_read);
    assert_string_equal(set->file, path);
    assert_abs(set->prescribed_dose_gy, g->prescribed_dose_gy, 1e-12);
    assert_int_equal(set->n, g->ncurves);
    for (size_t i = 0; i < g->ncurves; i++) {
        const expected_curve *e = &g->curves[i];
        const rtfrac_dvh *v = &set->dvhs[i];
        assert_string_equal(v->name, e->name);
        assert_string_equal(v->plan, e->plan);
        assert_int_equal(v->kind, e->kind);
        assert_int_equal(v->volume_unit, e->unit);
        assert_rel(v->total_volume_cc, e->total_volume_cc, 1e-12);
        assert_int_equal(v->n, e->n);
        assert_int_equal(v->line, e->line);
        assert_rel(v->dose_gy[0], e->first_dose_gy, 1e-12);
        assert_rel(v->volume[0], e->first_volume, 1e-12);
        assert_rel(v->dose_gy[v->n - 1], e->last_dose_gy, 1e-12);
        assert_rel(v->volume[v->n - 1], e->last_volume, 1e-12);
        check_curve_invariants(v);
    }
    rtfrac_dvh_set_free(set);
}

/* ---- files that are refused --------------------------------------------- */

typedef struct bad_file {
    const char *file;
    rtfrac_dvh_format format;
    unsigned line;
    unsigned column;      /* 0: not checked */
    const char *contains; /* a fragment of the message */
} bad_file;

static const bad_file bad_files[] = {
    { "bad_eclipse_truncated.txt", RTFRAC_DVH_FORMAT_AUTO, 30, 0, "is the table truncated?" },
    { "bad_eclipse_comma.txt", RTFRAC_DVH_FORMAT_AUTO, 28, 62,
      "'Structure Volume [cc]' has '1366,8': ',' in a number is ambiguous" },
    { "bad_nonnumeric_row.csv", RTFRAC_DVH_FORMAT_AUTO, 3, 3,
      "column 'Volume [%]' has 'abc': a number was expected" },
    { "bad_decreasing_dose.csv", RTFRAC_DVH_FORMAT_AUTO, 4, 0,
      "dose 1 Gy is below 2 Gy on line 3; doses must not decrease" },
    { "bad_no_dose_column.csv", RTFRAC_DVH_FORMAT_AUTO, 1, 0, "no dose column in the header" },
    { "bad_missing_dose_value.csv", RTFRAC_DVH_FORMAT_AUTO, 3, 0,
      "column 'Dose [Gy]' is empty; expected a number" },
    { "bad_unknown_unit.csv", RTFRAC_DVH_FORMAT_AUTO, 1, 0,
      "unknown dose unit in column 'Dose [rad]'; expected Gy or cGy" },
    { "bad_comma_ambiguous.csv", RTFRAC_DVH_FORMAT_AUTO, 3, 3, "',' in a number is ambiguous" },
    { "bad_mixed_decimal.csv", RTFRAC_DVH_FORMAT_AUTO, 3, 0,
      "'1.5' uses '.' as the decimal mark but line 2 uses ','" },
    { "bad_increasing_cumulative.csv", RTFRAC_DVH_FORMAT_AUTO, 3, 0,
      "cumulative volume rises from 50 to 60 %" },
    /* a repeated dose with less volume is a vertical step; with more, a rise */
    { "bad_duplicate_dose.csv", RTFRAC_DVH_FORMAT_AUTO, 4, 0,
      "cumulative volume rises from 80 to 90 % at 1 Gy" },
    { "bad_negative_volume.csv", RTFRAC_DVH_FORMAT_AUTO, 3, 0, "negative volume -5 cm3" },
    { "bad_nan.csv", RTFRAC_DVH_FORMAT_AUTO, 3, 3, "NaN and infinity are not accepted" },
    { "bad_split_structure.csv", RTFRAC_DVH_FORMAT_AUTO, 4, 0,
      "structure 'A' appears again (its rows began on line 2)" },
    { "bad_no_curve.txt", RTFRAC_DVH_FORMAT_AUTO, 17, 0, "no DVH curve in the file" },
    { "bad_unrecognised.txt", RTFRAC_DVH_FORMAT_AUTO, 1, 0, "unrecognised DVH file" },
    { "bad_onkodicom.csv", RTFRAC_DVH_FORMAT_AUTO, 1, 0, "unsupported format: OnkoDICOM" },
    { "bad_slicerrt_corrupt.csv", RTFRAC_DVH_FORMAT_AUTO, 4, 0,
      "'BODY': dose 0.00035604 Gy is below 35.558 Gy on line 3" },
    { "bad_raystation_truncated.dvh.txt", RTFRAC_DVH_FORMAT_AUTO, 9, 0,
      "'PTV': row has 1 values; expected 2 (dose and volume in %)" },
    { "bad_raystation_no_unit.dvh.txt", RTFRAC_DVH_FORMAT_AUTO, 6, 0,
      "'PTV': row before the dose unit" },
    /* an explicit format is not second-guessed */
    { "eclipse_abs_cgy.txt", RTFRAC_DVH_FORMAT_RAYSTATION, 1, 0,
      "before any ROI; expected '#RoiName:<name>'" },
    { "eclipse_abs_cgy.txt", RTFRAC_DVH_FORMAT_GENERIC, 1, 0, "no dose column in the header" },
    { "generic_gy_percent.csv", RTFRAC_DVH_FORMAT_SLICERRT, 1, 0,
      "expected '<name> Dose (Gy)' and '<name> Value (% of <volume> cc)'" },
    { "slicerrt.csv", RTFRAC_DVH_FORMAT_ECLIPSE, 6, 0, "no DVH curve in the file" },
};
#define N_BAD (sizeof(bad_files) / sizeof(bad_files[0]))

static void test_bad_file(void **state)
{
    const bad_file *b = *state;
    char path[1024];
    static rtfrac_dvh_set sentinel;
    rtfrac_dvh_set *set = &sentinel; /* must stay untouched */
    rtfrac_diag d;
    fixture_path(path, sizeof(path), b->file);
    int rc = rtfrac_dvh_read(path, b->format, &set, &d);
    assert_int_equal(rc, RTFRAC_EPARSE);
    assert_ptr_equal(set, &sentinel);
    assert_string_equal(d.file, path);
    if (d.line != b->line || strstr(d.message, b->contains) == NULL)
        print_error("got %u:%u: %s\n", d.line, d.column, d.message);
    assert_int_equal(d.line, b->line);
    if (b->column != 0)
        assert_int_equal(d.column, b->column);
    assert_non_null(strstr(d.message, b->contains));
}

/* ---- the rest of the API ------------------------------------------------ */

static void test_format_names_round_trip(void **state)
{
    (void)state;
    const rtfrac_dvh_format all[] = { RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_GENERIC,
                                      RTFRAC_DVH_FORMAT_ECLIPSE, RTFRAC_DVH_FORMAT_ONCENTRA,
                                      RTFRAC_DVH_FORMAT_SLICERRT, RTFRAC_DVH_FORMAT_RAYSTATION };
    const char *names[] = { "auto", "generic", "eclipse", "oncentra", "slicerrt", "raystation" };
    for (size_t i = 0; i < 6; i++) {
        rtfrac_dvh_format f = RTFRAC_DVH_FORMAT_AUTO;
        assert_string_equal(rtfrac_dvh_format_name(all[i]), names[i]);
        assert_int_equal(rtfrac_dvh_format_parse(names[i], &f), RTFRAC_OK);
        assert_int_equal(f, all[i]);
    }
    rtfrac_dvh_format f = RTFRAC_DVH_FORMAT_GENERIC;
    assert_int_equal(rtfrac_dvh_format_parse("Eclipse", &f), RTFRAC_OK);
    assert_int_equal(f, RTFRAC_DVH_FORMAT_ECLIPSE);
    f = RTFRAC_DVH_FORMAT_GENERIC;
    assert_int_equal(rtfrac_dvh_format_parse("RayStation", &f), RTFRAC_OK);
    assert_int_equal(f, RTFRAC_DVH_FORMAT_RAYSTATION);
    f = RTFRAC_DVH_FORMAT_GENERIC;
    assert_int_equal(rtfrac_dvh_format_parse("monaco", &f), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_dvh_format_parse("", &f), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_dvh_format_parse("eclipsex", &f), RTFRAC_EINVAL);
    assert_int_equal(f, RTFRAC_DVH_FORMAT_GENERIC);
}

static void test_free_null_is_a_no_op(void **state)
{
    (void)state;
    rtfrac_dvh_set_free(NULL);
}

static void test_missing_file_is_an_io_error(void **state)
{
    (void)state;
    char path[1024];
    rtfrac_dvh_set *set = NULL;
    rtfrac_diag d;
    fixture_path(path, sizeof(path), "no-such-file.csv");
    assert_int_equal(rtfrac_dvh_read(path, RTFRAC_DVH_FORMAT_AUTO, &set, &d), RTFRAC_EIO);
    assert_null(set);
    assert_string_equal(d.file, path);
    assert_non_null(strstr(d.message, "cannot open"));
}

static void test_unknown_format_value_is_invalid(void **state)
{
    (void)state;
    char path[1024];
    rtfrac_dvh_set *set = NULL;
    fixture_path(path, sizeof(path), "generic_gy_percent.csv");
    assert_int_equal(rtfrac_dvh_read(path, (rtfrac_dvh_format)42, &set, NULL), RTFRAC_EINVAL);
    assert_null(set);
}

static void test_null_diag_is_allowed(void **state)
{
    (void)state;
    char path[1024];
    rtfrac_dvh_set *set = NULL;
    fixture_path(path, sizeof(path), "bad_nan.csv");
    assert_int_equal(rtfrac_dvh_read(path, RTFRAC_DVH_FORMAT_AUTO, &set, NULL), RTFRAC_EPARSE);
    fixture_path(path, sizeof(path), "oncentra.txt");
    assert_int_equal(rtfrac_dvh_read(path, RTFRAC_DVH_FORMAT_AUTO, &set, NULL), RTFRAC_OK);
    rtfrac_dvh_set_free(set);
}

/* Every point of a file, not only the ends: cGy converted, the rise of
 * 0.005 % (rounding noise) flattened, comma decimals read. */
static void test_every_point(void **state)
{
    (void)state;
    char path[1024];
    rtfrac_dvh_set *set = NULL;
    rtfrac_diag d;
    fixture_path(path, sizeof(path), "generic_type_column.csv");
    assert_int_equal(rtfrac_dvh_read(path, RTFRAC_DVH_FORMAT_AUTO, &set, &d), RTFRAC_OK);
    const double dose[] = { 0.0, 1.0, 2.0, 3.0 }, volume[] = { 100.0, 80.0, 80.0, 10.0 };
    for (size_t i = 0; i < 4; i++) {
        assert_rel(set->dvhs[0].dose_gy[i], dose[i], 1e-12);
        assert_rel(set->dvhs[0].volume[i], volume[i], 1e-12);
    }
    rtfrac_dvh_set_free(set);

    fixture_path(path, sizeof(path), "generic_semicolon_comma.csv");
    assert_int_equal(rtfrac_dvh_read(path, RTFRAC_DVH_FORMAT_AUTO, &set, &d), RTFRAC_OK);
    const double dose2[] = { 0.0, 1.25, 2.5, 5.0 }, volume2[] = { 12.5, 12.5, 6.25, 0.0 };
    for (size_t i = 0; i < 4; i++) {
        assert_rel(set->dvhs[0].dose_gy[i], dose2[i], 1e-12);
        assert_rel(set->dvhs[0].volume[i], volume2[i], 1e-12);
    }
    rtfrac_dvh_set_free(set);

    /* RayStation cGy to Gy, volumes in % as written */
    fixture_path(path, sizeof(path), "raystation_v12.dvh.txt");
    assert_int_equal(rtfrac_dvh_read(path, RTFRAC_DVH_FORMAT_AUTO, &set, &d), RTFRAC_OK);
    const double dose3[] = { 0.0, 0.26315, 26.315, 52.36685, 57.893 },
                 volume3[] = { 100.0, 100.0, 99.87, 48.315, 0.0 };
    assert_int_equal(set->dvhs[0].n, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_rel(set->dvhs[0].dose_gy[i], dose3[i], 1e-12);
        assert_rel(set->dvhs[0].volume[i], volume3[i], 1e-12);
    }
    rtfrac_dvh_set_free(set);
}

int main(void)
{
    static char names[N_GOOD + N_BAD][160];
    struct CMUnitTest tests[N_GOOD + N_BAD + 8];
    size_t nt = 0;

    gsl_set_error_handler_off();
    for (size_t i = 0; i < N_GOOD; i++, nt++) {
        snprintf(names[nt], sizeof(names[nt]), "reads %s as %s", good_files[i].file,
                 rtfrac_dvh_format_name(good_files[i].format_asked));
        tests[nt] = (struct CMUnitTest){ names[nt], test_good_file, NULL, NULL,
                                         (void *)&good_files[i] };
    }
    for (size_t i = 0; i < N_BAD; i++, nt++) {
        snprintf(names[nt], sizeof(names[nt]), "refuses %s as %s at line %u", bad_files[i].file,
                 rtfrac_dvh_format_name(bad_files[i].format), bad_files[i].line);
        tests[nt] = (struct CMUnitTest){ names[nt], test_bad_file, NULL, NULL,
                                         (void *)&bad_files[i] };
    }
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_format_names_round_trip),
        cmocka_unit_test(test_free_null_is_a_no_op),
        cmocka_unit_test(test_missing_file_is_an_io_error),
        cmocka_unit_test(test_unknown_format_value_is_invalid),
        cmocka_unit_test(test_null_diag_is_allowed),
        cmocka_unit_test(test_every_point),
    };
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        tests[nt++] = fixed[i];
    return _cmocka_run_group_tests("dvh_read", tests, nt, NULL, NULL);
}
