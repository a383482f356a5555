package prefloop.schemas.codec;

/** Why bytes could not be decoded into a message. */
public enum DecodeFailure {
  /** No value at all (null or zero bytes), e.g. a tombstone. */
  EMPTY,
  /** Fewer than the 10 header bytes of single-object encoding. */
  TRUNCATED_HEADER,
  /** The first two bytes are not the single-object marker 0xC3 0x01. */
  BAD_MAGIC,
  /** The fingerprint names no schema we know (a newer writer? upgrade this reader). */
  UNKNOWN_FINGERPRINT,
  /** A known schema, but of another message than the topic carries. */
  WRONG_MESSAGE_TYPE,
  /** The Avro body is truncated, corrupt, or cannot be resolved to the reader's schema. */
  MALFORMED_BODY,
  /** Text that is not the JSON this topic expects (JSON ingress). */
  MALFORMED_TEXT
}
