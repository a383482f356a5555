package prefloop.evaluation;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians, the quantity FID reports:
 *
 * <pre>
 *   d² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)
 * </pre>
 *
 * The matrix square roots use the symmetric form above (not (Σ₁Σ₂)^½, whose product is not
 * symmetric), so both roots come from eigen-decompositions of symmetric PSD matrices (Apache
 * Commons Math); eigenvalues that round to slightly below 0 are clamped to 0. With diagonal
 * covariances the formula reduces to Σ_j (μ₁ⱼ − μ₂ⱼ)² + (σ₁ⱼ − σ₂ⱼ)², which the tests check.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** d² between {@code a} and {@code b} (same dimension). */
  public static double squared(Gaussian a, Gaussian b) {
    if (a.dimension() != b.dimension()) {
      throw new IllegalArgumentException(
          "Fréchet distance needs features of one dimension, got "
              + a.dimension()
              + " and "
              + b.dimension());
    }
    double meanTerm = a.mean().subtract(b.mean()).getNorm();
    meanTerm *= meanTerm;
    RealMatrix rootA = sqrtPsd(a.covariance());
    RealMatrix inner = rootA.multiply(b.covariance()).multiply(rootA);
    double crossTrace = traceOfSqrtPsd(symmetrise(inner));
    double value =
        meanTerm + a.covariance().getTrace() + b.covariance().getTrace() - 2 * crossTrace;
    // rounding can leave a tiny negative number for (nearly) identical distributions
    return Math.max(0, value);
  }

  /** d² between Gaussians fitted to two feature sets. */
  public static double squared(float[][] features, float[][] reference) {
    return squared(Gaussian.fit(features), Gaussian.fit(reference));
  }

  /** S^½ of a symmetric positive semi-definite S: V diag(√max(λ, 0)) Vᵀ. */
  static RealMatrix sqrtPsd(RealMatrix symmetric) {
    EigenDecomposition eigen = new EigenDecomposition(symmetrise(symmetric));
    double[] values = eigen.getRealEigenvalues();
    double[] roots = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      roots[i] = Math.sqrt(Math.max(0, values[i]));
    }
    RealMatrix v = eigen.getV();
    return v.multiply(MatrixUtils.createRealDiagonalMatrix(roots)).multiply(eigen.getVT());
  }

  private static double traceOfSqrtPsd(RealMatrix symmetric) {
    double sum = 0;
    for (double value : new EigenDecomposition(symmetric).getRealEigenvalues()) {
      sum += Math.sqrt(Math.max(0, value));
    }
    return sum;
  }

  /** (S + Sᵀ)/2: removes the rounding asymmetry EigenDecomposition would reject. */
  private static RealMatrix symmetrise(RealMatrix m) {
    return m.add(m.transpose()).scalarMultiply(0.5);
  }
}
