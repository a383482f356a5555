package prefloop.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;

/** The preferences topic → JSON Lines, on a real broker, through the command line. */
class ExportLabelsIT {
  private static final String PREFIX = "export.";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyDecodableLabelBecomesOneLineWithItsImagesByHash() throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX))) {
      Topic<String, Preference> topic = Topics.withPrefix(PREFIX).preferences();
      Preference model = SampleMessages.preference(1);
      model.setRater(new RaterInfo("ensemble-v1", RaterKind.MODEL));
      Preference human = SampleMessages.preference(2);
      human.setRater(new RaterInfo("human:ann", RaterKind.HUMAN));
      human.setConfidence(0.9);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", kafka.bootstrapServers()),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        producer.send(topic.rawRecord(model.getPairId(), model)).get();
        producer.send(new ProducerRecord<>(topic.name(), new byte[] {1, 2, 3})).get();
        producer.send(topic.rawRecord(human.getPairId(), human)).get();
      }

      Path all = dir.resolve("labels.jsonl");
      assertThat(export(kafka, "--out", all.toString(), "--images")).isZero();
      List<String> lines = Files.readAllLines(all);
      assertThat(lines).as("two labels; the undecodable record is skipped").hasSize(2);
      JsonNode first =
          lines.stream()
              .map(ExportLabelsIT::parse)
              .filter(r -> r.get("rater_kind").asText().equals("MODEL"))
              .findFirst()
              .orElseThrow();
      assertThat(first.get("pair_id").asText()).isEqualTo(model.getPairId());
      assertThat(first.get("scores").get("fidelity").get(0).asDouble()).isEqualTo(0.9);
      JsonNode image = first.get("images").get(0);
      byte[] png = Base64.getDecoder().decode(image.get("png_base64").asText());
      assertThat(image.get("png_sha256").asText())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));

      Path people = dir.resolve("people.jsonl");
      assertThat(export(kafka, "--out", people.toString(), "--humans-only")).isZero();
      List<String> humanLines = Files.readAllLines(people);
      assertThat(humanLines).hasSize(1);
      JsonNode row = parse(humanLines.get(0));
      assertThat(row.get("rater").asText()).isEqualTo("human:ann");
      assertThat(row.get("confidence").asDouble()).isEqualTo(0.9);
      assertThat(row.get("images").get(0).has("png_base64")).isFalse();
      assertThat(Files.exists(dir.resolve("people.jsonl.partial"))).isFalse();
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  private static int export(EmbeddedKafka kafka, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--bootstrap-servers";
    all[1] = kafka.bootstrapServers();
    all[2] = "--topic-prefix";
    all[3] = PREFIX;
    System.arraycopy(args, 0, all, 4, args.length);
    return new CommandLine(new ExportLabelsCommand()).execute(all);
  }
}
