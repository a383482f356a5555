#!/usr/bin/env python3
"""Writes a prefloop latent model bundle from a diffusers Stable Diffusion (1.x / 2.x) pipeline.

NOT RUN against the real libraries in prefloop's repository (diffusers cannot be installed there):
it is written against the public APIs of diffusers (>= 0.25, with its PEFT integration),
transformers and peft, and only its control flow was smoke-tested, with small stand-in modules.
Run it on your machine: it checks every trace against diffusers' own (eager) path, at batch sizes
other than the traced one and again after reloading the files, and exits if they differ.

The bundle is the latent one of latent_denoiser.py (see README.md), with CLIP's own tokenizer:

  manifest.json    format 1, kind torchscript, prediction (EPSILON or V, from the scheduler's
                   prediction_type), schedule (from the scheduler's config), geometry (the latent
                   shape, 4 x H/8 x W/8), image (3 x H x W), latentScale (vae.config.scaling_factor),
                   promptLength 77, trainable "lora_", guidance (7.5), tokenizer (below), files,
                   sha256, source
  denoiser.pt      traced: forward(x_t [N,4,h,w] float, t [N] (any number type), cond [N,77,D])
                   -> [N,4,h,w]; the UNet with LoRA adapters on its attention projections (to_q,
                   to_k, to_v, to_out.0) added by peft: their parameters are named ...lora_A... /
                   ...lora_B..., and lora_B starts at zero, so the adapted UNet equals the base
  encoder.pt       traced: forward(ids [N,77] long) -> cond [N,77,D] float: the CLIP text
                   encoder's last_hidden_state (what the pipelines feed the UNet)
  vae_encoder.pt   traced: forward(images [N,3,H,W] in [-1,1]) -> latent_dist.mean * scaling_factor
  vae_decoder.pt   traced: forward(latents [N,4,h,w]) -> decode(latents / scaling_factor).sample,
                   clamped to [-1,1]
  tokenizer.json   the CLIP tokenizer as a HuggingFace `tokenizers` file, with padding to 77 (with
                   CLIP's pad token) and truncation at 77 set in it; manifest "tokenizer":
                   {"kind": "huggingface", "file": "tokenizer.json", "maxLength": 77, "padId": ...}

Prompts: the ids are CLIP BPE tokens (begin/end-of-text added, padded to 77), not prefloop's UTF-8
bytes. prefloop reads tokenizer.json with DJL's HuggingFace tokenizers (ai.djl.huggingface:
tokenizers), which must be built with padding to maxLength and truncation; the unconditional prompt
of classifier-free guidance is the encoding of the empty prompt "" (not an all-padding row).

Traces: a trace records one path through the code, with the device of every tensor created inside
forward fixed (the UNet's timestep embedding, CLIP's causal mask). Trace on the device prefloop
will run the bundle on (--device cuda for a GPU, cpu otherwise). Traces are checked at batch sizes
other than the traced one. prefloop's DJL runs libtorch 2.7.1: export with torch <= 2.7 so that it
can read the files. Everything is exported in float32.

Usage:
  pip install "torch<=2.7.1" "diffusers>=0.25" transformers peft
  python3 tools/export/diffusers_bundle.py MODEL OUT_DIR [--device cpu] [--rank 4]
MODEL is a hub id (e.g. stable-diffusion-v1-5/stable-diffusion-v1-5), a local diffusers folder, or
a single .safetensors / .ckpt checkpoint file.
"""
import argparse
import os
import sys

import torch
from torch import nn

from bundle import read_checked, write_manifest

# our ScheduleKind (diffusion/src/main/java/prefloop/diffusion/schedule/ScheduleKind.java) by
# diffusers' beta_schedule. squaredcos_cap_v2 is betas_for_alpha_bar with the cosine alpha-bar of
# Nichol & Dhariwal (s = 0.008, beta <= 0.999): the same betas as our COSINE.
SCHEDULES = {"linear": "LINEAR", "scaled_linear": "SCALED_LINEAR", "squaredcos_cap_v2": "COSINE"}
PREDICTIONS = {"epsilon": "EPSILON", "v_prediction": "V"}
PROMPTS = ["", "a photo of an astronaut riding a horse on the moon", "A red CUBE, on a table!"]


