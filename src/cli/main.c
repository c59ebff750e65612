/* rtfrac: radiotherapy dose-fractionation calculator, command-line tool.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <jansson.h>

#include "cli.h"
#include "opts.h"
#include "suggest.h"

struct rtfrac_cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct rtfrac_cmd cmds[] = {
    { "calc", cmd_calc, "BED and EQD2 of one or more prescriptions or a plan" },
    { "batch", cmd_batch, "BED and EQD2 of every row of a CSV file, streamed (csv, tsv, jsonl)" },
    { "compare", cmd_compare, "compare schemes: EQD2/BED per alpha/beta, differences, crossovers" },
    { "solve", cmd_solve, "iso-effective schedules, iso-toxic limits, constraint conversion" },
    { "table", cmd_table, "dose tables: EQD2/BED grids and iso-effect tables" },
    { "dvh", cmd_dvh, "DVH import, EQD2 conversion bin by bin, metrics and NTCP" },
    { "brachy", cmd_brachy, "EBRT plus HDR brachytherapy in EQD2: aims, limits, remaining fractions" },
    { "ldr", cmd_ldr, "continuous low-dose-rate irradiation: BED and EQD2 with repair" },
    { "implant", cmd_implant, "permanent implants: BED, EQD2, iso-effective dose between isotopes" },
    { "gap", cmd_gap, "a treatment interruption: the ways to catch up (RCR order), tumour and late effect" },
    { "reirr", cmd_reirr, "re-irradiation: cumulative EQD2/BED, recovery, room under limits, next course" },
    { "report", cmd_report, "a report for a chart note, protocol or paper (md, html, tex, csv)" },
    { "presets", cmd_presets, "list or show tissues, schemes, plans, constraint and NTCP sets" },
    { NULL, NULL, NULL },
};

static int print_main_help(FILE *fp)
{
    int bad = fputs(
        "usage: rtfrac [--version] [--help] COMMAND [ARGS]\n"
        "\n"
        "rtfrac computes biologically effective dose (BED) and equieffective dose\n"
        "in 2 Gy fractions (EQD2) of radiotherapy prescriptions with the\n"
        "linear-quadratic model.\n"
        "\n"
        "Commands:\n", fp) < 0;
    for (const struct rtfrac_cmd *c = cmds; c->name != NULL; c++)
        bad |= fprintf(fp, "   %-10s %s\n", c->name, c->summary) < 0;
    bad |= fputs(
        "   help       help on a command: rtfrac help calc; the model options\n"
        "              (--model, --time, --per-day, ...): rtfrac help models\n"
        "\n"
        "Example (the founding case: HCC with IVC tumour thrombus, IMRT with a\n"
        "simultaneous integrated boost; Cho et al., J Liver Cancer 2022;22(1):63-68):\n"
        "   $ rtfrac calc PTV-1=55/22 PTV-2=44/22 --ab 10,3\n"
        "\n"
        "Doses are in Gy unless a unit says cGy.  Output formats: --format text,\n"
        "csv, tsv, json or md (reports also html and tex).  'man rtfrac' has the\n"
        "details and references.\n", fp) < 0;
    return bad ? -1 : 0;
}

static const struct rtfrac_cmd *find_cmd(const char *name)
{
    for (const struct rtfrac_cmd *c = cmds; c->name != NULL; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

/* An unknown command; `help_topic`: after 'rtfrac help', where 'models' is a topic too. */
static int unknown_cmd(const char *name, int help_topic)
{
    cli_error("unknown command '%s'; commands: calc, batch, compare, solve, table, dvh, brachy, ldr, implant, gap, reirr, report, presets (see 'rtfrac --help')", name);
    suggest s;
    suggest_init(&s, name);
    for (const struct rtfrac_cmd *c = cmds; c->name != NULL; c++)
        suggest_add(&s, c->name);
    suggest_add(&s, help_topic ? "models" : "help");
    suggest_hint(&s, "");
    return CLI_EUSAGE;
}

int main(int argc, char **argv)
{
    /* GSL's default handler aborts; the library checks every status. */
    gsl_set_error_handler_off();

    if (argc < 2) {
        print_main_help(stderr);
        return CLI_EUSAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        if (print_main_help(stdout) != 0 || fflush(stdout) != 0)
            return cli_error("cannot write to standard output"), CLI_EFAIL;
        return CLI_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        char buf[160];
        snprintf(buf, sizeof(buf), "rtfrac %s (GSL %s, jansson %s)\n",
                 rtfrac_version(), gsl_version, JANSSON_VERSION);
        return cli_help(buf);
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            if (print_main_help(stdout) != 0 || fflush(stdout) != 0)
                return cli_error("cannot write to standard output"), CLI_EFAIL;
            return CLI_OK;
        }
        if (strcmp(argv[2], "models") == 0)
            return cli_help_models();
        const struct rtfrac_cmd *c = find_cmd(argv[2]);
        if (c == NULL)
            return unknown_cmd(argv[2], 1);
        char *hargv[] = { argv[2], (char *)"--help", NULL };
        return c->run(2, hargv);
    }
    if (name[0] == '-') {
        cli_error("unknown option '%s'; usage: rtfrac [--version] [--help] COMMAND [ARGS]", name);
        suggest s;
        suggest_init(&s, name + 1 + (name[1] == '-'));
        suggest_add(&s, "help");
        suggest_add(&s, "version");
        suggest_hint(&s, "--");
        return CLI_EUSAGE;
    }
    const struct rtfrac_cmd *c = find_cmd(name);
    if (c == NULL)
        return unknown_cmd(name, 0);
    return c->run(argc - 1, argv + 1);
}
