#!/usr/bin/env python3
"""Writes a prefloop LATENT model bundle: a tiny VAE plus a denoiser that works on its latents.

The bundle is plain_denoiser.py's (format 1, see there and README.md) with two more TorchScript
files and two more manifest keys:

  manifest.json    as plain_denoiser.py's, where "geometry" is the LATENT shape the denoiser works
                   in (4 x 8 x 8 here), plus "image" (the decoded image shape, 3 x 32 x 32) and
                   "latentScale" (the factor between the VAE's raw latents and the denoiser's)
  denoiser.pt      TorchScript: forward(x_t [N,c,h,w] float, t [N], cond [N,D] float) -> [N,c,h,w]
  encoder.pt       TorchScript: forward(ids [N,L] long) -> cond [N,D] float (UTF-8 byte ids)
  vae_encoder.pt   TorchScript: forward(images [N,3,H,W] float in [-1,1]) -> latents [N,c,h,w]:
                   the posterior's mean (deterministic), already multiplied by latentScale
  vae_decoder.pt   TorchScript: forward(latents [N,c,h,w]) -> images [N,3,H,W] in [-1,1]: divides
                   by latentScale inside, ends with tanh

latentScale follows Stable Diffusion's convention (0.18215 there): scaled = raw * latentScale, and
it is 1 / (standard deviation of the raw latent means over the training images), so the latents the
denoiser sees have about unit variance, like the noise.

The VAE is real but tiny: strided convolutions 32 -> 16 -> 8 to 4 latent channels (mean and
log-variance), nearest upsampling back. It is trained here for a few hundred steps on synthetic
images (1-3 random coloured rectangles and discs on a random background, rendered in torch) with a
reconstruction loss plus a weak KL term; the script prints the reconstruction MSE before and after,
and that of the best constant image. The denoiser (plain_denoiser.py's, on latents) and the byte
prompt encoder stay untrained, like the plain fixture's: LoRA up-projections start at zero.

Usage (Debian's python3-torch 1.13 is enough; about a minute on one core):
  PYTHONHASHSEED=0 /usr/bin/python3 tools/export/latent_denoiser.py OUT_DIR [--seed 7]
(PYTHONHASHSEED=0 makes the TorchScript files byte-reproducible with the same torch build.)
"""
import argparse
import os
import time

import torch
from torch import nn
from torch.nn import functional as F

from bundle import parameter_counts, read_checked, save_scripted, write_manifest
from plain_denoiser import ByteEncoder, Denoiser


class TinyVae(nn.Module):
    """An autoencoder with a diagonal Gaussian posterior: 3 x S x S <-> latent x S/4 x S/4."""

    def __init__(self, latent: int, width: int):
        super().__init__()
        self.latent = latent
        self.encoder = nn.Sequential(
            nn.Conv2d(3, width, 3, padding=1),
            nn.SiLU(),
            nn.Conv2d(width, width, 4, stride=2, padding=1),
            nn.SiLU(),
            nn.Conv2d(width, 2 * width, 4, stride=2, padding=1),
            nn.SiLU(),
            nn.Conv2d(2 * width, 2 * latent, 3, padding=1),
        )
        self.decoder = nn.Sequential(
            nn.Conv2d(latent, 2 * width, 3, padding=1),
            nn.SiLU(),
            nn.Upsample(scale_factor=2.0, mode="nearest"),
            nn.Conv2d(2 * width, width, 3, padding=1),
            nn.SiLU(),
            nn.Upsample(scale_factor=2.0, mode="nearest"),
            nn.Conv2d(width, width, 3, padding=1),
            nn.SiLU(),
            nn.Conv2d(width, 3, 3, padding=1),
        )

    def posterior(self, images):
        mean, logvar = self.encoder(images).chunk(2, dim=1)
        return mean, logvar.clamp(-30.0, 20.0)

    def decode(self, latents):
        return torch.tanh(self.decoder(latents))


class VaeEncoder(nn.Module):
    """forward(images [N,3,H,W] in [-1,1]) -> posterior mean * scale [N,c,h,w]."""

    def __init__(self, vae: TinyVae, scale: float):
        super().__init__()
        self.encoder = vae.encoder
        self.latent = vae.latent
        self.scale = scale

    def forward(self, images):
        return self.encoder(images)[:, : self.latent] * self.scale


class VaeDecoder(nn.Module):
    """forward(latents [N,c,h,w], scaled) -> images [N,3,H,W] in [-1,1]."""

    def __init__(self, vae: TinyVae, scale: float):
        super().__init__()
        self.decoder = vae.decoder
        self.scale = scale

    def forward(self, latents):
        return torch.tanh(self.decoder(latents / self.scale))


