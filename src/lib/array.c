/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "rtfrac/array.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "rtfrac/rx.h"

/* Elements go through in blocks of a fixed count: GCC's -O2 vectoriser
 * (the "very cheap" cost model) vectorises a loop only when it needs no
 * scalar remainder and no run-time alias check, and a loop of constant
 * trip count over local arrays needs neither.  Copying a block in before
 * writing it out makes in == out (in place) well defined.
 *
 * The check of a block is integer arithmetic on the bit patterns, which
 * SSE2 vectorises where a comparison of doubles reduced to one flag does
 * not: OR-ing together each input's bits (sign bit: a negative input) and
 * (exponent bits + one exponent unit) of input and result (carries into
 * the sign bit exactly when the exponent is all ones: infinity or NaN).
 * A block whose flag has the sign bit is searched element by element. */
#define BLOCK 16

/* One kernel for both kinds: out = (m v) (v / q + a/b) / den, with
 * total dose: m = 1, q = n (1 v is exact: the DVH closed form to the bit);
 * per fraction: m = n, q = 1 (v / 1 is exact). */
#define ARRAY_KERNEL(NAME, T, U, EXPMASK, EXPONE, SIGN, MAXV)                                  \
    static int NAME(const T *in, size_t count, T m, T q, T ab, T den, T *out, size_t *bad_index) \
    {                                                                                          \
        for (size_t i = 0; i < count; i += BLOCK) {                                            \
            T v[BLOCK], r[BLOCK];                                                              \
            size_t nb = count - i < BLOCK ? count - i : BLOCK;                                 \
            U flag = 0;                                                                        \
            if (nb == BLOCK) {                                                                 \
                memcpy(v, in + i, sizeof(v));                                                  \
                for (int j = 0; j < BLOCK; j++)                                                \
                    r[j] = (m * v[j]) * (v[j] / q + ab) / den;                                 \
                for (int j = 0; j < BLOCK; j++) {                                              \
                    U a, b;                                                                    \
                    memcpy(&a, &v[j], sizeof(a));                                              \
                    memcpy(&b, &r[j], sizeof(b));                                              \
                    flag |= a | ((a & EXPMASK) + EXPONE) | ((b & EXPMASK) + EXPONE);           \
                }                                                                              \
                memcpy(out + i, r, sizeof(r));                                                 \
            } else {                                                                           \
                for (size_t j = 0; j < nb; j++) {                                              \
                    v[j] = in[i + j];                                                          \
                    r[j] = (m * v[j]) * (v[j] / q + ab) / den;                                 \
                    out[i + j] = r[j];                                                         \
                }                                                                              \
                flag = SIGN;                                                                   \
            }                                                                                  \
            if (!(flag & SIGN))                                                                \
                continue;                                                                      \
            for (size_t j = 0; j < nb; j++) {                                                  \
                int dom = !(v[j] >= (T)0) || !(v[j] <= MAXV);                                  \
                if (dom || !(r[j] <= MAXV)) {                                                  \
                    if (bad_index != NULL)                                                     \
                        *bad_index = i + j;                                                    \
                    return dom ? RTFRAC_EDOM : RTFRAC_ERANGE;                                  \
                }                                                                              \
            }                                                                                  \
        }                                                                                      \
        return RTFRAC_OK;                                                                      \
    }

ARRAY_KERNEL(kernel_d, double, uint64_t, UINT64_C(0x7FF0000000000000), UINT64_C(0x0010000000000000),
             UINT64_C(0x8000000000000000), DBL_MAX)
ARRAY_KERNEL(kernel_f, float, uint32_t, UINT32_C(0x7F800000), UINT32_C(0x00800000), UINT32_C(0x80000000),
             FLT_MAX)

/* The scalar arguments, checked once per call: m, q and den of the kernel. */
static int setup(rtfrac_array_dose kind, unsigned long fractions, double ab, double x,
                 double *m, double *q, double *den)
{
    if (kind != RTFRAC_ARRAY_TOTAL && kind != RTFRAC_ARRAY_PER_FRACTION)
        return RTFRAC_EINVAL;
    if (fractions < 1 || fractions > RTFRAC_FRACTIONS_MAX || !isfinite(ab) || !(ab > 0.0) ||
        !isfinite(x) || !(x >= 0.0))
        return RTFRAC_EDOM;
    *m = kind == RTFRAC_ARRAY_TOTAL ? 1.0 : (double)fractions;
    *q = kind == RTFRAC_ARRAY_TOTAL ? (double)fractions : 1.0;
    *den = x + ab;
    return RTFRAC_OK;
}

int rtfrac_array_bed(const double *in, size_t count, rtfrac_array_dose kind, unsigned long fractions,
                     double alpha_beta_gy, double *out, size_t *bad_index)
{
    double m, q, den;
    int rc = setup(kind, fractions, alpha_beta_gy, 0.0, &m, &q, &den);
    if (rc != RTFRAC_OK)
        return rc;
    return kernel_d(in, count, m, q, alpha_beta_gy, alpha_beta_gy, out, bad_index);
}

int rtfrac_array_eqdx(const double *in, size_t count, rtfrac_array_dose kind, unsigned long fractions,
                      double alpha_beta_gy, double reference_dose_per_fraction_gy, double *out,
                      size_t *bad_index)
{
    double m, q, den;
    int rc = setup(kind, fractions, alpha_beta_gy, reference_dose_per_fraction_gy, &m, &q, &den);
    if (rc != RTFRAC_OK)
        return rc;
    return kernel_d(in, count, m, q, alpha_beta_gy, den, out, bad_index);
}

int rtfrac_array_bedf(const float *in, size_t count, rtfrac_array_dose kind, unsigned long fractions,
                      float alpha_beta_gy, float *out, size_t *bad_index)
{
    double m, q, den;
    int rc = setup(kind, fractions, alpha_beta_gy, 0.0, &m, &q, &den);
    if (rc != RTFRAC_OK)
        return rc;
    return kernel_f(in, count, (float)m, (float)q, alpha_beta_gy, alpha_beta_gy, out, bad_index);
}

int rtfrac_array_eqdxf(const float *in, size_t count, rtfrac_array_dose kind, unsigned long fractions,
                       float alpha_beta_gy, float reference_dose_per_fraction_gy, float *out,
                       size_t *bad_index)
{
    double m, q, den;
    int rc = setup(kind, fractions, alpha_beta_gy, reference_dose_per_fraction_gy, &m, &q, &den);
    if (rc != RTFRAC_OK)
        return rc;
    /* x + a/b in float, as the caller's float values add */
    return kernel_f(in, count, (float)m, (float)q, alpha_beta_gy,
                    reference_dose_per_fraction_gy + alpha_beta_gy, out, bad_index);
}
