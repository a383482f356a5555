package prefloop.world;

import java.util.Random;

/**
 * Seeds for {@link Random}. {@code new Random(seed)} gives strongly correlated first outputs for
 * consecutive seeds (0, 1, 2, ...), so every seed goes through the SplitMix64 finaliser first.
 */
final class Seeds {
  private Seeds() {}

  /** SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijection that decorrelates nearby seeds. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A {@link Random} for stream {@code stream} of {@code seed}. */
  static Random random(long seed, long stream) {
    return new Random(mix(seed + 0x9E3779B97F4A7C15L * stream));
  }
}
