/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _XOPEN_SOURCE 700 /* realpath, mkstemp, fsync */
#include "cli.h"

#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int diag_error_print(const char *what, const char *subject, const rtfrac_diag *d);

/* One line or more of text, each line sanitised (newlines kept). */
static void put_sanitized(FILE *fp, const char *text)
{
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = malloc(n + 1);
        if (line == NULL) {
            fwrite(p, 1, n, fp);
        } else {
            memcpy(line, p, n);
            line[n] = '\0';
            out_sanitize(line);
            fputs(line, fp);
            free(line);
        }
        if (nl == NULL)
            break;
        fputc('\n', fp);
        p = nl + 1;
    }
}

/* Messages quote names and labels from files and arguments: they reach
 * the terminal sanitised (out_sanitize), line by line. */
static void put_message(const char *prefix, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *buf = len < 0 ? NULL : malloc((size_t)len + 1);
    fputs(prefix, stderr);
    if (buf == NULL) {
        vfprintf(stderr, fmt, ap); /* out of memory: unsanitised beats nothing */
    } else {
        vsnprintf(buf, (size_t)len + 1, fmt, ap);
        put_sanitized(stderr, buf);
        free(buf);
    }
    fputc('\n', stderr);
}

int cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_message("rtfrac: error: ", fmt, ap);
    va_end(ap);
    return CLI_EUSAGE;
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_message("rtfrac: warning: ", fmt, ap);
    va_end(ap);
}

int cli_diag_error(const char *what, const char *subject_raw, const rtfrac_diag *d_raw)
{
    /* the argument and the message quote user text: sanitised copies, one
     * '?' per control byte so that the caret stays under its column */
    rtfrac_diag dd = *d_raw;
    const rtfrac_diag *d = &dd;
    char *subject = strdup(subject_raw ? subject_raw : "");
    if (subject != NULL)
        out_sanitize(subject);
    out_sanitize(dd.file);
    out_sanitize(dd.message);
    int rc = diag_error_print(what, subject ? subject : "", d);
    free(subject);
    return rc;
}

static int diag_error_print(const char *what, const char *subject, const rtfrac_diag *d)
{
    /* "problem; hint": the problem goes on the error line, the hint under
     * the quoted argument */
    const char *semi = strstr(d->message, "; ");
    int n = semi ? (int)(semi - d->message) : (int)strlen(d->message);
    const char *hint = semi ? semi + 2 : NULL;

    if (d->file[0] != '\0') {
        if (d->line > 0)
            fprintf(stderr, "rtfrac: error: %s:%u:", d->file, d->line);
        else
            fprintf(stderr, "rtfrac: error: %s:", d->file);
        if (d->column > 0)
            fprintf(stderr, "%u:", d->column);
        fprintf(stderr, " %s\n", d->message);
        return CLI_EUSAGE;
    }
    if (d->column > 0) {
        fprintf(stderr, "rtfrac: error: %.*s in %s '%s' at column %u\n", n, d->message,
                what, subject, d->column);
        /* the argument again, with a caret under the column */
        fprintf(stderr, "  %s\n  %*s^\n", subject, (int)(d->column - 1), "");
    } else {
        fprintf(stderr, "rtfrac: error: %.*s in %s '%s'\n", n, d->message, what, subject);
    }
    if (hint != NULL)
        fprintf(stderr, "hint: %s\n", hint);
    return CLI_EUSAGE;
}

int cli_option_error(const char *command, char **argv, int optind_now, int optopt_now)
{
    const char *arg = optind_now > 0 ? argv[optind_now - 1] : "";
    if ((optopt_now >= '0' && optopt_now <= '9') || optopt_now == '.') {
        /* "-55/22": a negative prescription, not an option; getopt may
         * still be inside that argument */
        const char *neg = argv[optind_now] != NULL && argv[optind_now][0] == '-'
                              ? argv[optind_now] : arg;
        return cli_error("dose must be greater than 0 Gy in prescription '%s'", neg);
    }
    if (optopt_now != 0 && optopt_now != '?' && strncmp(arg, "--", 2) != 0) {
        if (arg[0] == '-' && arg[1] == optopt_now && arg[2] == '\0')
            return cli_error("option '-%c' needs a value; see 'rtfrac %s --help'",
                             optopt_now, command);
        return cli_error("unknown option '-%c' for 'rtfrac %s'; see 'rtfrac %s --help'",
                         optopt_now, command, command);
    }
    /* getopt_long leaves the faulty long option in argv[optind - 1] */
    if (strchr(arg, '=') == NULL && optopt_now != 0)
        return cli_error("option '%s' needs a value; see 'rtfrac %s --help'", arg, command);
    return cli_error("unknown option '%s' for 'rtfrac %s'; see 'rtfrac %s --help'",
                     arg, command, command);
}

