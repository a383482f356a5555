package prefloop.generator.model;

/** A checkpoint the generator will not serve; the old model keeps serving. */
public final class CheckpointRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  public CheckpointRejectedException(RejectReason reason, String message, Throwable cause) {
    super(reason.tag() + ": " + message, cause);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
