package prefloop.schemas;

/** Kafka's {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
  /** Old segments are deleted by time/size retention: an event log. */
  DELETE("delete"),
  /** Only the latest record per key is kept: a table of current values. */
  COMPACT("compact");

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of Kafka's {@code cleanup.policy} topic config. */
  public String configValue() {
    return configValue;
  }
}