def render(n: int, size: int, generator: torch.Generator, shapes: int = 3):
    """n synthetic images [n,3,size,size] in [-1,1]: 1..shapes rectangles/discs on a background."""

    def uniform(*shape, low=0.0, high=1.0):
        return low + (high - low) * torch.rand(*shape, generator=generator)

    images = uniform(n, 3, 1, 1, low=-1.0, high=1.0).expand(n, 3, size, size).clone()
    coords = (torch.arange(size, dtype=torch.float32) + 0.5) / size
    ys = coords[None, :, None]
    xs = coords[None, None, :]
    count = torch.randint(1, shapes + 1, (n,), generator=generator)
    for k in range(shapes):
        active = (count > k).to(torch.float32)[:, None, None]
        colour = uniform(n, 3, 1, 1, low=-1.0, high=1.0)
        is_rect = (torch.rand(n, generator=generator) < 0.5).to(torch.float32)[:, None, None]
        # rectangle: corners in [0,1], sides at least 0.15
        x0 = uniform(n, low=0.0, high=0.8)[:, None, None]
        y0 = uniform(n, low=0.0, high=0.8)[:, None, None]
        x1 = (x0 + uniform(n, low=0.15, high=0.6)[:, None, None]).clamp(max=1.0)
        y1 = (y0 + uniform(n, low=0.15, high=0.6)[:, None, None]).clamp(max=1.0)
        rect = ((xs >= x0) & (xs < x1) & (ys >= y0) & (ys < y1)).to(torch.float32)
        # disc: centre in [0.15, 0.85], radius in [0.08, 0.3]
        cx = uniform(n, low=0.15, high=0.85)[:, None, None]
        cy = uniform(n, low=0.15, high=0.85)[:, None, None]
        r = uniform(n, low=0.08, high=0.3)[:, None, None]
        disc = (((xs - cx) ** 2 + (ys - cy) ** 2) <= r**2).to(torch.float32)
        mask = (active * (is_rect * rect + (1 - is_rect) * disc))[:, None]
        images = images * (1 - mask) + colour * mask
    return images


def reconstruction_mse(vae: TinyVae, images):
    with torch.no_grad():
        mean, _ = vae.posterior(images)
        return F.mse_loss(vae.decode(mean), images).item()


def train_vae(vae, size, steps, batch, lr, kl_weight, generator, log_every=100):
    optimizer = torch.optim.Adam(vae.parameters(), lr=lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, steps)
    vae.train()
    for step in range(1, steps + 1):
        images = render(batch, size, generator)
        mean, logvar = vae.posterior(images)
        noise = torch.randn(mean.shape, generator=generator)
        latents = mean + torch.exp(0.5 * logvar) * noise
        recon = F.mse_loss(vae.decode(latents), images)
        kl = 0.5 * (mean**2 + logvar.exp() - 1.0 - logvar).mean()
        loss = recon + kl_weight * kl
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        if step % log_every == 0 or step == steps:
            print("  vae step %4d: recon %.4f kl %.3f" % (step, recon.item(), kl.item()))
    vae.eval()


