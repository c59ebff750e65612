/* rtfrac CLI: where presets are found, and loading them.
 *
 * Search order, first match wins for a given kind and name:
 *   1. --preset-dir DIR, in the order given (a missing DIR is an error)
 *   2. $RTFRAC_PRESET_PATH, colon-separated
 *   3. $XDG_CONFIG_HOME/rtfrac/presets (default ~/.config/rtfrac/presets)
 *   4. the installed presets: EXEDIR/../share/rtfrac/presets, then the
 *      directory compiled in from $(PREFIX)
 *   5. the source tree's presets/, when rtfrac runs from its build tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "suggest.h"
#include "presets_path.h"

#ifndef RTFRAC_INSTALL_PRESET_DIR
#define RTFRAC_INSTALL_PRESET_DIR "/usr/local/share/rtfrac/presets"
#endif
#ifndef RTFRAC_SOURCE_PRESET_DIR
#define RTFRAC_SOURCE_PRESET_DIR ""
#endif
#ifndef RTFRAC_BUILD_DIR
#define RTFRAC_BUILD_DIR ""
#endif

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int add_dir(preset_path *pp, const char *dir, const char *why)
{
    char real[PATH_MAX];
    if (!is_dir(dir) || realpath(dir, real) == NULL)
        return CLI_OK; /* searched, not there */
    for (size_t i = 0; i < pp->ndirs; i++)
        if (strcmp(pp->dirs[i], real) == 0)
            return CLI_OK;
    if (pp->ndirs == PRESET_PATH_MAX)
        return cli_error("too many preset directories (at most %d)", PRESET_PATH_MAX);
    pp->dirs[pp->ndirs] = strdup(real);
    pp->why[pp->ndirs] = why;
    if (pp->dirs[pp->ndirs] == NULL)
        return cli_error("out of memory");
    pp->ndirs++;
    return CLI_OK;
}

/* The directory holding the running binary, or "" when unknown. */
static void exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0) {
        buf[0] = '\0';
        return;
    }
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash != NULL)
        *slash = '\0';
}

int preset_path_build(preset_path *pp)
{
    char buf[PATH_MAX + 64], exe[PATH_MAX];
    int rc;

    for (size_t i = 0; i < pp->nuser; i++) {
        struct stat st;
        if (stat(pp->user[i], &st) != 0) {
            if (errno == ENOENT)
                return cli_error("preset directory '%s' does not exist (given with --preset-dir)",
                                 pp->user[i]);
            /* a symlink loop, a permission: a runtime failure */
            cli_error("cannot read preset directory '%s': %s (given with --preset-dir)", pp->user[i],
                      strerror(errno));
            return CLI_EFAIL;
        }
        if (!S_ISDIR(st.st_mode))
            return cli_error("preset directory '%s' is not a directory (given with --preset-dir)",
                             pp->user[i]);
        if ((rc = add_dir(pp, pp->user[i], "--preset-dir")) != CLI_OK)
            return rc;
    }
    const char *env = getenv("RTFRAC_PRESET_PATH");
    if (env != NULL) {
        char *copy = strdup(env), *save = NULL;
        if (copy == NULL)
            return cli_error("out of memory");
        for (char *tok = strtok_r(copy, ":", &save); tok != NULL; tok = strtok_r(NULL, ":", &save))
            if ((rc = add_dir(pp, tok, "$RTFRAC_PRESET_PATH")) != CLI_OK) {
                free(copy);
                return rc;
            }
        free(copy);
    }
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg != NULL && xdg[0] == '/') {
        snprintf(buf, sizeof(buf), "%s/rtfrac/presets", xdg);
        if ((rc = add_dir(pp, buf, "$XDG_CONFIG_HOME")) != CLI_OK)
            return rc;
    } else if (home != NULL && home[0] == '/') {
        snprintf(buf, sizeof(buf), "%s/.config/rtfrac/presets", home);
        if ((rc = add_dir(pp, buf, "~/.config")) != CLI_OK)
            return rc;
    }
    exe_dir(exe, sizeof(exe));
    if (exe[0] != '\0') {
        snprintf(buf, sizeof(buf), "%s/../share/rtfrac/presets", exe);
        if ((rc = add_dir(pp, buf, "installed")) != CLI_OK)
            return rc;
    }
    if ((rc = add_dir(pp, RTFRAC_INSTALL_PRESET_DIR, "installed")) != CLI_OK)
        return rc;
    char build_real[PATH_MAX];
    if (exe[0] != '\0' && RTFRAC_BUILD_DIR[0] != '\0' &&
        realpath(RTFRAC_BUILD_DIR, build_real) != NULL && strcmp(build_real, exe) == 0)
        if ((rc = add_dir(pp, RTFRAC_SOURCE_PRESET_DIR, "source tree")) != CLI_OK)
            return rc;
    return CLI_OK;
}

