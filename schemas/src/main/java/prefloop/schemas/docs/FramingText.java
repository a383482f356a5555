package prefloop.schemas.docs;

/** The fixed part of the docs page: how messages are framed and how to write one elsewhere. */
final class FramingText {
  private FramingText() {}

  static final String TEXT =
      """
      Every value on an Avro topic is one message in Avro **single-object encoding**
      ([spec](https://avro.apache.org/docs/1.12.0/specification/#single-object-encoding)):

      | bytes | content |
      |---|---|
      | 0–1 | marker `0xC3 0x01` |
      | 2–9 | CRC-64-AVRO fingerprint of the writer schema's parsing canonical form, **little-endian** |
      | 10– | the Avro binary encoding of the record, written with that schema |

      No schema registry is involved: a reader looks the fingerprint up among the schemas it knows
      (the current ones below and every published older version, committed under
      `schemas/src/main/resources/prefloop/schemas/history/`) and resolves the body into its own
      version. Timestamps are `timestamp-millis` (ms since the epoch, UTC). Every change to a
      schema must stay backward and forward compatible (new fields have defaults; enums have a
      default symbol); the build checks this. Readers must be upgraded before writers start
      writing a new version: a fingerprint the reader does not know is a decode error, and the
      record goes to the dead-letter topic.

      To write a rater in another language: consume `pairs`, produce `preferences` (or JSON text
      on `preferences-json`). A `GeneratedPair` may hold a group of K > 2 images: answer it with
      one `Preference` of the two images you judge (ours takes the best and the worst).
      In Python with the `avro` package (checked with Debian's python3-avro
      1.11; `timestamp-millis` fields take timezone-aware `datetime` values, enums their symbol):

      ```python
      import io, avro.schema, avro.io
      schema = avro.schema.parse(open("docs/schemas/Preference.avsc.json").read())
      HEADER = bytes.fromhex("c3 01 ...")  # the 10 header bytes listed for Preference below
      def encode(record: dict) -> bytes:
          out = io.BytesIO()
          avro.io.DatumWriter(schema).write(record, avro.io.BinaryEncoder(out))
          return HEADER + out.getvalue()
      ```

      """;
}
