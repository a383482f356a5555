package prefloop.diffusion.pretrain;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.UNetConfig;

/** {@code pretrain}: trains the base model on the toy world's mixed-quality corpus. */
@Command(
    name = "pretrain",
    mixinStandardHelpOptions = true,
    description = "Pretrains the base diffusion model on the toy world's mixed-quality corpus.")
public final class PretrainCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(names = "--steps", description = "optimiser steps (default ${DEFAULT-VALUE})")
  int steps = PretrainConfig.defaults().steps();

  @Option(names = "--batch", description = "images per step (default ${DEFAULT-VALUE})")
  int batch = PretrainConfig.defaults().batch();

  @Option(names = "--seed", description = "root seed (default ${DEFAULT-VALUE})")
  long seed = PretrainConfig.defaults().seed();

  @Option(names = "--lr", description = "peak learning rate (default ${DEFAULT-VALUE})")
  double learningRate = PretrainConfig.defaults().learningRate();

  @Option(
      names = "--config",
      description = "architecture: default or tiny (default ${DEFAULT-VALUE})")
  String architecture = "default";

  @Option(
      names = "--prediction",
      description = "what the network emits: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  Prediction prediction = UNetConfig.defaults().prediction();

  @Option(names = "--resume", description = "continue from the checkpoints in --out")
  boolean resume;

  @Option(names = "--sample-every", description = "steps between sample grids (0 = end only)")
  int sampleEvery = PretrainConfig.defaults().sampleEvery();

  @Option(names = "--checkpoint-every", description = "steps between checkpoints")
  int checkpointEvery = PretrainConfig.defaults().checkpointEvery();

  @Option(names = "--minutes", description = "wall-clock budget in minutes (0 = none)")
  double minutes;

  @Override
  public Integer call() throws Exception {
    PretrainConfig defaults = PretrainConfig.defaults();
    UNetConfig unet =
        switch (architecture) {
          case "default" -> UNetConfig.defaults().withPrediction(prediction);
          case "tiny" -> UNetConfig.tiny().withPrediction(prediction);
          default ->
              throw new CommandLine.ParameterException(
                  new CommandLine(this),
                  "--config must be 'default' or 'tiny', got '" + architecture + "'");
        };
    PretrainConfig config =
        new PretrainConfig(
            unet,
            defaults.schedule(),
            steps,
            batch,
            seed,
            learningRate,
            Math.min(defaults.warmupSteps(), Math.max(1, steps / 10)),
            defaults.weightDecay(),
            defaults.gradientClip(),
            defaults.promptDropout(),
            defaults.emaDecay(),
            sampleEvery,
            checkpointEvery,
            minutes);
    Pretrainer.Outcome outcome = new Pretrainer(config, out).run(resume);
    System.out.printf(
        "pretrained %d steps in %.0f s, final loss %.4f, checkpoint %s%n",
        outcome.steps(), outcome.seconds(), outcome.finalLoss(), outcome.checkpoint());
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PretrainCommand()).execute(args));
  }
}
