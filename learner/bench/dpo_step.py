#!/usr/bin/python3
"""PyTorch peer of the learner's Diffusion-DPO step (docs/learner/BENCH.md).

The same UNet as prefloop.diffusion.model.UNet with UNetConfig.defaults() (32x32x3, base 16,
multipliers 1,2,4, one residual block per level, attention at the lowest resolution, GroupNorm 8,
condition 128, token 32, vocab 64, 12 tokens: 822,595 parameters), the same loss (shared t and
noise per pair, pixel-mean MSE, reference forward without gradients, -logsigmoid averaged after
the log), AdamW and global-norm clipping at 1. Prints the median step time per batch size.

Run: /usr/bin/python3 learner/bench/dpo_step.py [steps=10] [--phases]
"""
import math
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)

IMAGE, CHANNELS, BASE, MULTS, RES, GROUPS, COND, TOKEN_DIM, VOCAB, TOKENS = (
    32, 3, 16, (1, 2, 4), 1, 8, 128, 32, 64, 12)
T = 1000


class TimestepEmbedding(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.hidden = nn.Linear(dim, dim)
        self.out = nn.Linear(dim, dim)

    def forward(self, t):
        half = self.dim // 2
        freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
        angles = t.float().reshape(-1, 1) * freqs.reshape(1, half)
        features = torch.cat([angles.sin(), angles.cos()], 1)
        return self.out(F.silu(self.hidden(features)))


class PromptEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.token = nn.Parameter(torch.randn(VOCAB, TOKEN_DIM) / math.sqrt(TOKEN_DIM))
        self.position = nn.Parameter(torch.randn(1, TOKENS, TOKEN_DIM) / math.sqrt(TOKEN_DIM))
        self.hidden = nn.Linear(TOKENS * TOKEN_DIM, COND)
        self.out = nn.Linear(COND, COND)

    def forward(self, ids):
        mask = (ids != 0).float().unsqueeze(2)
        summed = (self.token[ids] + self.position) * mask
        return self.out(F.silu(self.hidden(summed.reshape(ids.shape[0], -1))))


def zero(module):
    nn.init.zeros_(module.weight)
    return module


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.cout = cout
        self.norm1 = nn.GroupNorm(GROUPS, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.film = nn.Linear(COND, 2 * cout)
        self.norm2 = nn.GroupNorm(GROUPS, cout)
        self.conv2 = zero(nn.Conv2d(cout, cout, 3, padding=1))
        self.skip = None if cin == cout else nn.Conv2d(cin, cout, 1)

    def forward(self, x, cond):
        h = self.conv1(F.silu(self.norm1(x)))
        ss = self.film(F.silu(cond))[:, :, None, None]
        scale, shift = ss[:, :self.cout], ss[:, self.cout:]
        h = self.conv2(F.silu(self.norm2(h) * (1 + scale) + shift))
        return (x if self.skip is None else self.skip(x)) + h


class SelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.norm = nn.GroupNorm(GROUPS, c)
        self.qkv = nn.Linear(c, 3 * c)
        self.proj = zero(nn.Linear(c, c))

    def forward(self, x):
        n, c, h, w = x.shape
        tokens = self.norm(x).reshape(n, c, h * w).transpose(1, 2)
        q, k, v = self.qkv(tokens).split(c, dim=2)
        weights = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(c), dim=2)
        return x + self.proj(weights @ v).transpose(1, 2).reshape(x.shape)


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.time = TimestepEmbedding(COND)
        self.prompt = PromptEncoder()
        chans = [BASE * m for m in MULTS]
        self.inp = nn.Conv2d(CHANNELS, chans[0], 3, padding=1)
        skips, c = [chans[0]], chans[0]
        self.down, self.pool = nn.ModuleList(), nn.ModuleList()
        for level, out in enumerate(chans):
            blocks = nn.ModuleList()
            for _ in range(RES):
                blocks.append(ResidualBlock(c, out))
                c = out
                skips.append(c)
            self.down.append(blocks)
            if level < len(chans) - 1:
                self.pool.append(nn.Conv2d(c, c, 3, stride=2, padding=1))
                skips.append(c)
        self.mid1, self.attn, self.mid2 = ResidualBlock(c, c), SelfAttention(c), ResidualBlock(c, c)
        self.up, self.upsample = nn.ModuleList(), nn.ModuleList()
        for level in reversed(range(len(chans))):
            blocks, out = nn.ModuleList(), chans[level]
            for _ in range(RES + 1):
                blocks.append(ResidualBlock(c + skips.pop(), out))
                c = out
            self.up.append(blocks)
            if level > 0:
                self.upsample.append(nn.Conv2d(out, out, 3, padding=1))
        self.out_norm = nn.GroupNorm(GROUPS, c)
        self.out = zero(nn.Conv2d(c, CHANNELS, 3, padding=1))

    def forward(self, x, t, ids):
        cond = self.time(t) + self.prompt(ids)
        h = self.inp(x)
        skips = [h]
        for level, blocks in enumerate(self.down):
            for block in blocks:
                h = block(h, cond)
                skips.append(h)
            if level < len(self.pool):
                h = self.pool[level](h)
                skips.append(h)
        h = self.mid2(self.attn(self.mid1(h, cond)), cond)
        for i, blocks in enumerate(self.up):
            for block in blocks:
                h = block(torch.cat([h, skips.pop()], 1), cond)
            if i < len(self.upsample):
                h = self.upsample[i](F.interpolate(h, scale_factor=2, mode="nearest"))
        return self.out(F.silu(self.out_norm(h)))


betas = torch.linspace(1e-4, 0.02, T, dtype=torch.float64)
alpha_bar = torch.cumprod(1 - betas, 0).float()


def dpo_step(policy, reference, optimizer, winners, losers, ids, beta=5000.0):
    p = winners.shape[0]
    t = torch.randint(0, T, (p,))
    noise = torch.randn_like(winners)
    x0 = torch.cat([winners, losers])
    tt, eps, tokens = torch.cat([t, t]), torch.cat([noise, noise]), torch.cat([ids, ids])
    ab = alpha_bar[tt].reshape(-1, 1, 1, 1)
    xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
    mse = (policy(xt, tt, tokens) - eps).pow(2).mean(dim=[1, 2, 3])
    with torch.no_grad():
        ref_mse = (reference(xt, tt, tokens) - eps).pow(2).mean(dim=[1, 2, 3])
    inside = -0.5 * beta * ((mse[:p] - mse[p:]) - (ref_mse[:p] - ref_mse[p:]))
    loss = -F.logsigmoid(inside).mean()
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
    optimizer.step()
    return loss.item()


def phases(policy, reference, optimizer, images, repeats):
    """Median ms of each phase on `images` rows, as prefloop's StepPhases times them."""
    x = torch.randn(images, 3, IMAGE, IMAGE)
    tt = torch.full((images,), 500)
    tokens = torch.full((images, TOKENS), 5)
    timings = [[] for _ in range(5)]
    for _ in range(repeats):
        start = time.perf_counter()
        loss = policy(x, tt, tokens).pow(2).mean()
        loss.item()
        timings[0].append(time.perf_counter() - start)
        start = time.perf_counter()
        with torch.no_grad():
            reference(x, tt, tokens).pow(2).mean().item()
        timings[1].append(time.perf_counter() - start)
        start = time.perf_counter()
        loss.backward()
        timings[2].append(time.perf_counter() - start)
        start = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)  # norm and clip in one call
        timings[3].append(time.perf_counter() - start)
        start = time.perf_counter()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        timings[4].append(time.perf_counter() - start)
    return [statistics.median(t) * 1000 for t in timings]


