/* Unit tests of the DVH file importers (include/rtfrac/dvh.h, "Reading").
 * Every fixture under tests/fixtures/dvh is a small file written for these
 * tests in the layout of a real export (Eclipse, Oncentra, SlicerRT,
 * RayStation, TomoTherapy, OnkoDICOM, dicom_tools WriteDVH) or of the
 * generic CSV/TSV; the bad_* ones are malformed on purpose.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    /* Eclipse plan uncertainty: BOM, CRLF, the nominal plan then two
     * "Uncertainty plan:" scenarios of the same structure without volume
     * or statistics lines, each named by its scenario */
    { "eclipse_uncertainty.txt", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_ECLIPSE, 48.0, 3,
      { { "SpinalCanal", "Rlung_shift", C, CC, 10.0, 4, 17, 0.0, 10.0, 3.0, 0.0 },
        { "SpinalCanal", "U1 X:+0.20cm", C, CC, 0.0, 5, 38, 0.0, 10.0, 4.0, 0.0 },
        { "SpinalCanal", "U2 X:-0.20cm", C, CC, 0.0, 3, 51, 0.0, 10.0, 2.0, 0.0 } } },
    /* TomoTherapy: quoted triplets, "(STANDARD)" dropped from the names, a
     * dose axis per structure that starts above 0, a Java exponent */
    { "tomotherapy.csv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_TOMOTHERAPY, 0.0, 2,
      { { "PTV 7000", "", C, PCT, 0.0, 4, 1, 60.0, 100.0, 75.0, 0.0 },
        { "Lung_L", "", C, PCT, 0.0, 4, 1, 0.5, 100.0, 30.5, 0.0 } } },
    { "tomotherapy.csv", RTFRAC_DVH_FORMAT_TOMOTHERAPY, RTFRAC_DVH_FORMAT_TOMOTHERAPY, 0.0, 2,
      { { "PTV 7000", "", C, PCT, 0.0, 4, 1, 60.0, 100.0, 75.0, 0.0 },
        { "Lung_L", "", C, PCT, 0.0, 4, 1, 0.5, 100.0, 30.5, 0.0 } } },
    /* OnkoDICOM: one row per ROI, cGy in the column names, the volume in
     * mL; the two couch ROIs of volume 0 (one with 54075 %) are left out */
    { "onkodicom.csv", RTFRAC_DVH_FORMAT_AUTO, RTFRAC_DVH_FORMAT_ONKODICOM, 0.0, 2,
      { { "gtv", "", C, PCT, 90.53, 4, 2, 0.0, 100.0, 0.3, 0.0 },
        { "prv cord", "", C, PCT, 54.32, 4, 3, 0.0, 100.0, 0.3, 0.0 } } },
    { "onkodicom.csv", RTFRAC_DVH_FORMAT_ONKODICOM, RTFRAC_DVH_FORMAT_ONKODICOM, 0.0, 2,
      { { "gtv", "", C, PCT, 90.53, 4, 2, 0.0, 100.0, 0.3, 0.0 },
        { "prv cord", "", C, PCT, 54.32, 4, 3, 0.0, 100.0, 0.3, 0.0 } } },
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
    /* a ROI above 100 % is broken (the others are read: test_dvh_partial);
     * a file of nothing else is refused */
    { "bad_onkodicom_over_100.csv", RTFRAC_DVH_FORMAT_AUTO, 2, 0, "volume 154 % is above 100 %" },
    { "bad_onkodicom_dose_column.csv", RTFRAC_DVH_FORMAT_AUTO, 1, 0,
      "column 5 is '10 Gray'; expected a dose with its unit such as '10cGy'" },
    { "bad_tomotherapy_unit.csv", RTFRAC_DVH_FORMAT_AUTO, 1, 0,
      "'Lung_L': column 5 is 'Dose (rad)'; expected 'Dose (Gy or cGy)'" },
    /* no dose unit in the file and none from the caller */
    { "dicomtools.csv", RTFRAC_DVH_FORMAT_AUTO, 2, 0,
      "does not state its dose unit; give it with --dose-unit Gy|cGy" },
    { "dicomtools.csv", RTFRAC_DVH_FORMAT_DICOMTOOLS, 2, 0, "--dose-unit Gy|cGy" },
    { "bad_slicerrt_corrupt.csv", RTFRAC_DVH_FORMAT_AUTO, 4, 0,
      "'BODY': dose 0.00035604 Gy is below 35.558 Gy on line 3" },
    { "bad_raystation_truncated.dvh.txt", RTFRAC_DVH_FORMAT_AUTO, 9, 0,
      "'PTV': row has 1 value; expected 2 (dose and volume in %)" },
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
    const rtfrac_dvh_format all[] = { RTFRAC_DVH_FORMAT_AUTO,        RTFRAC_DVH_FORMAT_GENERIC,
                                      RTFRAC_DVH_FORMAT_ECLIPSE,     RTFRAC_DVH_FORMAT_ONCENTRA,
                                      RTFRAC_DVH_FORMAT_SLICERRT,    RTFRAC_DVH_FORMAT_RAYSTATION,
                                      RTFRAC_DVH_FORMAT_TOMOTHERAPY, RTFRAC_DVH_FORMAT_ONKODICOM,
                                      RTFRAC_DVH_FORMAT_DICOMTOOLS };
    const char *names[] = { "auto",       "generic",     "eclipse",   "oncentra",  "slicerrt",
                            "raystation", "tomotherapy", "onkodicom", "dicomtools" };
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
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

