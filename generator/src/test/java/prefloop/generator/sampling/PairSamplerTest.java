package prefloop.generator.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplingResult;
import prefloop.generator.SamplingConfig;
import prefloop.generator.prompt.PromptCandidate;
import prefloop.generator.prompt.PromptOrigin;
import prefloop.schemas.avro.ModelRole;

class PairSamplerTest {
  private static final String RED = "a small red circle on a blue background, top left";
  private static final String GREEN = "a large green square on a white background, centre";
  private static ServingModel serving;

  @BeforeAll
  static void model() {
    serving =
        new ServingModel(
            3, ModelRole.POLICY, "test", ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 11));
  }

  @AfterAll
  static void close() {
    serving.close();
  }

  private static List<PromptCandidate> prompts() {
    return List.of(
        PromptCandidate.chosen(RED, PromptOrigin.BUILTIN),
        PromptCandidate.chosen(GREEN, PromptOrigin.BUILTIN));
  }

  @Test
  void dpoPairsAreTheDiffusionSamplersImagesOfEachSeed() {
    SamplingConfig config = SamplingConfig.defaults().withSteps(4);
    long[] seeds = {1, 2, 3, 4};

    List<SampledPair> pairs = sample(config, seeds);
    SamplingResult alone = sampleAlone(GREEN, 4, config);

    assertThat(pairs).hasSize(2);
    assertThat(pairs.get(1).prompt().text()).isEqualTo(GREEN);
    assertThat(pairs.get(1).seeds()).containsExactly(3, 4);
    assertThat(pairs.get(1).images().get(1).meanAbsDifference(alone.images().get(0)))
        .isLessThan(1e-5);
    assertThat(pairs.get(0).images().get(0).meanAbsDifference(pairs.get(0).images().get(1)))
        .isGreaterThan(0.01);
    assertThat(pairs.get(0).trajectory()).isNull();
    assertThat(pairs.get(0).sharedStart()).isFalse();
  }

  @Test
  void groupsHoldKImagesOfKIndependentSeedsPerPrompt() {
    SamplingConfig config = SamplingConfig.defaults().withSteps(3).withGroupSize(4);
    long[] seeds = {1, 2, 3, 4, 5, 6, 7, 8};

    List<SampledPair> groups = sample(config, seeds);
    SamplingResult alone = sampleAlone(GREEN, 7, config);

    assertThat(groups).hasSize(2);
    assertThat(groups.get(1).prompt().text()).isEqualTo(GREEN);
    assertThat(groups.get(0).seeds()).containsExactly(1, 2, 3, 4);
    assertThat(groups.get(1).seeds()).containsExactly(5, 6, 7, 8);
    assertThat(groups.get(1).images()).hasSize(4);
    assertThat(groups.get(1).images().get(2).meanAbsDifference(alone.images().get(0)))
        .isLessThan(1e-5);
    assertThat(groups.get(0).images().get(0).meanAbsDifference(groups.get(0).images().get(3)))
        .isGreaterThan(0.01);
  }

  @Test
  void aGroupNeedsKSeedsPerPrompt() {
    assertThatThrownBy(
            () -> sample(SamplingConfig.defaults().withGroupSize(3), new long[] {1, 2, 3, 4}))
        .hasMessageContaining("3 seeds per prompt");
  }

  @Test
  void passesOnTwoThreadsGiveTheImagesOfOne() {
    SamplingConfig config = SamplingConfig.defaults().withSteps(3).withGroupSize(4);
    long[] seeds = {1, 2, 3, 4, 5, 6, 7, 8};

    List<SampledPair> one = sample(config.withPassThreads(1), seeds);
    List<SampledPair> two = sample(config.withPassThreads(2), seeds);

    for (int k = 0; k < 2; k++) {
      for (int i = 0; i < 4; i++) {
        assertThat(two.get(k).images().get(i).data())
            .containsExactly(one.get(k).images().get(i).data());
      }
    }
  }

  private static List<SampledPair> sample(SamplingConfig config, long[] seeds) {
    try (PairSampler sampler = new PairSampler(config)) {
      return sampler.sample(serving, prompts(), seeds);
    }
  }

  /** What the diffusion module's sampler draws for {@code prompt} and {@code seed} alone. */
  private static SamplingResult sampleAlone(String prompt, long seed, SamplingConfig config) {
    return serving
        .sampler()
        .sample(SampleRequest.of(List.of(prompt), new long[] {seed}, config.samplerSettings()));
  }

  @Test
  void trajectoryPairsShareXtAndFollowTheDiffusionNoiseConvention() {
    SamplingConfig config = SamplingConfig.defaults().withSteps(4).withTrajectory(1.0);
    long[] seeds = {21, 22, 23, 24};

    List<SampledPair> pairs = sample(config, seeds);
    SamplingResult imageA =
        serving
            .sampler()
            .sample(
                new SampleRequest(List.of(RED), new long[] {21}, config.samplerSettings(), true));

    TrajectoryData trajectory = pairs.get(0).trajectory();
    assertThat(pairs.get(0).sharedStart()).isTrue();
    assertThat(trajectory.frames()).isEqualTo(5);
    assertThat(trajectory.latents()[0][0]).containsExactly(trajectory.latents()[1][0]);
    assertThat(trajectory.latents()[0][4]).isNotEqualTo(trajectory.latents()[1][4]);
    assertThat(trajectory.logProbs()[0]).hasSize(4);
    // Image A is exactly what the diffusion module's sampler draws for seed 21.
    float[] expected = imageA.trajectories()[0][4];
    float[] actual = trajectory.latents()[0][4];
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
    }
    assertThat(trajectory.logProbs()[0][0])
        .isCloseTo(imageA.logProbs()[0][0], org.assertj.core.data.Offset.offset(1e-4f));
    assertThat(trajectory.timesteps()).containsExactly(imageA.timesteps());
  }
}
