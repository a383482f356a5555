package prefloop.rater.fidelity;

/**
 * Shape of a fidelity net: three 3×3 conv stages (each ReLU then 2×2 pooling, so 32 → 4 pixels), a
 * hidden dense layer, and {@link AttributeHeads#WIDTH} logits.
 *
 * @param imageSize input side in pixels, a multiple of 8 in [8, 256]
 * @param channels1 filters of stage 1, in [1, 512]
 * @param channels2 filters of stage 2, in [1, 512]
 * @param channels3 filters of stage 3, in [1, 512]
 * @param hidden units of the dense layer, in [1, 4096]
 * @param averagePooling true for average pooling, false for max pooling
 */
public record FidelityNetConfig(
    int imageSize,
    int channels1,
    int channels2,
    int channels3,
    int hidden,
    boolean averagePooling) {

  public FidelityNetConfig {
    if (imageSize < 8 || imageSize > 256 || imageSize % 8 != 0) {
      throw new IllegalArgumentException(
          "fidelity imageSize must be a multiple of 8 in [8, 256], was " + imageSize);
    }
    check("channels1", channels1, 512);
    check("channels2", channels2, 512);
    check("channels3", channels3, 512);
    check("hidden", hidden, 4096);
  }

  /** The training fidelity scorer: 16/32/64 filters, 128 hidden, max pooling. */
  public static FidelityNetConfig defaults() {
    return new FidelityNetConfig(32, 16, 32, 64, 128, false);
  }

  /** The held-out scorer: a different shape (24/48/48 filters, 64 hidden, average pooling). */
  public static FidelityNetConfig heldOut() {
    return new FidelityNetConfig(32, 24, 48, 48, 64, true);
  }

  private static void check(String key, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          "fidelity " + key + " must be in [1, " + max + "], was " + value);
    }
  }
}
