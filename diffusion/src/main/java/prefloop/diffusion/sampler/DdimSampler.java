package prefloop.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * DDIM sampling (Song et al. 2021) with η, classifier-free guidance, per-image seeds, optional
 * trajectory and per-step log-probabilities (DDPO/D3PO). Each step runs in its own NDManager scope;
 * nothing is copied device→host until the loop ends. Not thread-safe: one sampler per calling
 * thread (they are cheap); {@link #sample(SampleRequest, ExecutorService)} runs one request's
 * passes on several threads at once.
 *
 * <p>Noise: image i's stream is seeded by {@code seeds[i]}; x_T is its first draw and the noise of
 * each η &gt; 0 step the following draws, so an image depends only on (model, prompt, seed,
 * settings) — and not on how a request is split into passes. An image may start from another
 * image's x_T ({@link SampleRequest#startFrom()}, D3PO's shared-start pairs); its step noise is
 * still its own stream's.
 *
 * <p>Passes: a step keeps every intermediate tensor of the UNet's forward until its scope closes
 * (DJL frees on scope close, not when a tensor is dead), so the peak memory grows with the images
 * sampled together: 32 images at once peaked at 5.9 GB RSS on the CPU, against 1.1 GB in passes of
 * 4, which were also no slower with one intra-op thread (docs/DEVELOPING.md). Requests larger than
 * {@code imagesPerPass} are therefore sampled in consecutive passes.
 */
public final class DdimSampler implements AutoCloseable {

  /** Images sampled together by default (twice as many rows with guidance). */
  public static final int DEFAULT_IMAGES_PER_PASS = 4;

  private final DiffusionModel model;
  private final NoiseSchedule schedule;
  private final ScheduleTensors tensors;
  private final int imagesPerPass;

  /**
   * A sampler for {@code model} under the noise schedule its checkpoint was trained with (uploaded
   * once).
   */
  public DdimSampler(DiffusionModel model) {
    this(model, DEFAULT_IMAGES_PER_PASS);
  }

  /** As above, sampling at most {@code imagesPerPass} images together (≥ 1). */
  public DdimSampler(DiffusionModel model, int imagesPerPass) {
    if (imagesPerPass < 1) {
      throw new IllegalArgumentException("imagesPerPass must be >= 1, was " + imagesPerPass);
    }
    this.model = model;
    this.schedule = NoiseSchedule.of(model.schedule());
    this.tensors = new ScheduleTensors(schedule, model.manager());
    this.imagesPerPass = imagesPerPass;
  }

  /** The uploaded schedule, for callers that reuse {@link DdimStep} (e.g. D3PO). */
  public ScheduleTensors scheduleTensors() {
    return tensors;
  }

  /** Samples every (prompt, seed) of {@code request}, {@code imagesPerPass} at a time. */
  public SamplingResult sample(SampleRequest request) {
    if (request.prompts().size() <= imagesPerPass) {
      return samplePass(request);
    }
    List<SamplingResult> parts = new ArrayList<>();
    for (SampleRequest pass : inPasses(request)) {
      parts.add(samplePass(pass));
    }
    return SamplingResult.concat(parts);
  }

