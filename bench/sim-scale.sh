#!/usr/bin/env bash
# Scale of the simulated backend: a 10,000-trial simulated sweep end to end on this machine (4 model sizes x
# 7 domains x 17 ratios x 21 seeds = 9,996 CPT trials + 4 pre-training trials), through the real CLI:
# cmr plan, cmr sweep, the Spark fit (cmr fit --no-report, local[2]), cmr report. Prints the wall time of each
# stage (JVM start included) and the fit's estimate beside the truth.
# Usage: bench/sim-scale.sh [work-dir] [bootstrap]   (results: bench/results/sim-scale.txt when run as below)
#   nice -n 5 bench/sim-scale.sh "$(mktemp -d)" 50 | tee bench/results/sim-scale.txt
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
if ! ls orchestrator/target/orchestrator-*.jar >/dev/null 2>&1 || [[ ! -d orchestrator/target/lib ]] \
    || [[ ! -f fit-job/target/fit-job.jar ]] || [[ ! -x spark-home/bin/spark-submit ]]; then
  mvn -B -q -ntp -pl orchestrator,fit-job,spark-home -am package -DskipTests
fi
work="${1:-$(mktemp -d -t cmr-sim-scale-XXXXXX)}"
bootstrap="${2:-50}"
mkdir -p "$work"
rm -rf "$work/data"
spec="$work/sim-scale.yaml"
cat > "$spec" <<YAML
sweep: sim-scale
storage: {root: $work/data}
corpora: {domains: [d1, d2, d3, d4, d5, d6, d7]}
models:
  - {label: m85m, dim: 768, layers: 12, heads: 12, ffnDim: 2048, context: 1024}
  - {label: m309m, dim: 1024, layers: 24, heads: 16, ffnDim: 2816, context: 1024}
  - {label: m1b, dim: 2048, layers: 24, heads: 16, ffnDim: 5632, context: 1024}
  - {label: m3b, dim: 3072, layers: 28, heads: 24, ffnDim: 8192, context: 1024}
cpt:
  ratios: [0.03, 0.05, 0.08, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9]
  tokens: 2000000000
  batchSize: 64
seeds: [$(seq -s, 1 21)]
fit: {bootstrap: $bootstrap, master: "local[2]"}
execution:
  backend: simulated
  parallelism: 64
  retry: {maxAttempts: 5, initialBackoff: 10ms, maxBackoff: 100ms}
  simulation: {noise: 1.0e-5, seed: 1, failureRate: 0.01}
YAML
stage() {
  local name="$1"
  shift
  local t0 t1
  t0=$(date +%s%N)
  "$@" > "$work/$name.out" 2> "$work/$name.err"
  t1=$(date +%s%N)
  printf '%-8s %8.1f s   (%s)\n' "$name" "$(( (t1 - t0) / 1000000 ))e-3" "$*" | sed "s|$home/||g"
}
echo "sim-scale: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), work dir $work, bootstrap $bootstrap"
stage plan bin/cmr plan "$spec"
head -2 "$work/plan.out" | tail -1
stage sweep bin/cmr sweep "$spec"
tail -1 "$work/sweep.out"
echo "ledger events: $(grep -c 'Reconciler' "$work/sweep.err" || true) log lines; retried trials: \
$(grep -c 'launching attempt 2' "$work/sweep.err" || true)"
stage fit bin/cmr fit --no-report "$spec"
stage report bin/cmr report "$spec"
tail -1 "$work/report.out"
echo "estimate vs truth (first rows of the cmr fit printout):"
sed -n '/estimated vs true CMR/,$p' "$work/fit.out" | head -12
echo "largest |error| over all groups: $(sed -n '/estimated vs true CMR/,$p' "$work/fit.out" \
  | awk 'NR > 2 && $NF == "ok" {e = $(NF-1); if (e < 0) e = -e; if (e > m) m = e} END {printf "%.3g", m}')"
