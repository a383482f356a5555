package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import prefloop.diffusion.model.Scalars;
import prefloop.diffusion.sampler.DdimStep;
import prefloop.diffusion.sampler.StepDistribution;
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
 * <p>The step mean and σ come from the diffusion module's {@link DdimStep} with the sampler's η,
 * guidance and clipping, so π_θ is exactly the density the sampler drew from (gradients on).
 */
public final class D3poObjective implements PreferenceObjective {

  private final ScheduleTensors schedule;
  private final double beta;
  private final D3poConfig config;
  private final boolean mayClip;

  /** The objective for a pixel model, whose sampler clips x̂_0 when the pair says it did. */
  public D3poObjective(ScheduleTensors schedule, double beta, D3poConfig config) {
    this(schedule, beta, config, true);
  }

  /**
   * @param mayClip false for a latent model: its sampler never clips (see {@code
   *     DiffusionModel.clipsToImageRange}), whatever the pair's sampler settings say
   */
  public D3poObjective(ScheduleTensors schedule, double beta, D3poConfig config, boolean mayClip) {
    this.schedule = schedule;
    this.beta = beta;
    this.config = config;
    this.mayClip = mayClip;
  }

  @Override
  public boolean accepts(PreferenceExample example) {
    return example.trajectories().isPresent();
  }

  @Override
  public PairLosses losses(
      PairBatch batch,
      NoisePredictor policy,
      NoisePredictor reference,
      TimestepSource timesteps,
      SplittableRandom random) {
    int pairs = batch.size();
    int k = config.stepsPerPair();
    int[][] steps = new int[pairs][k];
    double[][] h = new double[pairs][k];
    int[] first = new int[pairs];
    for (int i = 0; i < pairs; i++) {
      int[] visited = trajectory(batch, i).timesteps();
      for (int j = 0; j < k; j++) {
        int t = timesteps.sample(random);
        steps[i][j] = nearest(visited, t);
        h[i][j] = timesteps.betaScale(visited[steps[i][j]]);
      }
      first[i] = visited[steps[i][0]];
    }
    NDArray[] losses = new NDArray[pairs];
    NDArray[] margins = new NDArray[pairs];
    for (int i = 0; i < pairs; i++) {
      NDArray perStep = stepMargins(batch, i, steps[i], h[i], policy, reference);
      losses[i] = PreferenceLoss.negativeLogSigmoid(perStep).mean();
      margins[i] = perStep.mean();
    }
    return new PairLosses(NDArrays.stackScalars(losses), NDArrays.stackScalars(margins), first);
  }

  /** m_j [K] of pair {@code i} for the given trajectory step indices and weights λ(t_j). */
  NDArray stepMargins(
      PairBatch batch,
      int i,
      int[] stepIndices,
      double[] h,
      NoisePredictor policy,
      NoisePredictor reference) {
    TrajectoryPair pair = trajectory(batch, i);
    NDManager scope = batch.manager();
    int k = stepIndices.length;
    Shape frame = batch.winners().getShape().slice(1);
    int plane = Math.toIntExact(frame.size());
    float[] current = new float[2 * k * plane];
    float[] next = new float[2 * k * plane];
    int[] t = new int[2 * k];
    int[] tPrev = new int[2 * k];
    for (int j = 0; j < k; j++) {
      int s = stepIndices[j];
      for (int side = 0; side < 2; side++) {
        float[][] frames = side == 0 ? pair.winner() : pair.loser();
        int row = side * k + j;
        System.arraycopy(frames[s], 0, current, row * plane, plane);
        System.arraycopy(frames[s + 1], 0, next, row * plane, plane);
        t[row] = pair.timesteps()[s];
        tPrev[row] = pair.previousTimesteps()[s];
      }
    }
    Shape shape = new Shape(2L * k).addAll(frame);
    NDArray xt = scope.create(current, shape);
    NDArray xPrev = scope.create(next, shape);
    NDArray tt = scope.create(t);
    NDArray ttPrev = scope.create(tPrev);
    NDArray tokens = repeatRow(batch.tokens(), i, 2 * k);
    NDArray empty = repeatRow(batch.emptyTokens(), i, 2 * k);
    NDArray logPolicy = logProb(policy, pair, xt, xPrev, tt, ttPrev, tokens, empty);
    NDArray logReference =
        logProb(reference, pair, xt, xPrev, tt, ttPrev, tokens, empty).stopGradient();
    double clip = config.ratioClip();
    NDArray ratio =
        logPolicy.sub(logReference).clip((float) Math.log(1 - clip), (float) Math.log(1 + clip));
    NDList sides = ratio.split(new long[] {k}, 0);
    float[] weights = new float[k];
    for (int j = 0; j < k; j++) {
      weights[j] = (float) (beta * h[j]);
    }
    return sides.get(0).sub(sides.get(1)).mul(scope.create(weights));
  }

  private NDArray logProb(
      NoisePredictor model,
      TrajectoryPair pair,
      NDArray xt,
      NDArray xPrev,
      NDArray t,
      NDArray tPrev,
      NDArray tokens,
      NDArray emptyTokens) {
    NDArray eps = model.predict(xt, t, tokens);
    if (pair.guidanceScale() != 1.0) {
      NDArray unconditional = model.predict(xt, t, emptyTokens);
      NDArray scale = Scalars.like(eps, (float) pair.guidanceScale());
      eps = unconditional.add(eps.sub(unconditional).mul(scale));
    }
    StepDistribution p =
        DdimStep.distribution(
            schedule, eps, xt, t, tPrev, pair.eta(), pair.clipSample() && mayClip);
    return DdimStep.gaussianLogProb(xPrev, p.mean(), p.std());
  }

  private static NDArray repeatRow(NDArray matrix, int row, int times) {
    return matrix.get(row).expandDims(0).repeat(0, times);
  }

  private static TrajectoryPair trajectory(PairBatch batch, int i) {
    return batch
        .examples()
        .get(i)
        .trajectories()
        .orElseThrow(() -> new IllegalArgumentException("D3PO needs trajectories in every pair"));
  }

  /** Index of the visited timestep closest to {@code t} (ties: the noisier one). */
  static int nearest(int[] visited, int t) {
    int best = 0;
    for (int s = 1; s < visited.length; s++) {
      if (Math.abs(visited[s] - t) < Math.abs(visited[best] - t)) {
        best = s;
      }
    }
    return best;
  }
}
