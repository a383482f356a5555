package prefloop.learner.service;

import java.time.Duration;

/** Another learner holds the model's lease: two learners would publish competing policies. */
public final class LeaseHeldException extends Exception {

  LeaseHeldException(String modelUpdatesTopic, String group, String holder, Duration waited) {
    super(
        "another learner is training the model announced on "
            + modelUpdatesTopic
            + " ("
            + holder
            + ", consumer group "
            + group
            + "); waited "
            + waited.toSeconds()
            + " s for it to go away. Stop that learner first, or start this one with a longer"
            + " --lease-wait to stand by and take over when it dies.");
  }
}
