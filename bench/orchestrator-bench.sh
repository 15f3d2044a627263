#!/usr/bin/env bash
# Coordinator benchmark: plan and schedule a 10,010-trial grid on a launcher whose trials finish
# instantly (per-trial overhead, target < 5 ms), then resume the ledger of a sweep crashed half-way
# (target < 2 s), in the same JVM and in a fresh one. Usage: bench/orchestrator-bench.sh [work-dir] [domains]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar="$(ls orchestrator/target/orchestrator-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n1 || true)"
if [[ -z "$jar" || ! -d orchestrator/target/lib ]]; then
  mvn -B -q -ntp -pl orchestrator -am package -DskipTests
  jar="$(ls orchestrator/target/orchestrator-*.jar | grep -v -e sources -e tests | head -n1)"
fi
work="${1:-$(mktemp -d -t cmr-bench-XXXXXX)}"
echo "work dir: $work"
cp="$jar:orchestrator/target/lib/*"
java -cp "$cp" io.cmrsweep.orchestrator.bench.SchedulerBench "$work" "${2:-10}"
# The same crashed ledger resumed by a fresh JVM with bin/cmr's JVM options, timed from the outside
# including JVM start-up.
t0=$(date +%s%N)
java ${CMR_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -cp "$cp" io.cmrsweep.orchestrator.bench.SchedulerBench resume "$work" "${2:-10}"
t1=$(date +%s%N)
echo "cold resume wall time including JVM start: $(( (t1 - t0) / 1000000 )) ms (target < 2000 ms)"
