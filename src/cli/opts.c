/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "opts.h"
#include "suggest.h"

#include <assert.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static int common_handle(cli_args *a, int id, char *arg)
{
    return cli_common_option(id, arg, &a->out, &a->pp);
}

static const cli_opt common_opts[] = {
    CLI_OPT_R("preset-dir", "DIR", OPT_COMMON_PRESET_DIR, "search DIR for presets first (repeatable)"),
    CLI_OPT("format", "FMT", OPT_COMMON_FORMAT, "text (default), csv, tsv, json or md"),
    CLI_OPT("precision", "N",  OPT_COMMON_PRECISION,
            "decimals of computed numbers (default: 2 in text and\n"
            "md; csv, tsv, json: read back exactly); every format\n"
            "rounds half away from zero (90.625 -> 90.63); inputs\n"
            "(alpha/beta, doses) print as given"),
    { "help", 'h', NULL, CLI_OPT_HELP, 0, "this help", NULL, NULL, NULL },
    CLI_OPT_END,
};

const cli_opt_group cli_common_group = { common_opts, common_handle };

/* The help's option column: "  LABEL" padded to column 24, at least two
 * spaces before the help. */
enum { HELP_INDENT = 2, HELP_LABEL_WIDTH = 21 };

void cli_args_init(cli_args *a, model_args *ma)
{
    memset(a, 0, sizeof(*a));
    a->out.format = OUT_TEXT;
    a->out.precision = -1;
    a->ma = ma;
    if (ma != NULL)
        model_args_init(ma);
}

void cli_args_release(cli_args *a)
{
    preset_path_release(&a->pp);
}

static int is_option(const cli_opt *o)
{
    return o->name != NULL || o->short_name != 0;
}

static int is_end(const cli_opt *o)
{
    return !is_option(o) && o->text == NULL && o->include == NULL;
}

/* Whether the command's own table has an option of this long name: it
 * overrides a shared entry of the same name. */
static int overridden(const cli_command *cmd, const cli_opt *shared)
{
    for (const cli_opt *o = cmd->opts; !is_end(o); o++)
        if (o->name != NULL && strcmp(o->name, shared->name) == 0)
            return 1;
    return 0;
}

/* The options of the command in help order from index n on, each with its
 * group (NULL for the command's own); returns the new count.  With out NULL
 * it only counts. */
static size_t flatten(const cli_command *cmd, const cli_opt *opts, const cli_opt_group *group,
                      const cli_opt **out, const cli_opt_group **groups, size_t n)
{
    for (const cli_opt *o = opts; !is_end(o); o++) {
        if (o->include != NULL) {
            assert(group == NULL); /* groups do not nest */
            n = flatten(cmd, o->include->opts, o->include, out, groups, n);
        } else if (is_option(o) && !(group != NULL && overridden(cmd, o))) {
            if (out != NULL) {
                out[n] = o;
                groups[n] = group;
            }
            n++;
        }
    }
    return n;
}

/* "-h, --help", "--ab LIST", "-o FILE" */
static void put_label(const cli_opt *o, FILE *fp, size_t *width)
{
    int n = 0;
    if (o->short_name != 0 && o->name != NULL)
        n = fprintf(fp, "-%c, --%s", o->short_name, o->name);
    else if (o->short_name != 0)
        n = fprintf(fp, "-%c", o->short_name);
    else
        n = fprintf(fp, "--%s", o->name);
    if (n > 0)
        *width += (size_t)n;
    if (o->arg != NULL && (n = fprintf(fp, " %s", o->arg)) > 0)
        *width += (size_t)n;
}

/* One option's help: the label (joined with the following entries'), then
 * the help lines.  Returns the last entry used. */
static const cli_opt *put_option(const cli_opt *o, FILE *fp)
{
    size_t width = 0;
    fprintf(fp, "%*s", HELP_INDENT, "");
    put_label(o, fp, &width);
    while (o->flags & CLI_OPT_JOIN) {
        assert(o->help == NULL && is_option(o + 1));
        o++;
        width += 2;
        fputs(", ", fp);
        put_label(o, fp, &width);
    }
    const char *h = o->help ? o->help : "";
    int pad = width + 2 < HELP_LABEL_WIDTH ? (int)(HELP_LABEL_WIDTH - width) : 2;
    for (int first = 1; first || *h != '\0'; first = 0) {
        const char *nl = strchr(h, '\n');
        int len = nl ? (int)(nl - h) : (int)strlen(h);
        if (first)
            fprintf(fp, "%*s%.*s\n", len > 0 ? pad : 0, "", len, h);
        else
            fprintf(fp, "%*s%.*s\n", HELP_INDENT + HELP_LABEL_WIDTH, "", len, h);
        h += len + (nl != NULL);
    }
    return o;
}

