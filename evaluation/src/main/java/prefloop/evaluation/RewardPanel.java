package prefloop.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.rater.aesthetic.AestheticModel;
import prefloop.rater.aesthetic.HeldOutAestheticModel;
import prefloop.rater.fidelity.FidelityModel;
import prefloop.rater.model.RewardModel;
import prefloop.world.RgbImage;

/**
 * Every reward model an evaluation reports, training and held-out (DESIGN §4: held-out scorers
 * catch reward hacking as HPSv2 does when training on PickScore):
 *
 * <ul>
 *   <li>{@code fidelity}, {@code aesthetic} — the default raters' ensemble: the policy is trained
 *       on their labels;
 *   <li>{@code fidelity-heldout} (a differently shaped CNN, different seed), {@code
 *       aesthetic-heldout} (differently built formula), {@code attributes} (the pixel rule) — never
 *       used for labels.
 * </ul>
 *
 * Also owns the fidelity net whose features the Fréchet distance and diversity use.
 */
public final class RewardPanel implements AutoCloseable {

  /** One model of the panel; {@code heldOut} = never used to label training pairs. */
  public record Member(RewardModel model, boolean heldOut) {}

  private final List<Member> members;
  private final FidelityModel fidelity;

  /** Loads the panel from {@code rewardDir} ({@code fidelity/}, {@code fidelity-heldout/}). */
  public static RewardPanel load(Path rewardDir) {
    for (String dir : List.of("fidelity", "fidelity-heldout")) {
      if (!Files.isDirectory(rewardDir.resolve(dir))) {
        throw new IllegalArgumentException(
            "no reward checkpoint "
                + rewardDir.resolve(dir).toAbsolutePath()
                + "; pass --reward-dir pointing at the shipped models/reward");
      }
    }
    FidelityModel fidelity = FidelityModel.load("fidelity", rewardDir.resolve("fidelity"));
    List<Member> members = new ArrayList<>();
    members.add(new Member(fidelity, false));
    members.add(new Member(new AestheticModel("aesthetic"), false));
    members.add(
        new Member(
            FidelityModel.load("fidelity-heldout", rewardDir.resolve("fidelity-heldout")), true));
    members.add(new Member(new HeldOutAestheticModel("aesthetic-heldout"), true));
    members.add(new Member(new AttributeRuleModel("attributes"), true));
    return new RewardPanel(members, fidelity);
  }

  /**
   * This panel with {@code training} added as training (not held-out) models, for a loop whose
   * rater labels with other models than the panel's: the scores of what the policy is trained on
   * then sit next to the held-out ones. A model named as one already in the panel is closed and
   * left out (the default rater's fidelity and aesthetic are the panel's own).
   */
  public RewardPanel withTraining(List<RewardModel> training) {
    List<Member> all = new ArrayList<>(members);
    for (RewardModel model : training) {
      if (names().contains(model.name())) {
        model.close();
      } else {
        all.add(new Member(model, false));
      }
    }
    return new RewardPanel(all, fidelity);
  }

  private RewardPanel(List<Member> members, FidelityModel fidelity) {
    this.members = List.copyOf(members);
    this.fidelity = fidelity;
  }

  public List<Member> members() {
    return members;
  }

  /** Model names in panel order. */
  public List<String> names() {
    return members.stream().map(m -> m.model().name()).toList();
  }

  /** Whether {@code name} is a held-out model. */
  public boolean heldOut(String name) {
    return members.stream().anyMatch(m -> m.model().name().equals(name) && m.heldOut());
  }

  /** Scores of every image under every model, keyed by model name in panel order. */
  public Map<String, double[]> score(List<String> prompts, List<RgbImage> images) {
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (Member member : members) {
      scores.put(member.model().name(), member.model().score(prompts, images));
    }
    return scores;
  }

  /** Penultimate features of the training fidelity net. */
  public FidelityFeatures features() {
    return new FidelityFeatures(fidelity);
  }

  @Override
  public void close() {
    for (Member member : members) {
      member.model().close();
    }
  }
}
