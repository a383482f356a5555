package prefloop.generator.http;

import prefloop.generator.prompt.PromptValidator;

/**
 * A validated {@code GET /generate} request: {@code n} images of {@code prompt} with seeds {@code
 * seed, seed+1, …, seed+n−1}.
 *
 * @param prompt canonical prompt text
 * @param seed first seed, ≥ 0
 * @param n images, in [1, {@value #MAX_IMAGES}]
 */
public record GenerateRequest(String prompt, long seed, int n) {
  public static final int MAX_IMAGES = 16;

  /**
   * Parses the raw query parameters (null when absent).
   *
   * @throws BadRequestException saying which parameter is wrong and why
   */
  public static GenerateRequest parse(
      String prompt, String seed, String n, PromptValidator validator) {
    if (prompt == null) {
      throw new BadRequestException(
          "missing query parameter 'prompt', e.g. ?prompt=a small red circle on a blue"
              + " background, top left");
    }
    String canonical;
    try {
      canonical = validator.canonical(prompt);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("prompt: " + e.getMessage());
    }
    return new GenerateRequest(canonical, parseSeed(seed), parseCount(n));
  }

  private static long parseSeed(String seed) {
    if (seed == null || seed.isEmpty()) {
      return 0;
    }
    try {
      long value = Long.parseLong(seed.trim());
      if (value < 0) {
        throw new BadRequestException("seed = " + seed + " must be >= 0");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequestException("seed = '" + seed + "' is not a whole number >= 0");
    }
  }

  private static int parseCount(String n) {
    if (n == null || n.isEmpty()) {
      return 1;
    }
    try {
      int value = Integer.parseInt(n.trim());
      if (value < 1 || value > MAX_IMAGES) {
        throw new BadRequestException("n = " + value + " must be in [1, " + MAX_IMAGES + "]");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          "n = '" + n + "' must be a whole number in [1, " + MAX_IMAGES + "]");
    }
  }

  /** The seeds of the images. */
  public long[] seeds() {
    long[] seeds = new long[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = seed + i;
    }
    return seeds;
  }
}
