package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import prefloop.broker.TestMessages;
import prefloop.learner.core.PreferenceExample;

class ReplayBufferTest {
  private static PreferenceExample pair(int i) {
    return PreferenceExample.of(
        "p" + i,
        TestMessages.PROMPT,
        TestMessages.randomImage(2, i),
        TestMessages.randomImage(2, i),
        0);
  }

  @Test
  void keepsOnlyTheMostRecentPairsAndSamplesDistinctOnes() {
    ReplayBuffer buffer = new ReplayBuffer(3, 1);
    buffer.addAll(IntStream.range(0, 5).mapToObj(ReplayBufferTest::pair).toList());

    List<String> sampled = buffer.sample(10).stream().map(PreferenceExample::pairId).toList();

    assertThat(buffer.size()).isEqualTo(3);
    assertThat(sampled).containsExactlyInAnyOrder("p2", "p3", "p4");
  }

  @Test
  void zeroCapacityRemembersNothing() {
    ReplayBuffer buffer = new ReplayBuffer(0, 1);
    buffer.addAll(List.of(pair(1)));

    assertThat(buffer.sample(1)).isEmpty();
  }
}
