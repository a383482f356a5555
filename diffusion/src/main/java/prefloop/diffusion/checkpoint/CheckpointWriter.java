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
 * Writes a checkpoint directory: {@code weights.params} (DJL {@code Block.saveParameters}) and
 * {@code manifest.json}. Both files are written to temporaries in the target directory and renamed
 * atomically, weights first, so a reader that sees a manifest sees complete weights (and the sha256
 * catches anything else).
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
    if (!(model instanceof ToyDiffusionModel toy)) {
      throw new IllegalArgumentException(
          "this checkpoint format holds the toy UNet (its manifest records a UNetConfig); a "
              + model.getClass().getSimpleName()
              + " is saved in its own bundle format");
    }
    Files.createDirectories(directory);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    model.saveParameters(buffer);
    byte[] weights = buffer.toByteArray();
    CheckpointManifest manifest =
        new CheckpointManifest(
            CheckpointManifest.FORMAT_VERSION,
            toy.config(),
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
            metadata.extra());
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
