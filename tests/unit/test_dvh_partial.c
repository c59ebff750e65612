/* Unit tests of the DVH semantics of issue 10 (include/rtfrac/dvh.h):
 * partial curves (start below the full volume, end above zero) give bounds,
 * not rescaled numbers; vertical steps; the noise floor; impossible values
 * and broken structures.  Fixtures: tests/fixtures/dvh, small files written
 * for these tests; every expected value is worked out in the comment above it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define FIXTURE_DIR RTFRAC_SOURCE_PRESET_DIR "/../tests/fixtures/dvh"
#define REL 1e-12

static rtfrac_dvh_set *read_fixture(const char *file)
{
    char path[1024];
    rtfrac_dvh_set *set = NULL;
    rtfrac_diag d;
    snprintf(path, sizeof(path), "%s/%s", FIXTURE_DIR, file);
    int rc = rtfrac_dvh_read(path, RTFRAC_DVH_FORMAT_AUTO, &set, &d);
    if (rc != RTFRAC_OK)
        print_error("%s:%u: %s\n", file, d.line, d.message);
    assert_int_equal(rc, RTFRAC_OK);
    return set;
}

/* partial_start.csv: 30 Gy 50 %, 40 Gy 40 %, 50 Gy 20 %, 60 Gy 0 %.  The
 * other 50 % lie below 30 Gy.  V40Gy is the row's 40 % (rescaling to the
 * first row gave 40/50 = 80 %).  D98% falls in the missing half: at most
 * 30 Gy.  Mean with the missing 50 % at 30 Gy (its highest possible dose):
 * (50x30 + 10x35 + 20x45 + 20x55)/100 = 38.5 Gy, at most.  Min at most 30
 * Gy; max 60 Gy exact. */
static void test_partial_start(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("partial_start.csv");
    const rtfrac_dvh *d = &set->dvhs[0];
    assert_false(d->complete_low);
    assert_true(d->complete_high);
    rtfrac_dvh_bins b;
    assert_int_equal(rtfrac_dvh_bins_from(d, &b), RTFRAC_OK);
    assert_true(b.open_low);
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_UNKNOWN;
    assert_int_equal(rtfrac_dvh_v_percent(&b, 40.0, &v), RTFRAC_OK);
    assert_rel(v, 40.0, REL);
    assert_int_equal(rtfrac_dvh_v_percent_bounded(&b, 45.0, &v, &bd), RTFRAC_OK);
    assert_rel(v, 30.0, REL); /* halfway between 40 % and 20 % */
    assert_int_equal(bd, RTFRAC_DVH_EXACT);
    assert_int_equal(rtfrac_dvh_v_percent_bounded(&b, 20.0, &v, &bd), RTFRAC_OK);
    assert_rel(v, 100.0, REL);
    assert_int_equal(bd, RTFRAC_DVH_AT_MOST);
    assert_int_equal(rtfrac_dvh_v_percent(&b, 20.0, &v), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_d_percent_bounded(&b, 98.0, &v, &bd), RTFRAC_OK);
    assert_rel(v, 30.0, REL);
    assert_int_equal(bd, RTFRAC_DVH_AT_MOST);
    assert_int_equal(rtfrac_dvh_d_percent(&b, 98.0, &v), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_d_percent(&b, 30.0, &v), RTFRAC_OK);
    assert_rel(v, 45.0, REL); /* 30 % between 40 % at 40 Gy and 20 % at 50 Gy */
    rtfrac_dvh_stats s;
    assert_int_equal(rtfrac_dvh_stats_of(&b, &s), RTFRAC_OK);
    assert_rel(s.mean_gy, 38.5, REL);
    assert_int_equal(s.mean_bound, RTFRAC_DVH_AT_MOST);
    assert_rel(s.min_gy, 30.0, REL);
    assert_int_equal(s.min_bound, RTFRAC_DVH_AT_MOST);
    assert_rel(s.max_gy, 60.0, REL);
    assert_int_equal(s.max_bound, RTFRAC_DVH_EXACT);
    assert_int_equal(rtfrac_dvh_geud_bounded(&b, 1.0, &v, &bd), RTFRAC_OK);
    assert_rel(v, 38.5, REL); /* a = 1 is the mean */
    assert_int_equal(bd, RTFRAC_DVH_AT_MOST);
    assert_int_equal(rtfrac_dvh_geud(&b, 1.0, &v), RTFRAC_EDOM);
    rtfrac_dvh_bins_release(&b);
    rtfrac_dvh_set_free(set);
}

