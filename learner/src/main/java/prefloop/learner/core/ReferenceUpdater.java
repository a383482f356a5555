package prefloop.learner.core;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ParameterAverage;

/**
 * The stable reference update. At every τ-th step:
 *
 * <ol>
 *   <li>measure the reference's lag L = D(p_θ, p_ref), the distance the policy has moved from the
 *       reference it was trained against (logged, never acted on);
 *   <li>merge θ_ref ← (1−α)·θ_ref + α·θ in place (gradients off) and estimate D = D(p_ref, p_init)
 *       of that <em>candidate</em> (see {@link DriftEstimator});
 *   <li>if the guard is off, or D ≤ δ, keep it;
 *   <li>otherwise FREEZE restores the reference as it was (so no committed reference ever exceeds
 *       δ), and REINIT copies p_init into it.
 * </ol>
 *
 * <b>FREEZE's way back.</b> A frozen reference does not move, but the policy keeps drifting, so
 * every later candidate may exceed δ as well. After {@code recentreAfter} frozen boundaries in a
 * row the reference is moved by α toward p_init instead: θ_ref ← (1−α)·θ_ref + α·θ_init. That
 * lowers its D (which the KL to p_init bounds), so that a later, smaller step toward the policy
 * fits under δ again; the policy itself is never touched.
 *
 * <p>α = 0 never touches the reference (D is still estimated and logged), which reproduces plain
 * Diffusion-DPO bit for bit. The guard's state (frozen boundaries in a row) is part of {@link
 * #state()} and survives restarts through the checkpoint.
 */
public final class ReferenceUpdater {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceUpdater.class);

  private final ReferenceUpdateConfig config;
  private int frozenInARow;

  public ReferenceUpdater(ReferenceUpdateConfig config) {
    this.config = config;
  }

  /**
   * Runs the update if {@code step} is a τ boundary.
   *
   * @param step optimiser steps taken so far (including this one)
   * @param policy θ
   * @param reference θ_ref, frozen, updated in place
   * @param init θ_init, frozen, never changed
   * @param divergence estimates D between two models (called only at τ boundaries: once for the lag
   *     D(p_θ, p_ref) before the merge, once for the candidate's D(p_ref, p_init))
   */
  public Optional<MergeEvent> afterStep(
      long step,
      DiffusionModel policy,
      DiffusionModel reference,
      DiffusionModel init,
      ModelDivergence divergence) {
    if (!config.dueAt(step)) {
      return Optional.empty();
    }
    double lag = divergence.between(policy, reference);
    double alpha = config.alpha();
    List<float[]> before = config.guardEnabled() && alpha > 0 ? values(reference) : null;
    if (alpha > 0) {
      merge(reference, policy, alpha);
    }
    double d = divergence.between(reference, init);
    boolean tooFar = config.guardEnabled() && !(d <= config.delta());
    MergeEvent event;
    if (!tooFar) {
      frozenInARow = 0;
      event = new MergeEvent(step, alpha, lag, d, config.delta(), false, false, false);
    } else if (config.onDrift() == GuardAction.REINIT) {
      reference.copyParametersFrom(init);
      frozenInARow = 0;
      event = new MergeEvent(step, 0, lag, d, config.delta(), false, true, false);
    } else {
      if (before != null) {
        restore(reference, before);
      }
      frozenInARow++;
      boolean recentre = alpha > 0 && frozenInARow >= config.recentreAfter();
      if (recentre) {
        merge(reference, init, alpha);
        frozenInARow = 0;
      }
      event = new MergeEvent(step, 0, lag, d, config.delta(), true, false, recentre);
    }
    LOG.info(
        "reference update at step {}: lag D(policy, reference) = {}, candidate D = {} (δ = {}),"
            + " α = {}, frozen = {}, reinitialised = {}, recentred = {}",
        step,
        lag,
        d,
        config.delta(),
        event.alpha(),
        event.frozen(),
        event.reinitialised(),
        event.recentred());
    return Optional.of(event);
  }

  /** Whether the last τ boundary left the reference frozen. */
  public boolean frozen() {
    return frozenInARow > 0;
  }

  /** The guard's state, to save with a checkpoint. */
  public GuardState state() {
    return new GuardState(frozenInARow);
  }

  /** Restores the guard's state saved with a checkpoint. */
  public void restore(GuardState state) {
    this.frozenInARow = state.frozenInARow();
  }

  /**
   * θ_ref ← (1−α)·θ_ref + α·θ for every parameter, in place, one parameter's temporary at a time.
   */
  public static void merge(DiffusionModel reference, DiffusionModel policy, double alpha) {
    ParameterAverage.mergeInto(reference, policy, alpha);
  }

  private static List<float[]> values(DiffusionModel model) {
    List<float[]> values = new ArrayList<>();
    for (Parameter parameter : model.parameters()) {
      values.add(parameter.getArray().toFloatArray());
    }
    return values;
  }

  private static void restore(DiffusionModel model, List<float[]> values) {
    List<Parameter> parameters = model.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).getArray().set(values.get(i));
    }
  }
}
