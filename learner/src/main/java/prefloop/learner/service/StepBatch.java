package prefloop.learner.service;

import java.util.List;
import java.util.Map;
import prefloop.learner.core.PreferenceExample;

/**
 * What one step consumes: the fresh examples, the offsets trained through once the step is done,
 * the preferences consumed without gradient by reason, and their staleness.
 *
 * @param fresh examples read from the input (in consumption order)
 * @param offsetsThrough {@code topic-partition} → next offset, for every partition this batch read
 * @param skipped consumed without gradient, by reason
 * @param staleness staleness of every decoded preference in the batch
 */
public record StepBatch(
    List<PreferenceExample> fresh,
    Map<String, Long> offsetsThrough,
    Map<String, Long> skipped,
    StalenessHistogram staleness) {

  public StepBatch {
    fresh = List.copyOf(fresh);
    offsetsThrough = Map.copyOf(offsetsThrough);
    skipped = Map.copyOf(skipped);
  }
}
