/* rtfrac brachy: external beam plus HDR brachytherapy summed in EQD2 per
 * structure, with planning aims and limits and the dose per fraction left
 * for the remaining fractions.  The numbers and verdicts come from
 * rtfrac/brachy.h; this file parses and renders.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "ldr_args.h"
#include "opts.h"
#include "presets_path.h"
#include "suggest.h"

enum { OPT_EBRT = 256, OPT_HDR, OPT_AB, OPT_OAR, OPT_TARGET, OPT_CONSTRAINTS, OPT_REMAINING, OPT_AIM,
       OPT_LIMIT, OPT_RATIO, OPT_LDR, OPT_IMPLANT, OPT_REPAIR, OPT_BOOST_RATIO };

#define NS RTFRAC_BRACHY_STRUCTURES_MAX
#define NC RTFRAC_BRACHY_COMPONENTS_MAX

static const cli_opt brachy_opts[] = {
    CLI_TEXT("usage: rtfrac brachy [--ebrt TOTAL/N] --hdr D1,D2,... --ab X\n"
             "                     [--oar NAME=AB:D1,D2,...] [--target NAME=AB:D1,D2,...]\n"
             "                     [--constraints NAME|FILE] [--aim NAME=GY] [--limit NAME=GY]\n"
             "                     [--ebrt-oar-ratio [NAME=]R] [--remaining N] [options]\n"
             "       rtfrac brachy [--ebrt TOTAL/N] (--ldr COURSE | --implant ISOTOPE:GY)\n"
             "                     --repair-half-time H --ab X [--oar NAME=AB]\n"
             "                     [--boost-oar-ratio [NAME=]R] [...]\n"
             "\n"
             "Sum an external-beam course and high-dose-rate (HDR) brachytherapy\n"
             "fractions in EQD2, each fraction at its own dose per fraction, for the\n"
             "target and each organ at risk, and judge the totals against planning aims\n"
             "and limits.  With --remaining N, solve for each structure the dose per\n"
             "fraction of the N fractions still to come that reaches its aim or limit\n"
             "exactly, and name the organ that binds.\n"
             "\n"
             "  BED  = D (1 + d/(a/b)) per component (EBRT: n fractions of d = D/n;\n"
             "         HDR: one fraction of d = D); EQD2 = BED / (1 + 2/(a/b));\n"
             "         totals are sums (Barendsen 1982; Fowler 1989; GEC-ESTRO,\n"
             "         Potter et al. Radiother Oncol 2006;78:67-77); no time factor,\n"
             "         HDR fractions fully repaired between them; 45 Gy/25 + 4 x 7 Gy\n"
             "         is 83.9 Gy at a/b 10 as in Viswanathan et al., Brachytherapy\n"
             "         2012;11:47-52, Table 1\n"
             "  remaining: N x (1 + x/(a/b)) = G (1 + 2/(a/b)) - BED so far, solved for\n"
             "         x (the positive root) and checked by substitution: the largest\n"
             "         x for an organ, the smallest for a target (the planning the\n"
             "         GEC-ESTRO/Vienna EQD2 spreadsheets are used for; not checked\n"
             "         against the workbook itself)\n"
             "  LDR boost (--ldr D@R or D@T: D Gy in all at R Gy/h, or in sessions\n"
             "         of T hours; n sessions g hours apart with ,sessions=n,gap=g,\n"
             "         each D/n Gy, the unrepaired damage carried from one session\n"
             "         into the next added as in 'rtfrac ldr') and permanent implant\n"
             "         (--implant ISOTOPE:D, full decay, no repopulation), each at\n"
             "         the structure's own a/b and its own dose (an organ: B D with\n"
             "         B its --boost-oar-ratio, the same hours, so its dose rate is\n"
             "         B R),\n"
             "         mu = ln 2/T1/2 (--repair-half-time), lambda = ln 2/half-life:\n"
             "         LDR:     BED = D [1 + (2R/(mu a/b)) (1 - (1 - e^(-mu T))/(mu T))]\n"
             "         implant: BED = (R0/lambda) [1 + R0/((mu + lambda) a/b)], R0 = D lambda\n"
             "         (Dale RG, Br J Radiol 1985;58:515-528; as 'rtfrac ldr' and\n"
             "         'rtfrac implant'); added to the sum like any component; with\n"
             "         --remaining, the fractions solved for are further HDR fractions\n"
             "  binding: each organ's x in the target's dose, x / r, with r the organ's\n"
             "         HDR dose over the target's in the fractions given (the organ is\n"
             "         assumed to keep that ratio); the organ with the smallest binds,\n"
             "         and the target's total EQD2 at that dose is shown\n"
             "\n"
             "Options:\n"),
    CLI_OPT("ebrt", "TOTAL/N", OPT_EBRT, "the external-beam prescription: total dose (Gy) in N fractions"),
    CLI_OPT_ONCE("hdr", "LIST", OPT_HDR, "give the dose of every HDR fraction in one comma-separated list, e.g. --hdr 7,7,7,7",
            "the target's dose per HDR fraction (Gy; e.g. HR-CTV D90), one per\n"
            "fraction given, comma-separated: 7,7,7,7"),
    CLI_OPT_ONCE("ab", "X", OPT_AB, "it is the target's; an organ's is in --oar NAME=AB:...", "the target's alpha/beta (Gy); required"),
    CLI_OPT_R("oar", "NAME=AB:LIST", OPT_OAR,
            "an organ at risk: its alpha/beta (Gy) and its dose per HDR\n"
            "fraction (D2cc, D0.1cc or a point dose), one per --hdr dose:\n"
            "bladder=3:5.1,4.8,5.3,5.0 (repeatable)"),
    CLI_OPT_R("target", "NAME=AB:LIST", OPT_TARGET,
            "another target volume or point, as --oar (its goals are\n"
            "minimums): gtv-d98=10:9.5,9.8,... (repeatable)"),
    CLI_OPT("constraints", "NAME|FILE", OPT_CONSTRAINTS,
            "aims and limits from a constraint set (a preset or file;\n"
            "shipped: esgo-estro-2023-cervix-brachy): a constraint applies\n"
            "to the structure of its id or organ (case ignored: rectum,\n"
            "bladder, sigmoid, bowel, IR-CTV, ...); the target takes the\n"
            "set's first minimum unless a --target takes it (by id or organ:\n"
            "then the target has none); an aim-only constraint sets no limit"),
    CLI_OPT_R("aim", "NAME=GY", OPT_AIM,
            "a planning aim in EQD2 (Gy) for 'target' or a --oar/--target\n"
            "name; overrides the set's (repeatable)"),
    CLI_OPT_R("limit", "NAME=GY", OPT_LIMIT, "a limit in EQD2 (Gy), as --aim (repeatable)"),
    CLI_OPT_R("ebrt-oar-ratio", "[NAME=]R", OPT_RATIO,
            "the organ's EBRT dose as a fraction of the prescription\n"
            "(default 1: the organ gets the prescription); R alone applies to\n"
            "every organ without its own"),
    CLI_OPT("remaining", "N", OPT_REMAINING, "HDR fractions still to give: solve their dose per fraction"),
    CLI_OPT_R("ldr", "COURSE", OPT_LDR,
            "a continuous LDR boost, GY@RATE or GY@HOURS, then optionally\n"
            ",sessions=N,gap=H: the target's dose GY, the TOTAL of\n"
            "all sessions (30, 30Gy, 3000cGy), at a dose rate RATE\n"
            "(0.5Gy/h, 50cGy/h; a bare number is Gy/h) or in sessions of\n"
            "HOURS each (60h); sessions=N (default 1) and gap=H, the\n"
            "hours from the end of one session to the start of the next,\n"
            "with its unit h (required with 2 or more): 30@0.5Gy/h, 30@60h,\n"
            "30@0.5Gy/h,sessions=2,gap=24h (2 x 15 Gy, 30 h each)\n"
            "(repeatable; several --ldr are independent courses)"),
    CLI_OPT_R("implant", "ISOTOPE:GY", OPT_IMPLANT,
            "a permanent-implant boost: isotope preset and the target's\n"
            "dose to full decay (Gy): I-125:110 (repeatable)"),
    CLI_OPT_ONCE("repair-half-time", "H", OPT_REPAIR, "it is one value for every structure: give it once",
            "repair half-time T1/2 in hours, every structure; required\n"
            "with --ldr or --implant"),
    CLI_OPT_R("boost-oar-ratio", "[NAME=]R", OPT_BOOST_RATIO,
            "an organ's dose from each --ldr/--implant boost as a fraction\n"
            "of the target's (0 to 2); required for every --oar/--target\n"
            "with a boost; R alone applies to every one without its own"),
    CLI_INCLUDE(cli_common_group),
    CLI_TEXT("\n"
             "Output: one row per structure and component (ebrt, hdr1, hdr2, ..., ldr,\n"
             "implant; ldr1, ldr2, ... when several; an ldr or implant row has\n"
             "no dose_per_fraction_gy; an ldr row has fractions = sessions and\n"
             "sessions, hours_per_session_h, gap_h (empty for one session) and\n"
             "dose_rate_gy_per_h, the structure's own; an implant row the\n"
             "initial dose rate R0 in dose_rate_gy_per_h and fractions 1) and a\n"
             "total row per structure (component total, with aim_eqd2_gy,\n"
             "limit_eqd2_gy and status: pass, above-aim, above-limit, below-aim,\n"
             "below-limit, no-goal): structure, component, alpha_beta_gy,\n"
             "physical_dose_gy, fractions, dose_per_fraction_gy, bed_gy, eqd2_gy.\n"
             "With --remaining, a table per structure and goal: structure, goal,\n"
             "goal_eqd2_gy, fractions, dose_per_fraction_gy,\n"
             "target_dose_per_fraction_gy, bed_gy, eqd2_gy, total_eqd2_gy, status\n"
             "(exact, already-above, already-reached; none: the limit of an\n"
             "aim-only constraint, nothing solved), and the binding organ per goal.\n"
             "\n"
             "Examples:\n"
             "  rtfrac brachy --ebrt 45/25 --hdr 7,7,7,7 --ab 10\n"
             "  rtfrac brachy --ebrt 45/25 --hdr 7.2,6.9 --ab 10 --aim target=90 \\\n"
             "      --limit target=85 --oar bladder=3:5.1,4.8 --aim bladder=80 \\\n"
             "      --limit bladder=90 --oar rectum=3:3.9,4.1 --remaining 2\n"
             "  rtfrac brachy --ebrt 45/25 --implant I-125:110 --ab 3.1 \\\n"
             "      --repair-half-time 0.27 --oar rectum=3 --boost-oar-ratio rectum=0.7\n"
             "  rtfrac brachy --ebrt 45/25 --ldr 30@0.5Gy/h,sessions=2,gap=24h --ab 10 \\\n"
             "      --repair-half-time 1.5 --oar rectum=3 --boost-oar-ratio rectum=0.6\n"
             "\n"
             "Warnings (stderr): an ldr or implant row whose (initial) dose rate is\n"
             "above the low-dose-rate range (0.4 to 2 Gy/h, ICRU Report 38): the\n"
             "continuous-irradiation formula is outside the range it is usually\n"
             "applied to; whose BED equals acute fractions of more than 8 Gy each\n"
             "((BED/D - 1) a/b; the LQ model is uncertain there); whose EQD2 is above\n"
             "200 Gy (not a clinical dose: check the dose and its unit).  An HDR\n"
             "fraction of any structure, or a dose per remaining fraction solved,\n"
             "above 8 Gy: the LQ model is uncertain there.\n"
             "\n"),
    CLI_OPT_END,
};

typedef struct goal_arg {
    const char *name;
    double gy;
    int is_limit;
} goal_arg;

/* An --ldr or --implant boost, as given for the target. */
typedef struct boost_arg {
    rtfrac_brachy_kind kind;
    double dose_gy;
    rtfrac_ldr_spec ldr;             /* --ldr: dose, rate or hours, sessions, gap */
    char isotope[RTFRAC_PRESET_ID_MAX];
} boost_arg;

