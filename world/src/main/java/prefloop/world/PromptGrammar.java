package prefloop.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The toy world's prompt grammar:
 *
 * <pre>
 * prompt   := "a" size colour shape "on" "a" colour "background" "," position
 * position := "top left" | "top" | "top right" | "left" | "centre" | "right"
 *           | "bottom left" | "bottom" | "bottom right"
 * </pre>
 *
 * with the object colour an object colour, the background a background colour, and the two
 * different: 3 sizes × 5 shapes × 9 positions × (7 × 6 − 4) colour pairs = 5130 prompts. Immutable.
 */
public final class PromptGrammar {

  /** Filler words, in vocabulary order. */
  public static final List<String> FILLER_WORDS = List.of("a", "on", "background", ",");

  private final List<String> vocabulary;
  private final Set<String> vocabularySet;
  private final List<Prompt> all;

  public PromptGrammar() {
    Set<String> words = new LinkedHashSet<>(FILLER_WORDS);
    Arrays.stream(Size.values()).forEach(s -> words.add(s.word()));
    Arrays.stream(Colour.values()).forEach(c -> words.add(c.word()));
    Arrays.stream(Shape.values()).forEach(s -> words.add(s.word()));
    Arrays.stream(Position.values()).forEach(p -> words.addAll(p.words()));
    this.vocabulary = List.copyOf(words);
    this.vocabularySet = Set.copyOf(words);
    this.all = enumerate();
  }

  private static List<Prompt> enumerate() {
    List<Prompt> prompts = new ArrayList<>();
    for (Size size : Size.values()) {
      for (Colour colour : Colour.objectColours()) {
        for (Shape shape : Shape.values()) {
          for (Colour background : Colour.backgroundColours()) {
            for (Position position : Position.values()) {
              if (colour != background) {
                prompts.add(new Prompt(size, colour, shape, background, position));
              }
            }
          }
        }
      }
    }
    return List.copyOf(prompts);
  }

  /**
   * Every word the grammar uses, filler words first, in a fixed order (tokenizer ids follow it).
   */
  public List<String> vocabulary() {
    return vocabulary;
  }

  /** Every valid prompt, in a fixed order. */
  public List<Prompt> all() {
    return all;
  }

  /** A prompt drawn uniformly from {@link #all()} using {@code random}. */
  public Prompt sample(Random random) {
    return all.get(random.nextInt(all.size()));
  }

  /**
   * Splits text into words: lower-cases, separates commas into their own word, splits on
   * whitespace.
   */
  public static List<String> words(String text) {
    String spaced = text.toLowerCase(Locale.ROOT).replace(",", " , ").strip();
    if (spaced.isEmpty()) {
      return List.of();
    }
    return List.of(spaced.split("\\s+"));
  }

  /**
   * Parses a prompt's text (case- and whitespace-tolerant).
   *
   * @throws UnknownWordException if any word is outside {@link #vocabulary()}
   * @throws InvalidPromptException if the words are known but not in the grammar's order
   */
  public Prompt parse(String text) {
    List<String> words = words(text);
    List<String> unknown =
        words.stream().filter(w -> !vocabularySet.contains(w)).distinct().toList();
    if (!unknown.isEmpty()) {
      throw new UnknownWordException(unknown, vocabulary);
    }
    return new PromptParser(text, words).parse();
  }
}
