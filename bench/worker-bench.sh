#!/usr/bin/env bash
# Training throughput and peak memory of the worker's model sizes: DJL (this project) beside the same model,
# batch and optimizer in PyTorch eager (Debian's python3-torch), interleaved in the same run so that CPU
# contention hits both alike. Also model FLOP utilisation: 6 * params * tokens/s against the CPU's peak.
# Usage: bench/worker-bench.sh [sizes] [threads] [batch]      e.g. bench/worker-bench.sh "m0 m1 m2" 1 16
# Needs: mvn -pl bench/worker -am package; apt-get install -y python3-torch. Output: bench/worker/results/worker-bench.{jsonl,md}
# Debian's torch 1.13 is built with BLAS_INFO=generic and the default libblas.so.3 is the reference BLAS, which
# makes its matmuls several times slower than any tuned BLAS. Unless TORCH_BLAS=reference, the PyTorch side runs
# with Debian's OpenBLAS (apt-get download libopenblas0-pthread=0.3.21+ds-4, sha256-checked, unpacked into the
# cache, put first on LD_LIBRARY_PATH for that process only; nothing is installed system-wide).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${1:-m0 m1 m2}"
threads="${2:-1}"
batch="${3:-16}"
python="${TORCH_PYTHON:-/usr/bin/python3}"
"$python" -c "import torch" 2>/dev/null || { echo "worker-bench: $python lacks torch; apt-get install -y python3-torch" >&2; exit 2; }
# The benchmark (bench/worker) beside worker.jar, whose manifest puts worker/target/lib/ on the class path.
jar="$root/bench/worker/target/bench-worker.jar:$root/worker/target/worker.jar"
[[ -f "$root/worker/target/worker.jar" && -f "$root/bench/worker/target/bench-worker.jar" ]] \
  || { echo "worker-bench: build first: mvn -B -pl bench/worker -am package -DskipTests" >&2; exit 2; }
text="${CMR_CACHE:-$HOME/.cache/cmr-sweep}/corpora/brown/documents.jsonl"   # only a source of byte ids
[[ -f "$text" ]] || text=""
out="$root/bench/worker/results"
mkdir -p "$out"
jsonl="$out/worker-bench.jsonl"
: > "$jsonl"
cache="${CMR_CACHE:-$HOME/.cache/cmr-sweep}"
blas_path=""
if [[ "${TORCH_BLAS:-openblas}" == openblas ]]; then
  ob="$cache/openblas"; deb="libopenblas0-pthread_0.3.21+ds-4_amd64.deb"
  mkdir -p "$ob"
  if [[ ! -f "$ob/root/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3" ]]; then
    (cd "$ob" && { [[ -f "$deb" ]] || apt-get download -q libopenblas0-pthread=0.3.21+ds-4 >/dev/null; } \
      && echo "4f7e4561dbfa9286c671c91350204fbda7afad675500e59cd4a56f84604844f8  $deb" | sha256sum -c --quiet - \
      && dpkg-deb -x "$deb" root)
  fi
  blas_path="$ob/root/usr/lib/x86_64-linux-gnu/openblas-pthread"
fi
declare -A warm=([m0]=5 [m1]=3 [m2]=2) steps=([m0]=40 [m1]=20 [m2]=8)
for size in $sizes; do
  for rep in 1 2; do
    OPT_OUT_TRACKING=true java -XX:+UseSerialGC -Xmx1g -Dai.djl.offline=true "-DDJL_CACHE_DIR=$cache/djl" \
      -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
      -cp "$jar" io.cmrsweep.bench.worker.TrainBench "$size" "$batch" "${warm[$size]}" "${steps[$size]}" $text \
      | grep '^{' | sed "s/}\$/,\"rep\":$rep}/" | tee -a "$jsonl"
    LD_LIBRARY_PATH="$blas_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="$threads" \
      OMP_NUM_THREADS="$threads" "$python" "$root/bench/scripts/torch_train.py" "$size" "$batch" "${warm[$size]}" \
      "${steps[$size]}" "$threads" $text | sed "s/}\$/, \"rep\": $rep}/" | tee -a "$jsonl"
  done
done
# Peak FP32 FLOP/s per core: 2 FMA pipes x 8 lanes (256-bit) x 2 flops = 32 flops/cycle. AMD Zen 4 (family 25)
# runs AVX-512 on 256-bit pipes, so it stays 32; full-width AVX-512 (Intel, or AMD family >= 26) doubles it.
mhz=$(awk -F: '/cpu MHz/ {print $2; exit}' /proc/cpuinfo | tr -d ' ')
flags=$(grep -m1 '^flags' /proc/cpuinfo)
vendor=$(awk -F: '/vendor_id/ {print $2; exit}' /proc/cpuinfo | tr -d ' ')
family=$(awk -F: '/cpu family/ {print $2; exit}' /proc/cpuinfo | tr -d ' ')
per_cycle=32
if [[ "$flags" == *avx512f* ]] && { [[ "$vendor" != AuthenticAMD ]] || (( family >= 26 )); }; then per_cycle=64; fi
"$python" - "$jsonl" "$mhz" "$per_cycle" "$threads" "${TORCH_BLAS:-openblas}" > "$out/worker-bench.md" <<'PY'
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
      f"PyTorch {p[0].get('torch')} (Debian python3-torch) with {sys.argv[5]} BLAS.")
PY
cat "$out/worker-bench.md"
