package prefloop.world;

/**
 * Ground-truth attribute checks from pixels, with no learned model: segment the image ({@link
 * Segmentation}), fit the largest object ({@link ObjectFit}), name its colour and the background's
 * with {@link ColourClassifier}, take its grid cell from the fitted box centre (thirds split at
 * 0.375 and 0.625 of the side), its size class from the fitted side over the width (split at the
 * geometric means of the {@link Size} fractions), and compare each with the prompt. Stateless and
 * thread-safe.
 */
public final class AttributeChecker {

  /** Checks {@code image} against {@code prompt}. */
  public AttributeCheck check(Prompt prompt, RgbImage image) {
    Segmentation seg = Segmentation.of(image);
    Colour background = ColourClassifier.classify(seg.background());
    if (!seg.hasObject()) {
      return new AttributeCheck(
          false,
          false,
          false,
          background == prompt.background(),
          false,
          false,
          null,
          null,
          background,
          null,
          null,
          ImageQuality.noObject());
    }
    ObjectFit fit = ObjectFit.of(image, seg);
    Colour colour = ColourClassifier.classify(fit.colour());
    Position position = QualityMeasures.positionOf(image, fit);
    Size size = sizeOf(fit.side() / image.width());
    ImageQuality quality = QualityMeasures.measure(image, seg, fit, colour, background);
    return new AttributeCheck(
        true,
        colour == prompt.colour(),
        fit.shape() == prompt.shape(),
        background == prompt.background(),
        position == prompt.position(),
        size == prompt.size(),
        colour,
        fit.shape(),
        background,
        position,
        size,
        quality);
  }

  static Size sizeOf(double fraction) {
    Size[] sizes = Size.values();
    for (int i = 0; i < sizes.length - 1; i++) {
      if (fraction < Math.sqrt(sizes[i].fraction() * sizes[i + 1].fraction())) {
        return sizes[i];
      }
    }
    return sizes[sizes.length - 1];
  }
}