int cli_parse_format(const char *text, out_format *format)
{
    if (out_format_parse(text, format) != 0)
        return cli_error("unknown output format '%s'; accepted: text, csv, tsv, json, md", text);
    return CLI_OK;
}

int cli_parse_precision(const char *text, int *precision)
{
    double v = 0.0;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse(text, &v, &d) != RTFRAC_OK || v > floor(v) || v < 0 || v > 15)
        return cli_error("invalid --precision '%s'; give a whole number of decimals from 0 to 15", text);
    *precision = (int)v;
    return CLI_OK;
}

int cli_one_value(const char *option, const char *text, const char *why)
{
    rtfrac_table_range r;
    if (strchr(text, ',') == NULL && strchr(text, ':') == NULL)
        return CLI_OK;
    /* only a well-formed list or range is refused here; anything else gets
     * the number parser's own message (a decimal comma, a thousands
     * separator) */
    if (rtfrac_table_range_parse(text, 0, "1", &r, NULL) != RTFRAC_OK || rtfrac_table_range_count(&r) < 2)
        return CLI_OK;
    if (why != NULL)
        return cli_error("%s takes one value: %s; got %zu values in '%s'", option, why,
                         rtfrac_table_range_count(&r), text);
    return cli_error("%s takes one value; got %zu values in '%s'%s", option, rtfrac_table_range_count(&r), text,
                     strchr(text, ':') ? "" : " (decimals are written with '.')");
}

int cli_parse_whole(const char *option, const char *text, unsigned long max, unsigned long *out)
{
    if (cli_one_value(option, text, NULL) != CLI_OK)
        return CLI_EUSAGE;
    double v = 0.0;
    rtfrac_diag d;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse(text, &v, &d) != RTFRAC_OK || v < 1.0 || v > (double)max || v > floor(v))
        return cli_error("invalid %s '%s'; give a whole number from 1 to %lu", option, text, max);
    *out = (unsigned long)v;
    return CLI_OK;
}

int cli_parse_fractions(const char *option, const char *text, unsigned long *out)
{
    return cli_parse_whole(option, text, RTFRAC_FRACTIONS_MAX, out);
}

int cli_parse_values(const char *option, const char *text, int whole, cli_values *out)
{
    rtfrac_diag d;
    memset(out, 0, sizeof(*out));
    if (strchr(text, ',') == NULL && strchr(text, ':') == NULL) {
        unsigned long n = 0;
        if (whole) {
            int rc = cli_parse_fractions(option, text, &n);
            out->single = (double)n;
            return rc;
        }
        return cli_parse_gy(option, text, &out->single);
    }
    out->is_range = 1;
    rtfrac_diag_clear(&d);
    if (rtfrac_table_range_parse(text, whole, whole ? "1" : "0.1", &out->range, &d) != RTFRAC_OK)
        return cli_diag_error(option, text, &d);
    if (whole && rtfrac_table_fractions_check(&out->range, &d) != RTFRAC_OK)
        return cli_error("invalid %s '%s': %s", option, text, d.message);
    return CLI_OK;
}

size_t cli_values_count(const cli_values *v)
{
    return v->is_range ? rtfrac_table_range_count(&v->range) : 1;
}

double cli_values_get(const cli_values *v, size_t i)
{
    return v->is_range ? rtfrac_table_range_value(&v->range, i) : v->single;
}

int cli_parse_gy(const char *option, const char *text, double *gy)
{
    if (cli_one_value(option, text, NULL) != CLI_OK)
        return CLI_EUSAGE;
    rtfrac_diag d;
    double v = 0.0;
    rtfrac_diag_clear(&d);
    if (rtfrac_num_parse_quantity(text, RTFRAC_QTY_DOSE_GY, &v, &d) != RTFRAC_OK)
        return cli_diag_error(option, text, &d);
    if (!(v > 0.0) || v > RTFRAC_DOSE_MAX_GY)
        return cli_error("%s '%s' is out of range; accepted: above 0 to %g Gy", option, text,
                         RTFRAC_DOSE_MAX_GY);
    *gy = v;
    return CLI_OK;
}

static int flush_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno;
        fprintf(stderr, "rtfrac: error: cannot write to standard output: %s\n",
                e ? strerror(e) : "write error");
        return CLI_EFAIL;
    }
    return CLI_OK;
}

int cli_emit(const out_doc *doc, const out_opts *opts)
{
    if (doc->failed) {
        fprintf(stderr, "rtfrac: error: out of memory: a table or note of the output could not be added\n");
        return CLI_EFAIL;
    }
    errno = 0;
    if (out_write(doc, opts, stdout) != 0) {
        int e = errno;
        fprintf(stderr, "rtfrac: error: cannot write to standard output: %s\n",
                e ? strerror(e) : "write error");
        return CLI_EFAIL;
    }
    return flush_stdout();
}

