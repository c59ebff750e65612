#!/bin/sh
# Help, man page and README cannot drift from the option tables (src/cli/opts.h).
# For every command whose options come from a table (the hidden
# `rtfrac CMD --list-options` prints them, one long option a line):
#   - each long option appears in `rtfrac CMD --help`, in doc/rtfrac.1 and in README.md;
#   - each option the help names is an option of the command;
#   - each option the man page documents for the command (the .TP tags of
#     "OPTIONS OF CMD", and of "MODEL OPTIONS" when the command takes --model)
#     is an option of the command.
# Every command has a table: one without --list-options is a failure.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
RTFRAC=${RTFRAC:-build/rtfrac}
man=${MAN:-doc/rtfrac.1}
readme=${README:-README.md}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

fail() { echo "FAIL options: $1"; failed=$((failed + 1)); }

# The long options on the .TP tag lines of a man page section, '\-' read as '-'.
man_tags() {
    sed 's/\\-/-/g' "$man" | awk -v t="$1" '
        /^\.SH / { on = ($0 == ".SH " t); next }
        on && tag { print; tag = 0 }
        on && /^\.TP/ { tag = 1 }' | grep -oE -- '--[a-z0-9][a-z0-9-]*' | sort -u
}

has_word() { # $1 file, $2 option: the option, not a longer one that starts with it
    grep -qE -- "$2([^a-z0-9-]|\$)" "$1"
}

commands=$("$RTFRAC" --help | awk '/^Commands:/ { on = 1; next } on && /^ +[a-z]+ / { print $1 } /^$/ { on = 0 }' | grep -vx help)
[ -n "$commands" ] || { fail "no commands in 'rtfrac --help'"; exit 1; }
sed 's/\\-/-/g' "$man" > "$tmp/man"
for cmd in $commands; do
    if ! "$RTFRAC" "$cmd" --list-options > "$tmp/list" 2>/dev/null || [ ! -s "$tmp/list" ]; then
        fail "$cmd: 'rtfrac $cmd --list-options' gives no options (is it table-driven?)"
        continue
    fi
    "$RTFRAC" "$cmd" --help > "$tmp/help" || { fail "$cmd: --help failed"; continue; }
    ok=1
    while read -r opt; do
        has_word "$tmp/help" "$opt" || { fail "$cmd: $opt is not in 'rtfrac $cmd --help'"; ok=0; }
        has_word "$tmp/man" "$opt" || { fail "$cmd: $opt is not in $man"; ok=0; }
        has_word "$readme" "$opt" || { fail "$cmd: $opt is not in $readme"; ok=0; }
    done < "$tmp/list"
    for opt in $(grep -oE -- '--[a-z0-9][a-z0-9-]*' "$tmp/help" | sort -u); do
        grep -qx -- "$opt" "$tmp/list" || { fail "$cmd: 'rtfrac $cmd --help' names $opt, which $cmd does not take"; ok=0; }
    done
    sections="OPTIONS OF $(echo "$cmd" | tr a-z A-Z)"
    grep -qx -- --model "$tmp/list" && sections="$sections|MODEL OPTIONS"
    echo "$sections" | tr '|' '\n' > "$tmp/sections"
    while read -r section; do
        for opt in $(man_tags "$section"); do
            grep -qx -- "$opt" "$tmp/list" || { fail "$cmd: $man documents $opt under '$section', which $cmd does not take"; ok=0; }
        done
    done < "$tmp/sections"
    [ $ok = 1 ] && passed=$((passed + 1))
done

echo "options: $passed passed, $failed failed"
[ $failed = 0 ]
