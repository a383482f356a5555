package prefloop.world;

import java.util.ArrayList;
import java.util.List;

/**
 * Pixel measures of how degraded an image looks, independent of the prompt. Thresholds are for the
 * default renderer: clean renders pass all of them, each {@link Degradation} trips at least one
 * most of the time.
 *
 * @param sharpness max over the object region of ‖I(x+1) − I(x−1)‖ (and in y) over ‖o − bg‖: ≈ 1
 *     for an anti-aliased edge, lower when blurred; blurry below 0.8
 * @param noiseSigma Immerkær's estimate σ = √(π/2) / 6 · mean |I ∗ N| over background pixels, N the
 *     3×3 Laplacian-difference mask [1 −2 1; −2 4 −2; 1 −2 1]; noisy above 0.03
 * @param contrastRatio ‖o − bg‖ over the distance between the canonical detected colours; low below
 *     0.72
 * @param shadeError ‖o − canonical(detected colour)‖; off-shade above 0.2
 * @param centreOffset distance of the object from its grid cell centre in 32-pixel units;
 *     off-centre above 2.75
 * @param extraObjects other components of at least a tenth of the object's pixels (and ≥ 4 px)
 */
public record ImageQuality(
    double sharpness,
    double noiseSigma,
    double contrastRatio,
    double shadeError,
    double centreOffset,
    int extraObjects) {
  public static final double MIN_SHARPNESS = 0.8;
  public static final double MAX_NOISE_SIGMA = 0.03;
  public static final double MIN_CONTRAST_RATIO = 0.72;
  public static final double MAX_SHADE_ERROR = 0.2;
  public static final double MAX_CENTRE_OFFSET = 2.75;

  /** The quality of an image with no detectable object: every flag set. */
  public static ImageQuality noObject() {
    return new ImageQuality(0, 0, 0, 1, 16, 0);
  }

  /** Names of the tripped flags, e.g. {@code ["blurry", "noisy"]}; empty for a clean look. */
  public List<String> flags() {
    List<String> flags = new ArrayList<>();
    if (sharpness < MIN_SHARPNESS) {
      flags.add("blurry");
    }
    if (noiseSigma > MAX_NOISE_SIGMA) {
      flags.add("noisy");
    }
    if (contrastRatio < MIN_CONTRAST_RATIO) {
      flags.add("low-contrast");
    }
    if (shadeError > MAX_SHADE_ERROR) {
      flags.add("off-shade");
    }
    if (centreOffset > MAX_CENTRE_OFFSET) {
      flags.add("off-centre");
    }
    if (extraObjects > 0) {
      flags.add("cluttered");
    }
    return flags;
  }

  /** Whether any flag is tripped. */
  public boolean degradedLooking() {
    return !flags().isEmpty();
  }
}
