package prefloop.schemas.codec;

import org.apache.kafka.common.errors.SerializationException;

/** Bytes that are not a message of the expected type; {@link #failure()} says why. */
public class MessageDecodeException extends SerializationException {
  private static final long serialVersionUID = 1L;

  private final DecodeFailure failure;

  public MessageDecodeException(DecodeFailure failure, String detail, Throwable cause) {
    super(failure + ": " + detail, cause);
    this.failure = failure;
  }

  public MessageDecodeException(DecodeFailure failure, String detail) {
    this(failure, detail, null);
  }

  public DecodeFailure failure() {
    return failure;
  }
}
