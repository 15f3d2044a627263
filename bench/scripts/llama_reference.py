#!/usr/bin/python3
"""Reference forward pass of the Hugging Face Llama architecture in plain PyTorch (fp32), with its own
safetensors reader and writer, to prove that the worker's DJL model computes the same function on the same
checkpoint (worker test LlamaReferenceTest).

It follows transformers' modeling_llama: RMSNorm x * rsqrt(mean(x^2) + rms_norm_eps) * weight; rotary
"rotate half" (dimension i pairs with i + head_dim/2) with inv_freq = 1 / rope_theta^(2i/head_dim); grouped-query
attention (query head h reads key/value head h // (heads / kv_heads)); causal softmax attention scaled by
1/sqrt(head_dim); SwiGLU MLP down(silu(gate(x)) * up(x)); final norm; lm_head, or the embedding when
tie_word_embeddings. Linear weights are [out_features, in_features]. It needs only torch and numpy (Debian's
python3-torch), no transformers.

  llama_reference.py write DIR --hidden H --layers L --heads A --kv-heads K --ffn F --vocab V --context C
                     [--rope-theta T] [--rms-eps E] [--untied] [--dtype F32|F16|BF16] [--shards N] [--seed S]
      writes a random checkpoint: config.json plus model.safetensors, or N shards and
      model.safetensors.index.json
  llama_reference.py forward DIR IDS_JSON OUT_JSON
      IDS_JSON holds {"ids": [[...], ...]} (equal-length rows); OUT_JSON gets the logits of the full rows
      ({"shape": [B, T, V], "logits": [...] row-major}) and "loss": the mean next-token cross-entropy of
      rows[:, 1:] given rows[:, :-1]
"""
import argparse
import json
import math
import os
import struct
import sys

import numpy as np
import torch

torch.set_grad_enabled(False)

WIDTH = {"F32": 4, "F16": 2, "BF16": 2}


# ---- safetensors -------------------------------------------------------------------------------------------

