package prefloop.generator;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import prefloop.diffusion.model.DeviceChoice;
import prefloop.schemas.avro.ModelRole;

/**
 * The generator service's configuration, validated once at construction. Its withers ({@code
 * withSampling(...)} and one per component) are generated ({@code GeneratorConfigBuilder.With}).
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param topicPrefix prefix of our topic names (e.g. {@code prefloop.})
 * @param baseCheckpoint checkpoint served until the first accepted ModelUpdate: a directory, file:
 *     URI or http(s) URL of a checkpoint written by the diffusion module's CheckpointWriter, or the
 *     folder of a model bundle (its updates then carry adapters for it)
 * @param baseVersion version the base checkpoint is published under, in [0, 10^15]; updates of
 *     version ≤ the current one are ignored
 * @param sampling sampler settings, mode and batch size
 * @param prompts prompt sources and weights
 * @param backpressure when to pause
 * @param sampleFrom which broadcast role to follow and sample from: POLICY (default) or REFERENCE
 * @param httpPort HTTP port, in [0, 65535]; 0 picks a free one
 * @param advertisedHost host name put into blob URIs, so raters and learners can fetch blobs
 * @param blobDir where trajectory blobs are written; null = a temporary directory
 * @param consumerGroup consumer group of generators on the prompts topic
 * @param seed root seed of prompt choice and image seeds
 * @param device where the served model runs: auto (a GPU when the engine sees one), cpu or gpu
 * @param bindHost the address the HTTP server listens on: 127.0.0.1 keeps it to this machine,
 *     0.0.0.0 opens it to every interface (containers)
 */
@RecordBuilder
public record GeneratorConfig(
    String bootstrapServers,
    String topicPrefix,
    String baseCheckpoint,
    long baseVersion,
    SamplingConfig sampling,
    PromptMix prompts,
    BackpressureConfig backpressure,
    ModelRole sampleFrom,
    int httpPort,
    String advertisedHost,
    Path blobDir,
    String consumerGroup,
    long seed,
    DeviceChoice device,
    String bindHost)
    implements GeneratorConfigBuilder.With {

  public GeneratorConfig {
    Checks.nonBlank("bootstrapServers", bootstrapServers);
    if (topicPrefix == null) {
      throw new IllegalArgumentException("topicPrefix must be set (default 'prefloop.')");
    }
    Checks.nonBlank("baseCheckpoint", baseCheckpoint);
    Checks.range("baseVersion", baseVersion, 0, 1_000_000_000_000_000L);
    if (sampling == null || prompts == null || backpressure == null) {
      throw new IllegalArgumentException("sampling, prompts and backpressure must be set");
    }
    if (sampleFrom == null) {
      throw new IllegalArgumentException("sampleFrom must be POLICY or REFERENCE");
    }
    Checks.range("httpPort", httpPort, 0, 65535);
    Checks.nonBlank("advertisedHost", advertisedHost);
    Checks.nonBlank("bindHost", bindHost);
    Checks.nonBlank("consumerGroup", consumerGroup);
    if (device == null) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu");
    }
  }

  /** Defaults around a broker and a base checkpoint: free HTTP port, policy, seed 0. */
  public static GeneratorConfig defaults(String bootstrapServers, String baseCheckpoint) {
    return new GeneratorConfig(
        bootstrapServers,
        "prefloop.",
        baseCheckpoint,
        0,
        SamplingConfig.defaults(),
        PromptMix.defaults(),
        BackpressureConfig.defaults(),
        ModelRole.POLICY,
        0,
        "127.0.0.1",
        null,
        "prefloop-generator",
        0,
        DeviceChoice.AUTO,
        "127.0.0.1");
  }
}
