package prefloop.app.sentinel;

/** What the sentinel does when a policy version raises an alarm. */
public enum SentinelAction {
  /** Record and show the alert; nothing else. */
  ALERT,
  /**
   * Alert, and ask the learner to go back to the last good version with a lower learning rate; the
   * learner publishes those weights as a new version, which the generators then serve.
   */
  ROLLBACK
}
