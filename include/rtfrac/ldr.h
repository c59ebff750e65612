/* rtfrac: continuous low-dose-rate (LDR) irradiation and permanent implants
 * (linear-quadratic model with mono-exponential repair during irradiation).
 *
 * Continuous irradiation at a constant dose rate R (Gy/h) for T hours
 * (D = R T), repair rate mu = ln 2 / T1/2 (T1/2 the repair half-time, h):
 *     BED = D [1 + (2 R / (mu alpha/beta)) g(mu T)],
 *     g(x) = 1 - (1 - exp(-x)) / x
 * and its long-time approximation (mu T >> 1, g -> 1):
 *     BED = D [1 + 2 R / (mu alpha/beta)].
 * Several equal sessions of D/n Gy each, g hours apart (end of one to the
 * start of the next): the BED of each session, plus the incomplete repair
 * between sessions (the damage left unrepaired when the next begins),
 *     (2 R^2 / (mu^2 alpha/beta)) (1 - exp(-mu T))^2
 *         sum_{i<j} exp(-mu ((j - i)(T + g) - T)),
 * which vanishes as g grows (full repair between sessions).  Derived from
 * the LQ dose-protraction integral with exponential repair (Lea-Catcheside
 * factor), BED = D + (2/(alpha/beta)) int_0^inf R(t) int_0^t R(s)
 * exp(-mu (t - s)) ds dt.
 *
 * Permanent implant of a source with decay constant lambda = ln 2 / T_half,
 * initial dose rate R0 = D lambda (D the dose to full decay):
 *     BED(inf) = (R0/lambda) [1 + R0 / ((mu + lambda) alpha/beta)];
 * with repopulation (alpha, Tpot given), the effective treatment time, at
 * which the dose rate has fallen to the rate that repopulation offsets,
 *     Teff = ln(alpha Tpot R0 / ln 2) / lambda,
 * and the BED at Teff:
 *     BED = (R0/lambda)(1 - exp(-lambda Teff))
 *         + (R0^2 / ((mu - lambda) alpha/beta))
 *             [(1 - exp(-2 lambda Teff))/lambda
 *              - 2 (1 - exp(-(mu + lambda) Teff))/(mu + lambda)]
 *         - ln 2 Teff / (alpha Tpot).
 *
 * Sources: Dale RG, The application of the linear-quadratic dose-effect
 * equation to fractionated and protracted radiotherapy, Br J Radiol
 * 1985;58:515-528; Thames HD, An 'incomplete-repair' model for survival
 * after fractionated and continuous irradiations, Int J Radiat Biol
 * 1985;47:319-339; AAPM Task Group 137 (Nath R et al., Med Phys
 * 2009;36(11):5310-5322) uses these implant equations with Teff for
 * prostate implants.  (The forms above were derived here from the LQ
 * integral and checked against each other; the primary papers were not
 * read.)
 *
 * Units: doses Gy, dose rates Gy/h, repair half-times and session lengths
 * h, isotope half-lives and Tpot days, alpha 1/Gy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_LDR_H
#define RTFRAC_LDR_H

#include "rtfrac/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RTFRAC_LDR_SESSIONS_MAX 100          /* equal LDR sessions */
#define RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H 100.0 /* dose rate, above 0 */
#define RTFRAC_LDR_HOURS_MAX 10000.0         /* hours of one session or a gap */
#define RTFRAC_HALF_LIFE_MAX_DAYS 100000.0   /* isotope half-life, above 0 */

