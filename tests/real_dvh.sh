#!/bin/sh
# Reads each real DVH export of ../shared/data/dvh (relative to the
# repository root; see its INDEX.md) with the library, through
# build/tests/real_dvh, and compares each structure's mean, minimum, maximum
# and volume with the statistics the file's own header states, to the file's
# dose resolution.  Files without header statistics get INDEX.md's computed
# checks or another system's statistics as extra checks.  Files the readers
# cannot read yet are listed as expected refusals with the reason.  Skipped,
# with a message, when ../shared/data/dvh is absent: the real files stay
# outside the repository.
# usage: tests/real_dvh.sh PROGRAM
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
prog=$1
dir=../shared/data/dvh
if [ ! -d "$dir" ]; then
    echo "real-dvh: skipped, $dir is absent"
    exit 0
fi
passed=0 failed=0

# read [-u UNIT] FILE [CHECK...]: read, every check holds
read_ok() {
    unit=
    if [ "$1" = -u ]; then unit=$2; shift 2; fi
    f=$1; shift
    if out=$("$prog" ${unit:+-u "$unit"} "$dir/$f" "$@"); then
        passed=$((passed + 1))
        echo "real-dvh: $f: $(echo "$out" | tail -1)"
    else
        failed=$((failed + 1))
        echo "real-dvh: FAIL $f"; echo "$out" | grep -E 'FAIL|refused'
    fi
}

# refused FILE FRAGMENT WHY: refused for now, with a message containing FRAGMENT
refused() {
    out=$("$prog" "$dir/$1"); rc=$?
    if [ $rc = 2 ] && echo "$out" | grep -qF -- "$2"; then
        passed=$((passed + 1))
        echo "real-dvh: $1: refused as expected ($3)"
    else
        failed=$((failed + 1))
        echo "real-dvh: FAIL $1: expected a refusal containing '$2', got:"; echo "$out" | tail -3
    fi
}

read_ok eclipse/radonc_John_Doe.dvh.txt
read_ok eclipse/radonc_Jane_Doe.dvh.txt
read_ok eclipse/gregsal_PlanEvaluation_DVH_Data_Feb_14_2018.dvh.txt
read_ok eclipse/gregsal_PyUtilities_PlanSum_vs_Original_Abbreviated.txt
read_ok eclipse/oncosharp_CDVH_HN1.txt
read_ok eclipse/oncosharp_DDVH_HN1.txt
read_ok eclipse/dicomautomaton_tabular_dvh_purely_absolute.txt
# no statistics in the file: the first and last rows (INDEX.md)
read_ok oncentra/omp_brachy_gyn_JaneDoe.txt 'Cervix|max|28.258|0.071' 'Bladder|max|12.993|0.071' \
    'Rectum|max|8.449|0.071'
# INDEX.md's computed checks: PTV max 6284.175 cGy, mean about 5644.3 cGy; Heart max 18.985 cGy
read_ok raystation/kaleywhite_example_raystation.dvh 'PTV|max|62.84175|0.02' 'PTV|mean|56.443|0.05' \
    'Heart|max|0.18985|0.01'
# SlicerRT's own metrics of the same curves (EclipseProstate_DvhMetrics_SlicerRT.csv), 0.2 Gy bins
read_ok slicerrt/EclipseProstate_DvhTable_SlicerRT.csv 'PTV|mean|45.88|0.1' 'PTV|min|44.4932|0.2' \
    'PTV|max|46.2852|0.2' 'Rectum|mean|39.1106|0.1' 'Rectum|max|45.8445|0.2' 'Bladder|mean|45.9069|0.1' \
    'Bladder|max|46.9844|0.2'

refused slicerrt/EclipseProstate_DvhTable_Eclipse.csv "dose 0.00035604 Gy is below 35.558 Gy" \
    "row 776 is corrupt in every column: a damaged file, refused"
refused slicerrt/EclipseProstate_DvhMetrics_SlicerRT.csv "SlicerRT DVH metrics table" "statistics, no curves"
# INDEX.md's computed checks (% volume, one dose axis per structure)
read_ok tomotherapy/kaleywhite_example_tomo.csv 'PTV 7000|mean|71.25|0.01' 'GTV|mean|71.36|0.01' \
    'Lung_L|mean|4.49|0.01' 'BRAINSTEM|mean|9.61|0.01' 'GTV|max|72.836|0.02' 'SpinalCord_PRV05|max|46.848|0.2'
# no statistics in the file; its own cells: gtv 100 % up to 41.9 Gy, 99.94 % at 42 Gy, 0.03 % at 43.8 Gy, 0 from 43.9 Gy
read_ok onkodicom/onkodicom_DVH_c2e419db.csv 'gtv|max|43.9|0.1' 'gtv|min|41.9|0.1'
# no dose unit in the file: refused without one, read with Gy (WriteDVH's documentation)
refused dicomtools_writedvh/wjcheon_lung_sbrt_dvh.csv "does not state its dose unit" \
    "no dose unit in the file: --dose-unit Gy|cGy"
# round-off tails (5.55e-14 %) are below the noise floor: the cord's maximum is about 6.3 Gy, not the axis end 55.8
read_ok -u Gy dicomtools_writedvh/wjcheon_lung_sbrt_dvh.csv 'Cord|max|6.3|0.1'
# the nominal plan and two uncertainty scenarios of one structure (INDEX.md computed means)
read_ok eclipse/dicomautomaton_tabular_dvh_plan_uncertainty.txt 'SpinalCanal@U1 X:+0.20cm|mean|0.867|0.002' \
    'SpinalCanal@U2 X:-0.20cm|mean|0.841|0.002'

echo "real-dvh: $passed passed, $failed failed"
[ "$failed" = 0 ]
