package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;

/**
 * The drift guard's state and the ADAPTIVE statistics survive a restart: saved as JSON with the
 * checkpoint and restored into a fresh trainer, they continue where they were (they used to start
 * afresh, so a restarted guard forgot it was frozen and ADAPTIVE warmed up again).
 */
class TrainerMemoryTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void guardAndBinStatisticsRoundTripThroughJsonIntoAFreshTrainer() throws Exception {
    // τ = 1 and a δ no merge can meet: every boundary freezes
    TrainerConfig config =
        TrainerConfig.defaults()
            .withLearningRate(1e-3)
            .withTimesteps(TimestepStrategyKind.ADAPTIVE)
            .withReference(
                new ReferenceUpdateConfig(1.0, 1, 1e-30, GuardAction.FREEZE, true, 2, 100));
    List<PreferenceExample> pairs = TinyPairs.random(4, UNetConfig.tiny().imageSize(), 3);
    String json;
    TrainerMemory saved;
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 5);
        PreferenceTrainer trainer = new PreferenceTrainer(config, model, manager)) {
      for (int i = 0; i < 3; i++) {
        trainer.step(pairs);
      }
      trainer.scaleLearningRate(0.5);
      trainer.scaleBeta(2);
      trainer.setPaused(true);
      saved = trainer.memory();
      json = new ObjectMapper().writeValueAsString(saved);
    }

    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 5);
        PreferenceTrainer restarted = new PreferenceTrainer(config, model, manager)) {
      restarted.restoreMemory(new ObjectMapper().readValue(json, TrainerMemory.class));
      TrainerMemory restored = restarted.memory();

      assertThat(saved.guard().frozenInARow()).isEqualTo(3);
      assertThat(restored.guard()).isEqualTo(saved.guard());
      assertThat(restarted.referenceFrozen()).isTrue();
      assertThat(restored.bins().count()).containsExactly(saved.bins().count());
      assertThat(restored.bins().count()).contains(0L).matches(c -> sum(c) == 12);
      assertThat(restored.bins().mean()).containsExactly(saved.bins().mean());
      assertThat(restored.bins().variance()).containsExactly(saved.bins().variance());
      assertThat(restored.bins().scale()).containsExactly(saved.bins().scale());
      assertThat(restored.learningRateScale()).isEqualTo(0.5);
      assertThat(restored.betaScale()).isEqualTo(2.0);
      assertThat(restarted.beta()).isEqualTo(config.beta() * 2);
      assertThat(restarted.paused()).isTrue();
    }
  }

  @Test
  void aRestoredBetaScaleTrainsExactlyAsTheTrainerThatWasScaled() throws Exception {
    TrainerConfig config = TrainerConfig.defaults().withLearningRate(1e-3);
    List<PreferenceExample> pairs = TinyPairs.random(4, UNetConfig.tiny().imageSize(), 3);
    double plain;
    double scaled;
    TrainerMemory memory;
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 5);
        PreferenceTrainer one = new PreferenceTrainer(config, model, manager);
        PreferenceTrainer two = new PreferenceTrainer(config, model, manager)) {
      two.scaleBeta(4);
      memory = two.memory();
      // the first step's policy is the reference, whose loss is ln 2 whatever β
      one.step(pairs);
      two.step(pairs);
      plain = one.step(pairs).loss();
      scaled = two.step(pairs).loss();
    }
    double restored;
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 5);
        PreferenceTrainer three = new PreferenceTrainer(config, model, manager)) {
      three.restoreMemory(memory);
      three.step(pairs);
      restored = three.step(pairs).loss();
    }

    assertThat(scaled).isNotEqualTo(plain);
    assertThat(restored).isEqualTo(scaled);
  }

  @Test
  void aManifestWrittenBeforeTheRollbackFactorsKeepsTheConfiguredRateAndBetaUnpaused()
      throws Exception {
    TrainerMemory current;
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 5);
        PreferenceTrainer trainer =
            new PreferenceTrainer(TrainerConfig.defaults(), model, manager)) {
      current = trainer.memory();
    }
    ObjectMapper json = new ObjectMapper();
    var old = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(current);
    old.remove("learningRateScale");
    old.remove("betaScale");
    old.remove("paused");

    TrainerMemory read = json.treeToValue(old, TrainerMemory.class);
    assertThat(read.learningRateScale()).isEqualTo(1.0);
    assertThat(read.betaScale()).isEqualTo(1.0);
    assertThat(read.paused()).isFalse();
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }
}
