package prefloop.rater.kafka;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import prefloop.rater.service.RaterMetrics;

/**
 * The preferences-json → preferences bridge: validates each JSON preference and re-publishes it as
 * Avro; anything invalid goes to the dead-letter topic with the reason. Returns once every send is
 * acknowledged.
 */
public final class JsonIngress implements RecordLoop.Handler {
  private final Publisher publisher;
  private final RaterMetrics metrics;

  public JsonIngress(Publisher publisher, RaterMetrics metrics) {
    this.publisher = publisher;
    this.metrics = metrics;
  }

  @Override
  public void handle(List<ConsumerRecord<byte[], byte[]>> batch) throws Exception {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> raw : batch) {
      try {
        sends.add(
            publisher
                .preference(PreferenceJson.parse(utf8(raw.value())))
                .thenRun(metrics::jsonPreference));
      } catch (InvalidPreferenceException e) {
        sends.add(
            publisher.reject(
                raw.topic(),
                raw.partition(),
                raw.offset(),
                raw.key(),
                raw.value(),
                "invalid JSON preference: " + e.getMessage(),
                "MALFORMED_TEXT"));
      }
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
  }

  private static String utf8(byte[] bytes) {
    if (bytes == null) {
      throw new InvalidPreferenceException("empty record (null value)");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidPreferenceException("value is not UTF-8 text");
    }
  }
}
