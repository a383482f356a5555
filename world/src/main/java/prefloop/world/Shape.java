package prefloop.world;

import java.util.Locale;

/**
 * Object shapes, each defined in unit coordinates (u, v) ∈ [-1,1]² with v pointing down; every
 * shape touches all four sides of that box, so the box is its bounding box.
 */
public enum Shape {
  /** u² + v² ≤ 1; area fraction of the box π/4. */
  CIRCLE(Math.PI / 4, 0),
  /** |u| ≤ 1 and |v| ≤ 1; area fraction 1. */
  SQUARE(1.0, 0),
  /** Apex (0,-1), base v = 1: |u| ≤ (v+1)/2; area fraction 1/2, centroid at v = 1/3. */
  TRIANGLE(0.5, 1.0 / 3),
  /** |u| + |v| ≤ 1; area fraction 1/2. */
  DIAMOND(0.5, 0),
  /** Plus sign with arms of half-width w = 0.35: area fraction (4w·2 − 4w²)/4 = 2w − w². */
  CROSS(2 * 0.35 - 0.35 * 0.35, 0);

  private static final double CROSS_HALF_WIDTH = 0.35;

  private final double areaFraction;
  private final double centroidV;

  Shape(double areaFraction, double centroidV) {
    this.areaFraction = areaFraction;
    this.centroidV = centroidV;
  }

  /** Whether the unit-box point (u, v) lies inside the shape. */
  public boolean contains(double u, double v) {
    double au = Math.abs(u);
    double av = Math.abs(v);
    return switch (this) {
      case CIRCLE -> u * u + v * v <= 1;
      case SQUARE -> au <= 1 && av <= 1;
      case TRIANGLE -> v <= 1 && au <= (v + 1) / 2;
      case DIAMOND -> au + av <= 1;
      case CROSS -> (au <= CROSS_HALF_WIDTH && av <= 1) || (av <= CROSS_HALF_WIDTH && au <= 1);
    };
  }

  /** Shape area over the area of its bounding box. */
  public double areaFraction() {
    return areaFraction;
  }

  /** Vertical offset of the centroid from the box centre, in unit coordinates (half-sides). */
  public double centroidV() {
    return centroidV;
  }

  /** The word used in prompts, e.g. {@code "circle"}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
