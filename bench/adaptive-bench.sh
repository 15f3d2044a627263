#!/usr/bin/env bash
# Issue 13 efficiency benchmark: trial tokens an adaptive sweep needs to reach a CMR interval width of 0.02 per
# size versus a fixed 6-ratio grid adding seeds round by round, on simulated sweeps from known truths, and the
# coverage of the reported 95 % intervals. Drives the coordinator's planner (fit-engine AdaptivePlanner) directly.
# Usage: bench/adaptive-bench.sh [truths=50] [threads=2] [noise...=1e-5 1e-4]; results go to stdout (tee them
# into bench/results/adaptive-bench.txt); a running summary follows every sweep, so a stopped run still reports.
# Options as JVM flags in ADAPTIVE_BENCH_OPTS: -Dinitial=3 (initial ratios per size), -Dbatch=2 (cells per round),
# -Dtarget=0.02 (width), -Dpredict=1e10 (aim at the CMR predicted there from 3 sizes, logit-linear truths),
# -Dbudgets=0.5,1 (the adaptive sweep's candidate token budgets as shares of the full one, adaptive.stopAt),
# -Dfirst=0 (first truth), -Dverbose=true (every round's widths and choices). 50 truths at both noises take about
# 13 minutes on 2 quiet cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
truths="${1:-50}"
threads="${2:-2}"
shift $(( $# > 2 ? 2 : $# ))
if [[ $# -gt 0 ]]; then noises=("$@"); else noises=(1e-5 1e-4); fi
cp_file="$(mktemp)"
mvn -B -q -ntp -pl bench/fit -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$cp_file"
cp="bench/fit/target/bench-fit.jar:$(cat "$cp_file")"
rm -f "$cp_file"
# shellcheck disable=SC2086 # the options are separate flags
exec nice -n 5 java -XX:+UseSerialGC ${ADAPTIVE_BENCH_OPTS:-} -cp "$cp" io.cmrsweep.bench.fit.AdaptiveBench "$truths" "${noises[@]}" "$threads"
