package prefloop.diffusion.model;

/**
 * Forward FLOPs per image of a {@link UNet}, counted analytically from its config: 2 FLOPs per
 * multiply-accumulate of every convolution, linear layer and attention matmul. Normalisation,
 * activations and additions (a few % at these sizes) are not counted.
 */
public final class UNetFlops {

  private UNetFlops() {}

  /** Forward FLOPs for one image (the conditional branch only; guidance doubles it). */
  public static long forward(UNetConfig c) {
    long macs = 0;
    long cond = c.conditionDim();
    macs += 2 * cond * cond; // timestep MLP
    macs += (long) c.maxTokens() * c.tokenDim() * cond + cond * cond; // prompt MLP
    int side = c.imageSize();
    macs += conv(c.imageChannels(), c.channels(0), 3, side);
    java.util.ArrayDeque<Integer> skips = new java.util.ArrayDeque<>();
    skips.push(c.channels(0));
    int channels = c.channels(0);
    for (int level = 0; level < c.levels(); level++) {
      for (int r = 0; r < c.resBlocksPerLevel(); r++) {
        macs += residual(channels, c.channels(level), cond, side);
        channels = c.channels(level);
        skips.push(channels);
      }
      if (level < c.levels() - 1) {
        side /= 2;
        macs += conv(channels, channels, 3, side);
        skips.push(channels);
      }
    }
    macs += 2 * residual(channels, channels, cond, side);
    if (c.attention()) {
      long positions = (long) side * side;
      macs += positions * channels * 3L * channels + 2 * positions * positions * channels;
      macs += positions * channels * (long) channels;
    }
    for (int level = c.levels() - 1; level >= 0; level--) {
      for (int r = 0; r <= c.resBlocksPerLevel(); r++) {
        macs += residual(channels + skips.pop(), c.channels(level), cond, side);
        channels = c.channels(level);
      }
      if (level > 0) {
        side *= 2;
        macs += conv(channels, channels, 3, side);
      }
    }
    macs += conv(channels, c.imageChannels(), 3, side);
    return 2 * macs;
  }

  private static long conv(int in, int out, int kernel, int side) {
    return (long) in * out * kernel * kernel * side * side;
  }

  private static long residual(int in, int out, long cond, int side) {
    long macs = conv(in, out, 3, side) + conv(out, out, 3, side) + cond * 2L * out;
    return in == out ? macs : macs + conv(in, out, 1, side);
  }
}
