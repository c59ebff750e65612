/* Unit tests of the EBRT + brachytherapy module (include/rtfrac/brachy.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "helpers.h"

#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_poly.h>

#include <rtfrac.h>

#define REL 1e-12

/* A plan of EBRT total/n and HDR fractions; structure s gets dose[s][i]. */
typedef struct fixture {
    rtfrac_brachy_component comp[8];
    double dose[4][8];
    rtfrac_brachy_structure st[4];
    rtfrac_brachy_plan plan;
} fixture;

static void fixture_init(fixture *f, double ebrt_gy, unsigned long ebrt_n, const double *hdr, size_t nhdr)
{
    memset(f, 0, sizeof(*f));
    f->comp[0].kind = RTFRAC_BRACHY_EBRT;
    f->comp[0].fractions = ebrt_n;
    f->dose[0][0] = ebrt_gy;
    for (size_t i = 0; i < nhdr; i++) {
        f->comp[i + 1].kind = RTFRAC_BRACHY_HDR;
        f->comp[i + 1].fractions = 1;
        f->dose[0][i + 1] = hdr[i];
    }
    f->st[0].name = "target";
    f->st[0].direction = RTFRAC_BRACHY_LOWER;
    f->st[0].alpha_beta_gy = 10.0;
    f->st[0].dose_gy = f->dose[0];
    f->plan.components = f->comp;
    f->plan.ncomponents = nhdr + 1;
    f->plan.structures = f->st;
    f->plan.nstructures = 1;
}

/* Organ s with alpha/beta 3: EBRT at ratio r, HDR at the given doses. */
static void fixture_oar(fixture *f, const char *name, double ratio, const double *hdr)
{
    size_t s = f->plan.nstructures++;
    f->dose[s][0] = ratio * f->dose[0][0];
    for (size_t i = 1; i < f->plan.ncomponents; i++)
        f->dose[s][i] = hdr[i - 1];
    f->st[s].name = name;
    f->st[s].direction = RTFRAC_BRACHY_UPPER;
    f->st[s].alpha_beta_gy = 3.0;
    f->st[s].dose_gy = f->dose[s];
}

static rtfrac_brachy_result eval(const fixture *f, size_t s, rtfrac_brachy_term *terms)
{
    rtfrac_brachy_result r;
    memset(&r, 0, sizeof(r));
    assert_int_equal(rtfrac_brachy_eval(&f->plan, s, terms, &r), RTFRAC_OK);
    return r;
}

/* Viswanathan AN et al., American Brachytherapy Society consensus
 * guidelines for locally advanced carcinoma of the cervix. Part II:
 * high-dose-rate brachytherapy. Brachytherapy 2012;11:47-52, Table 1
 * (read in its PMC author manuscript, PMC3489267): EBRT 25 x 1.8 Gy plus
 * HDR to point A, EQD2 to the tumour (alpha/beta 10), and to an organ at
 * risk (alpha/beta 3) that receives the whole EBRT dose and 90% or 70% of
 * each HDR fraction:
 *   4 x 7 Gy    83.9  90.1  74.2
 *   5 x 6 Gy    84.3  88.6  73.4
 *   6 x 5 Gy    81.8  83.7  70.5
 *   5 x 5.5 Gy  79.8  82.6  69.6
 * The first row is also the example (45 Gy/25 + 4 x 7 Gy = 83.9). */
static void test_abs_2012_table1(void **state)
{
    (void)state;
    static const struct {
        double d;
        size_t n;
        double target, oar90, oar70;
    } rows[] = {
        { 7.0, 4, 83.9, 90.1, 74.2 },
        { 6.0, 5, 84.3, 88.6, 73.4 },
        { 5.0, 6, 81.8, 83.7, 70.5 },
        { 5.5, 5, 79.8, 82.6, 69.6 },
    };
    for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
        double hdr[6], hdr90[6], hdr70[6];
        rtfrac_brachy_term terms[8];
        fixture f;
        for (size_t i = 0; i < rows[k].n; i++) {
            hdr[i] = rows[k].d;
            hdr90[i] = 0.9 * rows[k].d;
            hdr70[i] = 0.7 * rows[k].d;
        }
        fixture_init(&f, 45.0, 25, hdr, rows[k].n);
        fixture_oar(&f, "oar90", 1.0, hdr90);
        fixture_oar(&f, "oar70", 1.0, hdr70);
        assert_abs(eval(&f, 0, terms).total.eqd2_gy, rows[k].target, 0.05 + 1e-9); /* printed to 0.1 Gy: 84.25 shows as 84.3 */
        assert_abs(eval(&f, 1, terms).total.eqd2_gy, rows[k].oar90, 0.05 + 1e-9); /* printed to 0.1 Gy: 84.25 shows as 84.3 */
        assert_abs(eval(&f, 2, terms).total.eqd2_gy, rows[k].oar70, 0.05 + 1e-9); /* printed to 0.1 Gy: 84.25 shows as 84.3 */
    }
}

/* Tamaki T, Ohno T, Noda S, Kato S, Nakano T. J Radiat Res 2015;56(5):
 * 804-810 (doi 10.1093/jrr/rrv029; abstract, PMC4576998): the point-A
 * EQD2 (alpha/beta 10) of four schedules, "previously reported to be 62
 * Gy, 64 Gy, 72 Gy and 84 Gy":
 *   30 Gy/15 + 20 Gy/10 central shield + 4 x 6 Gy   30 + 32     = 62
 *   40 Gy/20 + 10 Gy/5 central shield + 3 x 6 Gy    40 + 24     = 64
 *   40 Gy/20 + 10 Gy/5 central shield + 4 x 6 Gy    40 + 32     = 72
 *   45 Gy/25 + 4 x 7 Gy                             44.25 + 39.67 = 83.92
 * (by hand: 2 Gy fractions keep EQD2 = dose; one 6 Gy fraction has BED
 * 6 x 1.6 = 9.6, EQD2 8; one 7 Gy fraction 7 x 1.7 / 1.2 = 9.9167).  The
 * central-shield fractions give point A no dose: that is the assumption
 * behind the published values, so they are not components here. */
