package prefloop.schemas.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one message type with Avro single-object encoding: {@code 0xC3 0x01}, the
 * 8-byte little-endian CRC-64-AVRO fingerprint of the writer's schema, then the Avro binary body.
 * The writer schema is resolved through a {@link SchemaCatalog} and the body read into this codec's
 * reader schema, so older and newer versions of a message decode alike. Thread-safe.
 */
public final class MessageCodec<T> {
  /** Length of the single-object header: 2 marker bytes and an 8-byte fingerprint. */
  public static final int HEADER_LENGTH = 10;

  private static final byte MAGIC_0 = (byte) 0xC3;
  private static final byte MAGIC_1 = (byte) 0x01;

  private final Schema schema;
  private final SchemaCatalog catalog;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private MessageCodec(GenericData model, Schema schema, SchemaCatalog catalog) {
    AvroLimits.install();
    this.schema = Objects.requireNonNull(schema, "schema");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, catalog);
  }

  /** A codec for a generated message class (the current schema version). */
  public static <T extends SpecificRecord> MessageCodec<T> of(
      Class<T> type, SchemaCatalog catalog) {
    SpecificData model = SpecificData.getForClass(type);
    return new MessageCodec<>(model, model.getSchema(type), catalog);
  }

  /** A codec reading into (and writing with) any version of a schema, as generic records. */
  public static MessageCodec<GenericRecord> generic(Schema schema, SchemaCatalog catalog) {
    return new MessageCodec<>(GenericData.get(), schema, catalog);
  }

  /** The schema this codec writes with and reads into. */
  public Schema schema() {
    return schema;
  }

  /** Single-object encoding of {@code value}. */
  public byte[] encode(T value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + schema.getName(), e);
    }
  }

  /**
   * Decodes single-object bytes written with any catalogued version of this message.
   *
   * @throws MessageDecodeException naming the {@link DecodeFailure} when they are not
   */
  public T decode(byte[] bytes) {
    Schema writer = writerSchema(bytes);
    if (!sameMessage(writer)) {
      throw new MessageDecodeException(
          DecodeFailure.WRONG_MESSAGE_TYPE,
          "the bytes hold a " + writer.getFullName() + ", expected " + schema.getFullName());
    }
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      // includes Avro's SystemLimitException for forged lengths (see AvroLimits)
      throw new MessageDecodeException(
          DecodeFailure.MALFORMED_BODY,
          "cannot read a " + schema.getName() + " body (" + bytes.length + " bytes): " + e,
          e);
    }
  }

  /** The writer schema named by the header of {@code bytes}; checks marker and fingerprint. */
  public Schema writerSchema(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new MessageDecodeException(DecodeFailure.EMPTY, "no bytes");
    }
    if (bytes.length < HEADER_LENGTH) {
      throw new MessageDecodeException(
          DecodeFailure.TRUNCATED_HEADER,
          bytes.length + " bytes, a single-object header alone is " + HEADER_LENGTH);
    }
    if (bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
      throw new MessageDecodeException(
          DecodeFailure.BAD_MAGIC,
          String.format(
              "starts with 0x%02X 0x%02X, single-object encoding starts with 0xC3 0x01",
              bytes[0], bytes[1]));
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Schema writer = catalog.findByFingerprint(fingerprint);
    if (writer == null) {
      throw new MessageDecodeException(
          DecodeFailure.UNKNOWN_FINGERPRINT,
          String.format(
              "schema fingerprint %016x is not in this build's catalog (written by a newer"
                  + " version? upgrade the reader)",
              fingerprint));
    }
    return writer;
  }

  private boolean sameMessage(Schema writer) {
    return writer.getFullName().equals(schema.getFullName())
        || schema.getAliases().contains(writer.getFullName());
  }

  @Override
  public String toString() {
    return "MessageCodec[" + schema.getFullName() + "]";
  }
}
