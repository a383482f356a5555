package prefloop.learner.core;

/**
 * The two DDIM trajectories of a pair, sampled from the same x_T with η &gt; 0, for trajectory
 * objectives (D3PO). Frames are in model space [−1, 1], CHW flattened, noisiest first: frame 0 is
 * x_T, frame i+1 is the result of the step at {@code timesteps[i] → previousTimesteps[i]}.
 *
 * @param winner S+1 frames of the preferred image's trajectory
 * @param loser S+1 frames of the other trajectory
 * @param timesteps the S visited timesteps t_0 &gt; t_1 &gt; …
 * @param previousTimesteps t_prev of each step (−1 after the last)
 * @param eta the sampler's η (&gt; 0, else the steps have no density)
 * @param guidanceScale the classifier-free guidance scale the sampler used (1 = none)
 * @param clipSample whether the sampler clipped x̂_0 to [−1, 1]
 * @param winnerLogProbs per step, log p(x_{t_prev} | x_t) of the winner's step under the policy
 *     that sampled it (mean over dimensions, as {@code DdimStep.gaussianLogProb}); empty when the
 *     pair does not carry them
 * @param loserLogProbs the same for the loser
 * @param advantage DPOK's advantages of the two images, from the rater's rewards when the pair
 *     carries them (null: from the label, {@link GroupAdvantage#FROM_LABEL})
 */
public record TrajectoryPair(
    float[][] winner,
    float[][] loser,
    int[] timesteps,
    int[] previousTimesteps,
    double eta,
    double guidanceScale,
    boolean clipSample,
    double[] winnerLogProbs,
    double[] loserLogProbs,
    GroupAdvantage advantage) {

  public TrajectoryPair {
    advantage = advantage == null ? GroupAdvantage.FROM_LABEL : advantage;
    int steps = timesteps.length;
    if (steps < 1 || previousTimesteps.length != steps) {
      throw new IllegalArgumentException(
          "TrajectoryPair needs S >= 1 timesteps and as many previous timesteps");
    }
    if (winner.length != steps + 1 || loser.length != steps + 1) {
      throw new IllegalArgumentException(
          "TrajectoryPair needs S+1 = "
              + (steps + 1)
              + " frames per image, got "
              + winner.length
              + " and "
              + loser.length);
    }
    winnerLogProbs = winnerLogProbs == null ? new double[0] : winnerLogProbs;
    loserLogProbs = loserLogProbs == null ? new double[0] : loserLogProbs;
    if (winnerLogProbs.length != loserLogProbs.length
        || (winnerLogProbs.length != 0 && winnerLogProbs.length != steps)) {
      throw new IllegalArgumentException(
          "TrajectoryPair needs S = "
              + steps
              + " sampling log-probabilities per image or none, got "
              + winnerLogProbs.length
              + " and "
              + loserLogProbs.length);
    }
    if (!(eta > 0)) {
      throw new IllegalArgumentException(
          "TrajectoryPair.eta = " + eta + " must be > 0 (deterministic steps have no density)");
    }
  }

  /** Whether the sampler's log-probabilities of each step came with the pair. */
  public boolean hasSamplingLogProbs() {
    return winnerLogProbs.length == timesteps.length;
  }

  /** S, the number of reverse steps. */
  public int steps() {
    return timesteps.length;
  }
}