class UNetDenoiser(nn.Module):
    """Our denoiser signature around a UNet2DConditionModel: forward(x_t, t, cond) -> prediction."""

    def __init__(self, unet):
        super().__init__()
        self.unet = unet

    def forward(self, x_t, t, cond):
        return self.unet(x_t, t.to(torch.float32), encoder_hidden_states=cond, return_dict=False)[0]


class TextEncoder(nn.Module):
    """forward(ids [N,77] long) -> last_hidden_state [N,77,D]."""

    def __init__(self, text_encoder):
        super().__init__()
        self.text_encoder = text_encoder

    def forward(self, ids):
        return self.text_encoder(input_ids=ids, return_dict=False)[0]


class VaeEncoder(nn.Module):
    """forward(images [N,3,H,W] in [-1,1]) -> (posterior mean - shift) * scale.

    AutoencoderKL.encode without tiling or slicing, holding only the encoder's weights (a trace
    keeps every parameter of the traced module); checked against vae.encode(...).latent_dist.mean.
    """

    def __init__(self, vae, scale, shift):
        super().__init__()
        self.encoder = vae.encoder
        self.quant_conv = getattr(vae, "quant_conv", None)
        self.scale = scale
        self.shift = shift

    def forward(self, images):
        moments = self.encoder(images)
        if self.quant_conv is not None:
            moments = self.quant_conv(moments)
        mean = moments.chunk(2, dim=1)[0]
        return (mean - self.shift) * self.scale


class VaeDecoder(nn.Module):
    """forward(latents [N,4,h,w]) -> images [N,3,H,W] in [-1,1].

    AutoencoderKL.decode without tiling or slicing, holding only the decoder's weights; checked
    against vae.decode(...).sample.
    """

    def __init__(self, vae, scale, shift):
        super().__init__()
        self.post_quant_conv = getattr(vae, "post_quant_conv", None)
        self.decoder = vae.decoder
        self.scale = scale
        self.shift = shift

    def forward(self, latents):
        z = latents / self.scale + self.shift
        if self.post_quant_conv is not None:
            z = self.post_quant_conv(z)
        return self.decoder(z).clamp(-1.0, 1.0)


def fail(message):
    sys.exit("diffusers_bundle.py: " + message)


def import_libraries():
    try:
        import diffusers  # noqa: F401
        import peft  # noqa: F401
        import transformers  # noqa: F401
        from diffusers import StableDiffusionPipeline  # noqa: F401
        from peft import LoraConfig  # noqa: F401
    except ImportError as e:
        fail(
            "needs diffusers (>= 0.25), transformers and peft, which are not installed here (%s).\n"
            "Install them next to a PyTorch <= 2.7.1 (prefloop's DJL reads libtorch 2.7.1 files):\n"
            '  pip install "torch<=2.7.1" "diffusers>=0.25" transformers peft' % e
        )
    import diffusers
    import peft
    import transformers

    return {"diffusers": diffusers.__version__, "transformers": transformers.__version__,
            "peft": peft.__version__, "torch": torch.__version__}


def load_pipeline(model):
    from diffusers import StableDiffusionPipeline

    kwargs = {"torch_dtype": torch.float32, "safety_checker": None,
              "requires_safety_checker": False}
    if os.path.isfile(model):
        if not hasattr(StableDiffusionPipeline, "from_single_file"):
            fail("this diffusers has no from_single_file: convert %s to a diffusers folder" % model)
        return StableDiffusionPipeline.from_single_file(model, **kwargs)
    return StableDiffusionPipeline.from_pretrained(model, **kwargs)


def schedule_of(config):
    """Our "schedule" from scheduler.config, or exit saying what is not supported."""
    if config.get("trained_betas") is not None:
        fail("the scheduler has explicit trained_betas; prefloop's schedules are LINEAR, "
             "SCALED_LINEAR and COSINE only")
    if config.get("rescale_betas_zero_snr", False):
        fail("the scheduler rescales betas to zero terminal SNR, which prefloop's schedules lack")
    kind = SCHEDULES.get(config.get("beta_schedule", "linear"))
    if kind is None:
        fail("beta_schedule %r is not supported: prefloop knows %s"
             % (config.get("beta_schedule"), ", ".join(sorted(SCHEDULES))))
    return {"kind": kind, "timesteps": int(config.get("num_train_timesteps", 1000)),
            "betaStart": float(config.get("beta_start", 0.0001)),
            "betaEnd": float(config.get("beta_end", 0.02))}


