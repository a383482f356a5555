package prefloop.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.MergeInfo;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.PromptRequest;
import prefloop.schemas.avro.PromptSource;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;
import prefloop.schemas.avro.SamplerKind;
import prefloop.schemas.avro.SamplerSettings;
import prefloop.schemas.avro.ScoredGroup;
import prefloop.schemas.avro.TimestepBinStats;

/**
 * Realistic example messages for tests, benchmarks and docs: 32×32 pairs with PNG-sized image
 * payloads (random bytes of the size a 32×32 RGB PNG has, ~2.5 KB). Deterministic given the seed.
 */
public final class SampleMessages {
  /** Bytes of a typical 32×32 RGB PNG of a simple scene. */
  public static final int PNG_BYTES = 2_500;

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private SampleMessages() {}

  public static PromptRequest promptRequest(long seed) {
    return PromptRequest.newBuilder()
        .setId("prompt-" + seed)
        .setText("a small red circle on a blue background, top left")
        .setSource(PromptSource.BUILTIN)
        .setPriority(0)
        .setRequestedAt(AT)
        .build();
  }

  public static GeneratedImage image(Random random, long seed) {
    byte[] png = new byte[PNG_BYTES];
    random.nextBytes(png);
    return GeneratedImage.newBuilder()
        .setSeed(seed)
        .setPng(ByteBuffer.wrap(png))
        .setWidth(32)
        .setHeight(32)
        .build();
  }

  public static SamplerSettings sampler() {
    return SamplerSettings.newBuilder()
        .setSteps(20)
        .setEta(1.0)
        .setGuidance(1.0)
        .setScheduler(SamplerKind.DDIM)
        .build();
  }

  public static GeneratedPair generatedPair(long seed) {
    Random random = new Random(seed);
    return GeneratedPair.newBuilder()
        .setPairId("pair-" + seed)
        .setPromptId("prompt-" + seed)
        .setPrompt("a small red circle on a blue background, top left")
        .setPolicyVersion(3)
        .setSampler(sampler())
        .setImages(List.of(image(random, seed), image(random, seed + 1)))
        .setSharedXT(false)
        .setCreatedAt(AT)
        .build();
  }

  public static Preference preference(long seed) {
    GeneratedPair pair = generatedPair(seed);
    return PairPreference.of(pair)
        .setLabel(PreferenceLabel.A)
        .setRater(RaterInfo.newBuilder().setId("ensemble").setKind(RaterKind.MODEL).build())
        .setScores(Map.of("fidelity", new PairScores(0.9, 0.4)))
        .setConfidence(0.8)
        .setGroup(new ScoredGroup(List.of(1.5, -0.25, 0.5), 0, 1))
        .setRatedAt(AT)
        .build();
  }

  public static ModelUpdate modelUpdate(long seed) {
    return ModelUpdate.newBuilder()
        .setRole(ModelRole.REFERENCE)
        .setVersion(seed)
        .setLearnerStep(64 * seed)
        .setUri("http://127.0.0.1:8083/checkpoints/reference-" + seed)
        .setSha256("ab".repeat(32))
        .setBytes(1_234_567)
        .setParentVersion(seed - 1)
        .setMerge(MergeInfo.newBuilder().setAlpha(0.5).setDrift(0.001).setFrozen(false).build())
        .setCreatedAt(AT)
        .build();
  }

  public static LearnerMetrics learnerMetrics(long seed) {
    return LearnerMetrics.newBuilder()
        .setLearnerId("learner-1")
        .setStep(seed)
        .setPolicyVersion(seed)
        .setReferenceVersion(seed / 16)
        .setLoss(0.69)
        .setImplicitAcc(0.5)
        .setRewardMarginMean(0.01)
        .setBins(List.of(TimestepBinStats.newBuilder().setBin(0).setCount(12).build()))
        .setDrift(0.0005)
        .setStalenessHistogram(List.of(10L, 5L, 1L))
        .setPairsTrained(16)
        .setSkipped(Map.of("tie", 2L))
        .setMsPerStep(75.0)
        .setExtra(Map.of("lr", 1e-4))
        .setCreatedAt(AT)
        .build();
  }

  public static DeadLetter deadLetter(long seed) {
    return DeadLetter.newBuilder()
        .setSourceTopic("prefloop.pairs")
        .setPartition(0)
        .setOffset(seed)
        .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setReason("BAD_MAGIC: starts with 0x01 0x02")
        .setErrorClass("BAD_MAGIC")
        .setService("rater")
        .setAt(AT)
        .build();
  }

  /** One example of every message type, in topic order. */
  public static List<SpecificRecord> oneOfEach(long seed) {
    return List.of(
        promptRequest(seed),
        generatedPair(seed),
        preference(seed),
        modelUpdate(seed),
        learnerMetrics(seed),
        deadLetter(seed));
  }
}