/* ---- dose-rate bands and validity -------------------------------------
 *
 * The dose-rate bands of brachytherapy (ICRU Report 38, 1985): low dose
 * rate (LDR) 0.4 to 2 Gy/h, medium (MDR) 2 to 12 Gy/h, high (HDR) above
 * 12 Gy/h.  Read in secondary sources, not in the report itself: the IAEA
 * Applied Radiation Biology and Radiotherapy section's brachytherapy page
 * (www-naweb.iaea.org/nahu/ARBR/brachytherapy.html: "LDR 0.4 to 2.0 Gy per
 * hour, MDR 2.0 to 12.0, HDR > 12.0; by ICRU definition HDR is > 12.0
 * Gy/h") and a clinical handbook chapter (clinicalgate.com, "High Dose Rate
 * Brachytherapy": "ICRU #38 definition of HDR is > 12 Gy/hr").  Another
 * textbook chapter draws the LDR/MDR line at 1 Gy/h instead; the ICRU
 * figures are used here.  A shared boundary belongs to the lower band
 * (2 Gy/h is LDR, 12 Gy/h is MDR).  Permanent implants start well below
 * 0.4 Gy/h (I-125 145 Gy: 0.07 Gy/h): RTFRAC_DOSE_RATE_BELOW_LDR.
 *
 * The continuous-irradiation BED formulas above are applied clinically to
 * LDR and implants; above the LDR band they are outside that range (MDR
 * and HDR are usually modelled as fractions).  And the BED of a protracted
 * course is that of acute fractions of
 *     d_eq = (BED / D - 1) alpha/beta        (Gy)
 * each (LDR: 2 R g(mu T)/mu plus the between-sessions part; implant to
 * full decay: R0/(mu + lambda)); like a dose per fraction above
 * RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY (rtfrac/lq.h) the LQ model is
 * uncertain there.  Independently, an EQD2 above
 * RTFRAC_LDR_EQD2_CLINICAL_MAX_GY is not a clinical dose (a rule of this
 * project, not a published limit: twice the highest tumour planning aim it
 * ships, the HR-CTV D90 aim of 90 to 95 Gy EQD2 in the constraint set
 * esgo-estro-2023-cervix-brachy; a dose that large
 * is almost certainly a wrong dose or unit). */
#define RTFRAC_LDR_BAND_MIN_GY_PER_H 0.4  /* LDR band: from 0.4 ... */
#define RTFRAC_LDR_BAND_MAX_GY_PER_H 2.0  /* ... to 2 Gy/h */
#define RTFRAC_MDR_BAND_MAX_GY_PER_H 12.0 /* MDR up to 12 Gy/h; HDR above */
#define RTFRAC_LDR_EQD2_CLINICAL_MAX_GY 200.0 /* above: not a clinical dose */

typedef enum rtfrac_dose_rate_band {
    RTFRAC_DOSE_RATE_BELOW_LDR, /* below 0.4 Gy/h */
    RTFRAC_DOSE_RATE_LDR,       /* 0.4 to 2 Gy/h */
    RTFRAC_DOSE_RATE_MDR,       /* above 2, up to 12 Gy/h */
    RTFRAC_DOSE_RATE_HDR        /* above 12 Gy/h */
} rtfrac_dose_rate_band;

/* The band of a dose rate (Gy/h, finite, > 0).  Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_ldr_dose_rate_band(double dose_rate_gy_per_h, rtfrac_dose_rate_band *band);

/* "below low dose rate", "low dose rate", "medium dose rate", "high dose
 * rate"; "" for an unknown value. */
RTFRAC_API const char *rtfrac_ldr_dose_rate_band_name(rtfrac_dose_rate_band band);

/* The verdict on one protracted course (an LDR course at its dose rate, an
 * implant at its initial dose rate). */
typedef struct rtfrac_ldr_validity {
    double dose_rate_gy_per_h;         /* the rate judged (the initial one for an implant) */
    rtfrac_dose_rate_band band;
    int above_ldr;                     /* band MDR or HDR: outside the formula's usual range */
    double equivalent_dose_per_fraction_gy; /* d_eq = (BED/D - 1) alpha/beta */
    int lq_uncertain;                  /* d_eq above RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY */
    double eqd2_gy;                    /* BED / (1 + 2/(alpha/beta)) */
    int not_clinical;                  /* eqd2_gy above RTFRAC_LDR_EQD2_CLINICAL_MAX_GY */
} rtfrac_ldr_validity;

