package prefloop.learner.core;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.model.AdamW;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.GradientGuard;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * Trains a policy on preference pairs: the seam the online learner drives. It owns three copies of
 * the initial model — the policy θ (trainable), the reference θ_ref and θ_init (both frozen,
 * inference only) — the AdamW state, the timestep strategy and the reference updater.
 *
 * <p>One {@link #step}: keep the usable pairs, run the objective inside a gradient collector (its
 * own NDManager scope), loss = weighted mean of −log σ(inside) (+ anchor, + pretraining mix),
 * backward, global-norm clipping; a NaN/Inf loss or gradient skips the step (counted, gradients
 * zeroed, nothing changes); else AdamW updates θ, the per-bin statistics take the margins, and at
 * every τ-th step the reference updater runs. The optimiser is our {@link AdamW}, whose state is
 * saved with each policy checkpoint (DJL's optimisers cannot serialise theirs); DJL's {@code
 * Trainer} cannot serve here because the UNet reads its parameters directly and the trainer holds
 * two more models. Not thread-safe.
 */
public final class PreferenceTrainer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PreferenceTrainer.class);

  private final TrainerConfig config;
  private final NDManager manager;
  private final ScheduleTensors tensors;
  private final DiffusionModel policy;
  private final DiffusionModel reference;
  private final DiffusionModel init;
  private PreferenceObjective objective;
  private final TimestepStrategy timesteps;
  private final ReferenceUpdater updater;
  private final DriftEstimator drift;
  private final PolicyAnchor anchor;
  private final PretrainingMix pretrainingMix;
  private final SeedStreams seeds;
  private AdamW optimizer;
  private long stepsTaken;
  private long nonFiniteSteps;
  private int consecutiveNonFinite;
  private double learningRateScale = 1;
  private double betaScale = 1;
  private boolean paused;

  /**
   * @param config the trainer settings
   * @param initial the starting weights (copied three times; the caller keeps and closes it)
   * @param manager the parent of every per-step scope (the trainer closes only what it created)
   */
  public PreferenceTrainer(TrainerConfig config, DiffusionModel initial, NDManager manager) {
    this.config = config;
    this.manager = manager.newSubManager();
    // the schedule the checkpoint was trained with (its manifest), never a default
    NoiseSchedule schedule = NoiseSchedule.of(initial.schedule());
    this.tensors = new ScheduleTensors(schedule, this.manager);
    // The three models live on the trainer's device (the learner's --device), whatever the
    // device the initial checkpoint was loaded on.
    this.policy = initial.duplicateOn(this.manager.getDevice());
    this.reference = initial.duplicateOn(this.manager.getDevice());
    this.init = initial.duplicateOn(this.manager.getDevice());
    policy.setTrainable(true);
    this.objective = objective(config.beta());
    this.timesteps = new TimestepStrategy(config.timesteps(), schedule);
    this.updater = new ReferenceUpdater(config.reference());
    this.drift = new DriftEstimator(tensors);
    this.anchor = new PolicyAnchor(tensors, config.anchorLambda());
    this.pretrainingMix =
        config.pretrainMix() > 0
            ? PretrainingMix.of(tensors, config.pretrainMix(), policy, config.seed())
            : null;
    this.seeds = new SeedStreams(config.seed());
    this.optimizer = newOptimizer();
    LOG.info(
        "preference trainer: {} parameters, device {}, {}",
        policy.parameterCount(),
        policy.manager().getDevice(),
        config);
  }

  private AdamW newOptimizer() {
    return new AdamW(policy, AdamW.Settings.withDecay(config.weightDecay()));
  }

  /** One optimiser step on {@code batch} (+ the reference update at τ boundaries). */
  public StepResult step(List<PreferenceExample> batch) {
    long started = System.nanoTime();
    int size = policy.imageGeometry().size();
    List<PreferenceExample> usable = new ArrayList<>(batch.size());
    for (PreferenceExample example : batch) {
      if (example.weight() > 0
          && example.fits(size)
          && objective.accepts(example)
          && tokenizable(example.prompt())) {
        usable.add(example);
      }
    }
    int ignored = batch.size() - usable.size();
    if (usable.isEmpty()) {
      return StepResult.untrained(
          stepsTaken, ignored, false, timesteps.stats(), millisSince(started));
    }
    try (NDManager scope = manager.newSubManager()) {
      PairBatch pairs = PairBatch.of(scope, policy, usable);
      Forward forward = forwardAndBackward(pairs);
      if (forward == null) {
        return skipped(usable.size(), ignored, started);
      }
      if (forward.hasGradient) {
        optimizer.step(config.learningRate() * learningRateScale);
      }
      stepsTaken++;
      consecutiveNonFinite = 0;
      for (int i = 0; i < forward.margins.length; i++) {
        timesteps.observe(forward.timesteps[i], forward.margins[i]);
      }
      Optional<MergeEvent> merge =
          updater.afterStep(
              stepsTaken,
              policy,
              reference,
              init,
              (model, other) ->
                  drift.estimate(
                      model::predictNoise,
                      other::predictNoise,
                      pairs.winners(),
                      pairs.tokens(),
                      config.reference().driftSubset(),
                      seeds.forStep(SeedStreams.DRIFT, stepsTaken)));
      return new StepResult(
          stepsTaken,
          forward.loggedLoss,
          timesteps.uniformAccuracy(forward.margins, forward.timesteps),
          mean(forward.margins),
          usable.size(),
          ignored,
          false,
          merge,
          timesteps.stats(),
          millisSince(started));
    }
  }

  private boolean tokenizable(String prompt) {
    try {
      policy.prompts().validate(prompt);
      return true;
    } catch (IllegalArgumentException e) {
      LOG.debug("pair ignored, prompt not in the model's vocabulary: {}", e.getMessage());
      return false;
    }
  }

  /**
   * Host copies of what a successful forward/backward produced: the loss that was optimised, and
   * the one logged (its pairs reweighted to uniformly drawn timesteps, see {@link
   * TimestepStrategy#importanceToUniform}).
   */
  private record Forward(
      double loss, double loggedLoss, float[] margins, int[] timesteps, boolean hasGradient) {}

  /** Forward, loss, backward and clipping; null when the loss or a gradient is not finite. */
  private Forward forwardAndBackward(PairBatch pairs) {
    SplittableRandom random = seeds.forStep(SeedStreams.OBJECTIVE, stepsTaken);
    float loss;
    double loggedLoss;
    boolean connected;
    PairLosses computed;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      computed =
          objective.losses(pairs, policy::predictNoise, reference::predictNoise, timesteps, random);
      float[] weights = new float[pairs.size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] =
            (float) (pairs.examples().get(i).weight() * timesteps.weight(computed.timesteps()[i]));
      }
      NDArray value =
          PreferenceLoss.weightedMeanOfLosses(computed.losses(), pairs.manager().create(weights));
      float regularisers = 0;
      if (config.anchorLambda() > 0) {
        NDArray anchorTerm =
            anchor.term(
                pairs,
                policy::predictNoise,
                init::predictNoise,
                seeds.forStep(SeedStreams.ANCHOR, stepsTaken));
        regularisers = anchorTerm.getFloat();
        value = value.add(anchorTerm);
      }
      if (pretrainingMix != null) {
        NDArray mixTerm =
            pretrainingMix.term(
                pairs.manager(),
                policy,
                stepsTaken,
                pairs.size(),
                seeds.forStep(SeedStreams.PRETRAIN_MIX, stepsTaken));
        regularisers += mixTerm.getFloat();
        value = value.add(mixTerm);
      }
      loss = value.getFloat();
      loggedLoss =
          timesteps.uniformMean(computed.losses().toFloatArray(), weights, computed.timesteps())
              + regularisers;
      connected = Float.isFinite(loss) && backward(collector, value);
    }
    if (Float.isFinite(loss) && !connected) {
      // e.g. D3PO with every ratio clamped: the loss does not depend on θ, nothing to update
      return new Forward(
          loss, loggedLoss, computed.margins().toFloatArray(), computed.timesteps(), false);
    }
    double norm = Float.isFinite(loss) ? GradientGuard.norm(policy.parameters()) : Double.NaN;
    if (!Double.isFinite(norm)) {
      GradientGuard.zero(policy.parameters());
      return null;
    }
    GradientGuard.clip(policy.parameters(), norm, config.gradClip());
    return new Forward(
        loss, loggedLoss, computed.margins().toFloatArray(), computed.timesteps(), true);
  }

  /**
   * Backward from {@code loss}; false when it does not depend on θ (e.g. every D3PO ratio clamped).
   * DJL's {@code hasGradient} is false for every non-leaf tensor, so the engine's refusal is the
   * only test.
   */
  private static boolean backward(GradientCollector collector, NDArray loss) {
    try {
      collector.backward(loss);
      return true;
    } catch (EngineException e) {
      if (String.valueOf(e.getMessage()).contains("does not require grad")) {
        return false;
      }
      throw e;
    }
  }

  private StepResult skipped(int used, int ignored, long started) {
    nonFiniteSteps++;
    consecutiveNonFinite++;
    LOG.warn(
        "step {} skipped: NaN/Inf loss or gradient ({} in a row, {} in all)",
        stepsTaken + 1,
        consecutiveNonFinite,
        nonFiniteSteps);
    return StepResult.untrained(
        stepsTaken, ignored + used, true, timesteps.stats(), millisSince(started));
  }

  private static double mean(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double millisSince(long started) {
    return (System.nanoTime() - started) / 1e6;
  }

  /** θ (trainable; read it, checkpoint it, do not train it elsewhere). */
  public DiffusionModel policy() {
    return policy;
  }

  /** θ_ref (frozen). */
  public DiffusionModel reference() {
    return reference;
  }

  /** θ_init (frozen, never changes). */
  public DiffusionModel initial() {
    return init;
  }

  /**
   * D(p_θ, p_init) on the preferred images of {@code examples}, with fixed noise (seed 5) so that
   * figures of different runs compare: what the drift guard would see if the reference were merged
   * with α = 1 now. NaN when {@code examples} is empty: there is no image to measure on.
   */
  public double policyDrift(List<PreferenceExample> examples) {
    if (examples.isEmpty()) {
      return Double.NaN;
    }
    try (NDManager scope = manager.newSubManager()) {
      PairBatch batch = PairBatch.of(scope, policy, examples);
      return new DriftEstimator(tensors)
          .estimate(
              policy::predictNoise,
              init::predictNoise,
              batch.winners(),
              batch.tokens(),
              examples.size(),
              new SplittableRandom(5));
    }
  }

  /** Optimiser steps taken (skipped steps do not count). */
  public long stepsTaken() {
    return stepsTaken;
  }

  /** Steps skipped for NaN/Inf so far. */
  public long nonFiniteSteps() {
    return nonFiniteSteps;
  }

  /** Non-finite steps since the last good one (the service rolls back after K). */
  public int consecutiveNonFinite() {
    return consecutiveNonFinite;
  }

  /** The objective of {@code config} with β = {@code beta}. */
  private PreferenceObjective objective(double beta) {
    return switch (config.objective()) {
      case DIFFUSION_DPO ->
          new DiffusionDpoObjective(tensors, beta, policy.prediction(), config.outputWeightCap());
      case IPO ->
          new DiffusionDpoObjective(
              tensors, beta, policy.prediction(), config.outputWeightCap(), MarginLoss.SQUARED);
      case D3PO -> new D3poObjective(tensors, beta, config.d3po(), policy.clipsToImageRange());
      case DPOK -> new DpokObjective(tensors, beta, config.d3po(), policy.clipsToImageRange());
    };
  }

  /** The guard's state, the timestep statistics and the rollbacks' factors and pause. */
  public TrainerMemory memory() {
    return new TrainerMemory(
        updater.state(), timesteps.statisticsState(), learningRateScale, betaScale, paused);
  }

  /** Restores what {@link #memory()} saved (restart, rollback). */
  public void restoreMemory(TrainerMemory memory) {
    updater.restore(memory.guard());
    timesteps.restoreStatistics(memory.bins());
    learningRateScale = memory.learningRateScale();
    paused = memory.paused();
    if (memory.betaScale() != betaScale) {
      betaScale = memory.betaScale();
      objective = objective(beta());
    }
  }

  /** Multiplies the learning rate from the next step on by {@code factor} (callers check it). */
  public void scaleLearningRate(double factor) {
    learningRateScale *= factor;
  }

  /**
   * Multiplies β from the next step on by {@code factor} (callers check it): a larger β holds the
   * policy closer to the reference.
   */
  public void scaleBeta(double factor) {
    if (factor != 1) {
      betaScale *= factor;
      objective = objective(beta());
    }
  }

  /** β now: the configured one times what rollbacks asked for. */
  public double beta() {
    return config.beta() * betaScale;
  }

  /**
   * Pauses or resumes training. The trainer only records it (with its memory); the service stops
   * reading and stepping while it is paused.
   */
  public void setPaused(boolean paused) {
    this.paused = paused;
  }

  public boolean paused() {
    return paused;
  }

  /** Whether the drift guard currently holds the reference frozen. */
  public boolean referenceFrozen() {
    return updater.frozen();
  }

  public TrainerConfig config() {
    return config;
  }

  /** The noise schedule training runs under: the initial checkpoint's own. */
  public NoiseSchedule schedule() {
    return tensors.schedule();
  }

  /**
   * Replaces θ with {@code from}'s weights (restart or rollback) and starts the AdamW moments from
   * zero; {@link #loadOptimizer} then restores the moments saved with those weights.
   */
  public void loadPolicy(DiffusionModel from) {
    policy.copyParametersFrom(from);
    optimizer.close();
    optimizer = newOptimizer();
    consecutiveNonFinite = 0;
  }

  /** Writes the AdamW state (step count and moments) that goes with the current policy. */
  public void saveOptimizer(OutputStream out) throws IOException {
    optimizer.save(out);
  }

  /** Restores an AdamW state written by {@link #saveOptimizer} with the policy just loaded. */
  public void loadOptimizer(InputStream in) throws IOException {
    optimizer.load(in);
  }

  /** Replaces θ_ref with {@code from}'s weights (restart or rollback). */
  public void loadReference(DiffusionModel from) {
    reference.copyParametersFrom(from);
  }

  /** Sets the step counter after a restart, so seeds and τ boundaries continue where they were. */
  public void restoreStepsTaken(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps taken = " + steps + " must be >= 0");
    }
    stepsTaken = steps;
  }

  @Override
  public void close() {
    optimizer.close();
    policy.close();
    reference.close();
    init.close();
    tensors.close();
    manager.close();
  }
}
