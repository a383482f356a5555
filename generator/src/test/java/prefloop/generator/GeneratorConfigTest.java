package prefloop.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

  @Test
  void defaultsAreValidAndDescribeDdimPairs() {
    GeneratorConfig config = GeneratorConfig.defaults("127.0.0.1:9092", "/models/base");

    assertThat(config.sampling().mode()).isEqualTo(GenerationMode.DPO_PAIR);
    assertThat(config.sampling().samplerSettings().steps()).isEqualTo(20);
    assertThat(config.sampling().samplerSettings().eta()).isZero();
  }

  @Test
  void dpoPairsMustBeDeterministic() {
    assertThatThrownBy(() -> new SamplingConfig(20, 0.5, 2, GenerationMode.DPO_PAIR, 2, 4, 1024, 1))
        .hasMessageContaining("sampling.eta = 0.5")
        .hasMessageContaining("DPO_PAIR");
  }

  @Test
  void trajectoriesNeedPositiveEta() {
    assertThatThrownBy(() -> SamplingConfig.defaults().withTrajectory(0))
        .hasMessageContaining("(0, 10]");
  }

  @Test
  void groupsOfTwoToSixteenImagesAreAcceptedForDpoPairs() {
    assertThat(SamplingConfig.defaults().groupSize()).isEqualTo(2);
    assertThat(SamplingConfig.defaults().withGroupSize(4).groupSize()).isEqualTo(4);
    assertThat(SamplingConfig.defaults().withGroupSize(16).groupSize()).isEqualTo(16);
  }

  @Test
  void groupSizesOutsideTwoToSixteenAreRefusedWithTheRange() {
    assertThatThrownBy(() -> SamplingConfig.defaults().withGroupSize(1))
        .hasMessageContaining("sampling.groupSize = 1 must be in [2, 16]");
    assertThatThrownBy(() -> SamplingConfig.defaults().withGroupSize(17))
        .hasMessageContaining("sampling.groupSize = 17 must be in [2, 16]");
  }

  @Test
  void trajectoryModeRefusesGroupsWithTheReason() {
    assertThatThrownBy(
            () -> new SamplingConfig(20, 1.0, 2, GenerationMode.TRAJECTORY, 4, 4, 1024, 1))
        .hasMessageContaining("sampling.groupSize = 4")
        .hasMessageContaining("TRAJECTORY")
        .hasMessageContaining("DPO_PAIR");
  }

  @Test
  void switchingAGroupConfigurationToTrajectoriesGoesBackToPairs() {
    SamplingConfig trajectories = SamplingConfig.defaults().withGroupSize(4).withTrajectory(1.0);

    assertThat(trajectories.mode()).isEqualTo(GenerationMode.TRAJECTORY);
    assertThat(trajectories.groupSize()).isEqualTo(2);
  }

  @Test
  void batchSizeAndPortsAreRangeChecked() {
    assertThatThrownBy(() -> SamplingConfig.defaults().withBatchSize(0))
        .hasMessageContaining("sampling.batchSize = 0 must be in [1, 256]");
    GeneratorConfig ok = GeneratorConfig.defaults("k:1", "base");
    assertThatThrownBy(
            () ->
                new GeneratorConfig(
                    ok.bootstrapServers(),
                    ok.topicPrefix(),
                    ok.baseCheckpoint(),
                    0,
                    ok.sampling(),
                    ok.prompts(),
                    ok.backpressure(),
                    ok.sampleFrom(),
                    70000,
                    ok.advertisedHost(),
                    null,
                    ok.consumerGroup(),
                    0,
                    prefloop.diffusion.model.DeviceChoice.AUTO,
                    "127.0.0.1"))
        .hasMessageContaining("httpPort = 70000");
  }

  @Test
  void promptWeightsMustLeaveASource() {
    assertThatThrownBy(() -> new PromptMix(0, 0, 0, 0, null, 10))
        .hasMessageContaining("at least one source");
    assertThatThrownBy(() -> new PromptMix(1, 0, 2, 0, null, 10))
        .hasMessageContaining("prompts.file");
    assertThatThrownBy(() -> new PromptMix(-1, 0, 0, 1, null, 10))
        .hasMessageContaining("prompts.builtinWeight = -1.0");
  }

  @Test
  void backpressureBoundsAreChecked() {
    assertThatThrownBy(() -> BackpressureConfig.defaults().withMaxBacklog(-1))
        .hasMessageContaining("backpressure.maxBacklog = -1");
    assertThatThrownBy(() -> BackpressureConfig.defaults().withPollInterval(Duration.ofMillis(1)))
        .hasMessageContaining("pollInterval");
  }
}
