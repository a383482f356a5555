package prefloop.learner.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.checkpoint.ModelFactory;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.schemas.avro.ModelRole;

/**
 * The learner's checkpoint store: one directory per checkpoint, {@code <role>-v<version>} (six
 * digits), holding the diffusion module's {@code weights.params} (every weight of the toy UNet, or
 * the adapters of a model bundle) and {@code manifest.json}, and for the policy the {@link
 * TrainingLedger} and the optimiser state ({@value #OPTIMIZER_FILE}). A checkpoint exists once its
 * manifest does (written last, atomically), so a crash mid-write leaves nothing that restarts would
 * load. Optionally mirrored into a shared directory with the same layout.
 */
public final class CheckpointStore {
  private static final Pattern NAME = Pattern.compile("(policy|reference)-v(\\d{6,})");
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** The AdamW state saved with a policy checkpoint. */
  public static final String OPTIMIZER_FILE = "optimizer.state";

  private final Path root;
  private final Optional<Path> mirror;
  private final CheckpointWriter writer = new CheckpointWriter();
  private final CheckpointLoader loader;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A store of toy UNet checkpoints. */
  public CheckpointStore(Path root, Optional<Path> mirror) throws IOException {
    this(root, mirror, ModelFactory.toy());
  }

  /** A store whose checkpoints {@code models} builds (a bundle's adapters onto its base). */
  public CheckpointStore(Path root, Optional<Path> mirror, ModelFactory models) throws IOException {
    this.loader = new CheckpointLoader(models);
    this.root = root.toAbsolutePath();
    this.mirror = mirror.map(Path::toAbsolutePath);
    Files.createDirectories(this.root);
    if (this.mirror.isPresent()) {
      Files.createDirectories(this.mirror.get());
    }
  }

  public static String name(ModelRole role, long version) {
    return String.format("%s-v%06d", role.name().toLowerCase(Locale.ROOT), version);
  }

  public Path root() {
    return root;
  }

  /**
   * Writes {@code model} (and for a policy the ledger and the optimiser state, each null when
   * absent) as checkpoint {@code metadata.version}.
   */
  public StoredCheckpoint write(
      ModelRole role,
      DiffusionModel model,
      CheckpointMetadata metadata,
      TrainingLedger ledger,
      byte[] optimizerState)
      throws IOException {
    String name = name(role, metadata.version());
    Path directory = root.resolve(name);
    Files.createDirectories(directory);
    if (ledger != null) {
      Files.write(directory.resolve(TrainingLedger.FILE_NAME), json.writeValueAsBytes(ledger));
    }
    if (optimizerState != null) {
      Files.write(directory.resolve(OPTIMIZER_FILE), optimizerState);
    }
    CheckpointManifest manifest = writer.write(model, metadata, directory);
    if (mirror.isPresent()) {
      copy(directory, mirror.get().resolve(name), manifest);
    }
    return new StoredCheckpoint(role, name, directory, manifest);
  }

