package prefloop.world;

/**
 * One shape placed in a scene, in pixel units.
 *
 * @param shape the shape
 * @param centreX centre of the bounding box, x in pixels (0 = left edge of the image)
 * @param centreY centre of the bounding box, y in pixels (0 = top edge)
 * @param side side of the square bounding box in pixels, &gt; 0
 * @param rgb fill colour, 3 values in [0,1]
 */
public record SceneObject(Shape shape, double centreX, double centreY, double side, float[] rgb) {
  public SceneObject {
    if (!(side > 0)) {
      throw new IllegalArgumentException("object side must be > 0 pixels, got " + side);
    }
    rgb = Colours.checked(rgb).clone();
  }

  /** The same object moved by (dx, dy) pixels. */
  public SceneObject moved(double dx, double dy) {
    return new SceneObject(shape, centreX + dx, centreY + dy, side, rgb);
  }

  /** The same object in another colour. */
  public SceneObject recoloured(float[] newRgb) {
    return new SceneObject(shape, centreX, centreY, side, newRgb);
  }
}