def main():
    show_phases = "--phases" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--phases"]
    steps = int(args[0]) if args else 10
    policy = UNet()
    reference = UNet()
    reference.load_state_dict(policy.state_dict())
    reference.requires_grad_(False)
    print("torch", torch.__version__, "threads", torch.get_num_threads(),
          "parameters", sum(p.numel() for p in policy.parameters()))
    optimizer = torch.optim.AdamW(policy.parameters(), lr=1e-5, weight_decay=0.0)
    for batch in (8, 16):
        winners = torch.rand(batch, 3, IMAGE, IMAGE) * 2 - 1
        losers = torch.rand(batch, 3, IMAGE, IMAGE) * 2 - 1
        ids = torch.randint(3, 30, (batch, TOKENS))
        for _ in range(10):
            dpo_step(policy, reference, optimizer, winners, losers, ids)
        times = []
        for _ in range(steps):
            start = time.perf_counter()
            dpo_step(policy, reference, optimizer, winners, losers, ids)
            times.append((time.perf_counter() - start) * 1000)
        print(f"pytorch dpo step batch {batch}: median {statistics.median(times):.1f} ms "
              f"(min {min(times):.1f}, max {max(times):.1f}, {steps} steps)")
        if show_phases:
            p = phases(policy, reference, optimizer, 2 * batch, steps)
            print(f"pytorch phases batch {batch} (median ms): policy forward {p[0]:.1f}, reference"
                  f" forward {p[1]:.1f}, backward {p[2]:.1f}, norm and clip {p[3]:.1f}, AdamW {p[4]:.1f}")


if __name__ == "__main__":
    main()
