package prefloop.generator;

/**
 * What {@code GET /status} reports.
 *
 * @param version version of the served model (−1 before it is loaded)
 * @param role POLICY or REFERENCE
 * @param source where the served weights came from
 * @param ready a model is loaded and Kafka answers
 * @param kafkaReachable Kafka answered within the last few probe intervals
 * @param paused backpressure holds production
 * @param pauseReason why ("" when not paused)
 * @param backlog rater lag on pairs + learner lag on preferences
 * @param pairsSinceBroadcast pairs published since the learner's last POLICY broadcast
 * @param lastBroadcast version of that broadcast (−1 if none seen)
 * @param pairsPublished pairs acknowledged by Kafka since start
 * @param imagesPerSecond sampling rate of the last batch
 * @param queuedPrompts requested prompts waiting (topic + HTTP)
 * @param unacknowledgedPrompts prompts read from the topic whose pair is not acknowledged yet
 *     (their offsets are not committed)
 * @param lastRejection the last refused checkpoint and why ("" if none)
 * @param mode pair kind
 * @param groupSize images per prompt K (2 = pairs)
 * @param steps DDIM steps
 * @param eta DDIM η
 * @param guidance guidance scale
 */
public record GeneratorStatus(
    long version,
    String role,
    String source,
    boolean ready,
    boolean kafkaReachable,
    boolean paused,
    String pauseReason,
    long backlog,
    long pairsSinceBroadcast,
    long lastBroadcast,
    long pairsPublished,
    double imagesPerSecond,
    int queuedPrompts,
    int unacknowledgedPrompts,
    String lastRejection,
    String mode,
    int groupSize,
    int steps,
    double eta,
    double guidance) {}
