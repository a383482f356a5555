package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import prefloop.diffusion.model.Scalars;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * The optional policy anchor λ₁·mean‖ε_θ − ε_init‖² (DESIGN §1): on the batch's preferred images,
 * with its own t ~ U{0..T−1} and ε, the policy's ε-prediction is pulled toward the initial model's.
 * It is a separate forward so it composes with any objective.
 */
public record PolicyAnchor(ScheduleTensors tensors, double lambda) {

  /** λ₁·mean_i mean_d (ε_θ − ε_init)², differentiable w.r.t. the policy (a scalar). */
  public NDArray term(
      PairBatch batch, NoisePredictor policy, NoisePredictor init, SplittableRandom random) {
    NDManager scope = batch.manager();
    NDArray x0 = batch.winners();
    int n = batch.size();
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = random.nextInt(tensors.schedule().timesteps());
    }
    float[] noise = new float[Math.toIntExact(x0.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    NDArray tt = scope.create(t);
    NDArray xt = tensors.addNoise(x0, scope.create(noise, x0.getShape()), tt);
    NDArray target = init.predict(xt, tt, batch.tokens()).stopGradient();
    NDArray mse = policy.predict(xt, tt, batch.tokens()).sub(target).square().mean();
    return mse.mul(Scalars.like(mse, (float) lambda));
  }
}
