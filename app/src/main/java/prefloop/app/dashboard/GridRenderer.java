package prefloop.app.dashboard;

/**
 * Renders the sample grid of one checkpoint as a PNG. Called on a worker thread, never the loop.
 */
interface GridRenderer {

  /**
   * The PNG of {@code spec}'s prompts × seeds sampled by the checkpoint at {@code location} (a
   * directory, file: URI or http(s) URL).
   *
   * @throws Exception when the checkpoint cannot be loaded or sampled
   */
  byte[] render(String location, long version, GridSpec spec) throws Exception;
}
