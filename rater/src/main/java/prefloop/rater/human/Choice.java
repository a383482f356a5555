package prefloop.rater.human;

import java.util.Locale;
import java.util.Optional;

/** What a person pressed: ← left, → right, ↓ tie, s skip, b bad pair. */
public enum Choice {
  LEFT,
  RIGHT,
  TIE,
  SKIP,
  BAD;

  public static Optional<Choice> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
