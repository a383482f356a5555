package prefloop.world;

/** Bytes that are not a PNG this codec can read, or text it cannot store. */
public class PngFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PngFormatException(String message) {
    super(message);
  }

  public PngFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
