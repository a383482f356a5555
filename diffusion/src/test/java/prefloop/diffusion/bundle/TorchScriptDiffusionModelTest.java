package prefloop.diffusion.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withPrecision;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.SamplingResult;

/** The committed TorchScript fixture (models/plain-denoiser) behind the model interface. */
class TorchScriptDiffusionModelTest {

  static final Path FIXTURE = Path.of("../models/plain-denoiser");

  @Test
  void theManifestDescribesTheModelAndOnlyTheAdaptersAreTrainable() throws Exception {
    try (TorchScriptDiffusionModel model = TorchScriptDiffusionModel.load(FIXTURE)) {
      assertThat(model.prediction()).isEqualTo(Prediction.EPSILON);
      assertThat(model.schedule().timesteps()).isEqualTo(1000);
      assertThat(model.geometry()).isEqualTo(new SampleGeometry(3, 32, 32));
      assertThat(model.namedParameters().keys()).allMatch(name -> name.contains("lora_"));
      assertThat(model.parameterCount()).isEqualTo(2796);
    }
  }

  @Test
  void freeTextPromptsAreSampledThroughTheInterface() throws Exception {
    try (DiffusionModel model = TorchScriptDiffusionModel.load(FIXTURE);
        DdimSampler sampler = new DdimSampler(model)) {
      List<String> prompts = List.of("a watercolour lighthouse at dusk, 🌅", "");
      model.prompts().validate(prompts.get(0));
      SamplingResult result =
          sampler.sample(
              SampleRequest.of(
                  prompts, new long[] {1, 2}, SamplerSettings.defaults().withSteps(3)));

      assertThat(result.images()).hasSize(2);
      assertThat(result.images().get(0).width()).isEqualTo(32);
      assertThat(result.logProbs()).hasDimensions(2, 3);
    }
    try (DiffusionModel model = TorchScriptDiffusionModel.load(FIXTURE)) {
      assertThatThrownBy(() -> model.prompts().validate("two\nlines"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("control characters");
    }
  }

  @Test
  void gradientsReachTheAdaptersAndNeverTheFrozenBase() throws Exception {
    try (TorchScriptDiffusionModel model = TorchScriptDiffusionModel.load(FIXTURE);
        NDManager scope = model.manager().newSubManager()) {
      model.setTrainable(true);
      NDArray xt = scope.randomNormal(new Shape(2, 3, 32, 32));
      NDArray t = scope.create(new int[] {10, 900});
      NDArray condition = model.condition(scope, List.of("a red kite", "a blue kite"));
      // lora_up starts at zero, so first move it: then lora_down gets a gradient too
      for (Pair<String, Parameter> named : model.namedParameters()) {
        if (named.getKey().contains("lora_up")) {
          named.getValue().getArray().setRequiresGradient(false);
          named.getValue().getArray().addi(0.01f);
          named.getValue().getArray().setRequiresGradient(true);
        }
      }
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(model.predictNoise(xt, t, condition).square().mean());
      }

      for (Parameter parameter : model.parameters()) {
        assertThat(parameter.getArray().getGradient().abs().sum().getFloat())
            .as(parameter.getName())
            .isPositive();
      }
      assertThat(model.parameters()).hasSize(6);
      assertThat(model.frozenParameters()).hasSize(24);
      for (Parameter parameter : model.frozenParameters()) {
        assertThat(parameter.getArray().hasGradient()).as(parameter.getName()).isFalse();
      }
    }
  }

  @Test
  void adaptersRoundTripAndCopiesShareTheBaseButNotTheAdapters() throws Exception {
    try (TorchScriptDiffusionModel model = TorchScriptDiffusionModel.load(FIXTURE);
        TorchScriptDiffusionModel other = TorchScriptDiffusionModel.load(FIXTURE)) {
      for (Parameter parameter : model.parameters()) {
        parameter.getArray().addi(0.05f);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      model.saveParameters(bytes);
      assertThat(bytes.size()).isBetween(2796 * 4, 2796 * 4 + 2_000);
      assertThat(output(other)).isNotEqualTo(output(model));

      other.loadParameters(new ByteArrayInputStream(bytes.toByteArray()));

      assertThat(output(other)).containsExactly(output(model));
      try (DiffusionModel copy = model.duplicate()) {
        assertThat(output(copy)).containsExactly(output(model));
      }
    }
  }

  @Test
  void frozenModelsOfOneBundleHoldItsBaseOnceAndEachKeepsItsOwnAdapters() throws Exception {
    int before = SharedBases.open();
    try (TorchScriptDiffusionModel initial = TorchScriptDiffusionModel.load(FIXTURE);
        TorchScriptDiffusionModel reference = initial.duplicateOn(null);
        TorchScriptDiffusionModel another = TorchScriptDiffusionModel.load(FIXTURE)) {
      assertThat(SharedBases.open()).isEqualTo(before + 1);
      assertThat(reference.frozenParameters().get(0))
          .isSameAs(initial.frozenParameters().get(0))
          .isSameAs(another.frozenParameters().get(0));
      float[] exported = output(initial);
      for (Parameter parameter : reference.parameters()) {
        parameter.getArray().addi(0.05f);
      }

      float[] moved = output(reference);

      assertThat(moved).isNotEqualTo(exported);
      assertThat(output(initial)).containsExactly(exported);
      assertThat(output(another)).containsExactly(exported);
      assertThat(output(reference)).containsExactly(moved);
    }
    assertThat(SharedBases.open()).isEqualTo(before);
  }

  @Test
  void aTrainedModelKeepsItsGradientsWhenFrozenCopiesRunBetweenItsForwardAndBackward()
      throws Exception {
    try (TorchScriptDiffusionModel initial = TorchScriptDiffusionModel.load(FIXTURE);
        TorchScriptDiffusionModel policy = initial.duplicateOn(null);
        TorchScriptDiffusionModel reference = initial.duplicateOn(null);
        NDManager scope = NDManager.newBaseManager()) {
      for (Pair<String, Parameter> named : reference.namedParameters()) {
        named.getValue().getArray().addi(0.02f);
      }
      policy.setTrainable(true);
      assertThat(policy.hasOwnBase()).isTrue();
      assertThat(reference.hasOwnBase()).isFalse();
      for (Pair<String, Parameter> named : policy.namedParameters()) {
        if (named.getKey().contains("lora_up")) {
          named.getValue().getArray().setRequiresGradient(false);
          named.getValue().getArray().addi(0.01f);
          named.getValue().getArray().setRequiresGradient(true);
        }
      }
      NDArray xt = scope.randomNormal(new Shape(2, 3, 32, 32));
      NDArray t = scope.create(new int[] {10, 900});
      NDArray condition = policy.condition(scope, List.of("a red kite", "a blue kite"));
      float[] alone = gradients(policy, xt, t, condition, null);

      // the order of Diffusion-DPO: policy forward, reference forward, then backward
      float[] interleaved = gradients(policy, xt, t, condition, reference);

      assertThat(alone).isNotEmpty().containsExactly(interleaved, withPrecision(1e-6f));
      assertThat(alone[0]).isNotZero();
    }
  }

  private static float[] gradients(
      DiffusionModel policy, NDArray xt, NDArray t, NDArray condition, DiffusionModel between) {
    for (Parameter parameter : policy.parameters()) {
      parameter.getArray().getGradient().muli(0);
    }
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = policy.predictNoise(xt, t, condition).square().mean();
      if (between != null) {
        between.predictNoise(xt, t, condition);
      }
      collector.backward(loss);
    }
    float[] sums = new float[policy.parameters().size()];
    for (int i = 0; i < sums.length; i++) {
      NDArray gradient = policy.parameters().get(i).getArray().getGradient();
      sums[i] = gradient.abs().sum().getFloat();
    }
    return sums;
  }

  @Test
  void aTamperedFileIsRefusedBeforeLoading(@TempDir Path dir) throws IOException {
    for (String file : List.of("manifest.json", "denoiser.pt", "encoder.pt")) {
      Files.copy(FIXTURE.resolve(file), dir.resolve(file));
    }
    byte[] denoiser = Files.readAllBytes(dir.resolve("denoiser.pt"));
    denoiser[denoiser.length / 2] ^= 1;
    Files.write(dir.resolve("denoiser.pt"), denoiser);

    assertThatThrownBy(() -> TorchScriptDiffusionModel.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sha256")
        .hasMessageContaining("export the bundle again");
    assertThatThrownBy(() -> TorchScriptDiffusionModel.load(dir.resolve("missing")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a model bundle");
  }

  private static float[] output(DiffusionModel model) {
    try (NDManager scope = model.manager().newSubManager()) {
      NDArray xt = scope.ones(new Shape(1, 3, 32, 32)).mul(0.3f);
      NDArray t = scope.create(new int[] {500});
      return model
          .predictNoise(xt, t, model.condition(scope, List.of("a green hill")))
          .toFloatArray();
    }
  }
}
