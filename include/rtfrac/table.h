/* rtfrac: dose tables: decimal ranges, grids and iso-effect tables.
 *
 * A range is what a user writes for the rows or columns of a table: one
 * value "5", a list "5,10,20", or FROM:TO[:STEP] ("1.8:10:0.2").  Its
 * values are decimals: every value is an integer times 10^-decimals, the
 * range is stepped in those integers, and value i is the double nearest to
 * the decimal it stands for.  So 1.8:10:0.2 gives 1.8, 2, 2.2, ... exactly
 * as written (adding 0.2 in binary would give 2.2000000000000002), and the
 * total dose of 9 fractions of 1.8 Gy is the decimal product 16.2 Gy.
 *
 * The grid holds, for each dose per fraction d (rows) and fraction count n
 * (columns), the EQD2, BED or physical total dose of n fractions of d Gy
 * through rtfrac_model_effect, so time, incomplete repair, LQ-L and USC
 * apply as for any other schedule (see rtfrac/model.h).  For plain LQ once
 * a day:
 *     D = n d,  BED = D (1 + d/(a/b)),  EQD2 = BED / (1 + 2/(a/b))
 * (Withers HR, Thames HD, Peters LJ, Radiother Oncol 1983;1:187-191;
 * Fowler JF, Br J Radiol 1989;62:679-694).
 *
 * The iso-effect table holds, for each fraction count n, the dose per
 * fraction (and total dose) whose EQD2 or BED is a target, the table
 * clinicians keep to change a fractionation (Joiner MC, van der Kogel AJ,
 * Basic Clinical Radiobiology, 4th ed., Hodder Arnold 2009, ch. 8 and 9;
 * Fowler 1989).  For plain LQ once a day:
 *     BED = EQD2 (1 + 2/(a/b)),
 *     d = 2 (BED/n) / (1 + sqrt(1 + 4 BED/(n a/b))).
 * Under LQ-L and USC the target EQD2 becomes a BED with the same model
 * (rtfrac_model_bed_from_eqdx), and d is found by
 * rtfrac_model_solve_dose_per_fraction, which verifies every solution by
 * substitution.
 *
 * Outputs go into arrays the caller owns and sizes (rtfrac_table_range_count);
 * the library allocates nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_TABLE_H
#define RTFRAC_TABLE_H

#include "rtfrac/common.h"
#include "rtfrac/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits: values in one range, items in one list, decimals in one number,
 * and cells in one grid or iso-effect table.  A range or table beyond them
 * is refused, with the limit named in the diagnostic. */
#define RTFRAC_TABLE_RANGE_COUNT_MAX 10000UL
#define RTFRAC_TABLE_LIST_MAX 64
#define RTFRAC_TABLE_DECIMALS_MAX 6
#define RTFRAC_TABLE_CELLS_MAX 200000UL
/* The largest value a range may reach (in units of 10^-decimals it stays
 * below 2^53, so every value is exact before its one rounding). */
#define RTFRAC_TABLE_VALUE_MAX 1000000.0

typedef enum rtfrac_table_range_kind {
    RTFRAC_TABLE_RANGE_LIST, /* "5" or "5,10,20": the values in the order written */
    RTFRAC_TABLE_RANGE_STEP  /* "FROM:TO[:STEP]": FROM, FROM + STEP, ... up to TO */
} rtfrac_table_range_kind;

/* Names of rtfrac_table_range_kind values ("list", "step"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_table_range_kind_name(rtfrac_table_range_kind value);
RTFRAC_API int rtfrac_table_range_kind_parse(const char *text, rtfrac_table_range_kind *out);

/* A parsed range.  Every value is an integer number of units of
 * 10^-decimals (decimals: the most written in any of its numbers, and in
 * the default step when that is used).  Read it through
 * rtfrac_table_range_count and rtfrac_table_range_value. */
typedef struct rtfrac_table_range {
    rtfrac_table_range_kind kind;
    unsigned decimals;
    long long from, to, step;               /* STEP, in units */
    size_t count;                           /* 1 .. RTFRAC_TABLE_RANGE_COUNT_MAX */
    long long list[RTFRAC_TABLE_LIST_MAX];  /* LIST, in units */
} rtfrac_table_range;

