package prefloop.rater.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.world.Prompt;
import prefloop.world.RenderConfig;
import prefloop.world.Renderer;
import prefloop.world.RgbImage;

/**
 * Per-attribute accuracy of a fidelity net: the fraction of renders whose arg-max class of a head
 * equals the prompt's attribute. Measured on clean renders of the held-out prompts, which training
 * never sees.
 */
public final class FidelityAccuracy {
  private static final int BATCH = 128;

  private FidelityAccuracy() {}

  /**
   * Head name → accuracy in [0,1], over one clean render of each prompt (seed {@code seed + i}).
   */
  public static Map<String, Double> onCleanRenders(
      FidelityModel model, List<Prompt> prompts, long seed) {
    Renderer renderer = new Renderer(RenderConfig.defaults());
    long[] correct = new long[AttributeHeads.count()];
    for (int start = 0; start < prompts.size(); start += BATCH) {
      List<Prompt> chunk = prompts.subList(start, Math.min(prompts.size(), start + BATCH));
      List<RgbImage> images = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        images.add(renderer.render(chunk.get(i), seed + start + i));
      }
      int[][] predicted = model.predict(images);
      for (int i = 0; i < chunk.size(); i++) {
        int[] truth = AttributeHeads.classes(chunk.get(i));
        for (int h = 0; h < truth.length; h++) {
          correct[h] += predicted[i][h] == truth[h] ? 1 : 0;
        }
      }
    }
    Map<String, Double> accuracy = new LinkedHashMap<>();
    for (int h = 0; h < correct.length; h++) {
      accuracy.put(AttributeHeads.NAMES.get(h), correct[h] / (double) prompts.size());
    }
    return accuracy;
  }
}