typedef struct brachy_state {
    int have_ebrt;
    rtfrac_rx ebrt;
    double ab_gy;
    size_t nhdr;
    int have_hdr;
    char *names[NS];                 /* owned copies of the structure names */
    rtfrac_brachy_structure st[NS];  /* st[0] is the target */
    double dose[NS][NC];             /* HDR doses from index 1; EBRT filled later */
    double ratio[NS];                /* EBRT ratio per structure, < 0 when not given */
    double ratio_all;                /* bare --ebrt-oar-ratio, < 0 when not given */
    size_t nratio;                   /* NAME=R ratios given */
    size_t ns;
    goal_arg goals[2 * NS];
    size_t ngoals;
    const char *constraints;
    const rtfrac_constraint *from_set[NS]; /* the set's constraint a structure took, or NULL */
    unsigned long remaining;
    int have_remaining;
    boost_arg boost[NC];
    size_t nboost, first_boost;      /* first_boost: the first boost's component index */
    double boost_ratio[NS];          /* boost ratio per structure (with has_boost_ratio) */
    int has_boost_ratio[NS];
    double boost_ratio_all;          /* bare --boost-oar-ratio (with has_boost_ratio_all) */
    int has_boost_ratio_all;
    int has_repair;
    double repair_h;
} brachy_state;

/* A parse error in the piece of `whole` that starts at byte `at`: the whole
 * argument quoted, the caret under the piece's column, and `spelling` after
 * the parser's own hint. */
static int piece_error(const char *option, const char *whole, size_t at, rtfrac_diag *d, const char *spelling)
{
    char own[RTFRAC_DIAG_MESSAGE_MAX];
    memcpy(own, d->message, sizeof(own));
    if (snprintf(d->message, sizeof(d->message), "%s; write %s", own, spelling) >= (int)sizeof(d->message))
        memcpy(d->message, own, sizeof(own)); /* too long: the parser's own message */
    if (d->column > 0)
        d->column += rtfrac_num_utf8_width(whole, at);
    return cli_diag_error(option, whole, d);
}

#define HDR_SPELLING "doses per fraction in Gy separated by commas, e.g. 7,7.2,6.8"
#define STRUCTURE_SPELLING(option) (strcmp((option), "--target") == 0 ? \
    "NAME=AB:D1,D2,... (alpha/beta, then each HDR dose per fraction, in Gy), e.g. GTVres=10:8.5,8.7 (or GTVres=10 without --hdr)" : \
    "NAME=AB:D1,D2,... (alpha/beta, then each HDR dose per fraction, in Gy), e.g. rectum=3:5.1,4.8,5.3 (or rectum=3 without --hdr)")

/* "D1,D2,..." (the part of `whole` from byte `at`) into dose[1..]; returns
 * the count or 0 after the message, which quotes the whole argument. */
