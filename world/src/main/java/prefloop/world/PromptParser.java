package prefloop.world;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Recursive-descent parser for one prompt whose words are all in the vocabulary. */
final class PromptParser {
  private final String text;
  private final List<String> words;
  private int next;

  PromptParser(String text, List<String> words) {
    this.text = text;
    this.words = words;
  }

  Prompt parse() {
    expect("a");
    Size size = one(Size.values(), Size::word, "a size");
    Colour colour = one(Colour.values(), Colour::word, "an object colour");
    Shape shape = one(Shape.values(), Shape::word, "a shape");
    expect("on");
    expect("a");
    Colour background = one(Colour.values(), Colour::word, "a background colour");
    expect("background");
    expect(",");
    Position position = position();
    if (next != words.size()) {
      throw invalid("nothing after the position", words.get(next));
    }
    return new Prompt(size, colour, shape, background, position);
  }

  private Position position() {
    String rest = String.join(" ", words.subList(next, words.size()));
    for (Position p : Position.values()) {
      if (p.phrase().equals(rest)) {
        next = words.size();
        return p;
      }
    }
    throw invalid(
        "a position, one of " + Arrays.stream(Position.values()).map(Position::phrase).toList(),
        rest.isEmpty() ? "the end" : rest);
  }

  private void expect(String word) {
    if (next >= words.size() || !words.get(next).equals(word)) {
      throw invalid("'" + word + "'", found());
    }
    next++;
  }

  private <T> T one(T[] options, Function<T, String> word, String what) {
    if (next < words.size()) {
      for (T option : options) {
        if (word.apply(option).equals(words.get(next))) {
          next++;
          return option;
        }
      }
    }
    throw invalid(what + " " + Arrays.stream(options).map(word).toList(), found());
  }

  private String found() {
    return next < words.size() ? "'" + words.get(next) + "'" : "the end";
  }

  private InvalidPromptException invalid(String expected, String found) {
    return new InvalidPromptException(
        "prompt '"
            + text
            + "': expected "
            + expected
            + " at word "
            + (next + 1)
            + " but found "
            + found
            + "; the form is 'a <size> <colour> <shape> on a <colour> background, <position>'");
  }
}
