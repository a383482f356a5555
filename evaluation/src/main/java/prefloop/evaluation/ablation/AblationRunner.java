package prefloop.evaluation.ablation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.evaluation.EvalReport;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.ModelSamples;
import prefloop.evaluation.RewardPanel;
import prefloop.learner.core.PreferenceExample;
import prefloop.learner.service.LearnerConfig;
import prefloop.learner.service.PreferenceConverter;
import prefloop.learner.service.RawRecord;
import prefloop.schemas.avro.Preference;

/**
 * Runs the ablation end to end: load the base, record the stream once (offline mode), train every
 * {@link AblationPlan} configuration from the base on it with the same seeds, sample each final
 * policy on the same evaluation items, score everything and write the tables and charts.
 */
public final class AblationRunner {
  private final AblationSettings settings;

  public AblationRunner(AblationSettings settings) {
    this.settings = settings;
  }

  /** Runs everything; returns the markdown written to {@code ablation.md}. */
  public String run(String header) throws IOException, CorruptCheckpointException {
    long started = System.nanoTime();
    List<AblationVariant> variants = AblationPlan.variants(settings);
    Map<String, VariantTrace> traces = new LinkedHashMap<>();
    List<ModelSamples> samples = new ArrayList<>();
    Map<String, List<ModelSamples>> snapshots = new LinkedHashMap<>();
    EvalReport report;
    String streamLine;
    try (LoadedCheckpoint loaded = new CheckpointLoader().load(settings.base());
        RewardPanel panel = RewardPanel.load(settings.eval().rewardDir());
        DefaultRaters raters = new DefaultRaters(settings.eval().rewardDir())) {
      DiffusionModel base = loaded.model();
      Evaluator evaluator = new Evaluator(settings.eval(), panel);
      samples.add(evaluator.sample("base", settings.base().toString(), base));
      System.out.printf("sampled the base on %d evaluation images%n", settings.eval().images());
      PreferenceFactory factory =
          new PreferenceFactory(
              settings.streamSampler(),
              settings.withD3po(),
              raters,
              settings.streamSeed(),
              "stream-");
      PreferenceStream stream =
          new PreferenceStream(
              settings.reusedStream().orElse(settings.out().resolve("stream.prefs")));
      if (settings.reusedStream().isPresent()) {
        streamLine =
            String.format(
                "Stream: reused %s (%d trainable A/B pairs), recorded by an earlier run.",
                stream.file(), stream.examples(variants.get(0).trainer(), base).size());
      } else {
        PreferenceStream.Recorded recorded =
            stream.record(factory, base, settings.streamPairs(), Math.max(8, settings.batch()));
        streamLine =
            String.format(
                "Stream: %d pairs from the base (%s), labelled by the default raters (%s): %d A/B,"
                    + " %d ties; recorded in %.0f s to %s.",
                recorded.pairs(),
                settings.streamSampler(),
                raters.describe(),
                recorded.decisive(),
                recorded.ties(),
                recorded.seconds(),
                stream.file());
      }
      BaselineKey key = BaselineKey.of(settings, variants.get(0), onlineSeed(), stream.file());
      key.write(settings.out());
      Optional<BaselineReuse> reuse = settings.reusedBaseline().map(BaselineReuse::new);
      if (reuse.isPresent()) {
        streamLine +=
            String.format(
                "%n%nBaseline `%s`: trained by the earlier run in %s, with the same settings on"
                    + " the same machine type (%s), and sampled again here.",
                AblationPlan.BASELINE, reuse.get().runDir(), BaselineKey.FILE);
      }
      System.out.println(streamLine);
      VariantTrainer trainer =
          new VariantTrainer(settings, base, evaluator, PolicyFiles.of(settings.out()));
      for (AblationVariant variant : variants) {
        boolean reused = reuse.isPresent() && variant.name().equals(AblationPlan.BASELINE);
        VariantTrainer.Outcome outcome =
            reused
                ? reuse.get().outcome(key, variant, evaluator)
                : train(trainer, variant, stream.examples(variant.trainer(), base), raters, base);
        traces.put(variant.name(), outcome.trace());
        samples.add(outcome.samples());
        if (!outcome.snapshots().isEmpty()) {
          snapshots.put(variant.name(), outcome.snapshots());
        }
        System.out.printf(
            (reused ? "reused" : "trained")
                + " %s: %d steps in %.0f s, D(policy, base) %.2e, %d merges (%d frozen)%n",
            variant.name(),
            outcome.trace().steps(),
            outcome.trace().seconds(),
            outcome.trace().finalDrift(),
            outcome.trace().merges().size(),
            outcome.trace().frozenMerges());
      }
      report = evaluator.report(samples, List.of(AblationPlan.BASELINE, "base"), started);
      if (!snapshots.isEmpty()) {
        AblationCurve.write(
            evaluator, samples.get(0), snapshots, header + "\n\n" + streamLine, settings.out());
      }
    }
    String fullHeader = header + "\n\n" + streamLine;
    AblationOutputs.write(fullHeader, report, samples, traces, variants, settings.out());
    return AblationTables.markdown(fullHeader, report, traces, variants);
  }

  private VariantTrainer.Outcome train(
      VariantTrainer trainer,
      AblationVariant variant,
      List<PreferenceExample> examples,
      DefaultRaters raters,
      DiffusionModel base) {
    return settings.mode() == AblationMode.OFFLINE
        ? trainer.offline(variant, examples)
        : trainer.online(
            variant,
            examples.subList(0, Math.min(16, examples.size())),
            online(variant, raters, base));
  }

  /**
   * The seed of the online pairs' prompts and sampler seeds: every configuration of one run draws
   * the same sequence, and runs with another trainer seed draw another, so seeds replicate the
   * whole loop and not only the trainer's t and ε.
   */
  long onlineSeed() {
    return settings.streamSeed() + 1 + 1_000_003L * settings.seed();
  }

  /** Fresh pairs from the policy being trained, labelled and converted as the learner would. */
  private java.util.function.BiFunction<DiffusionModel, Long, List<PreferenceExample>> online(
      AblationVariant variant, DefaultRaters raters, DiffusionModel base) {
    boolean trajectories = variant.trainer().objective().needsTrajectories();
    PreferenceFactory factory =
        new PreferenceFactory(
            settings.streamSampler(), trajectories, raters, onlineSeed(), "online-");
    PreferenceConverter converter =
        new PreferenceConverter(
            LearnerConfig.builder(variant.trainer()).build(),
            base.imageGeometry().size(),
            base.prompts());
    return (policy, step) -> {
      List<PreferenceExample> out = new ArrayList<>();
      for (Preference p : factory.next(policy, settings.batch(), step)) {
        RawRecord at = new RawRecord("online", 0, step, null, new byte[0]);
        converter.convert(at, p, step).trainable().ifPresent(out::add);
      }
      return out;
    };
  }
}