/* partial_tail.csv: 0 Gy 10 cc, 10 Gy 6 cc, 20 Gy 3 cc: 3 cc lie above
 * 20 Gy, up to an unknown maximum.  D2cc: at least 20 Gy (it was clamped to
 * 20 Gy as if exact).  D5cc: 3 cc above 20 Gy plus 2 of the 3 cc between 10
 * and 20 Gy: 20 - 2/3 x 10 = 13.333 Gy, exact.  Max at least 20 Gy; mean
 * with the 3 cc at 20 Gy: (4x5 + 3x15 + 3x20)/10 = 12.5 Gy, at least.
 * V25Gy at most 3 cc. */
static void test_partial_tail(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("partial_tail.csv");
    const rtfrac_dvh *d = &set->dvhs[0];
    assert_true(d->complete_low);
    assert_false(d->complete_high);
    rtfrac_dvh_bins b;
    assert_int_equal(rtfrac_dvh_bins_from(d, &b), RTFRAC_OK);
    assert_true(b.open_high);
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_UNKNOWN;
    assert_int_equal(rtfrac_dvh_d_cc_bounded(&b, 2.0, &v, &bd), RTFRAC_OK);
    assert_rel(v, 20.0, REL);
    assert_int_equal(bd, RTFRAC_DVH_AT_LEAST);
    assert_int_equal(rtfrac_dvh_d_cc(&b, 2.0, &v), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_d_cc(&b, 5.0, &v), RTFRAC_OK);
    assert_rel(v, 20.0 - 2.0 / 3.0 * 10.0, REL);
    assert_int_equal(rtfrac_dvh_v_cc_bounded(&b, 25.0, &v, &bd), RTFRAC_OK);
    assert_rel(v, 3.0, REL);
    assert_int_equal(bd, RTFRAC_DVH_AT_MOST);
    assert_int_equal(rtfrac_dvh_v_cc(&b, 20.0, &v), RTFRAC_OK);
    assert_rel(v, 3.0, REL);
    rtfrac_dvh_stats s;
    assert_int_equal(rtfrac_dvh_stats_of(&b, &s), RTFRAC_OK);
    assert_rel(s.max_gy, 20.0, REL);
    assert_int_equal(s.max_bound, RTFRAC_DVH_AT_LEAST);
    assert_rel(s.mean_gy, 12.5, REL);
    assert_int_equal(s.mean_bound, RTFRAC_DVH_AT_LEAST);
    assert_int_equal(s.min_bound, RTFRAC_DVH_EXACT);
    /* EQD2 keeps the open tail: at 5 fractions, alpha/beta 3 Gy, EQD2(20) =
     * 20 (4 + 3)/5 = 28 Gy, still a lower bound */
    rtfrac_dvh_bins e;
    assert_int_equal(rtfrac_dvh_bins_eqd2(&b, 5, 3.0, &e), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_stats_of(&e, &s), RTFRAC_OK);
    assert_rel(s.max_gy, 28.0, REL);
    assert_int_equal(s.max_bound, RTFRAC_DVH_AT_LEAST);
    double ntcp = 0.0;
    assert_int_equal(rtfrac_dvh_ntcp_lkb(&e, 45.8, 0.12, 0.97, &ntcp, NULL), RTFRAC_EDOM);
    rtfrac_dvh_bins_release(&e);
    rtfrac_dvh_bins_release(&b);
    rtfrac_dvh_set_free(set);
}

/* step.csv (cGy): 0 100 %, 100 100 %, 100 60 %, 200 0 %: 40 % receive
 * exactly 1 Gy (a vertical step, RayStation 11A), 60 % spread over 1..2 Gy.
 * V1Gy = 100 %, V1.5Gy = 30 %, D50% = 2 - 50/60 = 1.1667 Gy, D80% = 1 Gy,
 * mean 0.4 x 1 + 0.6 x 1.5 = 1.3 Gy. */
static void test_vertical_step(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("step.csv");
    const rtfrac_dvh *d = &set->dvhs[0];
    assert_int_equal(d->n, 4);
    assert_rel(d->dose_gy[1], 1.0, REL);
    assert_rel(d->dose_gy[2], 1.0, REL);
    rtfrac_dvh_bins b;
    assert_int_equal(rtfrac_dvh_bins_from(d, &b), RTFRAC_OK);
    double v = 0.0;
    assert_int_equal(rtfrac_dvh_v_percent(&b, 1.0, &v), RTFRAC_OK);
    assert_rel(v, 100.0, REL);
    assert_int_equal(rtfrac_dvh_v_percent(&b, 1.5, &v), RTFRAC_OK);
    assert_rel(v, 30.0, REL);
    assert_int_equal(rtfrac_dvh_d_percent(&b, 50.0, &v), RTFRAC_OK);
    assert_rel(v, 2.0 - 50.0 / 60.0, REL);
    assert_int_equal(rtfrac_dvh_d_percent(&b, 80.0, &v), RTFRAC_OK);
    assert_rel(v, 1.0, REL);
    rtfrac_dvh_stats s;
    assert_int_equal(rtfrac_dvh_stats_of(&b, &s), RTFRAC_OK);
    assert_rel(s.mean_gy, 1.3, REL);
    rtfrac_dvh_bins_release(&b);
    rtfrac_dvh_set_free(set);
}