static void test_tamaki_2015_point_a(void **state)
{
    (void)state;
    static const struct {
        double ebrt;
        unsigned long n;
        double d;
        size_t k;
        double eqd2, printed;
    } rows[] = {
        { 30.0, 15, 6.0, 4, 62.0, 62.0 },
        { 40.0, 20, 6.0, 3, 64.0, 64.0 },
        { 40.0, 20, 6.0, 4, 72.0, 72.0 },
        { 45.0, 25, 7.0, 4, 44.25 + 4 * 7.0 * 1.7 / 1.2, 84.0 },
    };
    for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
        double hdr[4];
        rtfrac_brachy_term terms[8];
        fixture f;
        for (size_t i = 0; i < rows[r].k; i++)
            hdr[i] = rows[r].d;
        fixture_init(&f, rows[r].ebrt, rows[r].n, hdr, rows[r].k);
        double total = eval(&f, 0, terms).total.eqd2_gy;
        assert_rel(total, rows[r].eqd2, 1e-12);
        assert_abs(total, rows[r].printed, 0.5); /* printed to 1 Gy */
    }
}

/* The remaining-fraction solve run backwards over the same published table
 * (Viswanathan 2012, Table 1, above): after EBRT 25 x 1.8 Gy and the first
 * HDR fraction of d Gy, the dose per fraction for the n - 1 fractions left
 * that brings the target to the table's total EQD2 must be d again, and the
 * organ that gets 90% (70%) of each fraction, held to the table's EQD2 for
 * it, must be allowed 0.9 d (0.7 d) per fraction: d for the target.  The
 * table prints EQD2 to 0.1 Gy (84.25 shows as 84.3), so the solved dose may
 * differ from d by the dose that changes the total by 0.05 Gy: n - 1
 * fractions of x Gy instead of d Gy at alpha/beta a change the EQD2 by
 *   (n - 1)(x - d)(1 + (x + d)/a) / (1 + 2/a)   (exactly),
 * so |x - d| <= 0.05 (1 + 2/a) / ((n - 1)(1 + (x + d)/a)), which for the
 * target in 4 x 7 Gy is about 0.05 x 1.2 / (3 x 2.4) = 0.0083 Gy.
 * Each root is also substituted back into the BED equation. */
static void test_abs_2012_table1_remaining(void **state)
{
    (void)state;
    static const struct {
        double d;
        size_t n;
        double target, oar90, oar70;
    } rows[] = {
        { 7.0, 4, 83.9, 90.1, 74.2 },
        { 6.0, 5, 84.3, 88.6, 73.4 },
        { 5.0, 6, 81.8, 83.7, 70.5 },
        { 5.5, 5, 79.8, 82.6, 69.6 },
    };
    for (size_t k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
        const double d = rows[k].d, left = (double)(rows[k].n - 1);
        const double hdr[1] = { d }, hdr90[1] = { 0.9 * d }, hdr70[1] = { 0.7 * d };
        const double goal[3] = { rows[k].target, rows[k].oar90, rows[k].oar70 };
        const double share[3] = { 1.0, 0.9, 0.7 };
        rtfrac_brachy_term terms[8];
        rtfrac_brachy_result res[3];
        fixture f;
        fixture_init(&f, 45.0, 25, hdr, 1);
        fixture_oar(&f, "oar90", 1.0, hdr90);
        fixture_oar(&f, "oar70", 1.0, hdr70);
        f.plan.remaining = rows[k].n - 1;
        for (size_t s = 0; s < 3; s++) {
            f.st[s].has_aim = 1;
            f.st[s].aim_eqd2_gy = goal[s];
        }
        for (size_t s = 0; s < 3; s++) {
            const double ab = f.st[s].alpha_beta_gy;
            res[s] = eval(&f, s, terms);
            const rtfrac_brachy_solve *sv = &res[s].aim;
            const double x = sv->remaining.dose_per_fraction_gy;
            assert_int_equal(sv->status, RTFRAC_BRACHY_SOLVE_EXACT);
            assert_abs(x, share[s] * d, (0.05 + 1e-9) * (1 + 2 / ab) / (left * (1 + (x + share[s] * d) / ab)));
            assert_rel(res[s].total.bed_gy + left * x * (1 + x / ab), goal[s] * (1 + 2 / ab), 1e-12);
            assert_true(sv->has_target_dose);
            assert_rel(sv->target_dose_per_fraction_gy, x / share[s], 1e-12);
        }
    }
}

/* Closed form, term by term: EBRT 45/25 at alpha/beta 10 is BED 53.1,
 * EQD2 44.25; each 7 Gy fraction BED 11.9, EQD2 119/12; total 83.91666... */
static void test_terms_closed_form(void **state)
{
    (void)state;
    const double hdr[4] = { 7.0, 7.0, 7.0, 7.0 };
    rtfrac_brachy_term terms[8];
    fixture f;
    fixture_init(&f, 45.0, 25, hdr, 4);
    rtfrac_brachy_result r = eval(&f, 0, terms);
    assert_rel(terms[0].dose_per_fraction_gy, 1.8, REL);
    assert_rel(terms[0].bed_gy, 53.1, REL);
    assert_rel(terms[0].eqd2_gy, 44.25, REL);
    for (size_t i = 1; i <= 4; i++) {
        assert_int_equal(terms[i].fractions, 1);
        assert_rel(terms[i].bed_gy, 11.9, REL);
        assert_rel(terms[i].eqd2_gy, 119.0 / 12.0, REL);
    }
    assert_rel(r.total.physical_dose_gy, 73.0, REL);
    assert_int_equal(r.total.fractions, 29);
    assert_rel(r.total.bed_gy, 53.1 + 4 * 11.9, REL);
    assert_rel(r.total.eqd2_gy, 44.25 + 4 * 119.0 / 12.0, REL);
    assert_int_equal(r.status, RTFRAC_BRACHY_NO_GOAL);
    assert_int_equal(r.aim.status, RTFRAC_BRACHY_SOLVE_NONE);
}

