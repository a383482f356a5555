package prefloop.evaluation.ablation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import prefloop.diffusion.checkpoint.Sha256;

/**
 * Everything that decides what the baseline {@code dpo} of an ablation run trains and how it is
 * scored. Two runs with equal keys train the same baseline bit for bit (one intra-op thread, seeded
 * trainer and sampler), so a later run may reuse the first one's ({@code --baseline-from}) instead
 * of training it again. libtorch picks its kernels by CPU, and the same seeds give another baseline
 * on another machine type, so the machine is part of the key.
 *
 * @param mode OFFLINE or ONLINE
 * @param steps the step limit
 * @param onlineSeconds the wall-time limit of the online mode
 * @param snapshotEvery steps between the curve's snapshots
 * @param batch pairs per step
 * @param trainer the baseline's trainer settings (objective, β, learning rate, seed, …)
 * @param streamSampler how the stream and the online pairs are sampled
 * @param onlineSeed the seed of the online pairs' prompts and sampler seeds
 * @param stream SHA-256 of the stream file (the offline pairs, and the drift probe)
 * @param evaluation how the policies are scored (prompts, seeds, sampler)
 * @param machine the CPU and the threads libtorch runs on ({@link MachineDescription})
 */
@RecordBuilder
public record BaselineKey(
    String mode,
    int steps,
    int onlineSeconds,
    int snapshotEvery,
    int batch,
    String trainer,
    String streamSampler,
    long onlineSeed,
    String stream,
    String evaluation,
    String machine)
    implements BaselineKeyBuilder.With {

  /** The file an ablation run writes its key to, in its output directory. */
  public static final String FILE = "baseline.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The key of {@code settings}' baseline, trained on {@code streamFile}, on this machine. */
  static BaselineKey of(
      AblationSettings settings, AblationVariant baseline, long onlineSeed, Path streamFile)
      throws IOException {
    return new BaselineKey(
        settings.mode().name(),
        settings.steps(),
        settings.onlineSeconds(),
        settings.snapshotEvery(),
        settings.batch(),
        baseline.trainer().toString(),
        settings.streamSampler().toString(),
        onlineSeed,
        Sha256.hex(streamFile),
        String.format(
            "%d prompts × %d seeds, prompt seed %d, first seed %d, %s, fixed prompts %s",
            settings.eval().prompts(),
            settings.eval().seedsPerPrompt(),
            settings.eval().promptSeed(),
            settings.eval().firstSeed(),
            settings.eval().sampler(),
            settings.eval().fixedPrompts()),
        MachineDescription.current());
  }

  /** Reads the key an earlier run wrote to {@code runDir}. */
  static BaselineKey read(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          runDir
              + " has no "
              + FILE
              + ": it is not an ablate output directory, or an ablate older than --baseline-from"
              + " wrote it. Train the baseline once with this version (`ablate --only dpo` and the"
              + " same settings), then reuse that directory.");
    }
    return JSON.readValue(file.toFile(), BaselineKey.class);
  }

  void write(Path runDir) throws IOException {
    JSON.writeValue(runDir.resolve(FILE).toFile(), this);
  }

  /** What differs from {@code other}, one line per component ("name: this ≠ other"). */
  List<String> differences(BaselineKey other) {
    List<String> out = new ArrayList<>();
    for (var component : BaselineKey.class.getRecordComponents()) {
      try {
        Object mine = component.getAccessor().invoke(this);
        Object theirs = component.getAccessor().invoke(other);
        if (!mine.equals(theirs)) {
          out.add(component.getName() + ": " + mine + " ≠ " + theirs);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName(), e);
      }
    }
    return out;
  }
}
