package prefloop.world;

import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws prompts into images. {@link #scene} turns (prompt, seed) into a jittered {@link Scene};
 * {@link #draw} paints a scene with supersampled anti-aliasing (coverage of each pixel estimated
 * from {@code supersample²} point samples). Everything is deterministic for (prompt, seed,
 * degradations).
 */
public final class Renderer {
  private final RenderConfig config;
  private final Degrader degrader;

  public Renderer() {
    this(RenderConfig.defaults());
  }

  public Renderer(RenderConfig config) {
    this.config = config;
    this.degrader = new Degrader(config);
  }

  public RenderConfig config() {
    return config;
  }

  /** A clean render of {@code prompt} with the jitter drawn from {@code seed}. */
  public RgbImage render(Prompt prompt, long seed) {
    return draw(scene(prompt, seed));
  }

  /**
   * A render of {@code prompt} with {@code degradations} applied; with none it equals {@link
   * #render(Prompt, long)}. Scene-level degradations change the scene before drawing, image-level
   * ones filter the drawn image (contrast, then blur, then noise).
   */
  public RgbImage render(Prompt prompt, long seed, Set<Degradation> degradations) {
    if (degradations.isEmpty()) {
      return render(prompt, seed);
    }
    // A separate stream so that the clean jitter of a degraded sample equals the clean render's.
    Random random = Seeds.random(seed, 2);
    Scene scene = degrader.degradeScene(scene(prompt, seed), prompt, degradations, random);
    return degrader.degradeImage(draw(scene), degradations, random);
  }

  /** The jittered scene for (prompt, seed), before any degradation. */
  public Scene scene(Prompt prompt, long seed) {
    Random random = Seeds.random(seed, 1);
    int w = config.width();
    int h = config.height();
    double jitter = config.positionJitter() * w;
    double cx = prompt.position().fx() * w + (2 * random.nextDouble() - 1) * jitter;
    double cy = prompt.position().fy() * h + (2 * random.nextDouble() - 1) * jitter;
    double side =
        prompt.size().fraction() * w * (1 + (2 * random.nextDouble() - 1) * config.sizeJitter());
    float[] fill = Colours.jittered(prompt.colour().rgb(), config.shadeJitter(), random);
    float[] bg = Colours.jittered(prompt.background().rgb(), config.shadeJitter() * 0.75, random);
    return new Scene(bg, List.of(new SceneObject(prompt.shape(), cx, cy, side, fill)));
  }

  /** Paints {@code scene}: background, then each object over it with anti-aliased edges. */
  public RgbImage draw(Scene scene) {
    int w = config.width();
    int h = config.height();
    RgbImage image = RgbImage.filled(w, h, scene.background());
    for (SceneObject object : scene.objects()) {
      paint(image, object);
    }
    return image;
  }

  private void paint(RgbImage image, SceneObject object) {
    float[] data = image.data();
    double half = object.side() / 2;
    int x0 = Math.max(0, (int) Math.floor(object.centreX() - half));
    int x1 = Math.min(image.width() - 1, (int) Math.ceil(object.centreX() + half));
    int y0 = Math.max(0, (int) Math.floor(object.centreY() - half));
    int y1 = Math.min(image.height() - 1, (int) Math.ceil(object.centreY() + half));
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        double alpha = coverage(object, x, y, config.supersample());
        if (alpha > 0) {
          for (int c = 0; c < 3; c++) {
            int i = image.index(c, y, x);
            data[i] = Colours.clamp(data[i] + alpha * (object.rgb()[c] - data[i]));
          }
        }
      }
    }
  }

  /** Fraction of pixel (x, y)'s {@code n×n} sample points that fall inside {@code object}. */
  static double coverage(SceneObject object, int x, int y, int n) {
    double half = object.side() / 2;
    int inside = 0;
    for (int sy = 0; sy < n; sy++) {
      double v = (y + (sy + 0.5) / n - object.centreY()) / half;
      for (int sx = 0; sx < n; sx++) {
        double u = (x + (sx + 0.5) / n - object.centreX()) / half;
        if (object.shape().contains(u, v)) {
          inside++;
        }
      }
    }
    return inside / (double) (n * n);
  }
}