/* Fractions at their own dose differ from the mean dose: 5.1, 4.8, 5.3,
 * 5.0 Gy to the bladder sum BED sum_i d_i (1 + d_i/3), not 4 dbar (1 +
 * dbar/3). */
static void test_own_dose_per_fraction(void **state)
{
    (void)state;
    const double hdr[4] = { 7.0, 7.0, 7.0, 7.0 };
    const double bl[4] = { 5.1, 4.8, 5.3, 5.0 };
    rtfrac_brachy_term terms[8];
    fixture f;
    fixture_init(&f, 45.0, 25, hdr, 4);
    fixture_oar(&f, "bladder", 1.0, bl);
    rtfrac_brachy_result r = eval(&f, 1, terms);
    double bed = 45.0 * (1.0 + 1.8 / 3.0);
    for (size_t i = 0; i < 4; i++)
        bed += bl[i] * (1.0 + bl[i] / 3.0);
    assert_rel(r.total.bed_gy, bed, REL);
    assert_rel(r.total.eqd2_gy, bed / (1.0 + 2.0 / 3.0), REL);
    assert_rel(r.hdr_ratio, (5.1 + 4.8 + 5.3 + 5.0) / 28.0, REL);
}

/* --ebrt-oar-ratio: the organ gets 0.9 x 45 Gy in 25 fractions of 1.62 Gy. */
static void test_ebrt_ratio(void **state)
{
    (void)state;
    const double hdr[1] = { 7.0 };
    const double bl[1] = { 5.0 };
    rtfrac_brachy_term terms[8];
    fixture f;
    fixture_init(&f, 45.0, 25, hdr, 1);
    fixture_oar(&f, "bladder", 0.9, bl);
    eval(&f, 1, terms);
    assert_rel(terms[0].physical_dose_gy, 40.5, REL);
    assert_rel(terms[0].dose_per_fraction_gy, 1.62, REL);
    assert_rel(terms[0].bed_gy, 40.5 * (1.0 + 1.62 / 3.0), REL);
}

static void test_status(void **state)
{
    (void)state;
    const double hdr[4] = { 7.0, 7.0, 7.0, 7.0 };
    const double bl[4] = { 5.1, 4.8, 5.3, 5.0 }; /* EQD2 ~ 76.65 */
    rtfrac_brachy_term terms[8];
    fixture f;
    fixture_init(&f, 45.0, 25, hdr, 4);
    fixture_oar(&f, "bladder", 1.0, bl);
    f.st[0].has_aim = 1, f.st[0].aim_eqd2_gy = 90.0;
    f.st[0].has_limit = 1, f.st[0].limit_eqd2_gy = 85.0;
    assert_int_equal(eval(&f, 0, terms).status, RTFRAC_BRACHY_BELOW_LIMIT);
    f.st[0].limit_eqd2_gy = 83.0;
    assert_int_equal(eval(&f, 0, terms).status, RTFRAC_BRACHY_BELOW_AIM);
    f.st[0].aim_eqd2_gy = 83.9;
    assert_int_equal(eval(&f, 0, terms).status, RTFRAC_BRACHY_PASS);
    f.st[1].has_aim = 1, f.st[1].aim_eqd2_gy = 80.0;
    f.st[1].has_limit = 1, f.st[1].limit_eqd2_gy = 90.0;
    assert_int_equal(eval(&f, 1, terms).status, RTFRAC_BRACHY_PASS);
    f.st[1].aim_eqd2_gy = 70.0;
    assert_int_equal(eval(&f, 1, terms).status, RTFRAC_BRACHY_ABOVE_AIM);
    f.st[1].limit_eqd2_gy = 75.0;
    assert_int_equal(eval(&f, 1, terms).status, RTFRAC_BRACHY_ABOVE_LIMIT);
    /* a value equal to the limit is within it */
    f.st[1].limit_eqd2_gy = eval(&f, 1, terms).total.eqd2_gy;
    assert_int_equal(eval(&f, 1, terms).status, RTFRAC_BRACHY_ABOVE_AIM);
    assert_string_equal(rtfrac_brachy_status_name(RTFRAC_BRACHY_ABOVE_LIMIT), "above-limit");
    assert_string_equal(rtfrac_brachy_status_name((rtfrac_brachy_status)99), "");
    assert_string_equal(rtfrac_brachy_solve_status_name(RTFRAC_BRACHY_SOLVE_EXCEEDED), "already-above");
}

/* Remaining fractions (the remaining-dose method of the GEC-ESTRO/Vienna
 * EQD2 workbooks: the physical dose per fraction for the fractions left that
 * brings the total EQD2 to the goal).  Two fractions of 7 Gy given after
 * 45/25, two to come: the target's aim 85 Gy needs x with
 *   2 x (1 + x/10) = 85 * 1.2 - (53.1 + 2 * 11.9),
 * solved here with GSL's quadratic solver as the independent check, and the
 * root substituted back. */
