package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.ImageSpace;

/**
 * The usable pairs of a step as tensors in one step scope.
 *
 * @param examples the pairs, in row order
 * @param winners preferred images [P, C, H, W] in model space: pixels in [−1, 1], or the latents
 *     the model's autoencoder encodes them to
 * @param losers the other images [P, C, H, W]
 * @param tokens prompt tokens [P, L]
 * @param emptyTokens the EMPTY prompt's tokens [P, L] (unconditional branch of guidance)
 */
public record PairBatch(
    List<PreferenceExample> examples,
    NDArray winners,
    NDArray losers,
    NDArray tokens,
    NDArray emptyTokens) {

  public PairBatch {
    examples = List.copyOf(examples);
  }

  /** Uploads {@code examples} into {@code scope}, tokenised by {@code model}'s tokenizer. */
  public static PairBatch of(
      NDManager scope, DiffusionModel model, List<PreferenceExample> examples) {
    List<String> prompts = examples.stream().map(PreferenceExample::prompt).toList();
    List<String> blanks = examples.stream().map(e -> "").toList();
    return new PairBatch(
        examples,
        model.toModelSpace(
            ImageSpace.toModel(scope, examples.stream().map(PreferenceExample::winner).toList())),
        model.toModelSpace(
            ImageSpace.toModel(scope, examples.stream().map(PreferenceExample::loser).toList())),
        model.condition(scope, prompts),
        model.condition(scope, blanks));
  }

  /** P, the number of pairs. */
  public int size() {
    return examples.size();
  }

  /** The scope every tensor of the batch lives in. */
  public NDManager manager() {
    return winners.getManager();
  }
}
