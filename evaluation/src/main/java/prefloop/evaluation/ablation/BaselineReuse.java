package prefloop.evaluation.ablation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.ModelSamples;

/**
 * The baseline {@code dpo} of an earlier run ({@code ablate --baseline-from DIR}), in place of
 * training it again: every configuration of the ablation is read against the same baseline, and
 * with one intra-op thread the same {@link BaselineKey} trains the same weights, so a run that
 * studies one configuration need not pay for the baseline's half of the CPU time again.
 *
 * <p>Only a run whose key equals this run's is accepted. Its training trace is read from its {@code
 * ablation.json}; its final policy and snapshots are loaded from its {@link PolicyFiles} and
 * sampled again on this run's evaluation items, so the tables and the curve are computed exactly as
 * for a baseline trained here.
 */
final class BaselineReuse {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path runDir;

  /**
   * @param runDir the {@code --out} directory of the run that trained the baseline
   */
  BaselineReuse(Path runDir) {
    this.runDir = runDir;
  }

  Path runDir() {
    return runDir;
  }

  /**
   * The earlier run's baseline, sampled on {@code evaluator}'s items.
   *
   * @throws IllegalArgumentException when that run's key differs from {@code expected} (the message
   *     lists what differs), or it lacks the baseline's trace or checkpoints
   */
  VariantTrainer.Outcome outcome(
      BaselineKey expected, AblationVariant baseline, Evaluator evaluator)
      throws IOException, CorruptCheckpointException {
    List<String> differences = expected.differences(BaselineKey.read(runDir));
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException(
          "--baseline-from "
              + runDir
              + " trained its baseline under other settings or on another machine type, so it"
              + " would not be this run's baseline. What differs (this run ≠ that run): "
              + String.join("; ", differences)
              + ". Drop --baseline-from, or point it at a run with the same settings.");
    }
    VariantTrace trace = trace(baseline.name());
    PolicyFiles policies = PolicyFiles.of(runDir);
    List<ModelSamples> snapshots = new ArrayList<>();
    if (expected.snapshotEvery() > 0) {
      for (long step = expected.snapshotEvery();
          step <= trace.steps();
          step += expected.snapshotEvery()) {
        snapshots.add(
            sample(
                policies.snapshot(baseline.name(), step),
                VariantTrainer.snapshotName(baseline.name(), step),
                baseline.description(),
                evaluator));
      }
    }
    ModelSamples samples =
        sample(
            policies.finalPolicy(baseline.name()),
            baseline.name(),
            baseline.description(),
            evaluator);
    return new VariantTrainer.Outcome(trace, samples, snapshots);
  }

  /** {@code name}'s training trace, as the earlier run wrote it to its ablation.json. */
  VariantTrace trace(String name) throws IOException {
    Path file = runDir.resolve("ablation.json");
    JsonNode node =
        Files.isRegularFile(file) ? JSON.readTree(file.toFile()).at("/training/" + name) : null;
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException(
          "--baseline-from "
              + runDir
              + " has no training trace of "
              + name
              + " in ablation.json: that run did not finish. Reuse a finished run.");
    }
    return JSON.treeToValue(node, VariantTrace.class);
  }

  private static ModelSamples sample(
      Path checkpoint, String name, String description, Evaluator evaluator)
      throws CorruptCheckpointException {
    if (!Files.isDirectory(checkpoint)) {
      throw new IllegalArgumentException(
          "--baseline-from: "
              + checkpoint
              + " is missing; the run that trained the baseline kept no checkpoint there (an"
              + " ablate older than --baseline-from keeps no snapshots). Train the baseline again"
              + " with this version.");
    }
    try (LoadedCheckpoint loaded = new CheckpointLoader().load(checkpoint)) {
      return evaluator.sample(name, description, loaded.model());
    }
  }
}
