package prefloop.generator.http;

/** A request the generator refuses with 400; the message tells the caller what to change. */
public final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message);
  }
}
