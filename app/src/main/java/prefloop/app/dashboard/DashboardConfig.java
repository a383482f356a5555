package prefloop.app.dashboard;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import prefloop.app.sentinel.SentinelConfig;
import prefloop.rater.model.ModelSpec;

/**
 * Configuration of the dashboard.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param topicPrefix prefix of our topic names
 * @param host interface the HTTP server binds to
 * @param port HTTP port in [0, 65535]; 0 picks a free one
 * @param baseCheckpoint checkpoint directory (or URL) of the base model, whose grid is shown as
 *     version 0 at start; null for none
 * @param gridPrompts held-out prompts per grid (columns), in [1, 32]; default 8
 * @param gridSeeds seeds per prompt (rows), in [1, 16]; default 4 (8 × 4 = 32 images per version,
 *     which the learning curve's win rates are computed on)
 * @param gridSteps DDIM steps of the grid sampler, in [1, 1000]
 * @param gridVersionsKept grids kept in memory (the latest ones), in [1, 100]
 * @param gridMinInterval least time between the starts of two grid renders (a grid of the default
 *     model costs tens of CPU seconds), in [0, 1 h]
 * @param historyLimit points kept per chart series, in [10, 100000]
 * @param pushInterval how often the state is pushed to browsers, in [50 ms, 60 s]
 * @param driftDelta the drift threshold δ drawn on the drift chart until the learner reports its
 *     own ({@code extra["drift_delta"]}), &gt; 0
 * @param heldOutModels reward models shown as held out (besides names containing "heldout")
 * @param rewardDir the evaluation's reward checkpoints ({@code fidelity/}, {@code
 *     fidelity-heldout/}) that score the grids for the win-rate learning curve; null for no curve
 * @param learnerUrl the learner's HTTP base URL, where the sentinel sends rollbacks; null: the
 *     sentinel only alerts
 * @param raterUrl the rater's HTTP base URL, whose page API reports how far the people rating pairs
 *     agree ({@code /api/stats}); null: no people panel
 * @param sentinel when the reward-hacking sentinel raises an alarm and what it does
 * @param raterModels the rater's models, which score the grids as training models next to the
 *     evaluation's panel (so the sentinel sees the reward the policy is trained on); empty: under
 *     {@code up}, the running rater's models; standalone, the panel's own fidelity and aesthetic
 *     stand for them
 * @param gridDir where every rendered grid is also written, as {@code v<version>.png}, so a run's
 *     pictures outlive it (about 120 KB a grid, one a minute at most); null: kept in memory only
 */
@RecordBuilder
public record DashboardConfig(
    String bootstrapServers,
    String topicPrefix,
    String host,
    int port,
    String baseCheckpoint,
    int gridPrompts,
    int gridSeeds,
    int gridSteps,
    int gridVersionsKept,
    Duration gridMinInterval,
    int historyLimit,
    Duration pushInterval,
    double driftDelta,
    Set<String> heldOutModels,
    Path rewardDir,
    String learnerUrl,
    String raterUrl,
    SentinelConfig sentinel,
    List<ModelSpec> raterModels,
    Path gridDir)
    implements DashboardConfigBuilder.With {

  public DashboardConfig {
    require(
        bootstrapServers != null && !bootstrapServers.isBlank(),
        "bootstrapServers",
        bootstrapServers,
        "host:port[,host:port...]");
    Objects.requireNonNull(topicPrefix, "DashboardConfig.topicPrefix");
    require(host != null && !host.isBlank(), "host", host, "an interface name or address");
    require(port >= 0 && port <= 65535, "port", port, "in [0, 65535]");
    require(gridPrompts >= 1 && gridPrompts <= 32, "gridPrompts", gridPrompts, "in [1, 32]");
    require(gridSeeds >= 1 && gridSeeds <= 16, "gridSeeds", gridSeeds, "in [1, 16]");
    require(gridSteps >= 1 && gridSteps <= 1000, "gridSteps", gridSteps, "in [1, 1000]");
    require(
        gridVersionsKept >= 1 && gridVersionsKept <= 100,
        "gridVersionsKept",
        gridVersionsKept,
        "in [1, 100]");
    require(
        gridMinInterval != null
            && !gridMinInterval.isNegative()
            && gridMinInterval.compareTo(Duration.ofHours(1)) <= 0,
        "gridMinInterval",
        gridMinInterval,
        "in [0, 1 h]");
    require(
        historyLimit >= 10 && historyLimit <= 100_000,
        "historyLimit",
        historyLimit,
        "in [10, 100000]");
    require(
        pushInterval != null
            && pushInterval.toMillis() >= 50
            && pushInterval.compareTo(Duration.ofSeconds(60)) <= 0,
        "pushInterval",
        pushInterval,
        "in [50 ms, 60 s]");
    require(driftDelta > 0 && Double.isFinite(driftDelta), "driftDelta", driftDelta, "> 0");
    heldOutModels = heldOutModels == null ? Set.of() : Set.copyOf(heldOutModels);
    sentinel = sentinel == null ? SentinelConfig.off() : sentinel;
    raterModels = raterModels == null ? List.of() : List.copyOf(raterModels);
  }

  /**
   * Defaults for {@code bootstrapServers}: prefix "prefloop.", 127.0.0.1:8090, no base grid, 8
   * prompts × 4 seeds, 10 DDIM steps, 5 grids at least 60 s apart, 2000 points, pushes every 500
   * ms, δ = 0.005, reward models from {@code models/reward}, no learner or rater URL, the
   * sentinel's defaults (it alerts; it rolls back once a learner URL is set), grids not written.
   */
  public static DashboardConfig defaults(String bootstrapServers) {
    return new DashboardConfig(
        bootstrapServers,
        "prefloop.",
        "127.0.0.1",
        8090,
        null,
        8,
        4,
        10,
        5,
        Duration.ofSeconds(60),
        2000,
        Duration.ofMillis(500),
        0.005,
        Set.of(),
        Path.of("models/reward"),
        null,
        null,
        SentinelConfig.defaults(),
        List.of(),
        null);
  }

  /** The base checkpoint, when one is configured. */
  public Optional<String> base() {
    return Optional.ofNullable(baseCheckpoint).filter(s -> !s.isBlank());
  }

  /** Same config with a base checkpoint directory. */
  public DashboardConfig withBaseCheckpoint(Path directory) {
    return withBaseCheckpoint(directory.toString());
  }

  /** Whether reward model {@code name} is a held-out scorer (never used for labels). */
  public boolean isHeldOut(String name) {
    String folded = name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
    return heldOutModels.contains(name) || folded.contains("heldout");
  }

  private static void require(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "DashboardConfig." + key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