static void test_remaining_target(void **state)
{
    (void)state;
    const double hdr[2] = { 7.0, 7.0 };
    rtfrac_brachy_term terms[8];
    fixture f;
    double x0 = 0.0, x1 = 0.0;
    fixture_init(&f, 45.0, 25, hdr, 2);
    f.plan.remaining = 2;
    f.st[0].has_aim = 1, f.st[0].aim_eqd2_gy = 85.0;
    f.st[0].has_limit = 1, f.st[0].limit_eqd2_gy = 80.0;
    rtfrac_brachy_result r = eval(&f, 0, terms);
    double rest = 85.0 * 1.2 - (53.1 + 2 * 11.9);
    assert_int_equal(gsl_poly_solve_quadratic(2.0 / 10.0, 2.0, -rest, &x0, &x1), 2);
    assert_int_equal(r.aim.status, RTFRAC_BRACHY_SOLVE_EXACT);
    assert_rel(r.aim.remaining.dose_per_fraction_gy, x1, 1e-12);
    assert_rel(r.aim.total_eqd2_gy, 85.0, 1e-12);
    double x = r.aim.remaining.dose_per_fraction_gy;
    assert_rel(r.total.bed_gy + 2 * x * (1 + x / 10.0), 85.0 * 1.2, 1e-12);
    /* the limit (80) needs less than the aim */
    assert_true(r.limit.remaining.dose_per_fraction_gy < x);
    assert_rel(r.limit.total_eqd2_gy, 80.0, 1e-12);
    /* the reference target's own dose: ratio 1 */
    assert_true(r.aim.has_target_dose);
    assert_rel(r.aim.target_dose_per_fraction_gy, x, REL);
}

/* An organ: the largest dose per fraction that keeps it at its limit, the
 * binding organ, and what the target reaches at that dose.  Bladder at 0.75
 * of the target's HDR dose, rectum at 0.6: rectum (aim 65) binds before
 * bladder (aim 80). */
static void test_remaining_binding(void **state)
{
    (void)state;
    const double hdr[2] = { 7.0, 7.0 };
    const double bl[2] = { 5.25, 5.25 };
    const double re[2] = { 4.2, 4.2 };
    rtfrac_brachy_term terms[8];
    rtfrac_brachy_result res[3];
    fixture f;
    fixture_init(&f, 45.0, 25, hdr, 2);
    fixture_oar(&f, "bladder", 1.0, bl);
    fixture_oar(&f, "rectum", 1.0, re);
    f.plan.remaining = 2;
    f.st[1].has_aim = 1, f.st[1].aim_eqd2_gy = 80.0;
    f.st[1].has_limit = 1, f.st[1].limit_eqd2_gy = 90.0;
    f.st[2].has_aim = 1, f.st[2].aim_eqd2_gy = 65.0;
    f.st[2].has_limit = 1, f.st[2].limit_eqd2_gy = 75.0;
    for (size_t s = 0; s < 3; s++)
        res[s] = eval(&f, s, terms);
    for (size_t s = 1; s < 3; s++) {
        const rtfrac_brachy_solve *sv = &res[s].aim;
        double x = sv->remaining.dose_per_fraction_gy;
        assert_int_equal(sv->status, RTFRAC_BRACHY_SOLVE_EXACT);
        assert_rel(res[s].total.bed_gy + 2 * x * (1 + x / 3.0), sv->goal_eqd2_gy * (1 + 2 / 3.0), 1e-12);
        assert_rel(sv->total_eqd2_gy, sv->goal_eqd2_gy, 1e-12);
        assert_rel(sv->target_dose_per_fraction_gy, x / res[s].hdr_ratio, REL);
    }
    int found = 0;
    size_t which = 99;
    double tx = 0.0, teqd2 = 0.0;
    assert_int_equal(rtfrac_brachy_binding(&f.plan, res, 0, &found, &which, &tx, &teqd2), RTFRAC_OK);
    assert_true(found);
    double bx = res[1].aim.target_dose_per_fraction_gy, rx = res[2].aim.target_dose_per_fraction_gy;
    assert_int_equal(which, rx < bx ? 2 : 1);
    assert_rel(tx, rx < bx ? rx : bx, REL);
    assert_rel(teqd2, res[0].total.eqd2_gy + 2 * tx * (1 + tx / 10.0) / 1.2, 1e-12);
}

/* An organ already above its aim: status, zero dose, no NaN; it binds at 0. */
static void test_remaining_already_above(void **state)
{
    (void)state;
    const double hdr[3] = { 7.0, 7.0, 7.0 };
    const double re[3] = { 6.5, 6.5, 6.5 };
    rtfrac_brachy_term terms[8];
    rtfrac_brachy_result res[2];
    fixture f;
    fixture_init(&f, 45.0, 25, hdr, 3);
    fixture_oar(&f, "rectum", 1.0, re);
    f.plan.remaining = 1;
    f.st[1].has_aim = 1, f.st[1].aim_eqd2_gy = 65.0;
    f.st[1].has_limit = 1, f.st[1].limit_eqd2_gy = 75.0;
    f.st[0].has_aim = 1, f.st[0].aim_eqd2_gy = 60.0;
    res[0] = eval(&f, 0, terms);
    res[1] = eval(&f, 1, terms);
    assert_int_equal(res[1].status, RTFRAC_BRACHY_ABOVE_LIMIT);
    assert_int_equal(res[1].aim.status, RTFRAC_BRACHY_SOLVE_EXCEEDED);
    assert_int_equal(res[1].limit.status, RTFRAC_BRACHY_SOLVE_EXCEEDED);
    assert_abs(res[1].aim.remaining.dose_per_fraction_gy, 0.0, 0.0);
    assert_true(isfinite(res[1].aim.total_eqd2_gy));
    assert_rel(res[1].aim.total_eqd2_gy, res[1].total.eqd2_gy, REL);
    /* a target already past its aim: reached, nothing more needed */
    assert_int_equal(res[0].aim.status, RTFRAC_BRACHY_SOLVE_REACHED);
    int found = 0;
    size_t which = 99;
    double tx = -1.0, teqd2 = 0.0;
    assert_int_equal(rtfrac_brachy_binding(&f.plan, res, 1, &found, &which, &tx, &teqd2), RTFRAC_OK);
    assert_true(found);
    assert_int_equal(which, 1);
    assert_abs(tx, 0.0, 0.0);
    assert_rel(teqd2, res[0].total.eqd2_gy, REL);
}