/* Judge a course of dose_gy (> 0) at dose_rate_gy_per_h (> 0) whose BED
 * (Gy, finite) at alpha_beta_gy is bed_gy, see above.  rtfrac_ldr_bed and
 * rtfrac_implant_bed fill their results' `validity` with it (the implant's
 * from its BED to full decay, repopulation aside).
 * Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_ldr_validity_check(double dose_gy, double dose_rate_gy_per_h, double bed_gy,
                                         double alpha_beta_gy, rtfrac_ldr_validity *out);

/* A dose rate written as text: "0.5Gy/h", "50cGy/h" (units matched without
 * regard to case) or a bare number in Gy/h ("0.5"); the result in Gy/h,
 * not range-checked.  Errors: RTFRAC_EPARSE with `diag` (may be NULL)
 * naming the accepted spellings. */
RTFRAC_API int rtfrac_ldr_dose_rate_parse(const char *text, double *gy_per_h, rtfrac_diag *diag);

/* ---- an LDR course written as text -------------------------------------
 *
 * "GY@RATE" or "GY@HOURS", then optionally ",sessions=N,gap=H" (either
 * order; gap is required with 2 or more sessions and refused with one):
 *   GY     the total dose over all sessions: 30, 30Gy, 3000cGy
 *   RATE   the dose rate: 0.5Gy/h, 50cGy/h, or a bare number in Gy/h (0.5)
 *   HOURS  the length of EACH session: 60h (h, hr, hour, hours)
 *   N      sessions, a whole number from 1 to RTFRAC_LDR_SESSIONS_MAX
 *   H      hours from the end of one session to the start of the next,
 *          with its unit: 24h (a bare number is refused: hours or days?)
 * e.g. "30@0.5Gy/h", "30@60h", "30@0.5Gy/h,sessions=2,gap=24h" (two
 * sessions of 15 Gy, 30 h each, 24 h apart). */
typedef struct rtfrac_ldr_spec {
    double dose_gy;             /* total over all sessions */
    int has_dose_rate;          /* 1: the rate was written, 0: the hours */
    double dose_rate_gy_per_h;  /* as written, or D / (n T) */
    double hours_per_session_h; /* as written, or D / (n R) */
    unsigned long sessions;     /* 1 unless written */
    double gap_h;               /* 0 unless written */
} rtfrac_ldr_spec;

/* Parse an LDR course (see above); values in the domain of rtfrac_ldr_bed
 * (dose, rate, hours, sessions, gap).  Errors: RTFRAC_EPARSE with `diag`
 * (may be NULL) naming the column (1-based) and the accepted spellings;
 * `out` untouched on error. */
RTFRAC_API int rtfrac_ldr_spec_parse(const char *text, rtfrac_ldr_spec *out, rtfrac_diag *diag);

/* g(x) = 1 - (1 - exp(-x))/x for x > 0 (a series below x = 0.5, where the
 * direct form cancels); g(0) = 0.  Domain: x finite, >= 0.
 * Errors: RTFRAC_EDOM. */
RTFRAC_API int rtfrac_ldr_g(double x, double *g);

/* One LDR course: BED and EQD2 with its parts. */
typedef struct rtfrac_ldr_result {
    double dose_per_session_gy;  /* D / n */
    double hours_per_session_h;  /* T = D / (n R) */
    double g;                    /* g(mu T) */
    double bed_gy;               /* exact (Dale 1985), sessions included */
    double eqd2_gy;              /* bed_gy / (1 + 2/(alpha/beta)) */
    double bed_long_time_gy;     /* D [1 + 2R/(mu alpha/beta)] (g = 1, full repair between sessions) */
    double between_sessions_gy;  /* incomplete repair between sessions, part of bed_gy; 0 for one session */
    rtfrac_ldr_validity validity; /* the dose rate's band and d_eq (see above) */
} rtfrac_ldr_result;

