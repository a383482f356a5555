package prefloop.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.codec.UndecodableRecordException;

/**
 * Hostile input against the running loop: fuzzed records on every consumed topic each land in the
 * dead-letter topic with their topic/partition/offset and a reason; fuzzed HTTP requests to the
 * generator, rater, learner and dashboard get an answer, never a 5xx (503 aside) or none, and every
 * service stays healthy.
 */
class BadInputIT {
  private static final String PREFIX = "bad.";
  private static final int RECORDS_PER_TOPIC = 150;
  private static final int REQUESTS_PER_SERVICE = 250;

  /** Unanswered requests after which a service counts as fallen and is fuzzed no more. */
  private static final int GIVE_UP_AFTER = 3;

  @TempDir static Path dir;

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix(PREFIX);

  private static LoopServices loop;

  @BeforeAll
  static void start() throws Exception {
    Models.small(dir.resolve("base"), 0, 11);
    loop =
        LoopServices.start(
            kafka.bootstrapServers(), PREFIX, dir.resolve("base"), dir.resolve("run"), 0.5);
  }

  @AfterAll
  static void stop() throws Exception {
    if (loop != null) {
      loop.close();
    }
  }

  @Test
  void fuzzedRecordsOnEveryConsumedTopicAreDeadLetteredWithCoordinatesAndReason() {
    List<RecordMetadata> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka.bootstrapServers())) {
      sent.addAll(sendUndecodable(producer, kafka.topics().prompts(), 1));
      sent.addAll(sendUndecodable(producer, kafka.topics().pairs(), 2));
      sent.addAll(sendUndecodable(producer, kafka.topics().preferences(), 3));
      JsonMutator json = new JsonMutator(4);
      for (int i = 0; i < RECORDS_PER_TOPIC; i++) {
        byte[] text = json.next().getBytes(StandardCharsets.UTF_8);
        sent.add(
            RawKafka.sendRaw(producer, kafka.topics().preferencesJson().name(), "json-" + i, text));
      }
    }
    Set<String> expected = new HashSet<>();
    sent.forEach(m -> expected.add(m.topic() + "-" + m.partition() + "@" + m.offset()));

    Set<String> lettered = new HashSet<>();
    Map<String, Integer> byClass = new TreeMap<>();
    Await.until(
        "a dead letter for each of " + expected.size() + " fuzzed records",
        Duration.ofMinutes(3),
        () -> {
          lettered.clear();
          byClass.clear();
          for (ConsumerRecord<String, DeadLetter> r :
              RawKafka.readAll(kafka.bootstrapServers(), kafka.topics().deadLetter())) {
            DeadLetter d = r.value();
            assertThat(d.getReason()).isNotBlank();
            lettered.add(d.getSourceTopic() + "-" + d.getPartition() + "@" + d.getOffset());
            byClass.merge(d.getSourceTopic() + ":" + d.getErrorClass(), 1, Integer::sum);
          }
          return lettered.containsAll(expected);
        });
    System.out.println("DEADLETTER records=" + expected.size() + " by class " + byClass);
    assertThat(loop.health().values()).containsOnly(200);
  }

  @Test
  void fuzzedHttpRequestsGetWellFormedAnswersAndNoServiceFalls() throws Exception {
    HttpFuzzer fuzzer = new HttpFuzzer(5);
    Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int total = 0;
    int blankClientErrors = 0;
    List<String> retried = new ArrayList<>();
    for (Map.Entry<String, String> service : loop.urls().entrySet()) {
      int unanswered = 0;
      String previous = "none";
      for (int i = 0; i < REQUESTS_PER_SERVICE && unanswered < GIVE_UP_AFTER; i++) {
        HttpRequest request = fuzzer.next(service.getValue());
        HttpAnswer answer = fuzzer.send(request);
        if (!answer.answered()) {
          // once more, on a new connection, and say so with the request before it: both causes
          // found this way were the server's (docs/RELIABILITY.md, note 6), and 0 retries is the
          // norm since
          retried.add(
              service.getKey()
                  + " "
                  + describe(request)
                  + " -> "
                  + answer.failure()
                  + " (after "
                  + previous
                  + ")");
          answer = fuzzer.send(request);
        }
        previous = describe(request) + " -> " + answer.status();
        total++;
        unanswered += answer.answered() ? 0 : 1;
        statuses
            .computeIfAbsent(service.getKey(), k -> new TreeMap<>())
            .merge(answer.status(), 1, Integer::sum);
        // a blank 4xx (Vert.x-web's 405) is allowed: counted, not failed
        boolean blank4xx =
            answer.status() >= 400 && answer.status() < 500 && answer.body().isBlank();
        blankClientErrors += blank4xx ? 1 : 0;
        boolean wellFormed = answer.answered() && (answer.status() < 500 || answer.status() == 503);
        if (!wellFormed && failures.size() < 40) {
          failures.add(
              service.getKey()
                  + " "
                  + describe(request)
                  + " -> "
                  + (answer.answered() ? answer.status() : answer.failure()));
        }
      }
    }
    System.out.println(
        "HTTPFUZZ requests="
            + total
            + " statuses "
            + statuses
            + " blank 4xx bodies "
            + blankClientErrors
            + " retried "
            + retried.size()
            + (retried.isEmpty() ? "" : ": " + retried));
    assertThat(failures).as("5xx or no answer").isEmpty();
    assertThat(loop.health().values()).containsOnly(200);
  }

  private static String describe(HttpRequest request) {
    long body = request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
    return request.method()
        + " "
        + abbreviate(request.uri().toString())
        + " ("
        + request.headers().firstValue("Content-Type").orElse("-")
        + ", "
        + body
        + " bytes)";
  }

  private static String abbreviate(String text) {
    return text.length() < 160 ? text : text.substring(0, 160) + "…";
  }

  /** Fuzzed values of {@code topic} that its decoder refuses, sent raw. */
  private static <V> List<RecordMetadata> sendUndecodable(
      KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, long seed) {
    byte[] valid = validBytes(topic);
    byte[] foreign = kafka.topics().deadLetter().valueBytes(SampleMessages.deadLetter(1));
    AvroMutator mutator = new AvroMutator(seed);
    List<RecordMetadata> sent = new ArrayList<>();
    while (sent.size() < RECORDS_PER_TOPIC) {
      FuzzCase input = mutator.mutate(valid, foreign);
      if (!refused(topic, input.bytes()) || input.bytes().length == 0) {
        continue; // a mutation that still decodes is a valid record, not a poison pill
      }
      sent.add(RawKafka.sendRaw(producer, topic.name(), "fuzz-" + sent.size(), input.bytes()));
    }
    return sent;
  }

  private static boolean refused(Topic<String, ?> topic, byte[] bytes) {
    try {
      topic.decoder().decode(new ConsumerRecord<>(topic.name(), 0, 0L, null, bytes));
      return false;
    } catch (UndecodableRecordException e) {
      return true;
    } catch (OutOfMemoryError e) {
      return false; // the known forged-length bug (AvroDecoderFuzzTest): keep it out of here
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> byte[] validBytes(Topic<String, V> topic) {
    return SampleMessages.oneOfEach(7).stream()
        .filter(m -> m.getSchema().equals(topic.valueSchema()))
        .map(m -> topic.valueBytes((V) m))
        .findFirst()
        .orElseThrow();
  }
}
