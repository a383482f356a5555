package prefloop.rater.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.RaterKind;

class PreferenceJsonTest {
  static final String VALID =
      """
      {"pair_id": "pair-7", "prompt": "a small red circle on a blue background, top left",
       "policy_version": 3, "label": "B", "rater": {"id": "kcat-alice", "kind": "HUMAN"},
       "images": [{"seed": 1, "png_base64": "iVBORw0K", "width": 32, "height": 32},
                  {"seed": 2, "blob_uri": "http://store/b.png", "width": 32, "height": 32}],
       "scores": {"pickscore": {"a": 0.2, "b": 0.4}}, "confidence": 0.8, "rated_at": 1767225600000}
      """;

  @Test
  void validJsonBecomesAPreference() {
    Preference p = PreferenceJson.parse(VALID);
    assertThat(p.getPairId()).isEqualTo("pair-7");
    assertThat(p.getLabel()).isEqualTo(PreferenceLabel.B);
    assertThat(p.getRater().getKind()).isEqualTo(RaterKind.HUMAN);
    assertThat(p.getImages().get(0).getPng().remaining()).isEqualTo(6);
    assertThat(p.getImages().get(1).getBlobUri()).isEqualTo("http://store/b.png");
    assertThat(p.getScores().get("pickscore").getB()).isEqualTo(0.4);
    assertThat(p.getConfidence()).isEqualTo(0.8);
    assertThat(p.getRatedAt().toEpochMilli()).isEqualTo(1767225600000L);
  }

  @Test
  void invalidJsonIsRejectedWithTheFieldNamed() {
    assertThatThrownBy(() -> PreferenceJson.parse("{not json")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> PreferenceJson.parse(VALID.replace("\"B\"", "\"C\"")))
        .hasMessageContaining("$.label")
        .hasMessageContaining("enumeration");
    assertThatThrownBy(
            () -> PreferenceJson.parse(VALID.replace("\"confidence\": 0.8", "\"confidence\": 1.5")))
        .hasMessageContaining("$.confidence")
        .hasMessageContaining("maximum value of 1");
    assertThatThrownBy(
            () ->
                PreferenceJson.parse(
                    VALID.replace("\"policy_version\": 3", "\"policy_version\": 3, \"extra\": 1")))
        .hasMessageContaining("property 'extra' is not defined in the schema");
    assertThatThrownBy(
            () ->
                PreferenceJson.parse(
                    VALID.replace(
                        "\"png_base64\": \"iVBORw0K\"",
                        "\"png_base64\": \"iVBORw0K\", \"blob_uri\": \"x\"")))
        .hasMessageContaining("$.images[0]")
        .hasMessageContaining("only one");
    assertThatThrownBy(
            () ->
                PreferenceJson.parse(VALID.replace("\"pair_id\": \"pair-7\"", "\"pair_id\": \"\"")))
        .hasMessageContaining("$.pair_id")
        .hasMessageContaining("pattern");
  }

  @Test
  void everyProblemOfARecordIsNamedAtOnce() {
    String twoProblems =
        VALID
            .replace("\"label\": \"B\"", "\"label\": \"C\"")
            .replace("\"width\": 32", "\"width\": 0");

    assertThatThrownBy(() -> PreferenceJson.parse(twoProblems))
        .hasMessageContaining("$.label")
        .hasMessageContaining("$.images[0].width");
  }

  /** An external rater can send its rewards of the whole group, for DPOK's advantages. */
  @Test
  void aGroupsRewardsAreOptionalAndChecked() {
    String withGroup =
        VALID.replace(
            "\"confidence\": 0.8",
            "\"confidence\": 0.8, \"group\": {\"rewards\": [0.2, 0.9, 0.4], \"a_index\": 2,"
                + " \"b_index\": 0}");

    Preference p = PreferenceJson.parse(withGroup);

    assertThat(p.getGroup().getRewards()).containsExactly(0.2, 0.9, 0.4);
    assertThat(p.getGroup().getAIndex()).isEqualTo(2);
    assertThat(PreferenceJson.parse(VALID).getGroup()).isNull();
    assertThatThrownBy(
            () -> PreferenceJson.parse(withGroup.replace("\"a_index\": 2", "\"a_index\": 3")))
        .hasMessageContaining("$.group")
        .hasMessageContaining("3 and 0");
    assertThatThrownBy(() -> PreferenceJson.parse(withGroup.replace("[0.2, 0.9, 0.4]", "[0.2]")))
        .hasMessageContaining("$.group.rewards");
  }

  /** A 64-bit seed passes exactly; a number beyond a long is refused, not clamped. */
  @Test
  void seedsAreLongsExactlyAndNothingBeyond() {
    Preference big =
        PreferenceJson.parse(VALID.replace("\"seed\": 1,", "\"seed\": -9223372036854775807,"));

    assertThat(big.getImages().get(0).getSeed()).isEqualTo(-9223372036854775807L);
    assertThatThrownBy(() -> PreferenceJson.parse(VALID.replace("\"seed\": 1,", "\"seed\": 1e30,")))
        .hasMessageContaining("$.images[0].seed");
  }
}
