#!/bin/sh
# make bench: rtfrac's speed, measured side by side in one run on this
# machine, each figure as a ratio to a baseline with its absolute values.
# Not a test: nothing here fails on speed (make check never runs it).
#   sh tests/bench/bench.sh BENCHDIR RTFRAC
# BENCHDIR holds the helpers the Makefile builds (timeit, hello, dvh_read,
# and array when include/rtfrac/array.h exists).  Sizes can be lowered for
# a quick look: BENCH_RUNS (start-up runs, 200), BENCH_ROWS (table rows,
# 100000), BENCH_BATCH_ROWS (1000000), BENCH_ARRAY_COUNT (100000000),
# BENCH_SAMPLES (1000000), BENCH_DVH_BINS (1000000).
# Times are seconds per run: the median wall time, the minimum wall time
# and the median CPU time (user + system) of the child.  On a machine that
# other jobs load, the minimum wall time and the CPU time are the steadier
# figures; ratios are given for both.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
B=${1:?bench dir}
R=${2:?rtfrac}
case $R in /*) ;; *) R=$(pwd)/$R ;; esac
RUNS=${BENCH_RUNS:-200}
ROWS=${BENCH_ROWS:-100000}
BATCH_ROWS=${BENCH_BATCH_ROWS:-1000000}
ARRAY_COUNT=${BENCH_ARRAY_COUNT:-100000000}
SAMPLES=${BENCH_SAMPLES:-1000000}
DVH_BINS=${BENCH_DVH_BINS:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
unset RTFRAC_PRESET_PATH XDG_CONFIG_HOME
export HOME=/nonexistent

# t NAME RUNS CMD...: time CMD; sets the variables NAME_med NAME_min NAME_cpu NAME_rss
t() {
    name=$1 runs=$2
    shift 2
    res=$("$B/timeit" "$runs" "$tmp/out" "$@") || { echo "  $name: the command failed: $*" | cut -c1-150; return 1; }
    set -- $res
    eval "${name}_med=$1 ${name}_min=$2 ${name}_cpu=$3 ${name}_rss=$4"
}

# show LABEL NAME BASE TARGET: one line, NAME against BASE
show() {
    eval "m=\$${2}_min c=\$${2}_cpu bm=\$${3}_min bc=\$${3}_cpu r=\$${2}_rss"
    awk -v l="$1" -v m="$m" -v c="$c" -v bm="$bm" -v bc="$bc" -v tg="$4" -v r="$r" 'BEGIN {
        printf "  %-34s %9.4f s min wall %9.4f s cpu %7.0f MB  ratio %6.2fx wall %6.2fx cpu  (%s)\n",
               l, m, c, r / 1024, (bm > 0 ? m / bm : 0), (bc > 0 ? c / bc : 0), tg }'
}

# only: one line with absolute figures
only() {
    eval "m=\$${2}_min c=\$${2}_cpu r=\$${2}_rss"
    awk -v l="$1" -v m="$m" -v c="$c" -v r="$r" -v x="$3" 'BEGIN {
        printf "  %-34s %9.4f s min wall %9.4f s cpu %7.0f MB  %s\n", l, m, c, r / 1024, x }'
}

echo "rtfrac make bench: $(uname -m), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: /  cpu: /'
echo

echo "1. start-up ($RUNS runs each; baseline: hello world built by the same Makefile)"
t hello "$RUNS" "$B/hello"
t calc "$RUNS" "$R" calc 55/22
t plan "$RUNS" "$R" calc --plan hcc-sib-55-44
t tissue "$RUNS" "$R" calc 55/22 --tissue liver
t list "$RUNS" "$R" presets list
only "hello world" hello ""
show "calc 55/22" calc hello "target <= 2x"
show "calc --plan hcc-sib-55-44" plan hello "target <= 2x"
show "calc 55/22 --tissue liver" tissue hello "target <= 2x"
show "presets list" list hello "target <= 2x"
echo

echo "2. batch: $BATCH_ROWS prescriptions, rtfrac batch against awk (same BED and EQD2, printf %.6f)"
AWK=$(command -v mawk || command -v awk)
awk -v n="$BATCH_ROWS" 'BEGIN { print "label,total_dose_gy,fractions,alpha_beta_gy"
    for (i = 1; i <= n; i++) printf "P%d,%d,%d,%s\n", i, 40 + i % 30, 10 + i % 25, (i % 2 ? "10" : "3") }' > "$tmp/batch.csv"
cat > "$tmp/bed.awk" <<'EOF'
BEGIN { FS = ","; OFS = "," }
NR == 1 { print "label,bed_gy,eqd2_gy"; next }
{ d = $2 / $3; bed = $2 * (1 + d / $4); printf "%s,%.6f,%.6f\n", $1, bed, bed / (1 + 2 / $4) }
EOF
t awk 3 "$AWK" -f "$tmp/bed.awk" "$tmp/batch.csv"
cp "$tmp/out" "$tmp/awk.out"
if "$R" batch --help >/dev/null 2>&1; then
    if t batch 3 "$R" batch "$tmp/batch.csv" --format csv --precision 6; then
        show "rtfrac batch" batch awk "target: at least 8x faster, i.e. <= 0.125x"
        # the same numbers? bed_gy and eqd2_gy by column name
        awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "label,bed_gy,eqd2_gy"; next }
                 { print $c["label"] "," $c["bed_gy"] "," $c["eqd2_gy"] }' "$tmp/out" > "$tmp/batch.out"
        d=$(cmp -l "$tmp/awk.out" "$tmp/batch.out" 2>/dev/null | wc -l)
        if cmp -s "$tmp/awk.out" "$tmp/batch.out"; then echo "  output: label, bed_gy, eqd2_gy byte-identical to awk's printf"
        else echo "  output: differs from awk's printf ($d bytes; rtfrac rounds half away from zero on the shortest decimal, printf the binary value)"; fi
    fi
else
    only "awk" awk ""
    echo "  skipped: no batch command"
fi
echo

echo "3. arrays: EQD2 of $ARRAY_COUNT doses (double) against memcpy of the same bytes (best of 3)"
if [ -x "$B/array" ]; then
    set -- $("$B/array" "$ARRAY_COUNT")
    awk -v mc="$1" -v eq="$2" -v mcr="$3" -v eqr="$4" 'BEGIN {
        printf "  memcpy %.4f s (%.0f MB/s), rtfrac_array_eqdx %.4f s (%.0f MB/s): %.2fx memcpy throughput (target >= 0.8x)\n",
               mc, mcr, eq, eqr, eqr / mcr }'
else
    echo "  skipped: no array functions (include/rtfrac/array.h)"
fi
echo

echo "4. tables: $ROWS prescriptions as text against csv; the largest table grid"
awk -v n="$ROWS" 'BEGIN { for (i = 1; i <= n; i++) printf "%d/%d\n", 40 + i % 30, 10 + i % 25 }' > "$tmp/rx"
# shellcheck disable=SC2046
set -- $(cat "$tmp/rx")
t csv 3 "$R" calc --format csv "$@"
t text 3 "$R" calc --format text "$@"
t md 3 "$R" calc --format md "$@"
t json 3 "$R" calc --format json "$@"
only "calc, $ROWS prescriptions, csv" csv ""
show "the same as text" text csv "target <= 2x"
show "the same as md" md csv ""
show "the same as json" json csv ""
# 1000 x 1000 is refused (RTFRAC_TABLE_CELLS_MAX, 200000 cells): 400 x 500
t grid 3 "$R" table --dose-per-fraction 0.05:20:0.05 --fractions 1:500 && only "table 400 x 500, text" grid ""
t gridcsv 3 "$R" table --dose-per-fraction 0.05:20:0.05 --fractions 1:500 --format csv &&
    only "table 400 x 500, csv" gridcsv ""
echo

echo "5. Monte Carlo and DVH"
t mc 3 "$R" calc 70/35 --time --tk 21:14:28 --dprolif 0.9:0.6:1.2GyBED/d --ab 10:8:12 --samples "$SAMPLES" --format csv
t mc2 3 "$R" calc 70/35 60/30 50/25 40/20 --time --tk 21:14:28 --dprolif 0.9:0.6:1.2GyBED/d --ab 10:8:12 --samples "$SAMPLES" --format csv
eval "m=\$mc_min c=\$mc_cpu m2=\$mc2_min"
awk -v s="$SAMPLES" -v m="$m" -v c="$c" -v m2="$m2" 'BEGIN {
    printf "  Monte Carlo, one row, %d samples: %.4f s min wall, %.4f s cpu: %.2g samples/s (target 10^6 in < 0.2 s)\n", s, m, c, s / m
    printf "  Monte Carlo, four rows: %.4f s min wall (%.2fx one row: draws kept across rows)\n", m2, m2 / m }'
sh "$here/../gen_dvh.sh" lines "$DVH_BINS" > "$tmp/dvh.csv"
t fgets 3 "$B/dvh_read" "$tmp/dvh.csv"
t dvh 3 "$R" dvh "$tmp/dvh.csv" --fractions 5 --ab 3 --format csv
t dvhout 3 "$R" dvh "$tmp/dvh.csv" --fractions 5 --ab 3 --format csv --output-dvh "$tmp/dvh-out.csv"
only "fgets+strtod of $DVH_BINS bins" fgets ""
show "dvh evaluation" dvh fgets ""
show "dvh evaluation + --output-dvh" dvhout fgets ""
show "  (--output-dvh against evaluation)" dvhout dvh ""
