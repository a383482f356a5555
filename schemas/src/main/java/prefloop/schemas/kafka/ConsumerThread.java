package prefloop.schemas.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer on its own daemon thread: the poll loop the services' consumers share. The
 * thread runs {@link Pass passes} (typically one poll and what is done with its records) until
 * {@link #close()}, which stops the loop as its {@link Stop} says and waits for the thread. However
 * the loop ends (a close, a wakeup, an interrupt or an error), the exit handler runs on the thread,
 * before the consumer is closed there: the place for a last commit. An error ends the loop and is
 * logged with the thread's name and handed to the exit handler.
 */
public final class ConsumerThread implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerThread.class);
  private static final Duration CLOSE = Duration.ofSeconds(5);
  private static final long JOIN_MILLIS = 10_000;

  /** How {@link #close()} stops the loop. */
  public enum Stop {
    /** Wake a blocked poll: the loop ends at once. */
    WAKE_POLL,
    /**
     * Let the current pass finish (within one poll's timeout): for loops that commit on the way
     * out, since a wakeup could interrupt that commit.
     */
    FINISH_PASS
  }

  /** One pass of the loop; it is run again while the thread runs. */
  @FunctionalInterface
  public interface Pass {
    void run(KafkaConsumer<byte[], byte[]> consumer) throws InterruptedException;
  }

  private final String name;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Stop stop;
  private final Pass pass;
  private final Consumer<Optional<RuntimeException>> onExit;
  private final Thread thread;
  private volatile boolean running = true;
  private boolean started;

  /**
   * @param name the thread's name, also used in log lines
   * @param consumer the consumer, used only by the thread once started
   * @param stop how {@link #close()} stops the loop
   * @param pass one pass of the loop
   * @param onExit runs on the thread when the loop has ended, with the error that ended it if any
   */
  public ConsumerThread(
      String name,
      KafkaConsumer<byte[], byte[]> consumer,
      Stop stop,
      Pass pass,
      Consumer<Optional<RuntimeException>> onExit) {
    this.name = name;
    this.consumer = consumer;
    this.stop = stop;
    this.pass = pass;
    this.onExit = onExit;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** A loop that a close wakes, with nothing to do when it ends. */
  public ConsumerThread(String name, KafkaConsumer<byte[], byte[]> consumer, Pass pass) {
    this(name, consumer, Stop.WAKE_POLL, pass, failure -> {});
  }

  public synchronized ConsumerThread start() {
    started = true;
    thread.start();
    return this;
  }

  /** Whether the loop has not been closed and has not ended by itself. */
  public boolean isRunning() {
    return running && thread.isAlive();
  }

  private void run() {
    Optional<RuntimeException> failure = Optional.empty();
    try {
      while (running) {
        pass.run(consumer);
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("{}: consumer woken up unexpectedly", name, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("{}: consumer loop stopped: {}", name, e.toString(), e);
      failure = Optional.of(e);
    } finally {
      running = false;
      try {
        onExit.accept(failure);
      } finally {
        consumer.close(CLOSE);
      }
    }
  }

  /** Stops the loop as its {@link Stop} says and waits up to 10 s for the thread to end. */
  @Override
  public synchronized void close() {
    running = false;
    if (!started) {
      consumer.close(Duration.ZERO);
      return;
    }
    if (stop == Stop.WAKE_POLL) {
      consumer.wakeup();
    }
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
