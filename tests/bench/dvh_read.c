/* make bench: the baseline for reading a DVH: fgets + strtod over a
 * generic CSV (structure,dose_gy,volume_cc), summing the numbers so that
 * nothing is optimised away.  dvh_read FILE
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    FILE *fp = argc > 1 ? fopen(argv[1], "r") : NULL;
    if (fp == NULL)
        return 1;
    char line[4096];
    double sum = 0.0;
    long rows = 0;
    while (fgets(line, sizeof(line), fp) != NULL) {
        char *p = strchr(line, ','), *end;
        if (p == NULL)
            continue;
        double dose = strtod(p + 1, &end);
        if (end == p + 1 || *end != ',')
            continue; /* the header */
        double volume = strtod(end + 1, NULL);
        sum += dose + volume;
        rows++;
    }
    fclose(fp);
    printf("%ld rows, sum %g\n", rows, sum);
    return 0;
}