int preset_path_load(preset_path *pp, unsigned kinds, rtfrac_presets **out)
{
    rtfrac_diag d;
    int rc;
    if (pp->ndirs == 0 && (rc = preset_path_build(pp)) != CLI_OK)
        return rc;
    rtfrac_presets *p = rtfrac_presets_alloc();
    if (p == NULL)
        return cli_error("out of memory");
    for (size_t i = 0; i < pp->ndirs; i++) {
        rtfrac_diag_clear(&d);
        if ((rc = rtfrac_presets_load_dir_kinds(p, pp->dirs[i], kinds, &d)) != RTFRAC_OK) {
            rtfrac_presets_free(p);
            if (rc == RTFRAC_EPARSE)
                return cli_diag_error("preset", "", &d);
            cli_error("cannot read presets '%s': %s", d.file[0] ? d.file : pp->dirs[i],
                      d.message[0] ? d.message : rtfrac_strerror(rc));
            return rc == RTFRAC_EINVAL ? CLI_EUSAGE : CLI_EFAIL; /* unreadable: a runtime failure */
        }
    }
    for (size_t i = 0; i < rtfrac_presets_skipped_count(p); i++) {
        const char *what = "";
        const char *file = rtfrac_presets_skipped(p, i, &what);
        cli_warn("skipped '%s': not a regular file but %s", file, what);
    }
    *out = p;
    return CLI_OK;
}

int preset_path_check(const rtfrac_presets *p)
{
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_presets_check(p, &d) != RTFRAC_OK)
        return cli_diag_error("preset", "", &d);
    return CLI_OK;
}

void preset_path_release(preset_path *pp)
{
    for (size_t i = 0; i < pp->ndirs; i++)
        free(pp->dirs[i]);
    memset(pp, 0, sizeof(*pp));
}

int preset_path_add_user(preset_path *pp, const char *dir)
{
    if (pp->nuser == PRESET_PATH_MAX)
        return cli_error("too many --preset-dir options (at most %d)", PRESET_PATH_MAX);
    pp->user[pp->nuser++] = dir;
    return CLI_OK;
}

int preset_path_named(rtfrac_presets *p, rtfrac_preset_kind kind, const char *arg, const char **id)
{
    size_t len = strlen(arg);
    const char *what = kind == RTFRAC_PRESET_PLAN ? "plan" : "constraint set";
    const char *list = kind == RTFRAC_PRESET_PLAN ? "plans" : "constraints";
    if (strchr(arg, '/') != NULL || (len > 4 && strcmp(arg + len - 4, ".ini") == 0)) {
        rtfrac_diag d;
        rtfrac_diag_clear(&d);
        int rc = rtfrac_presets_load_file(p, kind, arg, id, &d);
        if (rc == RTFRAC_EPARSE)
            return cli_diag_error(what, arg, &d);
        if (rc != RTFRAC_OK) {
            cli_error("cannot read %s file '%s': %s", what, arg, d.message[0] ? d.message : rtfrac_strerror(rc));
            return rc == RTFRAC_EINVAL ? CLI_EUSAGE : CLI_EFAIL; /* unreadable: a runtime failure */
        }
        return CLI_OK;
    }
    int found = kind == RTFRAC_PRESET_PLAN ? rtfrac_presets_find_plan(p, arg) != NULL
                                           : rtfrac_presets_find_constraint_set(p, arg) != NULL;
    if (!found) {
        cli_error("unknown %s '%s'; give a name ('rtfrac presets list %s') or a file path", what, arg, list);
        suggest_preset_hint(p, kind, arg);
        return CLI_EUSAGE;
    }
    *id = arg;
    return CLI_OK;
}

int cli_common_option(int opt, const char *arg, out_opts *opts, struct preset_path *pp)
{
    switch (opt) {
    case OPT_COMMON_FORMAT:
        return cli_parse_format(arg, &opts->format);
    case OPT_COMMON_PRECISION:
        return cli_parse_precision(arg, &opts->precision);
    case OPT_COMMON_PRESET_DIR:
        return preset_path_add_user(pp, arg);
    default:
        return -1;
    }
}
