package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AttributeCheckerTest {
  private static final int PROMPTS = 300;

  private final PromptGrammar grammar = new PromptGrammar();
  private final Renderer renderer = new Renderer();
  private final AttributeChecker checker = new AttributeChecker();

  private List<Prompt> prompts(long seed) {
    Random random = new Random(seed);
    return java.util.stream.Stream.generate(() -> grammar.sample(random)).limit(PROMPTS).toList();
  }

  private double rate(List<Prompt> prompts, Predicate<Prompt> ok) {
    return prompts.stream().filter(ok).count() / (double) prompts.size();
  }

  @Test
  void cleanRendersPassEveryCheckAndDoNotLookDegraded() {
    List<Prompt> prompts = prompts(1);
    assertThat(rate(prompts, p -> checker.check(p, renderer.render(p, p.hashCode())).allCorrect()))
        .isGreaterThanOrEqualTo(0.99);
    assertThat(rate(prompts, p -> checker.check(p, renderer.render(p, 7)).degradedLooking()))
        .isLessThanOrEqualTo(0.02);
  }

  @Test
  void aCleanRenderScoresOne() {
    Prompt p = grammar.parse("a small red circle on a blue background, top left");
    AttributeCheck check = checker.check(p, renderer.render(p, 3));
    assertThat(check.score()).isEqualTo(1.0);
    assertThat(check.colour()).isEqualTo(Colour.RED);
    assertThat(check.shape()).isEqualTo(Shape.CIRCLE);
    assertThat(check.position()).isEqualTo(Position.TOP_LEFT);
    assertThat(check.quality().flags()).isEmpty();
  }

  @Test
  void wrongColourBackgroundAndShapeAreCaught() {
    List<Prompt> prompts = prompts(2);
    assertThat(rate(prompts, p -> !checker.check(p, render(recoloured(p))).colourCorrect()))
        .isGreaterThanOrEqualTo(0.97);
    assertThat(rate(prompts, p -> !checker.check(p, render(rebackgrounded(p))).backgroundCorrect()))
        .isGreaterThanOrEqualTo(0.97);
    assertThat(rate(prompts, p -> !checker.check(p, render(reshaped(p))).shapeCorrect()))
        .isGreaterThanOrEqualTo(0.9);
    assertThat(rate(prompts, p -> checker.check(p, render(reshaped(p))).score() < 1))
        .isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void degradedRendersAreFlaggedMostOfTheTime() {
    List<Prompt> prompts = prompts(3).subList(0, 100);
    Map<Degradation, Double> flagged = new EnumMap<>(Degradation.class);
    for (Degradation d : Degradation.values()) {
      flagged.put(
          d,
          rate(prompts, p -> checker.check(p, renderer.render(p, 5, Set.of(d))).degradedLooking()));
    }
    assertThat(flagged.values()).allMatch(r -> r >= 0.75);
    assertThat(flagged.get(Degradation.BLUR)).isGreaterThanOrEqualTo(0.95);
    assertThat(flagged.get(Degradation.NOISE)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void aFlatImageHasNoObject() {
    Prompt p = grammar.all().get(0);
    AttributeCheck check = checker.check(p, RgbImage.filled(32, 32, p.background().rgb()));
    assertThat(check.objectFound()).isFalse();
    assertThat(check.backgroundCorrect()).isTrue();
    assertThat(check.score()).isEqualTo(0.2);
    assertThat(check.degradedLooking()).isTrue();
  }

  @Test
  void sizeClassesSplitAtGeometricMeans() {
    assertThat(AttributeChecker.sizeOf(0.27)).isEqualTo(Size.SMALL);
    assertThat(AttributeChecker.sizeOf(0.28)).isEqualTo(Size.MEDIUM);
    assertThat(AttributeChecker.sizeOf(0.40)).isEqualTo(Size.LARGE);
  }

  private static long seed(Prompt p) {
    return PromptSplit.fnv1a(p.text());
  }

  private RgbImage render(Prompt p) {
    return renderer.render(p, 11);
  }

  private static Prompt recoloured(Prompt p) {
    Colour other = next(Colour.objectColours(), p.colour(), c -> c != p.background());
    return new Prompt(p.size(), other, p.shape(), p.background(), p.position());
  }

  private static Prompt rebackgrounded(Prompt p) {
    Colour other = next(Colour.backgroundColours(), p.background(), c -> c != p.colour());
    return new Prompt(p.size(), p.colour(), p.shape(), other, p.position());
  }

  private static Prompt reshaped(Prompt p) {
    Shape other = Shape.values()[(p.shape().ordinal() + 1) % Shape.values().length];
    return new Prompt(p.size(), p.colour(), other, p.background(), p.position());
  }

  private static Colour next(List<Colour> options, Colour current, Predicate<Colour> allowed) {
    int start = Math.max(0, options.indexOf(current));
    for (int k = 1; k <= options.size(); k++) {
      Colour c = options.get((start + k) % options.size());
      if (c != current && allowed.test(c)) {
        return c;
      }
    }
    throw new IllegalStateException("no alternative to " + current);
  }
}
