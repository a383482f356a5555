package prefloop.learner.service;

import java.util.Map;

/**
 * What /status shows: an immutable snapshot the learner thread replaces after every step.
 *
 * @param learnerId the learner's id
 * @param state STARTING, RUNNING, STOPPED or FAILED
 * @param device the device the trainer runs on
 * @param step learner steps taken (including those before a restart)
 * @param policyVersion latest published policy version
 * @param referenceVersion latest reference version
 * @param loss loss of the last step
 * @param implicitAccuracy implicit accuracy of the last step
 * @param drift last estimated drift D(p_ref, p_init), NaN when not measured yet
 * @param referenceLag D(p_θ, p_ref) measured just before the last reference update: how far the
 *     policy had moved from the reference it was trained against, NaN when not measured yet
 * @param frozen whether the drift guard froze the reference at the last merge
 * @param lastMergeStep step of the last reference merge event, −1 when none
 * @param lag records in the input beyond the consumer's position (−1 unknown)
 * @param pending consumed records waiting for a step
 * @param pairsTrained fresh pairs trained since start
 * @param deadLetters records sent to the dead-letter topic since start
 * @param skipped preferences consumed without gradient since start, by reason
 * @param nonFiniteSteps steps the trainer skipped for NaN/Inf since start
 * @param rollbacks rollbacks to the last good checkpoint since start
 * @param lastCheckpoint name of the last policy checkpoint written or loaded
 * @param offsets offsets trained through ({@code topic-partition} → next offset)
 * @param error why the learner failed, or null
 */
public record LearnerStatus(
    String learnerId,
    String state,
    String device,
    long step,
    long policyVersion,
    long referenceVersion,
    double loss,
    double implicitAccuracy,
    double drift,
    double referenceLag,
    boolean frozen,
    long lastMergeStep,
    long lag,
    int pending,
    long pairsTrained,
    long deadLetters,
    Map<String, Long> skipped,
    long nonFiniteSteps,
    long rollbacks,
    String lastCheckpoint,
    Map<String, Long> offsets,
    String error) {

  public LearnerStatus {
    skipped = Map.copyOf(skipped);
    offsets = Map.copyOf(offsets);
  }

  public static LearnerStatus starting(String learnerId) {
    return new LearnerStatus(
        learnerId,
        "STARTING",
        "",
        0,
        0,
        0,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        false,
        -1,
        -1,
        0,
        0,
        0,
        Map.of(),
        0,
        0,
        "",
        Map.of(),
        null);
  }
}
