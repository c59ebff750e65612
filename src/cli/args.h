/* rtfrac CLI: arguments every computing command shares: prescriptions
 * (literal or @scheme), alpha/beta lists (--ab, --tissue), and the notes
 * that name the model and the source of every parameter.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_ARGS_H
#define RTFRAC_CLI_ARGS_H

#include <stddef.h>

#include <rtfrac.h>

#include "output.h"

#define AB_MAX 32

/* One alpha/beta: a number from --ab or a tissue preset. */
typedef struct ab_entry {
    double ab_gy;                /* the value (the tissue's once resolved) */
    const char *tissue_name;     /* as typed after --tissue, or NULL */
    const rtfrac_tissue *tissue; /* resolved by ab_list_resolve */
} ab_entry;

typedef struct ab_list {
    ab_entry e[AB_MAX];
    size_t n;
    int tissues; /* some entries name tissues: presets are needed */
} ab_list;

/* --ab 10,3 (option names the option in messages). */
int ab_list_add_values(ab_list *l, const char *option, const char *text);
/* --tissue hcc,liver: the names point into `text`, which must outlive l. */
int ab_list_add_tissues(ab_list *l, const char *option, char *text);
/* Look the tissues up; CLI_EUSAGE for an unknown one. */
int ab_list_resolve(ab_list *l, const rtfrac_presets *p);

/* A prescription argument: literal ("PTV-1=55/22") or a scheme ("@name",
 * "Arm B=@name").  label is the given label, the scheme id, or the
 * argument as typed. */
typedef struct rx_arg {
    const char *arg;
    rtfrac_rx rx;
    const rtfrac_scheme *scheme; /* NULL for a literal prescription */
    int is_scheme;
} rx_arg;

/* Parse a literal prescription now, or note that it names a scheme
 * (resolved later by rx_arg_resolve).  `what` names the argument in
 * messages ("prescription", "--match").  CLI_OK or CLI_EUSAGE. */
int rx_arg_parse(const char *arg, const char *what, rx_arg *out);
/* Resolve a scheme argument against the presets. */
int rx_arg_resolve(rx_arg *a, const rtfrac_presets *p);

/* "'LABEL': 12 Gy per fraction is above 8 Gy ..." on stderr. */
void warn_lq_validity(const char *label, double total_gy, unsigned long fractions);

/* Notes under the table: the source of each tissue in `l` (and of each
 * extra tissue), of each scheme. */
void note_tissue_source(out_doc *doc, const rtfrac_tissue *t);
void note_scheme_source(out_doc *doc, const rtfrac_scheme *s);
void note_lq_model(out_doc *doc);

/* Strip spaces and tabs around `arg` into buf. */
void trim_copy(const char *arg, char *buf, size_t size);

#endif /* RTFRAC_CLI_ARGS_H */
