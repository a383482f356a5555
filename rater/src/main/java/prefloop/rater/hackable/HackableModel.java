package prefloop.rater.hackable;

import java.util.HexFormat;
import java.util.Locale;
import prefloop.rater.model.NamedImageRewardModel;
import prefloop.world.RgbImage;

/**
 * Reward models that are easy to please without making better images, for showing reward hacking
 * and the sentinel that catches it. They ignore the prompt:
 *
 * <ul>
 *   <li>{@code BRIGHTNESS}: mean luma (0.299 R + 0.587 G + 0.114 B), in [0, 1];
 *   <li>{@code SATURATION}: mean HSV saturation (max − min) / max, in [0, 1];
 *   <li>{@code COLOUR}: 1 − the mean Euclidean RGB distance to one colour ÷ √3, in [0, 1].
 * </ul>
 *
 * Never use them to align a model you care about.
 */
public final class HackableModel extends NamedImageRewardModel {

  /** What the model rewards. */
  public enum Target {
    BRIGHTNESS,
    SATURATION,
    COLOUR
  }

  private final Target target;
  private final float[] colour;

  /**
   * @param colourHex for {@code COLOUR}: the rewarded colour as {@code rrggbb} ("" = red)
   */
  public HackableModel(String name, Target target, String colourHex) {
    super(name);
    this.target = target;
    this.colour = parse(colourHex);
  }

  private static float[] parse(String hex) {
    String text = hex == null || hex.isBlank() ? "ff0000" : hex.strip().toLowerCase(Locale.ROOT);
    if (!text.matches("[0-9a-f]{6}")) {
      throw new IllegalArgumentException(
          "the colour of a colour reward is rrggbb in hex, e.g. ff0000, was '" + hex + "'");
    }
    byte[] bytes = HexFormat.of().parseHex(text);
    return new float[] {
      (bytes[0] & 0xff) / 255f, (bytes[1] & 0xff) / 255f, (bytes[2] & 0xff) / 255f
    };
  }

  @Override
  public double score(String prompt, RgbImage image) {
    double sum = 0;
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        float r = image.get(0, x, y);
        float g = image.get(1, x, y);
        float b = image.get(2, x, y);
        sum +=
            switch (target) {
              case BRIGHTNESS -> 0.299 * r + 0.587 * g + 0.114 * b;
              case SATURATION -> {
                double max = Math.max(r, Math.max(g, b));
                yield max > 0 ? (max - Math.min(r, Math.min(g, b))) / max : 0;
              }
              case COLOUR ->
                  1
                      - Math.sqrt(
                              (r - colour[0]) * (r - colour[0])
                                  + (g - colour[1]) * (g - colour[1])
                                  + (b - colour[2]) * (b - colour[2]))
                          / Math.sqrt(3);
            };
      }
    }
    return sum / (image.width() * (double) image.height());
  }
}
