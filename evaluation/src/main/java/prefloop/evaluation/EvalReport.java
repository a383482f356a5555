package prefloop.evaluation;

import java.util.List;

/**
 * The result of one evaluation: every checkpoint scored on the same items, with win rates against
 * each baseline.
 *
 * @param settings how images were sampled and scored
 * @param models reward model names, in panel order
 * @param heldOut the held-out subset of {@code models}
 * @param baselines names of the checkpoints win rates are computed against
 * @param rows one per checkpoint, in the order given
 * @param renderDiversity the clean renders' own feature diversity (what "diverse" looks like)
 * @param seconds wall time of the evaluation
 */
public record EvalReport(
    EvalSettings settings,
    List<String> models,
    List<String> heldOut,
    List<String> baselines,
    List<CheckpointScores> rows,
    double renderDiversity,
    double seconds) {

  public EvalReport {
    models = List.copyOf(models);
    heldOut = List.copyOf(heldOut);
    baselines = List.copyOf(baselines);
    rows = List.copyOf(rows);
  }

  /** The row named {@code name}. */
  public CheckpointScores row(String name) {
    return rows.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no checkpoint named '"
                        + name
                        + "' in this evaluation; have "
                        + rows.stream().map(CheckpointScores::name).toList()));
  }

  /** The training (non-held-out) models. */
  public List<String> trainingModels() {
    return models.stream().filter(m -> !heldOut.contains(m)).toList();
  }
}
