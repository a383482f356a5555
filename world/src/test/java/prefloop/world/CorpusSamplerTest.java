package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusSamplerTest {
  private final PromptSplit split = new PromptSplit(new PromptGrammar());

  private CorpusSampler sampler(long seed) {
    return new CorpusSampler(split.train(), new Renderer(), CorpusMix.defaults(), seed);
  }

  @Test
  void samplesDependOnlyOnSeedAndIndex() {
    CorpusSampler a = sampler(5);
    List<CorpusSample> first = a.next(20);
    CorpusSampler b = sampler(5);
    b.seek(10);
    assertThat(b.next().image()).isEqualTo(first.get(10).image());
    assertThat(b.get(3).prompt()).isEqualTo(first.get(3).prompt());
    assertThat(sampler(6).get(3).image()).isNotEqualTo(first.get(3).image());
  }

  @Test
  void followsTheMixAndUsesOnlyTrainingPrompts() {
    List<CorpusSample> samples = sampler(1).next(800);
    double clean = samples.stream().filter(CorpusSample::clean).count() / 800.0;
    double two = samples.stream().filter(s -> s.degradations().size() == 2).count() / 800.0;
    assertThat(clean).isBetween(0.40, 0.50);
    assertThat(two).isBetween(0.16, 0.24);
    assertThat(samples).noneMatch(s -> split.isHeldOut(s.prompt()));
    assertThat(samples).allMatch(s -> s.degradations().size() <= 2);
  }

  @Test
  void rejectsAMixThatDoesNotSumToOne() {
    assertThatThrownBy(() -> new CorpusMix(0.5, 0.5, 0.5)).hasMessageContaining("sum to 1");
  }
}
