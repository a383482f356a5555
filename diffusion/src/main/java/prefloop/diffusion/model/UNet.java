package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The prompt-conditioned ε-prediction UNet (DDPM/ADM layout at toy scale).
 *
 * <p>Input {@code NDList(x_t [N,C,H,W] float, t [N] int or float, tokens [N,L] int)}; output {@code
 * NDList(ε̂ [N,C,H,W])}. The conditioning vector is e(t) + c(tokens) and reaches every residual
 * block as a FiLM scale/shift. Down path: per level {@code resBlocksPerLevel} residual blocks, then
 * a stride-2 conv; middle: residual, self-attention (optional), residual; up path: per level one
 * more residual block than down, each fed the concatenated skip, then nearest ×2 + conv.
 */
public final class UNet extends ShapedBlock {

  private final UNetConfig config;
  private final TimestepEmbedding timeEmbedding;
  private final PromptEmbedding promptEncoder;
  private final ConvLayer inputConv;
  private final List<List<ResidualBlock>> downBlocks = new ArrayList<>();
  private final List<ConvLayer> downsamplers = new ArrayList<>();
  private final ResidualBlock middle1;
  private final SelfAttention middleAttention;
  private final ResidualBlock middle2;
  private final List<List<ResidualBlock>> upBlocks = new ArrayList<>();
  private final List<ConvLayer> upsamplers = new ArrayList<>();
  private final GroupNorm outputNorm;
  private final ConvLayer outputConv;

  /** Builds an uninitialised UNet with the architecture of {@code config}. */
  public UNet(UNetConfig config) {
    this.config = config;
    int cond = config.conditionDim();
    int groups = config.groups();
    timeEmbedding = addChildBlock("time", new TimestepEmbedding(cond));
    promptEncoder =
        addChildBlock(
            "prompt",
            new PromptEmbedding(config.vocabSize(), config.maxTokens(), config.tokenDim(), cond));
    inputConv = addChildBlock("in", ConvLayer.same3x3(config.imageChannels(), config.channels(0)));
    Deque<Integer> skipChannels = new ArrayDeque<>();
    skipChannels.push(config.channels(0));
    int channels = config.channels(0);
    for (int level = 0; level < config.levels(); level++) {
      List<ResidualBlock> blocks = new ArrayList<>();
      for (int r = 0; r < config.resBlocksPerLevel(); r++) {
        int out = config.channels(level);
        blocks.add(
            addChildBlock(
                "down" + level + "_res" + r, new ResidualBlock(channels, out, cond, groups)));
        channels = out;
        skipChannels.push(channels);
      }
      downBlocks.add(blocks);
      if (level < config.levels() - 1) {
        downsamplers.add(
            addChildBlock(
                "down" + level + "_pool", new ConvLayer(channels, channels, 3, 2, false)));
        skipChannels.push(channels);
      }
    }
    middle1 = addChildBlock("mid_res1", new ResidualBlock(channels, channels, cond, groups));
    middleAttention =
        config.attention() ? addChildBlock("mid_attn", new SelfAttention(channels, groups)) : null;
    middle2 = addChildBlock("mid_res2", new ResidualBlock(channels, channels, cond, groups));
    for (int level = config.levels() - 1; level >= 0; level--) {
      List<ResidualBlock> blocks = new ArrayList<>();
      int out = config.channels(level);
      for (int r = 0; r <= config.resBlocksPerLevel(); r++) {
        int in = channels + skipChannels.pop();
        blocks.add(
            addChildBlock("up" + level + "_res" + r, new ResidualBlock(in, out, cond, groups)));
        channels = out;
      }
      upBlocks.add(blocks);
      if (level > 0) {
        upsamplers.add(addChildBlock("up" + level + "_upsample", ConvLayer.same3x3(out, out)));
      }
    }
    outputNorm = addChildBlock("out_norm", new GroupNorm(channels, groups));
    outputConv = addChildBlock("out", new ConvLayer(channels, config.imageChannels(), 3, 1, true));
  }

  /** The architecture this block was built from. */
  public UNetConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() != 3) {
      throw new IllegalArgumentException(
          "UNet expects NDList(x_t [N,C,H,W], t [N], tokens [N,L]); got " + inputs.size());
    }
    return new NDList(predict(inputs.get(0), inputs.get(1), inputs.get(2)));
  }

  /** ε̂(x_t, t, tokens), see the class comment for shapes. */
  NDArray predict(NDArray xt, NDArray t, NDArray tokens) {
    NDArray condition = timeEmbedding.apply(t).add(promptEncoder.apply(tokens));
    NDArray h = inputConv.apply(xt);
    Deque<NDArray> skips = new ArrayDeque<>();
    skips.push(h);
    for (int level = 0; level < config.levels(); level++) {
      for (ResidualBlock block : downBlocks.get(level)) {
        h = block.apply(h, condition);
        skips.push(h);
      }
      if (level < config.levels() - 1) {
        h = downsamplers.get(level).apply(h);
        skips.push(h);
      }
    }
    h = middle1.apply(h, condition);
    if (middleAttention != null) {
      h = middleAttention.apply(h);
    }
    h = middle2.apply(h, condition);
    for (int i = 0; i < upBlocks.size(); i++) {
      for (ResidualBlock block : upBlocks.get(i)) {
        h = block.apply(h.concat(skips.pop(), 1), condition);
      }
      if (i < upsamplers.size()) {
        h = upsamplers.get(i).apply(h.repeat(2, 2).repeat(3, 2));
      }
    }
    return outputConv.apply(Silu.of(outputNorm.apply(h)));
  }
}