static void test_errors(void **state)
{
    (void)state;
    const double hdr[2] = { 7.0, 7.0 };
    rtfrac_brachy_term terms[8];
    rtfrac_brachy_result r;
    rtfrac_brachy_component c = { RTFRAC_BRACHY_HDR, 2, 0.0, 0.0, 0.0, 0.0 };
    fixture f;
    fixture_init(&f, 45.0, 25, hdr, 2);
    assert_int_equal(rtfrac_brachy_term_eval(&c, 7.0, 10.0, terms), RTFRAC_EDOM);
    c.fractions = 1;
    assert_int_equal(rtfrac_brachy_term_eval(&c, -1.0, 10.0, terms), RTFRAC_EDOM);
    assert_int_equal(rtfrac_brachy_term_eval(&c, 7.0, 0.0, terms), RTFRAC_EDOM);
    /* outside 0.1 to 100 Gy, the alpha/beta range of every command: 1e-300
     * Gy gave a BED of 8e301 Gy with success */
    assert_int_equal(rtfrac_brachy_term_eval(&c, 7.0, 1e-300, terms), RTFRAC_EDOM);
    assert_int_equal(rtfrac_brachy_term_eval(&c, 7.0, RTFRAC_ALPHA_BETA_MAX_GY * 1.5, terms), RTFRAC_EDOM);
    assert_int_equal(rtfrac_brachy_term_eval(&c, 7.0, RTFRAC_ALPHA_BETA_MIN_GY, terms), RTFRAC_OK);
    c.kind = (rtfrac_brachy_kind)7;
    assert_int_equal(rtfrac_brachy_term_eval(&c, 7.0, 10.0, terms), RTFRAC_EINVAL);
    assert_int_equal(rtfrac_brachy_eval(&f.plan, 1, terms, &r), RTFRAC_EINVAL);
    f.dose[0][1] = NAN;
    assert_int_equal(rtfrac_brachy_eval(&f.plan, 0, terms, &r), RTFRAC_EDOM);
    f.dose[0][1] = 7.0;
    f.st[0].has_aim = 1, f.st[0].aim_eqd2_gy = 80.0;
    f.st[0].has_limit = 1, f.st[0].limit_eqd2_gy = 85.0; /* a target's limit above its aim */
    assert_int_equal(rtfrac_brachy_plan_check(&f.plan), RTFRAC_EDOM);
    f.st[0].has_limit = 0;
    f.st[0].direction = RTFRAC_BRACHY_UPPER; /* the reference must be a target */
    assert_int_equal(rtfrac_brachy_plan_check(&f.plan), RTFRAC_EINVAL);
    f.st[0].direction = RTFRAC_BRACHY_LOWER;
    f.plan.ncomponents = 0;
    assert_int_equal(rtfrac_brachy_plan_check(&f.plan), RTFRAC_EINVAL);
    f.plan.ncomponents = 3;
    f.plan.remaining = RTFRAC_FRACTIONS_MAX + 1;
    assert_int_equal(rtfrac_brachy_plan_check(&f.plan), RTFRAC_EDOM);
    f.plan.remaining = 0;
    int found;
    size_t w;
    double a, b;
    rtfrac_brachy_result res[1];
    memset(res, 0, sizeof(res));
    assert_int_equal(rtfrac_brachy_binding(&f.plan, res, 0, &found, &w, &a, &b), RTFRAC_EINVAL);
}

/* Constraint to goals: an EQD2-stated limit (dose_per_fraction 2 Gy) is its
 * own EQD2 at any alpha/beta; a lower bound only fits a target. */
static void test_goals_from_constraint(void **state)
{
    (void)state;
    rtfrac_constraint k;
    rtfrac_brachy_structure s;
    memset(&k, 0, sizeof(k));
    memset(&s, 0, sizeof(s));
    k.metric = RTFRAC_METRIC_D_CC;
    k.metric_x = 2.0;
    k.limit = 90.0;
    k.has_optimal = 1;
    k.optimal = 80.0;
    k.unit = RTFRAC_LIMIT_GY;
    k.dose_per_fraction_gy = 2.0;
    assert_int_equal(rtfrac_brachy_goals_from_constraint(&k, 3.0, RTFRAC_BRACHY_UPPER, &s), RTFRAC_OK);
    assert_rel(s.limit_eqd2_gy, 90.0, REL);
    assert_rel(s.aim_eqd2_gy, 80.0, REL);
    assert_true(s.has_aim && s.has_limit);
    assert_int_equal(rtfrac_brachy_goals_from_constraint(&k, 3.0, RTFRAC_BRACHY_LOWER, &s), RTFRAC_EINVAL);
    k.metric = RTFRAC_METRIC_MEAN;
    assert_int_equal(rtfrac_brachy_goals_from_constraint(&k, 3.0, RTFRAC_BRACHY_UPPER, &s), RTFRAC_EINVAL);
    /* an aim only (IR-CTV D98 > 60 Gy EQD2, no limit): an aim and no limit */
    memset(&k, 0, sizeof(k));
    k.metric = RTFRAC_METRIC_D_PERCENT;
    k.metric_x = 98.0;
    k.aim_only = 1;
    k.has_optimal = 1;
    k.optimal = 60.0;
    k.lower_bound = 1;
    k.unit = RTFRAC_LIMIT_GY;
    k.dose_per_fraction_gy = 2.0;
    s.has_limit = 1;
    s.limit_eqd2_gy = 99.0;
    assert_int_equal(rtfrac_brachy_goals_from_constraint(&k, 10.0, RTFRAC_BRACHY_LOWER, &s), RTFRAC_OK);
    assert_true(s.has_aim);
    assert_false(s.has_limit);
    assert_rel(s.aim_eqd2_gy, 60.0, REL);
    assert_rel(s.limit_eqd2_gy, 0.0, 0.0);
}

