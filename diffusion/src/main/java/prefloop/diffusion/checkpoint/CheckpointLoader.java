package prefloop.diffusion.checkpoint;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import prefloop.diffusion.model.DiffusionModel;

/**
 * Reads a checkpoint written by {@link CheckpointWriter} from a directory or an http(s) base URL
 * (the directory's URL: {@code <base>/manifest.json} and {@code <base>/<weightsFile>}). The
 * weights' size and SHA-256 are checked against the manifest <em>before</em> any model is built;
 * the {@link ModelFactory} then builds it (the toy UNet from the manifest's architecture alone, a
 * bundle's adapters onto its base). Any failure is a {@link CorruptCheckpointException} and nothing
 * stays loaded.
 */
public final class CheckpointLoader {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final HttpClient http;
  private final ModelFactory models;

  /** A loader of toy UNet checkpoints. */
  public CheckpointLoader() {
    this(ModelFactory.toy());
  }

  /** A loader that builds models with {@code models}. */
  public CheckpointLoader(ModelFactory models) {
    // HTTP/1.1: the JDK client would otherwise try an h2c upgrade, which Vert.x servers accept
    this(
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build(),
        models);
  }

  public CheckpointLoader(HttpClient http, ModelFactory models) {
    this.http = http;
    this.models = models;
  }

  /** Loads the checkpoint in {@code directory}. */
  public LoadedCheckpoint load(Path directory) throws CorruptCheckpointException {
    return build(verify(directory));
  }

  /** Loads the checkpoint at {@code location}: a directory path, file: URI or http(s) URL. */
  public LoadedCheckpoint load(String location) throws CorruptCheckpointException {
    return build(verify(location));
  }

  /**
   * The manifest and weights at {@code location}, checked against each other but not built into a
   * model: for a reader that applies adapters onto a model it already holds.
   */
  public VerifiedWeights verify(String location) throws CorruptCheckpointException {
    if (location.startsWith("http://") || location.startsWith("https://")) {
      String base = location.endsWith("/") ? location : location + "/";
      CheckpointManifest manifest = parseManifest(fetch(base + CheckpointManifest.FILE_NAME));
      return verified(manifest, fetch(base + manifest.weightsFile()));
    }
    return verify(location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location));
  }

  private VerifiedWeights verify(Path directory) throws CorruptCheckpointException {
    CheckpointManifest manifest =
        parseManifest(read(directory.resolve(CheckpointManifest.FILE_NAME)));
    return verified(manifest, read(directory.resolve(manifest.weightsFile())));
  }

  /** Reads and validates only the manifest of the checkpoint in {@code directory}. */
  public CheckpointManifest readManifest(Path directory) throws CorruptCheckpointException {
    return parseManifest(read(directory.resolve(CheckpointManifest.FILE_NAME)));
  }

  private static VerifiedWeights verified(CheckpointManifest manifest, byte[] weights)
      throws CorruptCheckpointException {
    if (weights.length != manifest.weightsBytes()) {
      throw new CorruptCheckpointException(
          "weights are "
              + weights.length
              + " bytes but the manifest says "
              + manifest.weightsBytes()
              + " (truncated or replaced); re-copy the checkpoint");
    }
    String actual = Sha256.hex(weights);
    if (!actual.equals(manifest.weightsSha256())) {
      throw new CorruptCheckpointException(
          "weights sha256 "
              + actual
              + " does not match the manifest's "
              + manifest.weightsSha256()
              + " (tampered or corrupted); re-copy the checkpoint");
    }
    return new VerifiedWeights(manifest, weights);
  }

  /** Builds a checkpoint {@link #verify} returned, with this loader's {@link ModelFactory}. */
  public LoadedCheckpoint build(VerifiedWeights checkpoint) throws CorruptCheckpointException {
    try {
      DiffusionModel model = models.build(checkpoint.manifest(), checkpoint.weights());
      return new LoadedCheckpoint(checkpoint.manifest(), model);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new CorruptCheckpointException("weights do not fit the model: " + e.getMessage(), e);
    }
  }

  private CheckpointManifest parseManifest(byte[] bytes) throws CorruptCheckpointException {
    try {
      CheckpointManifest manifest = json.readValue(bytes, CheckpointManifest.class);
      if (manifest.formatVersion() != CheckpointManifest.FORMAT_VERSION) {
        throw new CorruptCheckpointException(
            "manifest formatVersion "
                + manifest.formatVersion()
                + " is not supported (expected "
                + CheckpointManifest.FORMAT_VERSION
                + ")");
      }
      return manifest;
    } catch (IOException | IllegalArgumentException e) {
      throw new CorruptCheckpointException("unreadable manifest.json: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file) throws CorruptCheckpointException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CorruptCheckpointException("checkpoint file missing: " + file, e);
    } catch (IOException e) {
      throw new CorruptCheckpointException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private byte[] fetch(String url) throws CorruptCheckpointException {
    try {
      HttpResponse<byte[]> response =
          http.send(ServiceToken.get(url, TIMEOUT), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new CorruptCheckpointException("GET " + url + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new CorruptCheckpointException("GET " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CorruptCheckpointException("interrupted while fetching " + url, e);
    }
  }
}