static size_t parse_doses(const char *option, const char *whole, size_t at, double *dose, const char *spelling)
{
    size_t n = 0;
    const char *p = whole + at;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char buf[64];
        double v = 0.0;
        rtfrac_diag d;
        if (n + 1 >= NC)
            return cli_error("%s '%s': more than %d HDR fractions", option, whole, NC - 1), 0;
        if (len == 0 || len >= sizeof(buf))
            return cli_error("%s '%s': %s dose in the list; write %s", option, whole,
                             len == 0 ? "a missing (empty)" : "an overlong", spelling), 0;
        memcpy(buf, p, len);
        buf[len] = '\0';
        rtfrac_diag_clear(&d);
        if (rtfrac_num_parse_quantity(buf, RTFRAC_QTY_DOSE_GY, &v, &d) != RTFRAC_OK)
            return piece_error(option, whole, (size_t)(p - whole), &d, spelling), 0;
        if (v < 0.0 || v > RTFRAC_RX_UNITLESS_DOSE_PER_FRACTION_MAX_GY)
            return cli_error("%s '%s': dose per fraction '%s' is out of range; accepted: 0 to %g Gy (write cGy as '700cGy')",
                             option, whole, buf, RTFRAC_RX_UNITLESS_DOSE_PER_FRACTION_MAX_GY), 0;
        dose[++n] = v;
        if (end == NULL)
            return n;
        p = end + 1;
    }
}

static int valid_name(const char *s, size_t len)
{
    if (len == 0 || len >= RTFRAC_PRESET_ID_MAX)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-' || s[i] == '_' || s[i] == '.'))
            return 0;
    return 1;
}

static long find_structure(const brachy_state *st, const char *name)
{
    for (size_t s = 0; s < st->ns; s++)
        if (strcasecmp(st->names[s], name) == 0)
            return (long)s;
    return -1;
}

/* The alpha/beta between '=' and ':' (or the end) of a --oar/--target
 * argument; an error quotes the whole argument. */
static int parse_ab(const char *option, const char *arg, const char *eq, const char *colon, double *ab_gy)
{
    char ab[64];
    rtfrac_diag d;
    double v = 0.0;
    if (colon == eq + 1)
        return cli_error("invalid %s '%s': no alpha/beta after '='; write %s", option, arg, STRUCTURE_SPELLING(option));
    memcpy(ab, eq + 1, (size_t)(colon - eq - 1));
    ab[colon - eq - 1] = '\0';
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse_quantity(ab, RTFRAC_QTY_DOSE_GY, &v, &d) != RTFRAC_OK)
        return piece_error(option, arg, (size_t)(eq + 1 - arg), &d, STRUCTURE_SPELLING(option));
    if (!(v >= RTFRAC_ALPHA_BETA_MIN_GY && v <= RTFRAC_ALPHA_BETA_MAX_GY))
        return cli_error("%s '%s': alpha/beta '%s' is out of range; accepted: %g to %g Gy", option, arg, ab,
                         RTFRAC_ALPHA_BETA_MIN_GY, RTFRAC_ALPHA_BETA_MAX_GY);
    *ab_gy = v;
    return CLI_OK;
}

/* --oar / --target NAME=AB:D1,D2,... */
static int add_structure(brachy_state *st, const char *option, const char *arg, rtfrac_brachy_direction dir)
{
    const char *eq = strchr(arg, '='), *colon = eq ? strchr(eq, ':') : NULL;
    if (eq != NULL && colon == NULL)
        colon = eq + strlen(eq); /* NAME=AB: no HDR doses (a plan without --hdr) */
    if (eq == NULL || !valid_name(arg, (size_t)(eq - arg)) || (size_t)(colon - eq - 1) >= 64)
        return cli_error("invalid %s '%s'; expected NAME=AB:D1,D2,... (or NAME=AB without --hdr) with a name of letters, digits, '-', '_' or '.', e.g. bladder=3:5.1,4.8,5.3,5.0",
                         option, arg);
    if (st->ns >= NS)
        return cli_error("%s '%s': more than %d structures", option, arg, NS - 1);
    size_t s = st->ns;
    if ((st->names[s] = malloc((size_t)(eq - arg) + 1)) == NULL)
        return cli_error("out of memory");
    memcpy(st->names[s], arg, (size_t)(eq - arg));
    st->names[s][eq - arg] = '\0';
    st->ns++;
    if (strcasecmp(st->names[s], "target") == 0 || find_structure(st, st->names[s]) != (long)s)
        return cli_error("%s '%s': the name '%s' is already used; every structure needs its own", option, arg,
                         st->names[s]);
    if (parse_ab(option, arg, eq, colon, &st->st[s].alpha_beta_gy) != CLI_OK)
        return CLI_EUSAGE;
    if (*colon != '\0' && colon[1] == '\0')
        return cli_error("invalid %s '%s': no HDR dose after ':'; write %s", option, arg, STRUCTURE_SPELLING(option));
    size_t n = *colon == '\0' ? 0 : parse_doses(option, arg, (size_t)(colon + 1 - arg), st->dose[s], STRUCTURE_SPELLING(option));
    if (n == 0 && *colon != '\0')
        return CLI_EUSAGE;
    st->st[s].direction = dir;
    st->st[s].name = st->names[s];
    st->st[s].dose_gy = st->dose[s];
    st->ratio[s] = -1.0;
    /* the count is checked against --hdr once all options are read */
    st->dose[s][0] = (double)n;
    return CLI_OK;
}

/* --aim / --limit NAME=GY (resolved once the structures are known) */
static int add_goal(brachy_state *st, const char *option, char *arg, int is_limit)
{
    char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg)
        return cli_error("invalid %s '%s'; expected NAME=GY (EQD2), e.g. %s", option, arg,
                         is_limit ? "rectum=75" : "target=90");
    *eq = '\0';
    if (st->ngoals >= 2 * NS)
        return cli_error("too many --aim/--limit options");
    goal_arg *g = &st->goals[st->ngoals++];
    g->name = arg;
    g->is_limit = is_limit;
    return cli_parse_gy(option, eq + 1, &g->gy);
}

/* [NAME=]R of --ebrt-oar-ratio and --boost-oar-ratio: R from 0 to 2 and
 * the structure it names (*s > 0), or 0 for a bare R (every organ without
 * its own).  --ebrt-oar-ratio names an --oar only; --boost-oar-ratio an
 * --oar or a --target. */
static int parse_ratio(brachy_state *st, char *arg, const char *option, const char *of_what, int oar_only,
                       double *r, long *s)
{
    char *eq = strchr(arg, '=');
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    const char *num = eq ? eq + 1 : arg;
    *s = 0;
    if (rtfrac_num_parse_quantity(num, RTFRAC_QTY_PLAIN, r, &d) != RTFRAC_OK)
        return cli_diag_error(option, num, &d);
    if (*r < 0.0 || *r > 2.0)
        return cli_error("%s '%s' is out of range; accepted: 0 to 2 (a fraction of %s)", option, arg, of_what);
    if (eq == NULL)
        return CLI_OK;
    *eq = '\0';
    *s = find_structure(st, arg);
    if (*s <= 0 || (oar_only && st->st[*s].direction != RTFRAC_BRACHY_UPPER))
        return cli_error("%s '%s=%s': no %s named '%s' before it; give --oar NAME=... first", option, arg, num,
                         oar_only ? "--oar" : "--oar or --target", arg);
    return CLI_OK;
}

/* --boost-oar-ratio [NAME=]R */
/* A second ratio for one structure (or a second bare one): refused, naming
 * both, rather than the last silently winning. */
static int ratio_twice(const char *option, const brachy_state *st, long s, double first, double second)
{
    if (s == 0)
        return cli_error("%s is given twice without a name (%g, then %g); give the ratio for every structure once, and NAME=R for the exceptions",
                         option, first, second);
    return cli_error("%s is given twice for '%s' (%g, then %g); give it once", option, st->names[s], first, second);
}

