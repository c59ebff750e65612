/* The one parser of dose-volume metrics (rtfrac_dvh_metric_parse): rtfrac's
 * spellings and the AAPM TG-263 ones (Mayo C et al., Int J Radiat Oncol Biol
 * Phys 2018;100(4):1057-1066, section on DVH metric nomenclature).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <rtfrac.h>

typedef struct good {
    const char *text;
    rtfrac_metric_kind kind;
    double x;
    rtfrac_dvh_metric_unit unit;
    const char *name; /* rtfrac's spelling back */
} good;

static const good goods[] = {
    { "min", RTFRAC_METRIC_MIN, 0.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "min" },
    { "mean", RTFRAC_METRIC_MEAN, 0.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "mean" },
    { "max", RTFRAC_METRIC_MAX, 0.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "max" },
    { "median", RTFRAC_METRIC_D_PERCENT, 50.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "D50%" },
    { "Dmin", RTFRAC_METRIC_MIN, 0.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "min" },
    { "Dmean", RTFRAC_METRIC_MEAN, 0.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "mean" },
    { "Dmax[Gy]", RTFRAC_METRIC_MAX, 0.0, RTFRAC_DVH_METRIC_UNIT_GY, "max[Gy]" },
    { "Dmedian", RTFRAC_METRIC_D_PERCENT, 50.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "D50%" },
    { "D95%", RTFRAC_METRIC_D_PERCENT, 95.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "D95%" },
    { "D95%[Gy]", RTFRAC_METRIC_D_PERCENT, 95.0, RTFRAC_DVH_METRIC_UNIT_GY, "D95%[Gy]" },
    { "D0.1cc", RTFRAC_METRIC_D_CC, 0.1, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "D0.1cc" },
    { "D0.1cc[Gy]", RTFRAC_METRIC_D_CC, 0.1, RTFRAC_DVH_METRIC_UNIT_GY, "D0.1cc[Gy]" },
    { "V20Gy", RTFRAC_METRIC_V_GY, 20.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "V20Gy" },
    { "V20Gy[%]", RTFRAC_METRIC_V_GY, 20.0, RTFRAC_DVH_METRIC_UNIT_PERCENT, "V20Gy[%]" },
    { "V5Gy[cc]", RTFRAC_METRIC_V_GY, 5.0, RTFRAC_DVH_METRIC_UNIT_CC, "V5Gy[cc]" },
    /* 2385 cGy is 23.85 Gy */
    { "V2385cGy[%]", RTFRAC_METRIC_V_GY, 23.85, RTFRAC_DVH_METRIC_UNIT_PERCENT, "V23.85Gy[%]" },
    { "gEUD=8", RTFRAC_METRIC_GEUD, 8.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "gEUD=8" },
    { "gEUD=-10", RTFRAC_METRIC_GEUD, -10.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT, "gEUD=-10" },
};

static void test_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(goods) / sizeof(goods[0]); i++) {
        rtfrac_dvh_metric m;
        rtfrac_diag d;
        char name[64];
        rtfrac_diag_clear(&d);
        int rc = rtfrac_dvh_metric_parse(goods[i].text, &m, &d);
        if (rc != RTFRAC_OK)
            print_error("'%s': %s\n", goods[i].text, d.message);
        assert_int_equal(rc, RTFRAC_OK);
        assert_int_equal(m.kind, goods[i].kind);
        assert_rel(m.x, goods[i].x, 1e-15);
        assert_int_equal(m.unit, goods[i].unit);
        assert_int_equal(rtfrac_dvh_metric_name(&m, name, sizeof(name)), RTFRAC_OK);
        assert_string_equal(name, goods[i].name);
    }
}

typedef struct bad {
    const char *text;
    unsigned column;
    const char *contains;
} bad;

static const bad bads[] = {
    { "", 1, "unknown metric" },
    { "d95%", 1, "unknown metric" },
    { "D95", 4, "needs a unit" },
    { "D0%", 2, "number above 0" },
    { "D150%", 2, "up to 100 %" },
    { "D-5cc", 2, "number above 0" },
    { "D2cc ", 5, "unexpected ' '" },
    { "D95%[%]", 6, "does not fit" },
    { "V20Gy[Gy]", 7, "does not fit" },
    { "V20Gy[%", 6, "unexpected" },
    { "V20Gy[percent]", 7, "does not fit" },
    { "V20", 4, "needs a unit" },
    { "gEUD=0", 6, "parameter a" },
    { "gEUD=x", 6, "parameter a" },
    { "Dmax Gy", 5, "unexpected" },
};

static void test_invalid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
        rtfrac_dvh_metric m = { RTFRAC_METRIC_MAX, 7.0, RTFRAC_DVH_METRIC_UNIT_CC };
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        int rc = rtfrac_dvh_metric_parse(bads[i].text, &m, &d);
        if (rc != RTFRAC_EPARSE || d.column != bads[i].column || strstr(d.message, bads[i].contains) == NULL)
            print_error("'%s': rc %d column %u (expected %u): %s\n", bads[i].text, rc, d.column,
                        bads[i].column, d.message);
        assert_int_equal(rc, RTFRAC_EPARSE);
        assert_int_equal(d.column, bads[i].column);
        assert_non_null(strstr(d.message, bads[i].contains));
        assert_int_equal(m.kind, RTFRAC_METRIC_MAX); /* untouched */
    }
    rtfrac_dvh_metric m = { (rtfrac_metric_kind)99, 1.0, RTFRAC_DVH_METRIC_UNIT_DEFAULT };
    char buf[8];
    assert_int_equal(rtfrac_dvh_metric_name(&m, buf, sizeof(buf)), RTFRAC_EINVAL);
    m.kind = RTFRAC_METRIC_V_GY;
    m.x = 123456.789;
    assert_int_equal(rtfrac_dvh_metric_name(&m, buf, sizeof(buf)), RTFRAC_ERANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
