package prefloop.learner.core;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.world.RgbImage;

/** Test fixtures: random 8×8 pairs for {@code UNetConfig.tiny()}, and parameter snapshots. */
final class TinyPairs {

  static final String PROMPT = "a small red circle on a blue background, top left";

  private TinyPairs() {}

  /** {@code n} pairs of random images (seeded). */
  static List<PreferenceExample> random(int n, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<PreferenceExample> pairs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pairs.add(
          new PreferenceExample(
              "pair-" + seed + "-" + i,
              PROMPT,
              image(size, random),
              image(size, random),
              1.0,
              0,
              Optional.empty()));
    }
    return pairs;
  }

  static RgbImage image(int size, SplittableRandom random) {
    float[] data = new float[3 * size * size];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextDouble();
    }
    return new RgbImage(size, size, data);
  }

  /** All parameter values of {@code model}, concatenated in the stable order. */
  static float[] flat(DiffusionModel model) {
    List<float[]> parts = new ArrayList<>();
    int total = 0;
    for (Parameter parameter : model.parameters()) {
      float[] values = parameter.getArray().toFloatArray();
      parts.add(values);
      total += values.length;
    }
    float[] result = new float[total];
    int offset = 0;
    for (float[] part : parts) {
      System.arraycopy(part, 0, result, offset, part.length);
      offset += part.length;
    }
    return result;
  }
}
