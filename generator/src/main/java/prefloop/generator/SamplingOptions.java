package prefloop.generator;

import picocli.CommandLine.Option;

/** Every setting of {@link SamplingConfig} as command-line options: a picocli mixin. */
public final class SamplingOptions {

  @Option(
      names = "--steps",
      defaultValue = "20",
      description = "DDIM steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--eta",
      defaultValue = "0",
      description = "DDIM eta (0 in DPO_PAIR, > 0 in TRAJECTORY; default: ${DEFAULT-VALUE}).")
  double eta;

  @Option(
      names = "--guidance",
      defaultValue = "2.0",
      description = "Classifier-free guidance scale (default: ${DEFAULT-VALUE}).")
  double guidance;

  @Option(names = "--mode", defaultValue = "DPO_PAIR", description = "DPO_PAIR or TRAJECTORY.")
  GenerationMode mode;

  @Option(
      names = "--group-size",
      defaultValue = "2",
      description =
          "Images per prompt K in [2, 16]: 2 = pairs; K > 2 = one group of K images per prompt,"
              + " of which the rater keeps the best and the worst (DPO_PAIR mode only).")
  int groupSize;

  @Option(
      names = "--batch",
      defaultValue = "4",
      description = "Prompts per sampling batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--inline-trajectory-bytes",
      defaultValue = "65536",
      description =
          "A trajectory up to this size travels inside its pair; a larger one goes to the blob"
              + " store (default: ${DEFAULT-VALUE}).")
  int inlineBytes;

  @Option(
      names = "--sampler-threads",
      defaultValue = "1",
      description =
          "Threads that sample a batch's passes (4 images each) at once, in [1, 16]; the images do"
              + " not depend on it (default: ${DEFAULT-VALUE}).")
  int passThreads;

  /** The validated config of these options. */
  public SamplingConfig config() {
    return new SamplingConfig(
        steps, eta, guidance, mode, groupSize, batch, inlineBytes, passThreads);
  }
}