/* BED of `sessions` equal continuous sessions of dose_gy/sessions Gy each
 * at dose_rate_gy_per_h, gap_h hours apart (end to start; ignored for one
 * session), see the header comment.
 * Domain: dose_gy in (0, RTFRAC_DOSE_MAX_GY]; dose rate in (0,
 * RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H]; 1 <= sessions <=
 * RTFRAC_LDR_SESSIONS_MAX; gap_h in [0, RTFRAC_LDR_HOURS_MAX]; session
 * length at most RTFRAC_LDR_HOURS_MAX; alpha/beta and repair half-time in
 * the ranges of model.h.  Errors: RTFRAC_EDOM, RTFRAC_ERANGE. */
RTFRAC_API int rtfrac_ldr_bed(double dose_gy, double dose_rate_gy_per_h, unsigned long sessions,
                              double gap_h, double alpha_beta_gy, double repair_half_time_h,
                              rtfrac_ldr_result *out);

/* A permanent implant's radiobiology. */
typedef struct rtfrac_implant_params {
    double half_life_days;      /* the isotope's physical half-life */
    double alpha_beta_gy;
    double repair_half_time_h;  /* must be under half the half-life */
    int repopulation;           /* 1: alpha_per_gy and tpot_days are used */
    double alpha_per_gy;
    double tpot_days;
} rtfrac_implant_params;

typedef struct rtfrac_implant_result {
    double initial_dose_rate_gy_per_h; /* R0 = D lambda */
    double bed_full_decay_gy;          /* BED(inf), no repopulation */
    double effective_time_days;        /* Teff; 0 without repopulation */
    double dose_to_teff_gy;            /* dose delivered by Teff; D without repopulation */
    double repopulation_gy;            /* ln 2 Teff / (alpha Tpot), subtracted; 0 without */
    double bed_gy;                     /* BED(inf), or BED(Teff) with repopulation */
    double eqd2_gy;
    rtfrac_ldr_validity validity;      /* R0's band and d_eq to full decay (see above) */
} rtfrac_implant_result;

/* BED and EQD2 of an implant that delivers dose_gy to full decay.
 * Domain: dose_gy in (0, RTFRAC_DOSE_MAX_GY]; half-life in (0,
 * RTFRAC_HALF_LIFE_MAX_DAYS]; alpha/beta, repair half-time, alpha, Tpot in
 * the ranges of model.h; repair half-time (h) under half the half-life.
 * Errors: RTFRAC_EDOM; RTFRAC_EREPOP when, with repopulation, the initial
 * dose rate is already at or below ln 2 / (alpha Tpot) (no effective time:
 * the implant never outpaces repopulation); RTFRAC_ERANGE. */
RTFRAC_API int rtfrac_implant_bed(double dose_gy, const rtfrac_implant_params *p,
                                  rtfrac_implant_result *out);

/* The dose rate that repopulation offsets, ln 2 / (alpha Tpot), in Gy/h
 * (Tpot in days, so 24 Tpot hours): below it an implant no longer adds
 * effect (the effective treatment time is when the dose rate reaches it).
 * Domain: p as for rtfrac_implant_bed, with p->repopulation set.
 * Errors: RTFRAC_EDOM; RTFRAC_ERANGE when the rate is not finite. */
RTFRAC_API int rtfrac_implant_repopulation_rate(const rtfrac_implant_params *p,
                                                double *gy_per_h);

/* The dose (to full decay) of an implant with parameters p whose BED is
 * bed_gy (as rtfrac_implant_bed computes it): solved with GSL's Brent
 * root finder and checked by substitution (relative 1e-9).
 * Domain: bed_gy > 0 and finite; p as for rtfrac_implant_bed.
 * Errors: RTFRAC_EDOM (also when no dose up to RTFRAC_DOSE_MAX_GY reaches
 * the BED), RTFRAC_ERANGE (the solver or the check failed), RTFRAC_ENOMEM. */
RTFRAC_API int rtfrac_implant_dose_for_bed(double bed_gy, const rtfrac_implant_params *p,
                                           double *dose_gy);

#ifdef __cplusplus
}
#endif

#endif /* RTFRAC_LDR_H */
