package prefloop.reliability;

/**
 * What one fuzzed HTTP request got back.
 *
 * @param status the HTTP status, or -1 when no answer came
 * @param body the response body ("" when none)
 * @param failure why no answer came (exception and message), or null when one came
 */
record HttpAnswer(int status, String body, String failure) {

  static HttpAnswer none(Exception e) {
    return new HttpAnswer(-1, "", e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  boolean answered() {
    return failure == null;
  }
}
