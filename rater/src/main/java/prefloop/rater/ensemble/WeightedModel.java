package prefloop.rater.ensemble;

import prefloop.rater.model.RewardModel;

/**
 * One member of an ensemble.
 *
 * @param model the reward model
 * @param weight its weight in the ensemble margin, in [0, 1000]; 0 = scored and reported (e.g. a
 *     held-out monitor) but never part of the label
 * @param scale fixed normalisation: the model's score differences are divided by it, in (0, 1e6]
 */
public record WeightedModel(RewardModel model, double weight, double scale) {
  public WeightedModel {
    if (model == null) {
      throw new IllegalArgumentException("ensemble member needs a model");
    }
    if (!(weight >= 0 && weight <= 1000)) {
      throw new IllegalArgumentException(
          "weight of model " + model.name() + " must be in [0, 1000], was " + weight);
    }
    if (!(scale > 0 && scale <= 1e6)) {
      throw new IllegalArgumentException(
          "scale of model " + model.name() + " must be in (0, 1e6], was " + scale);
    }
  }
}
