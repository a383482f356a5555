package prefloop.app.console;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import prefloop.schemas.threads.DaemonThreads;

/**
 * Prints the loop's {@link LiveLine} while it runs. With a known end (a {@code --minutes} budget on
 * an interactive terminal) the line rides on a progress bar of the elapsed time; otherwise (no end,
 * or output to a file) it is printed as a plain line every {@code interval}. Remembers the first
 * reward it saw per model, so the summary can say "at start vs now".
 */
public final class LoopConsole implements AutoCloseable {
  private static final int MAX_LINE = 220;

  private final Supplier<JsonObject> state;
  private final PrintStream out;
  private final long startedNanos = System.nanoTime();
  private final Duration budget;
  private final ScheduledExecutorService timer = DaemonThreads.scheduler("prefloop-console");
  private final Map<String, Double> firstRewards = new TreeMap<>();
  private ProgressBar bar;

  /**
   * @param state the dashboard state JSON, read on the console's own thread
   * @param budget the run's planned length, or {@link Duration#ZERO} when it has no end
   * @param interactive whether {@code out} is a terminal (progress bar) or a log (plain lines)
   */
  public LoopConsole(
      Supplier<JsonObject> state,
      PrintStream out,
      Duration budget,
      boolean interactive,
      Duration interval) {
    this.state = state;
    this.out = out;
    this.budget = budget;
    if (interactive && !budget.isZero()) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("up")
              .setInitialMax(budget.toSeconds())
              .setUnit(" s", 1)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new ConsoleProgressBarConsumer(out, MAX_LINE))
              .build();
    }
    long period = interval.toMillis();
    timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  /** The first mean reward seen per model (the base policy's, when the run started fresh). */
  public synchronized Map<String, Double> firstRewards() {
    return Map.copyOf(firstRewards);
  }

  private void tick() {
    try {
      JsonObject snapshot = state.get();
      String line = LiveLine.of(snapshot);
      synchronized (this) {
        LiveLine.latestRewards(snapshot.getJsonObject("rewards"))
            .forEach(firstRewards::putIfAbsent);
      }
      long elapsed = (System.nanoTime() - startedNanos) / 1_000_000_000L;
      if (bar != null) {
        bar.stepTo(Math.min(elapsed, budget.toSeconds()));
        bar.setExtraMessage(line);
      } else {
        out.printf(Locale.ROOT, "[%s] %s%n", clock(elapsed), line);
      }
    } catch (RuntimeException e) {
      out.println("console: " + e); // a display problem must never stop the loop
    }
  }

  private static String clock(long seconds) {
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (bar != null) {
      bar.close();
    }
  }
}
