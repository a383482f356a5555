package prefloop.evaluation;

import prefloop.world.Prompt;

/**
 * One image of the evaluation: a held-out prompt and the seed every checkpoint samples it from.
 *
 * @param index position in the evaluation set (the same for every checkpoint)
 * @param prompt the prompt
 * @param promptIndex which prompt of the set (items sharing it differ only by seed)
 * @param seed the sampler seed (x_T and any step noise)
 */
public record EvalItem(int index, Prompt prompt, int promptIndex, long seed) {}
