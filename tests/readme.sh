#!/bin/sh
# The examples in README.md are what rtfrac prints: every fenced block that
# starts with a one-line '$ rtfrac ...' command is run (stdout and stderr
# together, presets from the source tree only) and compared with the lines
# under it.  UPDATE=1 rewrites the blocks in place (review the diff).
#
# usage: tests/readme.sh RTFRAC_BINARY [README]
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
bin=$1
readme=${2:-README.md}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
unset RTFRAC_PRESET_PATH XDG_CONFIG_HOME COLUMNS
HOME=/nonexistent
export HOME

# Split README.md into numbered blocks: N.cmd (the command) and N.want.
awk -v dir="$tmp" '
    /^```/ {
        if (inblock) { inblock = 0; if (cmd) close(dir "/" n ".want"); cmd = 0; next }
        inblock = 1; first = 1; next
    }
    inblock && first {
        first = 0
        if ($0 ~ /^\$ rtfrac / && $0 !~ /\\$/) {
            n++; cmd = 1
            print substr($0, 3) > (dir "/" n ".cmd"); close(dir "/" n ".cmd")
            printf "" > (dir "/" n ".want")
            next
        }
    }
    inblock && cmd { print > (dir "/" n ".want") }
' "$readme"

passed=0 failed=0
for c in "$tmp"/*.cmd; do
    [ -f "$c" ] || continue
    n=${c%.cmd}
    line=$(cat "$c")
    # the command as a user types it, with the binary under test
    run=$(printf '%s\n' "$line" | sed "s|^rtfrac |\"\$RTFRAC_BIN\" |")
    (cd "$tmp" && RTFRAC_BIN=$bin sh -c "$run") >"$n.got" 2>&1 </dev/null
    if cmp -s "$n.got" "$n.want"; then
        passed=$((passed + 1))
    else
        if [ "${UPDATE:-0}" != 1 ]; then
            echo "FAIL readme: '\$ $line' prints:"
            diff "$n.want" "$n.got" | head -n 20
        fi
        failed=$((failed + 1))
    fi
done

if [ "${UPDATE:-0}" = 1 ]; then
    # put each block's new output back under its command
    awk -v dir="$tmp" '
        /^```/ {
            if (inblock) { inblock = 0; skipping = 0; print; next }
            inblock = 1; first = 1; print; next
        }
        inblock && first {
            first = 0
            if ($0 ~ /^\$ rtfrac / && $0 !~ /\\$/) {
                n++; print
                f = dir "/" n ".got"
                while ((getline l < f) > 0) print l
                close(f)
                skipping = 1
                next
            }
        }
        skipping { next }
        { print }
    ' "$readme" >"$tmp/README.new" && cp "$tmp/README.new" "$readme"
    echo "readme: $((passed + failed)) examples rewritten"
    exit 0
fi
echo "readme: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
