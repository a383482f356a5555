package prefloop.diffusion.checkpoint;

/**
 * A checkpoint's manifest and the bytes of its weights file, whose size and sha256 matched the
 * manifest; not yet built into a model.
 */
public record VerifiedWeights(CheckpointManifest manifest, byte[] weights) {}
