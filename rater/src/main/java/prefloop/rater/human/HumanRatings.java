package prefloop.rater.human;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * People's labels: validation, rate limit, the undo window, counts and agreement. A label stays
 * pending (undoable with 'u') until the rater's next label or until {@code undoWindow} passes; only
 * then is it published, since a published preference cannot be taken back. Thread-safe.
 */
public final class HumanRatings {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._@-]{1,64}");

  private final HumanQueue queue;
  private final RateLimiter limiter;
  private final Duration undoWindow;
  private final Clock clock;
  private final Map<String, Map<String, PreferenceLabel>> byPair = new HashMap<>();
  private final Map<String, HumanLabel> pending = new HashMap<>();
  private final Map<String, int[]> counts = new LinkedHashMap<>();

  public HumanRatings(HumanQueue queue, RateLimiter limiter, Duration undoWindow, Clock clock) {
    this.queue = queue;
    this.limiter = limiter;
    this.undoWindow = undoWindow;
    this.clock = clock;
  }

  public static boolean validName(String rater) {
    return rater != null && NAME.matcher(rater).matches();
  }

  /** The next pair for {@code rater}: one they have not labelled, skipped or left pending. */
  public synchronized Optional<HumanTask> next(String rater) {
    return queue.next(task -> !labelledBy(task.pairId(), rater));
  }

  /** Records a choice; see {@link LabelOutcome} for the statuses. */
  public synchronized LabelOutcome label(String rater, String pairId, Choice choice) {
    if (!validName(rater)) {
      return LabelOutcome.refused(400, "rater name must be 1-64 of letters, digits, space . _ @ -");
    }
    Optional<HumanTask> task = queue.get(pairId);
    if (task.isEmpty()) {
      return LabelOutcome.refused(
          404, "unknown pair '" + pairId + "' (not offered to people, or expired)");
    }
    if (labelledBy(pairId, rater)) {
      return LabelOutcome.refused(409, "pair '" + pairId + "' is already labelled by " + rater);
    }
    if (!limiter.tryAcquire(rater)) {
      return LabelOutcome.refused(429, "too many labels from " + rater + "; slow down");
    }
    List<HumanLabel> publish = new ArrayList<>();
    HumanLabel previous = pending.remove(rater);
    if (previous != null) {
      publish.add(previous);
    }
    PreferenceLabel label = task.get().labelFor(choice);
    byPair.computeIfAbsent(pairId, k -> new LinkedHashMap<>()).put(rater, label);
    counts.computeIfAbsent(rater, k -> new int[PreferenceLabel.values().length])[label.ordinal()]++;
    pending.put(rater, new HumanLabel(rater, task.get(), label, clock.instant()));
    return LabelOutcome.ok(publish);
  }

  /** Takes back the rater's pending label; 409 when there is none (it was already published). */
  public synchronized LabelOutcome undo(String rater) {
    HumanLabel last = pending.remove(rater);
    if (last == null) {
      return LabelOutcome.refused(
          409,
          "nothing to undo: labels are final once published (after "
              + undoWindow.toSeconds()
              + " s or the next label)");
    }
    byPair.get(last.task().pairId()).remove(rater);
    counts.get(rater)[last.label().ordinal()]--;
    return LabelOutcome.ok(List.of());
  }

  /** Pending labels whose undo window has passed, removed from pending: publish them. */
  public synchronized List<HumanLabel> expired() {
    Instant cutoff = clock.instant().minus(undoWindow);
    List<HumanLabel> due = new ArrayList<>();
    pending
        .values()
        .removeIf(
            l -> {
              if (!l.at().isAfter(cutoff)) {
                due.add(l);
                return true;
              }
              return false;
            });
    return due;
  }

  /** Every pending label, removed from pending (at shutdown: publish them). */
  public synchronized List<HumanLabel> flushAll() {
    List<HumanLabel> all = new ArrayList<>(pending.values());
    pending.clear();
    return all;
  }

  /** Per-rater counts and agreement, for the page and /status. */
  public synchronized Map<String, RaterStats> stats() {
    Map<String, RaterStats> result = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      result.put(e.getKey(), stats(e.getKey(), e.getValue()));
    }
    return result;
  }

  private RaterStats stats(String rater, int[] c) {
    int modelAgree = 0;
    int modelTotal = 0;
    int humanAgree = 0;
    int humanTotal = 0;
    for (Map.Entry<String, Map<String, PreferenceLabel>> pair : byPair.entrySet()) {
      PreferenceLabel mine = pair.getValue().get(rater);
      if (mine == null || !isJudgement(mine)) {
        continue;
      }
      Optional<HumanTask> task = queue.get(pair.getKey());
      if (task.isPresent()) {
        modelTotal++;
        modelAgree += task.get().modelLabel() == mine ? 1 : 0;
      }
      for (Map.Entry<String, PreferenceLabel> other : pair.getValue().entrySet()) {
        if (!other.getKey().equals(rater) && isJudgement(other.getValue())) {
          humanTotal++;
          humanAgree += other.getValue() == mine ? 1 : 0;
        }
      }
    }
    int labelled =
        c[PreferenceLabel.A.ordinal()]
            + c[PreferenceLabel.B.ordinal()]
            + c[PreferenceLabel.TIE.ordinal()];
    return new RaterStats(
        labelled,
        c[PreferenceLabel.SKIP.ordinal()],
        c[PreferenceLabel.BAD.ordinal()],
        modelTotal == 0 ? Double.NaN : modelAgree / (double) modelTotal,
        modelTotal,
        humanTotal == 0 ? Double.NaN : humanAgree / (double) humanTotal,
        humanTotal);
  }

  private boolean labelledBy(String pairId, String rater) {
    Map<String, PreferenceLabel> labels = byPair.get(pairId);
    return labels != null && labels.containsKey(rater);
  }

  private static boolean isJudgement(PreferenceLabel label) {
    return label == PreferenceLabel.A || label == PreferenceLabel.B || label == PreferenceLabel.TIE;
  }

  /**
   * @param labelled A/B/TIE labels
   * @param skipped pairs skipped
   * @param bad pairs marked bad
   * @param modelAgreement fraction of labels equal to the ensemble's most likely label (NaN if
   *     none)
   * @param modelCompared labels compared with the ensemble
   * @param humanAgreement fraction of (this label, another person's label of the same pair) that
   *     match
   * @param humanCompared such comparisons
   */
  public record RaterStats(
      int labelled,
      int skipped,
      int bad,
      double modelAgreement,
      int modelCompared,
      double humanAgreement,
      int humanCompared) {}
}
