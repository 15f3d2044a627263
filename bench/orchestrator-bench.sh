#!/usr/bin/env bash
# Coordinator benchmark: plan and schedule a 10,010-trial grid on a launcher whose trials finish
# instantly (per-trial overhead, target < 5 ms), then resume the ledger of a sweep crashed half-way
# (target < 2 s), in the same JVM and in a fresh one. Usage: bench/orchestrator-bench.sh [work-dir] [domains]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The benchmark (bench/orchestrator), the cmr jar with its lib/, and the orchestrator's test-jar, which holds the
# launcher whose trials finish instantly.
jars() {
  ls bench/orchestrator/target/bench-orchestrator.jar orchestrator/target/orchestrator-*.jar 2>/dev/null \
    | grep -v -e '-sources\.jar$' | tr '\n' ':'
}
if [[ "$(jars | tr ':' '\n' | grep -c .)" != 3 || ! -d orchestrator/target/lib ]]; then
  mvn -B -q -ntp -pl bench/orchestrator -am package -DskipTests
fi
work="${1:-$(mktemp -d -t cmr-bench-XXXXXX)}"
echo "work dir: $work"
cp="$(jars)orchestrator/target/lib/*"
java -cp "$cp" io.cmrsweep.bench.orchestrator.SchedulerBench "$work" "${2:-10}"
# The same crashed ledger resumed by a fresh JVM with bin/cmr's JVM options, timed from the outside
# including JVM start-up.
t0=$(date +%s%N)
java ${CMR_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -cp "$cp" io.cmrsweep.bench.orchestrator.SchedulerBench resume "$work" "${2:-10}"
t1=$(date +%s%N)
echo "cold resume wall time including JVM start: $(( (t1 - t0) / 1000000 )) ms (target < 2000 ms)"
