package prefloop.world;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The named colours of the world with their canonical RGB values in [0,1]. Seven are object
 * colours, six are background colours; four (red, green, blue, white) are both.
 */
public enum Colour {
  RED(0.90f, 0.12f, 0.12f, true, true),
  ORANGE(1.00f, 0.55f, 0.05f, true, false),
  YELLOW(0.95f, 0.90f, 0.10f, true, false),
  GREEN(0.15f, 0.72f, 0.20f, true, true),
  BLUE(0.15f, 0.30f, 0.90f, true, true),
  PURPLE(0.60f, 0.20f, 0.75f, true, false),
  WHITE(0.95f, 0.95f, 0.95f, true, true),
  BLACK(0.05f, 0.05f, 0.05f, false, true),
  GREY(0.50f, 0.50f, 0.50f, false, true);

  private final float r;
  private final float g;
  private final float b;
  private final boolean object;
  private final boolean background;

  Colour(float r, float g, float b, boolean object, boolean background) {
    this.r = r;
    this.g = g;
    this.b = b;
    this.object = object;
    this.background = background;
  }

  /** Canonical RGB, each channel in [0,1]. */
  public float[] rgb() {
    return new float[] {r, g, b};
  }

  /** Whether prompts may use this colour for the object. */
  public boolean isObjectColour() {
    return object;
  }

  /** Whether prompts may use this colour for the background. */
  public boolean isBackgroundColour() {
    return background;
  }

  /** The word used in prompts, e.g. {@code "red"}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Object colours in declaration order. */
  public static List<Colour> objectColours() {
    return Arrays.stream(values()).filter(Colour::isObjectColour).toList();
  }

  /** Background colours in declaration order. */
  public static List<Colour> backgroundColours() {
    return Arrays.stream(values()).filter(Colour::isBackgroundColour).toList();
  }

  /** Euclidean distance in RGB between this colour's canonical value and {@code rgb}. */
  public double distanceTo(float[] rgb) {
    double dr = rgb[0] - r;
    double dg = rgb[1] - g;
    double db = rgb[2] - b;
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }
}
