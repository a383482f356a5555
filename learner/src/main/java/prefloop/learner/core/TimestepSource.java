package prefloop.learner.core;

import java.util.SplittableRandom;

/**
 * What an objective may ask of the timestep strategy: a training timestep and the factor λ(t) that
 * scales its β. Objectives never learn which strategy they run under.
 */
public interface TimestepSource {

  /** A training timestep t ∈ [0, T). */
  int sample(SplittableRandom random);

  /** λ(t), the factor on β at timestep t (1 for strategies that do not scale β). */
  double betaScale(int t);
}
