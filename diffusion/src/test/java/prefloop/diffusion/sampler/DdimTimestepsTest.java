package prefloop.diffusion.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values as diffusers' DDIMScheduler.set_timesteps(20) gives them for T = 1000. */
class DdimTimestepsTest {

  @Test
  void trailingSpacingStartsAtTheNoisiestStep() {
    int[] timesteps = DdimTimesteps.of(1000, 20, TimestepSpacing.TRAILING);
    assertThat(timesteps)
        .containsExactly(
            999, 949, 899, 849, 799, 749, 699, 649, 599, 549, 499, 449, 399, 349, 299, 249, 199,
            149, 99, 49);
    int[] previous = DdimTimesteps.previous(1000, timesteps);
    assertThat(previous[0]).isEqualTo(949);
    assertThat(previous[19]).isEqualTo(-1);
  }

  @Test
  void leadingSpacingEndsAtZero() {
    int[] timesteps = DdimTimesteps.of(1000, 20, TimestepSpacing.LEADING);
    assertThat(timesteps[0]).isEqualTo(950);
    assertThat(timesteps[1]).isEqualTo(900);
    assertThat(timesteps[19]).isEqualTo(0);
    assertThat(DdimTimesteps.previous(1000, timesteps)[19]).isEqualTo(-1);
  }

  @Test
  void unevenStepCountsRoundLikeDiffusers() {
    assertThat(DdimTimesteps.of(1000, 3, TimestepSpacing.TRAILING)).containsExactly(999, 666, 332);
    assertThat(DdimTimesteps.of(1000, 3, TimestepSpacing.LEADING)).containsExactly(666, 333, 0);
  }
}
