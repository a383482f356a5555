package prefloop.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.generator.KafkaSettings;

/**
 * The shared poll loop on a real broker (it lives in {@code schemas}, which cannot depend on the
 * broker, so it is tested here): how each way of stopping ends, and what the exit handler sees.
 */
class ConsumerThreadIT {
  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix("ct.");

  private static KafkaConsumer<byte[], byte[]> consumer(String group) {
    return new KafkaConsumer<>(KafkaSettings.consumer(kafka.bootstrapServers(), group, group));
  }

  /** A WAKE_POLL loop of {@code pass} in group {@code name} that completes {@code exit}. */
  private static ConsumerThread wakingPoll(
      String name, ConsumerThread.Pass pass, CompletableFuture<Optional<RuntimeException>> exit) {
    return new ConsumerThread(
        name, consumer(name), ConsumerThread.Stop.WAKE_POLL, pass, exit::complete);
  }

  @Test
  void aCloseWakesAPollThatWouldBlockForAMinuteAndTheExitHandlerSeesNoError() throws Exception {
    CompletableFuture<Optional<RuntimeException>> exit = new CompletableFuture<>();
    ConsumerThread thread =
        wakingPoll(
            "ct-wake",
            c -> {
              c.subscribe(List.of(kafka.topics().prompts().name()));
              c.poll(Duration.ofMinutes(1));
            },
            exit);
    thread.start();
    Thread.sleep(500);
    long started = System.nanoTime();

    thread.close();

    assertThat((System.nanoTime() - started) / 1e9).isLessThan(15);
    assertThat(exit.get(1, TimeUnit.SECONDS)).isEmpty();
    assertThat(thread.isRunning()).isFalse();
  }

  @Test
  void anErrorEndsTheLoopAndReachesTheExitHandler() throws Exception {
    CompletableFuture<Optional<RuntimeException>> exit = new CompletableFuture<>();
    ConsumerThread thread =
        wakingPoll(
            "ct-error",
            c -> {
              throw new IllegalStateException("broken handler");
            },
            exit);

    thread.start();

    Optional<RuntimeException> failure = exit.get(10, TimeUnit.SECONDS);
    assertThat(failure).isPresent();
    assertThat(failure.get()).hasMessage("broken handler");
    assertThat(thread.isRunning()).isFalse();
    thread.close();
  }

  @Test
  void finishingThePassLetsTheExitHandlerCommit() throws Exception {
    TopicPartition partition = new TopicPartition(kafka.topics().prompts().name(), 0);
    KafkaConsumer<byte[], byte[]> consumer = consumer("ct-finish");
    CompletableFuture<Optional<RuntimeException>> committed = new CompletableFuture<>();
    ConsumerThread thread =
        new ConsumerThread(
            "ct-finish",
            consumer,
            ConsumerThread.Stop.FINISH_PASS,
            c -> {
              if (c.assignment().isEmpty()) {
                c.assign(List.of(partition));
              }
              c.poll(Duration.ofMillis(200));
            },
            failure -> {
              // a wakeup left pending by close() would make this commit throw
              consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
              committed.complete(failure);
            });
    thread.start();
    Thread.sleep(500);

    thread.close();

    assertThat(committed.get(1, TimeUnit.SECONDS)).isEmpty();
  }
}