static int add_boost_ratio(brachy_state *st, char *arg)
{
    double r = 0.0;
    long s = 0;
    if (parse_ratio(st, arg, "--boost-oar-ratio", "the target's boost dose", 0, &r, &s) != CLI_OK)
        return CLI_EUSAGE;
    if (s == 0 ? st->has_boost_ratio_all : st->has_boost_ratio[s])
        return ratio_twice("--boost-oar-ratio", st, s, s == 0 ? st->boost_ratio_all : st->boost_ratio[s], r);
    if (s == 0) {
        st->boost_ratio_all = r;
        st->has_boost_ratio_all = 1;
    } else {
        st->boost_ratio[s] = r;
        st->has_boost_ratio[s] = 1;
    }
    return CLI_OK;
}

/* --ldr GY@RATE|GY@HOURS[,sessions=N,gap=H] (rtfrac_ldr_spec_parse),
 * --implant ISOTOPE:GY */
static int add_boost(brachy_state *st, const char *option, const char *arg, rtfrac_brachy_kind kind)
{
    const char *sep = strrchr(arg, ':');
    if (st->nboost >= NC - 1)
        return cli_error("%s '%s': more than %d boosts", option, arg, NC - 1);
    boost_arg *b = &st->boost[st->nboost];
    b->kind = kind;
    if (kind == RTFRAC_BRACHY_LDR) {
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        if (rtfrac_ldr_spec_parse(arg, &b->ldr, &d) != RTFRAC_OK)
            return cli_diag_error(option, arg, &d);
        b->dose_gy = b->ldr.dose_gy;
        st->nboost++;
        return CLI_OK;
    }
    if (sep == NULL || sep == arg || sep[1] == '\0' || (size_t)(sep - arg) >= sizeof(b->isotope))
        return cli_error("invalid --implant '%s'; write ISOTOPE:DOSE: an isotope preset and the target's dose to full decay in Gy, e.g. --implant I-125:110", arg);
    memcpy(b->isotope, arg, (size_t)(sep - arg));
    b->isotope[sep - arg] = '\0';
    if (cli_parse_gy(option, sep + 1, &b->dose_gy) != CLI_OK)
        return CLI_EUSAGE;
    if (b->dose_gy <= 0.0)
        return cli_error("%s '%s': the dose must be above 0 Gy", option, arg);
    st->nboost++;
    return CLI_OK;
}

/* --ebrt-oar-ratio [NAME=]R */
static int add_ratio(brachy_state *st, char *arg)
{
    double r = 0.0;
    long s = 0;
    if (parse_ratio(st, arg, "--ebrt-oar-ratio", "the EBRT prescription", 1, &r, &s) != CLI_OK)
        return CLI_EUSAGE;
    if ((s == 0 ? st->ratio_all : st->ratio[s]) >= 0.0)
        return ratio_twice("--ebrt-oar-ratio", st, s, s == 0 ? st->ratio_all : st->ratio[s], r);
    if (s == 0) {
        st->ratio_all = r;
    } else {
        st->ratio[s] = r;
        st->nratio++;
    }
    return CLI_OK;
}

static int brachy_option(void *ctx, int id, char *arg)
{
    brachy_state *st = ctx;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    switch (id) {
    case OPT_EBRT:
        if (rtfrac_rx_parse(arg, &st->ebrt, &d) != RTFRAC_OK)
            return cli_diag_error("--ebrt", arg, &d);
        st->have_ebrt = 1;
        return CLI_OK;
    case OPT_HDR:
        st->have_hdr = 1;
        return (st->nhdr = parse_doses("--hdr", arg, 0, st->dose[0], HDR_SPELLING)) == 0 ? CLI_EUSAGE : CLI_OK;
    case OPT_AB:
        return cli_parse_ab("--ab", arg, arg, &st->ab_gy);
    case OPT_OAR:
        return add_structure(st, "--oar", arg, RTFRAC_BRACHY_UPPER);
    case OPT_TARGET:
        return add_structure(st, "--target", arg, RTFRAC_BRACHY_LOWER);
    case OPT_CONSTRAINTS:
        st->constraints = arg;
        return CLI_OK;
    case OPT_AIM:
        return add_goal(st, "--aim", arg, 0);
    case OPT_LIMIT:
        return add_goal(st, "--limit", arg, 1);
    case OPT_RATIO:
        return add_ratio(st, arg);
    case OPT_REMAINING:
        st->have_remaining = 1;
        return cli_parse_fractions("--remaining", arg, &st->remaining);
    case OPT_LDR:
        return add_boost(st, "--ldr", arg, RTFRAC_BRACHY_LDR);
    case OPT_IMPLANT:
        return add_boost(st, "--implant", arg, RTFRAC_BRACHY_IMPLANT);
    case OPT_BOOST_RATIO:
        return add_boost_ratio(st, arg);
    case OPT_REPAIR:
        st->has_repair = 1;
        return ldr_parse_value("--repair-half-time", arg, RTFRAC_QTY_TIME_HOURS, 0.0, RTFRAC_REPAIR_HALF_TIME_MAX_H,
                               "h", &st->repair_h);
    }
    return cli_error("unhandled option");
}

static const cli_command brachy_cmd = { "brachy", brachy_opts, brachy_option };

/* The --ldr and --implant components after the others (the isotopes'
 * half-lives are filled once the presets are loaded) and every structure's
 * dose from them. */
static int boost_components(brachy_state *st, rtfrac_brachy_component *comp, size_t *nc)
{
    int any_ratio = st->has_boost_ratio_all;
    for (size_t s = 1; s < st->ns; s++)
        any_ratio |= st->has_boost_ratio[s];
    if (st->nboost == 0)
        return st->has_repair || any_ratio
                   ? cli_error("%s is for --ldr and --implant boosts; give one or leave it out",
                               st->has_repair ? "--repair-half-time" : "--boost-oar-ratio")
                   : CLI_OK;
    if (!st->has_repair)
        return cli_error("--ldr and --implant need the repair half-time: --repair-half-time H (hours, e.g. 1.5; prostate 0.27)");
    if (*nc + st->nboost > NC)
        return cli_error("more than %d components in all", NC);
    st->boost_ratio[0] = 1.0;
    for (size_t s = 1; s < st->ns; s++) {
        if (!st->has_boost_ratio[s] && !st->has_boost_ratio_all)
            return cli_error("'%s' needs its dose from the --ldr/--implant boost: --boost-oar-ratio %s=R (its dose over the target's, e.g. 0.7), or --boost-oar-ratio R for every structure without its own",
                             st->names[s], st->names[s]);
        if (!st->has_boost_ratio[s])
            st->boost_ratio[s] = st->boost_ratio_all;
    }
    st->first_boost = *nc;
    for (size_t k = 0; k < st->nboost; k++) {
        const boost_arg *b = &st->boost[k];
        rtfrac_brachy_component *c = &comp[(*nc)++];
        memset(c, 0, sizeof(*c));
        c->kind = b->kind;
        c->fractions = b->kind == RTFRAC_BRACHY_LDR ? b->ldr.sessions : 1;
        c->repair_half_time_h = st->repair_h;
        c->hours_per_session_h = b->kind == RTFRAC_BRACHY_LDR ? b->ldr.hours_per_session_h : 0.0;
        c->gap_h = b->kind == RTFRAC_BRACHY_LDR ? b->ldr.gap_h : 0.0;
        for (size_t s = 0; s < st->ns; s++) {
            double rate = st->boost_ratio[s] * b->ldr.dose_rate_gy_per_h;
            if (b->kind == RTFRAC_BRACHY_LDR && rate > RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H)
                return cli_error("'%s': its --ldr dose rate is %g x %g Gy/h = %g Gy/h, above %g Gy/h; check --boost-oar-ratio and the course's rate",
                                 st->names[s], st->boost_ratio[s], b->ldr.dose_rate_gy_per_h, rate,
                                 RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H);
            st->dose[s][1 + st->nhdr + k] = st->boost_ratio[s] * b->dose_gy;
        }
    }
    return CLI_OK;
}

