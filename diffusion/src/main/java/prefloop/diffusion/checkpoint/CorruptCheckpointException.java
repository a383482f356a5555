package prefloop.diffusion.checkpoint;

/**
 * A checkpoint that must not be used: missing files, a hash or size mismatch (truncated or
 * tampered), an unreadable manifest, or weights that do not fit the architecture. Nothing was
 * loaded; the caller should keep serving the model it has.
 */
public final class CorruptCheckpointException extends Exception {

  public CorruptCheckpointException(String message) {
    super(message);
  }

  public CorruptCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
