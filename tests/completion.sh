#!/bin/sh
# The bash completion script (contrib/completion/rtfrac.bash) completes
# subcommands, options and preset names: each case sets the command line as
# bash would, calls _rtfrac and compares COMPREPLY.  The zsh script is
# checked with `zsh -n` when zsh is installed.
# usage: tests/completion.sh RTFRAC_BINARY
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
unset RTFRAC_PRESET_PATH XDG_CONFIG_HOME
HOME=/nonexistent
export HOME
passed=0 failed=0

# $1: the line before the cursor; $2: the last word as bash splits it
# (after its last COMP_WORDBREAKS character); $3: the expected replies
check() {
    got=$(bash -c '
        . "$1"
        COMP_LINE=$2; COMP_POINT=${#2}
        COMP_WORDS=(x "$3"); COMP_CWORD=1
        _rtfrac
        printf "%s\n" "${COMPREPLY[@]}"' sh "$here/contrib/completion/rtfrac.bash" "$bin $1" "$2" 2>&1 |
        tr '\n' ' ' | sed 's/ $//')
    if [ "$got" = "$3" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL completion: '$1': got '$got', expected '$3'"
        failed=$((failed + 1))
    fi
}

check "c" "c" "calc compare"
check "b" "b" "batch brachy"
check "batch --on" "--on" "--on-error"
check "batch --on-error s" "s" "stop skip"
check "batch --format j" "j" "jsonl"
check "calc --format j" "j" "json"
check "help m" "m" "models"
check "calc --ti" "--ti" "--tissue --time"
check "calc --tissue li" "li" "liver liver-hepatitis-son"
check "calc --tissue hcc,li" "hcc,li" "hcc,liver hcc,liver-hepatitis-son"
check "calc --tissue=li" "li" "liver liver-hepatitis-son"
check "calc @chhip-6" "chhip-6" "chhip-60-20"
check "calc PTV=@chhip-6" "chhip-6" "chhip-60-20"
check "calc --time @chhip-6" "chhip-6" "chhip-60-20"
check "calc 55/22 --ab " "" ""
check "calc --plan hcc" "hcc" "hcc-sib-55-44"
check "solve --constraints quantec-l" "quantec-l" "quantec-liver"
check "brachy --rem" "--rem" "--remaining"
check "brachy --ebrt-" "--ebrt-" "--ebrt-oar-ratio"
check "brachy --imp" "--imp" "--implant"
check "brachy --boost" "--boost" "--boost-oar-ratio"
check "brachy --implant i" "i" "i-125 ir-192"
check "brachy --constraints quantec-c" "quantec-c" "quantec-conventional"
check "re" "re" "reirr report"
check "reirr --recovery-form t" "t" "tolerance"
check "reirr --recovery d" "d" "doi-2021"
check "reirr --constraints nieder" "nieder" "nieder-2006-spinal-cord-reirr"
check "reirr --course @chhip-6" "@chhip-6" "@chhip-60-20"
check "dvh x.csv --ntcp Liver=liver-r" "liver-r" "liver-rild-metastases-dawson liver-rild-primary-dawson"
check "dvh x.csv --structure-tissue Liver=liv" "liv" "liver liver-hepatitis-son"
check "presets show quantec-c" "quantec-c" "quantec-conventional"
check "presets list c" "c" "constraints"
check "calc --model l" "l" "lq lql"
check "report --format t" "t" "tex"
check "implant --isotope c" "c" "cs-131"
check "implant --match i" "i" "i-125 ir-192"
check "solve 60/30 --match @chhip-6" "chhip-6" "chhip-60-20"
check "l" "l" "ldr"
check "presets list i" "i" "isotopes"
check "g" "g" "gap"
check "gap --late-t" "--late-t" "--late-tissue --late-tolerance"
check "gap --late-tissue spinal-c" "spinal-c" "spinal-cord spinal-cord-cervical"
check "gap --rx @chhip-60" "@chhip-60" "@chhip-60-20"
check "calc --preset-dir $here/tests/cli/fixtures/user-presets --tissue " "" \
      "$(HOME=/nonexistent "$bin" presets list tissues --format tsv --preset-dir "$here/tests/cli/fixtures/user-presets" | awk -F '\t' 'NR > 1 { print $1 }' | tr '\n' ' ' | sed 's/ $//')"

bash -n "$here/contrib/completion/rtfrac.bash" || { echo "FAIL completion: bash -n"; failed=$((failed + 1)); }
if command -v zsh >/dev/null 2>&1; then
    zsh -n "$here/contrib/completion/_rtfrac" && passed=$((passed + 1)) ||
        { echo "FAIL completion: zsh -n"; failed=$((failed + 1)); }
else
    echo "completion: zsh not installed, its script is not checked"
fi
echo "completion: $passed passed, $failed failed"
[ $failed = 0 ]
