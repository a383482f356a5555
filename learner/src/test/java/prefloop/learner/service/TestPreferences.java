package prefloop.learner.service;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/** Preferences with real (random-pixel) PNGs of a given size, deterministic per seed. */
final class TestPreferences {
  static final String PROMPT = "a small red circle on a blue background, top left";

  private TestPreferences() {}

  static RgbImage image(int size, long seed) {
    Random random = new Random(seed);
    float[] data = new float[3 * size * size];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextFloat();
    }
    return new RgbImage(size, size, data);
  }

  static GeneratedImage generated(int size, long seed) {
    return GeneratedImage.newBuilder()
        .setSeed(seed)
        .setPng(ByteBuffer.wrap(PngCodec.encode(image(size, seed), Map.of())))
        .setWidth(size)
        .setHeight(size)
        .build();
  }

  static Preference preference(String pairId, PreferenceLabel label, long policyVersion, int size) {
    long seed = pairId.hashCode();
    return Preference.newBuilder()
        .setPairId(pairId)
        .setPrompt(PROMPT)
        .setPolicyVersion(policyVersion)
        .setImages(List.of(generated(size, seed), generated(size, seed + 1)))
        .setLabel(label)
        .setRater(RaterInfo.newBuilder().setId("test").setKind(RaterKind.MODEL).build())
        .setRatedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }
}