/* Fill the components and every structure's EBRT dose; check the counts. */
/* A bare --ebrt-oar-ratio with no --oar, or a bare --boost-oar-ratio with
 * no --oar/--target, would apply to nothing (the target keeps 1): refused. */
static int unused_bare_ratio(const brachy_state *st)
{
    int oars = 0;
    for (size_t s = 1; s < st->ns; s++)
        oars |= st->st[s].direction == RTFRAC_BRACHY_UPPER;
    if (st->ratio_all >= 0.0 && !oars)
        return cli_error("--ebrt-oar-ratio %g applies to every --oar without its own, and there is none (the target always gets the prescription); give --oar NAME=... or leave it out",
                         st->ratio_all);
    if (st->has_boost_ratio_all && st->ns == 1)
        return cli_error("--boost-oar-ratio %g applies to every --oar/--target without its own, and there is none (the target gets the boost as given); give --oar NAME=... or leave it out",
                         st->boost_ratio_all);
    return CLI_OK;
}

static int build_plan(brachy_state *st, rtfrac_brachy_component *comp, rtfrac_brachy_plan *plan)
{
    size_t first = st->have_ebrt ? 0 : 1, nc = 0;
    if (st->ab_gy <= 0.0)
        return cli_error("brachy needs the target's alpha/beta: --ab X (e.g. --ab 10)");
    if (!st->have_ebrt && (st->ratio_all >= 0.0 || st->nratio > 0))
        return cli_error("--ebrt-oar-ratio scales the EBRT dose: it needs --ebrt TOTAL/N");
    if (unused_bare_ratio(st) != CLI_OK)
        return CLI_EUSAGE;
    if (!st->have_hdr && !st->have_remaining && st->nboost == 0)
        return cli_error("brachy needs the target's HDR doses (--hdr 7,7,7,7), a boost (--ldr 30@0.5, --implant I-125:110) or the fractions still to give (--remaining N)");
    for (size_t s = 1; s < st->ns; s++)
        if ((size_t)st->dose[s][0] != st->nhdr)
            return cli_error("'%s' has %zu HDR %s but --hdr has %zu; give one dose per HDR fraction given, in the order of --hdr: %s=%g:D1,D2,... (Gy)",
                             st->names[s], (size_t)st->dose[s][0],
                             cli_plural((unsigned long)st->dose[s][0], "dose", "doses"), st->nhdr, st->names[s],
                             st->st[s].alpha_beta_gy);
    if (st->have_ebrt) {
        comp[nc].kind = RTFRAC_BRACHY_EBRT;
        comp[nc++].fractions = st->ebrt.fractions;
    }
    for (size_t i = 0; i < st->nhdr; i++) {
        comp[nc].kind = RTFRAC_BRACHY_HDR;
        comp[nc++].fractions = 1;
    }
    if (boost_components(st, comp, &nc) != CLI_OK)
        return CLI_EUSAGE;
    if (nc == 0)
        return cli_error("brachy needs --ebrt or --hdr: nothing is given so far");
    for (size_t s = 0; s < st->ns; s++) {
        double r = st->ratio[s] >= 0.0 ? st->ratio[s] : st->ratio_all >= 0.0 && s > 0 &&
                   st->st[s].direction == RTFRAC_BRACHY_UPPER ? st->ratio_all : 1.0;
        st->dose[s][0] = st->have_ebrt ? r * st->ebrt.total_dose_gy : 0.0;
        st->st[s].dose_gy = st->dose[s] + first;
    }
    plan->components = comp;
    plan->ncomponents = nc;
    plan->structures = st->st;
    plan->nstructures = st->ns;
    plan->reference = 0;
    plan->remaining = st->remaining;
    return CLI_OK;
}

/* The constraint of set a named structure (s > 0) takes: the first whose
 * id or organ is its name (case ignored), or NULL. */
static const rtfrac_constraint *match_named(const rtfrac_constraint_set *set, const brachy_state *st, size_t s)
{
    for (size_t i = 0; i < set->nconstraints; i++) {
        const rtfrac_constraint *k = &set->constraints[i];
        if (strcasecmp(k->id, st->names[s]) == 0 || strcasecmp(k->organ, st->names[s]) == 0)
            return k;
    }
    return NULL;
}

/* The constraint of set that applies to structure s, or NULL.  The unnamed
 * target takes the set's first minimum (hr-ctv-d90) unless a --target takes
 * that one (*owner gets it): never a later minimum (a D98 aim for a D90 dose). */
static const rtfrac_constraint *match_constraint(const rtfrac_constraint_set *set, const brachy_state *st, size_t s,
                                                 long *owner)
{
    const rtfrac_constraint *first = NULL;
    *owner = -1;
    if (s > 0 || (first = match_named(set, st, 0)) != NULL)
        return s > 0 ? match_named(set, st, s) : first;
    for (size_t i = 0; i < set->nconstraints && first == NULL; i++)
        if (set->constraints[i].lower_bound)
            first = &set->constraints[i];
    for (size_t o = 1; first != NULL && o < st->ns; o++)
        if (match_named(set, st, o) == first) {
            *owner = (long)o;
            return NULL;
        }
    return first;
}

static int apply_constraints(brachy_state *st, const rtfrac_constraint_set *set, out_doc *doc)
{
    size_t matched = 0;
    for (size_t s = 0; s < st->ns; s++) {
        long owner;
        const rtfrac_constraint *k = match_constraint(set, st, s, &owner);
        if (owner > 0 && out_note(doc, "target: no goal from %s: its first minimum '%s' applies to %s; give the target's own with --aim/--limit target=GY",
                                  set->id, match_named(set, st, (size_t)owner)->id,
                                  st->names[owner]) != 0)
            return CLI_EFAIL;
        if (k == NULL)
            continue;
        int rc = rtfrac_brachy_goals_from_constraint(k, st->st[s].alpha_beta_gy, st->st[s].direction, &st->st[s]);
        if (rc == RTFRAC_EINVAL && (k->metric == RTFRAC_METRIC_MEAN || k->metric == RTFRAC_METRIC_V_GY))
            return cli_error("constraint '%s' of %s (%s) is not a dose at a point or volume; brachy takes max, D<x>%% and D<x>cc",
                             k->id, set->id, k->metric_text);
        if (rc == RTFRAC_EINVAL)
            return cli_error("constraint '%s' of %s (%s) is a %s: give '%s' as %s", k->id, set->id, k->metric_text,
                             k->lower_bound ? "minimum" : "maximum", st->names[s], k->lower_bound ? "--target" : "--oar");
        if (rc != RTFRAC_OK)
            return cli_error("constraint '%s' of %s: %s", k->id, set->id, rtfrac_strerror(rc));
        if (k->has_alpha_beta && (k->alpha_beta_gy > st->st[s].alpha_beta_gy || k->alpha_beta_gy < st->st[s].alpha_beta_gy))
            cli_warn("'%s' uses alpha/beta %g Gy but %s constraint '%s' states %g Gy; its EQD2 goals are used as stated",
                     st->names[s], st->st[s].alpha_beta_gy, set->id, k->id, k->alpha_beta_gy);
        if (out_note(doc, "%s: %s from %s constraint '%s' (%s)", st->names[s],
                     k->aim_only ? "aim (no limit: aim only)" : k->has_optimal ? "aim and limit" : "limit (no aim)",
                     set->id, k->id, k->metric_text) != 0)
            return CLI_EFAIL;
        st->from_set[s] = k;
        matched++;
    }
    if (set->overrides != NULL && out_note(doc, "%s: read from %s, which overrides the set of that name in %s",
                                           set->id, set->origin.file, set->overrides) != 0)
        return CLI_EFAIL;
    if (matched == 0 && out_note(doc, "%s: no constraint applies to these structures (give --oar names such as %s)",
                                 set->id, set->constraints[set->nconstraints - 1].id) != 0)
        return CLI_EFAIL;
    return CLI_OK;
}