/* Parse a range: "V", "V1,V2,..." (at most RTFRAC_TABLE_LIST_MAX values,
 * in the order written) or "FROM:TO[:STEP]" (FROM <= TO; the last value is
 * the largest FROM + k STEP not above TO).  Numbers go through
 * rtfrac_num_parse (so "," is never a decimal point here), are written
 * without exponent, with at most RTFRAC_TABLE_DECIMALS_MAX decimals, and
 * are above 0 and at most RTFRAC_TABLE_VALUE_MAX.  `default_step` (a
 * decimal such as "0.1" or "1") is the step when FROM:TO omits it; NULL
 * makes the step required.  With whole_numbers every value and the step
 * must be whole numbers (fraction counts).  A range has at most
 * RTFRAC_TABLE_RANGE_COUNT_MAX values.
 * Errors: RTFRAC_EPARSE with diag (may be NULL) filled: message, and the
 * 1-based column of the offending number (1 when the whole range is at
 * fault).  *out is untouched on error. */
RTFRAC_API int rtfrac_table_range_parse(const char *text, int whole_numbers,
                                        const char *default_step, rtfrac_table_range *out,
                                        rtfrac_diag *diag);

/* Number of values in a parsed range (>= 1). */
RTFRAC_API size_t rtfrac_table_range_count(const rtfrac_table_range *range);

/* Value i (0 <= i < count) as the double nearest to the decimal it stands
 * for: units / 10^decimals, one correctly rounded division of two exact
 * doubles, so "2.2" gives the same double as the literal 2.2. */
RTFRAC_API double rtfrac_table_range_value(const rtfrac_table_range *range, size_t i);

/* The largest value of the range (the last of a step range; the largest of
 * a list). */
RTFRAC_API double rtfrac_table_range_max(const rtfrac_table_range *range);

/* Value i times a whole number, computed as the decimal product
 * (units * factor / 10^decimals) and rounded once: 1.8 times 9 is the
 * double nearest 16.2, 2.2 times 3 is 6.6 (not 6.6000000000000005).
 * Domain: i < count, factor >= 1 and the product of units and factor below
 * 2^53.  Errors: RTFRAC_EDOM, RTFRAC_ERANGE.  */
RTFRAC_API int rtfrac_table_range_times(const rtfrac_table_range *range, size_t i,
                                        unsigned long factor, double *product);

/* Check a range of fraction counts: whole numbers from 1 to
 * RTFRAC_FRACTIONS_MAX (rtfrac/rx.h).  Errors: RTFRAC_EDOM with the reason
 * in diag (may be NULL). */
RTFRAC_API int rtfrac_table_fractions_check(const rtfrac_table_range *fractions,
                                            rtfrac_diag *diag);

/* What a grid cell holds, or what an iso-effect table aims at. */
typedef enum rtfrac_table_quantity {
    RTFRAC_TABLE_EQD2,  /* EQD2 (Gy), with time when the model has it */
    RTFRAC_TABLE_BED,   /* BED (Gy), with time when the model has it */
    RTFRAC_TABLE_TOTAL  /* the physical total dose n d (Gy) */
} rtfrac_table_quantity;

/* Names of rtfrac_table_quantity values ("eqd2", "bed", "total"); _name returns "" for an
 * unknown value, _parse RTFRAC_EINVAL for an unknown name (case ignored). */
RTFRAC_API const char *rtfrac_table_quantity_name(rtfrac_table_quantity value);
RTFRAC_API int rtfrac_table_quantity_parse(const char *text, rtfrac_table_quantity *out);

/* One schedule of a table: n fractions of d Gy and its effect. */
typedef struct rtfrac_table_cell {
    double dose_per_fraction_gy; /* d: a grid's decimal value, or the iso solution */
    unsigned long fractions;     /* n */
    double total_dose_gy;        /* grid: the decimal product n d; iso: n d */
    rtfrac_effect effect;        /* of n fractions of d Gy, total_dose_gy
                                  * (rtfrac_model_effect_dose_per_fraction) */
} rtfrac_table_cell;

/* The quantity q of a cell: effect.eqd2_gy, effect.bed_gy or
 * total_dose_gy.  Errors: RTFRAC_EINVAL (unknown q). */
RTFRAC_API int rtfrac_table_cell_quantity(const rtfrac_table_cell *cell, rtfrac_table_quantity q,
                                          double *value);

/* Check a grid's axes against what a prescription may be
 * (rtfrac_rx_parse): fraction counts as rtfrac_table_fractions_check, and
 * every cell's total dose n d at most RTFRAC_DOSE_MAX_GY, so that a table
 * never shows a schedule that calc would refuse.  Errors: RTFRAC_EDOM with
 * the reason in diag (may be NULL). */
RTFRAC_API int rtfrac_table_grid_check(const rtfrac_table_range *dose_per_fraction_gy,
                                       const rtfrac_table_range *fractions, rtfrac_diag *diag);

/* Number of cells of a grid (rows times columns) when it is at most
 * RTFRAC_TABLE_CELLS_MAX.  Errors: RTFRAC_ERANGE (more cells). */
