package prefloop.evaluation.ablation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code prefloop ablate} as the ITs run it: the shipped base and reward models, into {@code out}.
 */
final class AblateRun {
  private AblateRun() {}

  /** The exit code of {@code ablate options… --base ../models/base … --out out}. */
  static int execute(Path out, String... options) {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(
        List.of(
            "--base",
            "../models/base",
            "--reward-dir",
            "../models/reward",
            "--out",
            out.toString()));
    return new CommandLine(new AblateCommand()).execute(args.toArray(String[]::new));
  }
}