/* noise.csv: 0 100 %, 10 50 %, 20 5.55e-14 %, 30 5.55e-14 %, 40 -1.3e-13 %.
 * 5.55e-14 % is round-off, below the floor of 1e-9 %: the curve ends at
 * 20 Gy (max 20 Gy exact, not 40 Gy). */
static void test_noise_floor(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("noise.csv");
    const rtfrac_dvh *d = &set->dvhs[0];
    assert_true(d->complete_high);
    assert_rel(d->volume[2], 0.0, 0.0);
    rtfrac_dvh_bins b;
    rtfrac_dvh_stats s;
    assert_int_equal(rtfrac_dvh_bins_from(d, &b), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_stats_of(&b, &s), RTFRAC_OK);
    assert_rel(s.max_gy, 20.0, REL);
    assert_int_equal(s.max_bound, RTFRAC_DVH_EXACT);
    rtfrac_dvh_bins_release(&b);
    rtfrac_dvh_set_free(set);
}

/* broken_structures.csv: A is a DVH; Couch says 54075 % at 0 Gy (line 4), B
 * a negative volume (line 7), Zero has no volume (line 9).  The file reads:
 * A in dvhs, the others in unread with status broken and the line. */
static void test_broken_structures(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("broken_structures.csv");
    assert_int_equal(set->n, 1);
    assert_string_equal(set->dvhs[0].name, "A");
    assert_int_equal(set->dvhs[0].status, RTFRAC_DVH_STATUS_OK);
    assert_int_equal(set->nunread, 3);
    const char *names[] = { "Couch", "B", "Zero" };
    const char *reasons[] = { "line 4: 'Couch': volume 54075 % is above 100 %", "line 7: 'B': negative volume -5 %",
                              "line 9: 'Zero': every volume is 0" };
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(set->unread[i].name, names[i]);
        assert_int_equal(set->unread[i].status, RTFRAC_DVH_STATUS_BROKEN);
        assert_int_equal(set->unread[i].n, 0);
        if (strstr(set->unread[i].reason, reasons[i]) == NULL)
            print_error("got '%s'\n", set->unread[i].reason);
        assert_non_null(strstr(set->unread[i].reason, reasons[i]));
    }
    rtfrac_dvh_set_free(set);
}

/* OnkoDICOM: a ROI of 0 mL (a couch in the real export) and one above 100 %
 * are listed as broken with their lines; gtv is read. */
static void test_onkodicom_broken_rois(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("onkodicom_broken.csv");
    assert_int_equal(set->n, 1);
    assert_string_equal(set->dvhs[0].name, "gtv");
    assert_int_equal(set->nunread, 2);
    assert_string_equal(set->unread[0].name, "Couch");
    assert_non_null(strstr(set->unread[0].reason, "line 3: 'Couch': ROI volume 0 mL"));
    assert_string_equal(set->unread[1].name, "cord");
    assert_non_null(strstr(set->unread[1].reason, "line 4: 'cord': volume 154 % is above 100 %"));
    rtfrac_dvh_set_free(set);
}

/* eclipse_partial_stats.txt: Cord, prescription 50 Gy (the table: 2500 cGy
 * is 50 %), statistics in %: min 2 % = 1 Gy, max 60 % = 30 Gy, mean 20 % =
 * 10 Gy; volume 40 cm3.  The curve has 10 % at 25 Gy and 4 % at 27.5 Gy: 90 %
 * lie between 1 and 25 Gy, 4 % between 27.5 Gy and the stated 30 Gy.  Mean,
 * min and max are the header's (exact).  D2%: half of the last 4 %, in the
 * stretch closed by the maximum: 30 - 2/4 x 2.5 = 28.75 Gy, exact.  D98%: in
 * the missing 90 %, at most 25 Gy.  V26Gy = 4 + 6 x 1.5/2.5 = 7.6 %; V0.5Gy
 * (below the stated minimum) = 100 % exact; V10Gy at most 100 %.  "Empty"
 * lists its table header without rows: status empty. */
