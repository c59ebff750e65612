/* Unit tests of DVH computations (include/rtfrac/dvh.h, src/lib/dvh.c):
 * bins, EQD2 conversion bin by bin, metrics, gEUD and LKB NTCP.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include <rtfrac.h>

#define REL 1e-12

static rtfrac_dvh curve(double *dose, double *vol, size_t n, rtfrac_dvh_kind kind,
                        rtfrac_volume_unit unit, double total_cc)
{
    rtfrac_dvh d;
    memset(&d, 0, sizeof(d));
    strcpy(d.name, "test");
    d.kind = kind;
    d.volume_unit = unit;
    d.total_volume_cc = total_cc;
    d.n = n;
    d.dose_gy = dose;
    d.volume = vol;
    return d;
}

static rtfrac_dvh_bins bins_of(const rtfrac_dvh *d)
{
    rtfrac_dvh_bins b;
    memset(&b, 0, sizeof(b));
    assert_int_equal(rtfrac_dvh_bins_from(d, &b), RTFRAC_OK);
    return b;
}

/* Hand calculation: half the volume at 20 Gy, half at 60 Gy, 30 fractions,
 * alpha/beta 3 Gy.  Bin by bin (each bin its own dose per fraction):
 * EQD2(60) = 60 (2 + 3)/5 = 60 Gy, EQD2(20) = 20 (0.6667 + 3)/5 = 14.667 Gy,
 * mean 37.333 Gy.  With the prescription's 2 Gy per fraction for every bin
 * (the known bug) it would be 40 Gy: this test makes sure it is not. */
static void test_eqd2_per_bin_dose_per_fraction(void **state)
{
    (void)state;
    double dose[] = { 20.0, 60.0 }, vol[] = { 50.0, 50.0 };
    rtfrac_dvh d = curve(dose, vol, 2, RTFRAC_DVH_DIFFERENTIAL, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins b = bins_of(&d), e;
    assert_int_equal(rtfrac_dvh_bins_eqd2(&b, 30, 3.0, &e), RTFRAC_OK);
    assert_rel(e.dose_gy[0], 20.0 * (20.0 / 30.0 + 3.0) / 5.0, REL);
    assert_rel(e.dose_gy[1], 60.0, REL);
    rtfrac_dvh_stats s;
    assert_int_equal(rtfrac_dvh_stats_of(&e, &s), RTFRAC_OK);
    assert_rel(s.mean_gy, 0.5 * (20.0 * (20.0 / 30.0 + 3.0) / 5.0 + 60.0), REL);
    assert_true(fabs(s.mean_gy - 40.0) > 2.0);
    /* the mean of the EQD2 distribution, not the EQD2 of the mean dose */
    rtfrac_dvh_stats p;
    assert_int_equal(rtfrac_dvh_stats_of(&b, &p), RTFRAC_OK);
    assert_rel(p.mean_gy, 40.0, REL);
    double eqd2_of_mean = 40.0 * (40.0 / 30.0 + 3.0) / 5.0;
    assert_true(fabs(s.mean_gy - eqd2_of_mean) > 0.5);
    rtfrac_dvh_bins_release(&b);
    rtfrac_dvh_bins_release(&e);
}

/* A cumulative curve in % with a known volume: the bins give the file's
 * own curve back at every point, and the metrics interpolate linearly. */
static void test_cumulative_metrics(void **state)
{
    (void)state;
    double dose[] = { 0.0, 10.0, 20.0, 30.0, 40.0 };
    double vol[] = { 100.0, 80.0, 50.0, 10.0, 0.0 };
    rtfrac_dvh d = curve(dose, vol, 5, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT, 200.0);
    rtfrac_dvh_bins b = bins_of(&d);
    assert_true(b.absolute);
    assert_rel(b.total_volume, 200.0, REL);
    double v = 0.0, x = 0.0;
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(rtfrac_dvh_v_percent(&b, dose[i], &v), RTFRAC_OK);
        assert_rel(v, vol[i], 1e-12);
    }
    assert_int_equal(rtfrac_dvh_v_percent(&b, 25.0, &v), RTFRAC_OK);
    assert_rel(v, 30.0, REL);
    assert_int_equal(rtfrac_dvh_v_cc(&b, 25.0, &v), RTFRAC_OK);
    assert_rel(v, 60.0, REL);
    assert_int_equal(rtfrac_dvh_d_percent(&b, 50.0, &x), RTFRAC_OK);
    assert_rel(x, 20.0, REL);
    assert_int_equal(rtfrac_dvh_d_percent(&b, 65.0, &x), RTFRAC_OK);
    assert_rel(x, 15.0, REL);
    assert_int_equal(rtfrac_dvh_d_cc(&b, 20.0, &x), RTFRAC_OK); /* 10 % */
    assert_rel(x, 30.0, REL);
    rtfrac_dvh_stats s;
    assert_int_equal(rtfrac_dvh_stats_of(&b, &s), RTFRAC_OK);
    /* mean: bins 20% at 5, 30% at 15, 40% at 25, 10% at 35 Gy = 18 Gy */
    assert_rel(s.mean_gy, 0.2 * 5 + 0.3 * 15 + 0.4 * 25 + 0.1 * 35, REL);
    assert_rel(s.min_gy, 0.0, 0.0);
    assert_rel(s.max_gy, 40.0, REL);
    assert_rel(s.total_volume, 200.0, REL);
    rtfrac_dvh_bins_release(&b);
}

