#!/bin/sh
# End-to-end cases of the rtfrac command line: each case's stdout, stderr
# and exit status are compared with tests/cli/expected/NAME.{out,err} and
# the status in tests/cli/cases.txt.  UPDATE=1 rewrites the expected files
# (review the diff before committing).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd -P)
FIXTURES=$here/fixtures
TOPDIR=$top
export TOPDIR
export FIXTURES
# presets come from the source tree only, never from the tester's home
unset RTFRAC_PRESET_PATH XDG_CONFIG_HOME
# notes are not wrapped here: a wrapped note that names a file would depend
# on the length of the checkout's path; the notes-wrap-* cases set COLUMNS
COLUMNS=1000
export COLUMNS
HOME=/nonexistent
export HOME
RTFRAC=${RTFRAC:-build/rtfrac}
case $RTFRAC in /*) ;; *) RTFRAC=$(pwd)/$RTFRAC ;; esac
export RTFRAC
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

fail() { echo "FAIL cli: $1"; failed=$((failed + 1)); }
bad=" " # the cases that failed a check, each between spaces

# Each case runs in its own shell and leaves NAME.out and NAME.err in
# $got; the comparisons are made afterwards for all cases at once (one sed,
# one diff, one grep), not with processes per case.
got=$tmp/cases
mkdir -p "$got" "$tmp/cwd"
names=
while IFS='|' read -r name want cmd; do
    case $name in ''|'#'*) continue ;; esac
    (cd "$tmp/cwd" && sh -c "$cmd") >"$got/$name.out" 2>"$got/$name.err" </dev/null
    rc=$?
    names="$names $name"
    if [ "$rc" != "$want" ]; then
        fail "$name: exit status $rc, expected $want"; bad="$bad$name "
    fi
    # invalid input and failures print nothing on stdout
    if [ "$want" != 0 ] && [ -s "$got/$name.out" ]; then
        fail "$name: exit $want but stdout is not empty"; bad="$bad$name "
    fi
done < "$here/cases.txt"

# file names differ between checkouts: print the source tree as <src>
find "$got" -type f -exec sed -i "s|$top|<src>|g" {} +
if [ "${UPDATE:-0}" = 1 ]; then
    cp "$got"/* "$here/expected/"
fi
# std{out,err} that differ from the expected files (a missing expected file too)
diff -rq "$here/expected" "$got" 2>/dev/null | grep -v "^Only in $here/expected" > "$tmp/differ"
while read -r line; do
    case $line in
    "Only in $got: "*) f=${line#"Only in $got: "} ;;
    *) f=${line#"Files $here/expected/"}; f=${f%% and *} ;;
    esac
    n=${f%.*}
    fail "$n: std${f##*.} differs:"; bad="$bad$n "
    diff -u "$here/expected/$f" "$got/$f" | head -20
done < "$tmp/differ"
# never NaN or infinity on stdout
grep -liE '(^|[^a-z])(nan|inf|infinity)([^a-z]|$)' "$got"/*.out > "$tmp/nan"
while read -r f; do
    n=${f##*/}; n=${n%.out}
    fail "$n: NaN or infinity on stdout"; bad="$bad$n "
done < "$tmp/nan"
for name in $names; do
    case $bad in *" $name "*) ;; *) passed=$((passed + 1)) ;; esac
done

# Every spelling of the same prescription gives the same numbers.
"$RTFRAC" calc X=55/22 --format csv >"$tmp/ref" 2>&1
for rx in 'X=55Gy/22' 'X=55 Gy/22 fx' 'X=5500cGy/22fx' 'X=5500 cGy / 22' 'X=22x2.5' \
          'X=22 x 2.5 Gy' 'X=2.5Gy x 22' 'X=22×2.5' 'X=55 Gy in 22 fractions' \
          'X=55Gy in 22 fx' 'X=55 Gy in 22 fr' 'X=55 gy in 22 fraction'; do
    "$RTFRAC" calc "$rx" --format csv >"$tmp/got" 2>&1
    if cmp -s "$tmp/ref" "$tmp/got"; then passed=$((passed + 1)); else fail "spelling '$rx' differs from 55/22"; fi
done

echo "cli: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