RTFRAC_API int rtfrac_table_grid_size(const rtfrac_table_range *dose_per_fraction_gy,
                                      const rtfrac_table_range *fractions, size_t *cells);

/* The grid: out[i * columns + j] (rows i over dose_per_fraction_gy,
 * columns j over fractions) is the quantity q of fractions(j) fractions of
 * dose_per_fraction_gy(i) Gy at alpha_beta_gy under `model`:
 *     EQD2  effect.eqd2_gy  (EQD2 = BED / (BED_f(2)/2); Withers et al. 1983)
 *     BED   effect.bed_gy   (BED = n BED_f(d) - K (T - Tk); Fowler 1989)
 *     TOTAL the decimal product n d (rtfrac_table_range_times)
 * through rtfrac_model_effect_dose_per_fraction with the decimal d and
 * total dose (d as written, not 16.2 / 9 = 1.7999999999999998 in binary;
 * the formula itself still rounds once per operation).  `out` holds
 * rtfrac_table_grid_size cells.  Domain: a valid model
 * (rtfrac_model_check), alpha_beta_gy > 0, fractions passing
 * rtfrac_table_fractions_check, a grid within RTFRAC_TABLE_CELLS_MAX.
 * Errors: RTFRAC_EDOM (also a cell above RTFRAC_DOSE_MAX_GY:
 * rtfrac_table_grid_check names it), RTFRAC_EINVAL (unknown q), RTFRAC_ERANGE,
 * RTFRAC_EREPOP (a cell whose repopulation exceeds its dose); on error
 * the contents of `out` are unspecified. */
RTFRAC_API int rtfrac_table_grid(const rtfrac_model *model, double alpha_beta_gy,
                                 const rtfrac_table_range *dose_per_fraction_gy,
                                 const rtfrac_table_range *fractions, rtfrac_table_quantity q,
                                 double *out);

/* The same grid with every cell's whole schedule and effect (for long
 * tables that print BED, EQD2, T and the repopulation term together).
 * Same domain, layout and errors as rtfrac_table_grid. */
RTFRAC_API int rtfrac_table_grid_cells(const rtfrac_model *model, double alpha_beta_gy,
                                       const rtfrac_table_range *dose_per_fraction_gy,
                                       const rtfrac_table_range *fractions,
                                       rtfrac_table_cell *out);

/* The iso-effect table: for each fraction count n = fractions(j), the dose
 * per fraction d_j (dose_per_fraction_gy_out[j]) and total dose n d_j
 * (total_gy_out[j]) whose EQD2 (target_quantity RTFRAC_TABLE_EQD2) or BED
 * (RTFRAC_TABLE_BED) is target_gy at alpha_beta_gy under `model`.  EQD2
 * becomes BED with rtfrac_model_bed_from_eqdx (so LQ-L and USC convert the
 * 2 Gy reference fractions with their own BED_f); d solves BED(n, d) = BED
 * through rtfrac_model_solve_dose_per_fraction (closed form
 * d = 2 (BED/n) / (1 + sqrt(1 + 4 BED/(n a/b))) for plain LQ once a day,
 * Brent's method otherwise), each solution verified by substitution.
 * Sources: Withers et al. 1983; Fowler 1989; Joiner & van der Kogel, Basic
 * Clinical Radiobiology, 2009.  Both arrays hold rtfrac_table_range_count
 * (fractions) values.  Domain: target_gy > 0 and finite, a valid model,
 * alpha_beta_gy > 0, fractions passing rtfrac_table_fractions_check.
 * Errors: RTFRAC_EINVAL (target_quantity TOTAL or unknown), RTFRAC_EDOM
 * (e.g. no dose per fraction reaches the target in n fractions: diag
 * (may be NULL) names n), RTFRAC_ERANGE (no verified solution); on error
 * the arrays' contents are unspecified. */
RTFRAC_API int rtfrac_table_iso(const rtfrac_model *model, double alpha_beta_gy, double target_gy,
                                rtfrac_table_quantity target_quantity,
                                const rtfrac_table_range *fractions,
                                double *dose_per_fraction_gy_out, double *total_gy_out,
                                rtfrac_diag *diag);

/* The same iso-effect table with every row's whole schedule and effect
 * (the effect of the solution by substitution: its BED is the target to a
 * relative 1e-9).  Same domain and errors as rtfrac_table_iso. */
RTFRAC_API int rtfrac_table_iso_cells(const rtfrac_model *model, double alpha_beta_gy,
                                      double target_gy, rtfrac_table_quantity target_quantity,
                                      const rtfrac_table_range *fractions,
                                      rtfrac_table_cell *out, rtfrac_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_TABLE_H */
