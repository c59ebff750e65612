/* make bench: run a command N times (stdin /dev/null, stdout to a file or
 * /dev/null, stderr to /dev/null) and print, in seconds per run,
 *   MEDIAN_WALL MIN_WALL MEDIAN_CPU MAX_RSS_KB
 * where CPU is the child's user + system time (wait4): on a machine that
 * other jobs load, the CPU time and the minimum wall time are steadier than
 * the median wall time.  Exit 1 when a run fails.
 *   timeit N OUTFILE|- CMD [ARG...]
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: timeit N OUTFILE|- CMD [ARG...]\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    const char *out = strcmp(argv[2], "-") == 0 ? "/dev/null" : argv[2];
    if (n < 1)
        return 2;
    long rss = 0;
    double *wall = malloc((size_t)n * sizeof(double)), *cpu = malloc((size_t)n * sizeof(double));
    if (wall == NULL || cpu == NULL)
        return 1;
    for (long i = 0; i < n; i++) {
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid;
        double t0 = now();
        if (posix_spawn(&pid, argv[3], &fa, NULL, argv + 3, environ) != 0) {
            perror(argv[3]);
            return 1;
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0)
            return 1;
        wall[i] = now() - t0;
        cpu[i] = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
                 (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
        rss = ru.ru_maxrss > rss ? ru.ru_maxrss : rss;
        posix_spawn_file_actions_destroy(&fa);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "timeit: %s failed (status %d)\n", argv[3], status);
            return 1;
        }
    }
    qsort(wall, (size_t)n, sizeof(double), cmp_double);
    qsort(cpu, (size_t)n, sizeof(double), cmp_double);
    printf("%.6f %.6f %.6f %ld\n", wall[n / 2], wall[0], cpu[n / 2], rss);
    free(wall);
    free(cpu);
    return 0;
}
