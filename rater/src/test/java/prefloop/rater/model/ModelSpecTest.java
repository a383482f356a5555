package prefloop.rater.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelSpecTest {
  @Test
  void parsesLocationsThatContainColons() {
    ModelSpec spec = ModelSpec.parse("pick:remote:0.5:2:http://127.0.0.1:9000/score");
    assertThat(spec.kind()).isEqualTo(ModelKind.REMOTE);
    assertThat(spec.weight()).isEqualTo(0.5);
    assertThat(spec.scale()).isEqualTo(2);
    assertThat(spec.location()).isEqualTo("http://127.0.0.1:9000/score");
  }

  @Test
  void rejectsBadSpecsNamingTheProblem() {
    assertThatThrownBy(() -> ModelSpec.parse("x:fidelity"))
        .hasMessageContaining("name:kind:weight:scale");
    assertThatThrownBy(() -> ModelSpec.parse("x:fidelity:1:1"))
        .hasMessageContaining("needs a location");
    assertThatThrownBy(() -> ModelSpec.parse("x:aesthetic:-1:1"))
        .hasMessageContaining("weight of model x");
    assertThatThrownBy(() -> ModelSpec.parse("x:nope:1:1")).hasMessageContaining("bad model spec");
  }
}
