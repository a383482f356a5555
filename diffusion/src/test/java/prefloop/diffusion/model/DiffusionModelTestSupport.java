package prefloop.diffusion.model;

/** Assertions shared by tests of other packages. */
public final class DiffusionModelTestSupport {
  private DiffusionModelTestSupport() {}

  /** Every parameter of {@code a} equals {@code b}'s bit for bit, in the same order. */
  public static void assertSameWeights(DiffusionModel a, DiffusionModel b) {
    ToyDiffusionModelTest.assertSameWeights(a, b);
  }
}