/* One --aim/--limit onto structure s: refused when repeated for s; a note
 * when it replaces or adds to the goals the constraint set gave s. */
static int apply_goal(brachy_state *st, size_t i, size_t s, out_doc *doc)
{
    const goal_arg *g = &st->goals[i];
    const char *what = g->is_limit ? "limit" : "aim", *opt = g->is_limit ? "--limit" : "--aim";
    rtfrac_brachy_structure *x = &st->st[s];
    for (size_t j = 0; j < i; j++)
        if (st->goals[j].is_limit == g->is_limit && find_structure(st, st->goals[j].name) == (long)s)
            return cli_error("%s '%s=%g': '%s' already has %s %s=%g; give one %s per structure", opt, g->name, g->gy,
                             st->names[s], opt, st->goals[j].name, st->goals[j].gy, what);
    int had = g->is_limit ? x->has_limit : x->has_aim;
    double old = g->is_limit ? x->limit_eqd2_gy : x->aim_eqd2_gy;
    if (g->is_limit)
        x->has_limit = 1, x->limit_eqd2_gy = g->gy;
    else
        x->has_aim = 1, x->aim_eqd2_gy = g->gy;
    if (st->from_set[s] == NULL)
        return CLI_OK;
    if (had)
        return out_note(doc, "%s: %s %g Gy EQD2 from %s, in place of %g Gy from constraint '%s'", st->names[s], what,
                        g->gy, opt, old, st->from_set[s]->id) ? CLI_EFAIL : CLI_OK;
    return out_note(doc, "%s: %s %g Gy EQD2 from %s (constraint '%s' has no %s)", st->names[s], what, g->gy, opt,
                    st->from_set[s]->id, what) ? CLI_EFAIL : CLI_OK;
}

/* --remaining solves for aims and limits: with none on any structure it
 * would print empty tables, so it is refused. */
static int check_remaining(const brachy_state *st)
{
    for (size_t s = 0; s < st->ns; s++)
        if (st->st[s].has_aim || st->st[s].has_limit)
            return CLI_OK;
    return st->remaining == 0 ? CLI_OK
           : cli_error("--remaining %lu solves for aims and limits, and no structure has one; give an aim or a limit for at least one structure with --aim/--limit or --constraints, e.g. --aim target=85 or --limit rectum=75 (Gy EQD2)",
                       st->remaining);
}

static int apply_goals(brachy_state *st, out_doc *doc)
{
    for (size_t i = 0; i < st->ngoals; i++) {
        const goal_arg *g = &st->goals[i];
        long s = find_structure(st, g->name);
        int rc;
        if (s < 0)
            return cli_error("%s '%s': no structure named '%s'; accepted: target or a --oar/--target name",
                             g->is_limit ? "--limit" : "--aim", g->name, g->name);
        if ((rc = apply_goal(st, i, (size_t)s, doc)) != CLI_OK)
            return rc;
    }
    for (size_t s = 0; s < st->ns; s++) {
        const rtfrac_brachy_structure *x = &st->st[s];
        if (x->has_aim && x->has_limit &&
            (x->direction == RTFRAC_BRACHY_UPPER ? x->limit_eqd2_gy < x->aim_eqd2_gy : x->limit_eqd2_gy > x->aim_eqd2_gy))
            return cli_error("'%s': limit %g Gy is %s its aim %g Gy%s%s%s; for %s the limit must be the %s", st->names[s],
                             x->limit_eqd2_gy, x->direction == RTFRAC_BRACHY_UPPER ? "below" : "above", x->aim_eqd2_gy,
                             st->from_set[s] ? " (goals of constraint '" : "", st->from_set[s] ? st->from_set[s]->id : "",
                             st->from_set[s] ? "' unless given with --aim/--limit)" : "",
                             x->direction == RTFRAC_BRACHY_UPPER ? "an organ" : "a target",
                             x->direction == RTFRAC_BRACHY_UPPER ? "higher" : "lower");
    }
    return CLI_OK;
}

