package prefloop.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * Preference v3 added {@code group} (the scalar reward of every image of the pair or group): a v2
 * preference still reads, without a group, and a v2 reader still reads a v3 preference, ignoring
 * the rewards.
 */
class PreferenceEvolutionTest {
  private final SchemaCatalog catalog = SchemaCatalog.load();

  private Schema v2() {
    return catalog.history("Preference").get(1);
  }

  @Test
  void v3IsPublishedAndFullyCompatibleWithV2() {
    assertThat(catalog.history("Preference")).hasSize(3);
    assertThat(v2().getField("group")).isNull();
    assertThat(Compatibility.problems(v2(), Preference.getClassSchema())).isEmpty();
  }

  @Test
  void aV2ReaderReadsAV3PreferenceWithoutItsRewards() {
    Preference v3 = SampleMessages.preference(7);
    byte[] bytes = MessageCodec.of(Preference.class, catalog).encode(v3);

    GenericRecord read = MessageCodec.generic(v2(), catalog).decode(bytes);

    assertThat(read.get("pair_id").toString()).isEqualTo(v3.getPairId());
    assertThat(read.get("label").toString()).isEqualTo("A");
    assertThat(read.getSchema().getField("group")).isNull();
  }

  @Test
  void aV2PreferenceReadsWithoutAGroup() {
    byte[] v3Bytes =
        MessageCodec.of(Preference.class, catalog).encode(SampleMessages.preference(8));
    GenericRecord asV2 = MessageCodec.generic(v2(), catalog).decode(v3Bytes);
    byte[] v2Bytes = MessageCodec.generic(v2(), catalog).encode(asV2);

    Preference read = MessageCodec.of(Preference.class, catalog).decode(v2Bytes);

    assertThat(read.getGroup()).isNull();
    assertThat(read.getLabel()).isEqualTo(PreferenceLabel.A);
    assertThat(read.getImages()).hasSize(2);
  }

  @Test
  void aV3PreferenceKeepsItsRewards() {
    byte[] bytes = MessageCodec.of(Preference.class, catalog).encode(SampleMessages.preference(9));

    Preference read = MessageCodec.of(Preference.class, catalog).decode(bytes);

    assertThat(read.getGroup().getRewards()).isEqualTo(List.of(1.5, -0.25, 0.5));
    assertThat(read.getGroup().getAIndex()).isZero();
    assertThat(read.getGroup().getBIndex()).isEqualTo(1);
  }
}
