#!/usr/bin/env bash
# Leave-largest-out validation of the CMR size law (issue 13 part 2): simulated sweeps over five sizes from a
# known truth (fit-engine's io.cmrsweep.fit.truth), fit on the four smaller, predict the largest and two sizes up.
# Usage: bench/size-bench.sh [sweeps=100] [replicates=200] [noise=1e-5] [threads=2]
# Writes bench/results/size-extrapolation.txt and size-extrapolation.csv (per sweep, form and target).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cp_file="$(mktemp)"
mvn -B -q -o -pl bench/fit -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$cp_file"
cp="bench/fit/target/bench-fit.jar:$(cat "$cp_file")"
rm -f "$cp_file"
mkdir -p bench/results
java -XX:+UseParallelGC -cp "$cp" io.cmrsweep.bench.fit.SizeExtrapolationStudy "${1:-100}" "${2:-200}" "${3:-1e-5}" \
  "${4:-2}" bench/results/size-extrapolation.csv | tee bench/results/size-extrapolation.txt
