package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonFiniteGuardTest {
  @Test
  void asksForARollbackOnlyAfterKNonFiniteStepsInARow() {
    NonFiniteGuard guard = new NonFiniteGuard(2);

    assertThat(guard.record(true)).isFalse();
    assertThat(guard.record(false)).isFalse();
    assertThat(guard.record(true)).isFalse();
    assertThat(guard.record(true)).isTrue();
    assertThat(guard.record(true)).isFalse();
    assertThat(guard.total()).isEqualTo(4);
  }
}
