#!/usr/bin/env bash
# Benchmarks the CMR fitting engine against SciPy on one core, in the same run.
# Usage: bench/fit-bench.sh [seconds-per-measurement=3] [calibration]
#   calibration: also runs the 200-sweep coverage study (CalibrationStudy; several minutes).
# Needs Java 17, Maven, python3 with numpy and scipy (fresh machine: apt-get install -y python3-scipy).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-3}"
python3 -c 'import scipy, numpy' 2>/dev/null || {
  echo "SciPy is missing: apt-get install -y python3-scipy" >&2; exit 3; }
cp_file="$(mktemp)"
# One reactor run: bench/fit's classpath lists the freshly packaged fit-job jar, fit-engine and its test-jar (synthetic sweeps)
# and core (bench/fit is the last module, so its classpath is the one written last).
mvn -B -q -pl bench/fit -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$cp_file"
cp="bench/fit/target/bench-fit.jar:$(cat "$cp_file")"
rm -f "$cp_file"
# taskset pins the JVM (and the SciPy child) to one core where available, so figures are per core.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
"${pin[@]}" java -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -cp "$cp" io.cmrsweep.bench.fit.FitBench "$seconds" python3
if [[ "${2:-}" == "calibration" ]]; then
  "${pin[@]}" java -XX:+UseSerialGC -cp "$cp" io.cmrsweep.bench.fit.CalibrationStudy 200 200 5e-5 0.90
fi
