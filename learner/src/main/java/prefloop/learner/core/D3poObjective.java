package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * D3PO (Yang et al. 2024) over the DDIM trajectories carried in each pair (same x_T, η &gt; 0). Per
 * pair, K steps j are drawn (each from a timestep of the source, mapped to the trajectory's nearest
 * visited timestep), and
 *
 * <pre>
 *   log π_m(x_{j+1} | x_j) = mean_d log N(x_{j+1}; μ_m(x_j, t_j), σ_j²)      (DDIM step, m ∈ {θ, ref})
 *   ρ^*_j  = log clamp(π_θ/π_ref, 1−ε, 1+ε) = clip(log π_θ − log π_ref, log(1−ε), log(1+ε))
 *   m_j    = β · λ(t_j) · (ρ^w_j − ρ^l_j)
 *   loss   = (1/K) Σ_j −log σ(m_j),      margin = (1/K) Σ_j m_j
 * </pre>
 *
 * A log-sigmoid per step, then the mean, as D3PO's code computes its loss step by step; the margins
 * do not share one sigmoid.
 *
 * <p>The step densities come from {@link TrajectorySteps}, exactly as the sampler drew them.
 */
public final class D3poObjective extends TrajectoryObjective {

  /** The objective for a pixel model, whose sampler clips x̂_0 when the pair says it did. */
  public D3poObjective(ScheduleTensors schedule, double beta, D3poConfig config) {
    this(schedule, beta, config, true);
  }

  /**
   * @param mayClip false for a latent model: its sampler never clips (see {@code
   *     DiffusionModel.clipsToImageRange}), whatever the pair's sampler settings say
   */
  public D3poObjective(ScheduleTensors schedule, double beta, D3poConfig config, boolean mayClip) {
    super(schedule, beta, config, mayClip);
  }

  @Override
  PairLoss pairLoss(
      PairBatch batch,
      int i,
      int[] drawn,
      double[] weights,
      NoisePredictor policy,
      NoisePredictor reference) {
    NDArray perStep = stepMargins(batch, i, drawn, weights, policy, reference);
    return new PairLoss(PreferenceLoss.negativeLogSigmoid(perStep).mean(), perStep.mean());
  }

  /** m_j [K] of pair {@code i} for the given trajectory step indices and weights λ(t_j). */
  NDArray stepMargins(
      PairBatch batch,
      int i,
      int[] stepIndices,
      double[] h,
      NoisePredictor policy,
      NoisePredictor reference) {
    int k = stepIndices.length;
    TrajectorySteps.Densities d = steps.densities(batch, i, stepIndices, policy, reference);
    double clip = config.ratioClip();
    NDArray ratio =
        d.logPolicy()
            .sub(d.logReference())
            .clip((float) Math.log(1 - clip), (float) Math.log(1 + clip));
    NDList sides = ratio.split(new long[] {k}, 0);
    float[] weights = new float[k];
    for (int j = 0; j < k; j++) {
      weights[j] = (float) (beta * h[j]);
    }
    return sides.get(0).sub(sides.get(1)).mul(batch.manager().create(weights));
  }

  /** Index of the visited timestep closest to {@code t} (ties: the noisier one). */
  static int nearest(int[] visited, int t) {
    return TrajectorySteps.nearest(visited, t);
  }
}
