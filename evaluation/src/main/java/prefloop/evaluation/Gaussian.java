package prefloop.evaluation;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * A Gaussian N(μ, Σ) fitted to feature vectors (rows), as FID fits one to Inception features.
 *
 * @param mean μ, the sample mean
 * @param covariance Σ, the unbiased sample covariance (divisor n − 1), symmetric PSD
 */
public record Gaussian(RealVector mean, RealMatrix covariance) {

  public Gaussian {
    if (covariance.getRowDimension() != mean.getDimension()
        || covariance.getColumnDimension() != mean.getDimension()) {
      throw new IllegalArgumentException(
          "covariance must be "
              + mean.getDimension()
              + "×"
              + mean.getDimension()
              + ", was "
              + covariance.getRowDimension()
              + "×"
              + covariance.getColumnDimension());
    }
  }

  /** Fits μ and Σ to {@code features} ([sample][dimension], at least 2 samples). */
  public static Gaussian fit(float[][] features) {
    if (features.length < 2) {
      throw new IllegalArgumentException(
          "a Gaussian needs at least 2 feature vectors, got "
              + features.length
              + " (evaluate more prompts or seeds)");
    }
    int d = features[0].length;
    double[][] rows = new double[features.length][d];
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != d) {
        throw new IllegalArgumentException("feature vectors must all have " + d + " dimensions");
      }
      for (int j = 0; j < d; j++) {
        rows[i][j] = features[i][j];
      }
    }
    RealMatrix data = new Array2DRowRealMatrix(rows, false);
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      double sum = 0;
      for (double[] row : rows) {
        sum += row[j];
      }
      mean[j] = sum / rows.length;
    }
    RealMatrix covariance = new Covariance(data, true).getCovarianceMatrix();
    return new Gaussian(new ArrayRealVector(mean, false), covariance);
  }

  /** Dimension of the features. */
  public int dimension() {
    return mean.getDimension();
  }
}
