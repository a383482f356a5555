package prefloop.world;

import java.util.List;

/** Lays images of one size out in a grid, upscaled by nearest neighbour, for people to look at. */
public final class ImageGrid {
  private ImageGrid() {}

  /**
   * A grid with {@code columns} images per row (row-major), each scaled ×{@code scale} and
   * separated by {@code gap} pixels of mid-grey.
   */
  public static RgbImage compose(List<RgbImage> images, int columns, int scale, int gap) {
    if (images.isEmpty() || columns < 1 || scale < 1 || gap < 0) {
      throw new IllegalArgumentException(
          "grid needs ≥ 1 image, columns ≥ 1, scale ≥ 1, gap ≥ 0; got "
              + images.size()
              + ", "
              + columns
              + ", "
              + scale
              + ", "
              + gap);
    }
    int w = images.get(0).width();
    int h = images.get(0).height();
    int rows = (images.size() + columns - 1) / columns;
    int cellW = w * scale + gap;
    int cellH = h * scale + gap;
    RgbImage grid =
        RgbImage.filled(columns * cellW + gap, rows * cellH + gap, new float[] {0.5f, 0.5f, 0.5f});
    for (int k = 0; k < images.size(); k++) {
      RgbImage image = images.get(k);
      if (image.width() != w || image.height() != h) {
        throw new IllegalArgumentException("grid images must all be " + w + "×" + h);
      }
      int ox = gap + (k % columns) * cellW;
      int oy = gap + (k / columns) * cellH;
      for (int y = 0; y < h * scale; y++) {
        for (int x = 0; x < w * scale; x++) {
          grid.setPixel(ox + x, oy + y, image.pixel(x / scale, y / scale));
        }
      }
    }
    return grid;
  }
}