static void test_eclipse_header_statistics(void **state)
{
    (void)state;
    rtfrac_dvh_set *set = read_fixture("eclipse_partial_stats.txt");
    const rtfrac_dvh *d = &set->dvhs[0];
    assert_true(d->has_header_min_dose && d->has_header_max_dose && d->has_header_mean_dose);
    assert_false(d->has_header_median_dose);
    assert_rel(d->header_min_dose_gy, 1.0, REL);
    assert_rel(d->header_max_dose_gy, 30.0, REL);
    assert_rel(d->header_mean_dose_gy, 10.0, REL);
    assert_true(d->has_header_volume);
    assert_rel(d->header_volume_cc, 40.0, REL);
    assert_false(d->complete_low);
    assert_false(d->complete_high);
    rtfrac_dvh_bins b;
    rtfrac_dvh_stats s;
    assert_int_equal(rtfrac_dvh_bins_from(d, &b), RTFRAC_OK);
    assert_true(b.max_closed && b.min_known && b.has_mean);
    assert_rel(b.total_volume, 40.0, REL);
    assert_int_equal(rtfrac_dvh_stats_of(&b, &s), RTFRAC_OK);
    assert_rel(s.mean_gy, 10.0, REL);
    assert_rel(s.min_gy, 1.0, REL);
    assert_rel(s.max_gy, 30.0, REL);
    assert_int_equal(s.mean_bound, RTFRAC_DVH_EXACT);
    assert_int_equal(s.min_bound, RTFRAC_DVH_EXACT);
    assert_int_equal(s.max_bound, RTFRAC_DVH_EXACT);
    double v = 0.0;
    rtfrac_dvh_bound bd = RTFRAC_DVH_UNKNOWN;
    assert_int_equal(rtfrac_dvh_d_percent(&b, 2.0, &v), RTFRAC_OK);
    assert_rel(v, 28.75, REL);
    assert_int_equal(rtfrac_dvh_d_percent_bounded(&b, 98.0, &v, &bd), RTFRAC_OK);
    assert_rel(v, 25.0, REL);
    assert_int_equal(bd, RTFRAC_DVH_AT_MOST);
    assert_int_equal(rtfrac_dvh_v_percent(&b, 26.0, &v), RTFRAC_OK);
    assert_rel(v, 7.6, REL);
    assert_int_equal(rtfrac_dvh_v_percent(&b, 0.5, &v), RTFRAC_OK);
    assert_rel(v, 100.0, REL);
    assert_int_equal(rtfrac_dvh_v_percent_bounded(&b, 10.0, &v, &bd), RTFRAC_OK);
    assert_int_equal(bd, RTFRAC_DVH_AT_MOST);
    /* an EQD2 conversion drops the stated (physical) mean */
    rtfrac_dvh_bins e;
    assert_int_equal(rtfrac_dvh_bins_eqd2(&b, 25, 2.0, &e), RTFRAC_OK);
    assert_false(e.has_mean);
    assert_int_equal(rtfrac_dvh_stats_of(&e, &s), RTFRAC_OK);
    assert_int_equal(s.mean_bound, RTFRAC_DVH_AT_MOST);
    rtfrac_dvh_bins_release(&e);
    rtfrac_dvh_bins_release(&b);
    assert_int_equal(set->nunread, 1);
    assert_string_equal(set->unread[0].name, "Empty");
    assert_int_equal(set->unread[0].status, RTFRAC_DVH_STATUS_EMPTY);
    rtfrac_dvh_set_free(set);
}

static void test_names(void **state)
{
    (void)state;
    rtfrac_dvh_status st = RTFRAC_DVH_STATUS_OK;
    rtfrac_dvh_bound bd = RTFRAC_DVH_EXACT;
    assert_string_equal(rtfrac_dvh_status_name(RTFRAC_DVH_STATUS_BROKEN), "broken");
    assert_int_equal(rtfrac_dvh_status_parse("Empty", &st), RTFRAC_OK);
    assert_int_equal(st, RTFRAC_DVH_STATUS_EMPTY);
    assert_int_equal(rtfrac_dvh_status_parse("gone", &st), RTFRAC_EINVAL);
    assert_string_equal(rtfrac_dvh_status_name((rtfrac_dvh_status)9), "");
    assert_string_equal(rtfrac_dvh_bound_name(RTFRAC_DVH_AT_LEAST), "at-least");
    assert_int_equal(rtfrac_dvh_bound_parse("at-most", &bd), RTFRAC_OK);
    assert_int_equal(bd, RTFRAC_DVH_AT_MOST);
    assert_int_equal(rtfrac_dvh_bound_parse("about", &bd), RTFRAC_EINVAL);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partial_start),
        cmocka_unit_test(test_partial_tail),
        cmocka_unit_test(test_vertical_step),
        cmocka_unit_test(test_noise_floor),
        cmocka_unit_test(test_broken_structures),
        cmocka_unit_test(test_onkodicom_broken_rois),
        cmocka_unit_test(test_eclipse_header_statistics),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
