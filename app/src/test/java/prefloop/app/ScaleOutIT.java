package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.TestMessages;
import prefloop.broker.TopicReader;
import prefloop.generator.BackpressureConfig;
import prefloop.generator.GeneratorConfig;
import prefloop.generator.GeneratorVerticle;
import prefloop.generator.PromptMix;
import prefloop.generator.SamplingConfig;
import prefloop.rater.service.RaterConfig;
import prefloop.rater.service.RaterVerticle;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PromptRequest;

/**
 * Scale-out as the README promises it (issue 16): two generators and two raters, each with its own
 * Vert.x and Kafka clients as separate processes would have, share the work through their consumer
 * groups. The partitions are split between them, every requested prompt becomes exactly one pair
 * and every pair one preference, and when one generator stops the other takes its partitions over.
 */
class ScaleOutIT {
  private static final String PREFIX = "scale.";
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  @TempDir Path dir;

  @Test
  void twoGeneratorsAndTwoRatersSplitThePartitionsAndLoseNothing() throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX))) {
      String bootstrap = kafka.bootstrapServers();
      Topics topics = Topics.withPrefix(PREFIX);
      String base = LoopFixtures.smallBase(dir.resolve("base")).toString();
      List<Vertx> generators = List.of(Vertx.vertx(), Vertx.vertx());
      List<Vertx> raters = List.of(Vertx.vertx(), Vertx.vertx());
      try (TopicReader<GeneratedPair> pairs = new TopicReader<>(bootstrap, topics.pairs());
          TopicReader<Preference> preferences = new TopicReader<>(bootstrap, topics.preferences());
          Admin admin =
              Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        for (int i = 0; i < 2; i++) {
          generators
              .get(i)
              .deployVerticle(new GeneratorVerticle(generator(bootstrap, base)))
              .await();
          raters.get(i).deployVerticle(new RaterVerticle(rater(bootstrap))).await();
        }
        Map<String, List<GeneratedPair>> byPrompt = new HashMap<>();
        List<Preference> judged = new ArrayList<>();

        request(bootstrap, topics, 0, 12);
        awaitServed(pairs, preferences, byPrompt, judged, 12);
        assertSplit(admin, "prefloop-generator", topics.prompts().name());
        assertSplit(admin, RaterConfig.defaults(bootstrap).groupId(), topics.pairs().name());

        generators.get(0).close().await();
        request(bootstrap, topics, 12, 24);
        awaitServed(pairs, preferences, byPrompt, judged, 24);

        assertThat(byPrompt).hasSize(24).allSatisfy((id, served) -> assertThat(served).hasSize(1));
        Set<String> pairIds = new HashSet<>();
        byPrompt.values().forEach(served -> pairIds.add(served.get(0).getPairId()));
        assertThat(pairIds).hasSize(24);
        assertThat(judged).extracting(Preference::getPairId).containsOnlyOnceElementsOf(pairIds);
      } finally {
        for (Vertx vertx : List.of(generators.get(1), raters.get(0), raters.get(1))) {
          vertx.close().await();
        }
      }
    }
  }

  private static GeneratorConfig generator(String bootstrap, String base) {
    return GeneratorConfig.defaults(bootstrap, base)
        .withTopicPrefix(PREFIX)
        .withPrompts(PromptMix.defaults().withoutBuiltin())
        .withSampling(SamplingConfig.defaults().withSteps(2).withBatchSize(1))
        .withBackpressure(BackpressureConfig.defaults().withMaxBacklog(0));
  }

  private static RaterConfig rater(String bootstrap) {
    return RaterConfig.defaults(bootstrap)
        .withTopicPrefix(PREFIX)
        .withModels(RaterConfig.DEFAULT_MODELS, LoopFixtures.REPOSITORY.resolve("models/reward"))
        .withHttp(0, "");
  }

  private static void request(String bootstrap, Topics topics, int from, int to) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = LoopFixtures.producer(bootstrap)) {
      for (int i = from; i < to; i++) {
        String id = "req-" + i;
        PromptRequest request =
            TestMessages.promptRequest(id, "a large red circle on a blue background, centre");
        producer.send(topics.prompts().rawRecord(id, request)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitServed(
      TopicReader<GeneratedPair> pairs,
      TopicReader<Preference> preferences,
      Map<String, List<GeneratedPair>> byPrompt,
      List<Preference> judged,
      int requests)
      throws InterruptedException {
    LoopFixtures.await(
        () -> {
          pairs
              .poll()
              .forEach(
                  p -> byPrompt.computeIfAbsent(p.getPromptId(), k -> new ArrayList<>()).add(p));
          judged.addAll(preferences.poll());
          return byPrompt.size() >= requests && judged.size() >= requests;
        },
        requests + " requested prompts sampled and judged",
        PATIENCE);
  }

  private static int members(Admin admin, String group) {
    try {
      ConsumerGroupDescription description =
          admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
      return (int)
          description.members().stream()
              .filter(m -> !m.assignment().topicPartitions().isEmpty())
              .count();
    } catch (Exception e) {
      return 0;
    }
  }

  /** Two members, each with partitions of {@code topic}, none shared, all covered. */
  private static void assertSplit(Admin admin, String group, String topic) throws Exception {
    ConsumerGroupDescription description =
        admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
    List<Set<TopicPartition>> assignments =
        description.members().stream()
            .map(MemberDescription::assignment)
            .map(a -> Set.copyOf(a.topicPartitions()))
            .toList();
    assertThat(assignments)
        .as(group + " members")
        .hasSize(2)
        .allSatisfy(a -> assertThat(a).isNotEmpty());
    Set<TopicPartition> union = new HashSet<>(assignments.get(0));
    union.addAll(assignments.get(1));
    assertThat(union)
        .as(group + " covers " + topic + " without sharing")
        .hasSize(assignments.get(0).size() + assignments.get(1).size())
        .allMatch(p -> p.topic().equals(topic));
    assertThat(union).hasSize(Topics.withPrefix("x.").prompts().partitions());
  }
}
