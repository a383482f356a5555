package prefloop.rater.human;

import java.util.List;

/**
 * The answer to a label or undo request.
 *
 * @param status HTTP status: 200, or 4xx with {@code reason}
 * @param reason why it was refused, for a person; empty on success
 * @param publish labels whose undo window closed because of this request: publish them now
 */
public record LabelOutcome(int status, String reason, List<HumanLabel> publish) {
  static LabelOutcome ok(List<HumanLabel> publish) {
    return new LabelOutcome(200, "", publish);
  }

  static LabelOutcome refused(int status, String reason) {
    return new LabelOutcome(status, reason, List.of());
  }
}
