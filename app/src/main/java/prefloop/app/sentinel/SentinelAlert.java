package prefloop.app.sentinel;

import java.time.Instant;
import java.util.List;

/**
 * An alarm of the sentinel and what came of it.
 *
 * @param at when
 * @param version the policy version that raised it
 * @param lastGood the version judged good before it
 * @param signals why, one line each
 * @param action what the sentinel did
 * @param outcome what happened, e.g. the learner's answer or why the rollback failed
 */
public record SentinelAlert(
    Instant at,
    long version,
    long lastGood,
    List<String> signals,
    SentinelAction action,
    String outcome) {

  public SentinelAlert {
    signals = List.copyOf(signals);
  }
}
