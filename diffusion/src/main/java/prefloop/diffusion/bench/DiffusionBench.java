package prefloop.diffusion.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import prefloop.diffusion.model.GradientUpdate;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.diffusion.model.UNetFlops;
import prefloop.diffusion.pretrain.DenoisingLoss;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;
import prefloop.world.PromptGrammar;

/**
 * Prints (never asserts) the model's size and speed: parameters, analytic forward FLOPs per image,
 * training-step time (denoising loss + backward + AdamW) at batch 16 and 64, and DDIM sampling
 * throughput (20 steps, batch 16, guidance 2, so 32 images per forward). Argument: {@code default}
 * or {@code tiny}.
 */
@Command(
    name = "diffusion-bench",
    mixinStandardHelpOptions = true,
    description =
        "Prints the toy UNet's parameters, FLOPs, training step time and sampling throughput.")
public final class DiffusionBench implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "default",
      paramLabel = "CONFIG",
      description = "architecture: default or tiny (default ${DEFAULT-VALUE})")
  String architecture;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DiffusionBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    UNetConfig config =
        switch (architecture) {
          case "default" -> UNetConfig.defaults();
          case "tiny" -> UNetConfig.tiny();
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(), "CONFIG must be default or tiny, got " + architecture);
        };
    System.out.printf(
        "engine %s, threads intra=%s%n",
        Engine.getInstance().getVersion(),
        System.getProperty("ai.djl.pytorch.num_threads", "default"));
    try (ToyDiffusionModel model = ToyDiffusionModel.newInitialised(config, 1)) {
      System.out.printf("config %s%n", config);
      System.out.printf("parameters %,d%n", model.parameterCount());
      System.out.printf(
          "forward FLOPs/image %,d (%.1f MFLOP)%n",
          UNetFlops.forward(config), UNetFlops.forward(config) / 1e6);
      for (int batch : new int[] {16, 64}) {
        System.out.printf(
            "train step batch %d: median %.0f ms%n", batch, trainStepMillis(model, batch));
      }
      model.setTrainable(false);
      System.out.printf(
          "sampling (20 DDIM steps, batch 16, guidance 2): %.2f images/s%n",
          samplingImagesPerSecond(model));
    }
    return 0;
  }

  private static double trainStepMillis(ToyDiffusionModel model, int batch) {
    model.setTrainable(true);
    Optimizer optimizer = Optimizer.adamW().build();
    int side = model.geometry().size();
    List<Double> times = new ArrayList<>();
    try (ScheduleTensors tensors = new ScheduleTensors(NoiseSchedule.defaults(), model.manager())) {
      for (int i = 0; i < 13; i++) {
        long start = System.nanoTime();
        try (NDManager scope = model.manager().newSubManager()) {
          NDArray x0 = scope.randomUniform(-1, 1, new Shape(batch, 3, side, side));
          NDArray noise = scope.randomNormal(x0.getShape());
          NDArray t = scope.randomInteger(0, 1000, new Shape(batch), DataType.INT64);
          NDArray tokens = scope.ones(new Shape(batch, model.config().maxTokens()), DataType.INT32);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(DenoisingLoss.of(model, tensors, x0, tokens, t, noise));
          }
          GradientUpdate.apply(model, optimizer);
        }
        if (i >= 3) {
          times.add((System.nanoTime() - start) / 1e6);
        }
      }
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  private static double samplingImagesPerSecond(ToyDiffusionModel model) {
    List<String> prompts = Collections.nCopies(16, new PromptGrammar().all().get(0).text());
    long[] seeds = new long[16];
    Arrays.setAll(seeds, i -> i);
    SampleRequest request = SampleRequest.of(prompts, seeds, SamplerSettings.defaults());
    try (DdimSampler sampler = new DdimSampler(model)) {
      sampler.sample(request);
      long start = System.nanoTime();
      int rounds = 3;
      for (int i = 0; i < rounds; i++) {
        sampler.sample(request);
      }
      return rounds * 16 / ((System.nanoTime() - start) / 1e9);
    }
  }
}
