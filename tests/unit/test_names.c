/* Every public enum has a _name and a _parse function that are each
 * other's inverse; unknown values and names are refused.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <rtfrac.h>

/* Round trip of values 0 .. n - 1 through _name and _parse. */
#define ROUND_TRIP(type, name_fn, parse_fn, n)                                  \
    do {                                                                        \
        for (int i_ = 0; i_ < (n); i_++) {                                      \
            const char *s_ = name_fn((type)i_);                                 \
            type back_;                                                         \
            if (s_[0] == '\0')                                                  \
                continue; /* a value with no name (e.g. unstated evidence) */   \
            assert_int_equal(parse_fn(s_, &back_), RTFRAC_OK);                  \
            assert_int_equal((int)back_, i_);                                   \
        }                                                                       \
        type bad_;                                                              \
        assert_string_equal(name_fn((type)(n)), "");                            \
        assert_int_equal(parse_fn("no-such-name", &bad_), RTFRAC_EINVAL);       \
        assert_int_equal(parse_fn(NULL, &bad_), RTFRAC_EINVAL);                 \
    } while (0)

static void test_round_trips(void **state)
{
    (void)state;
    ROUND_TRIP(rtfrac_model_kind, rtfrac_model_kind_name, rtfrac_model_kind_parse, 3);
    ROUND_TRIP(rtfrac_row_time, rtfrac_row_time_name, rtfrac_row_time_parse, 3);
    ROUND_TRIP(rtfrac_row_ab_from, rtfrac_row_ab_from_name, rtfrac_row_ab_from_parse, 6);
    ROUND_TRIP(rtfrac_range_method, rtfrac_uncertainty_method_name, rtfrac_uncertainty_method_parse, 3);
    ROUND_TRIP(rtfrac_cross_kind, rtfrac_iso_cross_kind_name, rtfrac_iso_cross_kind_parse, 3);
    ROUND_TRIP(rtfrac_dvh_kind, rtfrac_dvh_kind_name, rtfrac_dvh_kind_parse, 2);
    ROUND_TRIP(rtfrac_volume_unit, rtfrac_dvh_volume_unit_name, rtfrac_dvh_volume_unit_parse, 3);
    ROUND_TRIP(rtfrac_num_problem, rtfrac_num_problem_name, rtfrac_num_problem_parse, 8);
    ROUND_TRIP(rtfrac_quantity, rtfrac_num_quantity_name, rtfrac_num_quantity_parse, 8);
    ROUND_TRIP(rtfrac_tissue_kind, rtfrac_presets_tissue_kind_name, rtfrac_presets_tissue_kind_parse, 3);
    ROUND_TRIP(rtfrac_table_range_kind, rtfrac_table_range_kind_name, rtfrac_table_range_kind_parse, 2);
    ROUND_TRIP(rtfrac_table_quantity, rtfrac_table_quantity_name, rtfrac_table_quantity_parse, 3);
    ROUND_TRIP(rtfrac_evidence, rtfrac_presets_evidence_name, rtfrac_presets_evidence_parse, 4);
    ROUND_TRIP(rtfrac_limit_unit, rtfrac_presets_limit_unit_name, rtfrac_presets_limit_unit_parse, 4);
    ROUND_TRIP(rtfrac_reirr_form, rtfrac_reirr_form_name, rtfrac_reirr_form_parse, 2);
    ROUND_TRIP(rtfrac_reirr_recovery_kind, rtfrac_reirr_recovery_kind_name, rtfrac_reirr_recovery_kind_parse, 3);
    ROUND_TRIP(rtfrac_preset_kind, rtfrac_presets_kind_name, rtfrac_presets_kind_parse, 6);
    ROUND_TRIP(rtfrac_dvh_format, rtfrac_dvh_format_name, rtfrac_dvh_format_parse, 9);
    ROUND_TRIP(rtfrac_dvh_metric_unit, rtfrac_dvh_metric_unit_name, rtfrac_dvh_metric_unit_parse, 4);
    ROUND_TRIP(rtfrac_constraint_verdict, rtfrac_constraint_verdict_name, rtfrac_constraint_verdict_parse, 4);
}

/* Case is ignored and the documented aliases are accepted. */
static void test_aliases(void **state)
{
    (void)state;
    rtfrac_model_kind k;
    assert_int_equal(rtfrac_model_kind_parse("LQ-L", &k), RTFRAC_OK);
    assert_int_equal(k, RTFRAC_MODEL_LQL);
    assert_int_equal(rtfrac_model_kind_parse("Usc", &k), RTFRAC_OK);
    assert_int_equal(k, RTFRAC_MODEL_USC);
    rtfrac_tissue_kind t;
    assert_int_equal(rtfrac_presets_tissue_kind_parse("tumor", &t), RTFRAC_OK);
    assert_int_equal(t, RTFRAC_TISSUE_TUMOUR);
    rtfrac_volume_unit u;
    assert_int_equal(rtfrac_dvh_volume_unit_parse("CC/GY", &u), RTFRAC_OK);
    assert_int_equal(u, RTFRAC_VOLUME_CC_PER_GY);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_aliases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
