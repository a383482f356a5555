package prefloop.world;

import java.util.Locale;

/**
 * Object size; {@link #fraction()} is the side of the shape's bounding box over the image width.
 */
public enum Size {
  SMALL(0.22),
  MEDIUM(0.34),
  LARGE(0.47);

  private final double fraction;

  Size(double fraction) {
    this.fraction = fraction;
  }

  /** Side of the bounding box as a fraction of the image width, before jitter. */
  public double fraction() {
    return fraction;
  }

  /** The word used in prompts, e.g. {@code "small"}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
