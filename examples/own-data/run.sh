#!/usr/bin/env bash
# Generates the inputs of examples/own-data.yaml on this machine, then runs that sweep end to end:
# the inputs a team brings (JSONL shards, a tokenizer file, a base checkpoint directory), then prepare (tokenize
# once), the CPT grid from that base, the fit and the report.
# The base stands in for a checkpoint you downloaded: one pre-training trial of the worker (bin/worker run with a
# hand-written trial spec) writes a Hugging Face Llama directory (config.json, model.safetensors, tokenizer.json,
# cmr-tokenizer.json) to cmr-data/own-data-inputs/base/, which the spec then names as models[0].from.
# Usage: examples/own-data/run.sh [--inputs-only]     (from anywhere; results under ./cmr-data/own-data/)
# Needs: bin/setup (spm_train, python3-sentencepiece), a built project (mvn -B -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
python=/usr/bin/python3
inputs=cmr-data/own-data-inputs
command -v spm_train >/dev/null && "$python" -c 'import sentencepiece' 2>/dev/null \
  || { echo "own-data: spm_train or python3-sentencepiece missing; run bin/setup" >&2; exit 2; }
cache="${CMR_CACHE:-$HOME/.cache/cmr-sweep}"
bin/fetch-corpora --dir "$cache/corpora"          # Brown and FOLDOC stand in for a team's own text

if [[ ! -f "$inputs/tokenizer.json" ]]; then
  echo "own-data: writing JSONL shards and training the tokenizer under $inputs"
  mkdir -p "$inputs/web" "$inputs/computing"
  "$python" - "$cache/corpora" "$inputs" <<'PY'
import gzip, json, sys
src, out = sys.argv[1], sys.argv[2]
web = [json.loads(l)["text"] for l in open(f"{src}/brown/documents.jsonl", encoding="utf-8")]
comp = [json.loads(l)["text"] for l in open(f"{src}/computing/documents.jsonl", encoding="utf-8")]
for s in range(4):   # the general corpus as a team exports it: gzipped shards, text under "content", plus metadata
    with gzip.open(f"{out}/web/shard-{s}.jsonl.gz", "wt", encoding="utf-8") as f:
        for i, d in enumerate(web[s::4]):
            f.write(json.dumps({"id": f"web-{s}-{i}", "content": d, "source": "brown"}) + "\n")
for s in range(2):
    with open(f"{out}/computing/part-{s}.jsonl", "w", encoding="utf-8") as f:
        for d in comp[s::2]:
            f.write(json.dumps({"text": d}) + "\n")
with open(f"{out}/tokenizer-sample.txt", "w", encoding="utf-8") as f:
    for d in web + comp[::2]:
        f.write(d.replace("\n", " ") + "\n")
PY
  spm_train --input="$inputs/tokenizer-sample.txt" --model_prefix="$inputs/spm" --vocab_size=2000 \
    --model_type=unigram --character_coverage=1.0 --minloglevel=2
  "$python" bench/scripts/spm_to_tokenizer_json.py "$inputs"
fi

if [[ ! -f "$inputs/base/config.json" ]]; then
  echo "own-data: pre-training a base checkpoint into $inputs/base (the worker, 1M tokens of the general shards)"
  here="$(pwd)"
  mkdir -p cmr-data/own-data-base-work
  cat > cmr-data/own-data-base-work/pretrain.json <<JSON
{
  "identity": {"sweep": "own-data-base", "trialId": "pt-base", "kind": "PRETRAIN", "attempt": 1},
  "model": {"label": "base", "dim": 64, "layers": 2, "heads": 4, "ffnDim": 176, "context": 128, "vocab": 2000},
  "data": {
    "corporaDir": "$here/cmr-data/own-data-corpora", "generalCorpus": "web", "domain": "", "ratio": 0.0,
    "validationTokens": 32768, "tokenizer": "$here/$inputs/tokenizer.json",
    "corpora": [{"name": "web", "files": ["$here/$inputs/web/*.jsonl.gz"], "format": "auto", "field": "content"}]
  },
  "training": {"seed": 0, "tokens": 1000000, "batchSize": 16, "peakLr": 0.003, "warmupTokens": 50000,
    "evalTokens": []},
  "paths": {"baseCheckpoint": "$here/$inputs/base", "workDir": "$here/cmr-data/own-data-base-work", "lossFile": ""},
  "runtime": {"threads": 1}
}
JSON
  bin/worker run --spec cmr-data/own-data-base-work/pretrain.json
fi
[[ "${1:-}" == --inputs-only ]] && { echo "own-data: inputs ready under $inputs"; exit 0; }

bin/cmr prepare examples/own-data.yaml
bin/cmr sweep examples/own-data.yaml
bin/cmr fit examples/own-data.yaml