/* EBRT 45 Gy/25 plus an I-125 permanent-implant boost of 110 Gy (a common
 * boost dose after 45 Gy), prostate a/b 3.1 Gy and repair half-time 0.27 h
 * (Wang JZ et al., Int J Radiat Oncol Biol Phys 2003;55:194-203, as in
 * 'rtfrac implant'), I-125 half-life 59.4 d (presets/isotopes.ini).  No
 * published EBRT + implant EQD2 sum was found to check against, so the
 * closed forms are checked, with numbers computed independently (Python,
 * math module):
 *   lambda = ln 2/(59.4 x 24) /h, R0 = 110 lambda = 0.0534835787469 Gy/h,
 *   mu = ln 2/0.27 /h;
 *   BED_implant = (R0/lambda)[1 + R0/((mu + lambda) 3.1)] = 110.739107329379 Gy
 *     (a midpoint quadrature of the LQ protraction integral
 *      D + (2/(a/b)) int R(t) int_0^t R(s) exp(-mu (t - s)) ds dt over 40
 *      half-lives gives 110.739108886, agreeing to 1e-8);
 *   BED_ebrt = 45 (1 + 1.8/3.1) = 71.1290322580645 Gy;
 *   EQD2 = 181.868139587444 / (1 + 2/3.1) = 110.547300533544 Gy. */
static void test_ebrt_plus_implant(void **state)
{
    (void)state;
    fixture f;
    rtfrac_brachy_term terms[8];
    fixture_init(&f, 45.0, 25, NULL, 0);
    f.comp[1].kind = RTFRAC_BRACHY_IMPLANT;
    f.comp[1].fractions = 1;
    f.comp[1].half_life_days = 59.4;
    f.comp[1].repair_half_time_h = 0.27;
    f.dose[0][1] = 110.0;
    f.plan.ncomponents = 2;
    f.st[0].alpha_beta_gy = 3.1;
    rtfrac_brachy_result r = eval(&f, 0, terms);
    assert_rel(terms[0].bed_gy, 71.1290322580645, 1e-12);
    assert_rel(terms[1].bed_gy, 110.739107329379, 1e-11);
    assert_rel(terms[1].physical_dose_gy, 110.0, REL);
    assert_int_equal(terms[1].fractions, 1);
    assert_true(terms[1].dose_per_fraction_gy <= 0.0);
    assert_rel(r.total.bed_gy, 181.868139587444, 1e-11);
    assert_rel(r.total.eqd2_gy, 110.547300533544, 1e-11);
    /* the same through rtfrac_implant_bed directly */
    rtfrac_implant_params p = { 59.4, 3.1, 0.27, 0, 0.0, 0.0 };
    rtfrac_implant_result ir;
    assert_int_equal(rtfrac_implant_bed(110.0, &p, &ir), RTFRAC_OK);
    assert_rel(terms[1].bed_gy, ir.bed_gy, REL);
    assert_rel(ir.initial_dose_rate_gy_per_h, 0.0534835787469094, 1e-12);
}

/* Cervix: EBRT 45 Gy/25 plus 30 Gy LDR at 0.5 Gy/h (one 60 h session),
 * repair half-time 1.5 h; target a/b 10; rectum a/b 3 at 0.8 of the EBRT
 * and 18 Gy from the LDR over the same 60 h (0.3 Gy/h).  Independent
 * computation (Python): mu = ln 2/1.5 /h, g(x) = 1 - (1 - e^-x)/x,
 *   target: BED_ldr = 30 [1 + (2 x 0.5/(mu 10)) g(mu 60)] = 36.2579736736374,
 *           BED_ebrt = 45 (1 + 1.8/10) = 53.1, EQD2 = 89.3579736736374/1.2
 *           = 74.4649780613645 Gy;
 *   rectum: BED_ldr = 18 [1 + (2 x 0.3/(mu 3)) g(mu 60)] = 25.5095684083649,
 *           BED_ebrt = 36 (1 + 1.44/3) = 53.28, EQD2 = 78.7895684083649/(5/3)
 *           = 47.2737410450189 Gy;
 * a midpoint quadrature of the protraction integral agrees to 1e-11. */
static void test_ebrt_plus_ldr(void **state)
{
    (void)state;
    fixture f;
    rtfrac_brachy_term terms[8];
    fixture_init(&f, 45.0, 25, NULL, 0);
    f.comp[1].kind = RTFRAC_BRACHY_LDR;
    f.comp[1].fractions = 1;
    f.comp[1].hours_per_session_h = 60.0;
    f.comp[1].repair_half_time_h = 1.5;
    f.dose[0][1] = 30.0;
    f.plan.ncomponents = 2;
    fixture_oar(&f, "rectum", 0.8, (const double[]){ 18.0 });
    rtfrac_brachy_result r = eval(&f, 0, terms);
    assert_rel(terms[1].bed_gy, 36.2579736736374, 1e-12);
    assert_rel(r.total.eqd2_gy, 74.4649780613645, 1e-12);
    assert_int_equal(r.total.fractions, 26);
    r = eval(&f, 1, terms);
    assert_rel(terms[0].bed_gy, 53.28, 1e-12);
    assert_rel(terms[1].bed_gy, 25.5095684083649, 1e-12);
    assert_rel(r.total.eqd2_gy, 47.2737410450189, 1e-12);
    /* the same through rtfrac_ldr_bed at the organ's own dose rate */
    rtfrac_ldr_result lr;
    assert_int_equal(rtfrac_ldr_bed(18.0, 0.3, 1, 0.0, 3.0, 1.5, &lr), RTFRAC_OK);
    assert_rel(terms[1].bed_gy, lr.bed_gy, REL);
    /* two sessions of 30 h, 24 h apart: rtfrac_ldr_bed's sum, incomplete
     * repair between them included */
    f.comp[1].fractions = 2;
    f.comp[1].hours_per_session_h = 30.0;
    f.comp[1].gap_h = 24.0;
    r = eval(&f, 0, terms);
    assert_int_equal(rtfrac_ldr_bed(30.0, 0.5, 2, 24.0, 10.0, 1.5, &lr), RTFRAC_OK);
    assert_rel(terms[1].bed_gy, lr.bed_gy, REL);
    assert_int_equal(terms[1].fractions, 2);
}

