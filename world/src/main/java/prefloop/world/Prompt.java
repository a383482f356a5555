package prefloop.world;

import java.util.List;
import java.util.Objects;

/**
 * One scene description, e.g. "a small red circle on a blue background, top left".
 *
 * @param size object size
 * @param colour object colour; must be an object colour
 * @param shape object shape
 * @param background background colour; must be a background colour and differ from {@code colour}
 * @param position grid cell of the object
 */
public record Prompt(Size size, Colour colour, Shape shape, Colour background, Position position) {

  public Prompt {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(colour, "colour");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(position, "position");
    requireAmong(colour, Colour.objectColours(), "an object");
    requireAmong(background, Colour.backgroundColours(), "a background");
    if (colour == background) {
      throw new InvalidPromptException(
          "object and background are both '" + colour.word() + "'; they must differ");
    }
  }

  private static void requireAmong(Colour colour, List<Colour> allowed, String role) {
    if (!allowed.contains(colour)) {
      throw new InvalidPromptException(
          "colour '"
              + colour.word()
              + "' is not "
              + role
              + " colour; use one of "
              + allowed.stream().map(Colour::word).toList());
    }
  }

  /** The canonical text, e.g. {@code "a small red circle on a blue background, top left"}. */
  public String text() {
    return "a "
        + size.word()
        + " "
        + colour.word()
        + " "
        + shape.word()
        + " on a "
        + background.word()
        + " background, "
        + position.phrase();
  }

  @Override
  public String toString() {
    return text();
  }
}
