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

    Optional<MergeEvent> event = updater.afterStep(1, policy, reference, init, () -> 1e-9);

    assertThat(event).hasValueSatisfying(e -> assertThat(e.referenceChanged()).isFalse());
    assertThat(event.get().drift()).isEqualTo(1e-9);
    assertThat(TinyPairs.flat(reference)).containsExactly(before);
  }

  @Test
  void guardFreezesWhenDriftExceedsDeltaAndResumesOnlyBelowHalfOfIt() {
    ReferenceUpdater updater =
        new ReferenceUpdater(new ReferenceUpdateConfig(1.0, 2, 1.0, GuardAction.FREEZE, true, 4));
    Iterator<Double> drifts = List.of(1.0, 1.5, 0.8, 0.4).iterator();
    List<MergeEvent> events = new ArrayList<>();
    List<float[]> referenceAfter = new ArrayList<>();
    for (long step = 1; step <= 8; step++) {
      updater
          .afterStep(step, policy, reference, init, drifts::next)
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
    // D = δ exactly is not "exceeds": step 2 merges; once frozen, 0.8 ≤ δ is not low enough
    assertThat(events).extracting(MergeEvent::frozen).containsExactly(false, true, true, false);
    assertThat(events).extracting(MergeEvent::alpha).containsExactly(1.0, 0.0, 0.0, 1.0);
    assertThat(referenceAfter.get(1)).containsExactly(referenceAfter.get(0));
    assertThat(referenceAfter.get(2)).containsExactly(referenceAfter.get(0));
    assertThat(referenceAfter.get(3)).containsExactly(TinyPairs.flat(policy), within(0f));
    assertThat(referenceAfter.get(2)).isNotEqualTo(referenceAfter.get(3));
  }

  @Test
  void reinitRestoresTheInitialWeightsExactly() {
    ReferenceUpdater updater =
        new ReferenceUpdater(new ReferenceUpdateConfig(0.5, 1, 0.1, GuardAction.REINIT, true, 4));
    updater.afterStep(1, policy, reference, init, () -> 0.05);
    assertThat(TinyPairs.flat(reference)).isNotEqualTo(TinyPairs.flat(init));

    Optional<MergeEvent> event = updater.afterStep(2, policy, reference, init, () -> 0.2);

    assertThat(event.get().reinitialised()).isTrue();
    assertThat(event.get().frozen()).isFalse();
    assertThat(TinyPairs.flat(reference)).containsExactly(TinyPairs.flat(init));
  }

  @Test
  void disabledGuardMergesWhateverTheDrift() {
    ReferenceUpdater updater =
        new ReferenceUpdater(new ReferenceUpdateConfig(1.0, 1, 0.1, GuardAction.FREEZE, false, 4));

    MergeEvent event = updater.afterStep(1, policy, reference, init, () -> 99).orElseThrow();

    assertThat(event.frozen()).isFalse();
    assertThat(event.drift()).isEqualTo(99);
    assertThat(TinyPairs.flat(reference)).containsExactly(TinyPairs.flat(policy), within(0f));
  }
}