  /**
   * Samples as {@link #sample(SampleRequest)}, running its passes concurrently on {@code passes}:
   * the same images (each depends only on its own seed), sooner where cores are free. The model is
   * only read, so passes may share it.
   */
  public SamplingResult sample(SampleRequest request, ExecutorService passes) {
    if (request.prompts().size() <= imagesPerPass) {
      return samplePass(request);
    }
    List<Future<SamplingResult>> running = new ArrayList<>();
    for (SampleRequest pass : inPasses(request)) {
      running.add(passes.submit(() -> samplePass(pass)));
    }
    List<SamplingResult> parts = new ArrayList<>(running.size());
    try {
      for (Future<SamplingResult> pass : running) {
        parts.add(pass.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sampling", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw new IllegalStateException("a sampling pass failed", e.getCause());
    } finally {
      running.forEach(pass -> pass.cancel(false));
    }
    return SamplingResult.concat(parts);
  }

  /**
   * The request in passes of {@code imagesPerPass} images, a pass made longer where it would part
   * images that share a start.
   */
  private List<SampleRequest> inPasses(SampleRequest request) {
    int n = request.prompts().size();
    int[] startFrom = request.startFrom();
    List<SampleRequest> passes = new ArrayList<>();
    for (int from = 0; from < n; ) {
      int to = Math.min(n, from + imagesPerPass);
      while (to < n && !keepsSharedStartsTogether(startFrom, to)) {
        to++;
      }
      passes.add(request.slice(from, to));
      from = to;
    }
    return passes;
  }

  /** Whether no image before {@code cut} shares a start with one at or after it. */
  private static boolean keepsSharedStartsTogether(int[] startFrom, int cut) {
    if (startFrom == null) {
      return true;
    }
    for (int i = 0; i < startFrom.length; i++) {
      if ((i < cut) != (startFrom[i] < cut)) {
        return false;
      }
    }
    return true;
  }

  private SamplingResult samplePass(SampleRequest request) {
    SamplerSettings settings = request.settings();
    int n = request.prompts().size();
    int size = model.geometry().size();
    Shape imageShape = new Shape(model.geometry().channels(), size, size);
    int[] timesteps = DdimTimesteps.of(schedule.timesteps(), settings.steps(), settings.spacing());
    int[] previous = DdimTimesteps.previous(schedule.timesteps(), timesteps);
    boolean withLogProbs = settings.eta() > 0;
    try (NDManager run = model.manager().newSubManager()) {
      SeededNoise noise = new SeededNoise(request.seeds(), imageShape);
      GuidedNoise guided =
          new GuidedNoise(
              model, model.condition(run, request.prompts()), settings.guidanceScale(), run);
      NDArray x = noise.next(run);
      if (request.startFrom() != null) {
        x = sharedStarts(x, request.startFrom(), run);
      }
      NDList frames = new NDList(x);
      NDList logProbs = new NDList();
      for (int i = 0; i < timesteps.length; i++) {
        try (NDManager step = run.newSubManager()) {
          NDArray t = step.full(new Shape(n), timesteps[i], DataType.INT32);
          NDArray tPrev = step.full(new Shape(n), previous[i], DataType.INT32);
          StepDistribution p =
              DdimStep.distribution(
                  tensors,
                  guided.predict(x, t),
                  x,
                  t,
                  tPrev,
                  settings.eta(),
                  settings.clipSample() && model.clipsToImageRange());
          NDArray next = withLogProbs ? p.mean().add(p.std().mul(noise.next(step))) : p.mean();
          if (withLogProbs) {
            NDArray logProb = DdimStep.gaussianLogProb(next, p.mean(), p.std());
            logProb.attach(run);
            logProbs.add(logProb);
          }
          next.attach(run);
          if (!request.keepTrajectory()) {
            x.close();
            frames.clear();
          }
          x = next;
          frames.add(x);
        }
      }
      return new SamplingResult(
          ImageSpace.toImages(model.toImageSpace(x)),
          timesteps,
          previous,
          request.keepTrajectory() ? trajectories(frames, n) : null,
          withLogProbs ? logProbMatrix(logProbs, n) : null);
    }
  }

  /** x_T of each image replaced by that of the image it starts from (a gather on the device). */
  private static NDArray sharedStarts(NDArray own, int[] startFrom, NDManager run) {
    long[] rows = Arrays.stream(startFrom).asLongStream().toArray();
    return own.get(run.create(rows));
  }

  private static float[][][] trajectories(NDList frames, int n) {
    float[] flat = NDArrays.stack(frames, 1).toFloatArray();
    int steps = frames.size();
    int plane = flat.length / n / steps;
    float[][][] result = new float[n][steps][plane];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < steps; s++) {
        System.arraycopy(flat, (i * steps + s) * plane, result[i][s], 0, plane);
      }
    }
    return result;
  }

  private static float[][] logProbMatrix(NDList logProbs, int n) {
    float[] flat = NDArrays.stack(logProbs, 1).toFloatArray();
    int steps = logProbs.size();
    float[][] result = new float[n][steps];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * steps, result[i], 0, steps);
    }
    return result;
  }

  @Override
  public void close() {
    tensors.close();
  }
}
