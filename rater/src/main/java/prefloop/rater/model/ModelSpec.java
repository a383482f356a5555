package prefloop.rater.model;

import java.util.Locale;

/**
 * One reward model of the rater's ensemble, as configured. Text form (flags, env): {@code
 * name:kind:weight:scale[:location]}, e.g. {@code fidelity:fidelity:1:1:models/reward/fidelity} or
 * {@code pick:remote:1:0.5:http://127.0.0.1:9000/score} (the location may contain ':').
 *
 * @param name key of the model's scores in Preference.scores; [A-Za-z0-9._-]{1,64}
 * @param kind which implementation
 * @param weight ensemble weight in [0, 1000] (0 = reported only)
 * @param scale fixed normalisation of score differences, in (0, 1e6]
 * @param location checkpoint directory, .pt file or URL; empty for analytic kinds
 */
public record ModelSpec(String name, ModelKind kind, double weight, double scale, String location) {
  public ModelSpec {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "model name must be 1-64 of [A-Za-z0-9._-], was '" + name + "'");
    }
    if (kind == null) {
      throw new IllegalArgumentException("model " + name + " needs a kind");
    }
    if (!(weight >= 0 && weight <= 1000)) {
      throw new IllegalArgumentException(
          "weight of model " + name + " must be in [0, 1000], was " + weight);
    }
    if (!(scale > 0 && scale <= 1e6)) {
      throw new IllegalArgumentException(
          "scale of model " + name + " must be in (0, 1e6], was " + scale);
    }
    location = location == null ? "" : location;
    boolean needsLocation =
        kind == ModelKind.FIDELITY || kind == ModelKind.TORCHSCRIPT || kind == ModelKind.REMOTE;
    if (needsLocation && location.isBlank()) {
      throw new IllegalArgumentException(
          "model " + name + " of kind " + kind + " needs a location (directory, .pt file or URL)");
    }
  }

  /** Parses {@code name:kind:weight:scale[:location]}. */
  public static ModelSpec parse(String text) {
    String[] parts = text.trim().split(":", 5);
    if (parts.length < 4) {
      throw new IllegalArgumentException(
          "model spec '"
              + text
              + "' must be name:kind:weight:scale[:location], kind one of "
              + java.util.Arrays.toString(ModelKind.values()).toLowerCase(Locale.ROOT));
    }
    try {
      return new ModelSpec(
          parts[0],
          ModelKind.valueOf(parts[1].toUpperCase(Locale.ROOT).replace('-', '_')),
          Double.parseDouble(parts[2]),
          Double.parseDouble(parts[3]),
          parts.length == 5 ? parts[4] : "");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad model spec '" + text + "': " + e.getMessage(), e);
    }
  }
}
