/**
 * Evaluation and the paper's ablation on our toy world (issue #8).
 *
 * <p>{@link prefloop.evaluation.EvalCommand} ({@code eval}) samples a fixed set of held-out prompts
 * × fixed seeds from any checkpoints, scores every image with every reward model (training and
 * held-out), and reports the paper's headline — the win rate against a baseline checkpoint under
 * the same seed — plus diversity and a Fréchet distance on the fidelity net's features. {@link
 * prefloop.evaluation.ablation.AblateCommand} ({@code ablate}) records one preference stream from
 * the base model, replays it to each configuration of the paper's ablation and evaluates each final
 * policy. The maths lives in small pure classes ({@link prefloop.evaluation.WinRate}, {@link
 * prefloop.evaluation.FrechetDistance}, {@link prefloop.evaluation.Diversity}).
 */
package prefloop.evaluation;
