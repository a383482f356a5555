package prefloop.diffusion.kernels;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;

/**
 * Checks that the engine's kernels compute the UNet exactly on this CPU, under whatever oneDNN
 * instruction-set cap the process started with ({@code ONEDNN_MAX_CPU_ISA} is read once, when
 * libtorch loads, so one process checks one cap):
 *
 * <ul>
 *   <li>repeated forwards of one input are finite and bit-identical (8 tiny UNets × 5 forwards);
 *   <li>autograd agrees with central finite differences, within 5 % + 10⁻⁶, on the input, a middle
 *       and the output convolution of the default UNet (3 entries each, those with the largest
 *       gradient, where float32 differences are precise).
 * </ul>
 *
 * On an AMD EPYC with AVX-512, libtorch 2.7.1's oneDNN failed the first check under AVX-512 and the
 * second under AVX2, while AVX was exact; on an Intel Xeon with AMX every cap was exact and the
 * uncapped kernels trained 1.6× faster (docs/DEVELOPING.md). {@code ./prefloop} runs this check to
 * choose the cap.
 */
public final class KernelSelfCheck {

  /** The convolutions whose weight gradients are compared: input, middle, output. */
  static final List<String> CHECKED_WEIGHTS =
      List.of("03in_weight", "09mid_res1_02conv1_weight", "21out_weight");

  private static final String PROMPT = "a small red circle on a blue background, top left";
  private static final int ENTRIES_PER_WEIGHT = 3;
  private static final float STEP = 1e-2f;

  private KernelSelfCheck() {}

  /** Runs both checks under the process's cap. */
  public static KernelCheckReport run() {
    List<String> failures = new ArrayList<>();
    int checks = repeatedForwards(failures) + gradients(failures);
    String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
    return new KernelCheckReport(cap == null || cap.isBlank() ? "ALL" : cap, checks, failures);
  }

  /**
   * True when autograd's {@code analytic} matches the central difference {@code numeric}: within 5
   * % of it, plus 10⁻⁶ for entries near zero.
   */
  static boolean agrees(double analytic, double numeric) {
    return Double.isFinite(analytic)
        && Math.abs(analytic - numeric) <= 0.05 * Math.abs(numeric) + 1e-6;
  }

  private static int repeatedForwards(List<String> failures) {
    int checks = 0;
    for (int model = 0; model < 8; model++) {
      try (DiffusionModel unet = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 11 + model);
          NDManager scope = unet.manager().newSubManager()) {
        liftZeroLayers(unet, 0.03f);
        NDArray x = scope.randomNormal(new Shape(4, 3, 8, 8));
        NDArray t = scope.create(new int[] {3, 250, 600, 999});
        NDArray tokens = unet.condition(scope, List.of(PROMPT, "", "", "a circle"));
        float[] first = unet.predictNoise(x, t, tokens).toFloatArray();
        checks++;
        if (!IntStream.range(0, first.length).allMatch(i -> Float.isFinite(first[i]))) {
          failures.add("tiny UNet " + model + ": the first forward is not finite");
          continue;
        }
        for (int repeat = 2; repeat <= 5; repeat++) {
          checks++;
          float[] again = unet.predictNoise(x, t, tokens).toFloatArray();
          if (!Arrays.equals(first, again)) {
            failures.add("tiny UNet " + model + ": forward " + repeat + " differs from the first");
          }
        }
      }
    }
    return checks;
  }

  private static int gradients(List<String> failures) {
    int checks = 0;
    UNetConfig config = UNetConfig.defaults();
    try (DiffusionModel unet = ToyDiffusionModel.newInitialised(config, 7);
        NDManager scope = unet.manager().newSubManager()) {
      liftZeroLayers(unet, 0.02f);
      int size = config.imageSize();
      SplittableRandom random = new SplittableRandom(3);
      float[] pixels = new float[4 * 3 * size * size];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) random.nextGaussian();
      }
      NDArray x = scope.create(pixels, new Shape(4, 3, size, size));
      NDArray t = scope.create(new int[] {50, 300, 600, 900});
      NDArray tokens = unet.condition(scope, List.of(PROMPT, PROMPT, "", PROMPT));
      unet.setTrainable(true);
      List<float[]> analytic = new ArrayList<>();
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(loss(unet, x, t, tokens));
      }
      for (String name : CHECKED_WEIGHTS) {
        analytic.add(weight(unet, name).getArray().getGradient().toFloatArray());
      }
      unet.setTrainable(false);
      for (int w = 0; w < CHECKED_WEIGHTS.size(); w++) {
        NDArray flat = weight(unet, CHECKED_WEIGHTS.get(w)).getArray().reshape(-1);
        for (int index : largest(analytic.get(w), ENTRIES_PER_WEIGHT)) {
          checks++;
          float value = flat.getFloat(index);
          flat.set(new NDIndex(index), value + STEP);
          double plus = loss(unet, x, t, tokens).getFloat();
          flat.set(new NDIndex(index), value - STEP);
          double minus = loss(unet, x, t, tokens).getFloat();
          flat.set(new NDIndex(index), value);
          double numeric = (plus - minus) / (2 * STEP);
          double computed = analytic.get(w)[index];
          if (!agrees(computed, numeric)) {
            failures.add(
                String.format(
                    Locale.ROOT,
                    "d loss / d %s[%d]: autograd %.4g, finite differences %.4g",
                    CHECKED_WEIGHTS.get(w),
                    index,
                    computed,
                    numeric));
          }
        }
      }
    }
    return checks;
  }

  /** Indices of the {@code count} entries of largest magnitude (NaN first: it must fail). */
  static int[] largest(float[] values, int count) {
    return IntStream.range(0, values.length)
        .boxed()
        .sorted((a, b) -> Double.compare(magnitude(values[b]), magnitude(values[a])))
        .limit(count)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static double magnitude(float value) {
    return Float.isNaN(value) ? Double.POSITIVE_INFINITY : Math.abs(value);
  }

  private static NDArray loss(DiffusionModel unet, NDArray x, NDArray t, NDArray tokens) {
    return unet.predictNoise(x, t, tokens).square().mean();
  }

  /** The zero-initialised output layers would block every gradient and hide the convolutions. */
  private static void liftZeroLayers(DiffusionModel unet, float by) {
    for (Parameter p : unet.parameters()) {
      if (p.getArray().abs().sum().getFloat() == 0f) {
        p.getArray().addi(by);
      }
    }
  }

  private static Parameter weight(DiffusionModel unet, String name) {
    for (Pair<String, Parameter> pair : unet.namedParameters()) {
      if (pair.getKey().equals(name)) {
        return pair.getValue();
      }
    }
    throw new IllegalStateException(
        "the default UNet has no parameter " + name + ": update KernelSelfCheck.CHECKED_WEIGHTS");
  }
}