def check(out, args, cond, eval_images, expected_mse):
    """Reloads every file of the written bundle, runs each at the documented shapes."""
    manifest = read_checked(out)
    files = manifest["files"]
    loaded = {role: torch.jit.load(os.path.join(out, name)) for role, name in files.items()}
    g = manifest["geometry"]
    image = manifest["image"]
    n = 3
    latent_shape = (n, g["channels"], g["height"], g["width"])
    with torch.no_grad():
        ids = torch.zeros(n, manifest["promptLength"], dtype=torch.long)
        prompt = list("a red disc".encode("utf-8"))
        ids[0, : len(prompt)] = torch.tensor(prompt) + 1
        c = loaded["encoder"](ids)
        assert c.shape == (n, cond) and c.dtype == torch.float32, c.shape
        x = torch.randn(latent_shape)
        for t in (torch.tensor([0, 500, 999]), torch.tensor([0.0, 500.0, 999.0])):
            y = loaded["denoiser"](x, t, c)
            assert y.shape == latent_shape and torch.isfinite(y).all(), y.shape
        z = loaded["vae_encoder"](eval_images[:n])
        assert z.shape == latent_shape, z.shape
        images = loaded["vae_decoder"](z)
        assert images.shape == (n, image["channels"], image["height"], image["width"])
        assert images.abs().max() <= 1.0
        z = loaded["vae_encoder"](eval_images)
        mse = F.mse_loss(loaded["vae_decoder"](z), eval_images).item()
        assert abs(mse - expected_mse) < 1e-5, (mse, expected_mse)
        print("  scaled latents of the eval images: mean %.3f std %.3f" % (z.mean(), z.std()))
    params = {role: sum(p.numel() for p in m.parameters()) for role, m in loaded.items()}
    sizes = {name: os.path.getsize(os.path.join(out, name)) for name in files.values()}
    print("  checked %s: sha256 ok; reloaded %s" % (out, ", ".join(sorted(files))))
    print("  parameters: %s" % ", ".join("%s %d" % kv for kv in sorted(params.items())))
    print("  bytes: %s; total %d" % (", ".join("%s %d" % kv for kv in sorted(sizes.items())),
                                     sum(sizes.values())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", type=int, default=32, help="image side in pixels (multiple of 4)")
    parser.add_argument("--latent-channels", type=int, default=4)
    parser.add_argument("--vae-width", type=int, default=32, help="channels of the VAE")
    parser.add_argument("--vae-steps", type=int, default=1200, help="VAE training steps")
    parser.add_argument("--vae-batch", type=int, default=32)
    parser.add_argument("--vae-lr", type=float, default=2e-3)
    parser.add_argument("--kl-weight", type=float, default=1e-3)
    parser.add_argument("--width", type=int, default=32, help="channels of the denoiser")
    parser.add_argument("--rank", type=int, default=4, help="LoRA rank")
    parser.add_argument("--blocks", type=int, default=2)
    parser.add_argument("--prompt-length", type=int, default=64, help="UTF-8 bytes per prompt")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    args = parser.parse_args()
    if args.size % 4:
        parser.error("--size must be a multiple of 4 (the VAE downsamples by 4)")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    cond = 32
    latent_side = args.size // 4

    # 1. the VAE, trained briefly on synthetic images
    data = torch.Generator().manual_seed(args.seed)
    eval_images = render(256, args.size, torch.Generator().manual_seed(args.seed + 1000))
    vae = TinyVae(args.latent_channels, args.vae_width)
    constant = F.mse_loss(eval_images.mean(dim=0, keepdim=True).expand_as(eval_images),
                          eval_images).item()
    before = reconstruction_mse(vae, eval_images)
    print("vae: %d parameters; eval recon MSE %.4f untrained (best constant image: %.4f)"
          % (sum(p.numel() for p in vae.parameters()), before, constant))
    started = time.time()
    train_vae(vae, args.size, args.vae_steps, args.vae_batch, args.vae_lr, args.kl_weight, data)
    after = reconstruction_mse(vae, eval_images)
    print("vae: trained %d steps in %.0f s; eval recon MSE %.4f (best constant image: %.4f)"
          % (args.vae_steps, time.time() - started, after, constant))
    with torch.no_grad():
        raw, _ = vae.posterior(eval_images)
    scale = float("%.4g" % (1.0 / raw.std().item()))
    print("vae: raw latent std %.4f -> latentScale %s" % (raw.std().item(), scale))

    # 2. the denoiser on latents and the byte prompt encoder, untrained
    denoiser = Denoiser(args.latent_channels, args.width, cond, args.rank, args.blocks)
    encoder = ByteEncoder(cond)

    # 3. the bundle
    os.makedirs(args.out, exist_ok=True)
    files = {
        "denoiser": "denoiser.pt",
        "encoder": "encoder.pt",
        "vae_encoder": "vae_encoder.pt",
        "vae_decoder": "vae_decoder.pt",
    }
    modules = {
        "denoiser": denoiser,
        "encoder": encoder,
        "vae_encoder": VaeEncoder(vae, scale),
        "vae_decoder": VaeDecoder(vae, scale),
    }
    for role, name in files.items():
        save_scripted(modules[role], os.path.join(args.out, name))
    manifest = {
        "format": 1,
        "kind": "torchscript",
        "prediction": "EPSILON",
        "schedule": {"kind": "LINEAR", "timesteps": 1000, "betaStart": 1e-4, "betaEnd": 0.02},
        "geometry": {"channels": args.latent_channels, "height": latent_side, "width": latent_side},
        "image": {"channels": 3, "height": args.size, "width": args.size},
        "latentScale": scale,
        "promptLength": args.prompt_length,
        "trainable": "lora_",
        "guidance": 2.0,
        "source": "tools/export/latent_denoiser.py --seed %d --size %d --latent-channels %d"
        " --vae-width %d --vae-steps %d --vae-batch %d --vae-lr %g --kl-weight %g --width %d"
        " --rank %d --blocks %d --prompt-length %d"
        % (args.seed, args.size, args.latent_channels, args.vae_width, args.vae_steps,
           args.vae_batch, args.vae_lr, args.kl_weight, args.width, args.rank, args.blocks,
           args.prompt_length),
    }
    write_manifest(args.out, manifest, files)
    total, lora = parameter_counts(denoiser, manifest["trainable"])
    print("wrote %s: denoiser %d parameters (%d in LoRA adapters), VAE %d, encoder %d"
          % (args.out, total, lora, sum(p.numel() for p in vae.parameters()),
             sum(p.numel() for p in encoder.parameters())))
    check(args.out, args, cond, eval_images, after)


if __name__ == "__main__":
    main()
