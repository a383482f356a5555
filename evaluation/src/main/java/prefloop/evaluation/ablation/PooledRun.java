package prefloop.evaluation.ablation;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One run given to {@code ablate-pool}: an {@code ablate --out} directory, named by its seed (the
 * directory's name), and an optional label under which its configuration is pooled. A label tells
 * apart runs of one configuration with other options, such as {@code dpo+ref-hard} at τ 16 and 64.
 *
 * @param label the name the run's configuration is pooled under, if not its own
 * @param dir the run's {@code --out}, holding {@code curve.json}
 */
public record PooledRun(Optional<String> label, Path dir) {
  private static final Pattern LABELLED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9+_.-]*)=(.+)");

  /** {@code DIR} or {@code LABEL=DIR} (a label of letters, digits and {@code +_.-}). */
  public static PooledRun parse(String text) {
    var labelled = LABELLED.matcher(text);
    if (labelled.matches()) {
      return new PooledRun(Optional.of(labelled.group(1)), Path.of(labelled.group(2)));
    }
    return new PooledRun(Optional.empty(), Path.of(text));
  }

  /**
   * The seed the run stands for: its directory's name, as {@code tools/ablation-rows.sh} writes.
   */
  public String seed() {
    return dir.toAbsolutePath().normalize().getFileName().toString();
  }
}
