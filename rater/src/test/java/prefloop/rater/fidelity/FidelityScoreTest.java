package prefloop.rater.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import prefloop.rater.TestPairs;
import prefloop.world.Position;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RgbImage;
import prefloop.world.Shape;

/**
 * The shipped fidelity net under both scores: with {@link FidelityScore#PROBABILITY} each wrong
 * attribute costs about 1/5 and no more, while {@link FidelityScore#LOG_PROBABILITY} lets one wrong
 * attribute cost many nats.
 */
class FidelityScoreTest {
  private static final List<Prompt> HELD_OUT = new PromptSplit(new PromptGrammar()).heldOut();
  private static FidelityModel probability;
  private static FidelityModel logProbability;

  @BeforeAll
  static void load() {
    probability =
        FidelityModel.load(
            "fidelity", TestPairs.MODEL_DIR.resolve("fidelity"), null, FidelityScore.PROBABILITY);
    logProbability =
        FidelityModel.load(
            "fidelity",
            TestPairs.MODEL_DIR.resolve("fidelity"),
            null,
            FidelityScore.LOG_PROBABILITY);
  }

  @AfterAll
  static void close() {
    probability.close();
    logProbability.close();
  }

  @Test
  void probabilityScoreOfACleanRenderIsTheFractionOfThePromptItShows() {
    int n = 20;
    double[] meanByWrongAttributes = new double[3];
    double oneWrongLogScore = 0;
    for (int i = 0; i < n; i++) {
      Prompt right = HELD_OUT.get(i * 11 % HELD_OUT.size());
      Prompt wrongShape = withShape(right, otherShape(right.shape()));
      Prompt wrongShapeAndPosition = withPosition(wrongShape, otherPosition(right.position()));
      RgbImage image = TestPairs.render(right.text(), 3_000_000L + i);
      List<String> prompts = List.of(right.text(), wrongShape.text(), wrongShapeAndPosition.text());
      double[] scores = probability.score(prompts, List.of(image, image, image));
      for (int k = 0; k < 3; k++) {
        assertThat(scores[k]).isBetween(0.0, 1.0);
        meanByWrongAttributes[k] += scores[k] / n;
      }
      oneWrongLogScore += logProbability.score(List.of(wrongShape.text()), List.of(image))[0] / n;
    }
    assertThat(meanByWrongAttributes[0]).isCloseTo(1.0, within(0.05));
    assertThat(meanByWrongAttributes[1]).isCloseTo(0.8, within(0.05));
    assertThat(meanByWrongAttributes[2]).isCloseTo(0.6, within(0.05));
    // The same single wrong attribute costs the log score far more than 1/5 of a nat.
    assertThat(oneWrongLogScore).isLessThan(-1.0);
  }

  private static Shape otherShape(Shape shape) {
    Shape[] shapes = Shape.values();
    return shapes[(shape.ordinal() + 1) % shapes.length];
  }

  private static Position otherPosition(Position position) {
    Position[] positions = Position.values();
    return positions[(position.ordinal() + 4) % positions.length];
  }

  private static Prompt withShape(Prompt p, Shape shape) {
    return new Prompt(p.size(), p.colour(), shape, p.background(), p.position());
  }

  private static Prompt withPosition(Prompt p, Position position) {
    return new Prompt(p.size(), p.colour(), p.shape(), p.background(), position);
  }
}
