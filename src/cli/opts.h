/* rtfrac CLI: option tables.  A command describes its options once, in one
 * table whose entries carry the option, its argument, its help and an id;
 * cli_opts_parse() builds getopt_long's table from it, runs getopt, hands
 * each option to the command's handler (or to a shared group's), prints the
 * --help generated from the same table and reports option errors.  Help and
 * option list cannot drift apart; `make options-test` checks the man page
 * and the README against the hidden `rtfrac CMD --list-options`.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_OPTS_H
#define RTFRAC_CLI_OPTS_H

#include "args.h"
#include "cli.h"
#include "presets_path.h"

/* Flags of an entry. */
enum {
    CLI_OPT_JOIN = 1u << 0,   /* label shown with the next entry's ("--d0 X, --dq X"), whose
                                 help follows; this entry has no help of its own */
    CLI_OPT_INLINE = 1u << 1, /* no line of its own: a neighbour's help or a text names it
                                 (`make options-test` checks that --help does) */
    CLI_OPT_REPEAT = 1u << 2, /* may be given more than once (each value adds); an option
                                 with a value and without this flag is refused the second
                                 time, before its handler sees it (the last would
                                 silently win) */
};

/* The id of -h, --help: the parser prints the help itself. */
enum { CLI_OPT_HELP = 'h' };

struct cli_args;
typedef struct cli_opt_group cli_opt_group;

/* One entry: an option, a text printed as is in the help (section titles,
 * prose), or a shared group included in its place. */
typedef struct cli_opt {
    const char *name;   /* long name without "--"; NULL for a text or an include */
    char short_name;    /* 'h', 'o', or 0 */
    const char *arg;    /* the argument's name in the help ("LIST"); NULL: takes none */
    int id;             /* handed to the handler */
    unsigned flags;     /* CLI_OPT_JOIN, CLI_OPT_INLINE */
    const char *help;   /* help lines ('\n' between them), shown from column 24 */
    const char *text;   /* a text entry: printed as is */
    const cli_opt_group *include; /* an include entry */
    const char *twice;  /* an option of one value given twice: what to do instead
                           (NULL: "give it once"), after the two values */
} cli_opt;

/* A shared group of options with its own handler, which works on the
 * shared arguments (struct cli_args). */
struct cli_opt_group {
    const cli_opt *opts; /* ends with CLI_OPT_END */
    int (*handle)(struct cli_args *a, int id, char *arg);
};

#define CLI_OPT(name, arg, id, help) { (name), 0, (arg), (id), 0, (help), NULL, NULL, NULL }
#define CLI_OPT_FLAGS(name, arg, id, flags, help) { (name), 0, (arg), (id), (flags), (help), NULL, NULL, NULL }
/* An option of one value whose "given twice" refusal says what to do instead. */
#define CLI_OPT_ONCE(name, arg, id, twice, help) { (name), 0, (arg), (id), 0, (help), NULL, NULL, (twice) }
/* An option that may be repeated (its help should say so). */
#define CLI_OPT_R(name, arg, id, help) { (name), 0, (arg), (id), CLI_OPT_REPEAT, (help), NULL, NULL, NULL }
#define CLI_TEXT(text) { NULL, 0, NULL, 0, 0, NULL, (text), NULL, NULL }
#define CLI_INCLUDE(group) { NULL, 0, NULL, 0, 0, NULL, NULL, &(group), NULL }
#define CLI_OPT_END { NULL, 0, NULL, 0, 0, NULL, NULL, NULL, NULL }

/* --preset-dir, --format, --precision, -h/--help.  An entry of a command's
 * own table overrides a shared one of the same long name (report's own
 * --format, for instance). */
extern const cli_opt_group cli_common_group;
/* The model options of every computing command (args.c); they need
 * cli_args.ma. */
extern const cli_opt_group cli_model_group;

/* A command: its name, its table and the handler of its own options (NULL
 * when it has none), which returns CLI_OK, or an exit status after printing
 * the message. */
typedef struct cli_command {
    const char *name;
    const cli_opt *opts;
    int (*handle)(void *ctx, int id, char *arg);
} cli_command;

/* What the shared groups set, and what the parse found. */
typedef struct cli_args {
    out_opts out;       /* --format, --precision */
    preset_path pp;     /* --preset-dir */
    model_args *ma;     /* the model options' target, or NULL */
    int done;           /* --help or --list-options was answered: return rc */
    int first_operand;  /* argv index of the first operand */
} cli_args;

/* ma may be NULL (a command without model options); it is initialised. */
void cli_args_init(cli_args *a, model_args *ma);
void cli_args_release(cli_args *a);

/* Parse argv[1..] (argv[0] is the command name) with the command's table;
 * ctx goes to the command's handler.  After the options,
 * model_args_finish() checks the model options when a->ma is set.  Returns
 * CLI_OK, or an exit status after the message; a->done is set after --help
 * (printed to stdout) and the hidden --list-options (one long option a line). */
int cli_opts_parse(const cli_command *cmd, cli_args *a, void *ctx, int argc, char **argv);

/* The help page of the model options (`rtfrac help models`), generated
 * from cli_model_group; a command's --help lists their names only. */
int cli_help_models(void);

#endif /* RTFRAC_CLI_OPTS_H */
