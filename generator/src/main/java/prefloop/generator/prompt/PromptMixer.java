package prefloop.generator.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import prefloop.generator.PromptMix;
import prefloop.world.PromptSplit;

/**
 * Draws the next prompts from the configured sources: at each draw, a source that has a prompt
 * ready is chosen with probability ∝ its weight (seeded, so a run is reproducible given the same
 * arrivals). The built-in sampler draws from the world's training split only, so held-out prompts
 * stay unseen for evaluation; the file is cycled. A model bundle has no built-in prompts (its
 * {@code split} is null): the built-in weight then counts as zero. Thread-safe.
 */
public final class PromptMixer {
  private final PromptMix mix;
  private final PromptSplit split;
  private final List<String> filePrompts;
  private final PromptQueue topic;
  private final PromptQueue http;
  private final Random random;
  private int fileCursor;

  public PromptMixer(
      PromptMix mix,
      PromptSplit split,
      List<String> filePrompts,
      PromptQueue topic,
      PromptQueue http,
      long seed) {
    this.mix = mix;
    this.split = split;
    this.filePrompts = List.copyOf(filePrompts);
    this.topic = topic;
    this.http = http;
    this.random = new Random(seed);
  }

  /** Up to {@code max} prompts; fewer (maybe none) when only empty queues have weight. */
  public synchronized List<PromptCandidate> next(int max) {
    List<PromptCandidate> result = new ArrayList<>(max);
    while (result.size() < max) {
      PromptCandidate next = draw();
      if (next == null) {
        break;
      }
      result.add(next);
    }
    return result;
  }

  private PromptCandidate draw() {
    double builtin = split == null ? 0 : mix.builtinWeight();
    double file = filePrompts.isEmpty() ? 0 : mix.fileWeight();
    double fromTopic = topic.size() > 0 ? mix.topicWeight() : 0;
    double fromHttp = http.size() > 0 ? mix.httpWeight() : 0;
    double total = builtin + file + fromTopic + fromHttp;
    if (total == 0) {
      return null;
    }
    double u = random.nextDouble() * total;
    if (u < fromHttp) {
      return http.poll();
    }
    if (u < fromHttp + fromTopic) {
      return topic.poll();
    }
    if (u < fromHttp + fromTopic + file) {
      String text = filePrompts.get(fileCursor);
      fileCursor = (fileCursor + 1) % filePrompts.size();
      return PromptCandidate.chosen(text, PromptOrigin.FILE);
    }
    return PromptCandidate.chosen(split.sampleTrain(random).text(), PromptOrigin.BUILTIN);
  }
}
