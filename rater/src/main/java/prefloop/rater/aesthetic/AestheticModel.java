package prefloop.rater.aesthetic;

import java.util.Optional;
import prefloop.rater.model.NamedImageRewardModel;
import prefloop.world.Position;
import prefloop.world.RgbImage;

/**
 * The analytic aesthetic reward, in [0, 1]: a weighted mean of four terms, each in [0, 1].
 *
 * <pre>
 *   σ̂   = robust noise estimate of the luma Y     (ImageStats.noiseSigma, Immerkær mask + median)
 *   v   = max(0, Var(∇²Y) − 20 σ̂²)               (Laplacian variance minus the part white noise adds:
 *                                                 the 4-neighbour Laplacian has gain² 1+1+1+1+16 = 20)
 *   r   = v / (Var(Y) + 1e−4)                      (relative to the luma variance, so a low-contrast
 *                                                 but crisp scene is still sharp; clean renders
 *                                                 measure r ≈ 0.3–1.8, blurred ones 0.02–0.17)
 *   sharp    = r / (r + 0.1)
 *   clean    = exp(−σ̂ / 0.02)
 *   contrast = min(1, std(Y) / 0.15)
 *   centred  = exp(−d² / (2 · 0.08²)),  d = ‖centroid(object pixels) − cell centre of the prompt's
 *              position‖ in image fractions; object pixels differ from the border median colour by
 *              more than 0.25 (RGB distance)
 *   aesthetic = 0.35 sharp + 0.30 clean + 0.15 contrast + 0.20 centred
 * </pre>
 *
 * When the prompt is not in the toy-world grammar (or no object is found) the centred term is left
 * out and the other weights are renormalised (divided by 0.80). Thread-safe.
 */
public final class AestheticModel extends NamedImageRewardModel {
  static final double SHARP_SCALE = 0.1;
  static final double NOISE_SCALE = 0.02;
  static final double CONTRAST_SCALE = 0.15;
  static final double CENTRE_SIGMA = 0.08;
  static final double OBJECT_THRESHOLD = 0.25;

  private final PromptPositions positions = new PromptPositions();

  public AestheticModel(String name) {
    super(name);
  }

  /** The score of one image; see the class Javadoc for the formula. */
  @Override
  public double score(String prompt, RgbImage image) {
    Terms t = terms(prompt, image);
    double sum = 0.35 * t.sharp() + 0.30 * t.clean() + 0.15 * t.contrast();
    return Double.isNaN(t.centred()) ? sum / 0.80 : sum + 0.20 * t.centred();
  }

  /** The four terms; {@code centred} is NaN when it cannot be measured. */
  public Terms terms(String prompt, RgbImage image) {
    int w = image.width();
    int h = image.height();
    double[] y = ImageStats.luma(image);
    double sigma = ImageStats.noiseSigma(y, w, h);
    double v = Math.max(0, ImageStats.laplacianVariance(y, w, h) - 20 * sigma * sigma);
    double std = ImageStats.rmsContrast(y);
    double r = v / (std * std + 1e-4);
    double sharp = r / (r + SHARP_SCALE);
    double clean = Math.exp(-sigma / NOISE_SCALE);
    double contrast = Math.min(1, std / CONTRAST_SCALE);
    return new Terms(sharp, clean, contrast, centred(prompt, image));
  }

  private double centred(String prompt, RgbImage image) {
    Optional<Position> position = positions.of(prompt);
    double[] centroid = ImageStats.objectCentroid(image, OBJECT_THRESHOLD);
    if (position.isEmpty() || centroid == null) {
      return Double.NaN;
    }
    double d = Math.hypot(centroid[0] - position.get().fx(), centroid[1] - position.get().fy());
    return Math.exp(-d * d / (2 * CENTRE_SIGMA * CENTRE_SIGMA));
  }

  /** The formula's terms, each in [0, 1] (centred may be NaN). */
  public record Terms(double sharp, double clean, double contrast, double centred) {}
}
