package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import prefloop.diffusion.model.Scalars;
import prefloop.diffusion.sampler.DdimStep;
import prefloop.diffusion.sampler.StepDistribution;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * The DDIM steps of a pair's two trajectories under the policy and the reference, for the
 * trajectory objectives (D3PO, DPOK). The step mean and σ come from the diffusion module's {@link
 * DdimStep} with the sampler's η, guidance and clipping, so π_θ is exactly the density the sampler
 * drew from (gradients on); the reference runs without gradients.
 */
final class TrajectorySteps {

  /**
   * Per drawn step, 2K rows: rows 0..K−1 the winner's steps, K..2K−1 the loser's.
   *
   * @param logPolicy log π_θ(x_{j+1} | x_j), mean over dimensions [2K]
   * @param logReference log π_ref(x_{j+1} | x_j), no gradient [2K]
   * @param policy the policy's step distribution (gradients on)
   * @param reference the reference's step distribution (its mean without gradient)
   */
  record Densities(
      NDArray logPolicy,
      NDArray logReference,
      StepDistribution policy,
      StepDistribution reference) {

    /**
     * KL(π_θ ‖ π_ref) of each step, mean over dimensions: ‖μ_θ − μ_ref‖²/(2σ²), both steps sharing
     * σ [2K]. A deterministic step (σ = 0, the last one) has no density: its KL counts as 0, as its
     * log-probability does in {@code gaussianLogProb}. Computed on demand: D3PO does not need it.
     */
    NDArray klToReference() {
      long rows = logPolicy.size();
      NDArray random = reference.std().gt(0f).toType(DataType.FLOAT32, false);
      NDArray safeStd = reference.std().add(random.neg().add(1f));
      return policy
          .mean()
          .sub(reference.mean())
          .square()
          .div(safeStd.square().mul(2))
          .reshape(rows, -1)
          .mean(new int[] {1})
          .mul(random.reshape(rows, -1).get(":, 0"));
    }
  }

  /**
   * K drawn steps per pair.
   *
   * @param steps [pair][K] indices into each trajectory's visited timesteps
   * @param weights [pair][K] λ(t) of each drawn step
   * @param first per pair the first drawn step's timestep (per-bin statistics)
   */
  record Draws(int[][] steps, double[][] weights, int[] first) {}

  private final ScheduleTensors schedule;
  private final boolean mayClip;

  /**
   * @param mayClip false for a latent model: its sampler never clips (see {@code
   *     DiffusionModel.clipsToImageRange}), whatever the pair's sampler settings say
   */
  TrajectorySteps(ScheduleTensors schedule, boolean mayClip) {
    this.schedule = schedule;
    this.mayClip = mayClip;
  }

  /** K steps per pair: each from a timestep of the source, mapped to the nearest visited one. */
  static Draws draw(PairBatch batch, int k, TimestepSource timesteps, SplittableRandom random) {
    int pairs = batch.size();
    int[][] steps = new int[pairs][k];
    double[][] weights = new double[pairs][k];
    int[] first = new int[pairs];
    for (int i = 0; i < pairs; i++) {
      int[] visited = trajectory(batch, i).timesteps();
      for (int j = 0; j < k; j++) {
        int t = timesteps.sample(random);
        steps[i][j] = nearest(visited, t);
        weights[i][j] = timesteps.betaScale(visited[steps[i][j]]);
      }
      first[i] = visited[steps[i][0]];
    }
    return new Draws(steps, weights, first);
  }

  /** The densities of pair {@code i}'s steps {@code stepIndices} (winner rows, then loser rows). */
  Densities densities(
      PairBatch batch, int i, int[] stepIndices, NoisePredictor policy, NoisePredictor reference) {
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
    StepDistribution p = step(policy, pair, xt, tt, ttPrev, tokens, empty);
    StepDistribution r = step(reference, pair, xt, tt, ttPrev, tokens, empty);
    NDArray referenceMean = r.mean().stopGradient();
    return new Densities(
        DdimStep.gaussianLogProb(xPrev, p.mean(), p.std()),
        DdimStep.gaussianLogProb(xPrev, referenceMean, r.std()).stopGradient(),
        p,
        new StepDistribution(referenceMean, r.std(), r.predictedX0()));
  }

  private StepDistribution step(
      NoisePredictor model,
      TrajectoryPair pair,
      NDArray xt,
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
    return DdimStep.distribution(
        schedule, eps, xt, t, tPrev, pair.eta(), pair.clipSample() && mayClip);
  }

  private static NDArray repeatRow(NDArray matrix, int row, int times) {
    return matrix.get(row).expandDims(0).repeat(0, times);
  }

  static TrajectoryPair trajectory(PairBatch batch, int i) {
    return batch
        .examples()
        .get(i)
        .trajectories()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "trajectory objectives need trajectories in every pair"));
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
