#!/usr/bin/env bash
# Memory of a CPT trial against the size of its corpus: the same trial (byte tokenizer, the same base, model,
# domain corpus, steps and held-out windows) once with a general corpus of 2 MB of text and once with one of
# GB text (its prepared token shards hold 2 bytes per byte of text, so 1.1 GB of text is 2.2 GB of shards).
# The text is the bundled corpora (Brown, SPDX, FOLDOC) repeated, each copy's documents prefixed with the copy
# number so that no two documents are equal. Each corpus is prepared first (bin/worker prepare, not measured);
# then bin/worker run is measured: peak RSS (VmHWM, and /usr/bin/time's maximum RSS), and the peaks of RssAnon
# (heap, native allocations) and RssFile (mapped files: jars, libtorch, token shards) sampled every 0.1 s.
# Usage: bench/memory-bench.sh [GB of text, default 1.1] [--keep]   (run it niced: nice -n 5 bench/memory-bench.sh)
# Needs: bin/fetch-corpora, mvn -B -pl worker -am package -DskipTests
# Output: bench/results/memory-bench.{jsonl,md}; the large corpus and its shards are deleted unless --keep.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gb="${1:-1.1}"
keep="${2:-}"
cache="${CMR_CACHE:-$HOME/.cache/cmr-sweep}"
work="${MEMORY_BENCH_DIR:-$cache/memory-bench}"
python=/usr/bin/python3
[[ -f "$cache/corpora/computing/documents.jsonl" ]] || { echo "memory-bench: run bin/fetch-corpora first" >&2; exit 2; }
[[ -f "$root/worker/target/worker.jar" ]] || { echo "memory-bench: build first: mvn -B -pl worker -am package -DskipTests" >&2; exit 2; }
mkdir -p "$work"
out="$root/bench/results"
mkdir -p "$out"

# general text: small (2 MB) and large ($gb GB); domain text: FOLDOC as it is (5 MB)
"$python" - "$cache/corpora" "$work" "$gb" <<'PY'
import json, os, shutil, sys
src, work, gb = sys.argv[1], sys.argv[2], float(sys.argv[3])
docs = [json.loads(l)["text"] for c in ("brown", "legal", "computing") for l in open(f"{src}/{c}/documents.jsonl")]
def write(dir, limit, shard_bytes):
    if os.path.exists(f"{dir}/.done"):
        return
    os.makedirs(dir, exist_ok=True)
    total, copy, shard, f, in_shard = 0, 0, 0, None, 0
    while total < limit:
        for d in docs:
            if f is None or in_shard >= shard_bytes:
                if f: f.close()
                f = open(f"{dir}/part-{shard:03d}.jsonl", "w", encoding="utf-8"); shard += 1; in_shard = 0
            text = f"({copy}) {d}"
            f.write(json.dumps({"text": text}) + "\n")
            n = len(text.encode("utf-8")); total += n; in_shard += n
            if total >= limit: break
        copy += 1
    f.close()
    open(f"{dir}/.done", "w").close()
write(f"{work}/text-small", 2_000_000, 1 << 40)
write(f"{work}/text-large", int(gb * 1e9), 200_000_000)
os.makedirs(f"{work}/text-domain", exist_ok=True)
if not os.path.exists(f"{work}/text-domain/foldoc.jsonl"):
    shutil.copy(f"{src}/computing/documents.jsonl", f"{work}/text-domain/foldoc.jsonl")
PY

spec() { # kind general-name general-glob tokens base lossfile
  cat <<JSON
{"identity": {"sweep": "memory-bench", "trialId": "$1-$2", "kind": "$1", "attempt": 1},
 "model": {"label": "s117k", "dim": 64, "layers": 2, "heads": 4, "ffnDim": 176, "context": 128, "vocab": 256},
 "data": {"corporaDir": "$work/corpora", "generalCorpus": "$2", "domain": "$([[ $1 == CPT ]] && echo domain)",
   "ratio": $([[ $1 == CPT ]] && echo 0.5 || echo 0), "validationTokens": 32768, "tokenizer": "byte",
   "corpora": [{"name": "$2", "files": ["$3"], "format": "jsonl", "field": "text"},
               {"name": "domain", "files": ["$work/text-domain/*.jsonl"], "format": "jsonl", "field": "text"}]},
 "training": {"seed": 1, "tokens": $4, "batchSize": 16, "peakLr": $([[ $1 == CPT ]] && echo 0.0003 || echo 0.003),
   "warmupTokens": 20480, "evalTokens": []},
 "paths": {"baseCheckpoint": "$5", "workDir": "", "lossFile": "$6"},
 "runtime": {"threads": 1}}
JSON
}
specs="$work/specs"
mkdir -p "$specs"
if [[ ! -f "$work/base/config.json" ]]; then
  echo "memory-bench: pre-training a small base (byte tokens, 200k tokens of the small corpus)"
  spec PRETRAIN small "$work/text-small/*.jsonl" 200000 "$work/base" "" > "$specs/pretrain.json"
  "$root/bin/worker" run --spec "$specs/pretrain.json" > "$work/pretrain.log" 2>&1