def read_safetensors(path):
    """name -> fp32 torch tensor, from a safetensors file (F32, F16, BF16)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    start = 8 + n
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw = data[start + begin:start + end]
        dtype = entry["dtype"]
        if dtype == "F32":
            arr = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        elif dtype == "F16":
            arr = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif dtype == "BF16":
            arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise SystemExit(f"{path}: tensor {name} has dtype {dtype}; only F32, F16, BF16")
        out[name] = torch.from_numpy(arr.copy()).reshape(entry["shape"])
    return out


def tensor_bytes(t, dtype):
    if dtype == "F32":
        return t.to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
    if dtype == "F16":
        return t.to(torch.float16).contiguous().numpy().astype("<f2").tobytes()
    if dtype == "BF16":
        return t.to(torch.bfloat16).contiguous().view(torch.int16).numpy().astype("<i2").tobytes()
    raise ValueError(dtype)


def write_safetensors(path, tensors, dtype):
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        b = tensor_bytes(t, dtype)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def load_checkpoint(d):
    with open(os.path.join(d, "config.json")) as f:
        config = json.load(f)
    index = os.path.join(d, "model.safetensors.index.json")
    tensors = {}
    if os.path.exists(index):
        with open(index) as f:
            weight_map = json.load(f)["weight_map"]
        for shard in sorted(set(weight_map.values())):
            tensors.update(read_safetensors(os.path.join(d, shard)))
    else:
        tensors = read_safetensors(os.path.join(d, "model.safetensors"))
    return config, tensors


# ---- the model ---------------------------------------------------------------------------------------------

def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def forward(config, w, ids):
    """Logits [B, T, V] of int64 ids [B, T]."""
    hidden = config["hidden_size"]
    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads") or heads
    hd = hidden // heads
    eps = config.get("rms_norm_eps", 1e-6)
    theta = config.get("rope_theta", 10000.0)
    b, t = ids.shape
    inv_freq = 1.0 / (theta ** (torch.arange(0, hd, 2, dtype=torch.int64).float() / hd))
    freqs = torch.outer(torch.arange(t, dtype=torch.float32), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()
    mask = torch.full((t, t), float("-inf")).triu(1)
    x = w["model.embed_tokens.weight"][ids]
    for i in range(config["num_hidden_layers"]):
        p = f"model.layers.{i}."
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = (h @ w[p + "self_attn.q_proj.weight"].T).view(b, t, heads, hd).transpose(1, 2)
        k = (h @ w[p + "self_attn.k_proj.weight"].T).view(b, t, kv_heads, hd).transpose(1, 2)
        v = (h @ w[p + "self_attn.v_proj.weight"].T).view(b, t, kv_heads, hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        n_rep = heads // kv_heads
        k = k[:, :, None].expand(b, kv_heads, n_rep, t, hd).reshape(b, heads, t, hd)
        v = v[:, :, None].expand(b, kv_heads, n_rep, t, hd).reshape(b, heads, t, hd)
        scores = q @ k.transpose(2, 3) / math.sqrt(hd) + mask
        attn = torch.softmax(scores, dim=-1, dtype=torch.float32)
        o = (attn @ v).transpose(1, 2).reshape(b, t, hidden)
        x = x + o @ w[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = h @ w[p + "mlp.gate_proj.weight"].T
        up = h @ w[p + "mlp.up_proj.weight"].T
        x = x + (torch.nn.functional.silu(gate) * up) @ w[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, w["model.norm.weight"], eps)
    tied = config.get("tie_word_embeddings", False)
    head = w["model.embed_tokens.weight"] if tied else w["lm_head.weight"]
    return x @ head.T


# ---- commands ----------------------------------------------------------------------------------------------

def cmd_write(a):
    torch.manual_seed(a.seed)
    hd = a.hidden // a.heads
    config = {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": a.hidden,
        "intermediate_size": a.ffn, "num_hidden_layers": a.layers, "num_attention_heads": a.heads,
        "num_key_value_heads": a.kv_heads, "hidden_act": "silu", "max_position_embeddings": a.context,
        "rms_norm_eps": a.rms_eps, "rope_theta": a.rope_theta, "rope_scaling": None, "attention_bias": False,
        "mlp_bias": False, "tie_word_embeddings": not a.untied, "vocab_size": a.vocab,
        "torch_dtype": {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}[a.dtype],
        "bos_token_id": 1, "eos_token_id": 2, "initializer_range": 0.02, "use_cache": True,
    }
    w = {"model.embed_tokens.weight": torch.randn(a.vocab, a.hidden)}
    for i in range(a.layers):
        p = f"model.layers.{i}."
        w[p + "self_attn.q_proj.weight"] = torch.randn(a.heads * hd, a.hidden) / math.sqrt(a.hidden)
        w[p + "self_attn.k_proj.weight"] = torch.randn(a.kv_heads * hd, a.hidden) / math.sqrt(a.hidden)
        w[p + "self_attn.v_proj.weight"] = torch.randn(a.kv_heads * hd, a.hidden) / math.sqrt(a.hidden)
        w[p + "self_attn.o_proj.weight"] = torch.randn(a.hidden, a.heads * hd) / math.sqrt(a.hidden)
        w[p + "mlp.gate_proj.weight"] = torch.randn(a.ffn, a.hidden) / math.sqrt(a.hidden)
        w[p + "mlp.up_proj.weight"] = torch.randn(a.ffn, a.hidden) / math.sqrt(a.hidden)
        w[p + "mlp.down_proj.weight"] = torch.randn(a.hidden, a.ffn) / math.sqrt(a.ffn)
        w[p + "input_layernorm.weight"] = 1 + 0.1 * torch.randn(a.hidden)
        w[p + "post_attention_layernorm.weight"] = 1 + 0.1 * torch.randn(a.hidden)
    w["model.norm.weight"] = 1 + 0.1 * torch.randn(a.hidden)
    if a.untied:
        w["lm_head.weight"] = torch.randn(a.vocab, a.hidden) / math.sqrt(a.hidden)
    os.makedirs(a.dir, exist_ok=True)
    with open(os.path.join(a.dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    names = list(w)
    if a.shards <= 1:
        write_safetensors(os.path.join(a.dir, "model.safetensors"), w, a.dtype)
        return
    weight_map = {}
    per = math.ceil(len(names) / a.shards)
    for s in range(a.shards):
        shard = f"model-{s + 1:05d}-of-{a.shards:05d}.safetensors"
        part = {n: w[n] for n in names[s * per:(s + 1) * per]}
        write_safetensors(os.path.join(a.dir, shard), part, a.dtype)
        weight_map.update({n: shard for n in part})
    total = sum(t.numel() * WIDTH[a.dtype] for t in w.values())
    with open(os.path.join(a.dir, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)


def cmd_forward(a):
    config, w = load_checkpoint(a.dir)
    with open(a.ids) as f:
        ids = torch.tensor(json.load(f)["ids"], dtype=torch.int64)
    logits = forward(config, w, ids)
    shifted = forward(config, w, ids[:, :-1])
    loss = torch.nn.functional.cross_entropy(shifted.reshape(-1, shifted.shape[-1]), ids[:, 1:].reshape(-1))
    with open(a.out, "w") as f:
        json.dump({"shape": list(logits.shape), "logits": logits.reshape(-1).tolist(), "loss": loss.item()}, f)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    wr = sub.add_parser("write")
    wr.add_argument("dir")
    for name in ("hidden", "layers", "heads", "kv_heads", "ffn", "vocab", "context"):
        wr.add_argument("--" + name.replace("_", "-"), type=int, required=True)
    wr.add_argument("--rope-theta", type=float, default=10000.0)
    wr.add_argument("--rms-eps", type=float, default=1e-6)
    wr.add_argument("--untied", action="store_true")
    wr.add_argument("--dtype", choices=sorted(WIDTH), default="F32")
    wr.add_argument("--shards", type=int, default=1)
    wr.add_argument("--seed", type=int, default=0)
    fw = sub.add_parser("forward")
    fw.add_argument("dir")
    fw.add_argument("ids")
    fw.add_argument("out")
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    {"write": cmd_write, "forward": cmd_forward}[a.cmd](a)


if __name__ == "__main__":
    main(sys.argv[1:])
