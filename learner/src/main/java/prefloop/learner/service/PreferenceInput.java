package prefloop.learner.service;

/** Where preferences come from. */
public enum PreferenceInput {
  /** Online: the preferences topic, from the checkpoint's offsets (or the beginning), forever. */
  TOPIC,
  /**
   * Offline: the preferences topic from the checkpoint's offsets (or the beginning) up to its end
   * offsets at start, then a final checkpoint and stop.
   */
  TOPIC_REPLAY,
  /** Offline: a file written by {@link PreferenceLogRecorder}, to its end, then stop. */
  FILE
}
