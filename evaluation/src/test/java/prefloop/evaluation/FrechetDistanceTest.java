package prefloop.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

  @Test
  void diagonalGaussiansMatchTheClosedForm() {
    // given N(μ₁, diag σ₁²) and N(μ₂, diag σ₂²)
    double[] mu1 = {0, 1, -2};
    double[] mu2 = {1, 1, 0.5};
    double[] s1 = {1, 2, 0.5};
    double[] s2 = {3, 0.5, 0.5};
    Gaussian a = diagonal(mu1, s1);
    Gaussian b = diagonal(mu2, s2);

    // when
    double d2 = FrechetDistance.squared(a, b);

    // then d² = Σ (μ₁ − μ₂)² + (σ₁ − σ₂)² = (1 + 0 + 6.25) + (4 + 2.25 + 0) = 13.5
    assertThat(d2).isCloseTo(13.5, within(1e-9));
    assertThat(FrechetDistance.squared(b, a)).isCloseTo(13.5, within(1e-9));
  }

  @Test
  void equalCovariancesLeaveOnlyTheMeanTerm() {
    // a full (non-diagonal) SPD covariance shared by both
    RealMatrix l = new Array2DRowRealMatrix(new double[][] {{2, 0, 0}, {1, 1, 0}, {0.5, -1, 3}});
    RealMatrix sigma = l.multiply(l.transpose());
    Gaussian a = new Gaussian(new ArrayRealVector(new double[] {0, 0, 0}), sigma);
    Gaussian b = new Gaussian(new ArrayRealVector(new double[] {1, 2, 2}), sigma);

    assertThat(FrechetDistance.squared(a, b)).isCloseTo(9.0, within(1e-8));
    assertThat(FrechetDistance.squared(a, a)).isCloseTo(0.0, within(1e-8));
  }

  @Test
  void scaledCovarianceGivesTheTraceFormula() {
    // Σ₂ = k²Σ₁ commutes with Σ₁: tr(Σ₁ + k²Σ₁ − 2kΣ₁) = (1 − k)² tr Σ₁
    RealMatrix l = new Array2DRowRealMatrix(new double[][] {{1, 0}, {0.7, 0.4}});
    RealMatrix sigma = l.multiply(l.transpose());
    double k = 3;
    Gaussian a = new Gaussian(new ArrayRealVector(2), sigma);
    Gaussian b = new Gaussian(new ArrayRealVector(2), sigma.scalarMultiply(k * k));

    assertThat(FrechetDistance.squared(a, b))
        .isCloseTo((1 - k) * (1 - k) * sigma.getTrace(), within(1e-9));
  }

  @Test
  void gaussiansFittedToSamplesApproachTheClosedForm() {
    // given 20 000 draws from N(0, I₂) and from N((1, 2), diag(4, 0.25))
    Random random = new Random(42);
    int n = 20_000;
    float[][] x = new float[n][2];
    float[][] y = new float[n][2];
    for (int i = 0; i < n; i++) {
      x[i][0] = (float) random.nextGaussian();
      x[i][1] = (float) random.nextGaussian();
      y[i][0] = (float) (1 + 2 * random.nextGaussian());
      y[i][1] = (float) (2 + 0.5 * random.nextGaussian());
    }

    // then d² ≈ (1 + 4) + ((1 − 2)² + (1 − 0.5)²) = 6.25
    assertThat(FrechetDistance.squared(x, y)).isCloseTo(6.25, within(0.15));
    assertThat(FrechetDistance.squared(x, x)).isCloseTo(0.0, within(1e-6));
  }

  private static Gaussian diagonal(double[] mean, double[] sd) {
    double[] variances = new double[sd.length];
    for (int i = 0; i < sd.length; i++) {
      variances[i] = sd[i] * sd[i];
    }
    return new Gaussian(new ArrayRealVector(mean), MatrixUtils.createRealDiagonalMatrix(variances));
  }
}