def check_unet(unet):
    config = unet.config
    extra = []
    if config.get("addition_embed_type") is not None:
        extra.append("addition_embed_type=%s (SDXL-style added conditions)"
                     % config.get("addition_embed_type"))
    if config.get("class_embed_type") is not None or config.get("num_class_embeds") is not None:
        extra.append("class embeddings")
    if config.get("time_cond_proj_dim") is not None:
        extra.append("time_cond_proj_dim (guidance embedding)")
    if extra:
        fail("this UNet needs inputs that prefloop's forward(x_t, t, cond) lacks: "
             + "; ".join(extra))
    if config.in_channels != config.out_channels:
        fail("UNet in_channels %d != out_channels %d (inpainting or similar is not supported)"
             % (config.in_channels, config.out_channels))


def add_lora(unet, rank, alpha, targets):
    from peft import LoraConfig

    if not hasattr(unet, "add_adapter"):
        fail("this diffusers' UNet has no add_adapter (PEFT integration): use diffusers >= 0.25")
    unet.requires_grad_(False)
    unet.add_adapter(LoraConfig(r=rank, lora_alpha=alpha, init_lora_weights="gaussian",
                                target_modules=targets))
    lora = [(name, p) for name, p in unet.named_parameters() if "lora_" in name]
    if not lora:
        fail("add_adapter added no parameter named lora_: no module matched %s" % targets)
    for name, p in lora:
        if "lora_B" in name and p.abs().max().item() != 0.0:
            fail("%s does not start at zero: the adapted UNet would differ from the base" % name)
    return sum(p.numel() for _, p in lora)


def tokenizer_file(tokenizer, length, path):
    """Writes tokenizer as a HuggingFace tokenizers file with padding/truncation to length."""
    from tokenizers import Tokenizer

    if getattr(tokenizer, "is_fast", False):
        backend = Tokenizer.from_str(tokenizer.backend_tokenizer.to_str())
    else:
        from transformers.convert_slow_tokenizer import convert_slow_tokenizer

        backend = convert_slow_tokenizer(tokenizer)
    pad_id = tokenizer.pad_token_id
    if pad_id is None:
        fail("the tokenizer has no pad token")
    backend.enable_truncation(max_length=length)
    backend.enable_padding(pad_id=pad_id, pad_token=tokenizer.pad_token, length=length)
    long_prompt = " ".join(["word%d" % i for i in range(100)])
    for prompt in PROMPTS + [long_prompt]:
        ours = backend.encode(prompt).ids
        theirs = tokenizer(prompt, padding="max_length", max_length=length,
                           truncation=True).input_ids
        if ours != list(theirs):
            fail("tokenizer.json encodes %r as %s..., the pipeline's tokenizer as %s..."
                 % (prompt, ours[:8], list(theirs)[:8]))
    backend.save(path)
    return pad_id


def trace(module, inputs, path):
    """torch.jit.trace(module) on inputs (eval mode, no autograd while tracing), saved to path.

    Tracing without autograd records the same graph: prefloop still differentiates the LoRA
    parameters of the loaded denoiser.
    """
    module.eval()
    with torch.no_grad():
        traced = torch.jit.trace(module, inputs, check_trace=False)
    traced.save(path)
    return traced


