package prefloop.app.console;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CPU of one {@code up} process went, by the threads that spent it: the generator's
 * sampler, the rater's scorers, the learner, the dashboard's grid and learning curve (Vert.x
 * workers), and everything else (Kafka, HTTP, the console). With one intra-op thread each, libtorch
 * runs every op on the calling thread, so a thread's CPU time is its model work. Threads that have
 * ended are no longer counted (the service threads live for the whole run).
 */
public final class CpuAccount {

  /** The phases, in report order. */
  public enum Phase {
    GENERATION,
    RATING,
    LEARNING,
    EVALUATION,
    OTHER
  }

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** CPU seconds per phase of the threads alive now. */
  public Map<Phase, Double> seconds() {
    Map<Phase, Double> result = new LinkedHashMap<>();
    for (Phase phase : Phase.values()) {
      result.put(phase, 0.0);
    }
    if (!threads.isThreadCpuTimeSupported()) {
      return result;
    }
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long nanos = threads.getThreadCpuTime(id);
      if (info == null || nanos < 0) {
        continue;
      }
      result.merge(phaseOf(info.getThreadName()), nanos / 1e9, Double::sum);
    }
    return result;
  }

  /** The phase a thread of this name works for. */
  static Phase phaseOf(String threadName) {
    if (threadName.startsWith("generator-")) {
      return Phase.GENERATION;
    }
    if (threadName.startsWith("rater-")) {
      return Phase.RATING;
    }
    if (threadName.startsWith("prefloop-learner")) {
      return Phase.LEARNING;
    }
    if (threadName.startsWith("vert.x-worker-thread")) {
      return Phase.EVALUATION;
    }
    return Phase.OTHER;
  }

  /**
   * The compute account of a run: CPU seconds per phase, per trained pair and per generated pair,
   * pairs per second of wall time, and the win-rate gain per 1,000 generated pairs.
   *
   * @param seconds CPU seconds per phase ({@link #seconds()})
   * @param pairs pairs generated
   * @param trained fresh pairs the learner trained
   * @param wallSeconds the run's wall time
   * @param winRateGain the final policy's mean training win rate against the base, minus ½ (NaN
   *     when not measured)
   */
  public static String report(
      Map<Phase, Double> seconds,
      long pairs,
      long trained,
      double wallSeconds,
      double winRateGain) {
    StringBuilder text = new StringBuilder("  compute: CPU seconds");
    double total = 0;
    for (Map.Entry<Phase, Double> entry : seconds.entrySet()) {
      total += entry.getValue();
      text.append(
          String.format(
              Locale.ROOT,
              " %s %.0f",
              entry.getKey().name().toLowerCase(Locale.ROOT),
              entry.getValue()));
    }
    text.append(
        String.format(Locale.ROOT, " (total %.0f in %.0f s of wall time)", total, wallSeconds));
    if (trained > 0) {
      text.append(String.format(Locale.ROOT, "%n    per trained pair:"));
      for (Map.Entry<Phase, Double> entry : seconds.entrySet()) {
        text.append(
            String.format(
                Locale.ROOT,
                " %s %.2f",
                entry.getKey().name().toLowerCase(Locale.ROOT),
                entry.getValue() / trained));
      }
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%n    %d pairs generated, %d trained, %.2f pairs/s",
            pairs,
            trained,
            pairs / Math.max(1e-9, wallSeconds)));
    if (Double.isFinite(winRateGain) && pairs > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              "; win-rate gain per 1,000 generated pairs %+.3f",
              winRateGain * 1000.0 / pairs));
    }
    return text.toString();
  }
}
