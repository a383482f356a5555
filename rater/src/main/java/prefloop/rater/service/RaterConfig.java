package prefloop.rater.service;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import prefloop.diffusion.checkpoint.ServiceToken;
import prefloop.diffusion.model.DeviceChoice;
import prefloop.rater.ensemble.EnsembleMode;
import prefloop.rater.ensemble.GroupPairs;
import prefloop.rater.human.HumanPolicy;
import prefloop.rater.model.ModelSpec;

/**
 * Everything the rater service reads at start. Immutable; validated here.
 *
 * @param bootstrapServers Kafka {@code host:port[,host:port]}
 * @param topicPrefix prefix of our topic names (default "prefloop.")
 * @param raterId id written into model preferences (RaterInfo.id), 1-128 chars
 * @param groupId Kafka consumer group of the model rater (the JSON ingress adds "-json-ingress")
 * @param models the ensemble; at least one with weight > 0
 * @param modelDir base directory that relative model locations resolve against
 * @param mode Pareto (the default: a label only where every weighted model agrees;
 *     docs/ALIGNMENT.md section 16) or weighted sum (Bradley–Terry sampled)
 * @param temperature Bradley–Terry T, in (0, 1e6]
 * @param tieMargin |Δ| below which a pair is a tie, ≥ 0
 * @param seed root seed of label sampling and left/right randomisation
 * @param human which pairs reach the rating page
 * @param httpPort port of the page and /health, /metrics, /status; 0 = a free port
 * @param token shared token people must type on the page; empty = none
 * @param labelsPerMinute per-rater rate limit of the page, in [1, 10000]
 * @param undoWindow how long a human label stays undoable before it is published, in [0, 10 min]
 * @param modelTimeout longest a batch of pairs may take to score, in [1 ms, 10 min]
 * @param jsonIngress whether to run the preferences-json → preferences bridge
 * @param groupPairs how many preferences a group of K &gt; 2 images becomes
 * @param device where the DJL reward models run: auto (a GPU when the engine sees one), cpu or gpu
 * @param bindHost the address the page and API listen on: 127.0.0.1 keeps them to this machine,
 *     0.0.0.0 opens them to every interface (people rating from elsewhere, containers); beyond
 *     loopback a token or a tokens file is required
 * @param tokensFile per-rater tokens ({@code prefloop rater tokens add NAME}); null for none
 */
@RecordBuilder
public record RaterConfig(
    String bootstrapServers,
    String topicPrefix,
    String raterId,
    String groupId,
    List<ModelSpec> models,
    Path modelDir,
    EnsembleMode mode,
    double temperature,
    double tieMargin,
    long seed,
    HumanPolicy human,
    int httpPort,
    String token,
    int labelsPerMinute,
    Duration undoWindow,
    Duration modelTimeout,
    boolean jsonIngress,
    GroupPairs groupPairs,
    DeviceChoice device,
    String bindHost,
    Path tokensFile)
    implements RaterConfigBuilder.With {

  /** The default ensemble: fidelity (scale 1 nat) and aesthetic (scale 0.1), equal weights. */
  public static final List<ModelSpec> DEFAULT_MODELS =
      List.of(
          ModelSpec.parse("fidelity:fidelity:1:1:fidelity"),
          ModelSpec.parse("aesthetic:aesthetic:1:0.1"));

  public RaterConfig {
    require(
        bootstrapServers != null && !bootstrapServers.isBlank(),
        "bootstrapServers must be host:port, was empty");
    require(topicPrefix != null, "topicPrefix must be set (default 'prefloop.')");
    require(
        bindHost != null && !bindHost.isBlank(),
        "bindHost must be an address, e.g. 127.0.0.1 (this machine) or 0.0.0.0 (every interface)");
    require(
        ServiceToken.isLoopback(bindHost)
            || (token != null && !token.isEmpty())
            || tokensFile != null,
        "the rating page would listen on "
            + bindHost
            + " without a token, so anyone who can reach it could label pairs: make per-rater"
            + " tokens with `prefloop rater tokens add NAME --file FILE` and pass --tokens-file"
            + " FILE, or set a shared --token, or bind 127.0.0.1");
    require(
        raterId != null && raterId.length() >= 1 && raterId.length() <= 128,
        "raterId must be 1-128 characters");
    require(groupId != null && !groupId.isBlank(), "groupId must not be empty");
    require(
        models != null && models.stream().anyMatch(m -> m.weight() > 0),
        "models must hold at least one model with weight > 0");
    models = List.copyOf(models);
    require(
        models.stream().map(ModelSpec::name).distinct().count() == models.size(),
        "model names must be unique");
    require(modelDir != null, "modelDir must be set (default models/reward)");
    require(mode != null, "mode must be weighted_sum or pareto");
    require(
        temperature > 0 && temperature <= 1e6,
        "temperature must be in (0, 1e6], was " + temperature);
    require(groupPairs != null, "groupPairs must be BEST_WORST or NESTED");
    require(tieMargin >= 0 && tieMargin < 1e6, "tieMargin must be in [0, 1e6), was " + tieMargin);
    require(human != null, "human policy must be set");
    require(
        httpPort >= 0 && httpPort <= 65535,
        "httpPort must be in [0, 65535] (0 = free), was " + httpPort);
    token = token == null ? "" : token;
    require(
        labelsPerMinute >= 1 && labelsPerMinute <= 10_000,
        "labelsPerMinute must be in [1, 10000], was " + labelsPerMinute);
    require(
        undoWindow != null
            && !undoWindow.isNegative()
            && undoWindow.compareTo(Duration.ofMinutes(10)) <= 0,
        "undoWindow must be in [0, 10 min], was " + undoWindow);
    require(
        modelTimeout != null
            && modelTimeout.toMillis() >= 1
            && modelTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
        "modelTimeout must be in [1 ms, 10 min], was " + modelTimeout);
  }

  /**
   * Defaults for a broker at {@code bootstrapServers}: the default ensemble labelling by Pareto
   * dominance, page on port 8082.
   */
  public static RaterConfig defaults(String bootstrapServers) {
    return new RaterConfig(
        bootstrapServers,
        "prefloop.",
        "ensemble-v1",
        "prefloop-rater",
        DEFAULT_MODELS,
        Path.of("models/reward"),
        EnsembleMode.PARETO,
        1.0,
        0.05,
        1L,
        HumanPolicy.defaults(),
        8082,
        "",
        120,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        true,
        GroupPairs.BEST_WORST,
        DeviceChoice.AUTO,
        "127.0.0.1",
        null);
  }

  /** The raters' models and the directory their relative locations resolve against. */
  public RaterConfig withModels(List<ModelSpec> newModels, Path newModelDir) {
    return withModels(newModels).withModelDir(newModelDir);
  }

  /** The HTTP port (0 = a free one) and the page's shared token ("" = none). */
  public RaterConfig withHttp(int port, String newToken) {
    return withHttpPort(port).withToken(newToken);
  }

  /** Which pairs people see, and how long a label stays undoable. */
  public RaterConfig withHuman(HumanPolicy policy, Duration newUndoWindow) {
    return withHuman(policy).withUndoWindow(newUndoWindow);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("rater config: " + message);
    }
  }
}
