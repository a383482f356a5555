package prefloop.learner.tools;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.learner.core.PreferenceExample;
import prefloop.learner.core.PreferenceTrainer;
import prefloop.learner.core.ReferenceUpdater;
import prefloop.learner.core.TrainerConfig;
import prefloop.schemas.cli.Commands;
import prefloop.world.RgbImage;

/**
 * Prints learner figures (docs/learner/BENCH.md): the Diffusion-DPO step time at batch 8 and 16 on
 * {@link UNetConfig#defaults()} with its phases ({@link StepPhases}), and the reference merge time
 * against its bytes-moved floor (parameters × 4 B × 3 arrays — read θ_ref, read θ, write θ_ref —
 * over the bandwidth of a plain array copy). Figures only; nothing is asserted.
 *
 * <pre>args: [steps=10]</pre>
 */
@Command(
    name = "trainer-bench",
    description =
        "Prints the Diffusion-DPO step time at batch 8 and 16 and the reference merge time (docs/learner/BENCH.md).")
public final class TrainerBenchMain implements Callable<Integer> {

  /** Steps before timing: the JIT compiles the step's Java path in the first few. */
  private static final int WARM_UP_STEPS = 10;

  private static final String PROMPT = "a small red circle on a blue background, top left";

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "10",
      paramLabel = "STEPS",
      description = "timed steps per batch size (default ${DEFAULT-VALUE})")
  int steps;

  public static void main(String[] args) {
    Commands.runAndExit(new TrainerBenchMain(), args);
  }

  @Override
  public Integer call() throws Exception {
    UNetConfig architecture = UNetConfig.defaults();
    try (NDManager manager = NDManager.newBaseManager();
        DiffusionModel base = ToyDiffusionModel.newInitialised(architecture, 1)) {
      say(
          "model: %d parameters, threads %s",
          base.parameterCount(), System.getProperty("ai.djl.pytorch.num_threads", "default"));
      try (PreferenceTrainer trainer =
          new PreferenceTrainer(TrainerConfig.defaults(), base, manager)) {
        for (int batch : new int[] {8, 16}) {
          List<PreferenceExample> pairs = pairs(batch, architecture.imageSize());
          for (int i = 0; i < WARM_UP_STEPS; i++) {
            trainer.step(pairs);
          }
          double[] millis = new double[steps];
          for (int i = 0; i < steps; i++) {
            millis[i] = trainer.step(pairs).stepMillis();
          }
          say(
              "djl dpo step batch %d: median %.1f ms (min %.1f, max %.1f, %d steps)",
              batch,
              median(millis),
              Arrays.stream(millis).min().orElse(0),
              Arrays.stream(millis).max().orElse(0),
              steps);
          StepPhases phases =
              StepPhases.measure(trainer.policy(), trainer.reference(), manager, 2 * batch, steps);
          say(
              "djl phases batch %d (median ms): policy forward %.1f, reference forward %.1f,"
                  + " backward %.1f, norm %.1f, clip %.1f, AdamW %.1f",
              batch,
              phases.policyForward(),
              phases.referenceForward(),
              phases.backward(),
              phases.norm(),
              phases.clip(),
              phases.optimizer());
        }
        merge(trainer, base.parameterCount(), steps);
      }
    }
    return 0;
  }

  private static void merge(PreferenceTrainer trainer, long parameters, int repeats) {
    DiffusionModel reference = trainer.reference();
    for (int i = 0; i < 3; i++) {
      ReferenceUpdater.merge(reference, trainer.policy(), 0.5);
    }
    double[] millis = new double[repeats * 2];
    for (int i = 0; i < millis.length; i++) {
      long started = System.nanoTime();
      ReferenceUpdater.merge(reference, trainer.policy(), 0.5);
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    double bandwidth = copyBandwidth();
    double floorMillis = parameters * 4.0 * 3 / bandwidth * 1e3;
    say(
        "merge: median %.2f ms for %d parameters (%.1f MB moved); copy bandwidth %.2f GB/s"
            + " -> floor %.3f ms; ratio %.0fx",
        median(millis),
        parameters,
        parameters * 12 / 1e6,
        bandwidth / 1e9,
        floorMillis,
        median(millis) / floorMillis);
  }

  /** Bytes per second of System.arraycopy on 64 MB (read + write counted). */
  private static double copyBandwidth() {
    float[] from = new float[16 << 20];
    float[] to = new float[from.length];
    Arrays.fill(from, 1f);
    double best = 0;
    for (int i = 0; i < 8; i++) {
      long started = System.nanoTime();
      System.arraycopy(from, 0, to, 0, from.length);
      double seconds = (System.nanoTime() - started) / 1e9;
      best = Math.max(best, 2.0 * 4 * from.length / seconds);
    }
    return best;
  }

  private static List<PreferenceExample> pairs(int n, int size) {
    SplittableRandom random = new SplittableRandom(n);
    List<PreferenceExample> pairs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pairs.add(
          new PreferenceExample(
              "bench-" + i,
              PROMPT,
              image(size, random),
              image(size, random),
              1,
              0,
              Optional.empty()));
    }
    return pairs;
  }

  private static RgbImage image(int size, SplittableRandom random) {
    float[] data = new float[3 * size * size];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextDouble();
    }
    return new RgbImage(size, size, data);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void say(String format, Object... values) {
    System.out.println(String.format(Locale.ROOT, format, values));
  }
}