/* An LDR boost in two sessions: 30 Gy in all (the dose is the total over
 * the sessions), 15 Gy each at 0.5 Gy/h (30 h), 2 h from the end of one to
 * the start of the next; T1/2 1.5 h, a/b 10.  Closed form (rtfrac/ldr.h),
 * computed independently (Python, math module), mu = ln 2/1.5 /h, x = 30 mu:
 *   BED = 30 [1 + (2 x 0.5/(mu 10)) g(x)]
 *       + (2 x 0.5^2/(mu^2 10)) (1 - e^-x)^2 e^(-2 mu)
 *       = 36.0238201098874 + 0.0929239033547181 = 36.1167440132421 Gy;
 * a step-exact integration of q' = R - mu q, BED = D + (2/(a/b)) int R q dt
 * (0.1 ms steps) gives 36.1167440132312.  With no gap the two sessions are
 * one continuous 60 h session (36.2579736736374 Gy, test_ebrt_plus_ldr);
 * with a 10000 h gap they are two independent sessions, 2 x 15 [1 + (2 x
 * 0.5/(mu 10)) g(x)] = 36.0238201098874 Gy.  The organ at 0.6 of the dose
 * (18 Gy, 0.3 Gy/h, the same hours) at a/b 3 with the 2 h gap: the same
 * rtfrac_ldr_bed call at its own dose rate. */
static void test_ldr_sessions(void **state)
{
    (void)state;
    fixture f;
    rtfrac_brachy_term terms[8];
    rtfrac_ldr_result lr;
    fixture_init(&f, 45.0, 25, NULL, 0);
    f.comp[1].kind = RTFRAC_BRACHY_LDR;
    f.comp[1].fractions = 2;
    f.comp[1].hours_per_session_h = 30.0;
    f.comp[1].gap_h = 2.0;
    f.comp[1].repair_half_time_h = 1.5;
    f.dose[0][1] = 30.0;
    f.plan.ncomponents = 2;
    fixture_oar(&f, "rectum", 1.0, (const double[]){ 18.0 });
    rtfrac_brachy_result r = eval(&f, 0, terms);
    assert_rel(terms[1].bed_gy, 36.1167440132421, 1e-12);
    assert_int_equal(rtfrac_ldr_bed(30.0, 0.5, 2, 2.0, 10.0, 1.5, &lr), RTFRAC_OK);
    assert_rel(terms[1].bed_gy, lr.bed_gy, REL);
    assert_rel(lr.between_sessions_gy, 0.0929239033547181, 1e-11);
    assert_int_equal(terms[1].fractions, 2);
    assert_rel(r.total.bed_gy, 53.1 + 36.1167440132421, 1e-12);
    /* the verdict: 0.5 Gy/h is low dose rate, nothing to warn about */
    assert_true(terms[1].has_validity);
    assert_rel(terms[1].validity.dose_rate_gy_per_h, 0.5, REL);
    assert_int_equal(terms[1].validity.band, RTFRAC_DOSE_RATE_LDR);
    assert_false(terms[1].validity.above_ldr || terms[1].validity.lq_uncertain || terms[1].validity.not_clinical);
    assert_false(terms[0].has_validity);
    r = eval(&f, 1, terms);
    assert_int_equal(rtfrac_ldr_bed(18.0, 0.3, 2, 2.0, 3.0, 1.5, &lr), RTFRAC_OK);
    assert_rel(terms[1].bed_gy, lr.bed_gy, REL);
    assert_rel(terms[1].validity.dose_rate_gy_per_h, 0.3, REL);
    /* no gap: one continuous 60 h session of 30 Gy */
    f.comp[1].gap_h = 0.0;
    r = eval(&f, 0, terms);
    assert_rel(terms[1].bed_gy, 36.2579736736374, 1e-12);
    /* a long gap: two independent sessions */
    f.comp[1].gap_h = 10000.0;
    r = eval(&f, 0, terms);
    assert_rel(terms[1].bed_gy, 36.0238201098874, 1e-12);
    (void)r;
}

/* An LDR boost above the LDR band: 30 Gy at 20 Gy/h (1.5 h): HDR band, and
 * d_eq = 2 R g(mu T)/mu above 8 Gy; an implant's initial rate is judged. */
