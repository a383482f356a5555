package prefloop.app.sentinel;

/** What the sentinel does when a policy version raises an alarm. */
public enum SentinelAction {
  /** Record and show the alert; nothing else. */
  ALERT,
  /**
   * Alert, and ask the learner to go back to the last good version with a lower learning rate and a
   * larger β (as configured); the learner publishes those weights as a new version, which the
   * generators then serve, and trains on.
   */
  ROLLBACK,
  /**
   * As {@link #ROLLBACK}, and the learner then pauses training and publishing until a person
   * resumes it ({@code POST /control/resume} on the learner); the generators keep serving the last
   * good version.
   */
  FREEZE;

  /** Whether this action asks the learner to roll back. */
  public boolean rollsBack() {
    return this != ALERT;
  }
}
