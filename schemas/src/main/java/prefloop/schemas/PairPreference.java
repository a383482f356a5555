package prefloop.schemas;

import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.Preference;

/**
 * A {@link Preference} about a pair, before it is judged: the pair's identity, prompt, policy
 * version, images and sampler copied over. Every rater (the models, a person on the page) starts
 * here and adds its label, rater, confidence and time.
 */
public final class PairPreference {

  private PairPreference() {}

  /** A builder carrying everything {@code pair} says about itself. */
  public static Preference.Builder of(GeneratedPair pair) {
    return Preference.newBuilder()
        .setPairId(pair.getPairId())
        .setPromptId(pair.getPromptId())
        .setPrompt(pair.getPrompt())
        .setPolicyVersion(pair.getPolicyVersion())
        .setImages(pair.getImages())
        .setSampler(pair.getSampler());
  }
}
