package prefloop.rater.model;

/** An {@link ImageRewardModel} that holds the name it was configured with. */
public abstract class NamedImageRewardModel implements ImageRewardModel {
  private final String name;

  protected NamedImageRewardModel(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a reward model needs a name");
    }
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }
}
