#!/bin/sh
# Write a batch file of N rows (rtfrac batch) to standard output, the same
# bytes every run: prescriptions in calc's spellings, alpha/beta values
# and tissue presets in turn.  For the shard test (tests/cli/cases.txt) and
# for measuring time and memory on large files:
#   sh tests/gen_batch.sh 10000000 > /tmp/b.csv
#   /usr/bin/time -v build/rtfrac batch /tmp/b.csv > /dev/null
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
n=${1:?usage: gen_batch.sh ROWS}
awk -v n="$n" 'BEGIN {
    print "label,prescription,alpha_beta_gy,tissue"
    split("10 3 1.5 2.385 8.6 0.5", ab, " ")
    split("liver prostate hcc spinal-cord", ts, " ")
    for (i = 1; i <= n; i++) {
        f = 1 + i % 40
        dose = f * (1 + (i * 37) % 250 / 100)
        form = i % 4
        if (form == 0) rx = sprintf("%gGy/%d", dose, f)
        else if (form == 1) rx = sprintf("%dx%g Gy", f, dose / f)
        else if (form == 2) rx = sprintf("\"%g Gy in %d fractions\"", dose, f)
        else rx = sprintf("%gcGy/%dfx", dose * 100, f)
        if (i % 5 == 0) printf "rx-%d,%s,,%s\n", i, rx, ts[1 + (i / 5) % 4]
        else printf "rx-%d,%s,%s,\n", i, rx, ab[1 + i % 6]
    }
}'
