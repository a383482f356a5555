package prefloop.evaluation.ablation;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.evaluation.EvalSettings;

/**
 * Everything {@code ablate} needs.
 *
 * @param base the base checkpoint (p_init of every configuration and the stream's sampler)
 * @param out output directory (stream, tables, JSON, charts, grid)
 * @param mode offline replay or online loop
 * @param streamPairs pairs in the recorded stream (offline)
 * @param streamSampler how stream (and online) pairs are sampled; η &gt; 0 so D3PO has densities
 * @param steps optimiser steps per configuration (online: at most this many)
 * @param onlineSeconds wall time per configuration (online: at most this long)
 * @param snapshotEvery every this many steps, sample the policy on the evaluation set for the
 *     win-rate-over-steps curve ({@code curve.md}); 0 for none
 * @param batch pairs per step
 * @param learningRate AdamW learning rate of every configuration
 * @param dpoBeta β of Diffusion-DPO
 * @param d3poBeta β of D3PO
 * @param tau τ, steps between reference updates
 * @param delta δ of the drift guard
 * @param emaAlpha α of the EMA reference update (the hard copy is α = 1)
 * @param withD3po whether the D3PO and DPOK rows are run (both need trajectories)
 * @param seed root seed of every trainer (the same for all configurations)
 * @param streamSeed seed of the stream's prompts and sampler seeds
 * @param eval how final policies are evaluated
 * @param only the configurations to run (empty: all of {@link AblationPlan}); the baseline {@code
 *     dpo} always runs, since Table 1 is against it
 * @param reusedStream a stream recorded by an earlier run, replayed instead of recording a new one
 * @param reusedBaseline the output directory of an earlier run with the same {@link BaselineKey},
 *     whose baseline is re-sampled instead of trained again ({@link BaselineReuse})
 */
@RecordBuilder
public record AblationSettings(
    Path base,
    Path out,
    AblationMode mode,
    int streamPairs,
    SamplerSettings streamSampler,
    int steps,
    int onlineSeconds,
    int snapshotEvery,
    int batch,
    double learningRate,
    double dpoBeta,
    double d3poBeta,
    int tau,
    double delta,
    double emaAlpha,
    boolean withD3po,
    long seed,
    long streamSeed,
    EvalSettings eval,
    List<String> only,
    Optional<Path> reusedStream,
    Optional<Path> reusedBaseline)
    implements AblationSettingsBuilder.With {

  public AblationSettings {
    only = List.copyOf(only);
    check(
        reusedStream.isEmpty() || Files.isRegularFile(reusedStream.get()),
        "reuse-stream",
        reusedStream.orElse(null),
        "an existing stream.prefs written by an earlier ablate run");
    check(
        reusedBaseline.isEmpty() || Files.isDirectory(reusedBaseline.get()),
        "baseline-from",
        reusedBaseline.orElse(null),
        "the output directory of an earlier ablate run");
    check(base != null, "base", base, "a checkpoint directory");
    check(out != null, "out", out, "a directory");
    check(mode != null, "mode", mode, "OFFLINE or ONLINE");
    check(streamPairs >= 1, "pairs", streamPairs, ">= 1");
    check(steps >= 1, "steps", steps, ">= 1");
    check(onlineSeconds >= 1, "online-seconds", onlineSeconds, ">= 1");
    check(snapshotEvery >= 0, "snapshot-every", snapshotEvery, ">= 0 (0: no snapshots)");
    check(batch >= 1 && batch <= 256, "batch", batch, "in [1, 256]");
    check(tau >= 1, "tau", tau, ">= 1");
    check(delta > 0, "delta", delta, "> 0");
    check(emaAlpha > 0 && emaAlpha < 1, "ema-alpha", emaAlpha, "in (0, 1)");
    check(
        !withD3po || streamSampler.eta() > 0,
        "stream eta",
        streamSampler.eta(),
        "> 0 when D3PO runs (it needs trajectory densities)");
  }

  /**
   * The full ablation (docs/RESULTS.md): 1024 stream pairs (10 DDIM steps, η = 1, guidance 2), 400
   * steps of 8 pairs per configuration, lr 1e-4, β 5000 (D3PO 0.1), τ 16, δ 2e-4, EMA α 0.5;
   * evaluation on 48 held-out prompts × 4 seeds, 10 deterministic DDIM steps.
   */
  public static AblationSettings full(Path base, Path out, Path rewardDir) {
    return new AblationSettings(
        base,
        out,
        AblationMode.OFFLINE,
        1024,
        new SamplerSettings(10, 1.0, 2.0, TimestepSpacing.TRAILING, true),
        400,
        180,
        0,
        8,
        1e-4,
        1000, // β of the learning check's best runs (docs/learner/LEARNING_CHECK.md)
        0.1,
        16,
        2e-4,
        0.5,
        true,
        20261124L,
        7L,
        evalSettings(48, 4, 10, rewardDir),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  /** The CI smoke variant: every configuration, tiny counts (24 pairs, 8 steps, 6 × 2 images). */
  public static AblationSettings quick(Path base, Path out, Path rewardDir) {
    AblationSettings full = full(base, out, rewardDir);
    return new AblationSettings(
        base,
        out,
        full.mode(),
        24,
        full.streamSampler().withSteps(4),
        8,
        5,
        0,
        4,
        full.learningRate(),
        full.dpoBeta(),
        full.d3poBeta(),
        2,
        full.delta(),
        full.emaAlpha(),
        true,
        full.seed(),
        full.streamSeed(),
        evalSettings(6, 2, 4, rewardDir),
        List.of(),
        Optional.empty(),
        Optional.empty());
  }

  private static EvalSettings evalSettings(int prompts, int seeds, int steps, Path rewardDir) {
    EvalSettings defaults = EvalSettings.defaults();
    return defaults
        .withSize(prompts, seeds)
        .withSampler(defaults.sampler().withSteps(steps))
        .withRewardDir(rewardDir);
  }

  private static void check(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "ablate --" + key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
