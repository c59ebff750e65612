#!/bin/sh
# The shared library exports its public API and nothing else:
#   1. every dynamic symbol it defines starts with rtfrac_;
#   2. every function declared in a public header is exported (a declaration
#      without RTFRAC_API is hidden by -fvisibility=hidden and fails here);
#   3. every exported symbol is declared in a public header.
# Declarations are found in the preprocessed headers (comments and macros
# gone, RTFRAC_API expanded), attributed to the header they are written in
# through the preprocessor's line markers, so a declaration split over
# several lines or followed by a comment is still seen.
#
# usage: tests/symbols.sh LIBRARY.so HEADER...
# environment: CC (cc), NM (nm).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CC=${CC:-cc}
NM=${NM:-nm}
so=$1
shift
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0

# Symbols the linker itself defines in every shared object with older
# binutils; they are not part of the library's code.
linker_symbols='_init _fini _edata _end __bss_start'

$NM -D --defined-only "$so" >"$tmp/nm" || { echo "symbols: cannot read $so"; exit 1; }
awk 'NF >= 3 { print $3 }' "$tmp/nm" | sed 's/@.*//' | sort -u >"$tmp/exported"

# 1. only rtfrac_ symbols
for s in $(grep -v '^rtfrac_' "$tmp/exported"); do
    case " $linker_symbols " in *" $s "*) continue ;; esac
    echo "FAIL symbols: $so exports '$s', which is not an rtfrac_ symbol"
    failed=$((failed + 1))
done

# The rtfrac_ functions declared in each header, as "header name" lines.
: >"$tmp/all.c"
for h in "$@"; do
    printf '#include "%s"\n' "${h#include/}" >>"$tmp/all.c"
done
$CC -std=c11 -E -Iinclude "$tmp/all.c" >"$tmp/all.i" || { echo "symbols: cannot preprocess the headers"; exit 1; }
awk '
/^# [0-9]+ "/ { file = $3; gsub(/"/, "", file); next }
file ~ /^include\// { text[file] = text[file] " " $0 }
END {
    for (f in text) {
        t = text[f]
        while (match(t, /rtfrac_[A-Za-z0-9_]*[ \t]*\(/)) {
            name = substr(t, RSTART, RLENGTH)
            sub(/[ \t]*\($/, "", name)
            before = substr(t, 1, RSTART - 1)
            # a static inline function in a header is not exported
            if (before !~ /static[^;{}]*$/)
                print f, name
            t = substr(t, RSTART + RLENGTH)
        }
    }
}' "$tmp/all.i" | sort -u >"$tmp/declared"

# 2. every declared function is exported
checked=0
while read -r h name; do
    checked=$((checked + 1))
    if ! grep -qx "$name" "$tmp/exported"; then
        echo "FAIL symbols: $name, declared in $h, is not exported by $so (RTFRAC_API missing, or no definition)"
        failed=$((failed + 1))
    fi
done <"$tmp/declared"

# 3. every exported rtfrac_ symbol is declared in a public header
awk '{ print $2 }' "$tmp/declared" >"$tmp/names"
for s in $(grep '^rtfrac_' "$tmp/exported"); do
    if ! grep -qx "$s" "$tmp/names"; then
        echo "FAIL symbols: $so exports '$s', which no public header declares"
        failed=$((failed + 1))
    fi
done

if [ "$failed" -ne 0 ]; then
    echo "symbols: $failed failed"
    exit 1
fi
echo "symbols: $(wc -l <"$tmp/exported" | tr -d ' ') exported, all rtfrac_ and declared; $checked declared functions all exported"
