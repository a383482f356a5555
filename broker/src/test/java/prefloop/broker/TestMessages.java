package prefloop.broker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import prefloop.schemas.InlineImage;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.PromptRequest;
import prefloop.schemas.avro.PromptSource;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;
import prefloop.schemas.avro.SamplerKind;
import prefloop.schemas.avro.SamplerSettings;
import prefloop.world.PngCodec;
import prefloop.world.PromptGrammar;
import prefloop.world.Renderer;
import prefloop.world.RgbImage;

/**
 * Pairs and preferences for the modules' tests, with real PNGs: random pixels (deterministic per
 * seed) where the content does not matter, toy-world renders where it does. Shared through the
 * broker's test-jar with the Kafka test clients ({@link KafkaClients}).
 */
public final class TestMessages {
  /** A prompt of the toy grammar. */
  public static final String PROMPT = "a small red circle on a blue background, top left";

  private static final Renderer RENDERER = new Renderer();

  private TestMessages() {}

  /** A size × size image of uniform random pixels, the same for the same seed. */
  public static RgbImage randomImage(int size, long seed) {
    Random random = new Random(seed);
    float[] data = new float[3 * size * size];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextFloat();
    }
    return new RgbImage(size, size, data);
  }

  /** {@code image} as a generated image with its sampler seed. */
  public static GeneratedImage image(RgbImage image, long seed) {
    return InlineImage.of(seed, PngCodec.encode(image, Map.of()), image.width(), image.height());
  }

  /** A request for {@code text} as a program writes it to the prompts topic, requested now. */
  public static PromptRequest promptRequest(String id, String text) {
    return PromptRequest.newBuilder()
        .setId(id)
        .setText(text)
        .setSource(PromptSource.TOPIC)
        .setPriority(0)
        .setRequestedAt(Instant.now())
        .build();
  }

  /** A model rater's preference on two random-pixel images, deterministic per pair id. */
  public static Preference preference(
      String pairId, PreferenceLabel label, long policyVersion, int size) {
    long seed = pairId.hashCode();
    return Preference.newBuilder()
        .setPairId(pairId)
        .setPrompt(PROMPT)
        .setPolicyVersion(policyVersion)
        .setImages(
            List.of(
                image(randomImage(size, seed), seed), image(randomImage(size, seed + 1), seed + 1)))
        .setLabel(label)
        .setRater(RaterInfo.newBuilder().setId("test").setKind(RaterKind.MODEL).build())
        .setRatedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  /** A pair as a generator publishes it, of {@code a} and {@code b} (sampler seeds 11 and 12). */
  public static GeneratedPair pair(
      String pairId,
      String prompt,
      long policyVersion,
      RgbImage a,
      long seedA,
      RgbImage b,
      long seedB) {
    return GeneratedPair.newBuilder()
        .setPairId(pairId)
        .setPromptId("")
        .setPrompt(prompt)
        .setPolicyVersion(policyVersion)
        .setSampler(
            SamplerSettings.newBuilder()
                .setSteps(10)
                .setEta(0.0)
                .setGuidance(1.0)
                .setScheduler(SamplerKind.DDIM)
                .build())
        .setImages(List.of(image(a, seedA), image(b, seedB)))
        .setSharedXT(false)
        .setCreatedAt(Instant.now())
        .build();
  }

  /** A pair of two toy-world renders of {@code prompt} (seeds {@code seed}, {@code seed + 1}). */
  public static GeneratedPair renderedPair(
      String pairId, String prompt, long policyVersion, long seed) {
    PromptGrammar grammar = new PromptGrammar();
    return pair(
        pairId,
        prompt,
        policyVersion,
        RENDERER.render(grammar.parse(prompt), seed),
        seed,
        RENDERER.render(grammar.parse(prompt), seed + 1),
        seed + 1);
  }
}
