package prefloop.app.dashboard;

import java.util.List;
import prefloop.world.RgbImage;

/**
 * Renders the sample grid of one checkpoint as a PNG. Called on a worker thread, never the loop.
 */
interface GridRenderer {

  /**
   * {@code spec}'s prompts × seeds sampled by the checkpoint at {@code location} (a directory,
   * file: URI or http(s) URL): the PNG and the images in {@link GridSpec#cellPrompts()} order.
   *
   * @throws Exception when the checkpoint cannot be loaded or sampled
   */
  RenderedGrid render(String location, long version, GridSpec spec) throws Exception;

  /**
   * One rendered grid.
   *
   * @param png the grid as a PNG with its text chunks
   * @param images the cells, in {@link GridSpec#cellPrompts()} order
   */
  record RenderedGrid(byte[] png, List<RgbImage> images) {
    public RenderedGrid {
      images = List.copyOf(images);
    }
  }
}