fi
jsonl="$out/memory-bench.jsonl"
: > "$jsonl"
for size in small large; do
  rm -f "$work/losses-$size.parquet"
  spec CPT "$size" "$work/text-$size/*.jsonl" 262144 "$work/base" "$work/losses-$size.parquet" > "$specs/cpt-$size.json"
  echo "memory-bench: preparing the $size corpus"
  start=$(date +%s.%N)
  "$root/bin/worker" prepare --spec "$specs/cpt-$size.json" > "$work/prepare-$size.log" 2>&1
  prep=$(awk "BEGIN{print $(date +%s.%N) - $start}")
  shards=$(du -cb "$work"/corpora/prepared/"$size"-*/*.ids | tail -1 | cut -f1)
  echo "memory-bench: CPT trial on the $size corpus ($shards bytes of token shards)"
  /usr/bin/time -v -o "$work/time-$size.txt" "$root/bin/worker" run --spec "$specs/cpt-$size.json" \
    > "$work/cpt-$size.log" 2>&1 &
  sleep 0.5
  pid=$(pgrep -P $! || true)
  anon=0; file=0; hwm=0
  while [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; do
    if read -r a f h < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} /^VmHWM/{h=$2} END{print a+0, f+0, h+0}' \
        "/proc/$pid/status" 2>/dev/null); then
      (( a > anon )) && anon=$a; (( f > file )) && file=$f; (( h > hwm )) && hwm=$h
    fi
    sleep 0.1
  done
  wait
  maxrss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/time-$size.txt")
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/time-$size.txt")
  grep -q "loss records" "$work/cpt-$size.log" || { echo "memory-bench: the $size trial failed, see $work/cpt-$size.log" >&2; exit 1; }
  echo "{\"corpus\":\"$size\",\"shard_bytes\":$shards,\"prepare_seconds\":$prep,\"trial_wall\":\"$secs\",\"max_rss_kb\":$maxrss,\"vm_hwm_kb\":$hwm,\"rss_anon_peak_kb\":$anon,\"rss_file_peak_kb\":$file}" | tee -a "$jsonl"
done
echo "{\"load_average\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"cores\":$(nproc)}" >> "$jsonl"

"$python" - "$jsonl" > "$out/memory-bench.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
runs = {r["corpus"]: r for r in rows if "corpus" in r}
print("# Memory of a CPT trial against corpus size (byte tokenizer, s117k model, 128 steps of 16 x 128 tokens)\n")
print("| general corpus | token shards | prepare s | trial wall | max RSS (time -v) | VmHWM | peak RssAnon | peak RssFile |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for name, r in runs.items():
    print(f"| {name} | {r['shard_bytes']/1e9:.3f} GB | {r['prepare_seconds']:.1f} | {r['trial_wall']} |"
          f" {r['max_rss_kb']/1024:.0f} MiB | {r['vm_hwm_kb']/1024:.0f} MiB | {r['rss_anon_peak_kb']/1024:.0f} MiB |"
          f" {r['rss_file_peak_kb']/1024:.0f} MiB |")
if "small" in runs and "large" in runs:
    s, l = runs["small"], runs["large"]
    print(f"\nLarge / small: max RSS {l['max_rss_kb']/s['max_rss_kb']:.3f}, RssAnon {l['rss_anon_peak_kb']/s['rss_anon_peak_kb']:.3f},"
          f" RssFile {l['rss_file_peak_kb']/s['rss_file_peak_kb']:.3f} (target: max RSS within 10 %).")
load = [r for r in rows if "load_average" in r]
if load:
    print(f"\nMachine: {load[0]['cores']} cores, load average {load[0]['load_average']} (1/5/15 min) at the end; run with nice -n 5.")
PY
cat "$out/memory-bench.md"
if [[ "$keep" != --keep ]]; then
  rm -rf "$work/text-large" "$work"/corpora/prepared/large-* "$work"/corpora/prepared/.large-*
  echo "memory-bench: deleted the large corpus and its shards (--keep keeps them)"
fi
