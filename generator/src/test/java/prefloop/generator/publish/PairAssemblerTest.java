package prefloop.generator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.generator.SamplingConfig;
import prefloop.generator.prompt.PromptCandidate;
import prefloop.generator.prompt.PromptOrigin;
import prefloop.generator.sampling.SampledPair;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.ModelRole;
import prefloop.world.DecodedPng;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

class PairAssemblerTest {
  private static final String RED = "a small red circle on a blue background, top left";

  @Test
  void aGroupBecomesOneMessageWithKImagesInSeedOrder(@TempDir Path blobs) {
    SamplingConfig config = SamplingConfig.defaults().withGroupSize(4);
    PairAssembler assembler =
        new PairAssembler(
            config.samplerSettings(), new TrajectoryEncoder(1024, new BlobStore(blobs, 4)));
    List<RgbImage> images = List.of(grey(0.1f), grey(0.4f), grey(0.7f), grey(0.9f));
    SampledPair group =
        new SampledPair(
            new PromptCandidate("req-1", RED, PromptOrigin.TOPIC, 0),
            new long[] {11, 12, 13, 14},
            images,
            false,
            null);

    GeneratedPair message = assembler.assemble("g-1", group, 5, ModelRole.POLICY, Instant.now());

    assertThat(message.getImages()).hasSize(4);
    assertThat(message.getImages())
        .extracting(i -> i.getSeed())
        .containsExactly(11L, 12L, 13L, 14L);
    assertThat(message.getPromptId()).isEqualTo("req-1");
    assertThat(message.getTrajectory()).isNull();
    DecodedPng third = PngCodec.decode(bytes(message.getImages().get(2).getPng()));
    assertThat(third.text()).containsEntry("seed", "13").containsEntry("policy_version", "5");
    assertThat(third.image().meanAbsDifference(images.get(2))).isLessThan(0.01);
  }

  private static RgbImage grey(float value) {
    return RgbImage.filled(4, 4, new float[] {value, value, value});
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
