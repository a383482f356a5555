package prefloop.world;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps prompt text to fixed-length token ids for the prompt encoder. Ids 0..2 are reserved: {@link
 * #PAD} fills the tail, {@link #EMPTY} is the whole "empty prompt" used for classifier-free
 * guidance, {@link #UNK} stands for an unknown word when {@code mapUnknownToUnk} is set; word i of
 * {@link PromptGrammar#vocabulary()} has id {@code 3 + i}.
 */
public final class PromptTokenizer {
  public static final int PAD = 0;
  public static final int EMPTY = 1;
  public static final int UNK = 2;

  /** Ids before the first vocabulary word. */
  public static final int RESERVED = 3;

  /** Longest canonical prompt is 11 words; one spare. */
  public static final int DEFAULT_MAX_LENGTH = 12;

  private final List<String> vocabulary;
  private final Map<String, Integer> ids = new HashMap<>();
  private final int maxLength;
  private final boolean mapUnknownToUnk;

  /** A tokenizer over the grammar's vocabulary, length 12, that throws on unknown words. */
  public PromptTokenizer(PromptGrammar grammar) {
    this(grammar, DEFAULT_MAX_LENGTH, false);
  }

  public PromptTokenizer(PromptGrammar grammar, int maxLength, boolean mapUnknownToUnk) {
    if (maxLength < 1 || maxLength > 1024) {
      throw new IllegalArgumentException("maxLength must be in 1..1024, got " + maxLength);
    }
    this.vocabulary = grammar.vocabulary();
    for (int i = 0; i < vocabulary.size(); i++) {
      ids.put(vocabulary.get(i), RESERVED + i);
    }
    this.maxLength = maxLength;
    this.mapUnknownToUnk = mapUnknownToUnk;
  }

  /** Number of distinct ids (embedding table rows): reserved ids plus the vocabulary. */
  public int vocabularySize() {
    return RESERVED + vocabulary.size();
  }

  /** Length of every encoded sequence. */
  public int maxLength() {
    return maxLength;
  }

  /** Token ids of {@code prompt}'s canonical text. */
  public int[] encode(Prompt prompt) {
    return encode(prompt.text());
  }

  /**
   * Token ids of {@code text}, padded with {@link #PAD} to {@link #maxLength()}. Blank text encodes
   * as {@link #encodeEmpty()}. Words need not form a valid prompt.
   *
   * @throws UnknownWordException for unknown words unless {@code mapUnknownToUnk}
   * @throws IllegalArgumentException if there are more than {@link #maxLength()} words
   */
  public int[] encode(String text) {
    List<String> words = PromptGrammar.words(text);
    if (words.isEmpty()) {
      return encodeEmpty();
    }
    if (words.size() > maxLength) {
      throw new IllegalArgumentException(
          "prompt '"
              + text
              + "' has "
              + words.size()
              + " words; the tokenizer's maxLength is "
              + maxLength);
    }
    List<String> unknown = words.stream().filter(w -> !ids.containsKey(w)).distinct().toList();
    if (!unknown.isEmpty() && !mapUnknownToUnk) {
      throw new UnknownWordException(unknown, vocabulary);
    }
    int[] tokens = new int[maxLength];
    for (int i = 0; i < words.size(); i++) {
      tokens[i] = ids.getOrDefault(words.get(i), UNK);
    }
    return tokens;
  }

  /** The empty prompt for classifier-free guidance: {@link #EMPTY} then padding. */
  public int[] encodeEmpty() {
    int[] tokens = new int[maxLength];
    tokens[0] = EMPTY;
    return tokens;
  }

  /**
   * The word for {@code id}: "&lt;pad&gt;", "&lt;empty&gt;", "&lt;unk&gt;" or a vocabulary word.
   */
  public String word(int id) {
    if (id < 0 || id >= vocabularySize()) {
      throw new IllegalArgumentException(
          "token id " + id + " out of range 0.." + (vocabularySize() - 1));
    }
    return switch (id) {
      case PAD -> "<pad>";
      case EMPTY -> "<empty>";
      case UNK -> "<unk>";
      default -> vocabulary.get(id - RESERVED);
    };
  }
}
