package prefloop.app.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.evaluation.RewardPanel;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.model.RewardModels;
import prefloop.world.RgbImage;

/**
 * Scores the sample grid's images with every model of the evaluation's {@link RewardPanel}
 * (training and held out) and the rater's own models (as training models), for the learning curve
 * and the sentinel. The panel is loaded on first use, on the worker that rendered the grid, never
 * on the event loop. When the reward checkpoints are missing or do not load, it logs one WARN and
 * scores nothing from then on: the dashboard runs without a curve. Scoring and closing are
 * synchronized, so {@link #close()} waits for a scoring in progress; {@link #problem()} never waits
 * (the event loop reads it).
 */
final class GridScorer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GridScorer.class);

  /**
   * Every image's score under every model, keyed by model name in panel order.
   *
   * @param byModel per model, one score per image
   * @param heldOut the models never used to label training pairs
   */
  record GridScores(Map<String, double[]> byModel, Set<String> heldOut) {
    GridScores {
      byModel = Collections.unmodifiableMap(new LinkedHashMap<>(byModel));
      heldOut = Set.copyOf(heldOut);
    }
  }

  private static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(30);

  private final Path rewardDir;
  private final List<ModelSpec> raterModels;
  private RewardPanel panel;
  private volatile String problem;
  private boolean closed;

  /**
   * @param rewardDir the reward checkpoints ({@code fidelity/}, {@code fidelity-heldout/}); null
   *     for no scoring
   * @param raterModels the rater's models (their locations resolve against {@code rewardDir})
   */
  GridScorer(Path rewardDir, List<ModelSpec> raterModels) {
    this.rewardDir = rewardDir;
    this.raterModels = List.copyOf(raterModels);
    if (rewardDir == null) {
      problem = "no reward directory configured";
    }
  }

  /**
   * The scores of {@code images} (sampled for {@code prompts}, in the same order), or empty when
   * the reward models are unavailable or this scorer is closed.
   *
   * @throws RuntimeException when a loaded model fails on these images
   */
  synchronized Optional<GridScores> score(List<String> prompts, List<RgbImage> images) {
    if (closed || !loaded()) {
      return Optional.empty();
    }
    Set<String> heldOut =
        panel.names().stream().filter(panel::heldOut).collect(Collectors.toUnmodifiableSet());
    return Optional.of(new GridScores(panel.score(prompts, images), heldOut));
  }

  /** Why there is no learning curve, or null while there is (or may be) one. */
  String problem() {
    return problem;
  }

  private boolean loaded() {
    if (panel != null) {
      return true;
    }
    if (problem != null) {
      return false;
    }
    try {
      RewardPanel evaluation = RewardPanel.load(rewardDir);
      // the default rater's fidelity and aesthetic are the panel's own: not loaded twice
      panel =
          evaluation.withTraining(
              raterModels.stream()
                  .filter(spec -> !evaluation.names().contains(spec.name()))
                  .map(spec -> RewardModels.create(spec, rewardDir, REMOTE_TIMEOUT))
                  .toList());
      log.info("learning curve: scoring grids with {} from {}", panel.names(), rewardDir);
      return true;
    } catch (RuntimeException e) {
      problem = "reward models not loaded from " + rewardDir + ": " + e.getMessage();
      log.warn("no win-rate learning curve on the dashboard: {}", problem);
      return false;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (panel != null) {
      panel.close();
      panel = null;
    }
  }
}