const char *cli_plural(unsigned long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int cli_help(const char *text)
{
    errno = 0;
    if (fputs(text, stdout) < 0) {
        fprintf(stderr, "rtfrac: error: cannot write to standard output: %s\n", strerror(errno));
        return CLI_EFAIL;
    }
    return flush_stdout();
}

/* Same file?  Compare device and inode when both exist, else the paths. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    return strcmp(a, b) == 0;
}

/* The temporary file being written, for the signal handler: it may read
 * only what is already in memory, hence file scope (one write at a time). */
static char write_tmp_path[PATH_MAX];
static volatile sig_atomic_t write_tmp_live;

/* SIGINT/SIGTERM/SIGHUP during a write: remove the temporary file, then
 * die of the signal as if it had not been caught (async-signal-safe calls
 * only: unlink, signal, raise). */
static void write_on_signal(int sig)
{
    if (write_tmp_live)
        unlink(write_tmp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

static const int write_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NWRITE_SIGNALS (sizeof(write_signals) / sizeof(write_signals[0]))

static void write_signals_block(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < NWRITE_SIGNALS; i++)
        sigaddset(&set, write_signals[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

int cli_write_file(const char *path, const char *const *inputs, size_t ninputs,
                   const rtfrac_presets *presets, int (*write)(FILE *fp, void *ctx), void *ctx)
{
    char tmp[PATH_MAX];
    for (size_t i = 0; i < ninputs; i++)
        if (inputs[i] != NULL && same_file(path, inputs[i]))
            return cli_error("refusing to write '%s': it is an input of this command; choose another -o file",
                             path);
    for (size_t i = 0; presets != NULL && i < rtfrac_presets_file_count(presets); i++)
        if (same_file(path, rtfrac_presets_file(presets, i)))
            return cli_error("refusing to write '%s': it is a preset file this command read; choose another -o file",
                             path);
    struct stat st;
    int replace = stat(path, &st) == 0;
    if (replace && !S_ISREG(st.st_mode))
        return cli_error("refusing to write '%s': not a regular file", path);
    /* the mode of the file replaced, else what open(2) would give a new
     * file under the umask: a report is not made world-readable */
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = replace ? st.st_mode & 07777 : 0666 & ~mask;
    const char *slash = strrchr(path, '/');
    if ((size_t)snprintf(tmp, sizeof(tmp), "%.*s%s.rtfrac-tmp-XXXXXX",
                         slash ? (int)(slash - path + 1) : 0, path, slash ? slash + 1 : path) >= sizeof(tmp))
        return cli_error("output file name '%s' is too long", path);

    sigset_t old_mask;
    struct sigaction sa, old_sa[NWRITE_SIGNALS];
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = write_on_signal;
    sigemptyset(&sa.sa_mask);
    write_signals_block(&old_mask);
    for (size_t i = 0; i < NWRITE_SIGNALS; i++) {
        /* a signal ignored (nohup, a background job) stays ignored */
        sigaction(write_signals[i], NULL, &old_sa[i]);
        if (old_sa[i].sa_handler != SIG_IGN)
            sigaction(write_signals[i], &sa, NULL);
    }
    int fd = mkstemp(tmp);
    int e = errno;
    if (fd >= 0) {
        memcpy(write_tmp_path, tmp, sizeof(tmp));
        write_tmp_live = 1;
    }
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    int rc = CLI_OK;
    if (fd < 0) {
        fprintf(stderr, "rtfrac: error: cannot create a temporary file next to '%s': %s\n", path, strerror(e));
        rc = CLI_EFAIL;
        goto done;
    }
    FILE *fp = fchmod(fd, mode) == 0 ? fdopen(fd, "w") : NULL;
    if (fp == NULL) {
        e = errno;
        close(fd);
        unlink(tmp);
        fprintf(stderr, "rtfrac: error: cannot write '%s': %s\n", path, strerror(e));
        rc = CLI_EFAIL;
        goto done;
    }
    errno = 0;
    int bad = write(fp, ctx) != 0;
    bad |= fflush(fp) != 0 || ferror(fp);
    bad |= fsync(fileno(fp)) != 0;
    e = errno;
    bad |= fclose(fp) != 0;
    if (!bad && rename(tmp, path) != 0)
        bad = 1;
    if (bad) {
        e = e ? e : errno;
        unlink(tmp);
        fprintf(stderr, "rtfrac: error: cannot write '%s': %s\n", path, e ? strerror(e) : "write error");
        rc = CLI_EFAIL;
    }
done:
    write_signals_block(&old_mask);
    write_tmp_live = 0;
    for (size_t i = 0; i < NWRITE_SIGNALS; i++)
        sigaction(write_signals[i], &old_sa[i], NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    return rc;
}

