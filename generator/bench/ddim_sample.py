#!/usr/bin/env python3
"""PyTorch peer of the generator's sampling benchmark (docs/generator/BENCH.md).

The same UNet architecture as prefloop.diffusion.model.UNet (UNetConfig.defaults(): 32x32 RGB,
base 16 channels, multipliers 1-2-4, one residual block per level, attention at 8x8, GroupNorm 8,
condition 128, token 32, vocab 64, 12 tokens) with random weights, sampled with the same DDIM loop
(20 trailing steps, eta 0, classifier-free guidance 2 as one doubled batch, x0 clipped), batch of
2*B images per call, as the generator samples B pairs.

Run with Debian's PyTorch:  /usr/bin/python3 generator/bench/ddim_sample.py [--pairs-per-batch 4]
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class GroupNorm(nn.Module):
    def __init__(self, channels, groups):
        super().__init__()
        self.norm = nn.GroupNorm(groups, channels, eps=1e-5)

    def forward(self, x):
        return self.norm(x)


class Residual(nn.Module):
    def __init__(self, cin, cout, cond, groups):
        super().__init__()
        self.cout = cout
        self.norm1 = GroupNorm(cin, groups)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.film = nn.Linear(cond, 2 * cout)
        self.norm2 = GroupNorm(cout, groups)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = None if cin == cout else nn.Conv2d(cin, cout, 1)

    def forward(self, x, c):
        h = self.conv1(F.silu(self.norm1(x)))
        ss = self.film(F.silu(c))[:, :, None, None]
        scale, shift = ss[:, : self.cout], ss[:, self.cout :]
        h = self.norm2(h) * (1 + scale) + shift
        h = self.conv2(F.silu(h))
        return (x if self.skip is None else self.skip(x)) + h


class Attention(nn.Module):
    def __init__(self, channels, groups):
        super().__init__()
        self.c = channels
        self.norm = GroupNorm(channels, groups)
        self.qkv = nn.Linear(channels, 3 * channels)
        self.proj = nn.Linear(channels, channels)

    def forward(self, x):
        n, c, h, w = x.shape
        t = self.norm(x).reshape(n, c, h * w).transpose(1, 2)
        q, k, v = self.qkv(t).split(c, dim=2)
        a = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(c), dim=2)
        return x + self.proj(a @ v).transpose(1, 2).reshape(n, c, h, w)


class UNet(nn.Module):
    def __init__(self, size=32, ch=3, base=16, mult=(1, 2, 4), res=1, groups=8, cond=128,
                 token_dim=32, vocab=64, tokens=12):
        super().__init__()
        self.cond, self.tokens, self.token_dim = cond, tokens, token_dim
        self.t1, self.t2 = nn.Linear(cond, cond), nn.Linear(cond, cond)
        self.tok = nn.Parameter(torch.randn(vocab, token_dim) * 0.02)
        self.pos = nn.Parameter(torch.randn(1, tokens, token_dim) * 0.02)
        self.p1, self.p2 = nn.Linear(tokens * token_dim, cond), nn.Linear(cond, cond)
        self.inp = nn.Conv2d(ch, base * mult[0], 3, padding=1)
        skips, c = [base * mult[0]], base * mult[0]
        self.down, self.pool = nn.ModuleList(), nn.ModuleList()
        for lvl, m in enumerate(mult):
            blocks = nn.ModuleList()
            for _ in range(res):
                blocks.append(Residual(c, base * m, cond, groups))
                c = base * m
                skips.append(c)
            self.down.append(blocks)
            if lvl < len(mult) - 1:
                self.pool.append(nn.Conv2d(c, c, 3, stride=2, padding=1))
                skips.append(c)
        self.mid1, self.attn, self.mid2 = (Residual(c, c, cond, groups), Attention(c, groups),
                                           Residual(c, c, cond, groups))
        self.up, self.upconv = nn.ModuleList(), nn.ModuleList()
        for lvl in reversed(range(len(mult))):
            blocks, out = nn.ModuleList(), base * mult[lvl]
            for _ in range(res + 1):
                blocks.append(Residual(c + skips.pop(), out, cond, groups))
                c = out
            self.up.append(blocks)
            if lvl > 0:
                self.upconv.append(nn.Conv2d(out, out, 3, padding=1))
        self.out_norm = GroupNorm(c, groups)
        self.out = nn.Conv2d(c, ch, 3, padding=1)

    def condition(self, t, ids):
        half = self.cond // 2
        freq = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        ang = t.float()[:, None] * freq[None]
        e = self.t2(F.silu(self.t1(torch.cat([ang.sin(), ang.cos()], 1))))
        emb = (self.tok[ids] + self.pos) * (ids != 0).float()[:, :, None]
        p = self.p2(F.silu(self.p1(emb.reshape(ids.shape[0], -1))))
        return e + p

    def forward(self, x, t, ids):
        c = self.condition(t, ids)
        h = self.inp(x)
        skips = [h]
        for lvl, blocks in enumerate(self.down):
            for b in blocks:
                h = b(h, c)
                skips.append(h)
            if lvl < len(self.pool):
                h = self.pool[lvl](h)
                skips.append(h)
        h = self.mid2(self.attn(self.mid1(h, c)), c)
        for i, blocks in enumerate(self.up):
            for b in blocks:
                h = b(torch.cat([h, skips.pop()], 1), c)
            if i < len(self.upconv):
                h = self.upconv[i](h.repeat_interleave(2, 2).repeat_interleave(2, 3))
        return self.out(F.silu(self.out_norm(h)))


def ddim(model, ids, empty, seeds, steps=20, guidance=2.0, T=1000):
    betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
    abar = torch.cumprod(1 - betas, 0).float()
    ratio = T / steps
    ts = [int(round(T - i * ratio)) - 1 for i in range(steps)]
    prev = [max(-1, t - T // steps) for t in ts]
    gens = [torch.Generator().manual_seed(s) for s in seeds]
    x = torch.stack([torch.randn(3, 32, 32, generator=g) for g in gens])
    n = x.shape[0]
    ids2 = torch.cat([ids, empty])
    for t, tp in zip(ts, prev):
        tt = torch.full((2 * n,), t, dtype=torch.long)
        both = model(torch.cat([x, x]), tt, ids2)
        eu, ec = both[n:], both[:n]
        eps = eu + guidance * (ec - eu)
        a, ap = abar[t], (abar[tp] if tp >= 0 else abar[0])
        x0 = ((x - (1 - a).sqrt() * eps) / a.sqrt()).clamp(-1, 1)
        eps = (x - a.sqrt() * x0) / (1 - a).sqrt()
        x = ap.sqrt() * x0 + (1 - ap).sqrt() * eps
    return ((x + 1) / 2).clamp(0, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs-per-batch", type=int, default=4)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = UNet().eval()
    params = sum(p.numel() for p in model.parameters())
    n = 2 * args.pairs_per_batch
    ids = torch.randint(3, 40, (n, 12))
    ids[:, 10:] = 0
    empty = torch.zeros(n, 12, dtype=torch.long)
    empty[:, 0] = 1
    with torch.no_grad():
        ddim(model, ids, empty, list(range(n)), steps=args.steps)  # warm-up
        start = time.perf_counter()
        for b in range(args.batches):
            ddim(model, ids, empty, [b * n + i for i in range(n)], steps=args.steps)
        elapsed = time.perf_counter() - start
    pairs = args.batches * args.pairs_per_batch
    print(f"FIGURE pytorch torch={torch.__version__} params={params} steps={args.steps} "
          f"pairs_per_batch={args.pairs_per_batch} threads={args.threads}")
    print(f"FIGURE pytorch_pairs_per_s {pairs / elapsed:.3f} "
          f"(batch {1000 * elapsed / args.batches:.0f} ms)")


if __name__ == "__main__":
    main()
