package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.broker.TestMessages;
import prefloop.learner.core.GroupAdvantage;
import prefloop.learner.core.TrajectoryPair;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.SamplerKind;
import prefloop.schemas.avro.SamplerSettings;
import prefloop.schemas.avro.ScoredGroup;
import prefloop.schemas.avro.Trajectory;

/**
 * The learner takes t_prev and clipping from the trajectory as the sampler recorded them. With S =
 * 30 of T = 1000 (trailing), the sampler visits 999, 966, 932 and steps to t − ⌊T/S⌋ = 966, 933,
 * 899: the next visited timestep (932 after 966) is not what it used, so the learner's D3PO density
 * differed from the sampler's whenever S did not divide T.
 */
class TrajectoryConverterTest {

  @Test
  void previousTimestepsAndClippingComeFromTheTrajectory() {
    Trajectory trajectory =
        trajectory(List.of(999, 966, 932), List.of(966, 933, 899), Boolean.FALSE);

    TrajectoryPair pair = TrajectoryConverter.convert(preference(trajectory), true).orElseThrow();

    assertThat(pair.previousTimesteps()).containsExactly(966, 933, 899);
    assertThat(pair.clipSample()).isFalse();
  }

  @Test
  void pairsFromOlderGeneratorsFallBackToTheNextVisitedTimestepAndClipping() {
    Trajectory trajectory = trajectory(List.of(999, 966, 932), List.of(), null);

    TrajectoryPair pair = TrajectoryConverter.convert(preference(trajectory), true).orElseThrow();

    assertThat(pair.previousTimesteps()).containsExactly(966, 932, -1);
    assertThat(pair.clipSample()).isTrue();
  }

  /** DPOK's importance ratio needs each image's sampling log-probabilities, winner first. */
  @Test
  void samplingLogProbabilitiesFollowTheirImagesIntoWinnerAndLoser() {
    Trajectory trajectory = trajectory(List.of(999, 966, 932), List.of(), null);
    trajectory.setLogProbs(List.of(List.of(-1.0, -2.0, -3.0), List.of(-4.0, -5.0, -6.0)));

    TrajectoryPair aWins = TrajectoryConverter.convert(preference(trajectory), true).orElseThrow();
    TrajectoryPair bWins = TrajectoryConverter.convert(preference(trajectory), false).orElseThrow();

    assertThat(aWins.hasSamplingLogProbs()).isTrue();
    assertThat(aWins.winnerLogProbs()).containsExactly(-1.0, -2.0, -3.0);
    assertThat(aWins.loserLogProbs()).containsExactly(-4.0, -5.0, -6.0);
    assertThat(bWins.winnerLogProbs()).containsExactly(-4.0, -5.0, -6.0);
  }

  /**
   * DPOK's advantages come from the rater's rewards of the pair's group, whichever image won the
   * label: rewards 2.0, 0.5, 0.2 (mean 0.9) with A = image 2 and B = image 0.
   */
  @Test
  void advantagesComeFromTheGroupsRewardsAroundTheirMean() {
    Preference preference = preference(trajectory(List.of(999, 966, 932), List.of(), null));
    preference.setGroup(new ScoredGroup(List.of(2.0, 0.5, 0.2), 2, 0));

    TrajectoryPair aWins = TrajectoryConverter.convert(preference, true).orElseThrow();
    TrajectoryPair bWins = TrajectoryConverter.convert(preference, false).orElseThrow();

    assertThat(aWins.advantage().winner()).isCloseTo(-0.7, within(1e-12));
    assertThat(aWins.advantage().loser()).isCloseTo(1.1, within(1e-12));
    assertThat(bWins.advantage().winner()).isCloseTo(1.1, within(1e-12));
  }

  @Test
  void withoutRewardsTheLabelIsTheReward() {
    Preference preference = preference(trajectory(List.of(999, 966, 932), List.of(), null));

    TrajectoryPair pair = TrajectoryConverter.convert(preference, false).orElseThrow();

    assertThat(pair.advantage()).isEqualTo(GroupAdvantage.FROM_LABEL);
  }

  @Test
  void rewardsThatDoNotNameTheJudgedImagesAreRefusedWithTheReason() {
    Preference preference = preference(trajectory(List.of(999, 966, 932), List.of(), null));
    preference.setGroup(new ScoredGroup(List.of(2.0, 0.5), 0, 2));

    assertThatThrownBy(() -> TrajectoryConverter.convert(preference, true))
        .isInstanceOf(InvalidPreferenceException.class)
        .hasMessageContaining("group rewards")
        .hasMessageContaining("0 and 2");
  }

  private static Trajectory trajectory(
      List<Integer> timesteps, List<Integer> previous, Boolean clipped) {
    int frames = timesteps.size() + 1;
    ByteBuffer latents =
        ByteBuffer.allocate(2 * frames * 2 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 2 * frames * 2; i++) {
      latents.putFloat(i * 0.01f);
    }
    latents.flip();
    return Trajectory.newBuilder()
        .setLatents(latents)
        .setShape(List.of(2, frames, 1, 1, 2))
        .setTimesteps(timesteps)
        .setLogProbs(List.of())
        .setPreviousTimesteps(previous)
        .setClipSample(clipped)
        .setSpacing(clipped == null ? null : "TRAILING")
        .build();
  }

  private static Preference preference(Trajectory trajectory) {
    Preference preference = TestMessages.preference("p", PreferenceLabel.A, 0, 8);
    preference.setTrajectory(trajectory);
    preference.setSampler(
        SamplerSettings.newBuilder()
            .setSteps(3)
            .setEta(1.0)
            .setGuidance(2.0)
            .setScheduler(SamplerKind.DDIM)
            .build());
    return preference;
  }
}
