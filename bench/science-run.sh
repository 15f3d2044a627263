#!/usr/bin/env bash
# Issue 12 part 5, the paper's finding on real text: does the CMR grow with model size? Runs the sweep of
# bench/science/size-study.yaml (3 model sizes x legal and computing x 6 ratios x 3 seeds, 111 trials; about
# 50 minutes on a quiet 2-core machine), fits it with the bootstrap and prints the table of
# bench/results/science-size-study.md. Re-running resumes the sweep.
# Usage: bench/science-run.sh [spec=bench/science/size-study.yaml]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
spec="${1:-bench/science/size-study.yaml}"
mvn -B -q -ntp -DskipTests package
cache="${CMR_CACHE:-$HOME/.cache/cmr-sweep}"
bin/fetch-corpora --dir "$cache/corpora"
mkdir -p cmr-data
ln -sfn "$cache/corpora" cmr-data/corpora
bin/cmr sweep "$spec"
bin/cmr fit "$spec"
sweep="$(sed -n 's/^sweep: *\([A-Za-z0-9_.-]*\).*/\1/p' "$spec")"
python3 bench/scripts/science_table.py "cmr-data/$sweep/fits"
