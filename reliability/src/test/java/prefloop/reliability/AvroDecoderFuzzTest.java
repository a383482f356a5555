package prefloop.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.codec.MessageCodec;
import prefloop.schemas.codec.MessageDecodeException;
import prefloop.schemas.codec.UndecodableRecordException;

/**
 * Every Avro decoder of every topic against 120,000 hostile inputs (see {@link AvroMutator}): each
 * input either decodes or is refused with {@link UndecodableRecordException} naming the record's
 * topic/partition/offset and a reason, turned into a complete {@link DeadLetter}. Nothing else may
 * escape: no other exception, no {@link Error} (an out-of-memory from a forged length included).
 */
class AvroDecoderFuzzTest {
  private static final int INPUTS_PER_TOPIC = 20_000;
  private static final long SEED = 20260909L;

  private final Topics topics = Topics.defaults();

  @Test
  void everyDecoderRefusesHostileBytesWithCoordinatesAndReasonAndNeverCrashes() {
    FuzzTally tally = fuzzAllTopics();

    System.out.println("FUZZ avro " + tally);
    assertThat(tally.total()).isGreaterThanOrEqualTo(100_000);
    assertThat(tally.crashes()).as("inputs that escaped the decoders' error path").isEmpty();
    assertThat(tally.refusedByFailure())
        .containsKeys(
            "EMPTY",
            "TRUNCATED_HEADER",
            "BAD_MAGIC",
            "UNKNOWN_FINGERPRINT",
            "WRONG_MESSAGE_TYPE",
            "MALFORMED_BODY");
  }

  @Test
  void forgedLengthsNeverExhaustTheHeap() {
    assertThat(fuzzAllTopics().heapExhaustions()).isEmpty();
  }

  /** Runs every topic's decoder over its share of the hostile inputs. */
  private FuzzTally fuzzAllTopics() {
    List<Topic<String, ?>> avroTopics = avroTopics();
    List<byte[]> valid = avroTopics.stream().map(this::validBytes).toList();
    FuzzTally tally = new FuzzTally();
    AvroMutator mutator = new AvroMutator(SEED);
    for (int t = 0; t < avroTopics.size(); t++) {
      Topic<String, ?> topic = avroTopics.get(t);
      byte[] foreign = valid.get((t + 1) % valid.size());
      for (int i = 0; i < INPUTS_PER_TOPIC; i++) {
        FuzzCase input = mutator.mutate(valid.get(t), foreign);
        ConsumerRecord<byte[], byte[]> raw =
            new ConsumerRecord<>(topic.name(), t % 3, 1000L + i, "k".getBytes(), input.bytes());
        tally.count();
        try {
          topic.decoder().decode(raw);
          tally.decoded(input.strategy());
        } catch (UndecodableRecordException e) {
          checkRefusal(e, raw);
          tally.refused(e.failure().name());
        } catch (OutOfMemoryError e) {
          tally.heapExhausted(topic.name() + " " + input.strategy());
        } catch (Throwable e) {
          tally.crashed(topic.name() + " " + input.strategy() + ": " + e);
        }
      }
    }
    return tally;
  }

  @Test
  void hugeAndExoticUnicodeStringsRoundTripThroughTheCodec() {
    MessageCodec<Preference> codec =
        ((prefloop.schemas.codec.AvroSerde<Preference>) topics.preferences().valueSerde()).codec();
    String exotic =
        "<script>alert(1)</script> \u0000 \u202Eevil\u202C 日本語 😀🧪 \uFEFF e\u0301 "
            + "\uD83D\uDC69\u200D\uD83D\uDD2C";
    String huge = exotic.repeat(20_000);
    Preference preference = SampleMessages.preference(3);
    preference.setPrompt(huge);
    preference.setPairId(exotic);

    Preference decoded = codec.decode(codec.encode(preference));

    assertThat(huge.length()).isGreaterThan(1_000_000);
    assertThat(decoded.getPrompt()).isEqualTo(huge);
    assertThat(decoded.getPairId()).isEqualTo(exotic);
  }

  private static void checkRefusal(UndecodableRecordException e, ConsumerRecord<byte[], byte[]> r) {
    assertThat(e.getCause()).isInstanceOf(MessageDecodeException.class);
    DeadLetter letter = e.toDeadLetter("fuzz", java.time.Instant.EPOCH);
    assertThat(letter.getSourceTopic()).isEqualTo(r.topic());
    assertThat(letter.getPartition()).isEqualTo(r.partition());
    assertThat(letter.getOffset()).isEqualTo(r.offset());
    assertThat(letter.getReason()).isNotBlank();
    assertThat(letter.getErrorClass()).isEqualTo(e.failure().name());
  }

  @SuppressWarnings("unchecked")
  private List<Topic<String, ?>> avroTopics() {
    List<Topic<String, ?>> result = new ArrayList<>();
    for (Topic<?, ?> topic : topics.all()) {
      if (topic.avroSchema().isPresent()) {
        result.add((Topic<String, ?>) topic);
      }
    }
    assertThat(result).hasSize(SampleMessages.oneOfEach(1).size());
    return result;
  }

  /** A valid encoding of the message {@code topic} carries, from the schemas' samples. */
  @SuppressWarnings("unchecked")
  private <V> byte[] validBytes(Topic<String, V> topic) {
    for (SpecificRecord sample : SampleMessages.oneOfEach(7)) {
      if (sample.getSchema().equals(topic.valueSchema())) {
        return topic.valueBytes((V) sample);
      }
    }
    throw new IllegalStateException("no sample message for " + topic.name());
  }
}
