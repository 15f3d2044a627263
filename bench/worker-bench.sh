#!/usr/bin/env bash
# Training throughput and peak memory of the worker's model sizes: DJL (this project) beside the same model,
# batch and optimizer in PyTorch eager (Debian's python3-torch), interleaved in the same run so that CPU
# contention hits both alike. Also model FLOP utilisation: 6 * params * tokens/s against the CPU's peak.
# Usage: bench/worker-bench.sh [sizes] [threads] [batch]      e.g. bench/worker-bench.sh "m0 m1 m2" 1 16
# Needs: mvn -pl worker -am package; apt-get install -y python3-torch. Output: bench/results/worker-bench.{jsonl,md}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${1:-m0 m1 m2}"
threads="${2:-1}"
batch="${3:-16}"
python="${TORCH_PYTHON:-/usr/bin/python3}"
"$python" -c "import torch" 2>/dev/null || { echo "worker-bench: $python lacks torch; apt-get install -y python3-torch" >&2; exit 2; }
jar="$root/worker/target/worker.jar"
[[ -f "$jar" ]] || { echo "worker-bench: build first: mvn -B -pl worker -am package -DskipTests" >&2; exit 2; }
text="${CMR_CACHE:-$HOME/.cache/cmr-sweep}/corpora/brown/train.txt"
[[ -f "$text" ]] || text=""
out="$root/bench/results"
mkdir -p "$out"
jsonl="$out/worker-bench.jsonl"
: > "$jsonl"
cache="${CMR_CACHE:-$HOME/.cache/cmr-sweep}"
declare -A warm=([m0]=5 [m1]=3 [m2]=2) steps=([m0]=40 [m1]=20 [m2]=8)
for size in $sizes; do
  for rep in 1 2; do
    OPT_OUT_TRACKING=true java -XX:+UseSerialGC -Xmx1g -Dai.djl.offline=true "-DDJL_CACHE_DIR=$cache/djl" \
      -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
      -cp "$jar" io.cmrsweep.worker.bench.TrainBench "$size" "$batch" "${warm[$size]}" "${steps[$size]}" $text \
      | grep '^{' | sed "s/}\$/,\"rep\":$rep}/" | tee -a "$jsonl"
    OMP_NUM_THREADS="$threads" "$python" "$root/bench/scripts/torch_train.py" "$size" "$batch" "${warm[$size]}" \
      "${steps[$size]}" "$threads" $text | sed "s/}\$/, \"rep\": $rep}/" | tee -a "$jsonl"
  done
done
# Peak FP32 FLOP/s per core: AVX2 + 2 FMA units = 2 x 8 lanes x 2 flops = 32 flops/cycle (no AVX-512 here).
mhz=$(awk -F: '/cpu MHz/ {print $2; exit}' /proc/cpuinfo | tr -d ' ')
flags=$(grep -m1 '^flags' /proc/cpuinfo)
per_cycle=32; [[ "$flags" == *avx512f* ]] && per_cycle=64
"$python" - "$jsonl" "$mhz" "$per_cycle" "$threads" > "$out/worker-bench.md" <<'PY'
import json, sys, statistics
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
mhz, per_cycle, threads = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
peak = mhz * 1e6 * per_cycle * threads
print(f"CPU peak FP32 assumed: {peak/1e9:.1f} GFLOP/s ({threads} thread(s) x {mhz:.0f} MHz x {per_cycle} flop/cycle)\n")
print("| size | params | DJL tok/s | PyTorch tok/s | DJL/PyTorch | DJL peak RSS MB | PyTorch peak RSS MB | DJL MFU | PyTorch MFU |")
print("|---|---|---|---|---|---|---|---|---|")
for size in dict.fromkeys(r["size"] for r in rows):
    d = [r for r in rows if r["size"] == size and r["impl"] == "djl"]
    p = [r for r in rows if r["size"] == size and r["impl"] == "pytorch"]
    dt = statistics.median(r["tokens_per_s"] for r in d); pt = statistics.median(r["tokens_per_s"] for r in p)
    n = d[0]["params"]
    print(f"| {size} | {n:,} | {dt:,.0f} | {pt:,.0f} | {dt/pt:.2f} | {max(r['peak_rss_kb'] for r in d)/1024:.0f} | "
          f"{max(r['peak_rss_kb'] for r in p)/1024:.0f} | {6*n*dt/peak:.1%} | {6*n*pt/peak:.1%} |")
print(f"\nMedian of {len(d)} interleaved runs per implementation; batch {d[0]['batch']} x context {d[0]['context']}; "
      f"PyTorch {p[0].get('torch')}.")
PY
cat "$out/worker-bench.md"
