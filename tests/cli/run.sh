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

while IFS='|' read -r name want cmd; do
    case $name in ''|'#'*) continue ;; esac
    (cd "$tmp" && sh -c "$cmd") >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
    # file names differ between checkouts: print the source tree as <src>
    for s in out err; do
        sed "s|$top|<src>|g" "$tmp/$s" > "$tmp/$s.tmp" && mv "$tmp/$s.tmp" "$tmp/$s"
    done
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$tmp/out" "$here/expected/$name.out"
        cp "$tmp/err" "$here/expected/$name.err"
    fi
    ok=1
    if [ "$rc" != "$want" ]; then
        fail "$name: exit status $rc, expected $want"; ok=0
    fi
    for s in out err; do
        if ! cmp -s "$tmp/$s" "$here/expected/$name.$s"; then
            fail "$name: std$s differs:"; ok=0
            diff -u "$here/expected/$name.$s" "$tmp/$s" | head -20
        fi
    done
    # invalid input and failures print nothing on stdout
    if [ "$want" != 0 ] && [ -s "$tmp/out" ]; then
        fail "$name: exit $want but stdout is not empty"; ok=0
    fi
    if grep -qiE '(^|[^a-z])(nan|inf|infinity)([^a-z]|$)' "$tmp/out"; then
        fail "$name: NaN or infinity on stdout"; ok=0
    fi
    [ $ok = 1 ] && passed=$((passed + 1))
done < "$here/cases.txt"

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
