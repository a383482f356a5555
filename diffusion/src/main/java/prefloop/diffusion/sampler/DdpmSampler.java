package prefloop.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.schedule.NoiseSchedule;

/**
 * DDPM ancestral sampling (Ho et al. 2020, Algorithm 2 with the posterior mean of Eq. 7) over all T
 * steps:
 *
 * <pre>
 *   x̂_0 = clip((x_t − √(1−ᾱ_t)·ε̂) / √ᾱ_t, −1, 1)
 *   μ̃_t = √ᾱ_{t−1}·β_t/(1−ᾱ_t) · x̂_0 + √α_t·(1−ᾱ_{t−1})/(1−ᾱ_t) · x_t
 *   x_{t−1} = μ̃_t + √β̃_t · z,  β̃_t = (1−ᾱ_{t−1})/(1−ᾱ_t) · β_t,  z = 0 at t = 0
 * </pre>
 *
 * The coefficients are host scalars (every image shares t). Seeds, guidance and scoping as in
 * {@link DdimSampler}; {@code settings.steps} and {@code eta} are ignored (always T steps).
 */
public final class DdpmSampler {

  private final DiffusionModel model;
  private final NoiseSchedule schedule;

  /** A sampler for {@code model} under the noise schedule its checkpoint was trained with. */
  public DdpmSampler(DiffusionModel model) {
    this.model = model;
    this.schedule = NoiseSchedule.of(model.schedule());
  }

  /** Samples every (prompt, seed) of {@code request}; no trajectory or log-probs. */
  public SamplingResult sample(SampleRequest request) {
    int n = request.prompts().size();
    int size = model.geometry().size();
    int total = schedule.timesteps();
    int[] timesteps = new int[total];
    int[] previous = new int[total];
    try (NDManager run = model.manager().newSubManager()) {
      SeededNoise noise =
          new SeededNoise(request.seeds(), new Shape(model.geometry().channels(), size, size));
      GuidedNoise guided =
          new GuidedNoise(
              model,
              model.condition(run, request.prompts()),
              request.settings().guidanceScale(),
              run);
      NDArray x = noise.next(run);
      for (int t = total - 1; t >= 0; t--) {
        timesteps[total - 1 - t] = t;
        previous[total - 1 - t] = t - 1;
        try (NDManager step = run.newSubManager()) {
          NDArray eps = guided.predict(x, step.full(new Shape(n), t, DataType.INT32));
          NDArray next = posteriorMean(x, eps, t);
          if (t > 0) {
            next = next.add(noise.next(step).mul((float) Math.sqrt(posteriorVariance(t))));
          }
          next.attach(run);
          x.close();
          x = next;
        }
      }
      return new SamplingResult(
          ImageSpace.toImages(model.toImageSpace(x)), timesteps, previous, null, null);
    }
  }

  private NDArray posteriorMean(NDArray xt, NDArray eps, int t) {
    double alphaBar = schedule.alphaBar(t);
    double alphaBarPrev = t > 0 ? schedule.alphaBar(t - 1) : 1.0;
    NDArray x0 =
        xt.sub(eps.mul((float) Math.sqrt(1 - alphaBar)))
            .div((float) Math.sqrt(alphaBar))
            .clip(-1f, 1f);
    double x0Coefficient = Math.sqrt(alphaBarPrev) * schedule.beta(t) / (1 - alphaBar);
    double xtCoefficient = Math.sqrt(schedule.alpha(t)) * (1 - alphaBarPrev) / (1 - alphaBar);
    return x0.mul((float) x0Coefficient).add(xt.mul((float) xtCoefficient));
  }

  private double posteriorVariance(int t) {
    return (1 - schedule.alphaBar(t - 1)) / (1 - schedule.alphaBar(t)) * schedule.beta(t);
  }
}
