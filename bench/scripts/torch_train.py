#!/usr/bin/python3
"""The worker's model and training step in PyTorch eager, for the DJL-vs-PyTorch throughput ratio.

Same architecture as io.cmrsweep.worker.model.LlamaBlock (token embedding tied to the output head, pre-norm
layers with RMSNorm, rotary causal multi-head attention with an additive mask, SwiGLU MLP, no biases), the
same AdamW settings (betas 0.9/0.95, eps 1e-8, weight decay 0.01) and global-norm clipping at 1.0, the same
batch shape. Usage: torch_train.py SIZE BATCH WARMUP STEPS THREADS [TEXT_FILE]; prints one JSON line.
"""
import json
import math
import resource
import sys
import time

import torch
import torch.nn as nn

SIZES = {  # label: (dim, layers, heads, ffn, context, vocab) -- io.cmrsweep.bench.worker.BenchSizes
    "m0": (64, 2, 4, 176, 128, 256),
    "m1": (128, 4, 4, 344, 128, 256),
    "m2": (256, 4, 8, 688, 128, 256),
}


class RmsNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.gain = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x / torch.sqrt(x.square().mean(-1, keepdim=True) + 1e-6) * self.gain


def rotate(x, cos, sin):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1)


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.dim, self.heads = dim, heads
        self.qkv = nn.Linear(dim, 3 * dim, bias=False)
        self.out = nn.Linear(dim, dim, bias=False)

    def forward(self, x):
        b, t, _ = x.shape
        hd = self.dim // self.heads
        half = hd // 2
        packed = self.qkv(x).reshape(b, t, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        pos = torch.arange(t, dtype=torch.float32).reshape(t, 1)
        inv = torch.exp(torch.arange(half, dtype=torch.float32) * (-math.log(10000.0) / half)).reshape(1, half)
        ang = pos * inv
        cos, sin = ang.cos(), ang.sin()
        q, k, v = rotate(packed[0], cos, sin), rotate(packed[1], cos, sin), packed[2]
        r = torch.arange(t, dtype=torch.float32)
        mask = (r.reshape(1, t) > r.reshape(t, 1)).float() * -1e9
        att = (q @ k.transpose(-1, -2) * (1.0 / math.sqrt(hd)) + mask).softmax(-1)
        return self.out((att @ v).transpose(1, 2).reshape(b, t, self.dim))


class SwiGlu(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.gate = nn.Linear(dim, hidden, bias=False)
        self.up = nn.Linear(dim, hidden, bias=False)
        self.down = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        g = self.gate(x)
        return self.down(g * torch.sigmoid(g) * self.up(x))


class Layer(nn.Module):
    def __init__(self, dim, heads, ffn):
        super().__init__()
        self.attn_norm, self.attention = RmsNorm(dim), Attention(dim, heads)
        self.mlp_norm, self.mlp = RmsNorm(dim), SwiGlu(dim, ffn)

    def forward(self, x):
        h = x + self.attention(self.attn_norm(x))
        return h + self.mlp(self.mlp_norm(h))


class Llama(nn.Module):
    def __init__(self, dim, layers, heads, ffn, vocab):
        super().__init__()
        self.embedding = nn.Parameter(torch.randn(vocab, dim) * 0.02)
        self.layers = nn.ModuleList([Layer(dim, heads, ffn) for _ in range(layers)])
        self.final_norm = RmsNorm(dim)
        for layer in self.layers:
            for m in layer.modules():
                if isinstance(m, nn.Linear):
                    nn.init.normal_(m.weight, std=0.02)

    def forward(self, ids):
        x = nn.functional.embedding(ids, self.embedding)
        for layer in self.layers:
            x = layer(x)
        return nn.functional.linear(self.final_norm(x), self.embedding)


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    size, batch, warmup, steps, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    dim, layers, heads, ffn, ctx, vocab = SIZES[size]
    if len(sys.argv) > 6:
        data = torch.frombuffer(bytearray(open(sys.argv[6], "rb").read()), dtype=torch.uint8).long()
    else:
        data = torch.randint(0, 256, (1 << 20,))
    model = Llama(dim, layers, heads, ffn, vocab)
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.01)
    gen = torch.Generator().manual_seed(1)

    def step():
        starts = torch.randint(0, data.numel() - ctx - 1, (batch,), generator=gen)
        idx = torch.stack([data[s:s + ctx + 1] for s in starts.tolist()])
        x, y = idx[:, :-1], idx[:, 1:]
        logits = model(x)
        loss = nn.functional.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1))
        opt.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    for _ in range(warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    seconds = time.perf_counter() - t0
    print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "size": size, "params": params,
                      "batch": batch, "context": ctx, "threads": threads, "steps": steps,
                      "seconds": round(seconds, 3), "tokens_per_s": round(steps * batch * ctx / seconds, 1),
                      "peak_rss_kb": peak_rss_kb()}))


if __name__ == "__main__":
    main()
