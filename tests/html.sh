#!/bin/sh
# Renders the HTML report of the founding plan (hcc-sib-55-44 with the
# synthetic DVH of tests/cli/fixtures and the QUANTEC liver limits) with
# headless Chromium and checks that it rendered: the document has its three
# inline SVG figures (EQD2 against alpha/beta, the physical and the EQD2
# DVH) with a line style per curve, and the screenshot is a PNG of the
# window's size that is not blank: a blank white page of 1200 x 3000
# compresses to about 17 kB, the report's text, tables and curves to over
# 300 kB (the threshold is 60 kB).  Skipped, with a message, when neither
# chromium nor chromium-browser is installed: the build does not need it.
# KEEP=DIR keeps the .html and .png.
# usage: tests/html.sh RTFRAC
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
rtfrac=$1
case $rtfrac in /*) ;; *) rtfrac=$(pwd)/$rtfrac ;; esac
top=$(cd "$(dirname "$0")/.." && pwd -P)
browser=
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "html-test: skipped, chromium (or chromium-browser) is not installed"
    exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "html-test: $*"; exit 1; }

(cd "$top" && HOME=/nonexistent RTFRAC_PRESET_PATH= XDG_CONFIG_HOME= SOURCE_DATE_EPOCH=0 "$rtfrac" report \
    --plan hcc-sib-55-44 --dvh tests/cli/fixtures/hcc-sib-synthetic.dvh.csv \
    --structure-tissue 'PTV*=hcc,Liver=liver,SpinalCord=spinal-cord' --constraints quantec-liver \
    --format html -o "$tmp/report.html") || fail "rtfrac report --format html failed"
svgs=$(grep -c '<svg xmlns="http://www.w3.org/2000/svg"' "$tmp/report.html")
[ "$svgs" -eq 3 ] || fail "$svgs SVG figures in the report, expected 3"
grep -q 'stroke-dasharray=' "$tmp/report.html" || fail "the DVH curves have no line styles"

# Chromium writes its profile under HOME; a fresh one for each run
HOME=$tmp timeout 120 "$browser" --headless --disable-gpu --no-sandbox --hide-scrollbars \
    --user-data-dir="$tmp/profile" --window-size=1200,3000 --screenshot="$tmp/report.png" \
    "file://$tmp/report.html" >"$tmp/chromium.log" 2>&1
rc=$?
if [ "${KEEP:-}" ]; then cp "$tmp/report.html" "$KEEP"/ && cp "$tmp/report.png" "$KEEP"/ 2>/dev/null; fi
[ -s "$tmp/report.png" ] || { tail -5 "$tmp/chromium.log"; fail "$browser wrote no screenshot (exit $rc)"; }
# a PNG: the signature, then the IHDR chunk with width and height
sig=$(od -An -tx1 -N8 "$tmp/report.png" | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
size=$(od -An -tu1 -j16 -N8 "$tmp/report.png" | awk '{ print ($1*16777216+$2*65536+$3*256+$4) "x" ($5*16777216+$6*65536+$7*256+$8) }')
[ "$size" = 1200x3000 ] || fail "the screenshot is $size, expected 1200x3000"
bytes=$(wc -c <"$tmp/report.png")
[ "$bytes" -gt 60000 ] || fail "the screenshot is nearly blank ($bytes bytes, expected over 60000)"
echo "html-test: 1 passed, 0 failed (report of hcc-sib-55-44 rendered by $browser: $size, $bytes bytes, $svgs SVG figures)"
