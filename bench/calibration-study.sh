#!/usr/bin/env bash
# The real-data calibration study (issue 12): fits each seed of a many-seed sweep alone and pooled, and sets the
# seed-to-seed spread of the CMR against the interval each single-seed fit reports under every resampling mode.
# Usage: bench/calibration-study.sh <losses dir> [replicates=200] [threads=2] [modes=checkpoint,residual,wild,block]
# The sweep: bench/calibration/study.yaml (the quickstart grid with seeds 1..6). Results: bench/results/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
losses="${1:?usage: bench/calibration-study.sh <losses dir> [replicates] [threads] [modes]}"
cp_file="$(mktemp)"
mvn -B -q -pl bench/fit -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$cp_file"
cp="bench/fit/target/bench-fit.jar:$(cat "$cp_file")"
rm -f "$cp_file"
java -XX:+UseSerialGC -cp "$cp" io.cmrsweep.bench.fit.SeedCalibrationStudy "$losses" "${2:-200}" "${3:-2}" \
  "${4:-checkpoint,residual,wild,block}"
