package prefloop.evaluation.ablation;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.ModelSamples;
import prefloop.learner.core.MergeEvent;
import prefloop.learner.core.PreferenceExample;
import prefloop.learner.core.PreferenceTrainer;
import prefloop.learner.core.StepResult;

/**
 * Trains one ablation configuration from the base model with {@link PreferenceTrainer} and samples
 * its final policy on the evaluation set. Offline: step s trains on stream examples [s·B, (s+1)·B)
 * (wrapping around), identical for every configuration. Online: each step first samples and labels
 * B fresh pairs from the current policy, until the step or wall-time budget is spent (snapshot
 * sampling counts against the wall time, so long horizons are set in steps).
 *
 * @param policies where final policies and snapshots are written, or null to keep none
 */
public record VariantTrainer(
    AblationSettings settings, DiffusionModel base, Evaluator evaluator, PolicyFiles policies) {

  /**
   * A trained configuration: how it trained, what its final policy draws, and what it drew every
   * {@code snapshotEvery} steps (named {@code <variant>@<step>}, oldest first).
   */
  public record Outcome(VariantTrace trace, ModelSamples samples, List<ModelSamples> snapshots) {
    public Outcome {
      snapshots = List.copyOf(snapshots);
    }
  }

  /** Replays {@code stream} for {@code settings.steps()} steps. */
  public Outcome offline(AblationVariant variant, List<PreferenceExample> stream) {
    int batch = settings.batch();
    return train(
        variant,
        stream.subList(0, Math.min(16, stream.size())),
        (trainer, step) -> {
          List<PreferenceExample> examples = new ArrayList<>(batch);
          for (int i = 0; i < batch; i++) {
            examples.add(stream.get((int) ((step * batch + i) % stream.size())));
          }
          return step < settings.steps() ? examples : null;
        });
  }

  /**
   * Runs the loop for {@code settings.steps()} steps or {@code settings.onlineSeconds()}, whichever
   * ends first: {@code fresh} gives B examples sampled from the policy it is handed (converted as
   * the learner would).
   */
  public Outcome online(
      AblationVariant variant,
      List<PreferenceExample> probe,
      BiFunction<DiffusionModel, Long, List<PreferenceExample>> fresh) {
    long deadline = System.nanoTime() + settings.onlineSeconds() * 1_000_000_000L;
    return train(
        variant,
        probe,
        (trainer, step) ->
            step < settings.steps() && System.nanoTime() < deadline
                ? fresh.apply(trainer.policy(), step)
                : null);
  }

  /** Where a step's batch comes from; null ends training. */
  private interface Batches {
    List<PreferenceExample> next(PreferenceTrainer trainer, long step);
  }

  private Outcome train(AblationVariant variant, List<PreferenceExample> probe, Batches batches) {
    long started = System.nanoTime();
    List<Double> loss = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    List<MergeEvent> merges = new ArrayList<>();
    List<ModelSamples> snapshots = new ArrayList<>();
    long pairs = 0;
    try (NDManager manager = NDManager.newBaseManager();
        PreferenceTrainer trainer = new PreferenceTrainer(variant.trainer(), base, manager)) {
      for (long step = 0; ; step++) {
        List<PreferenceExample> batch = batches.next(trainer, step);
        if (batch == null) {
          break;
        }
        StepResult result = trainer.step(batch);
        loss.add(result.loss());
        accuracy.add(result.implicitAccuracy());
        pairs += result.pairsUsed();
        result.merge().ifPresent(merges::add);
        if (settings.snapshotEvery() > 0 && (step + 1) % settings.snapshotEvery() == 0) {
          snapshots.add(snapshot(variant, trainer, step + 1));
        }
        if ((step + 1) % 25 == 0) {
          System.out.printf(
              "  %s step %d: loss %.4f implicit_acc %.3f%n",
              variant.name(), step + 1, result.loss(), result.implicitAccuracy());
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double drift = trainer.policyDrift(probe);
      VariantTrace trace =
          new VariantTrace(
              variant.name(),
              trainer.stepsTaken(),
              trainer.nonFiniteSteps(),
              pairs,
              seconds,
              unbox(loss),
              unbox(accuracy),
              merges,
              drift);
      saveIfAsked(variant, trainer, policies == null ? null : policies.finalPolicy(variant.name()));
      ModelSamples samples =
          evaluator.sample(variant.name(), variant.description(), trainer.policy());
      return new Outcome(trace, samples, snapshots);
    }
  }

  private ModelSamples snapshot(AblationVariant variant, PreferenceTrainer trainer, long steps) {
    long started = System.nanoTime();
    saveIfAsked(
        variant, trainer, policies == null ? null : policies.snapshot(variant.name(), steps));
    ModelSamples drawn =
        evaluator.sample(
            snapshotName(variant.name(), steps), variant.description(), trainer.policy());
    System.out.printf(
        "  %s step %d: sampled a snapshot in %.0f s%n",
        variant.name(), steps, (System.nanoTime() - started) / 1e9);
    return drawn;
  }

  /** The name of {@code variant}'s snapshot after {@code steps} steps. */
  static String snapshotName(String variant, long steps) {
    return variant + "@" + steps;
  }

  /**
   * Writes the policy as it is now to {@code dir} (null: nowhere), so that {@code eval} and {@code
   * --baseline-from} can re-read it.
   */
  private static void saveIfAsked(AblationVariant variant, PreferenceTrainer trainer, Path dir) {
    if (dir == null) {
      return;
    }
    try {
      new CheckpointWriter()
          .write(
              trainer.policy(),
              CheckpointMetadata.of(
                  "policy", trainer.stepsTaken(), trainer.stepsTaken(), variant.trainer().seed()),
              dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the policy of " + variant.name() + " to " + dir, e);
    }
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
