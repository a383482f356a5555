package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;

/**
 * Maps a token tensor [N, L] to a prompt vector [N, conditionDim]:
 *
 * <pre>
 *   e_j = (E[token_j] + P_j) · [token_j ≠ PAD]      // token + position embedding, PAD zeroed
 *   c   = W₂ · SiLU(W₁ · concat(e_1..e_L) + b₁) + b₂
 * </pre>
 *
 * Concatenating by position (rather than mean-pooling a bag of words) keeps the binding of words to
 * roles: "a red circle on a blue background" and "a blue circle on a red background" have the same
 * words. Every op starts from the token tensor, so results land in the caller's NDManager, not the
 * model's. The EMPTY prompt (token 1 then PAD) gets its own learned vector: the unconditional
 * branch of classifier-free guidance.
 */
final class PromptEmbedding extends ShapedBlock {

  private static final int PAD = 0;

  private final int maxTokens;
  private final int tokenDim;
  private final Parameter tokenEmbedding;
  private final Parameter positionEmbedding;
  private final DenseLayer hidden;
  private final DenseLayer out;

  PromptEmbedding(int vocabSize, int maxTokens, int tokenDim, int conditionDim) {
    this.maxTokens = maxTokens;
    this.tokenDim = tokenDim;
    this.tokenEmbedding = addParameter(embedding("token", new Shape(vocabSize, tokenDim)));
    this.positionEmbedding = addParameter(embedding("position", new Shape(1, maxTokens, tokenDim)));
    this.hidden = addChildBlock("hidden", new DenseLayer(maxTokens * tokenDim, conditionDim));
    this.out = addChildBlock("out", new DenseLayer(conditionDim, conditionDim));
  }

  private static Parameter embedding(String name, Shape shape) {
    return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(shape).build();
  }

  @Override
  NDArray apply(NDArray tokens) {
    long n = tokens.getShape().get(0);
    if (tokens.getShape().dimension() != 2 || tokens.getShape().get(1) != maxTokens) {
      throw new IllegalArgumentException(
          "tokens must be [N, " + maxTokens + "], got " + tokens.getShape());
    }
    NDArray ids = tokens.toType(DataType.INT64, false);
    NDArray embedded =
        Embedding.embedding(ids, tokenEmbedding.getArray(), SparseFormat.DENSE).head();
    NDArray mask = ids.neq(PAD).toType(DataType.FLOAT32, false).expandDims(2);
    NDArray summed = embedded.add(positionEmbedding.getArray()).mul(mask);
    return out.apply(Silu.of(hidden.apply(summed.reshape(n, maxTokens * tokenDim))));
  }
}
