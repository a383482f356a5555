package prefloop.learner.service;

import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelUpdate;

/** What the learner tells the rest of the system. */
public interface Outbox extends AutoCloseable {

  /**
   * Publishes a model update and waits until the broker has it.
   *
   * @return whether it was acknowledged (a failure is logged; the next update supersedes it)
   */
  boolean modelUpdate(ModelUpdate update);

  /** Sends step metrics; failures are logged, never retried. */
  void metrics(LearnerMetrics metrics);

  /** Sends a dead letter; failures are logged with the record's coordinates. */
  void deadLetter(DeadLetter letter);

  @Override
  void close();

  /** For offline runs without a broker: everything is only logged. */
  static Outbox loggingOnly() {
    return new LoggingOutbox();
  }
}
