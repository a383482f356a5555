package prefloop.diffusion.sampler;

import java.util.Arrays;
import java.util.List;

/**
 * What to sample: one image per (prompt, seed).
 *
 * @param prompts prompt texts (blank = the empty prompt)
 * @param seeds one seed per image: x_T and every step's noise come from it alone
 * @param settings sampler settings
 * @param keepTrajectory return x_T … x_0 (per image, S+1 frames)
 * @param startFrom null, or for each image the index of the image whose x_T it starts from (its
 *     step noise stays its own): images that share a start differ only by what the steps drew
 */
public record SampleRequest(
    List<String> prompts,
    long[] seeds,
    SamplerSettings settings,
    boolean keepTrajectory,
    int[] startFrom) {

  public SampleRequest {
    prompts = List.copyOf(prompts);
    seeds = seeds.clone();
    if (prompts.isEmpty() || prompts.size() != seeds.length) {
      throw new IllegalArgumentException(
          "SampleRequest needs one seed per prompt and at least one prompt; got "
              + prompts.size()
              + " prompts and "
              + seeds.length
              + " seeds");
    }
    if (startFrom != null) {
      startFrom = startFrom.clone();
      int n = seeds.length;
      if (startFrom.length != n || Arrays.stream(startFrom).anyMatch(i -> i < 0 || i >= n)) {
        throw new IllegalArgumentException(
            "startFrom needs one image index in [0, "
                + n
                + ") per image, got "
                + Arrays.toString(startFrom));
      }
    }
  }

  /** Every image from its own x_T. */
  public SampleRequest(
      List<String> prompts, long[] seeds, SamplerSettings settings, boolean keepTrajectory) {
    this(prompts, seeds, settings, keepTrajectory, null);
  }

  /** Images only, no trajectory. */
  public static SampleRequest of(List<String> prompts, long[] seeds, SamplerSettings settings) {
    return new SampleRequest(prompts, seeds, settings, false);
  }

  @Override
  public long[] seeds() {
    return seeds.clone();
  }

  @Override
  public int[] startFrom() {
    return startFrom == null ? null : startFrom.clone();
  }

  /**
   * The images {@code from} (inclusive) to {@code to} (exclusive) of this request.
   *
   * @throws IllegalArgumentException when the slice would part an image from the one whose start it
   *     shares
   */
  public SampleRequest slice(int from, int to) {
    int[] sliceStarts = null;
    if (startFrom != null) {
      sliceStarts = new int[to - from];
      for (int i = from; i < to; i++) {
        if (startFrom[i] < from || startFrom[i] >= to) {
          throw new IllegalArgumentException(
              "images ["
                  + from
                  + ", "
                  + to
                  + ") part image "
                  + i
                  + " from image "
                  + startFrom[i]
                  + ", whose start it shares");
        }
        sliceStarts[i - from] = startFrom[i] - from;
      }
    }
    return new SampleRequest(
        prompts.subList(from, to),
        Arrays.copyOfRange(seeds, from, to),
        settings,
        keepTrajectory,
        sliceStarts);
  }
}
