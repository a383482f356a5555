package prefloop.evaluation.ablation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.learner.core.PreferenceExample;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.FilePreferenceSource;
import prefloop.learner.service.LearnerConfig;
import prefloop.learner.service.PendingEntry;
import prefloop.learner.service.PreferenceConverter;
import prefloop.learner.service.PreferenceInput;
import prefloop.learner.service.PreferenceLogRecorder;
import prefloop.learner.service.RawRecord;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.Preference;

/**
 * One recorded preference stream, replayed identically to every configuration: written with the
 * learner's {@link PreferenceLogRecorder} (the preferences topic's bytes, length-prefixed) and read
 * back with its {@link FilePreferenceSource} and {@link PreferenceConverter} — the learner's own
 * offline path, so a configuration sees exactly what {@code prefloop learner --input FILE} would.
 */
public final class PreferenceStream {
  private final Path file;
  private final Topic<String, Preference> topic = Topics.defaults().preferences();

  public PreferenceStream(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** What a recording produced. */
  public record Recorded(int pairs, int decisive, int ties, double seconds) {}

  /**
   * Records {@code pairs} preferences sampled from {@code base} by {@code factory} (replacing any
   * previous file), in chunks of {@code chunk} pairs.
   */
  public Recorded record(PreferenceFactory factory, DiffusionModel base, int pairs, int chunk)
      throws IOException {
    long started = System.nanoTime();
    Files.deleteIfExists(file);
    int decisive = 0;
    int ties = 0;
    try (PreferenceLogRecorder recorder = new PreferenceLogRecorder(file, topic)) {
      for (int done = 0; done < pairs; ) {
        int n = Math.min(chunk, pairs - done);
        for (Preference p : factory.next(base, n, 0)) {
          recorder.record(p);
          if (DefaultRaters.decisive(p.getLabel())) {
            decisive++;
          } else {
            ties++;
          }
        }
        done += n;
        System.out.printf("stream: %d/%d pairs recorded%n", done, pairs);
      }
    }
    return new Recorded(pairs, decisive, ties, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Every trainable example of the stream, in recorded order, as the learner would convert it for
   * {@code trainer}'s objective (trajectories attached for D3PO; ties and skips dropped).
   */
  public List<PreferenceExample> examples(TrainerConfig trainer, DiffusionModel model) {
    LearnerConfig config =
        LearnerConfig.builder(trainer).input(PreferenceInput.FILE).inputFile(file).build();
    PreferenceConverter converter =
        new PreferenceConverter(config, model.imageGeometry().size(), model.prompts());
    List<PreferenceExample> examples = new ArrayList<>();
    try (FilePreferenceSource source = new FilePreferenceSource(file, 256)) {
      source.seek(Map.of());
      while (!source.exhausted()) {
        for (RawRecord raw : source.poll(Duration.ZERO)) {
          Preference preference = topic.decoder().value(raw.toConsumerRecord());
          PendingEntry entry = converter.convert(raw, preference, 0);
          Optional<PreferenceExample> example = entry.trainable();
          example.ifPresent(examples::add);
        }
      }
    }
    if (examples.isEmpty()) {
      throw new IllegalStateException(
          "the preference stream "
              + file
              + " holds no A/B labels (all ties?); record more pairs (--pairs)");
    }
    return examples;
  }
}
