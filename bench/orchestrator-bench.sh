#!/usr/bin/env bash
# Coordinator benchmark: plan and schedule a 10,010-trial grid on a launcher whose trials finish
# instantly (per-trial overhead, target < 5 ms), then resume the ledger of a sweep crashed half-way
# (target < 2 s). Usage: bench/orchestrator-bench.sh [work-dir] [domains]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar="$(ls orchestrator/target/orchestrator-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n1 || true)"
if [[ -z "$jar" || ! -d orchestrator/target/lib ]]; then
  mvn -B -q -ntp -pl orchestrator -am package -DskipTests
  jar="$(ls orchestrator/target/orchestrator-*.jar | grep -v -e sources -e tests | head -n1)"
fi
work="${1:-$(mktemp -d -t cmr-bench-XXXXXX)}"
echo "work dir: $work"
exec java -cp "$jar:orchestrator/target/lib/*" io.cmrsweep.orchestrator.bench.SchedulerBench "$work" "${2:-10}"
