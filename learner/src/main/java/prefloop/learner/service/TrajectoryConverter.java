package prefloop.learner.service;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import prefloop.learner.core.GroupAdvantage;
import prefloop.learner.core.TrajectoryPair;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.SamplerSettings;
import prefloop.schemas.avro.ScoredGroup;
import prefloop.schemas.avro.Trajectory;

/**
 * Reads a preference's trajectories (inline, or fetched from the generator's blob URL) (float32
 * little-endian latents of shape [2, S+1, C, H, W], x_T first) into a {@link TrajectoryPair}
 * ordered winner/loser, with the t_prev and clipping the sampler used (pairs from older generators,
 * which carry neither: the next visited timestep, and clipping), and with DPOK's advantages from
 * the rater's rewards of the pair's group when it carries them. Only trajectory objectives call
 * this.
 */
final class TrajectoryConverter {
  private TrajectoryConverter() {}

  static Optional<TrajectoryPair> convert(Preference preference, boolean aWins) {
    return convert(preference, aWins, null);
  }

  /** As above; latents behind a {@code blob_uri} are fetched with {@code blobs}. */
  static Optional<TrajectoryPair> convert(Preference preference, boolean aWins, BlobFetcher blobs) {
    Trajectory trajectory = preference.getTrajectory();
    SamplerSettings sampler = preference.getSampler();
    if (trajectory == null) {
      return Optional.empty();
    }
    if (sampler == null) {
      throw new InvalidPreferenceException("a trajectory needs the pair's sampler settings");
    }
    ByteBuffer latents = trajectory.getLatents();
    if (latents == null) {
      if (trajectory.getBlobUri() == null || blobs == null) {
        throw new InvalidPreferenceException(
            "a trajectory needs inline latents or a blob_uri the learner can fetch");
      }
      latents = ByteBuffer.wrap(blobs.fetch(trajectory.getBlobUri()));
    }
    List<Integer> shape = trajectory.getShape();
    List<Integer> timesteps = trajectory.getTimesteps();
    if (shape.size() != 5 || shape.get(0) != 2 || shape.get(1) != timesteps.size() + 1) {
      throw new InvalidPreferenceException(
          "trajectory shape "
              + shape
              + " must be [2, steps + 1, C, H, W] with steps = "
              + timesteps.size());
    }
    int frames = shape.get(1);
    int frameSize = shape.get(2) * shape.get(3) * shape.get(4);
    ByteBuffer bytes = latents.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.remaining() != 2L * frames * frameSize * Float.BYTES) {
      throw new InvalidPreferenceException(
          "trajectory latents are " + bytes.remaining() + " bytes, shape " + shape + " needs more");
    }
    float[][][] images = new float[2][frames][frameSize];
    for (float[][] image : images) {
      for (float[] frame : image) {
        bytes.asFloatBuffer().get(frame);
        bytes.position(bytes.position() + frameSize * Float.BYTES);
      }
    }
    int[] t = timesteps.stream().mapToInt(Integer::intValue).toArray();
    int[] previous = previousTimesteps(trajectory, t);
    boolean clipped = trajectory.getClipSample() == null || trajectory.getClipSample();
    try {
      return Optional.of(
          new TrajectoryPair(
              images[aWins ? 0 : 1],
              images[aWins ? 1 : 0],
              t,
              previous,
              sampler.getEta(),
              sampler.getGuidance(),
              clipped,
              logProbs(trajectory, aWins ? 0 : 1, t.length),
              logProbs(trajectory, aWins ? 1 : 0, t.length),
              advantage(preference.getGroup(), aWins)));
    } catch (IllegalArgumentException e) {
      throw new InvalidPreferenceException("trajectory: " + e.getMessage(), e);
    }
  }

  /** DPOK's advantages from the rater's rewards; from the label when the preference has none. */
  private static GroupAdvantage advantage(ScoredGroup group, boolean aWins) {
    if (group == null) {
      return GroupAdvantage.FROM_LABEL;
    }
    double[] rewards = group.getRewards().stream().mapToDouble(Double::doubleValue).toArray();
    int a = group.getAIndex();
    int b = group.getBIndex();
    try {
      return GroupAdvantage.of(rewards, aWins ? a : b, aWins ? b : a);
    } catch (IllegalArgumentException e) {
      throw new InvalidPreferenceException("group rewards: " + e.getMessage(), e);
    }
  }

  /** Image {@code image}'s sampling log-probability per step; empty when the pair has none. */
  private static double[] logProbs(Trajectory trajectory, int image, int steps)
      throws InvalidPreferenceException {
    List<List<Double>> carried = trajectory.getLogProbs();
    if (carried == null || carried.isEmpty()) {
      return new double[0];
    }
    if (carried.size() != 2 || carried.get(image).size() != steps) {
      throw new InvalidPreferenceException(
          "trajectory log_probs must be 2 × " + steps + " (image × step)");
    }
    return carried.get(image).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The t_prev of each step as the sampler used it. Pairs from older generators do not carry it:
   * the next visited timestep is the best guess there, exact only when S divides T.
   */
  private static int[] previousTimesteps(Trajectory trajectory, int[] t)
      throws InvalidPreferenceException {
    List<Integer> carried = trajectory.getPreviousTimesteps();
    if (carried != null && !carried.isEmpty()) {
      if (carried.size() != t.length) {
        throw new InvalidPreferenceException(
            "trajectory has " + carried.size() + " previous timesteps for " + t.length + " steps");
      }
      return carried.stream().mapToInt(Integer::intValue).toArray();
    }
    int[] previous = new int[t.length];
    for (int i = 0; i < t.length; i++) {
      previous[i] = i + 1 < t.length ? t[i + 1] : -1;
    }
    return previous;
  }
}
