package prefloop.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static prefloop.evaluation.ShippedModels.BASE;
import static prefloop.evaluation.ShippedModels.REWARDS;

import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.evaluation.outputs.EvalTables;

/**
 * Same checkpoint and seeds → the same table: the shipped base model, loaded twice (two DJL model
 * instances), sampled on 3 held-out prompts × 2 seeds and scored by the real reward models.
 */
class EvalDeterminismTest {
  @Test
  void sameCheckpointAndSeedsGiveTheSameTable() throws Exception {
    // given
    EvalSettings settings = ShippedModels.quickEval(3, 2).withRewardDir(REWARDS);

    // when
    EvalReport first = evaluate(settings);
    EvalReport second = evaluate(settings);

    // then the tables are identical and a checkpoint ties with its own copy
    assertThat(EvalTables.scores(second)).isEqualTo(EvalTables.scores(first));
    assertThat(EvalTables.winRates(second, "a")).isEqualTo(EvalTables.winRates(first, "a"));
    CheckpointScores copy = first.row("b");
    for (String model : first.models()) {
      assertThat(copy.winRates().get("a").get(model).rate()).isEqualTo(0.5);
      assertThat(copy.meanScores().get(model)).isEqualTo(first.row("a").meanScores().get(model));
    }
    assertThat(first.models())
        .containsExactly(
            "fidelity", "aesthetic", "fidelity-heldout", "aesthetic-heldout", "attributes");
    assertThat(first.heldOut()).hasSize(3);
    assertThat(copy.diversity()).isPositive();
    assertThat(copy.frechet()).isPositive().isFinite();
  }

  @Test
  void theEvaluationSetIsFixedHeldOutPromptsWithDistinctSeeds() {
    EvalSettings settings = EvalSettings.defaults().withSize(5, 3);

    EvalPromptSet one = new EvalPromptSet(settings);
    EvalPromptSet two = new EvalPromptSet(settings);

    assertThat(one.items()).isEqualTo(two.items());
    assertThat(one.items()).hasSize(15);
    assertThat(one.texts().stream().distinct()).hasSize(5);
    assertThat(java.util.Arrays.stream(one.seeds()).distinct()).hasSize(15);
    var split = new prefloop.world.PromptSplit(new prefloop.world.PromptGrammar());
    assertThat(one.items()).allMatch(item -> split.isHeldOut(item.prompt()));
  }

  private static EvalReport evaluate(EvalSettings settings) throws Exception {
    long started = System.nanoTime();
    try (RewardPanel panel = RewardPanel.load(REWARDS);
        LoadedCheckpoint a = new CheckpointLoader().load(BASE);
        LoadedCheckpoint b = new CheckpointLoader().load(BASE)) {
      Evaluator evaluator = new Evaluator(settings, panel);
      List<ModelSamples> samples =
          List.of(
              evaluator.sample("a", "base", a.model()), evaluator.sample("b", "base", b.model()));
      return evaluator.report(samples, List.of("a"), started);
    }
  }
}
