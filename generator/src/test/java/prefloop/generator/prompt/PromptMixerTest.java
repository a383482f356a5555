package prefloop.generator.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.generator.PromptMix;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;

class PromptMixerTest {
  private static final String RED = "a small red circle on a blue background, top left";
  private static final String GREEN = "a large green square on a white background, centre";

  private final PromptValidator validator = new PromptValidator(new PromptGrammar());
  private final PromptSplit split = new PromptSplit(new PromptGrammar());

  @Test
  void builtinPromptsComeFromTheTrainingSplitOnly() {
    PromptMixer mixer =
        new PromptMixer(
            new PromptMix(1, 0, 0, 0, null, 10),
            split,
            List.of(),
            new PromptQueue(10),
            new PromptQueue(10),
            7);

    List<PromptCandidate> drawn = mixer.next(200);

    assertThat(drawn).hasSize(200);
    assertThat(drawn)
        .allSatisfy(
            p -> {
              assertThat(p.origin()).isEqualTo(PromptOrigin.BUILTIN);
              assertThat(split.isHeldOut(new PromptGrammar().parse(p.text()))).isFalse();
            });
  }

  @Test
  void requestedPromptsAreDrawnOnlyWhenWaitingAndNothingElseWithoutWeight() {
    PromptQueue http = new PromptQueue(10);
    PromptMixer mixer =
        new PromptMixer(
            PromptMix.defaults().withoutBuiltin(), split, List.of(), new PromptQueue(10), http, 1);

    assertThat(mixer.next(4)).isEmpty();
    http.offer(new PromptCandidate("h1", RED, PromptOrigin.HTTP, 0));

    assertThat(mixer.next(4)).extracting(PromptCandidate::id).containsExactly("h1");
  }

  @Test
  void weightsSetTheShareOfEachSource() {
    PromptQueue topic = new PromptQueue(100_000);
    for (int i = 0; i < 5000; i++) {
      topic.offer(new PromptCandidate("t" + i, RED, PromptOrigin.TOPIC, 0));
    }
    PromptMixer mixer =
        new PromptMixer(
            new PromptMix(1, 3, 0, 0, null, 100_000),
            split,
            List.of(),
            topic,
            new PromptQueue(1),
            3);

    long fromTopic =
        mixer.next(4000).stream().filter(p -> p.origin() == PromptOrigin.TOPIC).count();

    assertThat(fromTopic / 4000.0).isBetween(0.72, 0.78);
  }

  @Test
  void theFileIsCycledInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prompts.txt");
    Files.writeString(file, "# two prompts\n" + RED + "\n\n" + GREEN.toUpperCase() + "\n");
    List<String> prompts = PromptFile.read(file, validator);
    PromptMixer mixer =
        new PromptMixer(
            new PromptMix(0, 0, 1, 0, file, 10),
            split,
            prompts,
            new PromptQueue(1),
            new PromptQueue(1),
            0);

    assertThat(mixer.next(3)).extracting(PromptCandidate::text).containsExactly(RED, GREEN, RED);
  }

  @Test
  void aBadLineInThePromptsFileIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prompts.txt");
    Files.writeString(file, RED + "\na purple unicorn\n");

    assertThatThrownBy(() -> PromptFile.read(file, validator))
        .hasMessageContaining("line 2")
        .hasMessageContaining("unicorn");
  }

  @Test
  void queueServesHighestPriorityFirstAndIgnoresRedeliveredIds() {
    PromptQueue queue = new PromptQueue(2);

    assertThat(queue.offer(new PromptCandidate("a", RED, PromptOrigin.TOPIC, 0)))
        .isEqualTo(PromptQueue.Outcome.QUEUED);
    assertThat(queue.offer(new PromptCandidate("a", RED, PromptOrigin.TOPIC, 0)))
        .isEqualTo(PromptQueue.Outcome.DUPLICATE);
    queue.offer(new PromptCandidate("b", GREEN, PromptOrigin.TOPIC, 5));
    assertThat(queue.offer(new PromptCandidate("c", GREEN, PromptOrigin.TOPIC, 9)))
        .isEqualTo(PromptQueue.Outcome.FULL);

    assertThat(queue.poll().id()).isEqualTo("b");
    assertThat(queue.poll().id()).isEqualTo("a");
    assertThat(queue.poll()).isNull();
  }

  @Test
  void validatorCanonicalisesAndExplains() {
    assertThat(validator.canonical("  A small RED circle on a blue background , top left "))
        .isEqualTo(RED);
    assertThatThrownBy(() -> validator.canonical("a small red dragon"))
        .hasMessageContaining("dragon")
        .hasMessageContaining("vocabulary");
    assertThatThrownBy(() -> validator.canonical("a ".repeat(101)))
        .hasMessageContaining("at most 200");
    assertThatThrownBy(() -> validator.canonical(" ")).hasMessageContaining("empty");
  }
}
