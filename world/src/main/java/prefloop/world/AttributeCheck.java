package prefloop.world;

/**
 * What the pixels of an image say about its prompt. Detected attributes are null when no object was
 * found (then every object check is false).
 *
 * @param objectFound whether any object stands out from the background
 * @param colourCorrect detected object colour equals the prompt's
 * @param shapeCorrect best-matching shape template equals the prompt's
 * @param backgroundCorrect detected background colour equals the prompt's
 * @param positionCorrect the object's grid cell equals the prompt's
 * @param sizeCorrect the fitted size class equals the prompt's
 * @param colour detected object colour
 * @param shape detected shape
 * @param background detected background colour (never null)
 * @param position detected grid cell
 * @param size detected size class
 * @param quality how degraded the image looks
 */
public record AttributeCheck(
    boolean objectFound,
    boolean colourCorrect,
    boolean shapeCorrect,
    boolean backgroundCorrect,
    boolean positionCorrect,
    boolean sizeCorrect,
    Colour colour,
    Shape shape,
    Colour background,
    Position position,
    Size size,
    ImageQuality quality) {

  /** Number of attributes {@link #score()} averages over. */
  public static final int ATTRIBUTES = 5;

  /**
   * Fraction of the five attributes (colour, shape, background, position, size) that are correct.
   */
  public double score() {
    int correct =
        (colourCorrect ? 1 : 0)
            + (shapeCorrect ? 1 : 0)
            + (backgroundCorrect ? 1 : 0)
            + (positionCorrect ? 1 : 0)
            + (sizeCorrect ? 1 : 0);
    return correct / (double) ATTRIBUTES;
  }

  /** Whether all five attributes are correct. */
  public boolean allCorrect() {
    return score() == 1.0;
  }

  /**
   * Whether the image looks degraded (blurry, noisy, low contrast, off shade or centre, cluttered).
   */
  public boolean degradedLooking() {
    return quality.degradedLooking();
  }
}