  private static void copy(Path from, Path to, CheckpointManifest manifest) throws IOException {
    Files.createDirectories(to);
    for (String file :
        List.of(
            TrainingLedger.FILE_NAME,
            OPTIMIZER_FILE,
            manifest.weightsFile(),
            CheckpointManifest.FILE_NAME)) {
      if (Files.exists(from.resolve(file))) {
        Path temporary = Files.createTempFile(to, file + ".", ".tmp");
        Files.copy(from.resolve(file), temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            temporary,
            to.resolve(file),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The highest complete version of {@code role}, if any. */
  public OptionalLong latest(ModelRole role) {
    return versions(role).stream().mapToLong(Long::longValue).max();
  }

  /** The complete versions of {@code role}, ascending. */
  public List<Long> versions(ModelRole role) {
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(p -> Files.exists(p.resolve(CheckpointManifest.FILE_NAME)))
          .map(p -> NAME.matcher(p.getFileName().toString()))
          .filter(m -> m.matches() && m.group(1).equals(role.name().toLowerCase(Locale.ROOT)))
          .map(m -> Long.parseLong(m.group(2)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the checkpoint store " + root, e);
    }
  }

  /**
   * Deletes what {@code retention} does not keep, here and in the mirror; returns the names
   * deleted. A checkpoint stops being complete (its manifest goes first) before its files go, so a
   * crash mid-prune leaves nothing a restart would load. Policies kept only as every {@code
   * keepEvery}-th lose their optimiser state (two thirds of a toy checkpoint's bytes): a rollback
   * that far back starts AdamW afresh.
   */
  public List<String> prune(CheckpointRetention retention, ReferenceOfPolicy referenceOf)
      throws IOException {
    List<Long> policies = versions(ModelRole.POLICY);
    List<Long> references = versions(ModelRole.REFERENCE);
    Set<Long> keptPolicies = new HashSet<>();
    for (int i = 0; i < policies.size(); i++) {
      long version = policies.get(i);
      if (i >= policies.size() - retention.keepLast() || retention.milestone(version)) {
        keptPolicies.add(version);
      }
    }
    Set<Long> keptReferences = new HashSet<>();
    keptReferences.add(0L);
    for (int i = Math.max(0, references.size() - retention.keepLast());
        i < references.size();
        i++) {
      keptReferences.add(references.get(i));
    }
    for (long policy : keptPolicies) {
      keptReferences.add(referenceOf.of(policy));
    }
    List<String> deleted = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      long version = policies.get(i);
      if (!keptPolicies.contains(version)) {
        deleted.add(delete(name(ModelRole.POLICY, version)));
      } else if (i < policies.size() - retention.keepLast()
          && optimizerState(version).isPresent()) {
        deleted.add(deleteFile(name(ModelRole.POLICY, version), OPTIMIZER_FILE));
      }
    }
    for (long version : references) {
      if (!keptReferences.contains(version)) {
        deleted.add(delete(name(ModelRole.REFERENCE, version)));
      }
    }
    return deleted;
  }

  /** The reference version a policy checkpoint was trained against. */
  @FunctionalInterface
  public interface ReferenceOfPolicy {
    long of(long policyVersion) throws IOException;
  }

  private String deleteFile(String checkpoint, String file) throws IOException {
    Files.deleteIfExists(root.resolve(checkpoint).resolve(file));
    if (mirror.isPresent()) {
      Files.deleteIfExists(mirror.get().resolve(checkpoint).resolve(file));
    }
    return checkpoint + "/" + file;
  }

  private String delete(String name) throws IOException {
    deleteCheckpoint(root.resolve(name));
    if (mirror.isPresent()) {
      deleteCheckpoint(mirror.get().resolve(name));
    }
    return name;
  }

  private static void deleteCheckpoint(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    Files.deleteIfExists(directory.resolve(CheckpointManifest.FILE_NAME));
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(directory);
  }

  public CheckpointManifest manifest(ModelRole role, long version)
      throws CorruptCheckpointException {
    return loader.readManifest(root.resolve(name(role, version)));
  }

  /** A complete checkpoint of the store, by role and version. */
  public StoredCheckpoint stored(ModelRole role, long version) throws CorruptCheckpointException {
    String name = name(role, version);
    return new StoredCheckpoint(role, name, root.resolve(name), manifest(role, version));
  }

  /** Loads and verifies a checkpoint; the caller closes it. */
  public LoadedCheckpoint load(ModelRole role, long version) throws CorruptCheckpointException {
    return loader.load(root.resolve(name(role, version)));
  }

  /** The optimiser state saved with policy checkpoint {@code version}, if one was. */
  public Optional<Path> optimizerState(long version) {
    Path file = root.resolve(name(ModelRole.POLICY, version)).resolve(OPTIMIZER_FILE);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The ledger saved with policy checkpoint {@code version}. */
  public TrainingLedger ledger(long version) throws IOException {
    Path file = root.resolve(name(ModelRole.POLICY, version)).resolve(TrainingLedger.FILE_NAME);
    return json.readValue(file.toFile(), TrainingLedger.class);
  }

  /**
   * The file {@code <checkpoint>/<file>} of a complete checkpoint, if both names are legal and it
   * exists (the HTTP route serves nothing else).
   */
  public Optional<Path> file(String checkpoint, String file) {
    Matcher name = NAME.matcher(checkpoint);
    if (!name.matches() || !FILE.matcher(file).matches() || file.endsWith(".tmp")) {
      return Optional.empty();
    }
    Path directory = root.resolve(checkpoint);
    Path target = directory.resolve(file);
    boolean complete = Files.exists(directory.resolve(CheckpointManifest.FILE_NAME));
    return complete && Files.isRegularFile(target) ? Optional.of(target) : Optional.empty();
  }
}
