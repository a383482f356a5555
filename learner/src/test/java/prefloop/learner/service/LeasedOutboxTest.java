package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;

class LeasedOutboxTest {

  @Test
  void modelsAreAnnouncedOnlyWhileTheLeaseIsHeld() {
    List<Long> announced = new ArrayList<>();
    AtomicBoolean held = new AtomicBoolean(true);
    Outbox outbox = new LeasedOutbox(recording(announced), held::get);

    assertThat(outbox.modelUpdate(update(1))).isTrue();
    held.set(false);
    assertThat(outbox.modelUpdate(update(2))).isFalse();
    held.set(true);
    assertThat(outbox.modelUpdate(update(3))).isTrue();

    assertThat(announced).containsExactly(1L, 3L);
  }

  private static Outbox recording(List<Long> announced) {
    return new Outbox() {
      @Override
      public boolean modelUpdate(ModelUpdate update) {
        announced.add(update.getVersion());
        return true;
      }

      @Override
      public void metrics(LearnerMetrics metrics) {}

      @Override
      public void deadLetter(DeadLetter letter) {}

      @Override
      public void close() {}
    };
  }

  private static ModelUpdate update(long version) {
    return ModelUpdate.newBuilder()
        .setRole(ModelRole.POLICY)
        .setVersion(version)
        .setLearnerStep(version)
        .setUri("file:///nowhere/")
        .setSha256("00".repeat(32))
        .setBytes(1)
        .setParentVersion(version - 1)
        .setMerge(null)
        .setCreatedAt(Instant.now())
        .build();
  }
}
