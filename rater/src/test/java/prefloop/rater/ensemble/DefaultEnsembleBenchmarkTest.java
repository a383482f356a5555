package prefloop.rater.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.rater.TestPairs;
import prefloop.rater.model.RewardModels;
import prefloop.rater.service.RaterConfig;
import prefloop.world.Degradation;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;

/**
 * Benchmark (prints, never asserts): pairs scored per second by the default ensemble (fidelity +
 * aesthetic), in batches of 16 pairs as the model rater polls them.
 */
class DefaultEnsembleBenchmarkTest {

  @Test
  void printPairsScoredPerSecond() {
    List<Ensemble.PairInput> pairs = new ArrayList<>();
    List<Prompt> prompts = new PromptGrammar().all();
    for (int i = 0; i < 16; i++) {
      String text = prompts.get(i * 311 % prompts.size()).text();
      pairs.add(
          new Ensemble.PairInput(
              text, TestPairs.render(text, i), TestPairs.render(text, i, Degradation.BLUR)));
    }
    List<WeightedModel> members = new ArrayList<>();
    for (var spec : RaterConfig.DEFAULT_MODELS) {
      members.add(
          new WeightedModel(
              RewardModels.create(spec, TestPairs.MODEL_DIR, java.time.Duration.ofSeconds(5)),
              spec.weight(),
              spec.scale()));
    }
    try (Ensemble ensemble = new Ensemble(members, 0.05)) {
      for (int i = 0; i < 5; i++) {
        ensemble.score(pairs);
      }
      int rounds = 30;
      long start = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        ensemble.score(pairs);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "BENCHMARK default ensemble (fidelity + aesthetic): %.0f pairs/s (%d batches of %d pairs in %.2f s)%n",
          rounds * pairs.size() / seconds, rounds, pairs.size(), seconds);
    }
  }
}
