#!/usr/bin/env bash
# Prepare throughput (text MB/s and tokens/s, in total and per core) of the worker's corpus preparation for each
# tokenizer kind (byte, Hugging Face tokenizer.json, SentencePiece .model), against python3-sentencepiece on the same
# shards and the same model in the same run. The corpus: gzipped JSONL shards built from the built-in corpora
# (Brown, SPDX, FOLDOC), repeated with a copy number until it holds MB megabytes of text.
# The SentencePiece model is trained here by Debian's spm_train; the tokenizer.json is that model converted to a
# Hugging Face Unigram tokenizer, so both libraries cut the same text with the same vocabulary.
# Each thread count runs every kind, and the baseline with as many processes over the same shards (files in
# parallel, as the worker's threads tokenize files in parallel). The machine may be shared: run it niced
# (nice -n 5 bench/prepare-bench.sh); the load average at the end goes into the results.
# Usage: bench/prepare-bench.sh [MB] [threads]      default: 500 MB, "1 2"
# Needs: bin/fetch-corpora, bin/setup (spm_train, python3-sentencepiece), mvn -B -pl bench/worker -am package -DskipTests
# Output: bench/results/prepare-bench.{jsonl,md}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mb="${1:-500}"
threads="${2:-1 2}"
cache="${CMR_CACHE:-$HOME/.cache/cmr-sweep}"
work="${PREPARE_BENCH_DIR:-$cache/prepare-bench}"
python=/usr/bin/python3
command -v spm_train >/dev/null && "$python" -c 'import sentencepiece' 2>/dev/null \
  || { echo "prepare-bench: spm_train or python3-sentencepiece missing; run bin/setup" >&2; exit 2; }
[[ -d "$cache/corpora/raw" ]] || { echo "prepare-bench: run bin/fetch-corpora first" >&2; exit 2; }
[[ -f "$root/worker/target/worker.jar" && -f "$root/bench/worker/target/bench-worker.jar" ]] \
  || { echo "prepare-bench: build first: mvn -B -pl bench/worker -am package -DskipTests" >&2; exit 2; }
mkdir -p "$work/corpora" "$cache/djl"
ln -sfn "$cache/corpora/raw" "$work/corpora/raw"
[[ -f "$work/corpora/computing/documents.jsonl" ]] || "$root/bin/worker" prepare-corpora --dir "$work/corpora" >/dev/null

shards="$work/shards-${mb}mb"
if [[ ! -f "$shards/.done" ]]; then
  rm -rf "$shards" && mkdir -p "$shards"
  "$python" - "$work/corpora" "$shards" "$mb" <<'PY'
import gzip, json, sys
src, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = [json.loads(l)["text"] for c in ("brown", "legal", "computing") for l in open(f"{src}/{c}/documents.jsonl")]
total, copy, shard, f, in_shard = 0, 0, 0, None, 0
while total < mb * 1_000_000:
    for d in docs:
        if f is None or in_shard >= 25_000_000:
            if f: f.close()
            f = gzip.open(f"{out}/shard-{shard:03d}.jsonl.gz", "wt", encoding="utf-8", compresslevel=1)
            shard += 1; in_shard = 0
        text = f"({copy}) {d}"
        f.write(json.dumps({"text": text, "copy": copy}) + "\n")
        n = len(text.encode("utf-8")); total += n; in_shard += n
        if total >= mb * 1_000_000: break
    copy += 1
f.close()
PY
  touch "$shards/.done"
fi
tok="$work/tokenizers"
if [[ ! -f "$tok/tokenizer.json" ]]; then
  mkdir -p "$tok"
  cat "$work/corpora/brown/documents.jsonl" "$work/corpora/legal/documents.jsonl" "$work/corpora/computing/documents.jsonl" \
    | "$python" -c 'import json,sys; [print(json.loads(l)["text"].replace("\n"," ")) for l in sys.stdin]' > "$tok/sample.txt"
  spm_train --input="$tok/sample.txt" --model_prefix="$tok/spm" --vocab_size=8000 --model_type=unigram \
    --input_sentence_size=200000 --shuffle_input_sentence=true --minloglevel=2
  "$python" "$root/bench/scripts/spm_to_tokenizer_json.py" "$tok"