static const out_col row_cols[] = {
    { "structure", "Structure", OUT_STR, 0 },
    { "component", "Component", OUT_STR, 0 },
    { "alpha_beta_gy", "a/b (Gy)", OUT_REAL, OUT_AS_GIVEN },
    { "physical_dose_gy", "Dose (Gy)", OUT_REAL, 0 },
    { "fractions", "Fx", OUT_INT, 0 },
    { "dose_per_fraction_gy", "d (Gy/fx)", OUT_REAL, 0 },
    { "sessions", "Sessions", OUT_INT, OUT_HIDE_EMPTY },
    { "hours_per_session_h", "Hours/session (h)", OUT_REAL, OUT_HIDE_EMPTY },
    { "gap_h", "Gap (h)", OUT_REAL, OUT_HIDE_EMPTY },
    { "dose_rate_gy_per_h", "Dose rate (Gy/h)", OUT_REAL, OUT_HIDE_EMPTY },
    { "bed_gy", "BED (Gy)", OUT_REAL, 0 },
    { "eqd2_gy", "EQD2 (Gy)", OUT_REAL, 0 },
    { "aim_eqd2_gy", "Aim EQD2 (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "limit_eqd2_gy", "Limit EQD2 (Gy)", OUT_REAL, OUT_HIDE_EMPTY },
    { "status", "Status", OUT_STR, OUT_HIDE_EMPTY },
};

static const out_col rem_cols[] = {
    { "structure", "Structure", OUT_STR, 0 },
    { "goal", "Goal", OUT_STR, 0 },
    { "goal_eqd2_gy", "Goal EQD2 (Gy)", OUT_REAL, 0 },
    { "fractions", "Fx left", OUT_INT, 0 },
    { "dose_per_fraction_gy", "d (Gy/fx)", OUT_REAL, 0 },
    { "target_dose_per_fraction_gy", "Target d (Gy/fx)", OUT_REAL, OUT_HIDE_EMPTY },
    { "bed_gy", "BED left (Gy)", OUT_REAL, 0 },
    { "eqd2_gy", "EQD2 left (Gy)", OUT_REAL, 0 },
    { "total_eqd2_gy", "Total EQD2 (Gy)", OUT_REAL, 0 },
    { "status", "Status", OUT_STR, 0 },
};

static const out_col bind_cols[] = {
    { "goal", "Goal", OUT_STR, 0 },
    { "structure", "Binding organ", OUT_STR, 0 },
    { "target_dose_per_fraction_gy", "Target d (Gy/fx)", OUT_REAL, 0 },
    { "target_total_eqd2_gy", "Target total EQD2 (Gy)", OUT_REAL, 0 },
};

static int put_term(out_table *t, long row, const char *structure, const char *component, double ab,
                    const rtfrac_brachy_term *x, int with_dpf)
{
    if (row < 0 || out_str(t, row, "structure", structure) || out_str(t, row, "component", component) ||
        out_real(t, row, "alpha_beta_gy", ab) || out_real(t, row, "physical_dose_gy", x->physical_dose_gy) ||
        out_int(t, row, "fractions", (long long)x->fractions) || out_real(t, row, "bed_gy", x->bed_gy) ||
        out_real(t, row, "eqd2_gy", x->eqd2_gy) ||
        (with_dpf && out_real(t, row, "dose_per_fraction_gy", x->dose_per_fraction_gy)))
        return -1;
    return 0;
}

/* An ldr row's sessions, hours and gap (empty for one session: there is
 * no gap, as in 'rtfrac ldr'); an ldr or implant row's (initial) dose rate. */
static int put_protracted(out_table *t, long row, const rtfrac_brachy_component *c, const rtfrac_brachy_term *x)
{
    if (c->kind == RTFRAC_BRACHY_LDR &&
        (out_int(t, row, "sessions", (long long)c->fractions) || out_real(t, row, "hours_per_session_h", c->hours_per_session_h) ||
         (c->fractions > 1 && out_real(t, row, "gap_h", c->gap_h))))
        return -1;
    if (x->has_validity && out_real(t, row, "dose_rate_gy_per_h", x->validity.dose_rate_gy_per_h))
        return -1;
    return 0;
}

static int render_structure(out_table *t, const brachy_state *st, size_t s, const rtfrac_brachy_plan *plan,
                            const rtfrac_brachy_term *terms, const rtfrac_brachy_result *r)
{
    const rtfrac_brachy_structure *x = &st->st[s];
    size_t count[4] = { 0, 0, 0, 0 }, seen[4] = { 0, 0, 0, 0 };
    static const char *const kind_name[4] = { "ebrt", "hdr", "ldr", "implant" };
    for (size_t i = 0; i < plan->ncomponents; i++)
        count[plan->components[i].kind]++;
    for (size_t i = 0; i < plan->ncomponents; i++) {
        char name[32];
        rtfrac_brachy_kind k = plan->components[i].kind;
        seen[k]++;
        if (k == RTFRAC_BRACHY_EBRT || (k != RTFRAC_BRACHY_HDR && count[k] == 1))
            snprintf(name, sizeof(name), "%s", kind_name[k]);
        else
            snprintf(name, sizeof(name), "%s%zu", kind_name[k], seen[k]);
        long row = out_row(t);
        if (put_term(t, row, x->name, name, x->alpha_beta_gy, &terms[i], k == RTFRAC_BRACHY_EBRT || k == RTFRAC_BRACHY_HDR) ||
            put_protracted(t, row, &plan->components[i], &terms[i]))
            return -1;
        if (terms[i].lq_uncertain && k == RTFRAC_BRACHY_HDR)
            cli_warn("'%s' %s: an HDR dose per fraction of %g Gy, above %g Gy: the LQ model is uncertain there", x->name,
                     name, terms[i].dose_per_fraction_gy, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
        if (terms[i].has_validity) {
            char who[96];
            ldr_warned w = { 0, 0 };
            snprintf(who, sizeof(who), "'%s' %s", x->name, name);
            ldr_warn_validity(who, k == RTFRAC_BRACHY_IMPLANT, x->alpha_beta_gy, &terms[i].validity, &w);
        }
    }
    long row = out_row(t);
    if (put_term(t, row, x->name, "total", x->alpha_beta_gy, &r->total, 0) ||
        (x->has_aim && out_real(t, row, "aim_eqd2_gy", x->aim_eqd2_gy)) ||
        (x->has_limit && out_real(t, row, "limit_eqd2_gy", x->limit_eqd2_gy)) ||
        out_str(t, row, "status", rtfrac_brachy_status_name(r->status)))
        return -1;
    return 0;
}

static int render_solve(out_table *t, const char *name, const char *goal, const rtfrac_brachy_solve *sv)
{
    long row;
    if (sv->status == RTFRAC_BRACHY_SOLVE_NONE)
        return 0;
    row = out_row(t);
    if (row < 0 || out_str(t, row, "structure", name) || out_str(t, row, "goal", goal) ||
        out_real(t, row, "goal_eqd2_gy", sv->goal_eqd2_gy) ||
        out_int(t, row, "fractions", (long long)sv->remaining.fractions) ||
        out_real(t, row, "dose_per_fraction_gy", sv->remaining.dose_per_fraction_gy) ||
        (sv->has_target_dose && out_real(t, row, "target_dose_per_fraction_gy", sv->target_dose_per_fraction_gy)) ||
        out_real(t, row, "bed_gy", sv->remaining.bed_gy) || out_real(t, row, "eqd2_gy", sv->remaining.eqd2_gy) ||
        out_real(t, row, "total_eqd2_gy", sv->total_eqd2_gy) ||
        out_str(t, row, "status", rtfrac_brachy_solve_status_name(sv->status)))
        return -1;
    if (sv->status == RTFRAC_BRACHY_SOLVE_EXACT && sv->remaining.lq_uncertain)
        cli_warn("'%s' %s: the dose per remaining fraction solved, %g Gy, is above %g Gy: the LQ model is uncertain there",
                 name, goal, sv->remaining.dose_per_fraction_gy, RTFRAC_LQ_DOSE_PER_FRACTION_MAX_GY);
    return 0;
}

/* The limit row of a structure whose set constraint is an aim only (and no
 * --limit): status none, nothing solved (empty cells, never a number). */
static int render_no_limit(out_table *t, const brachy_state *st, size_t s, unsigned long remaining)
{
    long row;
    if (st->from_set[s] == NULL || !st->from_set[s]->aim_only || st->st[s].has_limit)
        return 0;
    row = out_row(t);
    if (row < 0 || out_str(t, row, "structure", st->names[s]) || out_str(t, row, "goal", "limit") ||
        out_int(t, row, "fractions", (long long)remaining) ||
        out_str(t, row, "status", rtfrac_brachy_solve_status_name(RTFRAC_BRACHY_SOLVE_NONE)))
        return -1;
    return 0;
}

static int render_binding(out_doc *doc, out_table *t, const brachy_state *st, const rtfrac_brachy_plan *plan,
                          const rtfrac_brachy_result *res)
{
    int any = 0;
    for (int use_limit = 0; use_limit <= 1; use_limit++) {
        int found = 0;
        size_t s = 0;
        double x = 0.0, eqd2 = 0.0;
        if (rtfrac_brachy_binding(plan, res, use_limit, &found, &s, &x, &eqd2) != RTFRAC_OK)
            return -1;
        if (!found)
            continue;
        any = 1;
        long row = out_row(t);
        if (row < 0 || out_str(t, row, "goal", use_limit ? "limit" : "aim") ||
            out_str(t, row, "structure", st->names[s]) || out_real(t, row, "target_dose_per_fraction_gy", x) ||
            out_real(t, row, "target_total_eqd2_gy", eqd2))
            return -1;
        if (res[s].status == RTFRAC_BRACHY_ABOVE_LIMIT || (!use_limit && res[s].status == RTFRAC_BRACHY_ABOVE_AIM))
            if (out_note(doc, "%s is already above its %s: no remaining dose keeps it within", st->names[s],
                         use_limit ? "limit" : "aim"))
                return -1;
    }
    if (!any)
        return out_note(doc, "binding: no organ at risk with an aim or limit and HDR dose so far");
    return out_note(doc, "binding: each organ is assumed to keep, in the remaining fractions, its HDR dose ratio to the target of the fractions given");
}

static int render_boost_notes(out_doc *doc, const brachy_state *st, const rtfrac_brachy_plan *plan)
{
    if (out_note(doc, "ldr/implant rows: BED with repair half-time %g h at each structure's own a/b and dose (Dale 1985); implants to full decay, no repopulation",
                 st->repair_h))
        return -1;
    size_t nkind[4] = { 0, 0, 0, 0 }, seen[4] = { 0, 0, 0, 0 };
    for (size_t k = 0; k < st->nboost; k++)
        nkind[st->boost[k].kind]++;
    for (size_t k = 0; k < st->nboost; k++) {
        const rtfrac_ldr_spec *l = &st->boost[k].ldr;
        rtfrac_brachy_kind kind = st->boost[k].kind;
        const char *base = kind == RTFRAC_BRACHY_LDR ? "ldr" : "implant";
        char name[32];
        seen[kind]++;
        if (nkind[kind] > 1)
            snprintf(name, sizeof(name), "%s%zu", base, seen[kind]);
        else
            snprintf(name, sizeof(name), "%s", base);
        if (kind == RTFRAC_BRACHY_IMPLANT &&
            out_note(doc, "%s: isotope %s, half-life %g d (isotope preset)", name, st->boost[k].isotope,
                     plan->components[st->first_boost + k].half_life_days))
            return -1;
        if (kind == RTFRAC_BRACHY_LDR && l->sessions > 1 &&
            out_note(doc, "%s: %g Gy in all, %lu sessions of %g h, %g h apart: the BED adds the unrepaired damage carried from one session into the next (full repair between sessions is not assumed)",
                     name, l->dose_gy, l->sessions, l->hours_per_session_h, l->gap_h))
            return -1;
    }
    for (size_t s = 1; s < st->ns; s++)
        if (out_note(doc, "%s: boost dose %g x the target's (--boost-oar-ratio)", st->names[s], st->boost_ratio[s]))
            return -1;
    if (plan->remaining > 0 &&
        out_note(doc, "the %lu remaining fractions are HDR fractions added to EBRT and the boosts given", plan->remaining))
        return -1;
    return 0;
}

static int render(out_doc *doc, const brachy_state *st, const rtfrac_brachy_plan *plan)
{
    rtfrac_brachy_term terms[NC];
    rtfrac_brachy_result res[NS];
    out_table *t = out_doc_table(doc, "rows", NULL, row_cols, sizeof(row_cols) / sizeof(row_cols[0]));
    out_table *rt = NULL, *bt = NULL;
    if (t == NULL)
        return CLI_EFAIL;
    if (plan->remaining > 0 &&
        ((rt = out_doc_table(doc, "remaining", "Remaining fractions", rem_cols, sizeof(rem_cols) / sizeof(rem_cols[0]))) == NULL ||
         (bt = out_doc_table(doc, "binding", "Binding organ", bind_cols, sizeof(bind_cols) / sizeof(bind_cols[0]))) == NULL))
        return CLI_EFAIL;
    for (size_t s = 0; s < plan->nstructures; s++) {
        int rc = rtfrac_brachy_eval(plan, s, terms, &res[s]);
        if (rc != RTFRAC_OK && st->nboost > 0)
            return cli_error("'%s': %s (with --ldr/--implant: the repair half-time must be under half the isotope's half-life, and an organ's LDR dose rate at most %g Gy/h)",
                             st->names[s], rtfrac_strerror(rc), RTFRAC_LDR_DOSE_RATE_MAX_GY_PER_H);
        if (rc != RTFRAC_OK)
            return cli_error("'%s': %s", st->names[s], rtfrac_strerror(rc));
        if (render_structure(t, st, s, plan, terms, &res[s]) ||
            (rt && (render_solve(rt, st->names[s], "aim", &res[s].aim) ||
                    render_solve(rt, st->names[s], "limit", &res[s].limit) ||
                    render_no_limit(rt, st, s, plan->remaining))))
            return CLI_EFAIL;
    }
    if (st->nboost > 0 && render_boost_notes(doc, st, plan))
        return CLI_EFAIL;
    if (bt && (render_binding(doc, bt, st, plan, res) ||
               out_note(doc, "totals and status are of the fractions given so far; the remaining table solves the %lu to come",
                        plan->remaining)))
        return CLI_EFAIL;
    return CLI_OK;
}

/* The half-life of each --implant isotope into its component. */
static int resolve_isotopes(const brachy_state *st, const rtfrac_presets *presets, rtfrac_brachy_component *comp)
{
    for (size_t k = 0; k < st->nboost; k++) {
        const rtfrac_isotope *iso;
        if (st->boost[k].kind != RTFRAC_BRACHY_IMPLANT)
            continue;
        if ((iso = rtfrac_presets_find_isotope(presets, st->boost[k].isotope)) == NULL) {
            cli_error("--implant: unknown isotope '%s'; see 'rtfrac presets list isotopes' (e.g. I-125, Pd-103, Cs-131)",
                      st->boost[k].isotope);
            suggest_preset_hint(presets, RTFRAC_PRESET_ISOTOPE, st->boost[k].isotope);
            return CLI_EUSAGE;
        }
        comp[st->first_boost + k].half_life_days = iso->half_life_days;
    }
    return CLI_OK;
}

static int brachy_load(brachy_state *st, preset_path *pp, rtfrac_presets **presets, out_doc *doc,
                       rtfrac_brachy_component *comp)
{
    const char *id = NULL;
    int rc, implants = 0;
    for (size_t k = 0; k < st->nboost; k++)
        implants |= st->boost[k].kind == RTFRAC_BRACHY_IMPLANT;
    if (st->constraints == NULL && !implants)
        return CLI_OK;
    unsigned kinds = (implants ? PRESET_KIND(ISOTOPE) : 0) | (st->constraints != NULL ? PRESET_KIND(CONSTRAINTS) : 0);
    if ((rc = preset_path_load(pp, kinds, presets)) != CLI_OK || (rc = resolve_isotopes(st, *presets, comp)) != CLI_OK)
        return rc;
    if (st->constraints == NULL)
        return CLI_OK;
    if ((rc = preset_path_named(*presets, RTFRAC_PRESET_CONSTRAINTS, st->constraints, &id)) != CLI_OK ||
        (rc = preset_path_check(*presets)) != CLI_OK)
        return rc;
    return apply_constraints(st, rtfrac_presets_find_constraint_set(*presets, id), doc);
}

int cmd_brachy(int argc, char **argv)
{
    brachy_state *st = calloc(1, sizeof(*st));
    rtfrac_brachy_component comp[NC];
    rtfrac_brachy_plan plan;
    rtfrac_presets *presets = NULL;
    cli_args args;
    out_doc doc;
    int rc = CLI_EFAIL;
    cli_args_init(&args, NULL);
    out_doc_init(&doc, "brachy");
    if (st == NULL)
        goto done;
    if ((st->names[0] = malloc(sizeof("target"))) == NULL)
        goto done;
    memcpy(st->names[0], "target", sizeof("target"));
    st->ns = 1;
    st->st[0].name = st->names[0];
    st->st[0].direction = RTFRAC_BRACHY_LOWER;
    st->ratio[0] = -1.0;
    st->ratio_all = -1.0;
    if ((rc = cli_opts_parse(&brachy_cmd, &args, st, argc, argv)) != CLI_OK || args.done)
        goto done;
    if (argc - args.first_operand != 0) {
        rc = cli_error("brachy takes no operands ('%s'); e.g. 'rtfrac brachy --ebrt 45/25 --hdr 7,7,7,7 --ab 10'",
                       argv[args.first_operand]);
        goto done;
    }
    st->st[0].alpha_beta_gy = st->ab_gy;
    if ((rc = build_plan(st, comp, &plan)) != CLI_OK || (rc = brachy_load(st, &args.pp, &presets, &doc, comp)) != CLI_OK ||
        (rc = apply_goals(st, &doc)) != CLI_OK || (rc = check_remaining(st)) != CLI_OK ||
        (rc = render(&doc, st, &plan)) != CLI_OK)
        goto done;
    rc = cli_emit(&doc, &args.out);
done:
    if (st != NULL)
        for (size_t s = 0; s < st->ns; s++)
            free(st->names[s]);
    free(st);
    rtfrac_presets_free(presets);
    cli_args_release(&args);
    out_doc_release(&doc);
    return rc;
}
