"""Shared helpers of the bundle exporters in tools/export/: file hashes, the manifest, checks.

A bundle is a folder with manifest.json and the files it names under "files" (role -> file name);
manifest["sha256"] holds the sha256 of every one of them (prefloop checks them before loading).

TorchScript archives are byte-reproducible only with a fixed PYTHONHASHSEED (the order of a
module's constants follows Python's string hashing): run the exporters with PYTHONHASHSEED=0 when
the bytes matter (a committed fixture).
"""
import hashlib
import json
import os
import re

import torch


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_scripted(module, path):
    """torch.jit.script(module) in eval mode, saved to path."""
    torch.jit.script(module.eval()).save(path)


def write_manifest(out, manifest, files):
    """Writes out/manifest.json: manifest plus "files" (role -> name) and the sha256 of each file.

    Keys are sorted and indented by 2, so the file diffs well.
    """
    manifest = dict(manifest)
    manifest["files"] = dict(files)
    manifest["sha256"] = {name: sha256(os.path.join(out, name)) for name in files.values()}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    return manifest


def read_checked(out):
    """The manifest of the bundle in out, after checking the sha256 of every file it names."""
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    for role, name in manifest["files"].items():
        expected = manifest["sha256"].get(name)
        if expected is None:
            raise ValueError("manifest has no sha256 for %s (%s)" % (name, role))
        actual = sha256(os.path.join(out, name))
        if actual != expected:
            raise ValueError("%s: sha256 %s, manifest says %s" % (name, actual, expected))
    return manifest


def parameter_counts(module, trainable="lora_"):
    """(all parameters, parameters whose name matches the regular expression trainable).

    "Matches" as prefloop reads the manifest's "trainable": a match anywhere in the name.
    """
    total = sum(p.numel() for p in module.parameters())
    matching = sum(
        p.numel() for name, p in module.named_parameters() if re.search(trainable, name))
    return total, matching
