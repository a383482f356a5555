package prefloop.world;

/**
 * How the {@link Renderer} draws scenes.
 *
 * @param width image width in pixels, 8..1024
 * @param height image height in pixels, 8..1024
 * @param supersample samples per pixel side for anti-aliasing, 1..16 (4 means 16 samples)
 * @param positionJitter uniform jitter of the object centre per axis, as a fraction of the width,
 *     0..0.1 (default 1.5/32)
 * @param sizeJitter relative uniform jitter of the object size, 0..0.3 (default 0.08 = ±8%)
 * @param shadeJitter uniform jitter of each colour channel, 0..0.1 (default 0.04)
 */
public record RenderConfig(
    int width,
    int height,
    int supersample,
    double positionJitter,
    double sizeJitter,
    double shadeJitter) {

  public RenderConfig {
    check("width", width, 8, 1024);
    check("height", height, 8, 1024);
    check("supersample", supersample, 1, 16);
    check("positionJitter", positionJitter, 0, 0.1);
    check("sizeJitter", sizeJitter, 0, 0.3);
    check("shadeJitter", shadeJitter, 0, 0.1);
  }

  /** 32×32, 4×4 supersampling, ±1.5 px position, ±8% size, ±0.04 shade. */
  public static RenderConfig defaults() {
    return new RenderConfig(32, 32, 4, 1.5 / 32, 0.08, 0.04);
  }

  /** The defaults at another square image size. */
  public static RenderConfig ofSize(int side) {
    RenderConfig d = defaults();
    return new RenderConfig(
        side, side, d.supersample, d.positionJitter, d.sizeJitter, d.shadeJitter);
  }

  private static void check(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "render config '" + key + "' must be in " + min + ".." + max + ", got " + value);
    }
  }
}
