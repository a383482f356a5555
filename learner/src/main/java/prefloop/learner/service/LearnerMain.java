package prefloop.learner.service;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefloop.diffusion.model.DeviceChoice;
import prefloop.learner.core.TrainerConfig;
import prefloop.schemas.cli.Commands;
import prefloop.schemas.kafka.KafkaOptions;

/** {@code learner}: runs the learner service alone (online, or offline over a recorded log). */
@Command(
    name = "learner",
    description =
        "Online Diffusion-DPO learner: preferences in, checkpoints and model updates out.")
public final class LearnerMain implements Callable<Integer> {

  @Mixin KafkaOptions kafka = new KafkaOptions();

  /** The Kafka bootstrap servers after parsing (command line, PREFLOOP_ environment or default). */
  public String bootstrap() {
    return kafka.bootstrapServers();
  }

  @Option(names = "--group", description = "consumer group (default ${DEFAULT-VALUE})")
  String group = "prefloop-learner";

  @Option(names = "--id", description = "learner id (default ${DEFAULT-VALUE})")
  String id = "learner-1";

  @Option(names = "--input", description = "TOPIC, TOPIC_REPLAY or FILE (default ${DEFAULT-VALUE})")
  PreferenceInput input = PreferenceInput.TOPIC;

  @Option(names = "--input-file", description = "recorded preference log for --input FILE")
  Path inputFile;

  @Option(names = "--base", description = "base model checkpoint (default ${DEFAULT-VALUE})")
  Path base = Path.of("models/base");

  @Option(names = "--checkpoints", description = "checkpoint store (default ${DEFAULT-VALUE})")
  Path checkpoints = Path.of("checkpoints/learner");

  @Option(names = "--shared-dir", description = "mirror checkpoints into this directory")
  Path sharedDir;

  @Option(names = "--port", description = "HTTP port, 0 = free (default ${DEFAULT-VALUE})")
  int port = 8083;

  @Option(names = "--host", description = "host advertised in URIs (default ${DEFAULT-VALUE})")
  String host = "127.0.0.1";

  @Option(
      names = "--bind",
      description =
          "address the HTTP server listens on: 127.0.0.1 (default) keeps it to this machine,"
              + " 0.0.0.0 opens it to every interface")
  String bind = "127.0.0.1";

  @Option(names = "--batch", description = "pairs per step (default ${DEFAULT-VALUE})")
  int batch = 8;

  @Option(names = "--publish-every", description = "steps between policy checkpoints")
  int publishEvery = 16;

  @Option(names = "--max-staleness", description = "policy versions (default ${DEFAULT-VALUE})")
  int maxStaleness = 4;

  @Option(names = "--stale", description = "DROP or DOWNWEIGHT (default ${DEFAULT-VALUE})")
  StalePolicy stale = StalePolicy.DROP;

  @Option(names = "--stale-weight", description = "weight under DOWNWEIGHT (default 0.5)")
  double staleWeight = 0.5;

  @Option(names = "--replay", description = "replay buffer capacity (default 0 = off)")
  int replay;

  @Option(
      names = "--replay-fraction",
      description = "replayed pairs per fresh pair, in [0, 16] (default 0)")
  double replayFraction;

  @Option(
      names = "--keep-checkpoints",
      description = "newest checkpoints kept per role, >= 2 (default ${DEFAULT-VALUE})")
  int keepCheckpoints = CheckpointRetention.defaults().keepLast();

  @Option(
      names = "--keep-every",
      description = "also keep every policy version divisible by this (0 = none; default 16)")
  int keepEvery = CheckpointRetention.defaults().keepEvery();

  @Option(names = "--rollback-after", description = "non-finite steps in a row before rollback")
  int rollbackAfter = 3;

  @Option(names = "--device", description = "AUTO, CPU or GPU (default ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(names = "--max-steps", description = "stop after this many steps (0 = never)")
  long maxSteps;

  @Option(
      names = "--lease-wait",
      description =
          "seconds to wait for another learner of the same model to go away before refusing to"
              + " start; a long wait makes this a standby that takes over when the first dies"
              + " (default ${DEFAULT-VALUE})")
  int leaseWait = 30;

  @Mixin TrainerOptions trainerOptions = new TrainerOptions();

  LearnerConfig config() {
    TrainerConfig trainer = trainerOptions.over(TrainerConfig.recommended());
    return LearnerConfig.builder(trainer)
        .learnerId(id)
        .bootstrapServers(kafka.bootstrapServers())
        .topicPrefix(kafka.topicPrefix())
        .groupId(group)
        .input(input)
        .inputFile(inputFile)
        .baseCheckpoint(base)
        .checkpointDir(checkpoints)
        .sharedDir(sharedDir)
        .httpPort(port)
        .advertisedHost(host)
        .bindHost(bind)
        .batchSize(batch)
        .publishEvery(publishEvery)
        .maxStaleness(maxStaleness)
        .stalePolicy(stale)
        .staleWeight(staleWeight)
        .replayCapacity(replay)
        .replayFraction(replayFraction)
        .rollbackAfter(rollbackAfter)
        .retention(new CheckpointRetention(keepCheckpoints, keepEvery))
        .device(device)
        .maxSteps(maxSteps)
        .leaseWaitSeconds(leaseWait)
        .build();
  }

  @Override
  public Integer call() throws Exception {
    LearnerConfig config = config();
    Vertx vertx = Vertx.vertx();
    LearnerVerticle verticle = new LearnerVerticle(config);
    String deployment =
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get();
    CountDownLatch finished = new CountDownLatch(1);
    verticle.learner().orElseThrow().done().whenComplete((s, e) -> finished.countDown());
    Thread hook =
        new Thread(
            () -> vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().join(),
            "learner-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    finished.await();
    Runtime.getRuntime().removeShutdownHook(hook);
    vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return "FAILED".equals(verticle.learner().orElseThrow().status().state()) ? 1 : 0;
  }

  public static void main(String[] args) {
    Commands.runAndExit(new LearnerMain(), args);
  }
}
