package prefloop.learner.core;

import static prefloop.learner.core.ConfigChecks.require;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * The stable reference update: every τ steps θ_ref ← (1−α)·θ_ref + α·θ, guarded by the drift
 * D(p_ref, p_init) (see {@link ReferenceUpdater}).
 *
 * @param alpha merge factor α ∈ [0, 1]; 0 never merges (plain Diffusion-DPO), 1 = hard copy
 * @param tau steps between merges, ≥ 1 (0 turns the updater off: no drift estimates either)
 * @param delta drift threshold δ &gt; 0
 * @param onDrift what to do when D &gt; δ
 * @param guardEnabled whether D is compared with δ at all (D is still estimated and logged)
 * @param driftSubset preferred images of the batch used to estimate D, ≥ 1
 * @param recentreAfter under FREEZE, τ boundaries frozen in a row after which the reference is
 *     moved by α toward p_init instead (its way back), ≥ 1
 */
@RecordBuilder
public record ReferenceUpdateConfig(
    double alpha,
    int tau,
    double delta,
    GuardAction onDrift,
    boolean guardEnabled,
    int driftSubset,
    int recentreAfter)
    implements ReferenceUpdateConfigBuilder.With {

  public ReferenceUpdateConfig {
    require(alpha >= 0 && alpha <= 1, "reference.alpha", alpha, "in [0, 1]");
    require(tau >= 0, "reference.tau", tau, ">= 0 (0 = off)");
    require(delta > 0 && Double.isFinite(delta), "reference.delta", delta, "finite and > 0");
    require(onDrift != null, "reference.onDrift", onDrift, "FREEZE or REINIT");
    require(driftSubset >= 1 && driftSubset <= 256, "reference.driftSubset", driftSubset, "1..256");
    require(recentreAfter >= 1, "reference.recentreAfter", recentreAfter, ">= 1");
  }

  /** Plain Diffusion-DPO: the reference never changes and nothing is estimated. */
  public static ReferenceUpdateConfig off() {
    return new ReferenceUpdateConfig(0, 0, 1e-3, GuardAction.FREEZE, false, 4, 4);
  }

  /**
   * EMA merge α = 0.5 every τ = 32 steps, freeze when D &gt; δ = 10⁻³ (the ablation's and the
   * learning check's; the service runs δ = {@link TrainerConfig#RECOMMENDED_DELTA}).
   */
  public static ReferenceUpdateConfig defaults() {
    return new ReferenceUpdateConfig(0.5, 32, 1e-3, GuardAction.FREEZE, true, 4, 4);
  }

  /** Whether the updater runs at {@code step} (1-based count of optimiser steps taken). */
  public boolean dueAt(long step) {
    return tau > 0 && step > 0 && step % tau == 0;
  }

  public ReferenceUpdateConfig withGuard(boolean enabled, GuardAction action) {
    return new ReferenceUpdateConfig(
        alpha, tau, delta, action, enabled, driftSubset, recentreAfter);
  }
}