def compare(name, eager, traced, inputs):
    """Max |eager - traced| on inputs, relative to the output's scale; exits if too large."""
    with torch.no_grad():
        want = eager(*inputs)
        got = traced(*inputs)
    if want.shape != got.shape:
        fail("%s: trace returns %s, eager %s" % (name, tuple(got.shape), tuple(want.shape)))
    error = (want - got).abs().max().item() / max(1.0, want.abs().max().item())
    print("  %s at batch %d: relative max error %.2e" % (name, inputs[0].shape[0], error))
    if not error < 1e-3:
        fail("%s: the trace differs from the eager module (%.2e) at batch %d"
             % (name, error, inputs[0].shape[0]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="hub id, diffusers folder, or .safetensors/.ckpt file")
    parser.add_argument("out")
    parser.add_argument("--device", default="cpu",
                        help="trace on this device; the bundle runs there (cpu, cuda, cuda:1)")
    parser.add_argument("--resolution", type=int, default=None,
                        help="image side in pixels (default: the UNet's sample_size * 8)")
    parser.add_argument("--rank", type=int, default=4, help="LoRA rank")
    parser.add_argument("--alpha", type=float, default=None, help="LoRA alpha (default: rank)")
    parser.add_argument("--targets", default="to_q,to_k,to_v,to_out.0",
                        help="comma-separated module names that get LoRA adapters")
    parser.add_argument("--guidance", type=float, default=7.5)
    parser.add_argument("--prediction", choices=sorted(PREDICTIONS), default=None,
                        help="override the scheduler's prediction_type")
    parser.add_argument("--attention", choices=["sdpa", "classic"], default="sdpa",
                        help="UNet/VAE attention: sdpa (scaled_dot_product_attention, the default "
                        "of diffusers on torch 2) or classic (baddbmm + softmax)")
    args = parser.parse_args()

    versions = import_libraries()
    major_minor = tuple(int(v) for v in torch.__version__.split("+")[0].split(".")[:2])
    if major_minor > (2, 7):
        print("warning: torch %s is newer than prefloop's libtorch 2.7.1, which may not read "
              "its TorchScript files" % torch.__version__)
    device = torch.device(args.device)
    torch.manual_seed(0)

    print("loading %s" % args.model)
    pipe = load_pipeline(args.model)
    unet, vae, text_encoder, tokenizer = pipe.unet, pipe.vae, pipe.text_encoder, pipe.tokenizer
    check_unet(unet)
    config = pipe.scheduler.config
    prediction_type = args.prediction or config.get("prediction_type", "epsilon")
    if prediction_type not in PREDICTIONS:
        fail("prediction_type %r is not supported: prefloop knows epsilon and v_prediction"
             % prediction_type)
    schedule = schedule_of(config)
    if args.attention == "classic":
        from diffusers.models.attention_processor import AttnProcessor

        unet.set_attn_processor(AttnProcessor())
        vae.set_attn_processor(AttnProcessor())
    alpha = args.alpha if args.alpha is not None else float(args.rank)
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    lora = add_lora(unet, args.rank, alpha, targets)
    for module in (unet, vae, text_encoder):
        module.to(device=device, dtype=torch.float32).eval()

    scale = float(vae.config.scaling_factor)
    shift = vae.config.get("shift_factor", None) or 0.0
    vae_factor = 2 ** (len(vae.config.block_out_channels) - 1)
    resolution = args.resolution or unet.config.sample_size * vae_factor
    if resolution % vae_factor:
        fail("--resolution %d must be a multiple of %d" % (resolution, vae_factor))
    length = tokenizer.model_max_length
    if length > 1000:
        fail("the tokenizer's model_max_length (%d) is not a CLIP length" % length)

    os.makedirs(args.out, exist_ok=True)
    files = {"denoiser": "denoiser.pt", "encoder": "encoder.pt", "vae_encoder": "vae_encoder.pt",
             "vae_decoder": "vae_decoder.pt", "tokenizer": "tokenizer.json"}
    path = {role: os.path.join(args.out, name) for role, name in files.items()}
    pad_id = tokenizer_file(tokenizer, length, path["tokenizer"])

    def ids_of(prompts):
        ids = tokenizer(prompts, padding="max_length", max_length=length, truncation=True,
                        return_tensors="pt").input_ids
        return ids.to(device=device, dtype=torch.long)

    def images_of(n):
        return (torch.rand(n, 3, resolution, resolution) * 2 - 1).to(device)

    print("tracing the text encoder")
    encoder = TextEncoder(text_encoder)
    encoder_traced = trace(encoder, (ids_of(PROMPTS[:2]),), path["encoder"])
    for n in (1, 3):
        compare("encoder", encoder, encoder_traced, (ids_of((PROMPTS * 2)[:n]),))

    print("tracing the VAE")
    for off in ("disable_tiling", "disable_slicing"):  # the traced path does neither
        if hasattr(vae, off):
            getattr(vae, off)()

    def vae_encoder(images):  # the reference: diffusers' own path
        return (vae.encode(images).latent_dist.mean - shift) * scale

    def vae_decoder(latents):
        return vae.decode(latents / scale + shift).sample.clamp(-1.0, 1.0)

    vae_encoder_traced = trace(VaeEncoder(vae, scale, shift), (images_of(2),), path["vae_encoder"])
    with torch.no_grad():
        latents = vae_encoder(images_of(2))
    vae_decoder_traced = trace(VaeDecoder(vae, scale, shift), (latents,), path["vae_decoder"])
    for n in (1, 3):
        compare("vae_encoder", vae_encoder, vae_encoder_traced, (images_of(n),))
        with torch.no_grad():
            z = vae_encoder(images_of(n))
        compare("vae_decoder", vae_decoder, vae_decoder_traced, (z,))
    channels, height, width = latents.shape[1:]
    if channels != unet.config.in_channels:
        fail("the VAE makes %d latent channels, the UNet reads %d" % (channels,
                                                                       unet.config.in_channels))

    print("tracing the UNet (LoRA rank %d on %s: %d parameters)" % (args.rank, targets, lora))
    denoiser = UNetDenoiser(unet)

    def denoiser_inputs(n):
        with torch.no_grad():
            cond = encoder(ids_of((PROMPTS * 2)[:n]))
        x = torch.randn(n, channels, height, width, device=device)
        t = torch.randint(0, schedule["timesteps"], (n,), device=device, dtype=torch.long)
        return x, t, cond

    denoiser_traced = trace(denoiser, denoiser_inputs(2), path["denoiser"])
    for n in (1, 3):
        compare("denoiser", denoiser, denoiser_traced, denoiser_inputs(n))
    x, t, cond = denoiser_inputs(1)
    compare("denoiser (float t)", denoiser, denoiser_traced, (x, t.to(torch.float32), cond))

    manifest = {
        "format": 1,
        "kind": "torchscript",
        "prediction": PREDICTIONS[prediction_type],
        "schedule": schedule,
        "geometry": {"channels": int(channels), "height": int(height), "width": int(width)},
        "image": {"channels": 3, "height": resolution, "width": resolution},
        "latentScale": scale,
        "promptLength": length,
        "trainable": "lora_",
        "guidance": args.guidance,
        "tokenizer": {"kind": "huggingface", "file": files["tokenizer"], "maxLength": length,
                      "padId": pad_id},
        "source": "tools/export/diffusers_bundle.py %s --device %s --resolution %d --rank %d"
        " --alpha %g --targets %s --attention %s (%s)"
        % (args.model, args.device, resolution, args.rank, alpha, ",".join(targets),
           args.attention, ", ".join("%s %s" % kv for kv in sorted(versions.items()))),
    }
    if shift:
        manifest["latentShift"] = float(shift)
    write_manifest(args.out, manifest, files)

    print("checking %s" % args.out)
    read_checked(args.out)
    for role in ("denoiser", "encoder", "vae_encoder", "vae_decoder"):
        loaded = torch.jit.load(path[role], map_location=device)
        eager = {"denoiser": denoiser, "encoder": encoder, "vae_encoder": vae_encoder,
                 "vae_decoder": vae_decoder}[role]
        inputs = {"denoiser": lambda: denoiser_inputs(2), "encoder": lambda: (ids_of(PROMPTS[:2]),),
                  "vae_encoder": lambda: (images_of(2),), "vae_decoder": lambda: (latents,)}[role]()
        compare(role + " (reloaded)", eager, loaded, inputs)
    sizes = {name: os.path.getsize(os.path.join(args.out, name)) for name in files.values()}
    total = sum(p.numel() for p in unet.parameters())
    print("wrote %s: %s; UNet %d parameters (%d in LoRA adapters)"
          % (args.out, ", ".join("%s %.1f MB" % (n, s / 2**20) for n, s in sorted(sizes.items())),
             total, lora))


if __name__ == "__main__":
    main()
