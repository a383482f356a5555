package prefloop.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.Preference;

class RecordDecoderTest {
  private final Topic<String, Preference> preferences = Topics.defaults().preferences();

  @Test
  void decodesKeyAndValueKeepingCoordinates() {
    Preference preference = SampleMessages.preference(1);
    ConsumerRecord<String, Preference> decoded =
        preferences
            .decoder()
            .decode(
                raw(
                    7,
                    "pair-1".getBytes(StandardCharsets.UTF_8),
                    preferences.valueBytes(preference)));

    assertThat(decoded.key()).isEqualTo("pair-1");
    assertThat(decoded.value()).isEqualTo(preference);
    assertThat(decoded.offset()).isEqualTo(7);
    assertThat(decoded.partition()).isEqualTo(2);
  }

  @Test
  void aTombstoneIsAnEmptyFailure() {
    UndecodableRecordException e =
        catchThrowableOfType(
            UndecodableRecordException.class,
            () -> preferences.decoder().decode(raw(3, null, null)));
    assertThat(e.failure()).isEqualTo(DecodeFailure.EMPTY);
  }

  @Test
  void anUndecodableRecordBecomesADeadLetterWithItsBytes() {
    byte[] junk = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    UndecodableRecordException e =
        catchThrowableOfType(
            UndecodableRecordException.class,
            () -> preferences.decoder().value(raw(9, null, junk)));

    DeadLetter letter = e.toDeadLetter("learner", Instant.EPOCH);

    assertThat(e)
        .hasMessageContaining("prefloop.preferences-2@9")
        .hasMessageContaining("BAD_MAGIC");
    assertThat(letter.getSourceTopic()).isEqualTo("prefloop.preferences");
    assertThat(letter.getPartition()).isEqualTo(2);
    assertThat(letter.getOffset()).isEqualTo(9);
    assertThat(letter.getErrorClass()).isEqualTo("BAD_MAGIC");
    assertThat(letter.getValue().array()).isEqualTo(junk);
    assertThat(letter.getService()).isEqualTo("learner");
  }

  private ConsumerRecord<byte[], byte[]> raw(long offset, byte[] key, byte[] value) {
    return new ConsumerRecord<>(preferences.name(), 2, offset, key, value);
  }
}
