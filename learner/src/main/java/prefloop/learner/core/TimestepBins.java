package prefloop.learner.core;

/**
 * B equal bins over [0, T), counted from the noisiest: bin k holds t with ⌊(T−1−t)·B/T⌋ = k, so bin
 * 0 = the top 1/B of t (t = T−1 included) and bin B−1 ends at t = 0. When B does not divide T the
 * bins differ in size by at most one timestep.
 */
public final class TimestepBins {

  private final int timesteps;
  private final int bins;

  public TimestepBins(int timesteps, int bins) {
    if (bins < 1 || bins > timesteps) {
      throw new IllegalArgumentException(
          "timestep bins = " + bins + " must be in 1.." + timesteps + " (the schedule's T)");
    }
    this.timesteps = timesteps;
    this.bins = bins;
  }

  /** B. */
  public int count() {
    return bins;
  }

  /** T. */
  public int timesteps() {
    return timesteps;
  }

  /** The bin of timestep t. */
  public int binOf(int t) {
    return (int) ((long) (timesteps - 1 - t) * bins / timesteps);
  }

  /** Smallest t of bin k. */
  public int lowest(int k) {
    return timesteps - 1 - (int) (((long) (k + 1) * timesteps - 1) / bins);
  }

  /** Largest t of bin k. */
  public int highest(int k) {
    return timesteps - 1 - (int) (((long) k * timesteps + bins - 1) / bins);
  }
}
