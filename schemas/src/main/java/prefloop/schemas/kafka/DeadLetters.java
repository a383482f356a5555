package prefloop.schemas.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.DeadLetter;

/**
 * Sends a dead letter, keyed by its source topic. A failed send is logged, not thrown: the record
 * it stands for has been passed over already, and the service must go on.
 */
public final class DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private DeadLetters() {}

  public static void send(Producer<byte[], byte[]> producer, Topics topics, DeadLetter letter) {
    producer.send(
        topics.deadLetter().rawRecord(letter.getSourceTopic(), letter),
        (metadata, error) -> {
          if (error != null) {
            LOG.error(
                "dead letter for {}-{}@{} not sent ({}): reason was {}",
                letter.getSourceTopic(),
                letter.getPartition(),
                letter.getOffset(),
                error.toString(),
                letter.getReason());
          }
        });
  }
}
