package prefloop.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiversityTest {

  @Test
  void meanPairwiseDistanceIsAveragedPerPromptThenOverPrompts() {
    // prompt 0: three points on a 3-4-5 triangle; prompt 1: two identical images (collapsed)
    float[][] vectors = {{0, 0}, {3, 0}, {0, 4}, {1, 1}, {1, 1}};
    List<int[]> groups = List.of(new int[] {0, 1, 2}, new int[] {3, 4});

    double d = Diversity.meanPairwiseDistance(vectors, groups);

    // prompt 0: (3 + 4 + 5) / 3 = 4; prompt 1: 0 → mean 2
    assertThat(d).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void singleImagePromptsAreSkipped() {
    float[][] vectors = {{0}, {2}, {5}};

    assertThat(Diversity.meanPairwiseDistance(vectors, List.of(new int[] {0, 1}, new int[] {2})))
        .isEqualTo(2.0);
    assertThat(Diversity.meanPairwiseDistance(vectors, List.of(new int[] {2}))).isNaN();
  }
}
