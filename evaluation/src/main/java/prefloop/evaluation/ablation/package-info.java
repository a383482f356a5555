/**
 * The paper's ablation ({@code ablate}): {@link prefloop.evaluation.ablation.AblationPlan}'s
 * configurations trained from one base, offline on one recorded preference stream or online on
 * pairs each samples from its own policy, then evaluated with {@link
 * prefloop.evaluation.Evaluator}; {@link prefloop.evaluation.ablation.AblationCurve} adds the win
 * rate over steps.
 */
package prefloop.evaluation.ablation;
