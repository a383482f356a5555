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
import prefloop.rater.quality.DawidSkene;
import prefloop.rater.quality.GoldPairs;
import prefloop.rater.quality.RaterQuality;
import prefloop.rater.quality.Vote;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * People's labels: validation, rate limit, the undo window, counts, agreement and each rater's
 * estimated accuracy. A label stays pending (undoable with 'u') until the rater's next label or
 * until {@code undoWindow} passes; only then is it released for publishing, since a published
 * preference cannot be taken back.
 *
 * <p>Accuracy: {@link DawidSkene} over every A/B label held, with the ensemble's most likely label
 * of each pair as one more voter ({@value #MODELS}), so that a pair one person labelled still says
 * something about them. A released label carries its rater's estimate as its confidence; the labels
 * of a rater estimated below {@link #MIN_ACCURACY} (no better than a coin, or answering the
 * opposite) after {@link #MIN_LABELS_TO_EXCLUDE} labels are withheld and counted instead.
 *
 * <p>Gold pairs: with a {@link GoldPairs} source, a share of the pairs served to each person (the
 * policy's {@code goldRate}) are pairs whose answer is known. Their answers are never published;
 * they count towards each person's gold score and enter the accuracy model as pairs of known
 * answer. Thread-safe.
 */
public final class HumanRatings {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._@-]{1,64}");

  /** The reward ensemble's voter name in the accuracy model (not a valid rater name: no '<'). */
  public static final String MODELS = "<models>";

  /** Raters estimated below this accuracy are excluded: their labels are not published. */
  public static final double MIN_ACCURACY = 0.5;

  /** Only raters with at least this many A/B labels can be excluded. */
  public static final int MIN_LABELS_TO_EXCLUDE = 20;

  private final HumanQueue queue;
  private final RateLimiter limiter;
  private final Duration undoWindow;
  private final Clock clock;
  private final Map<String, Map<String, PreferenceLabel>> byPair = new HashMap<>();
  private final Map<String, HumanLabel> pending = new HashMap<>();
  private final Map<String, int[]> counts = new LinkedHashMap<>();
  private final Map<String, Integer> withheld = new LinkedHashMap<>();
  private final Map<String, PreferenceLabel> modelLabels = new HashMap<>();
  private long settled;
  private final DawidSkene accuracyModel = new DawidSkene(MIN_ACCURACY, MIN_LABELS_TO_EXCLUDE);
  private final GoldRounds gold;

  /** The last fit of the accuracy model; null once a vote changed. */
  private Optional<RaterQuality> fitted;

  /** Without gold pairs. */
  public HumanRatings(HumanQueue queue, RateLimiter limiter, Duration undoWindow, Clock clock) {
    this(queue, limiter, undoWindow, clock, null, 0, 0);
  }

  /**
   * @param goldSource where gold pairs come from; null for none
   * @param goldRate the share of served pairs that are gold, in [0, 1]
   * @param seed decides, per rater and per pair served, whether the pair is gold
   */
  public HumanRatings(
      HumanQueue queue,
      RateLimiter limiter,
      Duration undoWindow,
      Clock clock,
      GoldPairs goldSource,
      double goldRate,
      long seed) {
    this.queue = queue;
    this.limiter = limiter;
    this.undoWindow = undoWindow;
    this.clock = clock;
    this.gold = new GoldRounds(goldSource, goldRate, seed);
  }

  public static boolean validName(String rater) {
    return rater != null && NAME.matcher(rater).matches();
  }

  /**
   * The next pair for {@code rater}: one they have not labelled, skipped or left pending, or, at
   * the gold rate, a new gold pair.
   */
  public synchronized Optional<HumanTask> next(String rater) {
    Optional<HumanTask> goldTask = gold.serve(rater);
    if (goldTask.isPresent()) {
      fitted = null; // a new gold pair may push the oldest one's answers out
    }
    return goldTask.isPresent() ? goldTask : queue.next(task -> !labelledBy(task.pairId(), rater));
  }

  /** Records a person's answer on a gold pair: not pending, never published. */
  private LabelOutcome labelGold(String rater, String pairId, Choice choice) {
    if (gold.answered(rater, pairId)) {
      return LabelOutcome.refused(409, "pair '" + pairId + "' is already labelled by " + rater);
    }
    if (!limiter.tryAcquire(rater)) {
      return LabelOutcome.refused(429, "too many labels from " + rater + "; slow down");
    }
    gold.record(rater, pairId, choice);
    fitted = null;
    HumanLabel previous = pending.remove(rater);
    return LabelOutcome.ok(release(previous == null ? List.of() : List.of(previous)));
  }

  /** Records a choice; see {@link LabelOutcome} for the statuses. */
  public synchronized LabelOutcome label(String rater, String pairId, Choice choice) {
    if (!validName(rater)) {
      return LabelOutcome.refused(400, "rater name must be 1-64 of letters, digits, space . _ @ -");
    }
    if (gold.isGold(pairId)) {
      return labelGold(rater, pairId, choice);
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
    List<HumanLabel> released = new ArrayList<>();
    HumanLabel previous = pending.remove(rater);
    if (previous != null) {
      released.add(previous);
    }
    PreferenceLabel label = task.get().labelFor(choice);
    byPair.computeIfAbsent(pairId, k -> new LinkedHashMap<>()).put(rater, label);
    fitted = null;
    modelLabels.put(pairId, task.get().modelLabel());
    counts.computeIfAbsent(rater, k -> new int[PreferenceLabel.values().length])[label.ordinal()]++;
    pending.put(rater, new HumanLabel(rater, task.get(), label, clock.instant(), 1.0));
    List<HumanLabel> publish = release(released);
    settleIfDone(pairId);
    return LabelOutcome.ok(publish);
  }

  /**
   * Takes a pair off the page once {@code overlap} people judged it, or once two did and the
   * combined label is {@code overlapConfidence} sure.
   */
  private void settleIfDone(String pairId) {
    HumanPolicy policy = queue.policy();
    long judged = byPair.get(pairId).values().stream().filter(HumanRatings::isJudgement).count();
    boolean done = judged >= policy.overlap();
    if (!done && judged >= 2 && policy.overlapConfidence() < 1) {
      Double pA = quality().map(q -> q.posteriorA().get(pairId)).orElse(null);
      done = pA != null && Math.max(pA, 1 - pA) >= policy.overlapConfidence();
    }
    if (done && queue.remove(pairId)) {
      settled++;
    }
  }

  /**
   * What the page tells {@code rater} about themself: A/B/tie labels given, and their gold score
   * when the policy shows it (else null).
   */
  public synchronized Progress progress(String rater) {
    int[] c = counts.get(rater);
    int labelled =
        c == null
            ? 0
            : c[PreferenceLabel.A.ordinal()]
                + c[PreferenceLabel.B.ordinal()]
                + c[PreferenceLabel.TIE.ordinal()];
    boolean show = queue.policy().showGoldScore();
    return new Progress(
        labelled, show ? gold.seen(rater) : null, show ? gold.correct(rater) : null);
  }

  /**
   * @param labelled A/B/tie labels given
   * @param goldSeen gold pairs answered; null when the page does not show gold scores
   * @param goldCorrect gold pairs answered right; null likewise
   */
  public record Progress(int labelled, Integer goldSeen, Integer goldCorrect) {}

  /** Pairs taken off the page because enough people labelled them. */
  public synchronized long settled() {
    return settled;
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
    fitted = null;
    counts.get(rater)[last.label().ordinal()]--;
    return LabelOutcome.ok(List.of());
  }

  /**
   * Pending labels whose undo window has passed, removed from pending and released: publish them.
   */
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
    return release(due);
  }

  /** Every pending label, removed from pending and released (at shutdown: publish them). */
  public synchronized List<HumanLabel> flushAll() {
    List<HumanLabel> all = new ArrayList<>(pending.values());
    pending.clear();
    return release(all);
  }

  /**
   * Labels leaving the undo window: each gets its rater's estimated accuracy as confidence, and
   * those of excluded raters are withheld (counted in {@link RaterStats#withheld}).
   */
  private List<HumanLabel> release(List<HumanLabel> labels) {
    if (labels.isEmpty()) {
      return labels;
    }
    Optional<RaterQuality> quality = quality();
    List<HumanLabel> released = new ArrayList<>();
    for (HumanLabel label : labels) {
      Double accuracy = quality.map(q -> q.accuracy().get(label.rater())).orElse(null);
      if (accuracy == null || !isJudgement(label.label())) {
        released.add(label); // nothing known about the rater yet, or no A/B judgement to weigh
      } else if (quality.get().excluded().contains(label.rater())) {
        withheld.merge(label.rater(), 1, Integer::sum);
      } else {
        released.add(label.withConfidence(accuracy));
      }
    }
    return released;
  }

  /** The accuracy model over every A/B label held; empty while there are none. */
  private Optional<RaterQuality> quality() {
    // The fit runs on the page's event loop: once per change of the votes, not once per call
    // (a label asks twice, and every page polls the stats every 2 s).
    if (fitted == null) {
      fitted = fit();
    }
    return fitted;
  }

  private Optional<RaterQuality> fit() {
    List<Vote> votes = new ArrayList<>();
    for (Map.Entry<String, Map<String, PreferenceLabel>> pair : byPair.entrySet()) {
      boolean anyPerson = false;
      for (Map.Entry<String, PreferenceLabel> label : pair.getValue().entrySet()) {
        PreferenceLabel value = label.getValue();
        if (value == PreferenceLabel.A || value == PreferenceLabel.B) {
          votes.add(new Vote(pair.getKey(), label.getKey(), value == PreferenceLabel.A));
          anyPerson = true;
        }
      }
      PreferenceLabel model = modelLabels.getOrDefault(pair.getKey(), PreferenceLabel.TIE);
      if (anyPerson && (model == PreferenceLabel.A || model == PreferenceLabel.B)) {
        votes.add(new Vote(pair.getKey(), MODELS, model == PreferenceLabel.A));
      }
    }
    Map<String, Boolean> known = new HashMap<>();
    gold.addTo(votes, known);
    return votes.isEmpty() ? Optional.empty() : Optional.of(accuracyModel.fit(votes, known));
  }

  /** Agreement between people beyond chance (Krippendorff's α, Cohen's κ), for the page. */
  public synchronized PeopleAgreement peopleAgreement() {
    return PeopleAgreement.of(byPair);
  }

  /** Per-rater counts, agreement and estimated accuracy, for the page and /status. */
  public synchronized Map<String, RaterStats> stats() {
    Optional<RaterQuality> quality = quality();
    Map<String, RaterStats> result = new LinkedHashMap<>();
    Map<String, int[]> raters = new LinkedHashMap<>(counts);
    for (String rater : gold.raters()) {
      raters.putIfAbsent(rater, new int[PreferenceLabel.values().length]);
    }
    for (Map.Entry<String, int[]> e : raters.entrySet()) {
      result.put(e.getKey(), stats(e.getKey(), e.getValue(), quality));
    }
    return result;
  }

  private RaterStats stats(String rater, int[] c, Optional<RaterQuality> quality) {
    int modelAgree = 0;
    int modelTotal = 0;
    int humanAgree = 0;
    int humanTotal = 0;
    for (Map.Entry<String, Map<String, PreferenceLabel>> pair : byPair.entrySet()) {
      PreferenceLabel mine = pair.getValue().get(rater);
      if (mine == null || !isJudgement(mine)) {
        continue;
      }
      PreferenceLabel model = modelLabels.get(pair.getKey());
      if (model != null) {
        modelTotal++;
        modelAgree += model == mine ? 1 : 0;
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
        humanTotal,
        quality.map(q -> q.accuracy().get(rater)).orElse(Double.NaN),
        quality.map(q -> q.excluded().contains(rater)).orElse(false),
        withheld.getOrDefault(rater, 0),
        gold.seen(rater),
        gold.correct(rater));
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
   * @param estimatedAccuracy the probability that this rater's A/B label is right, as Dawid–Skene
   *     estimates it from everyone's labels and the models' (NaN before any A/B label)
   * @param excluded whether the estimate is below {@link #MIN_ACCURACY}: labels are withheld
   * @param withheld labels withheld so far because the rater was excluded when they were released
   * @param goldSeen gold pairs answered (A, B or tie; a tie counts as wrong)
   * @param goldCorrect gold pairs answered right
   */
  public record RaterStats(
      int labelled,
      int skipped,
      int bad,
      double modelAgreement,
      int modelCompared,
      double humanAgreement,
      int humanCompared,
      double estimatedAccuracy,
      boolean excluded,
      int withheld,
      int goldSeen,
      int goldCorrect) {}
}
