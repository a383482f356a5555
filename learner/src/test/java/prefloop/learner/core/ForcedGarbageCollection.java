package prefloop.learner.core;

/**
 * Collects unreachable objects, so that the cleaner frees the direct buffers they held: between a
 * forward and its backward pass this exposes an op that kept a scalar over a freed buffer
 * (docs/DEVELOPING.md, "Never pass a Number to an op that autograd differentiates").
 */
final class ForcedGarbageCollection {

  private ForcedGarbageCollection() {}

  static void collect() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      byte[][] churn = new byte[64][];
      for (int j = 0; j < churn.length; j++) {
        churn[j] = new byte[1 << 16];
      }
      System.gc();
      Thread.sleep(20);
    }
  }
}
