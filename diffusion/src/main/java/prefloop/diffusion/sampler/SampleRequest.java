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
 */
public record SampleRequest(
    List<String> prompts, long[] seeds, SamplerSettings settings, boolean keepTrajectory) {

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
  }

  /** Images only, no trajectory. */
  public static SampleRequest of(List<String> prompts, long[] seeds, SamplerSettings settings) {
    return new SampleRequest(prompts, seeds, settings, false);
  }

  @Override
  public long[] seeds() {
    return seeds.clone();
  }

  /** The images {@code from} (inclusive) to {@code to} (exclusive) of this request. */
  public SampleRequest slice(int from, int to) {
    return new SampleRequest(
        prompts.subList(from, to), Arrays.copyOfRange(seeds, from, to), settings, keepTrajectory);
  }
}
