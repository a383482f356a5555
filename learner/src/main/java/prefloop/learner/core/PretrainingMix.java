package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.Scalars;
import prefloop.diffusion.pretrain.DenoisingBatch;
import prefloop.diffusion.pretrain.DenoisingLoss;
import prefloop.diffusion.pretrain.PretrainConfig;
import prefloop.diffusion.schedule.ScheduleTensors;
import prefloop.world.CorpusSample;
import prefloop.world.CorpusSampler;

/**
 * The optional pretraining mix λ_ptx·L_simple (InstructGPT's PPO-ptx, Ouyang et al. 2022, Eq. 2):
 * each step also takes the model's own pretraining loss on a batch of its pretraining corpus, the
 * world's mixed-quality renders of the training prompts, as many images as the step has pairs. The
 * policy keeps modelling the data it was trained on while the preferences move it. Step s always
 * takes corpus samples s·P … s·P + P − 1, so a restart or rollback draws what the first run drew.
 * Only a model that takes the world's prompts and images can use it (the toy model).
 *
 * @param tensors the trainer's noise schedule
 * @param lambda λ_ptx
 * @param corpus the pretraining corpus at the model's image size
 * @param promptDropout the pretraining's share of unconditional samples
 */
record PretrainingMix(
    ScheduleTensors tensors, double lambda, CorpusSampler corpus, double promptDropout) {

  /** The mix of weight {@code lambda} over the world's corpus at {@code model}'s image size. */
  static PretrainingMix of(
      ScheduleTensors tensors, double lambda, DiffusionModel model, long corpusSeed) {
    CorpusSampler corpus = CorpusSampler.pretraining(model.imageGeometry().size(), corpusSeed);
    String prompt = corpus.get(0).prompt().text();
    try {
      model.prompts().validate(prompt);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the pretraining mix needs a model that takes the world's prompts, and this one refused '"
              + prompt
              + "' ("
              + e.getMessage()
              + "): set pretrainMix to 0 for this model",
          e);
    }
    return new PretrainingMix(tensors, lambda, corpus, PretrainConfig.defaults().promptDropout());
  }

  /** λ_ptx·L_simple on corpus samples [step·n, step·n + n), differentiable w.r.t. the policy. */
  NDArray term(NDManager scope, DiffusionModel policy, long step, int n, SplittableRandom random) {
    List<CorpusSample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      samples.add(corpus.get(step * n + i));
    }
    DenoisingBatch batch =
        DenoisingBatch.of(
            scope, policy, samples, tensors.schedule().timesteps(), promptDropout, random);
    NDArray loss =
        DenoisingLoss.of(policy, tensors, batch.x0(), batch.tokens(), batch.t(), batch.noise());
    return loss.mul(Scalars.like(loss, (float) lambda));
  }
}
