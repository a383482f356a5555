package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import prefloop.diffusion.model.Scalars;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * DPOK (Fan et al. 2023): a KL-regularised policy gradient over the DDIM trajectories carried in
 * each pair. An image's advantage A is its scalar reward less the per-prompt baseline, the mean
 * reward of every image the prompt was sampled with ({@link GroupAdvantage}): the model raters'
 * utilities when the preference carries them, else the label as a reward of 1 and 0 (A = ±½). For K
 * drawn steps j of each image:
 *
 * <pre>
 *   ρ_j   = π_θ(x_{j+1} | x_j) / π_old(x_{j+1} | x_j)         (π_old: the policy that sampled it)
 *   pg_j  = −min(ρ_j · A, clip(ρ_j, 1−ε, 1+ε) · A)
 *   KL_j  = λ(t_j) · ‖μ_θ − μ_ref‖² / (2σ_j²)                  (per dimension, the step's own σ)
 *   loss  = mean_j pg_j + β · mean_j KL_j
 * </pre>
 *
 * The importance ratio corrects for the pair having been sampled by an older policy version (the
 * learner trains on pairs as they arrive); π_old comes from the log-probabilities the generator
 * records with each trajectory, and a pair without them is treated as on-policy (ρ = 1, plain
 * REINFORCE). The KL runs to the reference: the initial model while the reference is frozen, and
 * the paper's merged reference otherwise, which is how the paper plugs its reference update into
 * DPOK. For DDPM steps (η = 1) KL_j is the drift estimator's ω(t)·‖ε_θ − ε_ref‖². The margin
 * reported for implicit accuracy is D3PO's: mean_j of the winner's log π_θ/π_ref minus the loser's.
 */
public final class DpokObjective extends TrajectoryObjective {

  /**
   * @param beta weight of the KL term (DPOK's β)
   * @param config steps drawn per pair (K) and the importance ratio's clip ε
   * @param mayClip false for a latent model, whose sampler never clips
   */
  public DpokObjective(ScheduleTensors schedule, double beta, D3poConfig config, boolean mayClip) {
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
    int k = drawn.length;
    TrajectorySteps.Densities d = steps.densities(batch, i, drawn, policy, reference);
    NDArray oldLogProbs = samplingLogProbs(batch, i, drawn, d.logPolicy());
    NDArray ratio = d.logPolicy().sub(oldLogProbs).exp();
    GroupAdvantage pairAdvantage = TrajectorySteps.trajectory(batch, i).advantage();
    float[] advantage = new float[2 * k];
    float[] weight = new float[2 * k];
    for (int j = 0; j < k; j++) {
      advantage[j] = (float) pairAdvantage.winner();
      advantage[k + j] = (float) pairAdvantage.loser();
      weight[j] = (float) weights[j];
      weight[k + j] = (float) weights[j];
    }
    NDArray a = batch.manager().create(advantage);
    double clip = config.ratioClip();
    NDArray clipped = ratio.clip((float) (1 - clip), (float) (1 + clip));
    NDArray policyGradient = ratio.mul(a).minimum(clipped.mul(a)).neg();
    NDArray kl = d.klToReference().mul(batch.manager().create(weight));
    NDArray loss = policyGradient.mean().add(kl.mean().mul(Scalars.like(kl, (float) beta)));
    NDArray logRatio = d.logPolicy().sub(d.logReference());
    NDArray perImage = logRatio.reshape(2, k).mean(new int[] {1});
    return new PairLoss(loss, perImage.get(0).sub(perImage.get(1)));
  }

  /** log π_old of the drawn rows; without them in the pair, the policy's own (ρ = 1). */
  private static NDArray samplingLogProbs(PairBatch batch, int i, int[] drawn, NDArray logPolicy) {
    TrajectoryPair pair = TrajectorySteps.trajectory(batch, i);
    if (!pair.hasSamplingLogProbs()) {
      return logPolicy.stopGradient();
    }
    int k = drawn.length;
    float[] old = new float[2 * k];
    for (int j = 0; j < k; j++) {
      old[j] = (float) pair.winnerLogProbs()[drawn[j]];
      old[k + j] = (float) pair.loserLogProbs()[drawn[j]];
    }
    return batch.manager().create(old);
  }
}
