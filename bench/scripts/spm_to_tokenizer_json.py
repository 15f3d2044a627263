#!/usr/bin/env python3
"""Writes DIR/tokenizer.json, a Hugging Face Unigram tokenizer with the pieces and scores of DIR/spm.model.

Used by the prepare benchmark and the own-data example, so one SentencePiece model serves both tokenizer kinds.
The SentencePiece normalizer (nmt_nfkc) is not copied: ids agree on plain text, counts may differ slightly.
Usage: spm_to_tokenizer_json.py DIR
"""
import json
import sys

import sentencepiece as s

d = sys.argv[1]
sp = s.SentencePieceProcessor(model_file=f"{d}/spm.model")
meta = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
with open(f"{d}/tokenizer.json", "w") as out:
    json.dump({"version": "1.0", "truncation": None, "padding": None,
               "added_tokens": [{"id": i, "content": sp.id_to_piece(i), "single_word": False, "lstrip": False,
                                 "rstrip": False, "normalized": False, "special": True} for i in (0, 1, 2)],
               "normalizer": None, "pre_tokenizer": meta, "post_processor": None, "decoder": meta,
               "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": False,
                         "vocab": [[sp.id_to_piece(i), sp.get_score(i)] for i in range(sp.get_piece_size())]}},
              out, ensure_ascii=False)
