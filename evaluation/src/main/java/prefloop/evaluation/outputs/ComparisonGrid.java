package prefloop.evaluation.outputs;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import prefloop.evaluation.ModelSamples;
import prefloop.world.ImageGrid;
import prefloop.world.RgbImage;

/**
 * A PNG of the same prompts and seeds across checkpoints: one row per checkpoint (name on the
 * left), one column per evaluation item (the first {@code columns} items), so a person sees what
 * training changed image by image.
 */
public final class ComparisonGrid {
  private static final int SCALE = 3;
  private static final int GAP = 2;
  private static final int LABEL_WIDTH = 150;

  private ComparisonGrid() {}

  /** Writes the grid of {@code samples} (first {@code columns} items each) to {@code file}. */
  public static void write(List<ModelSamples> samples, int columns, Path file) throws IOException {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a comparison grid needs at least one checkpoint");
    }
    int shown = Math.min(columns, samples.get(0).images().size());
    List<RgbImage> cells = new ArrayList<>();
    for (ModelSamples s : samples) {
      cells.addAll(s.images().subList(0, shown));
    }
    BufferedImage grid = ImageGrid.compose(cells, shown, SCALE, GAP).toBufferedImage();
    BufferedImage labelled =
        new BufferedImage(
            LABEL_WIDTH + grid.getWidth(), grid.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = labelled.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, LABEL_WIDTH, grid.getHeight());
      g.drawImage(grid, LABEL_WIDTH, 0, null);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      int cell = samples.get(0).images().get(0).height() * SCALE + GAP;
      for (int r = 0; r < samples.size(); r++) {
        g.drawString(shorten(samples.get(r).name()), 4, GAP + r * cell + cell / 2 + 4);
      }
    } finally {
      g.dispose();
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(labelled, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
  }

  private static String shorten(String name) {
    return name.length() <= 22 ? name : name.substring(0, 21) + "…";
  }
}
