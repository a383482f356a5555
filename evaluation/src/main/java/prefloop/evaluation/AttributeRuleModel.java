package prefloop.evaluation;

import prefloop.rater.model.NamedImageRewardModel;
import prefloop.world.AttributeChecker;
import prefloop.world.PromptGrammar;
import prefloop.world.RgbImage;

/**
 * A held-out, hand-written "reward": the fraction of the prompt's five attributes (colour, shape,
 * background, position, size) that {@link AttributeChecker} reads from the pixels. No network, so
 * nothing the policy trained against can be exploited through it — the closest our world has to
 * asking a person "does the image show the prompt?".
 */
public final class AttributeRuleModel extends NamedImageRewardModel {
  private final PromptGrammar grammar = new PromptGrammar();
  private final AttributeChecker checker = new AttributeChecker();

  public AttributeRuleModel(String name) {
    super(name);
  }

  @Override
  public double score(String prompt, RgbImage image) {
    return checker.check(grammar.parse(prompt), image).score();
  }
}
