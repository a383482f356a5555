package prefloop.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import prefloop.app.sentinel.SentinelOptions;
import prefloop.rater.model.ModelSpec;

/**
 * The settings {@code up}'s command line gives explicitly, as a layer in the config file's shape:
 * they win over the file, which wins over the defaults. Where Kafka is always comes from the
 * command line, since only {@code up} knows which broker it started.
 */
final class UpFlags {
  private static final List<String> SERVICES =
      List.of("generator", "rater", "learner", "dashboard");

  private final ObjectNode layer = LoopConfigFile.emptyLayer();
  private final Predicate<String> given;

  /**
   * @param given whether an option (by its long name) was on the command line
   */
  UpFlags(Predicate<String> given) {
    this.given = given;
  }

  /** The layer: Kafka, and each option the command line gave. */
  ObjectNode layer(
      String bootstrap,
      String topicPrefix,
      Path base,
      Path runDir,
      Path rewardModels,
      Double learningRate,
      Path gridDir,
      List<ModelSpec> raterModels,
      SentinelOptions sentinelOptions) {
    for (String service : SERVICES) {
      layer.with(service).put("bootstrapServers", bootstrap);
      if (given.test("--topic-prefix")) {
        layer.with(service).put("topicPrefix", topicPrefix);
      }
    }
    if (given.test("--base-model") || given.test("--model-bundle")) {
      for (String service : List.of("generator", "learner", "dashboard")) {
        layer.with(service).put("baseCheckpoint", base.toString());
      }
    }
    if (given.test("--run-dir")) {
      layer.with("learner").put("checkpointDir", runDir.resolve("checkpoints").toString());
    }
    if (given.test("--reward-models")) {
      layer.with("rater").put("modelDir", rewardModels.toString());
      layer.with("dashboard").put("rewardDir", rewardModels.toString());
    }
    if (learningRate != null) {
      layer.with("learner").with("trainer").put("learningRate", learningRate);
    }
    if (gridDir != null) {
      layer.with("dashboard").put("gridDir", gridDir.toString());
    }
    if (!raterModels.isEmpty()) {
      layer.with("rater").set("models", LoopConfigFile.node(raterModels));
    }
    ObjectNode sentinel = layer.with("dashboard").with("sentinel");
    if (given.test("--sentinel")) {
      boolean off = sentinelOptions.action().equalsIgnoreCase("OFF");
      sentinel.put("enabled", !off);
      sentinel.put("action", off ? "ALERT" : sentinelOptions.action().toUpperCase(Locale.ROOT));
    }
    for (SentinelOptions.Setting setting : sentinelOptions.settings()) {
      if (given.test(setting.option())) {
        sentinel.set(setting.component(), LoopConfigFile.node(setting.value()));
      }
    }
    if (sentinel.isEmpty()) {
      layer.with("dashboard").remove("sentinel");
    }
    return layer;
  }
}
