package prefloop.world;

import java.util.Map;

/**
 * A decoded PNG.
 *
 * @param image the pixels (8-bit values scaled to [0,1])
 * @param text the tEXt / iTXt chunks, keyword → text, in file order
 */
public record DecodedPng(RgbImage image, Map<String, String> text) {
  public DecodedPng {
    text = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(text));
  }
}
