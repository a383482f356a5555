package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import java.util.SplittableRandom;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.Scalars;
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
 * λ(t) comes from the timestep source (1 for plain Diffusion-DPO); the trainer turns inside into
 * the loss −log σ(inside). Policy and reference each run one forward over the 2P images.
 *
 * <p>For a v-prediction model the MSE is taken in the model's own output space, as Diffusion-DPO's
 * code does for SD 2.x: ‖v̂ − v‖² = ‖ε̂ − ε‖²/ᾱ_t, so the same formula with λ(t) multiplied by
 * 1/ᾱ_t. In ε space a v-network's high-noise steps would carry almost no gradient (their ε error is
 * ᾱ_t times the v error), and those are the steps that place and shape the object.
 */
public final class DiffusionDpoObjective implements PreferenceObjective {

  private final ScheduleTensors schedule;
  private final double beta;
  private final Prediction outputSpace;
  private final double outputWeightCap;
  private final double winnerPenalty;

  /** The objective in ε space (an ε-prediction model). */
  public DiffusionDpoObjective(ScheduleTensors schedule, double beta) {
    this(schedule, beta, Prediction.EPSILON);
  }

  /** The objective in the output space of a model that predicts {@code outputSpace}. */
  public DiffusionDpoObjective(ScheduleTensors schedule, double beta, Prediction outputSpace) {
    this(schedule, beta, outputSpace, 0, 0);
  }

  /**
   * The objective in the output space of a model that predicts {@code outputSpace}, its weight
   * capped at {@code outputWeightCap} (0 = no cap), with DPO-Positive's penalty λ_p = {@code
   * winnerPenalty} (0 = off) added to the bracket: λ_p·max(0, mse_θ(x^w) − mse_ref(x^w)).
   */
  public DiffusionDpoObjective(
      ScheduleTensors schedule,
      double beta,
      Prediction outputSpace,
      double outputWeightCap,
      double winnerPenalty) {
    this.schedule = schedule;
    this.beta = beta;
    this.outputSpace = outputSpace;
    this.outputWeightCap = outputWeightCap;
    this.winnerPenalty = winnerPenalty;
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
  public PairMargins margins(
      PairBatch batch,
      NoisePredictor policy,
      NoisePredictor reference,
      TimestepSource timesteps,
      SplittableRandom random) {
    int pairs = batch.size();
    int[] t = new int[pairs];
    double[] lambda = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      t[i] = timesteps.sample(random);
      lambda[i] = timesteps.betaScale(t[i]);
    }
    Shape shape = batch.winners().getShape();
    float[] noise = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    return margins(batch, policy, reference, t, batch.manager().create(noise, shape), lambda);
  }

  /** The margins and winner losses for given timesteps, noise ε [P, C, H, W] and λ(t) per pair. */
  PairMargins margins(
      PairBatch batch,
      NoisePredictor policy,
      NoisePredictor reference,
      int[] t,
      NDArray noise,
      double[] lambda) {
    int pairs = batch.size();
    double[] scale = new double[pairs];
    float[] outputWeight = new float[pairs];
    for (int i = 0; i < pairs; i++) {
      outputWeight[i] = (float) outputSpaceWeight(t[i]);
      scale[i] = lambda[i] * outputSpaceWeight(t[i]);
    }
    NDManager scope = batch.manager();
    Noised noised = Noised.of(batch, schedule, scope.create(t), noise);
    NDArray policyMse = noised.mse(policy);
    NDArray inside = inside(batch, noised, policyMse, reference, scale);
    NDArray winnerLoss = winners(policyMse, pairs).mul(scope.create(outputWeight));
    return new PairMargins(inside, t, Optional.of(winnerLoss));
  }

  /** inside per pair [P] for given timesteps [P] (int), noise ε [P, C, H, W] and λ(t) per pair. */
  NDArray inside(
      PairBatch batch,
      NoisePredictor policy,
      NoisePredictor reference,
      NDArray t,
      NDArray noise,
      double[] betaScale) {
    Noised noised = Noised.of(batch, schedule, t, noise);
    return inside(batch, noised, noised.mse(policy), reference, betaScale);
  }

  private NDArray inside(
      PairBatch batch,
      Noised noised,
      NDArray policyMse,
      NoisePredictor reference,
      double[] betaScale) {
    int pairs = batch.size();
    NDArray policyDiff = winMinusLose(policyMse, pairs);
    NDArray referenceMse = noised.mse(reference).stopGradient();
    NDArray bracket = policyDiff.sub(winMinusLose(referenceMse, pairs));
    if (winnerPenalty > 0) {
      NDArray excess = winners(policyMse, pairs).sub(winners(referenceMse, pairs));
      bracket =
          bracket.add(
              excess
                  .maximum(Scalars.like(excess, 0f))
                  .mul(Scalars.like(excess, (float) winnerPenalty)));
    }
    float[] factor = new float[pairs];
    for (int i = 0; i < pairs; i++) {
      factor[i] = (float) (-0.5 * beta * betaScale[i]);
    }
    return bracket.mul(batch.manager().create(factor));
  }

  /** Winners then losers [2P], noised with one (t, ε) per pair shared by both images. */
  private record Noised(NDArray xt, NDArray t, NDArray eps, NDArray tokens) {

    static Noised of(PairBatch batch, ScheduleTensors schedule, NDArray t, NDArray noise) {
      NDArray tt = t.concat(t, 0);
      NDArray eps = noise.concat(noise, 0);
      NDArray x0 = batch.winners().concat(batch.losers(), 0);
      return new Noised(
          schedule.addNoise(x0, eps, tt), tt, eps, batch.tokens().concat(batch.tokens(), 0));
    }

    /** Per-image ε-space MSE [2P] of {@code model}. */
    NDArray mse(NoisePredictor model) {
      return perSampleMse(model.predict(xt, t, tokens), eps);
    }
  }

  /** mean over all but the first axis of (prediction − ε)², shape [N]. */
  static NDArray perSampleMse(NDArray prediction, NDArray eps) {
    NDArray squared = prediction.sub(eps).square();
    return squared.reshape(squared.getShape().get(0), -1).mean(new int[] {1});
  }

  private static NDArray winners(NDArray perSample, int pairs) {
    return perSample.get("0:" + pairs);
  }

  private static NDArray winMinusLose(NDArray perSample, int pairs) {
    NDList halves = perSample.split(new long[] {pairs}, 0);
    return halves.get(0).sub(halves.get(1));
  }
}
