package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import prefloop.rater.model.ModelSpec;
import prefloop.world.RgbImage;

/** Without reward checkpoints the dashboard runs on: one WARN, no scores, the reason shown. */
class GridScorerTest {

  @Test
  void missingRewardCheckpointsGiveOneWarningAndNoScores(@TempDir Path dir) {
    Logger logger = (Logger) LoggerFactory.getLogger(GridScorer.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    List<String> prompts = List.of(GridSpec.heldOut(1, 1, 1).prompts().get(0));
    List<RgbImage> images = List.of(new RgbImage(32, 32, new float[3 * 32 * 32]));
    try (GridScorer scorer = new GridScorer(dir.resolve("absent"), List.of())) {

      assertThat(scorer.score(prompts, images)).isEmpty();
      assertThat(scorer.score(prompts, images)).isEmpty();

      assertThat(scorer.problem()).contains(dir.resolve("absent").toString());
    } finally {
      logger.detachAppender(logged);
    }
    assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
  }

  @Test
  void theRatersOwnModelsScoreTheGridAsTrainingModels() {
    List<String> prompts = List.of(GridSpec.heldOut(1, 1, 1).prompts().get(0));
    float[] white = new float[3 * 32 * 32];
    java.util.Arrays.fill(white, 1f);
    List<RgbImage> images = List.of(new RgbImage(32, 32, white));
    List<ModelSpec> rater =
        List.of(
            ModelSpec.parse("fidelity:fidelity:1:1:fidelity"),
            ModelSpec.parse("bright:brightness:1:0.02"));
    try (GridScorer scorer = new GridScorer(Path.of("../models/reward"), rater)) {

      GridScorer.GridScores scores = scorer.score(prompts, images).orElseThrow();

      assertThat(scores.byModel().keySet())
          .containsExactly(
              "fidelity",
              "aesthetic",
              "fidelity-heldout",
              "aesthetic-heldout",
              "attributes",
              "bright");
      assertThat(scores.byModel().get("bright")[0]).isEqualTo(1.0, within(1e-6));
      assertThat(scores.heldOut()).doesNotContain("bright");
    }
  }
}