/* The mean dose of a curve, through the bins (rtfrac_dvh_bins_from). */
static double mean_gy(const rtfrac_dvh *dvh)
{
    rtfrac_dvh_bins b;
    rtfrac_dvh_stats st;
    assert_int_equal(rtfrac_dvh_bins_from(dvh, &b), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_stats_of(&b, &st), RTFRAC_OK);
    rtfrac_dvh_bins_release(&b);
    return st.mean_gy;
}

static rtfrac_dvh_set *read_fixture(const char *file, const rtfrac_dvh_read_options *options)
{
    char path[1024];
    rtfrac_dvh_set *set = NULL;
    rtfrac_diag d;
    fixture_path(path, sizeof(path), file);
    int rc = rtfrac_dvh_read_with(path, options, &set, &d);
    if (rc != RTFRAC_OK)
        print_error("%s:%u:%u: %s\n", d.file, d.line, d.column, d.message);
    assert_int_equal(rc, RTFRAC_OK);
    return set;
}

/* Means by hand: a cumulative curve's bin between two points holds the
 * volume lost between them at the middle dose. */
static void test_eclipse_uncertainty_scenarios(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("eclipse_uncertainty.txt", NULL);
    assert_int_equal(set->n, 3);
    /* nominal: 6 cm3 at 1.5 Gy, 4 cm3 at 2.5 Gy of 10 cm3 = 1.9 Gy (its
     * header says Mean Dose 190.0 cGy) */
    assert_rel(mean_gy(&set->dvhs[0]), 1.9, 1e-12);
    /* U1: 4 at 1.5, 4 at 2.5, 2 at 3.5 of 10 = 2.3 Gy, the worst case */
    assert_rel(mean_gy(&set->dvhs[1]), 2.3, 1e-12);
    /* U2: 2 at 0.5, 8 at 1.5 of 10 = 1.3 Gy */
    assert_rel(mean_gy(&set->dvhs[2]), 1.3, 1e-12);
    /* the volume in cm3 at 3 Gy: 0 nominal, 2 under U1 */
    assert_rel(set->dvhs[1].volume[3], 2.0, 1e-12);
    rtfrac_dvh_set_free(set);
}

static void test_tomotherapy_per_structure_axis(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("tomotherapy.csv", NULL);
    assert_int_equal(set->n, 2);
    /* 20 % at 62.5, 60 % at 67.5, 20 % at 72.5 Gy = 67.5 Gy */
    assert_rel(mean_gy(&set->dvhs[0]), 67.5, 1e-12);
    /* 80 % at 5.5, (20 - 8.29951224290415e-4) % at 15.5 and
     * 8.29951224290415e-4 % at 25.5 Gy = 4.4 + 3.1 + 8.29951224290415e-5 Gy */
    assert_rel(mean_gy(&set->dvhs[1]), 7.500082995122429, 1e-12);
    assert_rel(set->dvhs[1].volume[2], 8.29951224290415e-4, 1e-15);
    rtfrac_dvh_set_free(set);
}

static void test_onkodicom_rows(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("onkodicom.csv", NULL);
    assert_int_equal(set->n, 2);
    /* 10cGy is 0.1 Gy: 50 % at 0.15 Gy, 50 % at 0.25 Gy = 0.2 Gy */
    assert_rel(set->dvhs[0].dose_gy[1], 0.1, 1e-12);
    assert_rel(mean_gy(&set->dvhs[0]), 0.2, 1e-12);
    /* 11.41 % at 0.05, 78.59 % at 0.15, 10 % at 0.25 Gy = 0.14859 Gy */
    assert_rel(mean_gy(&set->dvhs[1]), 0.14859, 1e-12);
    rtfrac_dvh_set_free(set);
}

