package prefloop.generator.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.generator.sampling.SampledPair;
import prefloop.schemas.InlineImage;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.SamplerKind;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/**
 * Builds the GeneratedPair message of a sampled pair or group (K images in seed order): PNGs carry
 * their generation parameters as text chunks (prompt, seed, sampler, policy_version, model_role),
 * the trajectory is encoded by a {@link TrajectoryEncoder}. Stateless apart from the encoder.
 */
public record PairAssembler(SamplerSettings settings, TrajectoryEncoder trajectories) {
  /** The message for {@code pair}, sampled by model {@code role} at {@code version}. */
  public GeneratedPair assemble(
      String pairId, SampledPair pair, long version, ModelRole role, Instant createdAt) {
    List<GeneratedImage> images = new ArrayList<>(pair.size());
    for (int i = 0; i < pair.size(); i++) {
      RgbImage image = pair.images().get(i);
      byte[] png =
          PngCodec.encode(
              image, pngText(pair.prompt().text(), pair.seeds()[i], settings, version, role));
      images.add(InlineImage.of(pair.seeds()[i], png, image.width(), image.height()));
    }
    return GeneratedPair.newBuilder()
        .setPairId(pairId)
        .setPromptId(pair.prompt().id())
        .setPrompt(pair.prompt().text())
        .setPolicyVersion(version)
        .setSampler(samplerSettings(settings))
        .setImages(images)
        .setSharedXT(pair.sharedStart())
        .setTrajectory(
            pair.trajectory() == null ? null : trajectories.encode(pairId, pair.trajectory()))
        .setCreatedAt(createdAt)
        .build();
  }

  /** The sampler settings as the message records them. */
  public static prefloop.schemas.avro.SamplerSettings samplerSettings(SamplerSettings settings) {
    return prefloop.schemas.avro.SamplerSettings.newBuilder()
        .setSteps(settings.steps())
        .setEta(settings.eta())
        .setGuidance(settings.guidanceScale())
        .setScheduler(SamplerKind.DDIM)
        .build();
  }

  /** The PNG text chunks of one image. */
  public static Map<String, String> pngText(
      String prompt, long seed, SamplerSettings settings, long version, ModelRole role) {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("prompt", prompt);
    text.put("seed", Long.toString(seed));
    text.put("sampler", describe(settings));
    text.put("policy_version", Long.toString(version));
    text.put("model_role", role.name());
    text.put("software", "prefloop generator");
    return text;
  }

  /** E.g. {@code DDIM steps=20 eta=0.0 guidance=2.0 spacing=TRAILING}. */
  public static String describe(SamplerSettings settings) {
    return "DDIM steps="
        + settings.steps()
        + " eta="
        + settings.eta()
        + " guidance="
        + settings.guidanceScale()
        + " spacing="
        + settings.spacing();
  }
}
