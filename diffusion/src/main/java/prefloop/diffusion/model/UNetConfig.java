package prefloop.diffusion.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import prefloop.diffusion.schedule.ScheduleConfig;

/**
 * Architecture of the prompt-conditioned ε-prediction UNet. Everything needed to rebuild the block
 * from a checkpoint manifest lives here.
 *
 * @param imageSize height = width of the square input, divisible by 2^(levels-1)
 * @param imageChannels channels of the image (3 for RGB)
 * @param baseChannels channels at the highest resolution
 * @param channelMultipliers one entry per resolution level; level k has baseChannels·mult[k]
 * @param resBlocksPerLevel residual blocks per level on the down path (up path has one more)
 * @param attention whether the lowest resolution has a self-attention block
 * @param groups GroupNorm groups; every level's channel count must be divisible by it
 * @param conditionDim width of the time+prompt conditioning vector fed to every block
 * @param tokenDim width of each token embedding in the prompt encoder
 * @param vocabSize number of token ids the prompt encoder accepts (≥ the tokenizer's vocabulary)
 * @param maxTokens prompt length L; token tensors are [N, L]
 * @param prediction what the network emits (ε or v); absent in older manifests, which mean EPSILON
 * @param schedule the noise schedule that converts a v output to ε̂ (unused for EPSILON)
 */
@RecordBuilder
public record UNetConfig(
    int imageSize,
    int imageChannels,
    int baseChannels,
    List<Integer> channelMultipliers,
    int resBlocksPerLevel,
    boolean attention,
    int groups,
    int conditionDim,
    int tokenDim,
    int vocabSize,
    int maxTokens,
    Prediction prediction,
    ScheduleConfig schedule)
    implements UNetConfigBuilder.With {

  public UNetConfig {
    prediction = prediction == null ? Prediction.EPSILON : prediction;
    schedule = schedule == null ? ScheduleConfig.defaults() : schedule;
    channelMultipliers = List.copyOf(channelMultipliers);
    require(imageChannels >= 1, "imageChannels", imageChannels, ">= 1");
    require(baseChannels >= 1, "baseChannels", baseChannels, ">= 1");
    require(!channelMultipliers.isEmpty(), "channelMultipliers", channelMultipliers, "non-empty");
    require(resBlocksPerLevel >= 1, "resBlocksPerLevel", resBlocksPerLevel, ">= 1");
    require(groups >= 1, "groups", groups, ">= 1");
    require(conditionDim >= 1, "conditionDim", conditionDim, ">= 1");
    require(tokenDim >= 1, "tokenDim", tokenDim, ">= 1");
    require(vocabSize >= 3, "vocabSize", vocabSize, ">= 3 (PAD, EMPTY, UNK)");
    require(maxTokens >= 1, "maxTokens", maxTokens, ">= 1");
    int downFactor = 1 << (channelMultipliers.size() - 1);
    require(
        imageSize >= downFactor && imageSize % downFactor == 0,
        "imageSize",
        imageSize,
        "a positive multiple of 2^(levels-1) = " + downFactor);
    for (int mult : channelMultipliers) {
      require(mult >= 1, "channelMultipliers", channelMultipliers, "entries >= 1");
      require(
          (baseChannels * mult) % groups == 0,
          "groups",
          groups,
          "a divisor of every level's channels (baseChannels·mult = " + baseChannels * mult + ")");
    }
  }

  /**
   * The default for the 32×32 toy world on a 2-core CPU (about 0.82 M parameters, see
   * docs/diffusion/BENCH.md for the measured step times that chose it), v-prediction on the linear
   * schedule (see {@link Prediction} for why).
   */
  public static UNetConfig defaults() {
    return new UNetConfig(
        32, 3, 16, List.of(1, 2, 4), 1, true, 8, 128, 32, 64, 12, Prediction.V, null);
  }

  /** A very small ε-prediction network for unit tests (a few thousand parameters, 8×8 images). */
  public static UNetConfig tiny() {
    return new UNetConfig(8, 3, 8, List.of(1, 2), 1, true, 4, 16, 8, 64, 12, null, null);
  }

  /** Number of resolution levels. */
  public int levels() {
    return channelMultipliers.size();
  }

  /** Channels at level {@code level}. */
  public int channels(int level) {
    return baseChannels * channelMultipliers.get(level);
  }

  /** Side of the feature maps at the lowest resolution. */
  public int lowestResolution() {
    return imageSize >> (levels() - 1);
  }

  private static void require(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "UNetConfig." + key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
