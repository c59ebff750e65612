/* rtfrac CLI: "did you mean" for mistyped commands, options and preset
 * names.  Candidates are ranked by their Damerau-Levenshtein distance to
 * what was typed (case-insensitive; a swap of two neighbours is one edit),
 * a candidate that starts with what was typed ('@chhip' for chhip-60-20)
 * ranking as one edit; at most SUGGEST_MAX are kept, nearest first, ties in
 * the order the candidates were added.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_SUGGEST_H
#define RTFRAC_CLI_SUGGEST_H

#include <stddef.h>

#include <rtfrac.h>

#define SUGGEST_MAX 3

typedef struct suggest {
    const char *typed;
    const char *names[SUGGEST_MAX]; /* borrowed: they must outlive the hint */
    size_t scores[SUGGEST_MAX];
    size_t n;
} suggest;

void suggest_init(suggest *s, const char *typed);
/* Consider one candidate; far ones are dropped (more than 1 edit for up to
 * 3 typed characters, 2 up to 6, else 3). */
void suggest_add(suggest *s, const char *candidate);
/* Consider an alias: when `alias` is near what was typed, `name` (the real
 * name) is suggested ('alpha-beta' for 'ab'). */
void suggest_add_alias(suggest *s, const char *alias, const char *name);
/* The ids of every preset of a kind. */
void suggest_add_presets(suggest *s, const rtfrac_presets *p, rtfrac_preset_kind kind);
/* "hint: did you mean 'A', 'B' or 'C'?" on stderr, each name after
 * `prefix` ("--", "@" or ""); nothing when there is no suggestion. */
void suggest_hint(const suggest *s, const char *prefix);

/* The hint for an unknown preset name of a kind ("@" before schemes). */
void suggest_preset_hint(const rtfrac_presets *p, rtfrac_preset_kind kind, const char *typed);

#endif /* RTFRAC_CLI_SUGGEST_H */
