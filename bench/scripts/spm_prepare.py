"""Baseline for bench/prepare-bench.sh: python3-sentencepiece tokenizes the same JSONL(.gz) shards, one document at
a time, and writes the ids as uint16 (as the worker's shards do). With --processes N, N processes share the shards
(one shard per task, as the worker's threads share files). Prints one JSON line.
Usage: spm_prepare.py [--processes N] <model> <out file> <shard>... ; with --ids <sample>, prints the ids of its
first line."""
import array, gzip, json, multiprocessing, os, sys, time
import sentencepiece as spm

args = sys.argv[1:]
if args[0] == "--ids":
    sp = spm.SentencePieceProcessor(model_file=args[2])
    with open(args[1], encoding="utf-8") as f:
        print("ids " + json.dumps(sp.encode(f.readline().rstrip("\n"))).replace(" ", ""))
    sys.exit(0)
processes = 1
if args[0] == "--processes":
    processes, args = int(args[1]), args[2:]
model, out, shards = args[0], args[1], args[2:]


def prepare(task):
    index, shard = task
    sp = spm.SentencePieceProcessor(model_file=model)
    eos = sp.eos_id()
    text_bytes = tokens = docs = 0
    opener = gzip.open if shard.endswith(".gz") else open
    with open(f"{out}.{index}", "wb") as o, opener(shard, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            ids = sp.encode(text)
            ids.append(eos)
            array.array("H", ids).tofile(o)
            text_bytes += len(text.encode("utf-8"))
            tokens += len(ids)
            docs += 1
    return docs, text_bytes, tokens


if __name__ == "__main__":
    t0 = time.perf_counter()
    tasks = list(enumerate(shards))
    if processes == 1:
        results = [prepare(t) for t in tasks]
    else:
        with multiprocessing.Pool(processes) as pool:
            results = pool.map(prepare, tasks, chunksize=1)
    seconds = time.perf_counter() - t0
    for i in range(len(shards)):
        os.remove(f"{out}.{i}")
    docs, text_bytes, tokens = (sum(r[k] for r in results) for k in range(3))
    print(json.dumps({"impl": "python3-sentencepiece", "tokenizer": "sentencepiece", "threads": processes,
                      "documents": docs, "text_bytes": text_bytes, "tokens": tokens, "seconds": round(seconds, 3),
                      "text_mb_per_s": round(text_bytes / 1e6 / seconds, 3), "tokens_per_s": round(tokens / seconds, 1),
                      "text_mb_per_s_per_core": round(text_bytes / 1e6 / seconds / processes, 3),
                      "tokens_per_s_per_core": round(tokens / seconds / processes, 1)}))
