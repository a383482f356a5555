package prefloop.rater.fidelity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import prefloop.schemas.cli.Commands;
import prefloop.world.CorpusMix;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;

/** Trains a fidelity reward net, reports held-out accuracy, and writes the checkpoint. */
@Command(
    name = "train-fidelity",
    description = "Train the fidelity reward CNN on toy-world renders and save a checkpoint.")
public final class FidelityTrainCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(FidelityTrainCommand.class);

  @Option(names = "--out", required = true, description = "Checkpoint directory to write.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Root seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--steps",
      defaultValue = "1500",
      description = "Steps (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--batch", defaultValue = "32", description = "Batch (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--lr",
      defaultValue = "0.002",
      description = "Adam rate (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--clean",
      defaultValue = "0.45",
      description =
          "Share of clean renders; the rest has one (70%) or two (30%) degradations (default ${DEFAULT-VALUE}).")
  double clean;

  @Option(names = "--init", description = "Continue training from this checkpoint directory.")
  Path init;

  @Option(
      names = "--held-out",
      description = "Train the held-out scorer's architecture instead of the default one.")
  boolean heldOut;

  public static void main(String[] args) {
    Commands.runAndExit(new FidelityTrainCommand(), args);
  }

  @Override
  public Integer call() throws Exception {
    FidelityNetConfig net = heldOut ? FidelityNetConfig.heldOut() : FidelityNetConfig.defaults();
    FidelityTrainConfig config =
        new FidelityTrainConfig(
            net,
            seed,
            steps,
            batch,
            learningRate,
            new CorpusMix(clean, 0.7 * (1 - clean), 0.3 * (1 - clean)));
    LOG.info("training fidelity net {}", config);
    long started = System.nanoTime();
    String name = heldOut ? "fidelity-heldout" : "fidelity";
    try (ProgressBar bar = progressBar();
        FidelityModel model = new FidelityTrainer(config).train(name, init, bar::stepTo)) {
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Double> accuracy =
          FidelityAccuracy.onCleanRenders(
              model, new PromptSplit(new PromptGrammar()).heldOut(), seed + 1_000_000);
      Map<String, Object> provenance = new LinkedHashMap<>();
      provenance.put("training", config);
      provenance.put("initialisedFrom", init == null ? "random" : init.toString());
      provenance.put("wallSeconds", Math.round(seconds));
      provenance.put("heldOutCleanAccuracy", accuracy);
      model.save(out, provenance);
      LOG.info(
          "trained in {} s; held-out clean accuracy {}; wrote {}",
          Math.round(seconds),
          accuracy,
          out);
    }
    return 0;
  }

  private ProgressBar progressBar() {
    return new ProgressBarBuilder()
        .setTaskName("train-fidelity")
        .setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(2000)
        .showSpeed()
        .setUnit(" steps", 1)
        .startsFrom(0, Duration.ZERO)
        .build();
  }
}