/* The model options in a command's help: their names only, wrapped; the
 * page 'rtfrac help models' explains them. */
enum { HELP_WIDTH = 78 };

static void put_model_names(FILE *fp)
{
    fputs("Model options (the same in calc, compare, solve, table, dvh and report;\n"
          "explained in 'rtfrac help models'):\n", fp);
    size_t col = 0;
    for (const cli_opt *o = cli_model_group.opts; !is_end(o); o++) {
        if (o->name == NULL)
            continue;
        size_t w = strlen(o->name) + 2;
        if (col > 0 && col + 1 + w > HELP_WIDTH) {
            fputc('\n', fp);
            col = 0;
        }
        int n = fprintf(fp, "%s--%s", col == 0 ? "  " : " ", o->name);
        col += n > 0 ? (size_t)n : 0;
    }
    fputc('\n', fp);
}

static void put_entries(const cli_command *cmd, const cli_opt *opts, int shared, FILE *fp)
{
    for (const cli_opt *o = opts; !is_end(o); o++) {
        if (o->text != NULL)
            fputs(o->text, fp);
        else if (o->include == &cli_model_group && cmd != NULL)
            put_model_names(fp);
        else if (o->include != NULL)
            put_entries(cmd, o->include->opts, 1, fp);
        else if (!(o->flags & CLI_OPT_INLINE) && !(shared && cmd != NULL && overridden(cmd, o)))
            o = put_option(o, fp);
    }
}

/* The help generated from the table, into memory first, then out through
 * cli_help's checked write. */
static int print_help(const cli_command *cmd)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (fp == NULL)
        return cli_error("out of memory for the help text"), CLI_EFAIL;
    put_entries(cmd, cmd->opts, 0, fp);
    int bad = ferror(fp) != 0;
    bad |= fclose(fp) != 0;
    int rc = bad ? (cli_error("out of memory for the help text"), CLI_EFAIL) : cli_help(text);
    free(text);
    return rc;
}

int cli_help_models(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&text, &size);
    if (fp == NULL)
        return cli_error("out of memory for the help text"), CLI_EFAIL;
    fputs("rtfrac help models: the options that choose and parameterise the dose-effect\n"
          "model (also in 'man rtfrac', MODEL OPTIONS).\n\n", fp);
    put_entries(NULL, cli_model_group.opts, 1, fp);
    int bad = ferror(fp) != 0;
    bad |= fclose(fp) != 0;
    int rc = bad ? (cli_error("out of memory for the help text"), CLI_EFAIL) : cli_help(text);
    free(text);
    return rc;
}

static int list_options(const cli_opt *const *opts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (opts[i]->name != NULL && printf("--%s\n", opts[i]->name) < 0)
            break;
    return cli_help("");
}

/* Other spellings of options: a near one suggests the command's option. */
static const struct { const char *alias, *name; } option_aliases[] = {
    { "alpha-beta", "ab" }, { "alphabeta", "ab" }, { "ab-ratio", "ab" }, { "alpha-beta-ratio", "ab" },
    { "fx", "fractions" }, { "n-fractions", "fractions" }, { "nfx", "fractions" },
    { "dpf", "dose-per-fraction" }, { "fraction-dose", "dose-per-fraction" },
    { "out", "output" }, { "output-format", "format" }, { "decimals", "precision" },
    { "constraint", "constraints" }, { "structure-tissues", "structure-tissue" },
};

/* "did you mean" for an unknown option: `typed` is its name without dashes
 * ("alpha-beta" of "--alpha-beta=3", "ab" of "-ab").  A long option typed
 * right (`long_dashes`) was refused for its value: no hint. */
static void option_hint(const cli_opt *const *opts, size_t n, const char *typed, int long_dashes)
{
    char name[72];
    size_t len = strcspn(typed, "=");
    if (len == 0 || len >= sizeof(name))
        return;
    memcpy(name, typed, len);
    name[len] = '\0';
    for (size_t i = 0; i < n; i++)
        if (long_dashes && opts[i]->name != NULL && strcmp(opts[i]->name, name) == 0)
            return;
    suggest s;
    suggest_init(&s, name);
    for (size_t i = 0; i < n; i++)
        if (opts[i]->name != NULL)
            suggest_add(&s, opts[i]->name);
    for (size_t k = 0; k < sizeof(option_aliases) / sizeof(option_aliases[0]); k++)
        for (size_t i = 0; i < n; i++)
            if (opts[i]->name != NULL && strcmp(opts[i]->name, option_aliases[k].name) == 0)
                suggest_add_alias(&s, option_aliases[k].alias, opts[i]->name);
    suggest_hint(&s, "--");
}

