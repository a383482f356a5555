package prefloop.world;

import java.util.List;

/**
 * Where the object sits: a 3×3 grid. {@link #fx()} and {@link #fy()} are the centre as a fraction
 * of the image width and height (0.25, 0.5 or 0.75).
 */
public enum Position {
  TOP_LEFT(0, 0, "top left"),
  TOP(1, 0, "top"),
  TOP_RIGHT(2, 0, "top right"),
  LEFT(0, 1, "left"),
  CENTRE(1, 1, "centre"),
  RIGHT(2, 1, "right"),
  BOTTOM_LEFT(0, 2, "bottom left"),
  BOTTOM(1, 2, "bottom"),
  BOTTOM_RIGHT(2, 2, "bottom right");

  private final int column;
  private final int row;
  private final String phrase;

  Position(int column, int row, String phrase) {
    this.column = column;
    this.row = row;
    this.phrase = phrase;
  }

  /** Grid column 0..2 (left to right). */
  public int column() {
    return column;
  }

  /** Grid row 0..2 (top to bottom). */
  public int row() {
    return row;
  }

  /** Centre x as a fraction of the width. */
  public double fx() {
    return 0.25 + 0.25 * column;
  }

  /** Centre y as a fraction of the height. */
  public double fy() {
    return 0.25 + 0.25 * row;
  }

  /** The words used in prompts, e.g. {@code "top left"}. */
  public String phrase() {
    return phrase;
  }

  /** The words of {@link #phrase()}, e.g. {@code ["top", "left"]}. */
  public List<String> words() {
    return List.of(phrase.split(" "));
  }

  /** The position at grid cell (column, row). */
  public static Position at(int column, int row) {
    for (Position p : values()) {
      if (p.column == column && p.row == row) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no position at column " + column + ", row " + row + "; both must be in 0..2");
  }
}
