package prefloop.learner.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import prefloop.learner.core.BinStats;
import prefloop.learner.core.StepResult;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.TimestepBinStats;

/** Builds the LearnerMetrics message of one step. */
final class StepMetrics {
  private StepMetrics() {}

  static LearnerMetrics of(
      String learnerId,
      long step,
      long policyVersion,
      long referenceVersion,
      StepResult result,
      StepBatch batch,
      int replayed,
      double drift,
      double driftDelta,
      boolean frozen,
      long lag,
      Instant at) {
    Map<String, Double> extra = new HashMap<>();
    extra.put("replayed", (double) replayed);
    extra.put("lag", (double) lag);
    extra.put("pairs_ignored", (double) result.pairsIgnored());
    extra.put("non_finite", result.nonFinite() ? 1.0 : 0.0);
    if (Double.isFinite(driftDelta)) {
      extra.put("drift_delta", driftDelta); // δ of the guard, for the dashboard and up's console
    }
    return LearnerMetrics.newBuilder()
        .setLearnerId(learnerId)
        .setStep(step)
        .setPolicyVersion(policyVersion)
        .setReferenceVersion(referenceVersion)
        .setLoss(result.loss())
        .setImplicitAcc(result.implicitAccuracy())
        .setRewardMarginMean(result.meanMargin())
        .setBins(bins(result.bins()))
        .setDrift(Double.isNaN(drift) ? null : drift)
        .setFrozen(frozen)
        .setStalenessHistogram(batch.staleness().buckets())
        .setPairsTrained(result.nonFinite() ? 0 : batch.fresh().size())
        .setSkipped(batch.skipped())
        .setMsPerStep(result.stepMillis())
        .setExtra(extra)
        .setCreatedAt(at)
        .build();
  }

  private static List<TimestepBinStats> bins(List<BinStats> bins) {
    return bins.stream()
        .map(
            b ->
                TimestepBinStats.newBuilder()
                    .setBin(b.bin())
                    .setCount(b.count())
                    .setImplicitAcc(b.accuracy())
                    // the core keeps the reward scale mean|margin|, the schema's "margin scale"
                    .setMarginStd(b.rewardScale())
                    .setWeight(b.weight())
                    .build())
        .toList();
  }
}
