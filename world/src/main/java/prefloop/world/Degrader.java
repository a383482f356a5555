package prefloop.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Applies {@link Degradation}s with the strengths documented there. */
final class Degrader {
  private static final int TRIES = 40;

  private final RenderConfig config;
  private final double scale;

  Degrader(RenderConfig config) {
    this.config = config;
    this.scale = config.width() / 32.0;
  }

  Scene degradeScene(Scene scene, Prompt prompt, Set<Degradation> degradations, Random random) {
    Scene out = scene;
    if (degradations.contains(Degradation.WRONG_SHADE)) {
      out = out.withMain(out.main().recoloured(wrongShade(prompt, out.main().rgb(), random)));
    }
    if (degradations.contains(Degradation.OFF_CENTRE)) {
      // Measured from the cell centre, not the jittered one, so the jitter cannot cancel the shift.
      double angle = random.nextDouble() * 2 * Math.PI;
      double distance = (3.5 + 1.5 * random.nextDouble()) * scale;
      SceneObject main = out.main();
      double dx = prompt.position().fx() * config.width() + distance * Math.cos(angle);
      double dy = prompt.position().fy() * config.height() + distance * Math.sin(angle);
      out = out.withMain(main.moved(dx - main.centreX(), dy - main.centreY()));
    }
    if (degradations.contains(Degradation.CLUTTER)) {
      out = out.plus(distractor(out, prompt, random));
    }
    return out;
  }

  RgbImage degradeImage(RgbImage image, Set<Degradation> degradations, Random random) {
    RgbImage out = image;
    if (degradations.contains(Degradation.LOW_CONTRAST)) {
      out = ImageFilters.contrast(out, 0.4 + 0.2 * random.nextDouble());
    }
    if (degradations.contains(Degradation.BLUR)) {
      out = ImageFilters.gaussianBlur(out, (1.0 + 0.6 * random.nextDouble()) * scale);
    }
    if (degradations.contains(Degradation.NOISE)) {
      out = ImageFilters.gaussianNoise(out, 0.06 + 0.06 * random.nextDouble(), random);
    }
    return out;
  }

  private static float[] wrongShade(Prompt prompt, float[] rgb, Random random) {
    if (prompt.colour() == Colour.WHITE) {
      List<Colour> tints = chromatic(prompt);
      float[] tint = tints.get(random.nextInt(tints.size())).rgb();
      return Colours.mix(rgb, tint, 0.20 + 0.08 * random.nextDouble());
    }
    float[] target = random.nextBoolean() ? Colour.WHITE.rgb() : Colour.BLACK.rgb();
    return Colours.mix(rgb, target, 0.30 + 0.15 * random.nextDouble());
  }

  private static List<Colour> chromatic(Prompt prompt) {
    List<Colour> out = new ArrayList<>();
    for (Colour c : Colour.objectColours()) {
      if (c != Colour.WHITE && c != prompt.colour() && c != prompt.background()) {
        out.add(c);
      }
    }
    return out;
  }

  private SceneObject distractor(Scene scene, Prompt prompt, Random random) {
    SceneObject main = scene.main();
    Shape[] shapes = Shape.values();
    Shape shape = shapes[random.nextInt(shapes.length)];
    List<Colour> colours = chromatic(prompt);
    float[] rgb = colours.get(random.nextInt(colours.size())).rgb();
    double side = Math.max(4 * scale, main.side() * (0.6 + 0.25 * random.nextDouble()));
    double margin = side / 2 + 0.5;
    SceneObject best = null;
    double bestGap = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < TRIES; i++) {
      double x = margin + random.nextDouble() * (config.width() - 2 * margin);
      double y = margin + random.nextDouble() * (config.height() - 2 * margin);
      double gap =
          Math.max(Math.abs(x - main.centreX()), Math.abs(y - main.centreY()))
              - (side + main.side()) / 2;
      if (gap > bestGap) {
        bestGap = gap;
        best = new SceneObject(shape, x, y, side, rgb);
      }
      if (gap > 1.5 * scale) {
        return best;
      }
    }
    return best;
  }
}
