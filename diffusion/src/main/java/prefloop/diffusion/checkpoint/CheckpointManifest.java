package prefloop.diffusion.checkpoint;

import java.util.Map;
import prefloop.diffusion.model.UNetConfig;

/**
 * The JSON manifest stored next to a checkpoint's weights ({@code manifest.json}): enough to
 * rebuild the block, verify the bytes and trace where the weights came from.
 *
 * @param formatVersion manifest format, currently {@value #FORMAT_VERSION}
 * @param architecture the UNet config the weights belong to
 * @param role e.g. "base", "policy", "reference", "initial"
 * @param version this checkpoint's version (monotonic per role)
 * @param parentVersion the version it was derived from (−1 for none)
 * @param learnerStep learner step that produced it (pretraining: the pretraining step)
 * @param seed the root seed of the run that produced it
 * @param gitRevision the source revision (or "unknown")
 * @param libraries library versions, e.g. {"djl": "0.36.0", "pytorch": "2.7.1"}
 * @param weightsFile file name of the weights, relative to the manifest
 * @param weightsSha256 lower-case hex SHA-256 of the weights file
 * @param weightsBytes size of the weights file in bytes
 * @param consumerOffsets "topic-partition" → next offset to consume (learner exactly-once)
 * @param extra free-form provenance (schedule, loss, wall time...)
 */
public record CheckpointManifest(
    int formatVersion,
    UNetConfig architecture,
    String role,
    long version,
    long parentVersion,
    long learnerStep,
    long seed,
    String gitRevision,
    Map<String, String> libraries,
    String weightsFile,
    String weightsSha256,
    long weightsBytes,
    Map<String, Long> consumerOffsets,
    Map<String, String> extra) {

  public static final int FORMAT_VERSION = 1;
  public static final String FILE_NAME = "manifest.json";
  public static final String DEFAULT_WEIGHTS_FILE = "weights.params";

  public CheckpointManifest {
    if (architecture == null) {
      throw new IllegalArgumentException("CheckpointManifest.architecture is required");
    }
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("CheckpointManifest.role must be non-blank");
    }
    if (weightsFile == null || weightsFile.contains("/") || weightsFile.contains("..")) {
      throw new IllegalArgumentException(
          "CheckpointManifest.weightsFile must be a plain file name, got " + weightsFile);
    }
    libraries = libraries == null ? Map.of() : Map.copyOf(libraries);
    consumerOffsets = consumerOffsets == null ? Map.of() : Map.copyOf(consumerOffsets);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }
}
