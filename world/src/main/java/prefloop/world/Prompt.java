package prefloop.world;

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
    if (!colour.isObjectColour()) {
      throw new InvalidPromptException(
          "colour '"
              + colour.word()
              + "' is not an object colour; use one of "
              + Colour.objectColours().stream().map(Colour::word).toList());
    }
    if (!background.isBackgroundColour()) {
      throw new InvalidPromptException(
          "colour '"
              + background.word()
              + "' is not a background colour; use one of "
              + Colour.backgroundColours().stream().map(Colour::word).toList());
    }
    if (colour == background) {
      throw new InvalidPromptException(
          "object and background are both '" + colour.word() + "'; they must differ");
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
