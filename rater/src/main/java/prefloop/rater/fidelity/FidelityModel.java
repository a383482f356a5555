package prefloop.rater.fidelity;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.rater.model.RewardModel;
import prefloop.rater.model.RewardModelException;
import prefloop.world.Prompt;
import prefloop.world.PromptException;
import prefloop.world.PromptGrammar;
import prefloop.world.RgbImage;

/**
 * The prompt-fidelity reward (our CLIP-score analogue): a CNN with one softmax head per prompt
 * attribute. The score of (prompt c, image x) is the mean log-probability of c's attributes or,
 * with {@link FidelityScore#PROBABILITY}, their mean probability,
 *
 * <pre>  fidelity(c, x) = (1/H) Σ_h log softmax(z_h(x))[c_h]   ∈ (−∞, 0]
 *  fidelity(c, x) = (1/H) Σ_h softmax(z_h(x))[c_h]       ∈ [0, 1]</pre>
 *
 * where z_h are the logits of head h and c_h the class of c's attribute h (colour, shape,
 * background, position, size; H = 5). A checkpoint directory holds {@value #PARAMS} (DJL block
 * parameters) and {@value #MANIFEST} (architecture, seed, accuracy). Thread-safe (calls are
 * serialised).
 */
public final class FidelityModel implements RewardModel {
  public static final String PARAMS = "fidelity.params";
  public static final String MANIFEST = "fidelity.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final FidelityNetConfig config;
  private final FidelityScore scoring;
  private final Model model;
  private final PromptGrammar grammar = new PromptGrammar();

  private FidelityModel(String name, FidelityNetConfig config) {
    this(name, config, null, FidelityScore.LOG_PROBABILITY);
  }

  private FidelityModel(
      String name, FidelityNetConfig config, Device device, FidelityScore scoring) {
    this.name = name;
    this.config = config;
    this.scoring = scoring;
    this.model = Model.newInstance("prefloop-" + name, device, "PyTorch");
    model.setBlock(FidelityNet.build(config));
  }

  /** A net whose parameters a {@code Trainer} initialises (the caller seeds the engine RNG). */
  static FidelityModel uninitialised(String name, FidelityNetConfig config) {
    return new FidelityModel(name, config);
  }

  /** A freshly initialised net (the engine's RNG must be seeded by the caller). */
  public static FidelityModel newInitialised(String name, FidelityNetConfig config) {
    FidelityModel result = new FidelityModel(name, config);
    result
        .block()
        .initialize(result.manager(), DataType.FLOAT32, FidelityNet.inputShape(config, 1));
    return result;
  }

  /**
   * Loads a checkpoint directory written by {@link #save}; the model is named {@code name} and
   * scores by {@link FidelityScore#LOG_PROBABILITY}.
   */
  public static FidelityModel load(String name, Path dir) {
    return load(name, dir, null, FidelityScore.LOG_PROBABILITY);
  }

