package prefloop.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.WeightsKind;

/**
 * ModelUpdate v2 added {@code weights} (FULL or ADAPTER) and {@code base_sha256}: an update written
 * by a v1 learner still reads as a full-weight update, and a v1 reader still reads a v2 adapter
 * update (its URI, hash and version), ignoring the new fields.
 */
class ModelUpdateEvolutionTest {
  private final SchemaCatalog catalog = SchemaCatalog.load();

  @Test
  void v2IsPublishedAndFullyCompatibleWithV1() {
    Schema v1 = catalog.history("ModelUpdate").get(0);

    assertThat(catalog.history("ModelUpdate")).hasSize(2);
    assertThat(v1.getField("weights")).isNull();
    assertThat(Compatibility.problems(v1, ModelUpdate.getClassSchema())).isEmpty();
  }

  @Test
  void aV1UpdateReadsAsFullWeightsWithoutABase() {
    Schema v1 = catalog.history("ModelUpdate").get(0);
    ModelUpdate sample = SampleMessages.modelUpdate(3);
    GenericRecord old = new GenericData.Record(v1);
    for (Schema.Field field : v1.getFields()) {
      Object value = sample.get(field.name());
      old.put(field.name(), value);
    }
    old.put("role", new GenericData.EnumSymbol(v1.getField("role").schema(), "REFERENCE"));
    old.put("created_at", sample.getCreatedAt().toEpochMilli());
    old.put("merge", null);
    byte[] bytes = MessageCodec.generic(v1, catalog).encode(old);

    ModelUpdate read = MessageCodec.of(ModelUpdate.class, catalog).decode(bytes);

    assertThat(read.getWeights()).isEqualTo(WeightsKind.FULL);
    assertThat(read.getBaseSha256()).isNull();
    assertThat(read.getSha256()).isEqualTo(sample.getSha256());
    assertThat(read.getVersion()).isEqualTo(3);
  }

  @Test
  void aV1ReaderReadsAnAdapterUpdate() {
    Schema v1 = catalog.history("ModelUpdate").get(0);
    ModelUpdate adapter =
        ModelUpdate.newBuilder(SampleMessages.modelUpdate(5))
            .setWeights(WeightsKind.ADAPTER)
            .setBaseSha256("cd".repeat(32))
            .build();
    byte[] bytes = MessageCodec.of(ModelUpdate.class, catalog).encode(adapter);

    GenericRecord read = MessageCodec.generic(v1, catalog).decode(bytes);

    assertThat(read.get("version")).isEqualTo(5L);
    assertThat(read.get("uri").toString()).isEqualTo(adapter.getUri());
    assertThat(read.getSchema().getField("base_sha256")).isNull();
  }
}
