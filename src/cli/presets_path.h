/* rtfrac CLI: the preset search path (see presets_path.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef RTFRAC_CLI_PRESETS_PATH_H
#define RTFRAC_CLI_PRESETS_PATH_H

#include <stddef.h>

#include <rtfrac.h>

#define PRESET_PATH_MAX 32

typedef struct preset_path {
    const char *user[PRESET_PATH_MAX]; /* --preset-dir, in order */
    size_t nuser;
    char *dirs[PRESET_PATH_MAX];       /* existing directories, first wins */
    const char *why[PRESET_PATH_MAX];  /* where each came from */
    size_t ndirs;
} preset_path;

int preset_path_add_user(preset_path *pp, const char *dir);
/* Resolve the search path; CLI_OK or CLI_EUSAGE (after the message). */
int preset_path_build(preset_path *pp);
/* The bit of one preset kind: PRESET_KIND(TISSUE) | PRESET_KIND(SCHEME). */
#define PRESET_KIND(k) RTFRAC_PRESET_KIND_BIT(RTFRAC_PRESET_##k)

/* Build the path if needed and load every directory on it: the files of
 * `kinds` (PRESET_KIND bits, RTFRAC_PRESET_KINDS_ALL for every file) and of
 * the kinds they refer to (rtfrac_presets_load_dir_kinds).  A command reads
 * only the kinds it uses: a broken file of another kind is not its error. */
int preset_path_load(preset_path *pp, unsigned kinds, rtfrac_presets **out);
/* Check references between presets (tissues named by plans, constraints). */
int preset_path_check(const rtfrac_presets *p);
void preset_path_release(preset_path *pp);

/* A plan or constraint set named on the command line: a preset name, or a
 * file path (anything with '/' or ending in .ini), which is loaded and wins
 * over a preset of the same name.  On success *id names it in the
 * catalogue; CLI_EUSAGE (after the message) for an unknown name or a bad
 * file. */
int preset_path_named(rtfrac_presets *p, rtfrac_preset_kind kind, const char *arg, const char **id);

#endif /* RTFRAC_CLI_PRESETS_PATH_H */
