package prefloop.learner.core;

import static prefloop.learner.core.ConfigChecks.require;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Everything {@link PreferenceTrainer} needs besides the model.
 *
 * @param objective DIFFUSION_DPO, IPO, D3PO or DPOK
 * @param beta β of the objective (Diffusion-DPO on our 32×32 pixel-mean MSE: see
 *     docs/learner/LEARNING_CHECK.md for how the default was chosen; D3PO ≈ 0.1)
 * @param learningRate AdamW learning rate, in (0, 1)
 * @param weightDecay AdamW decoupled weight decay, in [0, 1)
 * @param gradClip maximum global L2 norm of the gradient (0 = no clipping)
 * @param timesteps timestep strategy
 * @param reference the stable reference update
 * @param anchorLambda λ₁ of the anchor term λ₁·mean‖ε_θ − ε_init‖² (0 = off)
 * @param seed root seed; every random component gets its own stream split from it
 * @param d3po settings of the trajectory objectives, D3PO and DPOK (ignored by Diffusion-DPO)
 * @param outputWeightCap largest output-space weight 1/ᾱ_t of Diffusion-DPO on a v-prediction model
 *     (0 = none; it reaches 2.5·10⁴ at t = 999, docs/ALIGNMENT.md)
 * @param pretrainMix λ_ptx of the pretraining mix, the model's own denoising loss on its
 *     pretraining corpus added to every step (0 = off; only for a model that takes the world's
 *     prompts)
 */
@RecordBuilder
public record TrainerConfig(
    ObjectiveKind objective,
    double beta,
    double learningRate,
    double weightDecay,
    double gradClip,
    TimestepConfig timesteps,
    ReferenceUpdateConfig reference,
    double anchorLambda,
    long seed,
    D3poConfig d3po,
    double outputWeightCap,
    double pretrainMix)
    implements TrainerConfigBuilder.With {

  /**
   * The drift guard's δ the service runs with. At 10⁻³ no run ever reached it: an hour of {@code
   * up} took the reference to D = 10⁻⁴ while the policy over-optimised the reward nets (Fréchet
   * distance to renders +26 %). At 5·10⁻⁶ the reference froze from minute 15 on and the same hour
   * ended with both held-out nets above 0.72 and the Fréchet distance at +5 %; over four {@code
   * simulate} seeds of 150 steps it changed nothing beyond noise (docs/ALIGNMENT.md §20).
   */
  public static final double RECOMMENDED_DELTA = 5e-6;

  /** Default β of Diffusion-DPO on our pixel-mean MSE (see docs/learner/LEARNING_CHECK.md). */
  public static final double DPO_BETA = 5000;

  /** Default β of D3PO. */
  public static final double D3PO_BETA = 0.1;

  /** Default β of DPOK, the weight of its KL term (DPOK's paper uses 0.01). */
  public static final double DPOK_BETA = 0.01;

  public TrainerConfig {
    require(objective != null, "objective", objective, "DIFFUSION_DPO, IPO, D3PO or DPOK");
    require(beta > 0 && Double.isFinite(beta), "beta", beta, "finite and > 0");
    require(learningRate > 0 && learningRate < 1, "learningRate", learningRate, "in (0, 1)");
    require(weightDecay >= 0 && weightDecay < 1, "weightDecay", weightDecay, "in [0, 1)");
    require(gradClip >= 0 && Double.isFinite(gradClip), "gradClip", gradClip, ">= 0 (0 = off)");
    require(timesteps != null, "timesteps", timesteps, "a TimestepConfig");
    require(reference != null, "reference", reference, "a ReferenceUpdateConfig");
    require(
        anchorLambda >= 0 && Double.isFinite(anchorLambda), "anchorLambda", anchorLambda, ">= 0");
    require(d3po != null, "d3po", d3po, "a D3poConfig");
    require(
        outputWeightCap >= 0 && Double.isFinite(outputWeightCap),
        "outputWeightCap",
        outputWeightCap,
        ">= 0 (0 = none)");
    require(pretrainMix >= 0 && Double.isFinite(pretrainMix), "pretrainMix", pretrainMix, ">= 0");
  }

  /**
   * Diffusion-DPO, β = {@value #DPO_BETA}, AdamW lr 1e-5 without decay, clip 1, uniform timesteps,
   * reference off, no anchor, no pretraining mix.
   */
  public static TrainerConfig defaults() {
    return new TrainerConfig(
        ObjectiveKind.DIFFUSION_DPO,
        DPO_BETA,
        1e-5,
        0,
        1.0,
        TimestepConfig.of(TimestepStrategyKind.UNIFORM),
        ReferenceUpdateConfig.off(),
        0,
        20261124L,
        D3poConfig.defaults(),
        0,
        0);
  }

  /**
   * What the learner service runs unless told otherwise (docs/RESULTS.md, "Defaults"):
   * Diffusion-DPO with β = 1000 and lr 3e-5 (with exact gradients, three seeds of {@code simulate}
   * at 120 steps: training mean 0.644 against 0.567 at lr 1e-4, docs/ALIGNMENT.md §8), an EMA
   * reference (α = 0.5 every 32 steps) under the drift guard at δ = {@value #RECOMMENDED_DELTA},
   * and uniform timesteps. Over three seeds of the offline ablation no variant separated from plain
   * Diffusion-DPO; the reference moves because the loop runs for hours (a frozen one keeps the
   * policy within β of the base), the guard because without it the same updates drifted 23× further
   * and collapsed the policy, and the paper's timesteps ({@code --timesteps PAPER}) are off because
   * with the EMA reference they lowered the mean win rate.
   */
  public static TrainerConfig recommended() {
    return defaults()
        .withBeta(1000)
        .withLearningRate(3e-5)
        .withTimesteps(TimestepStrategyKind.UNIFORM)
        .withReference(ReferenceUpdateConfig.defaults().withDelta(RECOMMENDED_DELTA));
  }

  /** Another objective with its β (a β means something else to each objective). */
  public TrainerConfig withObjective(ObjectiveKind kind, double newBeta) {
    return withObjective(kind).withBeta(newBeta);
  }

  public TrainerConfig withTimesteps(TimestepStrategyKind kind) {
    return withTimesteps(TimestepConfig.of(kind));
  }
}
