package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LearnerMetersTest {

  @Test
  void theScrapeNamesAndDescribesEveryCounter() {
    LearnerMeters meters = new LearnerMeters("l1", () -> LearnerStatus.starting("l1"));
    meters.step(4, false);
    meters.step(4, true);
    meters.deadLetter();
    meters.rollback();

    assertThat(meters.scrape())
        .contains(
            "# HELP prefloop_learner_steps_total optimiser steps",
            "prefloop_learner_steps_total{learner=\"l1\"} 1.0",
            "prefloop_learner_pairs_trained_total{learner=\"l1\"} 4.0",
            "prefloop_learner_nonfinite_steps_total{learner=\"l1\"} 1.0",
            "# HELP prefloop_learner_dead_letters_total records sent to the dead-letter topic",
            "prefloop_learner_dead_letters_total{learner=\"l1\"} 1.0",
            "prefloop_learner_rollbacks_total{learner=\"l1\"} 1.0",
            "prefloop_learner_policy_version{learner=\"l1\"}");
  }
}
