package prefloop.world;

/** Small helpers for RGB triples in [0,1]. */
final class Colours {
  private Colours() {}

  static float[] checked(float[] rgb) {
    if (rgb == null || rgb.length != 3) {
      throw new IllegalArgumentException("a colour needs 3 values (r, g, b)");
    }
    for (float v : rgb) {
      if (!(v >= 0f && v <= 1f)) {
        throw new IllegalArgumentException("colour value " + v + " must be in [0,1]");
      }
    }
    return rgb;
  }

  static float clamp(double v) {
    return (float) Math.max(0, Math.min(1, v));
  }

  /** (1 − t)·a + t·b per channel. */
  static float[] mix(float[] a, float[] b, double t) {
    return new float[] {
      clamp(a[0] + t * (b[0] - a[0])),
      clamp(a[1] + t * (b[1] - a[1])),
      clamp(a[2] + t * (b[2] - a[2]))
    };
  }

  static double distance(float[] a, float[] b) {
    double dr = a[0] - b[0];
    double dg = a[1] - b[1];
    double db = a[2] - b[2];
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }

  /** Adds uniform noise in ±amount to each channel, clamped. */
  static float[] jittered(float[] rgb, double amount, java.util.Random random) {
    float[] out = new float[3];
    for (int c = 0; c < 3; c++) {
      out[c] = clamp(rgb[c] + (2 * random.nextDouble() - 1) * amount);
    }
    return out;
  }
}
