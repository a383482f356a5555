package prefloop.generator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptQueueTest {
  private static PromptCandidate request(String id) {
    return new PromptCandidate(id, "a red circle", PromptOrigin.TOPIC, 0, PromptReceipt.none());
  }

  @Test
  void aRedeliveredRequestIsQueuedOnce() {
    PromptQueue queue = new PromptQueue(10);
    assertThat(queue.offer(request("r1"))).isEqualTo(PromptQueue.Outcome.QUEUED);
    assertThat(queue.offer(request("r1"))).isEqualTo(PromptQueue.Outcome.DUPLICATE);
  }

  /**
   * A generator losing a partition drops that partition's waiting prompts; if the partition comes
   * back, Kafka delivers them again and they must be queued, not refused as duplicates.
   */
  @Test
  void promptsTakenOutAreForgottenSoTheyCanBeQueuedAgain() {
    PromptQueue queue = new PromptQueue(10);
    queue.offer(request("keep"));
    queue.offer(request("drop"));

    assertThat(queue.removeIf(p -> p.id().equals("drop")))
        .extracting(PromptCandidate::id)
        .containsExactly("drop");

    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.offer(request("drop"))).isEqualTo(PromptQueue.Outcome.QUEUED);
    assertThat(queue.offer(request("keep"))).isEqualTo(PromptQueue.Outcome.DUPLICATE);
  }
}
