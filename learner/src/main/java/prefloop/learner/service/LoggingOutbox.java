package prefloop.learner.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelUpdate;

/** An outbox for offline runs without a broker: updates and dead letters go to the log. */
final class LoggingOutbox implements Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingOutbox.class);

  @Override
  public boolean modelUpdate(ModelUpdate update) {
    LOG.info(
        "model update (no broker): {} v{} at {}",
        update.getRole(),
        update.getVersion(),
        update.getUri());
    return true;
  }

  @Override
  public void metrics(LearnerMetrics metrics) {
    LOG.debug("step {} loss {}", metrics.getStep(), metrics.getLoss());
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    LOG.warn(
        "dead letter (no broker) {}-{}@{}: {}",
        letter.getSourceTopic(),
        letter.getPartition(),
        letter.getOffset(),
        letter.getReason());
  }

  @Override
  public void close() {}
}
