package prefloop.app.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefloop.schemas.KafkaSecurity;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.RaterKind;
import prefloop.schemas.codec.UndecodableRecordException;
import prefloop.schemas.kafka.KafkaOptions;

/**
 * {@code prefloop export-labels}: every preference on the topic, from its first retained record to
 * the end as of the start, written as JSON Lines (one {@link LabelRecord} per line) to a file that
 * appears only when complete. People's and models' labels alike; the {@code rater_kind} field tells
 * them apart.
 */
@Command(
    name = "export-labels",
    description =
        "Write the human and model labels on the preferences topic as JSON Lines, with each"
            + " image's sha256 (and, with --images, the PNG itself).")
public final class ExportLabelsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--out", required = true, description = "The JSON Lines file to write.")
  Path out;

  @Option(names = "--images", description = "Include each image as base64 PNG (large).")
  boolean images;

  @Option(names = "--humans-only", description = "Only the labels people gave (rater kind HUMAN).")
  boolean humansOnly;

  @Override
  public Integer call() throws IOException {
    Topic<String, Preference> topic = Topics.withPrefix(kafka.topicPrefix()).preferences();
    long written = 0;
    long skipped = 0;
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try (KafkaConsumer<byte[], byte[]> consumer = consumer();
        BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(500))) {
          if (raw.offset() >= end.get(new TopicPartition(raw.topic(), raw.partition()))) {
            continue; // arrived after the export started
          }
          Preference preference;
          try {
            preference = topic.decoder().decode(raw).value();
          } catch (UndecodableRecordException e) {
            skipped++;
            continue;
          }
          if (humansOnly && preference.getRater().getKind() != RaterKind.HUMAN) {
            continue;
          }
          writer.write(JSON.writeValueAsString(LabelRecord.of(preference, images)));
          writer.newLine();
          if (++written % 10_000 == 0) {
            System.err.println("export-labels: " + written + " labels written");
          }
        }
      }
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.err.printf(
        "export-labels: %d labels written to %s (%d undecodable records skipped)%n",
        written, out, skipped);
    return 0;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        KafkaSecurity.with(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "prefloop-export-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false)),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }
}
