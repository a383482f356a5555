package prefloop.world;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link Renderer} draws: a background and objects painted in order. The first object is
 * the prompt's object; later ones are distractors.
 *
 * @param background background colour, 3 values in [0,1]
 * @param objects at least one object
 */
public record Scene(float[] background, List<SceneObject> objects) {
  public Scene {
    background = Colours.checked(background).clone();
    objects = List.copyOf(objects);
    if (objects.isEmpty()) {
      throw new IllegalArgumentException("a scene needs at least one object");
    }
  }

  /** The prompt's object. */
  public SceneObject main() {
    return objects.get(0);
  }

  /** This scene with the main object replaced. */
  public Scene withMain(SceneObject main) {
    List<SceneObject> list = new ArrayList<>(objects);
    list.set(0, main);
    return new Scene(background, list);
  }

  /** This scene with one more object painted last. */
  public Scene plus(SceneObject extra) {
    List<SceneObject> list = new ArrayList<>(objects);
    list.add(extra);
    return new Scene(background, list);
  }
}