static void test_dicomtools_dose_unit(void **state)
{
    (void)state;
    rtfrac_dvh_read_options o;
    rtfrac_dvh_read_options_init(&o);
    assert_int_equal(o.format, RTFRAC_DVH_FORMAT_AUTO);
    assert_int_equal(o.has_dose_unit, 0);
    assert_int_equal(rtfrac_dvh_dose_unit_parse("Gy", &o.gy_per_unit), RTFRAC_OK);
    assert_rel(o.gy_per_unit, 1.0, 1e-15);
    o.has_dose_unit = 1;
    rtfrac_dvh_set *set = read_fixture("dicomtools.csv", &o);
    assert_int_equal(set->format, RTFRAC_DVH_FORMAT_DICOMTOOLS);
    assert_int_equal(set->n, 2); /* CouchInterior, all NaN, is left out */
    assert_string_equal(set->dvhs[0].name, "PTV1");
    assert_rel(set->dvhs[0].total_volume_cc, 39.99, 1e-12);
    assert_string_equal(set->dvhs[1].name, "Lung_Total");
    assert_rel(set->dvhs[1].total_volume_cc, 2222.28, 1e-12);
    assert_int_equal(set->dvhs[1].line, 2);
    /* -1.33227e-13 % is round-off: 0 */
    assert_true(set->dvhs[1].volume[2] >= 0.0 && set->dvhs[1].volume[2] < 1e-12);
    /* PTV1: 40 % at 2.25 Gy, 60 % at 3.75 Gy = 3.15 Gy; Lung_Total: 50 %
     * at 0.75 Gy and 50 % at 2.25 Gy = 1.5 Gy */
    assert_rel(mean_gy(&set->dvhs[0]), 3.15, 1e-12);
    assert_rel(mean_gy(&set->dvhs[1]), 1.5, 1e-12);
    rtfrac_dvh_set_free(set);

    /* the same numbers in cGy are a hundredth */
    assert_int_equal(rtfrac_dvh_dose_unit_parse("CGY", &o.gy_per_unit), RTFRAC_OK);
    assert_rel(o.gy_per_unit, 0.01, 1e-15);
    o.format = RTFRAC_DVH_FORMAT_DICOMTOOLS;
    set = read_fixture("dicomtools.csv", &o);
    assert_rel(set->dvhs[0].dose_gy[3], 0.045, 1e-12);
    assert_rel(mean_gy(&set->dvhs[0]), 0.0315, 1e-12);
    assert_rel(mean_gy(&set->dvhs[1]), 0.015, 1e-12);
    rtfrac_dvh_set_free(set);

    /* a file that states its unit is read in it whatever the caller says */
    set = read_fixture("tomotherapy.csv", &(rtfrac_dvh_read_options){ .format = RTFRAC_DVH_FORMAT_AUTO, .has_dose_unit = 1, .gy_per_unit = 0.01 });
    assert_rel(set->dvhs[0].dose_gy[0], 60.0, 1e-12);
    rtfrac_dvh_set_free(set);

    /* NaN in a column of numbers */
    char path[1024];
    rtfrac_dvh_set *none = NULL;
    rtfrac_diag d;
    o.gy_per_unit = 1.0;
    fixture_path(path, sizeof(path), "bad_dicomtools_nan.csv");
    assert_int_equal(rtfrac_dvh_read_with(path, &o, &none, &d), RTFRAC_EPARSE);
    assert_null(none);
    assert_int_equal(d.line, 4);
    assert_non_null(strstr(d.message, "'Cord': 'NaN' in a column of numbers"));

    /* the unit words and invalid units */
    double g = 42.0;
    assert_int_equal(rtfrac_dvh_dose_unit_parse("rad", &g), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_dvh_dose_unit_parse("", &g), RTFRAC_EINVAL);
    assert_rel(g, 42.0, 1e-15);
    fixture_path(path, sizeof(path), "dicomtools.csv");
    const double bad_units[] = { 0.0, -1.0, INFINITY, NAN };
    for (size_t i = 0; i < sizeof(bad_units) / sizeof(bad_units[0]); i++) {
        o.gy_per_unit = bad_units[i];
        assert_int_equal(rtfrac_dvh_read_with(path, &o, &none, &d), RTFRAC_EINVAL);
        assert_null(none);
        assert_non_null(strstr(d.message, "expected a finite number of Gy above 0"));
    }
}

