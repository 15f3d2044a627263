#!/usr/bin/env bash
# Generates the inputs of examples/own-data.yaml on this machine, then runs that sweep end to end:
# prepare (tokenize once), pre-train the base, the CPT grid, the fit and the report.
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
[[ "${1:-}" == --inputs-only ]] && { echo "own-data: inputs ready under $inputs"; exit 0; }

bin/cmr prepare examples/own-data.yaml
bin/cmr sweep examples/own-data.yaml
bin/cmr fit examples/own-data.yaml
