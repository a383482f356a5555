package prefloop.diffusion.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;

/**
 * Writes a checkpoint directory: {@code weights.params} and {@code manifest.json}. For the toy UNet
 * the weights are every parameter (DJL {@code Block.saveParameters}); for a bundle model they are
 * its adapters only, and the manifest names the base they belong to. Both files are written to
 * temporaries in the target directory and renamed atomically, weights first, so a reader that sees
 * a manifest sees complete weights (and the sha256 catches anything else).
 */
public final class CheckpointWriter {

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, String> libraries;
  private final String gitRevision;

  /** A writer that records the current library versions and git revision. */
  public CheckpointWriter() {
    this(BuildInfo.libraries(), BuildInfo.gitRevision());
  }

  public CheckpointWriter(Map<String, String> libraries, String gitRevision) {
    this.libraries = Map.copyOf(libraries);
    this.gitRevision = gitRevision;
  }

  /** Writes {@code model} with {@code metadata} into {@code directory} (created if needed). */
  public CheckpointManifest write(DiffusionModel model, CheckpointMetadata metadata, Path directory)
      throws IOException {
    String base = model.baseSha256().orElse(null);
    if (base == null && !(model instanceof ToyDiffusionModel)) {
      throw new IllegalArgumentException(
          "a full-weight checkpoint records a UNetConfig, so it holds only the toy UNet; a "
              + model.getClass().getSimpleName()
              + " must name its base (DiffusionModel.baseSha256)");
    }
    Files.createDirectories(directory);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    model.saveParameters(buffer);
    byte[] weights = buffer.toByteArray();
    CheckpointManifest manifest =
        new CheckpointManifest(
            CheckpointManifest.FORMAT_VERSION,
            base == null ? ((ToyDiffusionModel) model).config() : null,
            metadata.role(),
            metadata.version(),
            metadata.parentVersion(),
            metadata.learnerStep(),
            metadata.seed(),
            gitRevision,
            libraries,
            CheckpointManifest.DEFAULT_WEIGHTS_FILE,
            Sha256.hex(weights),
            weights.length,
            metadata.consumerOffsets(),
            metadata.extra(),
            base == null ? WeightsKind.FULL : WeightsKind.ADAPTER,
            base);
    writeAtomically(directory.resolve(manifest.weightsFile()), weights);
    writeAtomically(
        directory.resolve(CheckpointManifest.FILE_NAME), json.writeValueAsBytes(manifest));
    return manifest;
  }

  private static void makeWorldReadable(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    try {
      Files.write(temporary, bytes);
      makeWorldReadable(temporary);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
