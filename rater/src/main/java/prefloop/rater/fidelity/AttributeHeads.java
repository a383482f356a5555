package prefloop.rater.fidelity;

import java.util.List;
import prefloop.world.Colour;
import prefloop.world.Position;
import prefloop.world.Prompt;
import prefloop.world.Shape;
import prefloop.world.Size;

/**
 * The fidelity net's output layout: one softmax head per prompt attribute, laid side by side in one
 * logit vector of {@link #WIDTH} entries. Head h occupies {@code [offset(h), offset(h) + size(h))}.
 */
public final class AttributeHeads {
  /** Head names, in logit order. */
  public static final List<String> NAMES =
      List.of("colour", "shape", "background", "position", "size");

  private static final List<Colour> OBJECT = Colour.objectColours();
  private static final List<Colour> BACKGROUND = Colour.backgroundColours();
  private static final int[] SIZES = {
    OBJECT.size(),
    Shape.values().length,
    BACKGROUND.size(),
    Position.values().length,
    Size.values().length
  };

  /** Total logits: the sum of the head sizes. */
  public static final int WIDTH = sum(SIZES);

  private AttributeHeads() {}

  public static int count() {
    return SIZES.length;
  }

  public static int size(int head) {
    return SIZES[head];
  }

  public static int offset(int head) {
    int offset = 0;
    for (int h = 0; h < head; h++) {
      offset += SIZES[h];
    }
    return offset;
  }

  /** The class index of each head for {@code prompt}, in head order. */
  public static int[] classes(Prompt prompt) {
    return new int[] {
      OBJECT.indexOf(prompt.colour()),
      prompt.shape().ordinal(),
      BACKGROUND.indexOf(prompt.background()),
      prompt.position().ordinal(),
      prompt.size().ordinal()
    };
  }

  /** A {@link #WIDTH}-long mask with a 1 at each head's class of {@code prompt}. */
  public static float[] targetMask(Prompt prompt) {
    float[] mask = new float[WIDTH];
    int[] classes = classes(prompt);
    for (int h = 0; h < classes.length; h++) {
      mask[offset(h) + classes[h]] = 1f;
    }
    return mask;
  }

  private static int sum(int[] values) {
    int total = 0;
    for (int v : values) {
      total += v;
    }
    return total;
  }
}