/* The argument "-ab" in which getopt found the unknown short option c: it is
 * still at optind while getopt is inside it, else just before. */
static const char *short_cluster(char **argv, int argc, int optind_now, int c)
{
    for (int k = optind_now; k >= optind_now - 1 && k >= 1; k--)
        if (k < argc && argv[k][0] == '-' && argv[k][1] == c)
            return argv[k];
    return NULL;
}

/* getopt_long's value for the option at index i of the flat table */
enum { VAL_BASE = 256, VAL_LIST_OPTIONS = VAL_BASE - 1 };

int cli_opts_parse(const cli_command *cmd, cli_args *a, void *ctx, int argc, char **argv)
{
    size_t n = flatten(cmd, cmd->opts, NULL, NULL, NULL, 0);
    const cli_opt **opts = calloc(n + 1, sizeof(*opts));
    const char **given = calloc(n + 1, sizeof(*given)); /* the first value of each option */
    const cli_opt_group **groups = calloc(n + 1, sizeof(*groups));
    struct option *longopts = calloc(n + 2, sizeof(*longopts));
    char *shortopts = calloc(2 * n + 1, 1);
    int rc = CLI_OK, c;
    size_t nl = 0, ns = 0;

    if (opts == NULL || given == NULL || groups == NULL || longopts == NULL || shortopts == NULL) {
        rc = cli_error("out of memory");
        goto done;
    }
    flatten(cmd, cmd->opts, NULL, opts, groups, 0);
    for (size_t i = 0; i < n; i++) {
        if (opts[i]->name != NULL)
            longopts[nl++] = (struct option){ opts[i]->name, opts[i]->arg ? required_argument : no_argument,
                                              NULL, VAL_BASE + (int)i };
        if (opts[i]->short_name != 0) {
            shortopts[ns++] = opts[i]->short_name;
            if (opts[i]->arg != NULL)
                shortopts[ns++] = ':';
        }
    }
    longopts[nl] = (struct option){ "list-options", no_argument, NULL, VAL_LIST_OPTIONS };
    optind = 0;
    opterr = 0;
    while (rc == CLI_OK && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        size_t i = n;
        if (c >= VAL_BASE)
            i = (size_t)(c - VAL_BASE);
        else if (c != '?' && c != ':' && c != VAL_LIST_OPTIONS)
            for (i = 0; i < n && opts[i]->short_name != c; i++)
                ;
        if (c == VAL_LIST_OPTIONS) {
            rc = list_options(opts, n);
            a->done = 1;
        } else if (i == n && optopt > 0 && optopt < VAL_LIST_OPTIONS && optopt != '.' &&
                   !(optopt >= '0' && optopt <= '9') && strchr(shortopts, optopt) == NULL) {
            /* getopt says '?' both for "-x" unknown and for "-o" without
             * its value; only the table tells them apart */
            rc = cli_error("unknown option '-%c' for 'rtfrac %s'; see 'rtfrac %s --help'", optopt,
                           cmd->name, cmd->name);
            const char *cluster = short_cluster(argv, argc, optind, optopt);
            if (cluster != NULL && strlen(cluster) > 2) /* "-ab": a long option with one dash? */
                option_hint(opts, n, cluster + 1, 0);
        } else if (i == n) {
            rc = cli_option_error(cmd->name, argv, optind, optopt);
            const char *arg = optind > 0 ? argv[optind - 1] : "";
            if (strncmp(arg, "--", 2) == 0)
                option_hint(opts, n, arg + 2, 1);
        } else if (opts[i]->arg != NULL && !(opts[i]->flags & CLI_OPT_REPEAT) && given[i] != NULL) {
            rc = cli_error("--%s is given twice ('%s', then '%s'); %s", opts[i]->name, given[i], optarg,
                           opts[i]->twice ? opts[i]->twice : "give it once");
        } else if (groups[i] == &cli_common_group && opts[i]->id == CLI_OPT_HELP) {
            rc = print_help(cmd);
            a->done = 1;
        } else if (groups[i] != NULL) {
            rc = groups[i]->handle(a, opts[i]->id, optarg);
        } else {
            assert(cmd->handle != NULL); /* a table with options of its own has a handler */
            rc = cmd->handle(ctx, opts[i]->id, optarg);
        }
        if (i < n && opts[i]->arg != NULL && given[i] == NULL)
            given[i] = optarg;
        if (a->done)
            goto done;
    }
    a->first_operand = optind;
    if (rc == CLI_OK && a->ma != NULL)
        rc = model_args_finish(a->ma);
done:
    free(opts);
    free(given);
    free(groups);
    free(longopts);
    free(shortopts);
    return rc;
}
