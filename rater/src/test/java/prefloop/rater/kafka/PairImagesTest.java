package prefloop.rater.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.broker.TestMessages;
import prefloop.rater.TestPairs;
import prefloop.rater.ensemble.GroupScore;
import prefloop.rater.ensemble.PairScore;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.Trajectory;
import prefloop.world.RgbImage;

class PairImagesTest {
  private static final String PROMPT = "a small red circle on a blue background, top left";

  private static GeneratedPair group(int k) {
    GeneratedPair pair = TestPairs.cleanVersusDegraded("g", PROMPT, 1);
    List<GeneratedImage> images = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      RgbImage image = RgbImage.filled(32, 32, new float[] {i / 20f, 0, 0});
      images.add(TestMessages.image(image, 100 + i));
    }
    pair.setImages(images);
    return pair;
  }

  @Test
  void groupsOfTwoToSixteenImagesAreReadInOrder() {
    assertThat(PairImages.of(group(2)).images()).hasSize(2);
    assertThat(PairImages.of(group(16)).images()).hasSize(16);
    assertThat(PairImages.of(group(4)).images().get(3).data()[0])
        .isCloseTo(3 / 20f, within(0.005f));
  }

  @Test
  void groupsOutsideTwoToSixteenAreRejectedWithTheRange() {
    assertThatThrownBy(() -> PairImages.of(group(1))).hasMessageContaining("2 to 16 images, got 1");
    assertThatThrownBy(() -> PairImages.of(group(17)))
        .hasMessageContaining("2 to 16 images, got 17");
  }

  @Test
  void aGroupWithATrajectoryIsRejected() {
    GeneratedPair withTrajectory = group(3);
    withTrajectory.setTrajectory(
        Trajectory.newBuilder()
            .setLatents(null)
            .setBlobUri("http://x/blob")
            .setShape(List.of(3, 2, 3, 32, 32))
            .setTimesteps(List.of(999))
            .setLogProbs(Collections.nCopies(3, List.of(0.0)))
            .build());

    assertThatThrownBy(() -> PairImages.of(withTrajectory))
        .hasMessageContaining("cannot carry a trajectory");
  }

  @Test
  void aJudgedGroupKeepsOnlyItsBestAsAAndItsWorstAsB() {
    GeneratedPair four = group(4);
    GroupScore score =
        new GroupScore(2, 0, new double[] {0.1, 0.5, 0.9, 0.3}, new PairScore(null, 0.8, 1));

    GeneratedPair judged = PairRater.judged(four, score);

    assertThat(judged.getImages()).extracting(GeneratedImage::getSeed).containsExactly(102L, 100L);
    assertThat(judged.getPairId()).isEqualTo(four.getPairId());
    assertThat(four.getImages()).hasSize(4);
    GeneratedPair two = group(2);
    assertThat(PairRater.judged(two, new GroupScore(0, 1, new double[2], null))).isSameAs(two);
  }
}
