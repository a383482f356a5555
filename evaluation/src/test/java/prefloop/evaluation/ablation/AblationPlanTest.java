package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import prefloop.learner.core.GuardAction;
import prefloop.learner.core.ObjectiveKind;
import prefloop.learner.core.ReferenceUpdateConfig;

class AblationPlanTest {
  private static final AblationSettings FULL =
      AblationSettings.full(Path.of("base"), Path.of("out"), Path.of("reward"));

  @Test
  void everyConfigurationRunsByDefaultAndDiffersOnlyInWhatItsNameSays() {
    List<AblationVariant> all = AblationPlan.variants(FULL);

    assertThat(all).extracting(AblationVariant::name).hasSize(12).startsWith("dpo");
    assertThat(trainer(all, "dpok").objective()).isEqualTo(ObjectiveKind.DPOK);
    assertThat(trainer(all, "dpok+both").reference())
        .isEqualTo(trainer(all, "dpo+both").reference());
    ReferenceUpdateConfig hard = trainer(all, "dpo+ref-hard").reference();
    ReferenceUpdateConfig unguarded = trainer(all, "dpo+ref-noguard").reference();
    assertThat(hard.alpha()).isEqualTo(1.0);
    assertThat(hard.guardEnabled()).isTrue();
    assertThat(unguarded).isEqualTo(hard.withGuard(false, GuardAction.FREEZE));
  }

  @Test
  void onlyKeepsTheNamedConfigurationsAndAlwaysTheBaseline() {
    List<AblationVariant> some =
        AblationPlan.variants(withOnly(List.of("dpo+ref-noguard", "dpo+ref-hard")));

    assertThat(some)
        .extracting(AblationVariant::name)
        .containsExactly("dpo", "dpo+ref-hard", "dpo+ref-noguard");
  }

  @Test
  void anUnknownNameIsAnErrorThatListsTheConfigurations() {
    assertThatThrownBy(() -> AblationPlan.variants(withOnly(List.of("dpo+ref-typo"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dpo+ref-typo")
        .hasMessageContaining("dpo+ts-paper");
  }

  @Test
  void aReusedStreamMustExist() {
    assertThatThrownBy(() -> withStream(Path.of("no/such/stream.prefs")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--reuse-stream");
  }

  private static prefloop.learner.core.TrainerConfig trainer(
      List<AblationVariant> variants, String name) {
    return variants.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().trainer();
  }

  private static AblationSettings withOnly(List<String> only) {
    return FULL.withOnly(only);
  }

  private static AblationSettings withStream(Path stream) {
    return FULL.withReusedStream(Optional.of(stream));
  }
}
