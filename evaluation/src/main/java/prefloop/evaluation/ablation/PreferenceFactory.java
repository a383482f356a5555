package prefloop.evaluation.ablation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.SamplingResult;
import prefloop.rater.ensemble.Ensemble;
import prefloop.rater.ensemble.GroupScore;
import prefloop.rater.ensemble.Judgement;
import prefloop.schemas.InlineImage;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;
import prefloop.schemas.avro.SamplerKind;
import prefloop.schemas.avro.Trajectory;
import prefloop.world.PngCodec;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RgbImage;

/**
 * Makes labelled preferences the way generator + rater do, in one process: pair i is a training
 * prompt ({@link PromptSplit#sampleTrain}, seeded) sampled twice from a model with seeds (firstSeed
 * + 2i, firstSeed + 2i + 1), scored and labelled by {@link DefaultRaters}, and packed into the
 * {@link Preference} message the learner consumes — with inline trajectories when asked (D3PO needs
 * them; η must then be &gt; 0). Deterministic for (weights, settings, seed).
 */
public final class PreferenceFactory {
  private final SamplerSettings sampler;
  private final boolean trajectories;
  private final DefaultRaters raters;
  private final PromptSplit split = new PromptSplit(new PromptGrammar());
  private final Random prompts;
  private final long firstSeed;
  private final String idPrefix;
  private long next;

  /**
   * @param idPrefix prefix of the pair ids (e.g. "stream-"); ids are prefix + index
   */
  public PreferenceFactory(
      SamplerSettings sampler,
      boolean trajectories,
      DefaultRaters raters,
      long seed,
      String idPrefix) {
    if (trajectories && !(sampler.eta() > 0)) {
      throw new IllegalArgumentException(
          "trajectories need a stochastic sampler (eta > 0, got "
              + sampler.eta()
              + "): D3PO's log-probabilities are undefined for deterministic steps");
    }
    this.sampler = sampler;
    this.trajectories = trajectories;
    this.raters = raters;
    this.prompts = new Random(seed);
    this.firstSeed = seed * 1_000_003L;
    this.idPrefix = idPrefix;
  }

  /** The next {@code count} labelled pairs sampled from {@code model} (policy version given). */
  public List<Preference> next(DiffusionModel model, int count, long policyVersion) {
    List<String> texts = new ArrayList<>(2 * count);
    long[] seeds = new long[2 * count];
    long from = next;
    for (int i = 0; i < count; i++) {
      String text = split.sampleTrain(prompts).text();
      texts.add(text);
      texts.add(text);
      seeds[2 * i] = firstSeed + 2 * (from + i);
      seeds[2 * i + 1] = firstSeed + 2 * (from + i) + 1;
    }
    next += count;
    SamplingResult result;
    try (DdimSampler ddim = new DdimSampler(model)) {
      result = ddim.sample(new SampleRequest(texts, seeds, sampler, trajectories));
    }
    List<Ensemble.PairInput> inputs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      inputs.add(
          new Ensemble.PairInput(
              texts.get(2 * i), result.images().get(2 * i), result.images().get(2 * i + 1)));
    }
    List<GroupScore> scores = raters.score(inputs);
    List<Preference> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = idPrefix + (from + i);
      Judgement judgement = raters.label(id, scores.get(i).pair());
      out.add(
          message(id, inputs.get(i), seeds, i, result, scores.get(i), judgement, policyVersion));
    }
    return out;
  }

  private Preference message(
      String id,
      Ensemble.PairInput pair,
      long[] seeds,
      int i,
      SamplingResult result,
      GroupScore score,
      Judgement judgement,
      long policyVersion) {
    Map<String, PairScores> perModel = new LinkedHashMap<>();
    score.pair().perModel().forEach((name, ab) -> perModel.put(name, new PairScores(ab[0], ab[1])));
    return Preference.newBuilder()
        .setPairId(id)
        .setPrompt(pair.prompt())
        .setPolicyVersion(policyVersion)
        .setImages(List.of(image(pair.a(), seeds[2 * i]), image(pair.b(), seeds[2 * i + 1])))
        .setLabel(judgement.label())
        .setRater(new RaterInfo(raters.raterId(), RaterKind.MODEL))
        .setScores(perModel)
        .setConfidence(judgement.confidence())
        .setSampler(
            new prefloop.schemas.avro.SamplerSettings(
                sampler.steps(), sampler.eta(), sampler.guidanceScale(), SamplerKind.DDIM))
        .setTrajectory(trajectories ? trajectory(result, i) : null)
        .setGroup(score.rewards(0, 1))
        // a fixed clock keeps a recorded stream byte-identical across runs
        .setRatedAt(Instant.ofEpochMilli(next))
        .build();
  }

  private static GeneratedImage image(RgbImage image, long seed) {
    byte[] png = PngCodec.encode(image, Map.of("seed", Long.toString(seed)));
    return InlineImage.of(seed, png, image.width(), image.height());
  }

  /** Both images' frames as float32 little-endian [2, S+1, C, H, W] (the learner's layout). */
  private static Trajectory trajectory(SamplingResult result, int pair) {
    float[][] a = result.trajectories()[2 * pair];
    float[][] b = result.trajectories()[2 * pair + 1];
    int frames = a.length;
    int frameSize = a[0].length;
    RgbImage first = result.images().get(0);
    ByteBuffer bytes =
        ByteBuffer.allocate(2 * frames * frameSize * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float[][] image : List.of(a, b)) {
      for (float[] frame : image) {
        bytes.asFloatBuffer().put(frame);
        bytes.position(bytes.position() + frameSize * Float.BYTES);
      }
    }
    bytes.flip();
    List<Integer> timesteps = new ArrayList<>();
    for (int t : result.timesteps()) {
      timesteps.add(t);
    }
    List<List<Double>> logProbs = new ArrayList<>();
    if (result.logProbs() != null) {
      for (int image : new int[] {2 * pair, 2 * pair + 1}) {
        List<Double> steps = new ArrayList<>();
        for (float lp : result.logProbs()[image]) {
          steps.add((double) lp);
        }
        logProbs.add(steps);
      }
    }
    return Trajectory.newBuilder()
        .setLatents(bytes)
        .setBlobUri(null)
        .setShape(List.of(2, frames, RgbImage.CHANNELS, first.height(), first.width()))
        .setTimesteps(timesteps)
        .setLogProbs(logProbs)
        .build();
  }
}
