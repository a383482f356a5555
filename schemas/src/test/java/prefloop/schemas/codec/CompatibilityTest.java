package prefloop.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.avro.PromptRequest;

class CompatibilityTest {
  private final SchemaCatalog catalog = SchemaCatalog.load();

  @Test
  void everyCurrentSchemaIsFullyCompatibleWithItsLastPublishedVersion() {
    for (Class<?> type : SchemaCatalog.MESSAGE_TYPES) {
      String name = type.getSimpleName();
      assertThat(Compatibility.problems(catalog.previous(name), catalog.current(name)))
          .as(name + " vs its last published version")
          .isEmpty();
    }
  }

  @Test
  void everyCurrentSchemaIsPublished() {
    for (Class<?> type : SchemaCatalog.MESSAGE_TYPES) {
      String name = type.getSimpleName();
      assertThat(SchemaCatalog.fingerprint(catalog.previous(name)))
          .as(
              name
                  + " changed but is not published; run `mvn -o -q -pl schemas compile exec:java`"
                  + " and commit schemas/src/main/resources/prefloop/schemas/history")
          .isEqualTo(SchemaCatalog.fingerprint(catalog.current(name)));
    }
  }

  @Test
  void addingAFieldWithADefaultIsCompatibleBothWays() throws IOException {
    Schema evolved = fixture("PromptRequest.added-field.avsc");
    assertThat(Compatibility.problems(PromptRequest.getClassSchema(), evolved)).isEmpty();
  }

  @Test
  void addingARequiredFieldIsRejected() throws IOException {
    Schema broken = fixture("PromptRequest.required-field.avsc");
    assertThat(Compatibility.problems(PromptRequest.getClassSchema(), broken))
        .anySatisfy(p -> assertThat(p).startsWith("backward").contains("language"));
  }

  @Test
  void oldWriterNewReader() throws IOException {
    Schema evolved = fixture("PromptRequest.added-field.avsc");
    byte[] old =
        MessageCodec.of(PromptRequest.class, catalog).encode(SampleMessages.promptRequest(9));

    GenericRecord read = MessageCodec.generic(evolved, catalog).decode(old);

    assertThat(read.get("id").toString()).isEqualTo("prompt-9");
    assertThat(read.get("language").toString()).isEqualTo("en");
  }

  @Test
  void newWriterOldReaderOnceTheReaderKnowsTheNewVersion() throws IOException {
    Schema evolved = fixture("PromptRequest.added-field.avsc");
    PromptRequest original = SampleMessages.promptRequest(4);
    GenericRecord newer = new GenericData.Record(evolved);
    evolved.getFields().forEach(f -> newer.put(f.name(), f.defaultVal()));
    newer.put("id", original.getId());
    newer.put("text", original.getText());
    newer.put("source", new GenericData.EnumSymbol(evolved.getField("source").schema(), "BUILTIN"));
    newer.put("priority", 0);
    newer.put("language", "de");
    newer.put("requested_at", original.getRequestedAt().toEpochMilli());
    byte[] bytes = MessageCodec.generic(evolved, catalog.with(evolved)).encode(newer);

    PromptRequest read = MessageCodec.of(PromptRequest.class, catalog.with(evolved)).decode(bytes);
    MessageDecodeException unknown =
        catchThrowableOfType(
            MessageDecodeException.class,
            () -> MessageCodec.of(PromptRequest.class, catalog).decode(bytes));

    assertThat(read).isEqualTo(original);
    assertThat(unknown.failure()).isEqualTo(DecodeFailure.UNKNOWN_FINGERPRINT);
  }

  private static Schema fixture(String name) throws IOException {
    try (InputStream in = CompatibilityTest.class.getResourceAsStream("/evolution/" + name)) {
      return new Schema.Parser().parse(in);
    }
  }
}
