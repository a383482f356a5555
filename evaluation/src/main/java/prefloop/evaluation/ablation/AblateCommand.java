package prefloop.evaluation.ablation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import prefloop.evaluation.EvalSettings;
import prefloop.schemas.cli.Commands;

/**
 * {@code ablate}: the paper's ablation on our world ({@link AblationPlan}). Offline (default): one
 * preference stream recorded from the base and replayed to every configuration with the same seeds;
 * online: each configuration runs the loop in-process on pairs it samples from its own policy, for
 * at most {@code --steps} steps or {@code --online-seconds}. Writes {@code ablation.md}, {@code
 * ablation.json}, charts and a grid under {@code --out}; with {@code --snapshot-every}, the win
 * rate over steps too ({@link AblationCurve}), which {@code ablate-pool} pools over seeds.
 */
@Command(
    name = "ablate",
    description =
        "Runs the paper's ablation (Diffusion-DPO ± reference update ± timestep-aware, D3PO ± both)"
            + " on one recorded preference stream and evaluates every final policy.")
public final class AblateCommand implements Callable<Integer> {

  @Option(names = "--base", description = "base checkpoint (default ${DEFAULT-VALUE})")
  Path base = Path.of("models/base");

  @Option(names = "--reward-dir", description = "reward checkpoints (default ${DEFAULT-VALUE})")
  Path rewardDir = Path.of("models/reward");

  @Option(names = "--out", description = "output directory (default ${DEFAULT-VALUE})")
  Path out = Path.of("run/ablation");

  @Option(names = "--quick", description = "CI smoke run: every configuration, tiny counts")
  boolean quick;

  @Option(names = "--mode", description = "OFFLINE or ONLINE (default ${DEFAULT-VALUE})")
  AblationMode mode = AblationMode.OFFLINE;

  @Option(names = "--pairs", description = "stream pairs (default: 1024, quick 24)")
  Integer pairs;

  @Option(
      names = "--steps",
      description = "steps per configuration; online, at most this many (default: 400, quick 8)")
  Integer steps;

  @Option(
      names = "--online-seconds",
      description = "online mode: at most this wall time per configuration (default 180)")
  Integer onlineSeconds;

  @Option(
      names = "--snapshot-every",
      description =
          "sample each policy on the evaluation set every this many steps and write the win rate"
              + " against the base over steps (curve.md, curve.png); default 0, none")
  Integer snapshotEvery;

  @Option(names = "--batch", description = "pairs per step (default: 8, quick 4)")
  Integer batch;

  @Option(names = "--lr", description = "learning rate (default 1e-4)")
  Double learningRate;

  @Option(names = "--d3po-beta", description = "β of the D3PO rows (default 0.1)")
  Double d3poBeta;

  @Option(names = "--tau", description = "steps between reference updates (default: 16, quick 2)")
  Integer tau;

  @Option(names = "--delta", description = "drift guard threshold δ (default 2e-4)")
  Double delta;

  @Option(names = "--eval-prompts", description = "held-out prompts (default: 48, quick 6)")
  Integer evalPrompts;

  @Option(names = "--eval-seeds", description = "seeds per prompt (default: 4, quick 2)")
  Integer evalSeeds;

  @Option(
      names = "--no-d3po",
      description = "skip the D3PO and DPOK rows (no trajectories recorded)")
  boolean noD3po;

  @Option(
      names = "--only",
      split = ",",
      description =
          "run only these configurations (comma-separated names from ablation.md; dpo, the"
              + " baseline, always runs)")
  List<String> only = List.of();

  @Option(names = "--seed", description = "trainer root seed of every configuration")
  Long seed;

  @Option(
      names = "--reuse-stream",
      description = "replay this stream.prefs from an earlier run instead of recording one")
  Path reusedStream;

  @Option(
      names = "--baseline-from",
      description =
          "re-sample the baseline dpo trained by this earlier run (its --out) instead of training"
              + " it again; refused unless that run had the same settings and machine type")
  Path baselineFrom;

