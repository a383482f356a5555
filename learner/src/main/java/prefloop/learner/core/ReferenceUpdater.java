package prefloop.learner.core;

import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ParameterAverage;

/**
 * The stable reference update (DESIGN §1). At every τ-th step:
 *
 * <ol>
 *   <li>estimate D = D(p_ref, p_init) of the reference as it is (see {@link DriftEstimator});
 *   <li>if the guard is on and D &gt; δ: FREEZE skips the merge (the reference keeps its weights; D
 *       is re-estimated at each τ boundary and merging resumes once D ≤ δ/2), REINIT copies p_init
 *       into the reference;
 *   <li>otherwise θ_ref ← (1−α)·θ_ref + α·θ in place, parameter by parameter, gradients off.
 * </ol>
 *
 * α = 0 never touches the reference (D is still estimated and logged), which reproduces plain
 * Diffusion-DPO bit for bit.
 */
public final class ReferenceUpdater {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceUpdater.class);

  /**
   * A frozen reference resumes merging only below this fraction of δ. Its D barely changes while it
   * is frozen, so resuming at δ let estimation noise through: in the divergence run one estimate
   * dipped under δ, the merge went through and D jumped 4× (docs/RESULTS.md).
   */
  static final double RESUME_FRACTION = 0.5;

  private final ReferenceUpdateConfig config;
  private boolean frozen;

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
   * @param drift estimates D for the reference as it is now (called only at τ boundaries)
   */
  public Optional<MergeEvent> afterStep(
      long step,
      DiffusionModel policy,
      DiffusionModel reference,
      DiffusionModel init,
      DoubleSupplier drift) {
    if (!config.dueAt(step)) {
      return Optional.empty();
    }
    double d = drift.getAsDouble();
    double limit = frozen ? config.delta() * RESUME_FRACTION : config.delta();
    boolean tooFar = config.guardEnabled() && !(d <= limit);
    MergeEvent event;
    if (tooFar && config.onDrift() == GuardAction.REINIT) {
      reference.copyParametersFrom(init);
      frozen = false;
      event = new MergeEvent(step, 0, d, config.delta(), false, true);
    } else if (tooFar) {
      frozen = true;
      event = new MergeEvent(step, 0, d, config.delta(), true, false);
    } else {
      frozen = false;
      if (config.alpha() > 0) {
        merge(reference, policy, config.alpha());
      }
      event = new MergeEvent(step, config.alpha(), d, config.delta(), false, false);
    }
    LOG.info(
        "reference update at step {}: D = {} (δ = {}), α = {}, frozen = {}, reinitialised = {}",
        step,
        d,
        config.delta(),
        event.alpha(),
        event.frozen(),
        event.reinitialised());
    return Optional.of(event);
  }

  /** Whether the last τ boundary left the reference frozen. */
  public boolean frozen() {
    return frozen;
  }

  /**
   * θ_ref ← (1−α)·θ_ref + α·θ for every parameter, in place, one parameter's temporary at a time.
   */
  public static void merge(DiffusionModel reference, DiffusionModel policy, double alpha) {
    ParameterAverage.mergeInto(reference, policy, alpha);
  }
}
