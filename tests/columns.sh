#!/bin/sh
# The documented machine-format columns are exactly the columns printed.
# README.md has a table of `rtfrac CMD ...` command lines and their columns
# (between the "columns:" marker and the next blank line); each command is
# run with --format csv and its header compared with the list.  The man
# page's OUTPUT section lists the same columns per command (.TP, .B CMD,
# then the list); they must equal the README's.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
RTFRAC=${RTFRAC:-build/rtfrac}
man=${MAN:-doc/rtfrac.1}
readme=${README:-README.md}
here=$(cd "$(dirname "$0")" && pwd)
dvh_fixture=$here/cli/fixtures/hcc-sib-synthetic.dvh.csv
passed=0 failed=0
fail() { echo "FAIL columns: $1"; failed=$((failed + 1)); }

rows=$(awk '/<!-- columns:/ { on = 1; next } on && /^$/ { exit } on && /^\| `rtfrac / { print }' "$readme")
[ -n "$rows" ] || { fail "no column table in $readme"; echo "columns: $passed passed, $failed failed"; exit 1; }
echo "$rows" | {
while IFS= read -r row; do
    cmdline=$(echo "$row" | sed -n 's/^| `rtfrac \([^`]*\)` | .*/\1/p')
    want=$(echo "$row" | sed -n 's/^| `[^`]*` | `\([^`]*\)` |$/\1/p' | sed 's/, /,/g')
    cmd=${cmdline%% *}
    if [ -z "$cmdline" ] || [ -z "$want" ]; then
        fail "cannot read the row '$row' of $readme"; continue
    fi
    # shellcheck disable=SC2086 # the command line is split into its words
    got=$(set -f; "$RTFRAC" $(echo "$cmdline" | sed "s|plan.dvh.csv|$dvh_fixture|") --format csv | head -1)
    ok=1
    [ "$got" = "$want" ] || { fail "$cmd: $readme lists '$want', 'rtfrac $cmdline --format csv' prints '$got'"; ok=0; }
    man_list=$(sed 's/\\-/-/g' "$man" | awk -v c="$cmd" '
        /^\.SH / { on = ($0 == ".SH OUTPUT"); next }
        on && prev == ".TP" && $0 == ".B " c { getline; print; exit }
        { prev = $0 }' | sed 's/, /,/g')
    [ "$man_list" = "$want" ] || { fail "$cmd: $man lists '$man_list', $readme '$want'"; ok=0; }
    [ $ok = 1 ] && passed=$((passed + 1))
done
for cmd in calc compare solve table dvh brachy; do
    echo "$rows" | grep -q "^| \`rtfrac $cmd " || fail "$cmd: no row in the column table of $readme"
done
echo "columns: $passed passed, $failed failed"
[ $failed = 0 ]
}
