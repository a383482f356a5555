package prefloop.generator.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Requested prompts waiting to be sampled: bounded, highest priority first (then arrival order),
 * idempotent on request id (a redelivered PromptRequest is queued once). Thread-safe.
 */
public final class PromptQueue {
  private static final int REMEMBERED_IDS = 10_000;

  private record Entry(PromptCandidate prompt, long arrival) {}

  private final int capacity;
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          Comparator.comparingInt((Entry e) -> -e.prompt().priority())
              .thenComparingLong(Entry::arrival));
  private final Map<String, Boolean> seen =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_IDS;
        }
      };
  private long arrivals;

  public PromptQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** What became of an offered prompt. */
  public enum Outcome {
    QUEUED,
    DUPLICATE,
    FULL
  }

  /** Queues {@code prompt} unless its id was seen before or the queue is full. */
  public synchronized Outcome offer(PromptCandidate prompt) {
    if (!prompt.id().isEmpty() && seen.containsKey(prompt.id())) {
      return Outcome.DUPLICATE;
    }
    if (queue.size() >= capacity) {
      return Outcome.FULL;
    }
    if (!prompt.id().isEmpty()) {
      seen.put(prompt.id(), Boolean.TRUE);
    }
    queue.add(new Entry(prompt, arrivals++));
    return Outcome.QUEUED;
  }

  /**
   * Puts back a prompt that was taken but whose pair failed, ahead of its priority peers that
   * arrived later; it was already counted against the id memory, so neither duplicates nor the
   * capacity refuse it.
   */
  public synchronized void retry(PromptCandidate prompt) {
    queue.add(new Entry(prompt, -1 - arrivals++));
  }

  /**
   * Takes out every waiting prompt {@code which} accepts and forgets their ids, so that the same
   * requests are queued again if they come back (from Kafka, to this or another generator).
   *
   * @return the prompts taken out
   */
  public synchronized List<PromptCandidate> removeIf(Predicate<PromptCandidate> which) {
    List<PromptCandidate> removed = new ArrayList<>();
    queue.removeIf(
        entry -> {
          if (which.test(entry.prompt())) {
            removed.add(entry.prompt());
            seen.remove(entry.prompt().id());
            return true;
          }
          return false;
        });
    return removed;
  }

  /** The next prompt, or null when none is waiting. */
  public synchronized PromptCandidate poll() {
    Entry entry = queue.poll();
    return entry == null ? null : entry.prompt();
  }

  public synchronized int size() {
    return queue.size();
  }

  /** Free places (none while retried prompts fill it beyond its capacity). */
  public synchronized int remaining() {
    return Math.max(0, capacity - queue.size());
  }
}
