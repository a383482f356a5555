package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * Diffusion-DPO (Wallace et al. 2023, Eq. 14 with the pixel-mean MSE of their code). Per pair (c,
 * x^w, x^l) one t and one ε, <em>shared</em> by both images:
 *
 * <pre>
 *   x^*_t     = √ᾱ_t·x^*_0 + √(1−ᾱ_t)·ε                      (* ∈ {w, l})
 *   mse_m(x^*) = mean over pixels (ε − ε_m(x^*_t, t, c))²      (m ∈ {θ, ref})
 *   inside    = −½·β·λ(t)·[(mse_θ(x^w) − mse_θ(x^l)) − (mse_ref(x^w) − mse_ref(x^l))]
 * </pre>
 *
 * λ(t) comes from the timestep source (1 for plain Diffusion-DPO). The pair's loss is −log
 * σ(inside) ({@link MarginLoss#LOGISTIC}), or IPO's (inside − ½)² ({@link MarginLoss#SQUARED}).
 * Policy and reference each run one forward over the 2P images.
 *
 * <p>For a v-prediction model the MSE is taken in the model's own output space, as Diffusion-DPO's
 * code does for SD 2.x: ‖v̂ − v‖² = ‖ε̂ − ε‖²/ᾱ_t, so the same formula with λ(t) multiplied by
 * 1/ᾱ_t. In ε space a v-network's high-noise steps would carry almost no gradient (their ε error is
 * ᾱ_t times the v error), and those are the steps that place and shape the object.
 *
 * @param outputWeightCap cap of the output-space weight 1/ᾱ_t (0 = no cap)
 * @param loss how the margin becomes a loss (IPO: {@link MarginLoss#SQUARED})
 */
public record DiffusionDpoObjective(
    ScheduleTensors schedule,
    double beta,
    Prediction outputSpace,
    double outputWeightCap,
    MarginLoss loss)
    implements PreferenceObjective {

  /** The objective in ε space (an ε-prediction model). */
  public DiffusionDpoObjective(ScheduleTensors schedule, double beta) {
    this(schedule, beta, Prediction.EPSILON);
  }

  /** The objective in the output space of a model that predicts {@code outputSpace}. */
  public DiffusionDpoObjective(ScheduleTensors schedule, double beta, Prediction outputSpace) {
    this(schedule, beta, outputSpace, 0);
  }

  /**
   * The objective in the output space of a model that predicts {@code outputSpace}, its weight
   * capped at {@code outputWeightCap} (0 = no cap).
   */
  public DiffusionDpoObjective(
      ScheduleTensors schedule, double beta, Prediction outputSpace, double outputWeightCap) {
    this(schedule, beta, outputSpace, outputWeightCap, MarginLoss.LOGISTIC);
  }

  /** The factor that turns an ε-space MSE into the model's output space at step t. */
  double outputSpaceWeight(int t) {
    return switch (outputSpace) {
      case EPSILON -> 1.0;
      case V -> {
        double weight = 1.0 / schedule.schedule().alphaBar(t);
        yield outputWeightCap > 0 ? Math.min(weight, outputWeightCap) : weight;
      }
    };
  }

  @Override
  public PairLosses losses(
      PairBatch batch,
      NoisePredictor policy,
      NoisePredictor reference,
      TimestepSource timesteps,
      SplittableRandom random) {
    int pairs = batch.size();
    int[] t = new int[pairs];
    double[] scale = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      t[i] = timesteps.sample(random);
      scale[i] = timesteps.betaScale(t[i]) * outputSpaceWeight(t[i]);
    }
    NDManager scope = batch.manager();
    Shape shape = batch.winners().getShape();
    float[] noise = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    NDArray inside =
        inside(batch, policy, reference, scope.create(t), scope.create(noise, shape), scale);
    return new PairLosses(loss.of(inside), inside, t);
  }

  /** inside per pair [P] for given timesteps [P] (int), noise ε [P, C, H, W] and λ(t) per pair. */
  NDArray inside(
      PairBatch batch,
      NoisePredictor policy,
      NoisePredictor reference,
      NDArray t,
      NDArray noise,
      double[] betaScale) {
    NDManager scope = batch.manager();
    int pairs = batch.size();
    NDArray x0 = batch.winners().concat(batch.losers(), 0);
    NDArray tt = t.concat(t, 0);
    NDArray eps = noise.concat(noise, 0);
    NDArray tokens = batch.tokens().concat(batch.tokens(), 0);
    NDArray xt = schedule.addNoise(x0, eps, tt);
    NDArray policyDiff = winMinusLose(perSampleMse(policy.predict(xt, tt, tokens), eps), pairs);
    NDArray referenceDiff =
        winMinusLose(perSampleMse(reference.predict(xt, tt, tokens), eps), pairs).stopGradient();
    float[] factor = new float[pairs];
    for (int i = 0; i < pairs; i++) {
      factor[i] = (float) (-0.5 * beta * betaScale[i]);
    }
    return policyDiff.sub(referenceDiff).mul(scope.create(factor));
  }

  /** mean over all but the first axis of (prediction − ε)², shape [N]. */
  static NDArray perSampleMse(NDArray prediction, NDArray eps) {
    NDArray squared = prediction.sub(eps).square();
    return squared.reshape(squared.getShape().get(0), -1).mean(new int[] {1});
  }

  private static NDArray winMinusLose(NDArray perSample, int pairs) {
    NDList halves = perSample.split(new long[] {pairs}, 0);
    return halves.get(0).sub(halves.get(1));
  }
}