/* A temporary file with `text`; its path into path[64]. */
static void temp_file(char *path, const char *text)
{
    snprintf(path, 64, "/tmp/rtfrac-test-dvh-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    assert_true(fputs(text, fp) >= 0);
    assert_int_equal(fclose(fp), 0);
}

/* Read `path` with these limits: the status, and the message must contain
 * `want` (NULL: read). */
static void check_limits(const char *path, size_t bytes, size_t lines, size_t structures,
                         int status, const char *want)
{
    rtfrac_dvh_read_options o;
    rtfrac_dvh_read_options_init(&o);
    o.file_bytes_max = bytes;
    o.lines_max = lines;
    o.structures_max = structures;
    rtfrac_dvh_set *set = NULL;
    rtfrac_diag d;
    assert_int_equal(rtfrac_dvh_read_with(path, &o, &set, &d), status);
    if (status == RTFRAC_OK) {
        assert_non_null(set);
        rtfrac_dvh_set_free(set);
    } else {
        assert_null(set);
        if (strstr(d.message, want) == NULL)
            fail_msg("message '%s' lacks '%s'", d.message, want);
    }
}

/* Each limit of a DVH file: a file just at the limit is read, one just
 * over it is refused with the limit named (RTFRAC_DVH_*_MAX, lowered
 * through the options so that nothing large is needed). */
static void test_limits(void **state)
{
    (void)state;
    char path[64];
    /* 7 lines, 3 structures, 70 bytes */
    const char *generic = "structure,dose_gy,volume_cc\nA,0,10\nA,10,0\nB,0,10\nB,10,0\nC,0,10\nC,10,0\n";
    assert_int_equal(strlen(generic), 70);
    temp_file(path, generic);
    check_limits(path, 0, 0, 0, RTFRAC_OK, NULL);
    check_limits(path, 70, 7, 3, RTFRAC_OK, NULL);
    check_limits(path, 69, 0, 0, RTFRAC_EPARSE, "larger than 69 bytes, the limit of a DVH file (RTFRAC_DVH_FILE_BYTES_MAX)");
    check_limits(path, 0, 6, 0, RTFRAC_EPARSE, "more than 6 lines, the limit of a DVH file (RTFRAC_DVH_LINES_MAX)");
    check_limits(path, 0, 0, 2, RTFRAC_EPARSE, "more than 2 structures, the limit of a DVH file (RTFRAC_DVH_STRUCTURES_MAX)");
    /* a caller cannot raise a limit */
    check_limits(path, SIZE_MAX, SIZE_MAX, SIZE_MAX, RTFRAC_OK, NULL);
    unlink(path);
    /* a last line without its newline counts */
    temp_file(path, "structure,dose_gy,volume_cc\nA,0,10\nA,10,0");
    check_limits(path, 0, 3, 0, RTFRAC_OK, NULL);
    check_limits(path, 0, 2, 0, RTFRAC_EPARSE, "more than 2 lines");
    unlink(path);
    /* a wide header is refused before a curve per column pair is made */
    temp_file(path, "A Dose (Gy),A Value (%),B Dose (Gy),B Value (%),C Dose (Gy),C Value (%)\n0,100,0,100,0,100\n");
    check_limits(path, 0, 0, 3, RTFRAC_OK, NULL);
    check_limits(path, 0, 0, 2, RTFRAC_EPARSE, "3 structures, more than 2, the limit of a DVH file (RTFRAC_DVH_STRUCTURES_MAX)");
    unlink(path);
    /* a structure that comes back after others is found (the name table) */
    temp_file(path, "structure,dose_gy,volume_cc\nA,0,10\nB,0,10\nC,0,10\nB,10,0\n");
    check_limits(path, 0, 0, 0, RTFRAC_EPARSE, "structure 'B' appears again (its rows began on line 3)");
    unlink(path);
}

int main(void)
{
    static char names[N_GOOD + N_BAD][160];
    struct CMUnitTest tests[N_GOOD + N_BAD + 16];
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
        cmocka_unit_test(test_eclipse_uncertainty_scenarios),
        cmocka_unit_test(test_tomotherapy_per_structure_axis),
        cmocka_unit_test(test_onkodicom_rows),
        cmocka_unit_test(test_dicomtools_dose_unit),
        cmocka_unit_test(test_limits),
    };
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        tests[nt++] = fixed[i];
    return _cmocka_run_group_tests("dvh_read", tests, nt, NULL, NULL);
}
