#!/usr/bin/env python3
"""Writes a prefloop model bundle for a plain PyTorch denoiser (no diffusers).

The bundle is a folder that prefloop loads with DJL's PyTorch engine:

  manifest.json   prediction type, noise schedule, sample geometry, prompt length, the name
                  pattern of the trainable parameters, and the sha256 of every file
  denoiser.pt     TorchScript: forward(x_t [N,C,H,W] float, t [N] (any number type),
                  cond [N,D] float) -> [N,C,H,W], the prediction named in the manifest
  encoder.pt      TorchScript: forward(ids [N,L] long) -> cond [N,D] float

Prompts are tokenised in Java as UTF-8 bytes (id = byte + 1, 0 = padding, at most L bytes), so the
encoder takes any text; an all-padding row is the unconditional prompt of classifier-free guidance.

The denoiser here is small on purpose (the committed test fixture). Its 3x3 convolutions carry LoRA
adapters (lora_down, lora_up; lora_up starts at zero, so the adapted model starts equal to the
base): prefloop trains only parameters whose name matches the manifest's pattern ("lora_").

To bundle your own denoiser, give it the same forward signature (wrap it if needed), script it with
torch.jit.script, and write the manifest as write_bundle() does (helpers in bundle.py).

Usage (Debian's python3-torch 1.13 is enough):
  /usr/bin/python3 tools/export/plain_denoiser.py OUT_DIR [--seed 7] [--size 32] [--width 32]
(PYTHONHASHSEED=0 in front makes the TorchScript files byte-reproducible; see bundle.py.)
"""
import argparse
import math
import os

import torch
from torch import nn

from bundle import save_scripted, write_manifest


class LoraConv(nn.Module):
    """A 3x3 convolution plus a low-rank adapter: base(x) + scale * lora_up(lora_down(x))."""

    def __init__(self, cin: int, cout: int, rank: int):
        super().__init__()
        self.base = nn.Conv2d(cin, cout, 3, padding=1)
        self.lora_down = nn.Conv2d(cin, rank, 3, padding=1, bias=False)
        self.lora_up = nn.Conv2d(rank, cout, 1, bias=False)
        nn.init.zeros_(self.lora_up.weight)
        self.scale = 1.0 / rank

    def forward(self, x):
        return self.base(x) + self.scale * self.lora_up(self.lora_down(x))


class Block(nn.Module):
    """GroupNorm, FiLM from the embedding, SiLU, LoRA conv; residual."""

    def __init__(self, channels: int, embed: int, rank: int):
        super().__init__()
        self.norm = nn.GroupNorm(4, channels)
        self.film = nn.Linear(embed, 2 * channels)
        self.conv = LoraConv(channels, channels, rank)

    def forward(self, h, e):
        scale, shift = self.film(e).chunk(2, dim=1)
        z = self.norm(h) * (1 + scale[:, :, None, None]) + shift[:, :, None, None]
        return h + self.conv(torch.nn.functional.silu(z))


class Denoiser(nn.Module):
    def __init__(self, channels: int, width: int, cond: int, rank: int, blocks: int):
        super().__init__()
        self.width = width
        self.time = nn.Sequential(nn.Linear(width, width), nn.SiLU(), nn.Linear(width, width))
        self.cond = nn.Linear(cond, width)
        self.inp = LoraConv(channels, width, rank)
        self.blocks = nn.ModuleList([Block(width, width, rank) for _ in range(blocks)])
        self.out_norm = nn.GroupNorm(4, width)
        self.out = nn.Conv2d(width, channels, 3, padding=1)

    def forward(self, x, t, cond):
        half = self.width // 2
        freqs = torch.exp(
            -math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=x.device) / half)
        angles = t.to(torch.float32)[:, None] * freqs[None, :]
        e = self.time(torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)) + self.cond(cond)
        h = self.inp(x)
        for block in self.blocks:
            h = block(h, e)
        return self.out(torch.nn.functional.silu(self.out_norm(h)))


class ByteEncoder(nn.Module):
    """Mean of byte embeddings over the non-padding positions, then an MLP."""

    def __init__(self, cond: int):
        super().__init__()
        self.embed = nn.Embedding(257, cond, padding_idx=0)
        self.mlp = nn.Sequential(nn.Linear(cond, cond), nn.SiLU(), nn.Linear(cond, cond))

    def forward(self, ids):
        mask = (ids > 0).to(torch.float32)[:, :, None]
        summed = (self.embed(ids) * mask).sum(dim=1)
        count = mask.sum(dim=1).clamp(min=1.0)
        return self.mlp(summed / count)


def write_bundle(out, denoiser, encoder, manifest):
    os.makedirs(out, exist_ok=True)
    save_scripted(denoiser, os.path.join(out, "denoiser.pt"))
    save_scripted(encoder, os.path.join(out, "encoder.pt"))
    write_manifest(out, manifest, {"denoiser": "denoiser.pt", "encoder": "encoder.pt"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", type=int, default=32, help="image side in pixels")
    parser.add_argument("--width", type=int, default=32, help="channels of the denoiser")
    parser.add_argument("--rank", type=int, default=4, help="LoRA rank")
    parser.add_argument("--blocks", type=int, default=2)
    parser.add_argument("--prompt-length", type=int, default=64, help="UTF-8 bytes per prompt")
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    cond = 32
    denoiser = Denoiser(3, args.width, cond, args.rank, args.blocks)
    encoder = ByteEncoder(cond)
    write_bundle(
        args.out,
        denoiser,
        encoder,
        {
            "format": 1,
            "kind": "torchscript",
            "prediction": "EPSILON",
            "schedule": {"kind": "LINEAR", "timesteps": 1000, "betaStart": 1e-4, "betaEnd": 0.02},
            "geometry": {"channels": 3, "height": args.size, "width": args.size},
            "promptLength": args.prompt_length,
            "trainable": "lora_",
            "guidance": 2.0,
            "source": "tools/export/plain_denoiser.py --seed %d --size %d --width %d --rank %d"
            " --blocks %d --prompt-length %d"
            % (args.seed, args.size, args.width, args.rank, args.blocks, args.prompt_length),
        },
    )
    n = sum(p.numel() for p in denoiser.parameters())
    lora = sum(p.numel() for name, p in denoiser.named_parameters() if "lora_" in name)
    print("wrote %s: denoiser %d parameters (%d in LoRA adapters)" % (args.out, n, lora))


if __name__ == "__main__":
    main()
