package prefloop.generator;

import io.soabase.recordbuilder.core.RecordBuilder;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;

/**
 * How pairs are sampled.
 *
 * @param steps DDIM steps S, in [1, 1000]
 * @param eta DDIM η: exactly 0 in {@link GenerationMode#DPO_PAIR}, in (0, 10] in {@link
 *     GenerationMode#TRAJECTORY}
 * @param guidance classifier-free guidance scale, in [0, 100]; 1 = none
 * @param mode pair kind
 * @param groupSize images per prompt K, in [2, 16]: K = 2 is a pair; K &gt; 2 is a group (one
 *     GeneratedPair with K images, from K independent seeds) of which the rater keeps the best and
 *     the worst; {@link GenerationMode#TRAJECTORY} takes pairs only
 * @param batchSize prompts sampled together in one batch (K·batchSize images), in [1, 256]
 * @param trajectoryInlineBytes largest trajectory sent inline in the message, in [0, 900000];
 *     larger ones go to a blob file served over HTTP
 * @param passThreads threads that sample a batch's passes (4 images each) at once, in [1, 16]; the
 *     images are the same whatever the number (each depends only on its own seed)
 */
@RecordBuilder
public record SamplingConfig(
    int steps,
    double eta,
    double guidance,
    GenerationMode mode,
    int groupSize,
    int batchSize,
    int trajectoryInlineBytes,
    int passThreads)
    implements SamplingConfigBuilder.With {

  /** Smallest group: a pair. */
  public static final int MIN_GROUP = 2;

  /** Largest group; the rater refuses larger ones too. */
  public static final int MAX_GROUP = 16;

  public SamplingConfig {
    Checks.range("sampling.steps", steps, 1, 1000);
    if (mode == null) {
      throw new IllegalArgumentException("sampling.mode must be DPO_PAIR or TRAJECTORY");
    }
    if (mode == GenerationMode.DPO_PAIR && eta != 0) {
      throw new IllegalArgumentException(
          "sampling.eta = " + eta + " must be 0 in DPO_PAIR mode (deterministic DDIM)");
    }
    if (mode == GenerationMode.TRAJECTORY && !(eta > 0 && eta <= 10)) {
      throw new IllegalArgumentException(
          "sampling.eta = "
              + eta
              + " must be in (0, 10] in TRAJECTORY mode (log-probs need η > 0)");
    }
    if (!(guidance >= 0 && guidance <= 100)) {
      throw new IllegalArgumentException(
          "sampling.guidance = " + guidance + " must be in [0, 100]");
    }
    Checks.range("sampling.groupSize", groupSize, MIN_GROUP, MAX_GROUP);
    if (mode == GenerationMode.TRAJECTORY && groupSize != 2) {
      throw new IllegalArgumentException(
          "sampling.groupSize = "
              + groupSize
              + " is not supported in TRAJECTORY mode: trajectory objectives take pairs (set 2, or"
              + " use DPO_PAIR for groups)");
    }
    Checks.range("sampling.batchSize", batchSize, 1, 256);
    Checks.range("sampling.trajectoryInlineBytes", trajectoryInlineBytes, 0, 900_000);
    Checks.range("sampling.passThreads", passThreads, 1, 16);
  }

  /**
   * 20 DDIM steps, η = 0, guidance 2, DPO pairs, 4 prompts per batch, 64 KiB inline limit, one pass
   * at a time (two made 36 % more pairs in `up` but did not align better: docs/ALIGNMENT.md §14).
   */
  public static SamplingConfig defaults() {
    return new SamplingConfig(20, 0.0, 2.0, GenerationMode.DPO_PAIR, 2, 4, 64 * 1024, 1);
  }

  /** The diffusion module's sampler settings (trailing spacing, x̂_0 clipped). */
  public SamplerSettings samplerSettings() {
    return new SamplerSettings(steps, eta, guidance, TimestepSpacing.TRAILING, true);
  }

  /**
   * Trajectory mode with η, on pairs (one step: DPO_PAIR allows no η &gt; 0, and trajectory
   * objectives take no groups).
   */
  public SamplingConfig withTrajectory(double newEta) {
    return with(b -> b.eta(newEta).mode(GenerationMode.TRAJECTORY).groupSize(MIN_GROUP));
  }
}
