#!/bin/sh
# Generate large DVH files for timing the readers and for the limit cases
# (nothing large is committed): tests/gen_dvh.sh KIND N > FILE
#   generic N      generic CSV, N structures of 3 rows each
#   onerow N       generic CSV, N structures of one row each
#   blank N        a generic header, then N blank lines and one row
#   lines N        a generic header, then N rows of one structure
#   slicerrt N     SlicerRT table, N column pairs, 3 rows
# Example: sh tests/gen_dvh.sh generic 100000 > /tmp/g.csv &&
#          time build/rtfrac dvh /tmp/g.csv --ab 3 --format csv > /dev/null
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
kind=${1:?kind}
n=${2:?count}
case $kind in
generic)
    awk -v n="$n" 'BEGIN { print "structure,dose_gy,volume_cc"
        for (i = 1; i <= n; i++) { s = "S" i
            print s ",0,10"; print s ",10,5"; print s ",20,0" } }' ;;
onerow)
    awk -v n="$n" 'BEGIN { print "structure,dose_gy,volume_cc"
        for (i = 1; i <= n; i++) print "S" i ",0,10" }' ;;
blank)
    awk -v n="$n" 'BEGIN { print "structure,dose_gy,volume_cc"
        for (i = 1; i <= n; i++) print ""; print "S,0,10" }' ;;
lines)
    awk -v n="$n" 'BEGIN { print "structure,dose_gy,volume_cc"
        for (i = 0; i < n; i++) printf "S,%d,%d\n", i, n - i }' ;;
slicerrt)
    awk -v n="$n" 'BEGIN {
        for (i = 1; i <= n; i++) printf "%sS%d Dose (Gy),S%d Value (%% of 10 cc)", (i > 1 ? "," : ""), i, i
        print ""
        for (r = 0; r < 3; r++) { for (i = 1; i <= n; i++) printf "%s%d,%d", (i > 1 ? "," : ""), 10 * r, 100 - 50 * r
            print "" } }' ;;
*)
    echo "gen_dvh.sh: unknown kind '$kind'" >&2; exit 2 ;;
esac
