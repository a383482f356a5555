package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import prefloop.broker.EmbeddedKafkaExtension;

/**
 * Where a restarted learner reads from: a checkpoint's offsets for every partition it knows, the
 * beginning for the others. A record below a checkpoint's offset must never come back, or the
 * restarted lineage trains it a second time.
 */
class KafkaPreferenceSourceIT {
  private static final int PER_PARTITION = 5;

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix("src.");

  private static String topic;
  private static int partitions;

  @BeforeAll
  static void start() throws Exception {
    topic = kafka.topics().preferences().name();
    partitions = kafka.topics().preferences().partitions();
    try (KafkaProducer<byte[], byte[]> producer =
        LearnerFixture.producer(kafka.bootstrapServers())) {
      for (int p = 0; p < partitions; p++) {
        for (int i = 0; i < PER_PARTITION; i++) {
          producer.send(new ProducerRecord<>(topic, p, ("k" + i).getBytes(), new byte[] {1})).get();
        }
      }
    }
  }

  @Test
  void restoredOffsetsForEveryPartitionAreWhereReadingResumes() {
    // given a checkpoint that has trained through offset 3 of every partition
    Map<String, Long> offsets = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      offsets.put(RawRecord.partitionKey(topic, p), 3L);
    }

    // when a source is positioned there and read to the end
    List<RawRecord> read = readAfterSeek("every-partition", offsets);

    // then it reads only offsets 3 and 4 of each partition, nothing trained before
    assertThat(read).hasSize(2 * partitions).allMatch(r -> r.offset() >= 3);
  }

  @Test
  void partitionsMissingFromTheOffsetsAreReadFromTheirBeginning() {
    // given a checkpoint that has read partition 0 only, through offset 4
    Map<String, Long> offsets = Map.of(RawRecord.partitionKey(topic, 0), 4L);

    // when a source is positioned there and read to the end
    List<RawRecord> read = readAfterSeek("some-partitions", offsets);

    // then partition 0 resumes at 4 and the others start at 0
    assertThat(read)
        .filteredOn(r -> r.partition() == 0)
        .extracting(RawRecord::offset)
        .containsOnly(4L);
    assertThat(read).hasSize(1 + (partitions - 1) * PER_PARTITION);
  }

  private static List<RawRecord> readAfterSeek(String group, Map<String, Long> offsets) {
    List<RawRecord> read = new ArrayList<>();
    try (KafkaPreferenceSource source =
        new KafkaPreferenceSource(kafka.bootstrapServers(), group, topic, 100, true)) {
      source.seek(offsets);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!source.exhausted() && System.nanoTime() < deadline) {
        read.addAll(source.poll(Duration.ofMillis(200)));
      }
      // a lazy offset reset would show up only on a later fetch: give it one more chance
      read.addAll(source.poll(Duration.ofMillis(500)));
    }
    return read;
  }
}
