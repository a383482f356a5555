package prefloop.rater.model;

import java.util.List;
import prefloop.world.RgbImage;

/** A reward model that scores one image at a time; the batch method loops over them. */
public interface ImageRewardModel extends RewardModel {

  /** The score of {@code image} sampled for {@code prompt}. */
  double score(String prompt, RgbImage image);

  @Override
  default double[] score(List<String> prompts, List<RgbImage> images) {
    RewardModel.checkBatch(prompts, images);
    double[] scores = new double[images.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = score(prompts.get(i), images.get(i));
    }
    return scores;
  }
}
