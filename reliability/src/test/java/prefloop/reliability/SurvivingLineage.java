package prefloop.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import prefloop.learner.service.CheckpointStore;
import prefloop.schemas.avro.ModelRole;

/**
 * The policy checkpoints a learner's store would restart from, walked from the newest back to v0
 * through each ledger's parent: what the exactly-once tests count preferences in.
 */
final class SurvivingLineage {
  private final Path storeDir;

  /** Reads {@code storeDir} afresh on every call: the learners write it between calls. */
  SurvivingLineage(Path storeDir) {
    this.storeDir = storeDir;
  }

  /** The pair ids trained fresh by every step of the lineage. */
  List<String> trainedPairIds() throws Exception {
    CheckpointStore store = store();
    List<String> trained = new ArrayList<>();
    for (long v : versions(store)) {
      store.ledger(v).steps().forEach(s -> trained.addAll(s.fresh()));
    }
    return trained;
  }

  /** Each version of the lineage: parent, offsets, fresh pairs (to triage a failure). */
  List<String> describe() throws Exception {
    CheckpointStore store = store();
    List<String> lines = new ArrayList<>();
    for (long v : versions(store)) {
      lines.add(
          "v%d(parent %d, offsets %s, %d fresh)"
              .formatted(
                  v,
                  store.ledger(v).parentVersion(),
                  store.manifest(ModelRole.POLICY, v).consumerOffsets(),
                  store.ledger(v).steps().stream().mapToInt(s -> s.fresh().size()).sum()));
    }
    return lines;
  }

  /** The newest policy version, or "-" before the first checkpoint. */
  String latest() throws Exception {
    return store().latest(ModelRole.POLICY).stream()
        .mapToObj(Long::toString)
        .findFirst()
        .orElse("-");
  }

  private CheckpointStore store() throws Exception {
    return new CheckpointStore(storeDir, Optional.empty());
  }

  private static List<Long> versions(CheckpointStore store) throws Exception {
    List<Long> versions = new ArrayList<>();
    for (long v = store.latest(ModelRole.POLICY).orElseThrow();
        v >= 0;
        v = store.ledger(v).parentVersion()) {
      versions.add(v);
    }
    return versions;
  }
}
