package prefloop.rater.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptTokenizer;
import prefloop.world.RgbImage;

/**
 * A reward model from any TorchScript file (loaded by DJL's PyTorch engine). Input contract of the
 * scripted module's {@code forward(images, tokens)}:
 *
 * <ul>
 *   <li>{@code images}: float32 [N, 3, H, W], RGB in [0, 1] (channel-major, as {@link RgbImage});
 *   <li>{@code tokens}: int64 [N, L], the prompt's word ids from {@link PromptTokenizer} (L = 12,
 *       PAD = 0, EMPTY = 1, UNK = 2 for words outside the toy-world vocabulary);
 *   <li>returns float32 [N] (or [N, 1]): one score per image, higher is better.
 * </ul>
 *
 * Thread-safe (calls are serialised).
 */
public final class TorchScriptModel implements RewardModel {
  private final String name;
  private final Model model;
  private final PromptTokenizer tokenizer =
      new PromptTokenizer(
          new PromptGrammar(), PromptTokenizer.DEFAULT_MAX_LENGTH, /* mapUnknownToUnk= */ true);

  private TorchScriptModel(String name, Model model) {
    this.name = name;
    this.model = model;
  }

  /** Loads {@code file} (a {@code .pt} TorchScript archive). */
  public static TorchScriptModel load(String name, Path file) {
    return load(name, file, null);
  }

  /** As {@link #load(String, Path)}, on {@code device} (null: the engine's default). */
  public static TorchScriptModel load(String name, Path file, Device device) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "TorchScript reward model " + name + ": no file at " + file.toAbsolutePath());
    }
    Model model = Model.newInstance(name, device, "PyTorch");
    try {
      String fileName = file.getFileName().toString();
      String base =
          fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
      model.load(file.toAbsolutePath().getParent(), base);
      return new TorchScriptModel(name, model);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new IllegalArgumentException(
          "cannot load TorchScript reward model " + name + " from " + file + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized double[] score(List<String> prompts, List<RgbImage> images) {
    RewardModel.checkBatch(prompts, images);
    if (images.isEmpty()) {
      return new double[0];
    }
    try (NDManager scope = model.getNDManager().newSubManager()) {
      NDArray x = imageTensor(scope, images);
      long[] ids = new long[prompts.size() * tokenizer.maxLength()];
      for (int i = 0; i < prompts.size(); i++) {
        int[] tokens = tokenizer.encode(prompts.get(i));
        for (int j = 0; j < tokens.length; j++) {
          ids[i * tokenizer.maxLength() + j] = tokens[j];
        }
      }
      NDArray t = scope.create(ids, new Shape(prompts.size(), tokenizer.maxLength()));
      NDArray out =
          model
              .getBlock()
              .forward(new ParameterStore(scope, false), new NDList(x, t), false)
              .singletonOrThrow();
      float[] values = out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
      if (values.length != images.size()) {
        throw new RewardModelException(
            "TorchScript model "
                + name
                + " returned "
                + values.length
                + " values for "
                + images.size()
                + " images; the contract is float[N]");
      }
      double[] scores = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        scores[i] = values[i];
      }
      return scores;
    } catch (RewardModelException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RewardModelException("TorchScript model " + name + " failed: " + e.getMessage(), e);
    }
  }

  private static NDArray imageTensor(NDManager scope, List<RgbImage> images) {
    RgbImage first = images.get(0);
    int plane = 3 * first.width() * first.height();
    float[] flat = new float[images.size() * plane];
    for (int i = 0; i < images.size(); i++) {
      RgbImage image = images.get(i);
      if (image.width() != first.width() || image.height() != first.height()) {
        throw new RewardModelException("a TorchScript batch needs images of one size");
      }
      System.arraycopy(image.data(), 0, flat, i * plane, plane);
    }
    return scope.create(flat, new Shape(images.size(), 3, first.height(), first.width()));
  }

  @Override
  public void close() {
    model.close();
  }
}
