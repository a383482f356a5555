package prefloop.rater.human;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * The pairs offered to people, chosen by a {@link HumanPolicy}. FRACTION keeps each pair with
 * probability f, decided from a hash of (seed, pair id) so every rater instance agrees, dropping
 * the oldest beyond capacity; UNCERTAIN keeps the {@code capacity} pairs of smallest |Δ| and serves
 * the most uncertain first. Left/right order is randomised per pair from the same hash.
 * Thread-safe.
 */
public final class HumanQueue {
  private final HumanPolicy policy;
  private final long seed;
  private final Map<String, HumanTask> tasks = new LinkedHashMap<>();

  public HumanQueue(HumanPolicy policy, long seed) {
    this.policy = policy;
    this.seed = seed;
  }

  /** Offers a scored pair; returns whether it was kept for people. */
  public synchronized boolean offer(GeneratedPair pair, double margin, PreferenceLabel modelLabel) {
    if (policy.mode() == HumanPolicy.Mode.NONE || tasks.containsKey(pair.getPairId())) {
      return false;
    }
    SplittableRandom random = random(pair.getPairId());
    boolean swapped = random.nextBoolean();
    if (policy.mode() == HumanPolicy.Mode.FRACTION && random.nextDouble() >= policy.fraction()) {
      return false;
    }
    HumanTask task = new HumanTask(pair, margin, modelLabel, swapped);
    if (tasks.size() >= policy.capacity()) {
      HumanTask victim =
          policy.mode() == HumanPolicy.Mode.UNCERTAIN
              ? mostCertain()
              : tasks.values().iterator().next();
      if (policy.mode() == HumanPolicy.Mode.UNCERTAIN
          && Math.abs(victim.margin()) <= Math.abs(margin)) {
        return false;
      }
      tasks.remove(victim.pairId());
    }
    tasks.put(pair.getPairId(), task);
    return true;
  }

  /** The first task the filter accepts, most uncertain first under UNCERTAIN, else oldest first. */
  public synchronized Optional<HumanTask> next(Predicate<HumanTask> wanted) {
    List<HumanTask> order = new ArrayList<>(tasks.values());
    if (policy.mode() == HumanPolicy.Mode.UNCERTAIN) {
      order.sort(Comparator.comparingDouble(t -> Math.abs(t.margin())));
    }
    return order.stream().filter(wanted).findFirst();
  }

  /** Takes a pair off the page (enough people labelled it); false when it was not waiting. */
  public synchronized boolean remove(String pairId) {
    return tasks.remove(pairId) != null;
  }

  public synchronized Optional<HumanTask> get(String pairId) {
    return Optional.ofNullable(tasks.get(pairId));
  }

  public synchronized int size() {
    return tasks.size();
  }

  public HumanPolicy policy() {
    return policy;
  }

  private HumanTask mostCertain() {
    return tasks.values().stream()
        .max(Comparator.comparingDouble(t -> Math.abs(t.margin())))
        .orElseThrow();
  }

  private SplittableRandom random(String pairId) {
    long h = seed ^ 0x5DEECE66DL;
    for (byte b : pairId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001B3L;
    }
    return new SplittableRandom(h);
  }
}
