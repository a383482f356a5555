package prefloop.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a fuzzing run did with its inputs: refused (by reason), decoded, crashed. */
final class FuzzTally {
  private final Map<String, Integer> refusedByFailure = new TreeMap<>();
  private final Map<String, Integer> decodedByStrategy = new TreeMap<>();
  private final List<String> crashes = new ArrayList<>();
  private final List<String> heapExhaustions = new ArrayList<>();
  private int total;

  void count() {
    total++;
  }

  void refused(String failure) {
    refusedByFailure.merge(failure, 1, Integer::sum);
  }

  void decoded(String strategy) {
    decodedByStrategy.merge(strategy, 1, Integer::sum);
  }

  void crashed(String what) {
    crashes.add(what);
  }

  void heapExhausted(String what) {
    heapExhaustions.add(what);
  }

  int total() {
    return total;
  }

  Map<String, Integer> refusedByFailure() {
    return refusedByFailure;
  }

  List<String> crashes() {
    return crashes;
  }

  List<String> heapExhaustions() {
    return heapExhaustions;
  }

  @Override
  public String toString() {
    return "inputs="
        + total
        + " refused="
        + refusedByFailure
        + " decoded-anyway="
        + decodedByStrategy
        + " crashes="
        + crashes.size()
        + " heap-exhaustions="
        + heapExhaustions;
  }
}