  /**
   * As {@link #load(String, Path)}, on {@code device} (null: the engine's default), scoring by
   * {@code scoring}.
   */
  public static FidelityModel load(String name, Path dir, Device device, FidelityScore scoring) {
    Path manifest = dir.resolve(MANIFEST);
    Path params = dir.resolve(PARAMS);
    if (!Files.isRegularFile(manifest) || !Files.isRegularFile(params)) {
      throw new IllegalArgumentException(
          "no fidelity checkpoint in "
              + dir.toAbsolutePath()
              + " (expected "
              + MANIFEST
              + " and "
              + PARAMS
              + "; train one with FidelityTrainCommand)");
    }
    try {
      FidelityNetConfig config =
          JSON.treeToValue(
              JSON.readTree(manifest.toFile()).get("architecture"), FidelityNetConfig.class);
      FidelityModel result = new FidelityModel(name, config, device, scoring);
      result
          .block()
          .initialize(result.manager(), DataType.FLOAT32, FidelityNet.inputShape(config, 1));
      try (InputStream in = Files.newInputStream(params)) {
        result.block().loadParameters(result.manager(), new DataInputStream(in));
      }
      return result;
    } catch (IOException | MalformedModelException e) {
      throw new IllegalArgumentException(
          "cannot read fidelity checkpoint " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** Writes the parameters and a manifest with the architecture and {@code provenance}. */
  public void save(Path dir, Map<String, Object> provenance) throws IOException {
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(dir.resolve(PARAMS))) {
      block().saveParameters(new DataOutputStream(out));
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("architecture", config);
    manifest.put("heads", AttributeHeads.NAMES);
    manifest.putAll(provenance);
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(MANIFEST).toFile(), manifest);
  }

  @Override
  public String name() {
    return name;
  }

  public FidelityNetConfig config() {
    return config;
  }

  public Block block() {
    return model.getBlock();
  }

  public NDManager manager() {
    return model.getNDManager();
  }

  public Model djlModel() {
    return model;
  }

  @Override
  public synchronized double[] score(List<String> prompts, List<RgbImage> images) {
    RewardModel.checkBatch(prompts, images);
    List<Prompt> parsed = new ArrayList<>(prompts.size());
    for (String text : prompts) {
      parsed.add(parse(text));
    }
    try (NDManager scope = manager().newSubManager()) {
      NDArray logp = headLogProbabilities(forward(scope, images, false));
      NDArray perHead = scoring == FidelityScore.PROBABILITY ? logp.exp() : logp;
      NDArray mask = targetMasks(scope, parsed);
      float[] sums = perHead.mul(mask).sum(new int[] {1}).toFloatArray();
      double[] scores = new double[sums.length];
      for (int i = 0; i < sums.length; i++) {
        scores[i] = sums[i] / AttributeHeads.count();
      }
      return scores;
    }
  }

  /** The most probable class of each head for each image: {@code [image][head]}. */
  public synchronized int[][] predict(List<RgbImage> images) {
    try (NDManager scope = manager().newSubManager()) {
      NDArray logits = forward(scope, images, false);
      int[][] result = new int[images.size()][AttributeHeads.count()];
      for (int h = 0; h < AttributeHeads.count(); h++) {
        long[] best = head(logits, h).argMax(1).toLongArray();
        for (int i = 0; i < best.length; i++) {
          result[i][h] = (int) best[i];
        }
      }
      return result;
    }
  }

  /** Logits (N, WIDTH) of a batch, created in {@code scope}. */
  NDArray forward(NDManager scope, List<RgbImage> images, boolean training) {
    NDArray x = imageBatch(scope, images, config.imageSize());
    return block()
        .forward(new ParameterStore(scope, false), new NDList(x), training)
        .singletonOrThrow();
  }

  /** Per-head log-softmax, laid out like the logits. */
  static NDArray headLogProbabilities(NDArray logits) {
    NDList heads = new NDList();
    for (int h = 0; h < AttributeHeads.count(); h++) {
      heads.add(head(logits, h).logSoftmax(1));
    }
    return NDArrays.concat(heads, 1);
  }

  static NDArray targetMasks(NDManager scope, List<Prompt> prompts) {
    float[] flat = new float[prompts.size() * AttributeHeads.WIDTH];
    for (int i = 0; i < prompts.size(); i++) {
      float[] mask = AttributeHeads.targetMask(prompts.get(i));
      System.arraycopy(mask, 0, flat, i * AttributeHeads.WIDTH, mask.length);
    }
    return scope.create(flat, new Shape(prompts.size(), AttributeHeads.WIDTH));
  }

  static NDArray imageBatch(NDManager scope, List<RgbImage> images, int side) {
    int plane = 3 * side * side;
    float[] flat = new float[images.size() * plane];
    for (int i = 0; i < images.size(); i++) {
      RgbImage image = images.get(i);
      if (image.width() != side || image.height() != side) {
        throw new RewardModelException(
            "fidelity net takes "
                + side
                + "×"
                + side
                + " images, got "
                + image.width()
                + "×"
                + image.height());
      }
      System.arraycopy(image.data(), 0, flat, i * plane, plane);
    }
    return scope.create(flat, new Shape(images.size(), 3, side, side));
  }

  private static NDArray head(NDArray logits, int h) {
    int from = AttributeHeads.offset(h);
    return logits.get(":, " + from + ":" + (from + AttributeHeads.size(h)));
  }

  private Prompt parse(String text) {
    try {
      return grammar.parse(text);
    } catch (PromptException e) {
      throw new RewardModelException(
          "fidelity scores toy-world prompts only; cannot parse '" + text + "': " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
