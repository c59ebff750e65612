# bash completion for rtfrac: subcommands, options, option values and
# preset names (tissues, @schemes, plans, constraint and NTCP sets, isotopes).
# Options come from `rtfrac CMD --list-options`, names from
# `rtfrac presets list KIND --format tsv`, with the --preset-dir options
# already on the command line, so user presets complete too.
# Installed as $(DATADIR)/bash-completion/completions/rtfrac.
# SPDX-License-Identifier: GPL-3.0-or-later

# The ids of the presets of one kind (tissues, schemes, plans, constraints, ntcp, isotopes).
_rtfrac_presets()
{
    local -a dirs=()
    local i
    for ((i = 1; i < ${#_rtfrac_words[@]}; i++)); do
        case ${_rtfrac_words[i]} in
        --preset-dir) dirs+=(--preset-dir "${_rtfrac_words[i + 1]}") ;;
        --preset-dir=*) dirs+=("${_rtfrac_words[i]}") ;;
        esac
    done
    "${_rtfrac_words[0]:-rtfrac}" presets list "$1" --format tsv "${dirs[@]}" 2>/dev/null |
        awk -F '\t' 'NR > 1 { print $1 }'
}

# Complete `cur` from a list of words, each after `prefix` (which the
# completed word keeps: 'hcc,' in '--tissue hcc,li', '@' in '@chh').
_rtfrac_add()
{
    local prefix=$1 cur=$2 w
    shift 2
    for w in "$@"; do
        [[ $prefix$w == "$cur"* ]] && COMPREPLY+=("$prefix$w")
    done
}

_rtfrac()
{
    # Words are split at blanks only: bash's own split also breaks at
    # '=', ':' and '@' (COMP_WORDBREAKS), which preset names contain.
    local line=${COMP_LINE:0:COMP_POINT}
    local -a _rtfrac_words
    read -r -a _rtfrac_words <<< "$line"
    local cur=""
    [[ $line == *[[:space:]] ]] || { cur=${_rtfrac_words[-1]}; unset '_rtfrac_words[-1]'; }
    local n=${#_rtfrac_words[@]} prev=${_rtfrac_words[-1]} cmd=${_rtfrac_words[1]:-}
    COMPREPLY=()

    local cmds="calc batch compare solve table dvh brachy ldr implant gap reirr report presets help"
    if ((n == 1)); then
        _rtfrac_add "" "$cur" $cmds --help --version
    elif [[ $cmd == help ]]; then
        ((n == 2)) && _rtfrac_add "" "$cur" calc batch compare solve table dvh brachy ldr implant gap reirr report presets models
    elif [[ $cmd == presets ]] && [[ $cur != -* ]] && [[ $prev != --* ]]; then
        if ((n == 2)); then
            _rtfrac_add "" "$cur" list show path
        elif ((n == 3)) && [[ $prev == list ]]; then
            _rtfrac_add "" "$cur" tissues schemes plans constraints ntcp isotopes
        elif ((n == 3)) && [[ $prev == show ]]; then
            local k
            for k in tissues schemes plans constraints ntcp isotopes; do
                _rtfrac_add "" "$cur" $(_rtfrac_presets $k)
            done
        fi
    else
        # --opt=value: complete the value, keeping "--opt="
        local opt=$prev keep=""
        if [[ $cur == --*=* ]]; then
            opt=${cur%%=*}
            keep=$opt=
            cur=${cur#*=}
        elif [[ $cur == -* || $prev != -* ]]; then
            opt=""
        fi
        case $opt in --time | --ci | --crossover | --no-header | --help | -h) opt="" ;; esac # they take no value
        local list=""         # a comma list: complete its last item
        [[ $cur == *,* ]] && list=${cur%,*},
        local item=${cur#"$list"}
        local -a vals=()
        local files=0 dirs=0
        case $opt in
        --tissue | --target-tissue | --late-tissue) vals=($(_rtfrac_presets tissues)) ;;
        --plan) vals=($(_rtfrac_presets plans)); files=1 ;;
        --constraints) vals=($(_rtfrac_presets constraints)); files=1 ;;
        --ntcp)
            if [[ $item == *=* ]]; then # STRUCTURE=SET
                list=$list${item%%=*}=
                item=${item#*=}
            fi
            vals=($(_rtfrac_presets ntcp)) ;;
        --structure-tissue)
            [[ $item == *=* ]] || return 0 # the structure name is the user's
            list=$list${item%%=*}=
            item=${item#*=}
            vals=($(_rtfrac_presets tissues)) ;;
        --isotope) vals=($(_rtfrac_presets isotopes)) ;;
        --implant) vals=($(_rtfrac_presets isotopes)) ;; # ISOTOPE:GY: the isotope; the dose is the user's
        --recovery) vals=(doi-2021) ;;
        --recovery-form) vals=(discount tolerance) ;;
        --match) if [[ $cmd == implant ]]; then vals=($(_rtfrac_presets isotopes)); else [[ $item == @* ]] && { list=$list@; item=${item#@}; vals=($(_rtfrac_presets schemes)); }; fi ;;
        --reference | --compare | --rx | --course) [[ $item == @* ]] && { list=$list@; item=${item#@}; vals=($(_rtfrac_presets schemes)); } ;;
        --format)
            case $cmd in
            report) vals=(md html tex csv) ;;
            batch) vals=(csv tsv jsonl) ;;
            *) vals=(text csv tsv json md) ;;
            esac ;;
        --on-error) vals=(stop skip) ;;
        --model) vals=(lq lql usc) ;;
        --quantity) [[ $cmd == table ]] && vals=(eqd2 bed total) || vals=(eqd2 bed both) ;;
        --start) vals=(monday tuesday wednesday thursday friday saturday sunday) ;;
        --dvh-format) vals=(auto generic eclipse oncentra slicerrt raystation tomotherapy onkodicom dicomtools) ;;
        --dose-unit) vals=(Gy cGy) ;;
        --dvh | --output | -o) files=1 ;;
        --preset-dir) dirs=1 ;;
        "")
            if [[ $cur == -* ]]; then
                _rtfrac_add "" "$cur" $("${_rtfrac_words[0]}" "$cmd" --list-options 2>/dev/null)
                return 0
            fi
            # an operand: a scheme after '@' (also LABEL=@NAME), else a file for dvh
            if [[ $cur == *@* ]]; then
                list=${cur%%@*}@
                item=${cur#*@}
                vals=($(_rtfrac_presets schemes))
            elif [[ $cmd == dvh || $cmd == batch ]]; then
                files=1
            fi ;;
        *)
            # an option that takes a value we cannot guess: nothing
            ("${_rtfrac_words[0]}" "$cmd" --list-options 2>/dev/null | grep -qx -- "$opt") && return 0
            [[ $cmd == dvh || $cmd == batch ]] && files=1 ;;
        esac
        _rtfrac_add "$keep$list" "$keep$list$item" "${vals[@]}"
        if ((files)); then
            compopt -o filenames 2>/dev/null
            local f
            while IFS= read -r f; do COMPREPLY+=("$keep$f"); done < <(compgen -f -- "$item")
        elif ((dirs)); then
            local f
            while IFS= read -r f; do COMPREPLY+=("$keep$f"); done < <(compgen -d -- "$item")
        fi
    fi
    [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *[=,@] ]] && compopt -o nospace 2>/dev/null
    # bash puts the reply in place of the part of the word after its last
    # COMP_WORDBREAKS character; strip what comes before it.
    local whole=${COMP_LINE:0:COMP_POINT} word=${COMP_WORDS[COMP_CWORD]:-}
    [[ $whole == *[[:space:]] ]] && return 0
    whole=${whole##*[[:space:]]}
    local strip=${whole%"$word"}
    if [[ -n $strip ]]; then
        local i
        for i in "${!COMPREPLY[@]}"; do
            COMPREPLY[i]=${COMPREPLY[i]#"$strip"}
        done
    fi
    return 0
}

complete -o default -F _rtfrac rtfrac
