package prefloop.diffusion.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AdamW against a host computation in double precision, with the loss Σ_p Σ c_p ⊙ w_p whose
 * gradient is the constant c_p (c = 0.1·(1 + index mod 7) − 0.35, so signs and sizes vary).
 */
class AdamWTest {

  private static final AdamW.Settings SETTINGS = new AdamW.Settings(0.9, 0.999, 1e-8, 0.01);

  @Test
  void threeStepsMatchTheHostComputation() {
    try (ToyDiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3);
        AdamW adam = new AdamW(model, SETTINGS)) {
      model.setTrainable(true);
      float[] w0 = model.parameters().get(0).getArray().toFloatArray();
      double[] c = coefficients(w0.length);
      for (int step = 0; step < 3; step++) {
        backward(model);
        adam.step(1e-2);
      }

      float[] w3 = model.parameters().get(0).getArray().toFloatArray();
      for (int j = 0; j < w0.length; j++) {
        double w = w0[j];
        double m = 0;
        double v = 0;
        for (int t = 1; t <= 3; t++) {
          m = 0.9 * m + 0.1 * c[j];
          v = 0.999 * v + 0.001 * c[j] * c[j];
          double correction = Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
          w -= 1e-2 * (correction * m / (Math.sqrt(v) + 1e-8) + 0.01 * w);
        }
        assertThat((double) w3[j]).isCloseTo(w, within(1e-5));
      }
      assertThat(adam.steps()).isEqualTo(3);
      // gradients are zeroed after use
      assertThat(model.parameters().get(0).getArray().getGradient().abs().sum().getFloat())
          .isZero();
    }
  }

  @Test
  void aRestoredStateContinuesExactlyWhereTheSavedOneWas() throws IOException {
    try (ToyDiffusionModel straight = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3);
        ToyDiffusionModel resumed = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3);
        AdamW first = new AdamW(straight, SETTINGS)) {
      straight.setTrainable(true);
      resumed.setTrainable(true);
      for (int step = 0; step < 2; step++) {
        backward(straight);
        first.step(1e-2);
      }
      ByteArrayOutputStream state = new ByteArrayOutputStream();
      first.save(state);
      resumed.copyParametersFrom(straight);
      try (AdamW second = new AdamW(resumed, SETTINGS)) {
        second.load(new ByteArrayInputStream(state.toByteArray()));
        backward(straight);
        first.step(1e-2);
        backward(resumed);
        second.step(1e-2);

        assertThat(second.steps()).isEqualTo(3);
      }
      List<Parameter> a = straight.parameters();
      List<Parameter> b = resumed.parameters();
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).getArray().toFloatArray())
            .containsExactly(a.get(i).getArray().toFloatArray());
      }
    }
  }

  @Test
  void aStateOfAnotherModelOrFormatIsRefused() throws Exception {
    ByteArrayOutputStream adapters = new ByteArrayOutputStream();
    try (DiffusionModel bundle =
            prefloop.diffusion.bundle.TorchScriptDiffusionModel.load(
                java.nio.file.Path.of("../models/plain-denoiser"));
        AdamW adam = new AdamW(bundle, SETTINGS)) {
      adam.save(adapters);
    }
    try (ToyDiffusionModel tiny = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3);
        AdamW adam = new AdamW(tiny, SETTINGS)) {
      assertThatThrownBy(() -> adam.load(new ByteArrayInputStream(adapters.toByteArray())))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("holds 6 parameters");
      byte[] corrupt = adapters.toByteArray();
      corrupt[0] ^= 1;
      assertThatThrownBy(() -> adam.load(new ByteArrayInputStream(corrupt)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("not a prefloop optimiser state");
      assertThat(adam.steps()).isZero();
    }
  }

  private static double[] coefficients(int n) {
    double[] c = new double[n];
    for (int j = 0; j < n; j++) {
      c[j] = 0.1 * (1 + j % 7) - 0.35;
    }
    return c;
  }

  /** Leaves the gradient c_p on every parameter. */
  private static void backward(DiffusionModel model) {
    try (NDManager scope = model.manager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = null;
      for (Parameter parameter : model.parameters()) {
        NDArray w = parameter.getArray();
        NDArray c = scope.create(toFloats(coefficients(Math.toIntExact(w.size()))), w.getShape());
        NDArray term = w.mul(c).sum();
        loss = loss == null ? term : loss.add(term);
      }
      collector.backward(loss);
    }
  }

  private static float[] toFloats(double[] values) {
    float[] result = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (float) values[i];
    }
    return result;
  }
}
