package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;

class ReferenceUpdaterTest {

  private DiffusionModel init;
  private DiffusionModel reference;
  private DiffusionModel policy;

  @BeforeEach
  void setUp() {
    init = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 1);
    reference = init.duplicate();
    policy = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 2);
  }

  @AfterEach
  void tearDown() {
    init.close();
    reference.close();
    policy.close();
  }

  @Test
  void mergeMovesEveryParameterByAlphaTowardThePolicy() {
    float[] before = TinyPairs.flat(reference);
    float[] theta = TinyPairs.flat(policy);

    ReferenceUpdater.merge(reference, policy, 0.25);

    float[] after = TinyPairs.flat(reference);
    for (int i = 0; i < after.length; i++) {
      assertThat(after[i]).isCloseTo(0.75f * before[i] + 0.25f * theta[i], within(1e-6f));
    }
    ReferenceUpdater.merge(reference, policy, 1.0);
    assertThat(TinyPairs.flat(reference)).containsExactly(theta, within(0f));
  }

  @Test
  void alphaZeroNeverChangesTheReferenceButStillLogsDrift() {
    ReferenceUpdater updater =
        new ReferenceUpdater(ReferenceUpdateConfig.defaults().withAlpha(0).withTau(1));
    float[] before = TinyPairs.flat(reference);

    Optional<MergeEvent> event =
        updater.afterStep(1, policy, reference, init, (model, other) -> 1e-9);

    assertThat(event).hasValueSatisfying(e -> assertThat(e.referenceChanged()).isFalse());
    assertThat(event.get().drift()).isEqualTo(1e-9);
    assertThat(TinyPairs.flat(reference)).containsExactly(before);
  }

  /**
   * The guard judges the merged candidate, not the reference as it was: a merge that would take D
   * above δ is never committed. (It used to estimate the reference before merging, so the merge
   * that crossed δ always went through; the divergence run ended near 8δ.)
   */
  @Test
  void aMergeWhoseCandidateExceedsDeltaIsNotCommitted() {
    ReferenceUpdater updater =
        new ReferenceUpdater(
            new ReferenceUpdateConfig(1.0, 1, 1.0, GuardAction.FREEZE, true, 4, 4));
    float[] before = TinyPairs.flat(reference);
    // D is 0 for a reference still equal to p_init, 2δ for the candidate (= the policy)
    ModelDivergence drift =
        (model, other) ->
            other != init || java.util.Arrays.equals(TinyPairs.flat(model), before) ? 0.0 : 2.0;

    MergeEvent event = updater.afterStep(1, policy, reference, init, drift).orElseThrow();

    assertThat(event.frozen()).isTrue();
    assertThat(event.drift()).isEqualTo(2.0);
    assertThat(event.referenceChanged()).isFalse();
    assertThat(TinyPairs.flat(reference)).containsExactly(before);
    assertThat(updater.frozen()).isTrue();
  }

  /**
   * The lag is D(p_θ, p_ref) of the reference the policy was trained against, measured before the
   * merge; the drift is D of the merged candidate to p_init.
   */
  @Test
  void theLagIsTheDistanceFromThePolicyToTheReferenceBeforeTheMerge() {
    ReferenceUpdateConfig unguarded =
        ReferenceUpdateConfig.defaults()
            .withAlpha(0.5)
            .withTau(1)
            .withGuard(false, GuardAction.FREEZE);
    ModelDivergence squaredDistance =
        (model, other) -> {
          float[] a = TinyPairs.flat(model);
          float[] b = TinyPairs.flat(other);
          double sum = 0;
          for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
          }
          return sum;
        };
    double policyToInit = squaredDistance.between(policy, init);

    MergeEvent event =
        new ReferenceUpdater(unguarded)
            .afterStep(1, policy, reference, init, squaredDistance)
            .orElseThrow();

    // the reference started at p_init, so the lag is ‖θ − θ_init‖²; half a step toward θ leaves
    // the candidate at a quarter of it from p_init
    assertThat(event.lag()).isCloseTo(policyToInit, within(1e-9 * policyToInit));
    assertThat(event.drift()).isCloseTo(policyToInit / 4, within(1e-4 * policyToInit));
    assertThat(squaredDistance.between(policy, reference))
        .as("the next boundary's lag")
        .isCloseTo(policyToInit / 4, within(1e-4 * policyToInit));
  }

  @Test
  void aFrozenReferenceMergesAgainOnceACandidateFitsUnderDelta() {
    ReferenceUpdater updater =
        new ReferenceUpdater(
            new ReferenceUpdateConfig(1.0, 2, 1.0, GuardAction.FREEZE, true, 4, 4));
    Iterator<Double> drifts = List.of(1.0, 1.5, 1.2, 0.9).iterator();
    List<MergeEvent> events = new ArrayList<>();
    List<float[]> referenceAfter = new ArrayList<>();
    for (long step = 1; step <= 8; step++) {
      updater
          .afterStep(
              step, policy, reference, init, (model, other) -> other == init ? drifts.next() : 0.0)
          .ifPresent(
              e -> {
                events.add(e);
                referenceAfter.add(TinyPairs.flat(reference));
              });
      if (step == 3) {
        // the policy moves on; a frozen reference must not follow it
        ReferenceUpdater.merge(policy, init, 0.5);
      }
    }

    assertThat(events).extracting(MergeEvent::step).containsExactly(2L, 4L, 6L, 8L);
    // D = δ exactly is not "exceeds": step 2 merges; 1.5 and 1.2 freeze; 0.9 merges again
    assertThat(events).extracting(MergeEvent::frozen).containsExactly(false, true, true, false);
    assertThat(events).extracting(MergeEvent::alpha).containsExactly(1.0, 0.0, 0.0, 1.0);
    assertThat(referenceAfter.get(1)).containsExactly(referenceAfter.get(0));
    assertThat(referenceAfter.get(2)).containsExactly(referenceAfter.get(0));
    assertThat(referenceAfter.get(3)).containsExactly(TinyPairs.flat(policy), within(0f));
    assertThat(referenceAfter.get(2)).isNotEqualTo(referenceAfter.get(3));
  }

  /** FREEZE's way back: after recentreAfter frozen boundaries the reference moves toward p_init. */
  @Test
  void aReferenceFrozenForRecentreAfterBoundariesMovesByAlphaTowardTheInitialModel() {
    ReferenceUpdater.merge(reference, policy, 0.5); // a reference away from p_init
    ReferenceUpdater updater =
        new ReferenceUpdater(
            new ReferenceUpdateConfig(0.25, 1, 1.0, GuardAction.FREEZE, true, 4, 3));
    float[] frozenAt = TinyPairs.flat(reference);
    float[] theta0 = TinyPairs.flat(init);

    List<MergeEvent> events = new ArrayList<>();
    for (long step = 1; step <= 3; step++) {
      events.add(
          updater.afterStep(step, policy, reference, init, (model, other) -> 5.0).orElseThrow());
    }

    assertThat(events).extracting(MergeEvent::frozen).containsExactly(true, true, true);
    assertThat(events).extracting(MergeEvent::recentred).containsExactly(false, false, true);
    float[] after = TinyPairs.flat(reference);
    for (int i = 0; i < after.length; i++) {
      assertThat(after[i]).isCloseTo(0.75f * frozenAt[i] + 0.25f * theta0[i], within(1e-6f));
    }
    assertThat(updater.state()).isEqualTo(GuardState.initial());
  }

  @Test
  void theGuardStateSurvivesARestartOfTheUpdater() {
    ReferenceUpdateConfig config =
        new ReferenceUpdateConfig(0.5, 1, 1.0, GuardAction.FREEZE, true, 4, 2);
    ReferenceUpdater first = new ReferenceUpdater(config);
    first.afterStep(1, policy, reference, init, (model, other) -> 5.0);
    ReferenceUpdater restarted = new ReferenceUpdater(config);
    restarted.restore(first.state());

    MergeEvent event =
        restarted.afterStep(2, policy, reference, init, (model, other) -> 5.0).orElseThrow();

    assertThat(first.state()).isEqualTo(new GuardState(1));
    assertThat(event.recentred()).as("the second frozen boundary in a row").isTrue();
  }

  @Test
  void reinitRestoresTheInitialWeightsExactly() {
    ReferenceUpdater updater =
        new ReferenceUpdater(
            new ReferenceUpdateConfig(0.5, 1, 0.1, GuardAction.REINIT, true, 4, 4));
    updater.afterStep(1, policy, reference, init, (model, other) -> 0.05);
    assertThat(TinyPairs.flat(reference)).isNotEqualTo(TinyPairs.flat(init));

    Optional<MergeEvent> event =
        updater.afterStep(2, policy, reference, init, (model, other) -> 0.2);

    assertThat(event.get().reinitialised()).isTrue();
    assertThat(event.get().frozen()).isFalse();
    assertThat(TinyPairs.flat(reference)).containsExactly(TinyPairs.flat(init));
  }

  @Test
  void disabledGuardMergesWhateverTheDrift() {
    ReferenceUpdater updater =
        new ReferenceUpdater(
            new ReferenceUpdateConfig(1.0, 1, 0.1, GuardAction.FREEZE, false, 4, 4));

    MergeEvent event =
        updater.afterStep(1, policy, reference, init, (model, other) -> 99).orElseThrow();

    assertThat(event.frozen()).isFalse();
    assertThat(event.drift()).isEqualTo(99);
    assertThat(TinyPairs.flat(reference)).containsExactly(TinyPairs.flat(policy), within(0f));
  }
}
