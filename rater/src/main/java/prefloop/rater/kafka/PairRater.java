package prefloop.rater.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.rater.ensemble.BradleyTerryLabeller;
import prefloop.rater.ensemble.Ensemble;
import prefloop.rater.ensemble.GroupPairs;
import prefloop.rater.ensemble.GroupScore;
import prefloop.rater.ensemble.Judgement;
import prefloop.rater.ensemble.PairScore;
import prefloop.rater.human.HumanQueue;
import prefloop.rater.service.RaterMetrics;
import prefloop.schemas.PairPreference;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;
import prefloop.schemas.avro.ScoredGroup;
import prefloop.schemas.codec.RecordDecoder;
import prefloop.schemas.codec.UndecodableRecordException;

/**
 * The model rater: decodes a batch of pairs, scores them with the ensemble (off any event loop,
 * within a timeout), labels them, publishes the preferences and offers them to the human queue. A
 * group of K &gt; 2 images (all scored in the same batch) becomes one preference of its best (A)
 * and worst (B) image by ensemble utility, labelled like a pair; people are offered that same pair,
 * so the page always shows two images. With {@link GroupPairs#NESTED} the group's inner pairs (the
 * i-th best against the i-th worst) become model preferences too. Undecodable pairs and pairs a
 * model cannot score go to the dead-letter topic; the batch goes on. Returns once every send is
 * acknowledged, so the loop's commit follows the effects. Every model preference carries the
 * ensemble utility of each image of its pair or group ({@link ScoredGroup}), for reward-based
 * objectives.
 */