static void test_boost_validity(void **state)
{
    (void)state;
    fixture f;
    rtfrac_brachy_term terms[8];
    fixture_init(&f, 45.0, 25, NULL, 0);
    f.comp[1].kind = RTFRAC_BRACHY_LDR;
    f.comp[1].fractions = 1;
    f.comp[1].hours_per_session_h = 1.5;
    f.comp[1].repair_half_time_h = 1.5;
    f.dose[0][1] = 30.0;
    f.plan.ncomponents = 2;
    rtfrac_brachy_result r = eval(&f, 0, terms);
    double mu = log(2.0) / 1.5, x = mu * 1.5, g = 1.0 - (1.0 - exp(-x)) / x;
    assert_true(terms[1].has_validity);
    assert_int_equal(terms[1].validity.band, RTFRAC_DOSE_RATE_HDR);
    assert_true(terms[1].validity.above_ldr);
    assert_rel(terms[1].validity.equivalent_dose_per_fraction_gy, 2.0 * 20.0 * g / mu, 1e-12);
    assert_true(terms[1].validity.lq_uncertain);
    f.comp[1].kind = RTFRAC_BRACHY_IMPLANT;
    f.comp[1].half_life_days = 59.4;
    f.comp[1].repair_half_time_h = 0.27;
    f.dose[0][1] = 145.0;
    r = eval(&f, 0, terms);
    assert_rel(terms[1].validity.dose_rate_gy_per_h, 145.0 * log(2.0) / (24.0 * 59.4), 1e-12);
    assert_int_equal(terms[1].validity.band, RTFRAC_DOSE_RATE_BELOW_LDR);
    assert_false(terms[1].validity.above_ldr || terms[1].validity.lq_uncertain || terms[1].validity.not_clinical);
    (void)r;
}

/* The LQ-validity verdict of a fractionated term: dose per fraction above
 * RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY (8 Gy; Brenner DJ, Semin Radiat Oncol
 * 2008;18(4):234-239, as cited in rtfrac/plan_eval.h) for every structure, not only the
 * target: a urethra at 1.1 x 7.5 Gy = 8.25 Gy per fraction is flagged while
 * the target's 7.5 Gy is not; exactly 8 Gy is not above. */
static void test_hdr_lq_uncertain_every_structure(void **state)
{
    (void)state;
    fixture f;
    rtfrac_brachy_term terms[8];
    fixture_init(&f, 45.0, 25, (const double[]){ 7.5, 8.0 }, 2);
    fixture_oar(&f, "urethra", 1.0, (const double[]){ 1.1 * 7.5, 8.0 });
    rtfrac_brachy_result r = eval(&f, 0, terms);
    assert_false(terms[0].lq_uncertain || terms[1].lq_uncertain || terms[2].lq_uncertain);
    r = eval(&f, 1, terms);
    assert_false(terms[0].lq_uncertain); /* EBRT 1.8 Gy per fraction */
    assert_rel(terms[1].dose_per_fraction_gy, 8.25, 1e-12);
    assert_true(terms[1].lq_uncertain);
    assert_false(terms[2].lq_uncertain); /* 8 Gy: not above */
    (void)r;
}

/* An organ with no dose from the boost gets no BED from it, and the
 * remaining solve plans HDR fractions on top of EBRT + implant: checked by
 * substitution (the total with the remaining fractions is the goal). */
static void test_protracted_zero_and_remaining(void **state)
{
    (void)state;
    fixture f;
    rtfrac_brachy_term terms[8];
    fixture_init(&f, 45.0, 25, NULL, 0);
    f.comp[1].kind = RTFRAC_BRACHY_IMPLANT;
    f.comp[1].fractions = 1;
    f.comp[1].half_life_days = 17.0;
    f.comp[1].repair_half_time_h = 0.27;
    f.dose[0][1] = 50.0;
    f.plan.ncomponents = 2;
    fixture_oar(&f, "rectum", 1.0, (const double[]){ 0.0 });
    rtfrac_brachy_result r = eval(&f, 1, terms);
    assert_true(terms[1].bed_gy <= 0.0 && terms[1].eqd2_gy <= 0.0);
    f.st[0].has_aim = 1;
    f.st[0].aim_eqd2_gy = 90.0;
    f.plan.remaining = 2;
    r = eval(&f, 0, terms);
    assert_int_equal(r.aim.status, RTFRAC_BRACHY_SOLVE_EXACT);
    double x = r.aim.remaining.dose_per_fraction_gy;
    double bed = r.total.bed_gy + 2.0 * x * (1.0 + x / 10.0);
    assert_rel(bed / 1.2, 90.0, 1e-9);
    assert_false(r.has_ratio); /* no HDR given: no ratio */
    /* parameters out of range */
    f.comp[1].fractions = 2;
    assert_int_equal(rtfrac_brachy_plan_check(&f.plan), RTFRAC_EDOM);
    f.comp[1].fractions = 1;
    f.comp[1].half_life_days = 0.0;
    assert_int_equal(rtfrac_brachy_plan_check(&f.plan), RTFRAC_EDOM);
    f.comp[1].kind = RTFRAC_BRACHY_LDR;
    f.comp[1].half_life_days = 17.0;
    f.comp[1].hours_per_session_h = 0.0;
    assert_int_equal(rtfrac_brachy_plan_check(&f.plan), RTFRAC_EDOM);
    f.comp[1].hours_per_session_h = 10.0;
    f.comp[1].repair_half_time_h = 0.0;
    assert_int_equal(rtfrac_brachy_plan_check(&f.plan), RTFRAC_EDOM);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abs_2012_table1),
        cmocka_unit_test(test_abs_2012_table1_remaining),
        cmocka_unit_test(test_tamaki_2015_point_a),
        cmocka_unit_test(test_terms_closed_form),
        cmocka_unit_test(test_own_dose_per_fraction),
        cmocka_unit_test(test_ebrt_ratio),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_remaining_target),
        cmocka_unit_test(test_remaining_binding),
        cmocka_unit_test(test_remaining_already_above),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_goals_from_constraint),
        cmocka_unit_test(test_ebrt_plus_implant),
        cmocka_unit_test(test_ebrt_plus_ldr),
        cmocka_unit_test(test_protracted_zero_and_remaining),
        cmocka_unit_test(test_ldr_sessions),
        cmocka_unit_test(test_boost_validity),
        cmocka_unit_test(test_hdr_lq_uncertain_every_structure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
