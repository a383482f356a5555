package prefloop.evaluation.ablation;

import java.util.ArrayList;
import java.util.List;
import prefloop.learner.core.GuardAction;
import prefloop.learner.core.ObjectiveKind;
import prefloop.learner.core.ReferenceUpdateConfig;
import prefloop.learner.core.TimestepStrategyKind;
import prefloop.learner.core.TrainerConfig;

/**
 * The configurations of the paper's ablation (Tables 1, 3 and 4), built from one base {@link
 * TrainerConfig} so that they differ only in what their names say:
 *
 * <ol>
 *   <li>{@code dpo} — Diffusion-DPO, frozen reference, uniform t (the baseline of Table 1);
 *   <li>{@code dpo+ref-hard} — α = 1 hard copy every τ steps, drift guard FREEZE at δ;
 *   <li>{@code dpo+ref-ema} — EMA α &lt; 1, guard FREEZE;
 *   <li>{@code dpo+ref-noguard} — α = 1 without the guard (the divergence the paper warns about);
 *   <li>{@code dpo+ts-paper}, {@code dpo+ts-adaptive} — timestep-aware training alone;
 *   <li>{@code dpo+both}, {@code dpo+both-adaptive} — EMA reference + paper / adaptive timesteps;
 *   <li>{@code d3po}, {@code d3po+both} — D3PO without and with both improvements;
 *   <li>{@code dpok}, {@code dpok+both} — DPOK (β {@link TrainerConfig#DPOK_BETA}, advantages from
 *       the raters' rewards) without and with both; with the D3PO rows, as both need trajectories.
 * </ol>
 */
public final class AblationPlan {
  /** The name of the baseline row every win rate of Table 1 is against. */
  public static final String BASELINE = "dpo";

  private AblationPlan() {}

  public static List<AblationVariant> variants(AblationSettings s) {
    TrainerConfig dpo =
        TrainerConfig.defaults()
            .withObjective(ObjectiveKind.DIFFUSION_DPO, s.dpoBeta())
            .withLearningRate(s.learningRate())
            .withSeed(s.seed())
            .withTimesteps(TimestepStrategyKind.UNIFORM)
            .withReference(ReferenceUpdateConfig.off());
    ReferenceUpdateConfig guarded =
        ReferenceUpdateConfig.defaults()
            .withTau(s.tau())
            .withDelta(s.delta())
            .withGuard(true, GuardAction.FREEZE);
    ReferenceUpdateConfig hard = guarded.withAlpha(1.0);
    ReferenceUpdateConfig ema = guarded.withAlpha(s.emaAlpha());
    ReferenceUpdateConfig unguarded = hard.withGuard(false, GuardAction.FREEZE);
    List<AblationVariant> list = new ArrayList<>();
    list.add(new AblationVariant(BASELINE, "Diffusion-DPO, frozen reference", dpo));
    list.add(
        new AblationVariant(
            "dpo+ref-hard",
            "+ reference update α = 1 every τ, guard FREEZE",
            dpo.withReference(hard)));
    list.add(
        new AblationVariant(
            "dpo+ref-ema",
            "+ reference update EMA α = " + s.emaAlpha() + ", guard FREEZE",
            dpo.withReference(ema)));
    list.add(
        new AblationVariant(
            "dpo+ref-noguard",
            "+ reference update α = 1, no drift guard",
            dpo.withReference(unguarded)));
    list.add(
        new AblationVariant(
            "dpo+ts-paper",
            "+ timestep-aware (paper: γ^k bins, λ(t))",
            dpo.withTimesteps(TimestepStrategyKind.PAPER)));
    list.add(
        new AblationVariant(
            "dpo+ts-adaptive",
            "+ timestep-aware (adaptive per-bin weights)",
            dpo.withTimesteps(TimestepStrategyKind.ADAPTIVE)));
    list.add(
        new AblationVariant(
            "dpo+both",
            "+ EMA reference (guarded) + paper timesteps",
            dpo.withReference(ema).withTimesteps(TimestepStrategyKind.PAPER)));
    list.add(
        new AblationVariant(
            "dpo+both-adaptive",
            "+ EMA reference (guarded) + adaptive timesteps",
            dpo.withReference(ema).withTimesteps(TimestepStrategyKind.ADAPTIVE)));
    if (s.withD3po()) {
      addWithBoth(list, "d3po", "D3PO", dpo.withObjective(ObjectiveKind.D3PO, s.d3poBeta()), ema);
      addWithBoth(
          list,
          "dpok",
          "DPOK",
          dpo.withObjective(ObjectiveKind.DPOK, TrainerConfig.DPOK_BETA),
          ema);
    }
    return chosen(list, s.only());
  }

  /** A trajectory objective's row with a frozen reference, and its row with both improvements. */
  private static void addWithBoth(
      List<AblationVariant> list,
      String name,
      String objective,
      TrainerConfig frozen,
      ReferenceUpdateConfig ema) {
    list.add(new AblationVariant(name, objective + ", frozen reference", frozen));
    list.add(
        new AblationVariant(
            name + "+both",
            objective + " + EMA reference (guarded) + paper timesteps",
            frozen.withReference(ema).withTimesteps(TimestepStrategyKind.PAPER)));
  }

  private static List<AblationVariant> chosen(List<AblationVariant> all, List<String> only) {
    if (only.isEmpty()) {
      return all;
    }
    List<String> names = all.stream().map(AblationVariant::name).toList();
    for (String name : only) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "ablate --only " + name + " is not a configuration; choose among " + names);
      }
    }
    return all.stream().filter(v -> v.name().equals(BASELINE) || only.contains(v.name())).toList();
  }
}
