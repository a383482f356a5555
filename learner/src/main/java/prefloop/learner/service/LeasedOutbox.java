package prefloop.learner.service;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelUpdate;

/**
 * An outbox that announces models only while this learner holds its lease ({@link LearnerLease}),
 * so a learner that lost it never publishes a policy competing with its successor's. Metrics and
 * dead letters still go out.
 */
final class LeasedOutbox implements Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(LeasedOutbox.class);

  private final Outbox delegate;
  private final BooleanSupplier held;

  LeasedOutbox(Outbox delegate, BooleanSupplier held) {
    this.delegate = delegate;
    this.held = held;
  }

  @Override
  public boolean modelUpdate(ModelUpdate update) {
    if (!held.getAsBoolean()) {
      LOG.warn(
          "not announcing {} v{}: this learner does not hold the lease now",
          update.getRole(),
          update.getVersion());
      return false;
    }
    return delegate.modelUpdate(update);
  }

  @Override
  public void metrics(LearnerMetrics metrics) {
    delegate.metrics(metrics);
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    delegate.deadLetter(letter);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