/* Relative volume without a structure volume: cc metrics are refused. */
static void test_relative_only(void **state)
{
    (void)state;
    double dose[] = { 0.0, 50.0, 51.0 }, vol[] = { 100.0, 100.0, 0.0 };
    rtfrac_dvh d = curve(dose, vol, 3, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT, 0.0);
    rtfrac_dvh_bins b = bins_of(&d);
    double x = 0.0;
    assert_false(b.absolute);
    assert_int_equal(rtfrac_dvh_d_cc(&b, 1.0, &x), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_v_cc(&b, 1.0, &x), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_d_percent(&b, 95.0, &x), RTFRAC_OK);
    assert_true(x >= 50.0 && x <= 51.0);
    rtfrac_dvh_bins_release(&b);
}

/* The cumulative EQD2 curve is the physical one with its dose axis
 * converted point by point. */
static void test_eqd2_keeps_the_curve(void **state)
{
    (void)state;
    double dose[] = { 0.0, 12.0, 24.385, 48.0, 66.0 };
    double vol[] = { 700.0, 500.0, 300.0, 120.0, 0.0 };
    rtfrac_dvh d = curve(dose, vol, 5, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins b = bins_of(&d), e;
    assert_int_equal(rtfrac_dvh_bins_eqd2(&b, 33, 2.5, &e), RTFRAC_OK);
    for (size_t i = 0; i < 5; i++) {
        double x = dose[i] * (dose[i] / 33.0 + 2.5) / 4.5, v = 0.0;
        assert_int_equal(rtfrac_dvh_v_cc(&e, x, &v), RTFRAC_OK);
        assert_rel(v, vol[i], 1e-12);
    }
    rtfrac_dvh_bins_release(&b);
    rtfrac_dvh_bins_release(&e);
}

/* Differential in cm3/Gy (Eclipse): volume = dV/dD x bin width. */
static void test_differential_per_gy(void **state)
{
    (void)state;
    double dose[] = { 1.0, 3.0, 5.0 }, vol[] = { 10.0, 20.0, 5.0 };
    rtfrac_dvh d = curve(dose, vol, 3, RTFRAC_DVH_DIFFERENTIAL, RTFRAC_VOLUME_CC_PER_GY, 0.0);
    rtfrac_dvh_bins b = bins_of(&d);
    assert_rel(b.total_volume, 2.0 * (10.0 + 20.0 + 5.0), REL);
    assert_rel(b.lo_gy[0], 0.0, 0.0);
    assert_rel(b.hi_gy[2], 6.0, REL);
    rtfrac_dvh_bins_release(&b);
}

/* gEUD (Niemierko A, Med Phys 1999;26:1100-1109): a = 1 is the mean, large a
 * tends to the maximum, and the closed form on two bins. */
static void test_geud(void **state)
{
    (void)state;
    double dose[] = { 20.0, 60.0 }, vol[] = { 30.0, 10.0 };
    rtfrac_dvh d = curve(dose, vol, 2, RTFRAC_DVH_DIFFERENTIAL, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins b = bins_of(&d);
    double g = 0.0;
    assert_int_equal(rtfrac_dvh_geud(&b, 1.0, &g), RTFRAC_OK);
    assert_rel(g, 30.0, REL);
    assert_int_equal(rtfrac_dvh_geud(&b, 8.0, &g), RTFRAC_OK);
    assert_rel(g, pow(0.75 * pow(20.0, 8) + 0.25 * pow(60.0, 8), 1.0 / 8.0), REL);
    assert_int_equal(rtfrac_dvh_geud(&b, -10.0, &g), RTFRAC_OK);
    assert_rel(g, pow(0.75 * pow(20.0, -10) + 0.25 * pow(60.0, -10), -0.1), REL);
    assert_int_equal(rtfrac_dvh_geud(&b, 0.0, &g), RTFRAC_EDOM);
    rtfrac_dvh_bins_release(&b);
}

/* gEUD for extreme a, against closed forms: a uniform dose is its own gEUD
 * for every a; a -> +inf tends to the maximum, a -> -inf to the minimum,
 * a -> 0 to the volume-weighted geometric mean.  The direct sum overflows
 * (60^200 ... 60^1000), underflows (20^-1000) or rounds to 1 (a = 1e-17)
 * and gave a wrong value or a blank before. */
static void test_geud_extreme_a(void **state)
{
    (void)state;
    const double as[] = { 1e-17, -1e-17, 1e-300, -1000.0, -200.0, 200.0, 1000.0, 1e6, -1e6, 2.385 };
    double udose[] = { 47.3 }, uvol[] = { 12.5 };
    rtfrac_dvh u = curve(udose, uvol, 1, RTFRAC_DVH_DIFFERENTIAL, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins ub = bins_of(&u);
    double dose[] = { 20.0, 60.0 }, vol[] = { 30.0, 10.0 };
    rtfrac_dvh d = curve(dose, vol, 2, RTFRAC_DVH_DIFFERENTIAL, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins b = bins_of(&d);
    double g = 0.0;
    for (size_t i = 0; i < sizeof(as) / sizeof(as[0]); i++) {
        assert_int_equal(rtfrac_dvh_geud(&ub, as[i], &g), RTFRAC_OK);
        assert_rel(g, 47.3, 1e-14);
        assert_int_equal(rtfrac_dvh_geud(&b, as[i], &g), RTFRAC_OK);
        assert_true(g >= 20.0 && g <= 60.0);
    }
    /* a -> 0: exp(0.75 ln 20 + 0.25 ln 60) */
    const double geo = exp(0.75 * log(20.0) + 0.25 * log(60.0));
    assert_int_equal(rtfrac_dvh_geud(&b, 1e-17, &g), RTFRAC_OK);
    assert_rel(g, geo, 1e-12);
    assert_int_equal(rtfrac_dvh_geud(&b, -1e-17, &g), RTFRAC_OK);
    assert_rel(g, geo, 1e-12);
    /* large a: 60 (0.25 + 0.75 (1/3)^a)^(1/a), i.e. 60 * 0.25^(1/a) */
    assert_int_equal(rtfrac_dvh_geud(&b, 1000.0, &g), RTFRAC_OK);
    assert_rel(g, 60.0 * pow(0.25, 1.0 / 1000.0), 1e-12);
    assert_int_equal(rtfrac_dvh_geud(&b, 200.0, &g), RTFRAC_OK);
    assert_rel(g, 60.0 * pow(0.25 + 0.75 * pow(1.0 / 3.0, 200.0), 1.0 / 200.0), 1e-12);
    assert_int_equal(rtfrac_dvh_geud(&b, 1e6, &g), RTFRAC_OK);
    assert_rel(g, 60.0, 1e-5);
    /* large negative a: 20 (0.75 + 0.25 3^a)^(1/a) */
    assert_int_equal(rtfrac_dvh_geud(&b, -1000.0, &g), RTFRAC_OK);
    assert_rel(g, 20.0 * pow(0.75, -1.0 / 1000.0), 1e-12);
    assert_int_equal(rtfrac_dvh_geud(&b, -1e6, &g), RTFRAC_OK);
    assert_rel(g, 20.0, 1e-5);
    /* a zero dose: fine for a > 0 (0^a = 0), refused for a < 0 */
    double zdose[] = { 0.0, 50.0 }, zvol[] = { 1.0, 1.0 };
    rtfrac_dvh z = curve(zdose, zvol, 2, RTFRAC_DVH_DIFFERENTIAL, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins zb = bins_of(&z);
    assert_int_equal(rtfrac_dvh_geud(&zb, 1000.0, &g), RTFRAC_OK);
    assert_rel(g, 50.0 * pow(0.5, 1.0 / 1000.0), 1e-12);
    assert_int_equal(rtfrac_dvh_geud(&zb, 1.0, &g), RTFRAC_OK);
    assert_rel(g, 25.0, 1e-12);
    assert_int_equal(rtfrac_dvh_geud(&zb, -1000.0, &g), RTFRAC_EDOM);
    rtfrac_dvh_bins_release(&zb);
    rtfrac_dvh_bins_release(&b);
    rtfrac_dvh_bins_release(&ub);
}

/* LKB NTCP with the liver parameters of Dawson LA et al., Int J Radiat Oncol
 * Biol Phys 2002;53:810-821 (n 0.97, m 0.12, TD50 45.8 Gy for metastases):
 * at D_eff = TD50 the NTCP is 50 %; a uniform liver at the QUANTEC mean-dose
 * limit for metastases (32 Gy; Pan CC et al., Int J Radiat Oncol Biol Phys
 * 2010;76(3 Suppl):S94-S100) gives a RILD risk below 5 %, as the limit says. */
static void test_ntcp_lkb(void **state)
{
    (void)state;
    double dose[] = { 45.8 }, vol[] = { 1500.0 };
    rtfrac_dvh d = curve(dose, vol, 1, RTFRAC_DVH_DIFFERENTIAL, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins b = bins_of(&d);
    double ntcp = 0.0, deff = 0.0;
    assert_int_equal(rtfrac_dvh_ntcp_lkb(&b, 45.8, 0.12, 0.97, &ntcp, &deff), RTFRAC_OK);
    assert_rel(deff, 45.8, 1e-12);
    assert_rel(ntcp, 0.5, 1e-12);
    b.dose_gy[0] = b.lo_gy[0] = b.hi_gy[0] = 32.0;
    assert_int_equal(rtfrac_dvh_ntcp_lkb(&b, 45.8, 0.12, 0.97, &ntcp, &deff), RTFRAC_OK);
    assert_true(ntcp < 0.05);
    /* closed form: Phi((32 - 45.8) / (0.12 * 45.8)) */
    assert_rel(ntcp, 0.5 * erfc(-((32.0 - 45.8) / (0.12 * 45.8)) / sqrt(2.0)), 1e-9);
    assert_int_equal(rtfrac_dvh_ntcp_lkb(&b, 0.0, 0.12, 0.97, &ntcp, &deff), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_ntcp_lkb(&b, 45.8, 0.0, 0.97, &ntcp, &deff), RTFRAC_EDOM);
    rtfrac_dvh_bins_release(&b);
}

/* LKB NTCP of a set fitted on DVHs at 1.5 Gy per fraction: the Dawson 2002
 * primary hepatobiliary liver set (TD50 39.8 Gy, m 0.12, n 0.97, fitted on
 * physical dose in the Michigan 1.5 Gy twice-daily protocols; values as
 * applied by Toramatsu C et al., Radiat Oncol 2013;8:48, Figure 3 legend,
 * to DVHs normalised to 1.5 Gy b.i.d.).  Hand calculation, liver
 * alpha/beta 2 Gy, 22 fractions, 60 % of the volume at 22 Gy and 40 % at
 * 44 Gy (physical), each bin at its own dose per fraction:
 *   EQD1.5(D) = D (D/22 + 2) / (1.5 + 2):
 *     EQD1.5(22) = 22 x 3 / 3.5 = 18.857143 Gy, EQD1.5(44) = 44 x 4 / 3.5 = 50.285714 Gy
 *   (EQD2 would be 16.5 and 44 Gy: EQD1.5 = 4/3.5 = 1.142857 EQD2)
 *   D_eff = (0.6 x 18.857143^(1/0.97) + 0.4 x 50.285714^(1/0.97))^0.97 = 31.542224 Gy
 *   t = (31.542224 - 39.8) / (0.12 x 39.8) = -1.729015, NTCP = Phi(t) = 0.041903
 *   (on the EQD2 bins: D_eff 27.599446 Gy, NTCP 0.005316: under-estimated).
 * Checked three ways: the numbers above, the closed form (gEUD sum and
 * gsl_cdf_ugaussian_P), and the bins converted straight from physical dose
 * by rtfrac_array_eqdx at x = 1.5 Gy. */
static void test_ntcp_lkb_eqdx(void **state)
{
    (void)state;
    double dose[] = { 22.0, 44.0 }, vol[] = { 600.0, 400.0 };
    rtfrac_dvh d = curve(dose, vol, 2, RTFRAC_DVH_DIFFERENTIAL, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins b = bins_of(&d), e, x;
    assert_int_equal(rtfrac_dvh_bins_eqd2(&b, 22, 2.0, &e), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_bins_eqdx_of_eqd2(&e, 2.0, 1.5, &x), RTFRAC_OK);
    assert_rel(x.dose_gy[0], 22.0 * 3.0 / 3.5, REL);
    assert_rel(x.dose_gy[1], 44.0 * 4.0 / 3.5, REL);
    assert_rel(x.dose_gy[0], 18.857143, 1e-7);
    double direct[2];
    assert_int_equal(rtfrac_array_eqdx(b.dose_gy, 2, RTFRAC_ARRAY_TOTAL, 22, 2.0, 1.5, direct, NULL), RTFRAC_OK);
    assert_rel(x.dose_gy[0], direct[0], REL);
    assert_rel(x.dose_gy[1], direct[1], REL);
    assert_rel(x.volume[1], 400.0, 0.0);
    double ntcp = 0.0, deff = 0.0;
    assert_int_equal(rtfrac_dvh_ntcp_lkb_eqdx(&e, 2.0, 1.5, 39.8, 0.12, 0.97, &ntcp, &deff), RTFRAC_OK);
    double a = 1.0 / 0.97;
    double closed = pow(0.6 * pow(22.0 * 3.0 / 3.5, a) + 0.4 * pow(44.0 * 4.0 / 3.5, a), 1.0 / a);
    assert_rel(deff, closed, 1e-12);
    assert_rel(deff, 31.542224, 1e-7);
    assert_rel(ntcp, gsl_cdf_ugaussian_P((closed - 39.8) / (0.12 * 39.8)), 1e-12);
    assert_rel(ntcp, 0.041903, 1e-4);
    /* x = 2 Gy is exactly the EQD2 computation */
    double n2 = 0.0, d2 = 0.0, n2x = 0.0, d2x = 0.0;
    assert_int_equal(rtfrac_dvh_ntcp_lkb(&e, 39.8, 0.12, 0.97, &n2, &d2), RTFRAC_OK);
    assert_int_equal(rtfrac_dvh_ntcp_lkb_eqdx(&e, 2.0, 2.0, 39.8, 0.12, 0.97, &n2x, &d2x), RTFRAC_OK);
    assert_rel(n2x, n2, 0.0);
    assert_rel(d2x, d2, 0.0);
    assert_rel(d2, 27.599446, 1e-7);
    assert_rel(deff / d2, 4.0 / 3.5, 1e-12); /* gEUD scales with the dose: the bin factor carries over */
    assert_true(ntcp > n2);
    assert_int_equal(rtfrac_dvh_ntcp_lkb_eqdx(&e, 0.0, 1.5, 39.8, 0.12, 0.97, &ntcp, &deff), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_ntcp_lkb_eqdx(&e, 2.0, 0.0, 39.8, 0.12, 0.97, &ntcp, &deff), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_ntcp_lkb_eqdx(&e, 2.0, NAN, 39.8, 0.12, 0.97, &ntcp, &deff), RTFRAC_EDOM);
    rtfrac_dvh_bins_release(&x);
    rtfrac_dvh_bins_release(&e);
    rtfrac_dvh_bins_release(&b);
}

static void test_bins_errors(void **state)
{
    (void)state;
    rtfrac_dvh_bins b;
    double dose[] = { 0.0, 10.0, 5.0 }, vol[] = { 100.0, 50.0, 0.0 };
    rtfrac_dvh d = curve(dose, vol, 3, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT, 0.0);
    assert_int_equal(rtfrac_dvh_bins_from(&d, &b), RTFRAC_EDOM); /* dose not increasing */
    double dose2[] = { 0.0, 10.0, 20.0 }, vol2[] = { 50.0, 80.0, 0.0 };
    d = curve(dose2, vol2, 3, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_PERCENT, 0.0);
    assert_int_equal(rtfrac_dvh_bins_from(&d, &b), RTFRAC_EDOM); /* a rising curve */
    double vol3[] = { 0.0, 0.0, 0.0 };
    d = curve(dose2, vol3, 3, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_CC, 0.0);
    assert_int_equal(rtfrac_dvh_bins_from(&d, &b), RTFRAC_EDOM); /* no volume */
    double vol4[] = { 100.0, NAN, 0.0 };
    d = curve(dose2, vol4, 3, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_CC, 0.0);
    assert_int_equal(rtfrac_dvh_bins_from(&d, &b), RTFRAC_EDOM);
    double dose5[] = { 0.0, 10.0 }, vol5[] = { 100.0, 0.0 };
    d = curve(dose5, vol5, 2, RTFRAC_DVH_CUMULATIVE, RTFRAC_VOLUME_CC, 0.0);
    rtfrac_dvh_bins ok = bins_of(&d), e;
    assert_int_equal(rtfrac_dvh_bins_eqd2(&ok, 0, 3.0, &e), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_bins_eqd2(&ok, 5, 0.0, &e), RTFRAC_EDOM);
    double x;
    assert_int_equal(rtfrac_dvh_d_percent(&ok, 0.0, &x), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_d_percent(&ok, 101.0, &x), RTFRAC_EDOM);
    assert_int_equal(rtfrac_dvh_d_cc(&ok, 200.0, &x), RTFRAC_EDOM);
    rtfrac_dvh_bins_release(&ok);
    rtfrac_dvh_bins_release(NULL);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eqd2_per_bin_dose_per_fraction),
        cmocka_unit_test(test_cumulative_metrics),
        cmocka_unit_test(test_relative_only),
        cmocka_unit_test(test_eqd2_keeps_the_curve),
        cmocka_unit_test(test_differential_per_gy),
        cmocka_unit_test(test_geud),
        cmocka_unit_test(test_geud_extreme_a),
        cmocka_unit_test(test_ntcp_lkb),
        cmocka_unit_test(test_ntcp_lkb_eqdx),
        cmocka_unit_test(test_bins_errors),
    };
    return cmocka_run_group_tests_name("dvh", tests, NULL, NULL);
}
