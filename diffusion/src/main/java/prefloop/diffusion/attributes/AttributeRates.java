package prefloop.diffusion.attributes;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import prefloop.world.AttributeCheck;
import prefloop.world.AttributeChecker;
import prefloop.world.Prompt;
import prefloop.world.RgbImage;

/**
 * Fractions of images whose pixels agree with their prompt, per attribute, from the world's {@link
 * AttributeChecker} (no learned model involved).
 *
 * @param images number of images checked
 * @param flags fraction of images with each {@code ImageQuality} flag tripped
 */
public record AttributeRates(
    int images,
    double objectFound,
    double colour,
    double shape,
    double background,
    double position,
    double size,
    double allCorrect,
    double meanScore,
    double degradedLooking,
    Map<String, Double> flags) {

  /** Checks image i against prompt i. */
  public static AttributeRates of(List<Prompt> prompts, List<RgbImage> images) {
    if (prompts.size() != images.size() || prompts.isEmpty()) {
      throw new IllegalArgumentException("need one prompt per image and at least one image");
    }
    AttributeChecker checker = new AttributeChecker();
    double[] sums = new double[9];
    Map<String, Double> flags = new TreeMap<>();
    for (int i = 0; i < images.size(); i++) {
      AttributeCheck check = checker.check(prompts.get(i), images.get(i));
      boolean[] hits = {
        check.objectFound(),
        check.colourCorrect(),
        check.shapeCorrect(),
        check.backgroundCorrect(),
        check.positionCorrect(),
        check.sizeCorrect(),
        check.allCorrect(),
        false,
        check.degradedLooking()
      };
      for (int k = 0; k < hits.length; k++) {
        sums[k] += hits[k] ? 1 : 0;
      }
      sums[7] += check.score();
      check.quality().flags().forEach(f -> flags.merge(f, 1.0, Double::sum));
    }
    int n = images.size();
    flags.replaceAll((k, v) -> v / n);
    return new AttributeRates(
        n,
        sums[0] / n,
        sums[1] / n,
        sums[2] / n,
        sums[3] / n,
        sums[4] / n,
        sums[5] / n,
        sums[6] / n,
        sums[7] / n,
        sums[8] / n,
        flags);
  }

  /** One Markdown table row: label then the rates in percent. */
  public String markdownRow(String label) {
    return String.format(
        "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |",
        label,
        images,
        100 * objectFound,
        100 * colour,
        100 * shape,
        100 * background,
        100 * position,
        100 * size,
        100 * allCorrect,
        100 * meanScore,
        100 * degradedLooking);
  }

  /** The header matching {@link #markdownRow}. */
  public static String markdownHeader() {
    return "| images | n | object found % | colour % | shape % | background % | position % | size %"
        + " | all 5 % | mean score % | degraded-looking % |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|";
  }
}
