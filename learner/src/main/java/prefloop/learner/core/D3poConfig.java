package prefloop.learner.core;

import static prefloop.learner.core.ConfigChecks.require;

/**
 * D3PO settings.
 *
 * @param ratioClip ε of clamp(π_θ/π_ref, 1−ε, 1+ε), in (0, 1)
 * @param stepsPerPair trajectory steps sampled per pair (K), ≥ 1
 */
public record D3poConfig(double ratioClip, int stepsPerPair) {

  public D3poConfig {
    require(ratioClip > 0 && ratioClip < 1, "d3po.ratioClip", ratioClip, "in (0, 1)");
    require(
        stepsPerPair >= 1 && stepsPerPair <= 1000, "d3po.stepsPerPair", stepsPerPair, "1..1000");
  }

  /** ε = 0.1, K = 2. */
  public static D3poConfig defaults() {
    return new D3poConfig(0.1, 2);
  }
}
