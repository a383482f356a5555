package prefloop.world;

/**
 * Ways a corpus image can be worse than a clean render, like the flaws of web data. Strengths are
 * in pixels of a 32-pixel image and scale with the width.
 */
public enum Degradation {
  /** Gaussian blur, σ uniform in [1.0, 1.6] px. */
  BLUR(false),
  /** Additive Gaussian noise, σ uniform in [0.06, 0.12] per channel, then clamped to [0,1]. */
  NOISE(false),
  /**
   * The object's colour mixed 30–45% towards white or black (a white object is instead tinted
   * 15–25% towards a random chromatic colour): the hue stays, the shade is off.
   */
  WRONG_SHADE(true),
  /**
   * The object placed 3.5–5 px from its grid cell centre in a random direction (no other jitter).
   */
  OFF_CENTRE(true),
  /**
   * A distractor: another shape at 60–85% of the object's size, in a colour different from both the
   * object and the background, placed without overlapping the object.
   */
  CLUTTER(true),
  /** Contrast squeezed towards mid-grey: x ← 0.5 + k·(x − 0.5) with k uniform in [0.4, 0.6]. */
  LOW_CONTRAST(false);

  private final boolean sceneLevel;

  Degradation(boolean sceneLevel) {
    this.sceneLevel = sceneLevel;
  }

  /** Whether it changes the scene before drawing (otherwise it filters the drawn image). */
  public boolean isSceneLevel() {
    return sceneLevel;
  }
}
