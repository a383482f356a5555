package prefloop.evaluation;

import java.util.List;
import prefloop.world.RgbImage;

/**
 * What one checkpoint produced for the evaluation set: image i belongs to item i.
 *
 * @param name the checkpoint's name in tables and charts
 * @param source where it came from (a directory, or a description)
 * @param images one per item, in item order
 */
public record ModelSamples(String name, String source, List<RgbImage> images) {
  public ModelSamples {
    images = List.copyOf(images);
  }
}
