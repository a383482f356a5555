package prefloop.diffusion.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import prefloop.diffusion.model.UNetConfig;

/**
 * The JSON manifest stored next to a checkpoint's weights ({@code manifest.json}): enough to
 * rebuild the model, verify the bytes and trace where the weights came from.
 *
 * <p>A checkpoint of the toy UNet holds every weight and records its architecture. A checkpoint of
 * a model bundle holds only the bundle's trainable adapters ({@link WeightsKind#ADAPTER}) and
 * records which frozen base they belong to ({@code baseSha256}); the base itself stays in the
 * bundle. Absent fields are left out of the JSON, so toy manifests read the same in builds that
 * predate adapters.
 *
 * @param formatVersion manifest format, currently {@value #FORMAT_VERSION}
 * @param architecture the UNet config the weights belong to; null for adapter checkpoints
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
 * @param weights what the weights file holds; null means {@link WeightsKind#FULL}
 * @param baseSha256 for adapter checkpoints: the sha256 of the bundle's {@code manifest.json}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
    Map<String, String> extra,
    WeightsKind weights,
    String baseSha256) {

  public static final int FORMAT_VERSION = 1;
  public static final String FILE_NAME = "manifest.json";
  public static final String DEFAULT_WEIGHTS_FILE = "weights.params";

  public CheckpointManifest {
    if (weights == WeightsKind.FULL) {
      weights = null;
    }
    if (weights == WeightsKind.ADAPTER && (baseSha256 == null || baseSha256.isBlank())) {
      throw new IllegalArgumentException(
          "an adapter checkpoint must name its base: CheckpointManifest.baseSha256 is required");
    }
    if (weights == null && architecture == null) {
      throw new IllegalArgumentException(
          "CheckpointManifest.architecture is required for a full-weight checkpoint");
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

  /** What the weights file holds. */
  public WeightsKind weightsKind() {
    return weights == null ? WeightsKind.FULL : weights;
  }
}
