package prefloop.evaluation.ablation;

import java.nio.file.Path;
import prefloop.evaluation.outputs.EvalOutputs;

/**
 * Where an ablation run keeps its trained policies, as checkpoint directories that {@code eval} and
 * {@code --baseline-from} read back: {@code policies/<configuration>/} holds the final policy, and
 * {@code policies/<configuration>/step-<N>/} the snapshot after N steps.
 *
 * @param root the run's {@code policies} directory
 */
public record PolicyFiles(Path root) {

  /** The layout of the run written to {@code out}. */
  public static PolicyFiles of(Path out) {
    return new PolicyFiles(out.resolve("policies"));
  }

  public Path finalPolicy(String configuration) {
    return root.resolve(EvalOutputs.safe(configuration));
  }

  public Path snapshot(String configuration, long steps) {
    return finalPolicy(configuration).resolve("step-" + steps);
  }
}
