package prefloop.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.FreePort;

/**
 * Learner JVMs ({@link ChildLearner}) of one consumer group on one checkpoint store under a test's
 * directory: a tiny base model, the store's {@link SurvivingLineage} and the log all children
 * write.
 */
final class LearnerFleet {
  /** Preferences per training step. */
  static final int BATCH = 4;

  /** How long a child may take to restore, train or drain. */
  static final Duration CHILD_WAIT = Duration.ofSeconds(120);

  private final EmbeddedKafkaExtension kafka;
  private final String group;
  private final Path dir;
  private final Path log;
  private final SurvivingLineage lineage;

  private LearnerFleet(EmbeddedKafkaExtension kafka, String group, Path dir) {
    this.kafka = kafka;
    this.group = group;
    this.dir = dir;
    this.log = dir.resolve("children.log");
    this.lineage = new SurvivingLineage(dir.resolve("store"));
  }

  /** Writes the base model under {@code dir}; the store starts empty. */
  static LearnerFleet create(EmbeddedKafkaExtension kafka, String group, Path dir)
      throws IOException {
    Models.tiny(dir.resolve("base"), 0, 7);
    return new LearnerFleet(kafka, group, dir);
  }

  SurvivingLineage lineage() {
    return lineage;
  }

  /**
   * Starts a learner on a free port that waits up to {@code leaseWaitSeconds} for the store's
   * lease; {@code extraArgs} are flags beyond the common ones.
   */
  ChildLearner start(String id, int leaseWaitSeconds, String... extraArgs) throws IOException {
    int port = FreePort.pick();
    List<String> args = new ArrayList<>(commonArgs(id, port, leaseWaitSeconds));
    args.addAll(List.of(extraArgs));
    return ChildLearner.start(args, port, log);
  }

  private List<String> commonArgs(String id, int port, int leaseWaitSeconds) {
    return List.of(
        "--id",
        id,
        "--bootstrap",
        kafka.bootstrapServers(),
        "--topic-prefix",
        kafka.topics().prefix(),
        "--group",
        group,
        "--batch",
        Integer.toString(BATCH),
        "--publish-every",
        "2",
        "--checkpoints",
        dir.resolve("store").toString(),
        "--port",
        Integer.toString(port),
        "--device",
        "CPU",
        "--base",
        dir.resolve("base").toString(),
        "--lr",
        "1e-3",
        // every preference in these tests says policy v0: the default (4) would drop them as
        // stale from policy v5 on, and these tests are about exactly-once, not staleness
        "--max-staleness",
        "1000",
        // the tests walk every policy's ledger back to v0: retention must not prune any
        "--keep-checkpoints",
        "1000000",
        "--lease-wait",
        Integer.toString(leaseWaitSeconds));
  }

  /** {@code failure} with the children's log appended, to triage what the learners did. */
  AssertionError withLog(AssertionError failure) throws IOException {
    return new AssertionError(failure.getMessage() + "; children's log:\n" + Files.readString(log));
  }
}
