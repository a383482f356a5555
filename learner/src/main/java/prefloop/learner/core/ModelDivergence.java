package prefloop.learner.core;

import prefloop.diffusion.model.DiffusionModel;

/**
 * D(p_model, p_other) in the guard's units (see {@link DriftEstimator}): how the reference updater
 * measures both the candidate's drift from p_init and the reference's lag behind the policy.
 */
@FunctionalInterface
public interface ModelDivergence {

  /** D(p_model, p_other), both models without gradients. */
  double between(DiffusionModel model, DiffusionModel other);
}
