package prefloop.diffusion.schedule;

/**
 * The DDPM forward-process coefficients, precomputed on the host in double precision. Notation (Ho
 * et al. 2020): α_t = 1 − β_t, ᾱ_t = ∏_{s≤t} α_s, x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε, SNR(t) = ᾱ_t / (1 −
 * ᾱ_t); t ∈ {0..T−1}, t = T−1 the noisiest. Arrays are copies: callers cannot change them.
 */
public final class NoiseSchedule {

  private static final double COSINE_OFFSET = 0.008;
  private static final double MAX_BETA = 0.999;

  private final ScheduleConfig config;
  private final double[] betas;
  private final double[] alphas;
  private final double[] alphasCumprod;

  private NoiseSchedule(ScheduleConfig config, double[] betas) {
    this.config = config;
    int n = betas.length;
    this.betas = betas;
    this.alphas = new double[n];
    this.alphasCumprod = new double[n];
    double product = 1;
    for (int t = 0; t < n; t++) {
      alphas[t] = 1 - betas[t];
      product *= alphas[t];
      alphasCumprod[t] = product;
    }
  }

  /** The schedule defined by {@code config}. */
  public static NoiseSchedule of(ScheduleConfig config) {
    int n = config.timesteps();
    double[] betas = new double[n];
    switch (config.kind()) {
      case LINEAR -> {
        for (int t = 0; t < n; t++) {
          betas[t] = config.betaStart() + (config.betaEnd() - config.betaStart()) * t / (n - 1);
        }
      }
      case SCALED_LINEAR -> {
        double from = Math.sqrt(config.betaStart());
        double to = Math.sqrt(config.betaEnd());
        for (int t = 0; t < n; t++) {
          double root = from + (to - from) * t / (n - 1);
          betas[t] = root * root;
        }
      }
      case COSINE -> {
        for (int t = 0; t < n; t++) {
          double ratio = cosineAlphaBar((t + 1.0) / n) / cosineAlphaBar((double) t / n);
          betas[t] = Math.min(1 - ratio, MAX_BETA);
        }
      }
    }
    return new NoiseSchedule(config, betas);
  }

  /** The project default: {@link ScheduleConfig#defaults()}. */
  public static NoiseSchedule defaults() {
    return of(ScheduleConfig.defaults());
  }

  private static double cosineAlphaBar(double fraction) {
    double angle = (fraction + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2;
    return Math.cos(angle) * Math.cos(angle);
  }

  public ScheduleConfig config() {
    return config;
  }

  /** T. */
  public int timesteps() {
    return betas.length;
  }

  /** β_t. */
  public double beta(int t) {
    return betas[t];
  }

  /** α_t = 1 − β_t. */
  public double alpha(int t) {
    return alphas[t];
  }

  /** ᾱ_t = ∏_{s≤t} α_s. */
  public double alphaBar(int t) {
    return alphasCumprod[t];
  }

  /** √ᾱ_t. */
  public double sqrtAlphaBar(int t) {
    return Math.sqrt(alphasCumprod[t]);
  }

  /** √(1 − ᾱ_t). */
  public double sqrtOneMinusAlphaBar(int t) {
    return Math.sqrt(1 - alphasCumprod[t]);
  }

  /** SNR(t) = ᾱ_t / (1 − ᾱ_t). */
  public double snr(int t) {
    return alphasCumprod[t] / (1 - alphasCumprod[t]);
  }

  /** β_0..β_{T−1} (a copy). */
  public double[] betas() {
    return betas.clone();
  }

  /** ᾱ_0..ᾱ_{T−1} (a copy). */
  public double[] alphasCumprod() {
    return alphasCumprod.clone();
  }

  /** SNR(0)..SNR(T−1) (a new array). */
  public double[] snrs() {
    double[] result = new double[betas.length];
    for (int t = 0; t < result.length; t++) {
      result[t] = snr(t);
    }
    return result;
  }
}