fi

cp="$root/bench/worker/target/bench-worker.jar:$root/worker/target/worker.jar"
java_bench() {
  "${JAVA:-java}" -XX:+UseSerialGC -Xmx1g -Dai.djl.offline=true -DOPT_OUT_TRACKING=true "-DDJL_CACHE_DIR=$cache/djl" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error -cp "$cp" io.cmrsweep.bench.worker.PrepareBench "$@"
}
out="$root/bench/results"
mkdir -p "$out"
jsonl="$out/prepare-bench.jsonl"
: > "$jsonl"
echo "{\"load_average_start\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$jsonl"
echo "prepare-bench: ids of the first sample line (must agree):"
py_ids=$("$python" "$root/bench/scripts/spm_prepare.py" --ids "$tok/sample.txt" "$tok/spm.model")
spm_ids=$(java_bench "$tok/spm.model" 1 "$work/scratch" "$shards/shard-000.jsonl.gz" "$tok/sample.txt" | grep '^ids')
hf_ids=$(java_bench "$tok/tokenizer.json" 1 "$work/scratch" "$shards/shard-000.jsonl.gz" "$tok/sample.txt" | grep '^ids')
echo "  python3-sentencepiece     ${py_ids:0:100}"
echo "  DJL sentencepiece         ${spm_ids:0:100}"
echo "  DJL HF (Unigram of it)    ${hf_ids:0:100}"
[[ "$py_ids" == "$spm_ids" ]] || { echo "prepare-bench: DJL sentencepiece ids differ from python3-sentencepiece" >&2; exit 1; }
echo "{\"check\":\"first sample line\",\"spm_equal\":$([[ $py_ids == "$spm_ids" ]] && echo true || echo false),\"hf_equal\":$([[ $py_ids == "$hf_ids" ]] && echo true || echo false)}" >> "$jsonl"

glob="$shards/*.jsonl.gz"
# The baseline runs right after the worker's SentencePiece pass with the same parallelism, so that load from other
# processes hits both alike; the machine's load average goes into the results.
# The Hugging Face runs come last: they are the slowest, and on a busy machine the others should finish first.
for t in $threads; do
  for kind in byte "$tok/spm.model"; do
    java_bench "$kind" "$t" "$work/scratch" "$glob" | tee -a "$jsonl"
  done
  "$python" "$root/bench/scripts/spm_prepare.py" --processes "$t" "$tok/spm.model" "$work/scratch-py.ids" \
    "$shards"/*.jsonl.gz | tee -a "$jsonl"
done
for t in $threads; do
  java_bench "$tok/tokenizer.json" "$t" "$work/scratch" "$glob" | tee -a "$jsonl"
done
echo "{\"load_average\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"cores\":$(nproc)}" >> "$jsonl"

"$python" - "$jsonl" "$mb" > "$out/prepare-bench.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print(f"# Prepare throughput, {sys.argv[2]} MB of text (gzipped JSONL shards)\n")
print("| implementation | tokenizer | threads | documents | tokens | seconds | text MB/s | tokens/s | MB/s per core | tokens/s per core |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    if "impl" in r:
        print(f"| {r['impl']} | {r['tokenizer']} | {r['threads']} | {r['documents']:,} | {r['tokens']:,} | {r['seconds']:.1f} |"
              f" {r['text_mb_per_s']:.2f} | {r['tokens_per_s']:,.0f} | {r['text_mb_per_s_per_core']:.2f} | {r['tokens_per_s_per_core']:,.0f} |")
load = [r for r in rows if "load_average" in r]
if load:
    start = [r for r in rows if "load_average_start" in r]
    print(f"\nMachine: {load[0]['cores']} cores, load average"
          f" {start[0]['load_average_start'] + ' at the start, ' if start else ''}{load[0]['load_average']} (1/5/15 min)"
          f" at the end of the run (the load average says whether other work shared the cores).")
check = [r for r in rows if "check" in r]
if check:
    print(f"\nIds of the first sample line: DJL sentencepiece = python3-sentencepiece: {check[0]['spm_equal']};"
          f" DJL Hugging Face Unigram (converted from the same model) = python3-sentencepiece: {check[0]['hf_equal']}.")
PY
cat "$out/prepare-bench.md"
