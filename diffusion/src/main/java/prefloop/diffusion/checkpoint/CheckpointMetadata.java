package prefloop.diffusion.checkpoint;

import java.util.Map;

/**
 * What the writer of a checkpoint states about it; the weights' hash, size, file name and the
 * architecture are filled in by {@link CheckpointWriter}.
 */
public record CheckpointMetadata(
    String role,
    long version,
    long parentVersion,
    long learnerStep,
    long seed,
    Map<String, Long> consumerOffsets,
    Map<String, String> extra) {

  public CheckpointMetadata {
    consumerOffsets = consumerOffsets == null ? Map.of() : Map.copyOf(consumerOffsets);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /** Metadata with no parent, offsets or extras. */
  public static CheckpointMetadata of(String role, long version, long learnerStep, long seed) {
    return new CheckpointMetadata(role, version, -1, learnerStep, seed, Map.of(), Map.of());
  }
}
