package prefloop.learner.service;

import picocli.CommandLine.Option;
import prefloop.learner.core.D3poConfig;
import prefloop.learner.core.GuardAction;
import prefloop.learner.core.ObjectiveKind;
import prefloop.learner.core.ReferenceUpdateConfig;
import prefloop.learner.core.TimestepConfig;
import prefloop.learner.core.TimestepStrategyKind;
import prefloop.learner.core.TrainerConfig;

/**
 * Every setting of {@link TrainerConfig} (its timestep, reference-update and D3PO parts included)
 * as command-line options: a picocli mixin. An option left out keeps the value of the config it is
 * laid over ({@link #over}).
 */
public final class TrainerOptions {

  @Option(
      names = "--objective",
      description =
          "DIFFUSION_DPO (default), IPO, D3PO or DPOK (D3PO and DPOK train on trajectories:"
              + " run the generator with --mode TRAJECTORY)")
  ObjectiveKind objective;

  @Option(names = "--beta", description = "β of the objective (default: the objective's own)")
  Double beta;

  @Option(names = "--lr", description = "learning rate (default: the core's)")
  Double learningRate;

  @Option(names = "--weight-decay", description = "AdamW weight decay (default: the core's)")
  Double weightDecay;

  @Option(names = "--grad-clip", description = "gradient norm clip, 0 = none (default: the core's)")
  Double gradClip;

  @Option(names = "--trainer-seed", description = "root seed of the trainer's t and ε draws")
  Long seed;

  @Option(
      names = "--anchor",
      description = "λ₁ of the policy anchor to p_init (0 = off, the default)")
  Double anchor;

  @Option(
      names = "--pretrain-mix",
      description =
          "λ_ptx of the pretraining mix: the model's denoising loss on its pretraining corpus added"
              + " to each step (0 = off, the default; the toy model only)")
  Double pretrainMix;

  @Option(
      names = "--output-weight-cap",
      description = "cap of a v-model's output-space weight 1/ᾱ_t (0 = none, the default)")
  Double outputWeightCap;

  @Option(names = "--timesteps", description = "UNIFORM (default), PAPER or ADAPTIVE")
  TimestepStrategyKind timesteps;

  @Option(names = "--timestep-bins", description = "B equal timestep bins (default 10)")
  Integer bins;

  @Option(names = "--timestep-gamma", description = "γ of PAPER's Cat(γ^k) bins (default 0.9)")
  Double gamma;

  @Option(
      names = "--adaptive-warmup",
      description = "samples per bin before ADAPTIVE weights leave 1 (default 20)")
  Integer adaptiveWarmup;

  @Option(names = "--adaptive-epsilon", description = "ε of ADAPTIVE's 1/√(Var + ε) (default 0.01)")
  Double adaptiveEpsilon;

  @Option(
      names = "--stats-decay",
      description = "ρ of the per-bin margin statistics' moving average (default 0.98)")
  Double statsDecay;

  @Option(names = "--alpha", description = "reference merge α (0 = plain Diffusion-DPO)")
  Double alpha;

  @Option(names = "--tau", description = "steps between reference merges")
  Integer tau;

  @Option(names = "--delta", description = "δ of the drift guard (default: the core's)")
  Double delta;

  @Option(
      names = "--guard",
      arity = "1",
      description = "true or false: the drift guard on reference merges (default: on)")
  Boolean guard;

  @Option(
      names = "--on-drift",
      description = "FREEZE or REINIT: what the guard does when a merge would exceed δ")
  GuardAction onDrift;

  @Option(
      names = "--drift-subset",
      description = "preferred images the guard estimates D on (default: the core's)")
  Integer driftSubset;

  @Option(
      names = "--recentre-after",
      description = "frozen boundaries in a row before the reference moves toward p_init")
  Integer recentreAfter;

  @Option(names = "--d3po-ratio-clip", description = "ε of D3PO's and DPOK's ratio clip (0.1)")
  Double ratioClip;

  @Option(names = "--d3po-steps", description = "trajectory steps drawn per pair (default 2)")
  Integer stepsPerPair;

  /** {@code base} with every option given here laid over it. */
  public TrainerConfig over(TrainerConfig base) {
    TrainerConfig t = base;
    t = objective == null ? t : t.withObjective(objective, startingBeta(t));
    t = beta == null ? t : t.withBeta(beta);
    t = learningRate == null ? t : t.withLearningRate(learningRate);
    t = weightDecay == null ? t : t.withWeightDecay(weightDecay);
    t = gradClip == null ? t : t.withGradClip(gradClip);
    t = seed == null ? t : t.withSeed(seed);
    t = anchor == null ? t : t.withAnchorLambda(anchor);
    t = outputWeightCap == null ? t : t.withOutputWeightCap(outputWeightCap);
    t = pretrainMix == null ? t : t.withPretrainMix(pretrainMix);
    TimestepConfig s = t.timesteps();
    t =
        t.withTimesteps(
            new TimestepConfig(
                timesteps == null ? s.kind() : timesteps,
                bins == null ? s.bins() : bins,
                gamma == null ? s.gamma() : gamma,
                adaptiveWarmup == null ? s.adaptiveWarmup() : adaptiveWarmup,
                adaptiveEpsilon == null ? s.adaptiveEpsilon() : adaptiveEpsilon,
                statsDecay == null ? s.statsDecay() : statsDecay));
    ReferenceUpdateConfig r = t.reference();
    r = alpha == null ? r : r.withAlpha(alpha);
    r = tau == null ? r : r.withTau(tau);
    r = delta == null ? r : r.withDelta(delta);
    r = driftSubset == null ? r : r.withDriftSubset(driftSubset);
    r = recentreAfter == null ? r : r.withRecentreAfter(recentreAfter);
    r =
        r.withGuard(
            guard == null ? r.guardEnabled() : guard, onDrift == null ? r.onDrift() : onDrift);
    D3poConfig d = t.d3po();
    return t.withReference(r)
        .withD3po(
            new D3poConfig(
                ratioClip == null ? d.ratioClip() : ratioClip,
                stepsPerPair == null ? d.stepsPerPair() : stepsPerPair));
  }

  /**
   * A trajectory objective starts from its own β: Diffusion-DPO's (1000) saturated D3PO's sigmoid
   * and would make DPOK's KL term swamp its policy gradient.
   */
  private double startingBeta(TrainerConfig trainer) {
    return switch (objective) {
      case D3PO -> TrainerConfig.D3PO_BETA;
      case DPOK -> TrainerConfig.DPOK_BETA;
      case DIFFUSION_DPO, IPO -> trainer.beta();
    };
  }
}
