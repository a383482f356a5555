package prefloop.learner.core;

import java.util.SplittableRandom;

/**
 * One root seed split per component, and per component one stream per step: stream(c, s) =
 * SplittableRandom(mix(root ⊕ golden·(c+1)) ⊕ golden·(s+1)) — a restart or rollback at step s draws
 * exactly what the first run drew, and no component's draws shift another's.
 */
final class SeedStreams {

  static final int OBJECTIVE = 0;
  static final int DRIFT = 1;
  static final int ANCHOR = 2;
  static final int PRETRAIN_MIX = 3;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long root;

  SeedStreams(long root) {
    this.root = root;
  }

  SplittableRandom forStep(int component, long step) {
    long componentSeed = mix(root ^ (GOLDEN * (component + 1)));
    return new SplittableRandom(mix(componentSeed ^ (GOLDEN * (step + 1))));
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
