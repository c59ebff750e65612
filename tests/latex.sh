#!/bin/sh
# Compiles the LaTeX report of the founding plan (hcc-sib-55-44 with the
# synthetic DVH of tests/cli/fixtures and the QUANTEC liver limits) with
# pdflatex and fails on a LaTeX error, on a figure missing, and on an
# overfull \hbox more than 1 pt too wide.  The threshold: an overfull box of
# under 1 pt is rounding in the layout, invisible on paper; anything wider
# sticks out of its column or into the margin, which is the fault this test
# is here to catch (headers that overprinted their neighbours were 5 to
# 20 pt too wide).  Skipped, with a message, when pdflatex is not installed:
# the build does not need TeX.  KEEP=DIR keeps the .tex, .log and .pdf.
# usage: tests/latex.sh RTFRAC
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
rtfrac=$1
case $rtfrac in /*) ;; *) rtfrac=$(pwd)/$rtfrac ;; esac
top=$(cd "$(dirname "$0")/.." && pwd -P)
if ! command -v pdflatex >/dev/null 2>&1; then
    echo "latex-test: skipped, pdflatex is not installed"
    exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "latex-test: $*"; exit 1; }

(cd "$top" && HOME=/nonexistent RTFRAC_PRESET_PATH= XDG_CONFIG_HOME= SOURCE_DATE_EPOCH=0 "$rtfrac" report \
    --plan hcc-sib-55-44 --dvh tests/cli/fixtures/hcc-sib-synthetic.dvh.csv \
    --structure-tissue 'PTV*=hcc,Liver=liver,SpinalCord=spinal-cord' --constraints quantec-liver \
    --format tex -o "$tmp/report.tex") || fail "rtfrac report --format tex failed"
figures=$(grep -c '^\\begin{tikzpicture}' "$tmp/report.tex")
[ "$figures" -eq 3 ] || fail "$figures figures in the report, expected 3 (EQD2 against alpha/beta, DVH physical and EQD2)"

# twice: longtable settles its column widths on the second run
for run in 1 2; do
    (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error report.tex >/dev/null 2>&1)
    rc=$?
done
if [ "${KEEP:-}" ]; then cp "$tmp"/report.tex "$tmp"/report.log "$KEEP"/ && cp "$tmp"/report.pdf "$KEEP"/ 2>/dev/null; fi
[ -f "$tmp/report.log" ] || fail "pdflatex wrote no log"
if [ $rc -ne 0 ] || grep -q '^! ' "$tmp/report.log"; then
    grep -A3 '^! ' "$tmp/report.log"
    fail "pdflatex failed on the report (exit $rc)"
fi
[ -s "$tmp/report.pdf" ] || fail "pdflatex wrote no PDF"
overfull=$(awk '/^Overfull \\hbox \(/ { w = $3; sub(/^\(/, "", w); sub(/pt$/, "", w); if (w + 0 > 1.0) print }' "$tmp/report.log")
if [ -n "$overfull" ]; then
    echo "$overfull"
    fail "overfull boxes more than 1pt too wide in the LaTeX report"
fi
pages=$(grep -o 'Output written on report.pdf ([0-9]* page' "$tmp/report.log" | grep -o '[0-9]* page')
echo "latex-test: 1 passed, 0 failed (report of hcc-sib-55-44 with a DVH: $pages(s), $figures figures, no overfull box over 1pt)"
