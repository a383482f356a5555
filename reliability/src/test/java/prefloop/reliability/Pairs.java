package prefloop.reliability;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.SamplerKind;
import prefloop.schemas.avro.SamplerSettings;
import prefloop.world.PngCodec;
import prefloop.world.PromptGrammar;
import prefloop.world.Renderer;
import prefloop.world.RgbImage;

/** Generated pairs of real 32×32 toy-world renders, as a generator would publish them. */
final class Pairs {
  private final Renderer renderer = new Renderer();
  private final PromptGrammar grammar = new PromptGrammar();

  GeneratedPair of(String pairId, String prompt, long policyVersion, long seed) {
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
        .setImages(List.of(image(prompt, seed), image(prompt, seed + 1)))
        .setSharedXT(false)
        .setCreatedAt(Instant.now())
        .build();
  }

  private GeneratedImage image(String prompt, long seed) {
    RgbImage image = renderer.render(grammar.parse(prompt), seed);
    return GeneratedImage.newBuilder()
        .setSeed(seed)
        .setPng(ByteBuffer.wrap(PngCodec.encode(image, Map.of())))
        .setWidth(image.width())
        .setHeight(image.height())
        .build();
  }
}
