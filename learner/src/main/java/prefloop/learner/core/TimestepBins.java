package prefloop.learner.core;

/**
 * B equal bins over [0, T), counted from the noisiest: bin k holds t with ⌊(T−1−t)·B/T⌋ = k, so bin
 * 0 = the top 1/B of t (t = T−1 included) and bin B−1 ends at t = 0. When B does not divide T the
 * bins differ in size by at most one timestep.
 *
 * @param timesteps T, the schedule's number of timesteps
 * @param count B, the number of bins, in 1..T
 */
public record TimestepBins(int timesteps, int count) {

  public TimestepBins {
    if (count < 1 || count > timesteps) {
      throw new IllegalArgumentException(
          "timestep bins = " + count + " must be in 1.." + timesteps + " (the schedule's T)");
    }
  }

  /** The bin of timestep t. */
  public int binOf(int t) {
    return (int) ((long) (timesteps - 1 - t) * count / timesteps);
  }

  /** Smallest t of bin k. */
  public int lowest(int k) {
    return timesteps - 1 - (int) (((long) (k + 1) * timesteps - 1) / count);
  }

  /** Largest t of bin k. */
  public int highest(int k) {
    return timesteps - 1 - (int) (((long) k * timesteps + count - 1) / count);
  }
}
