package prefloop.evaluation.ablation;

/** How the ablation feeds preferences to each configuration. */
public enum AblationMode {
  /**
   * One stream (pairs from the base model, labelled by the default raters) recorded once and
   * replayed to every configuration, with the same batches in the same order: the fair and cheap
   * comparison.
   */
  OFFLINE,
  /**
   * Each configuration runs the full loop in-process for the same wall time: pairs sampled from its
   * own current policy, labelled by the default raters, trained on at once (no Kafka: the loop's
   * maths without its transport).
   */
  ONLINE
}
