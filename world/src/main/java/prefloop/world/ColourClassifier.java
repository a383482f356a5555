package prefloop.world;

/**
 * Names the colour of an RGB triple the way a person would, robust to lighter or darker shades:
 * with value V = max(r,g,b) and saturation S = (V − min)/V, a triple is black if V &lt; 0.22;
 * otherwise achromatic if S &lt; 0.3 (white if V &gt; 0.72, grey if V ≥ 0.3, else black); otherwise
 * the chromatic colour whose canonical hue is nearest on the colour wheel.
 */
public final class ColourClassifier {
  private ColourClassifier() {}

  /** The named colour of {@code rgb}. */
  public static Colour classify(float[] rgb) {
    double max = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
    double min = Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
    double saturation = max <= 0 ? 0 : (max - min) / max;
    if (max < 0.22) {
      return Colour.BLACK;
    }
    if (saturation < 0.3) {
      return max > 0.72 ? Colour.WHITE : (max >= 0.3 ? Colour.GREY : Colour.BLACK);
    }
    double h = hue(rgb);
    Colour best = null;
    double bestDistance = Double.MAX_VALUE;
    for (Colour c : Colour.values()) {
      float[] canon = c.rgb();
      double cMax = Math.max(canon[0], Math.max(canon[1], canon[2]));
      double cMin = Math.min(canon[0], Math.min(canon[1], canon[2]));
      if ((cMax - cMin) / cMax < 0.3) {
        continue;
      }
      double d = Math.abs(h - hue(canon));
      d = Math.min(d, 360 - d);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  /** Hue in degrees [0, 360) of the HSV model; 0 for greys. */
  public static double hue(float[] rgb) {
    double r = rgb[0];
    double g = rgb[1];
    double b = rgb[2];
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double delta = max - min;
    if (delta <= 0) {
      return 0;
    }
    double h;
    if (max == r) {
      h = 60 * ((g - b) / delta);
    } else if (max == g) {
      h = 60 * ((b - r) / delta) + 120;
    } else {
      h = 60 * ((r - g) / delta) + 240;
    }
    return h < 0 ? h + 360 : h;
  }
}
