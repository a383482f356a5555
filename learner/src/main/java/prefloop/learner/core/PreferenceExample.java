package prefloop.learner.core;

import java.util.Optional;
import prefloop.world.RgbImage;

/**
 * One labelled pair ready to train: winner and loser already resolved from the label (A/B).
 *
 * @param pairId the generator's pair id (exactly-once bookkeeping happens upstream)
 * @param prompt the prompt both images were sampled for
 * @param winner the preferred image, [0, 1]
 * @param loser the other image, same size as the winner
 * @param weight per-pair loss weight ≥ 0 (e.g. a staleness down-weight; 0 = ignored)
 * @param policyVersion the policy version that sampled the pair
 * @param trajectories the sampled trajectories, required by trajectory objectives (D3PO)
 */
public record PreferenceExample(
    String pairId,
    String prompt,
    RgbImage winner,
    RgbImage loser,
    double weight,
    long policyVersion,
    Optional<TrajectoryPair> trajectories) {

  public PreferenceExample {
    if (pairId == null || prompt == null || winner == null || loser == null) {
      throw new IllegalArgumentException(
          "PreferenceExample needs pairId, prompt, winner and loser");
    }
    if (!(weight >= 0 && Double.isFinite(weight))) {
      throw new IllegalArgumentException(
          "PreferenceExample.weight = " + weight + " must be finite and >= 0");
    }
    trajectories = trajectories == null ? Optional.empty() : trajectories;
  }

  /** A pair without trajectories, weight 1. */
  public static PreferenceExample of(
      String pairId, String prompt, RgbImage winner, RgbImage loser, long policyVersion) {
    return new PreferenceExample(
        pairId, prompt, winner, loser, 1.0, policyVersion, Optional.empty());
  }

  /** Whether winner and loser can form a batch of {@code size}×{@code size} images. */
  boolean fits(int size) {
    return winner.width() == size
        && winner.height() == size
        && loser.width() == size
        && loser.height() == size;
  }
}