  @Override
  public Integer call() throws Exception {
    AblationSettings s = settings();
    long started = System.nanoTime();
    String header =
        String.format(
            "Command: `prefloop ablate %s`%n%nSeeds: trainer root seed %d (every configuration),"
                + " stream seed %d, evaluation prompt seed %d, first sampler seed %d. Mode %s;"
                + " %s steps × %d pairs, lr %s, β %s (D3PO %s), τ %d, δ %s, EMA α %s. Machine: %s.",
            String.join(" ", commandLine()),
            s.seed(),
            s.streamSeed(),
            s.eval().promptSeed(),
            s.eval().firstSeed(),
            s.mode(),
            s.mode() == AblationMode.OFFLINE
                ? s.steps()
                : "at most " + s.steps() + " steps or " + s.onlineSeconds() + " s of",
            s.batch(),
            s.learningRate(),
            s.dpoBeta(),
            s.d3poBeta(),
            s.tau(),
            s.delta(),
            s.emaAlpha(),
            MachineDescription.current());
    String markdown = new AblationRunner(s).run(header);
    System.out.println(markdown);
    System.out.printf(
        "ablation finished in %.0f s; files in %s%n",
        (System.nanoTime() - started) / 1e9, s.out().toAbsolutePath());
    return 0;
  }

  AblationSettings settings() {
    AblationSettings d =
        quick
            ? AblationSettings.quick(base, out, rewardDir)
            : AblationSettings.full(base, out, rewardDir);
    EvalSettings eval =
        d.eval()
            .withSize(
                evalPrompts == null ? d.eval().prompts() : evalPrompts,
                evalSeeds == null ? d.eval().seedsPerPrompt() : evalSeeds);
    return new AblationSettings(
            base,
            out,
            mode,
            pairs == null ? d.streamPairs() : pairs,
            d.streamSampler(),
            steps == null ? d.steps() : steps,
            onlineSeconds == null ? d.onlineSeconds() : onlineSeconds,
            snapshotEvery == null ? d.snapshotEvery() : snapshotEvery,
            batch == null ? d.batch() : batch,
            learningRate == null ? d.learningRate() : learningRate,
            d.dpoBeta(),
            d3poBeta == null ? d.d3poBeta() : d3poBeta,
            tau == null ? d.tau() : tau,
            delta == null ? d.delta() : delta,
            d.emaAlpha(),
            !noD3po,
            seed == null ? d.seed() : seed,
            d.streamSeed(),
            eval,
            List.of(),
            Optional.empty(),
            Optional.empty())
        .withOnly(only)
        .withReusedStream(Optional.ofNullable(reusedStream))
        .withReusedBaseline(Optional.ofNullable(baselineFrom));
  }

  private List<String> commandLine() {
    List<String> args = new ArrayList<>();
    if (quick) {
      args.add("--quick");
    }
    args.add("--mode " + mode);
    args.add("--base " + base);
    args.add("--out " + out);
    addIf(args, "--pairs", pairs);
    addIf(args, "--steps", steps);
    addIf(args, "--online-seconds", onlineSeconds);
    addIf(args, "--snapshot-every", snapshotEvery);
    addIf(args, "--batch", batch);
    addIf(args, "--lr", learningRate);
    addIf(args, "--d3po-beta", d3poBeta);
    addIf(args, "--tau", tau);
    addIf(args, "--delta", delta);
    addIf(args, "--eval-prompts", evalPrompts);
    addIf(args, "--eval-seeds", evalSeeds);
    if (noD3po) {
      args.add("--no-d3po");
    }
    if (!only.isEmpty()) {
      args.add("--only " + String.join(",", only));
    }
    addIf(args, "--seed", seed);
    addIf(args, "--reuse-stream", reusedStream);
    addIf(args, "--baseline-from", baselineFrom);
    return args;
  }

  private static void addIf(List<String> args, String flag, Object value) {
    if (value != null) {
      args.add(flag + " " + value);
    }
  }

  public static void main(String[] args) {
    Commands.runAndExit(new AblateCommand(), args);
  }
}