public final class PairRater implements RecordLoop.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(PairRater.class);

  private final RecordDecoder<String, GeneratedPair> decoder;
  private final Ensemble ensemble;
  private final BradleyTerryLabeller labeller;
  private final Publisher publisher;
  private final HumanQueue humans;
  private final RaterMetrics metrics;
  private final String raterId;
  private final Duration timeout;
  private final ExecutorService scoring;
  private final GroupPairs groupPairs;
  private final RecentIds recent = new RecentIds(100_000);

  public PairRater(
      Topics topics,
      Ensemble ensemble,
      BradleyTerryLabeller labeller,
      Publisher publisher,
      HumanQueue humans,
      RaterMetrics metrics,
      String raterId,
      Duration timeout,
      ExecutorService scoring,
      GroupPairs groupPairs) {
    this.decoder = topics.pairs().decoder();
    this.ensemble = ensemble;
    this.labeller = labeller;
    this.publisher = publisher;
    this.humans = humans;
    this.metrics = metrics;
    this.raterId = raterId;
    this.timeout = timeout;
    this.scoring = scoring;
    this.groupPairs = groupPairs;
  }

  private record Valid(
      ConsumerRecord<byte[], byte[]> raw, GeneratedPair pair, Ensemble.GroupInput input) {}

  @Override
  public void handle(List<ConsumerRecord<byte[], byte[]>> batch) throws Exception {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    List<Valid> valid = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> raw : batch) {
      try {
        GeneratedPair pair = decoder.value(raw);
        if (recent.contains(pair.getPairId())) {
          metrics.duplicate();
          continue;
        }
        valid.add(new Valid(raw, pair, PairImages.of(pair)));
      } catch (UndecodableRecordException e) {
        sends.add(publisher.deadLetter(e.toDeadLetter(Publisher.SERVICE, Instant.now())));
      } catch (IllegalArgumentException e) {
        sends.add(reject(raw, e.getMessage(), "INVALID_PAIR"));
      }
    }
    Map<Valid, GroupScore> scored = scoreAll(valid, sends);
    for (Map.Entry<Valid, GroupScore> e : scored.entrySet()) {
      GroupScore group = e.getValue();
      GeneratedPair pair = judged(e.getKey().pair(), group);
      PairScore score = group.pair();
      Judgement judgement = labeller.label(pair.getPairId(), score);
      ScoredGroup rewards = group.rewards(group.a(), group.b());
      sends.add(
          publisher
              .preference(preference(pair, score, judgement, rewards))
              .thenRun(metrics::modelPreference));
      humans.offer(pair, score.margin(), labeller.mostLikely(score.margin()));
      if (groupPairs == GroupPairs.NESTED) {
        sends.addAll(publishInner(e.getKey().pair(), group));
      }
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
    scored.keySet().forEach(v -> recent.add(v.pair().getPairId()));
  }

  /**
   * The pair a scored pair or group is judged by: a pair as it came; a group with only its chosen
   * two images, A = best and B = worst (their seeds still say which images of the group they are).
   */
  static GeneratedPair judged(GeneratedPair pair, GroupScore score) {
    if (pair.getImages().size() == 2) {
      return pair;
    }
    return GeneratedPair.newBuilder(pair)
        .setImages(List.of(pair.getImages().get(score.a()), pair.getImages().get(score.b())))
        .build();
  }

  /**
   * The group's inner nested pairs as preferences of their own, with ids {@code <pair id>/1},
   * {@code /2}, … (the best–worst preference keeps the group's id); people see only that one.
   */
  private List<CompletableFuture<?>> publishInner(GeneratedPair group, GroupScore score) {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    int index = 1;
    for (GroupScore.RankedPair inner : score.inner()) {
      GeneratedPair pair =
          GeneratedPair.newBuilder(group)
              .setPairId(group.getPairId() + "/" + index++)
              .setImages(
                  List.of(group.getImages().get(inner.a()), group.getImages().get(inner.b())))
              .build();
      Judgement judgement = labeller.label(pair.getPairId(), inner.pair());
      sends.add(
          publisher
              .preference(
                  preference(pair, inner.pair(), judgement, score.rewards(inner.a(), inner.b())))
              .thenRun(metrics::modelPreference));
    }
    return sends;
  }

  /** Scores the batch at once; when that fails, pair by pair so only the bad ones are rejected. */
  private Map<Valid, GroupScore> scoreAll(List<Valid> valid, List<CompletableFuture<?>> sends) {
    Map<Valid, GroupScore> result = new LinkedHashMap<>();
    if (valid.isEmpty()) {
      return result;
    }
    try {
      List<GroupScore> scores = scoreWithTimeout(valid);
      for (int i = 0; i < valid.size(); i++) {
        result.put(valid.get(i), scores.get(i));
      }
      return result;
    } catch (Exception batchFailure) {
      if (valid.size() == 1) {
        sends.add(reject(valid.get(0).raw(), reason(batchFailure), "REWARD_MODEL_FAILED"));
        return result;
      }
      LOG.warn(
          "scoring a batch of {} failed ({}); scoring its pairs one by one",
          valid.size(),
          reason(batchFailure));
    }
    for (Valid v : valid) {
      try {
        result.put(v, scoreWithTimeout(List.of(v)).get(0));
      } catch (Exception e) {
        sends.add(reject(v.raw(), reason(e), "REWARD_MODEL_FAILED"));
      }
    }
    return result;
  }

  private List<GroupScore> scoreWithTimeout(List<Valid> valid) throws Exception {
    List<Ensemble.GroupInput> inputs = valid.stream().map(Valid::input).toList();
    long start = System.nanoTime();
    Future<List<GroupScore>> future = scoring.submit(() -> ensemble.scoreGroups(inputs));
    try {
      List<GroupScore> scores = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      metrics.scoreLatency(Duration.ofNanos(System.nanoTime() - start));
      metrics.pairsScored(inputs.size());
      return scores;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TimeoutException(
          "reward models took longer than " + timeout.toMillis() + " ms (modelTimeout)");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private Preference preference(
      GeneratedPair pair, PairScore score, Judgement judgement, ScoredGroup group) {
    Map<String, PairScores> scores = new LinkedHashMap<>();
    score.perModel().forEach((name, ab) -> scores.put(name, new PairScores(ab[0], ab[1])));
    return PairPreference.of(pair)
        .setLabel(judgement.label())
        .setRater(new RaterInfo(raterId, RaterKind.MODEL))
        .setScores(scores)
        .setConfidence(judgement.confidence())
        .setTrajectory(pair.getTrajectory())
        .setGroup(group)
        .setRatedAt(Instant.now())
        .build();
  }

  private CompletableFuture<?> reject(
      ConsumerRecord<byte[], byte[]> raw, String reason, String code) {
    LOG.warn("dead-lettering {}-{}@{}: {}", raw.topic(), raw.partition(), raw.offset(), reason);
    return publisher.reject(
        raw.topic(), raw.partition(), raw.offset(), raw.key(), raw.value(), reason, code);
  }

  private static String reason(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
