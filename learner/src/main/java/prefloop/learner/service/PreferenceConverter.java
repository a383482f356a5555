package prefloop.learner.service;

import java.nio.ByteBuffer;
import java.util.Optional;
import prefloop.diffusion.model.PromptEncoder;
import prefloop.learner.core.PreferenceExample;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.RaterKind;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/**
 * Turns a decoded {@link Preference} into a pending entry: A/B become a trainable example (winner
 * and loser resolved, PNGs decoded), TIE/SKIP/BAD carry no gradient, and preferences older than
 * {@code maxStaleness} policy versions are dropped or down-weighted. A person's label is weighted
 * by 2c − 1, c being its confidence (the rater service's estimate of that person's accuracy): the
 * share of its gradient that points the right way on average, so a rater right 90 % of the time
 * counts 0.8 and one at chance counts nothing. Model labels keep weight 1: they are Bradley–Terry
 * draws, whose randomness already carries the model's uncertainty. A preference the model cannot
 * train on (missing or broken PNG, wrong size, unknown prompt word) is {@link
 * InvalidPreferenceException}: the caller dead-letters it.
 */
public final class PreferenceConverter {
  private final BlobFetcher blobs = new BlobFetcher();
  private final int maxStaleness;
  private final StalePolicy stalePolicy;
  private final double staleWeight;
  private final int imageSize;
  private final PromptEncoder prompts;
  private final boolean trajectories;

  public PreferenceConverter(LearnerConfig config, int imageSize, PromptEncoder prompts) {
    this.trajectories = config.trainer().objective().needsTrajectories();
    this.maxStaleness = config.maxStaleness();
    this.stalePolicy = config.stalePolicy();
    this.staleWeight = config.staleWeight();
    this.imageSize = imageSize;
    this.prompts = prompts;
  }

  /** Staleness s = v_learner − v_pair, at least 0. */
  public static int staleness(long learnerVersion, long pairVersion) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, learnerVersion - pairVersion));
  }

  /**
   * The entry for {@code preference} read at {@code at}, when the learner's policy version is
   * {@code learnerVersion}.
   *
   * @throws InvalidPreferenceException when an A/B preference cannot be trained on
   */
  public PendingEntry convert(RawRecord at, Preference preference, long learnerVersion) {
    int staleness = staleness(learnerVersion, preference.getPolicyVersion());
    switch (preference.getLabel()) {
      case TIE:
        return PendingEntry.skip(at, "tie", staleness);
      case SKIP:
        return PendingEntry.skip(at, "skip", staleness);
      case BAD:
        return PendingEntry.skip(at, "bad", staleness);
      default:
        break;
    }
    boolean stale = staleness > maxStaleness;
    if (stale && stalePolicy == StalePolicy.DROP) {
      return PendingEntry.skip(at, "stale", staleness);
    }
    double raterWeight = raterWeight(preference);
    if (raterWeight <= 0) {
      return PendingEntry.skip(at, "rater at chance", staleness);
    }
    if (preference.getImages().size() != 2) {
      throw new InvalidPreferenceException(
          "a preference needs exactly 2 images, got " + preference.getImages().size());
    }
    checkPrompt(preference.getPrompt());
    RgbImage a = image(preference.getImages().get(0), "A");
    RgbImage b = image(preference.getImages().get(1), "B");
    boolean aWins = preference.getLabel() == prefloop.schemas.avro.PreferenceLabel.A;
    double weight = (stale ? staleWeight : 1.0) * raterWeight;
    PreferenceExample example =
        new PreferenceExample(
            preference.getPairId(),
            preference.getPrompt(),
            aWins ? a : b,
            aWins ? b : a,
            weight,
            preference.getPolicyVersion(),
            trajectories
                ? TrajectoryConverter.convert(preference, aWins, blobs)
                : Optional.empty());
    return PendingEntry.train(at, example, staleness);
  }

  /** 2c − 1 for a person's label (c its confidence), 1 for a model's. */
  static double raterWeight(Preference preference) {
    if (preference.getRater() == null || preference.getRater().getKind() != RaterKind.HUMAN) {
      return 1.0;
    }
    double confidence = preference.getConfidence();
    return Double.isFinite(confidence) ? Math.max(0, Math.min(1, 2 * confidence - 1)) : 0;
  }

  private void checkPrompt(String prompt) {
    try {
      prompts.validate(prompt);
    } catch (IllegalArgumentException e) {
      throw new InvalidPreferenceException(
          "the model does not take this prompt: " + e.getMessage(), e);
    }
  }

  private RgbImage image(GeneratedImage image, String which) {
    ByteBuffer png = image.getPng();
    if (png == null) {
      throw new InvalidPreferenceException(
          "image "
              + which
              + " has no inline PNG (blob_uri "
              + image.getBlobUri()
              + " is not supported by the learner yet); send the PNG inline");
    }
    byte[] bytes = new byte[png.remaining()];
    png.duplicate().get(bytes);
    RgbImage decoded;
    try {
      decoded = PngCodec.decode(bytes).image();
    } catch (RuntimeException e) {
      throw new InvalidPreferenceException("image " + which + ": " + e.getMessage(), e);
    }
    if (decoded.width() != imageSize || decoded.height() != imageSize) {
      throw new InvalidPreferenceException(
          "image "
              + which
              + " is "
              + decoded.width()
              + "x"
              + decoded.height()
              + " but the model trains on "
              + imageSize
              + "x"
              + imageSize);
    }
    return decoded;
  }
}
