package prefloop.app.sentinel;

import java.util.List;

/**
 * The sentinel's judgement of one policy version.
 *
 * @param version the version judged
 * @param signals why it looks like reward hacking; empty for a good version
 * @param alarm whether this version completed the run of flagged versions that raises the alarm
 * @param lastGood the newest version judged good before this one (0 = the base)
 */
public record Verdict(long version, List<Signal> signals, boolean alarm, long lastGood) {

  public Verdict {
    signals = List.copyOf(signals);
  }

  public boolean flagged() {
    return !signals.isEmpty();
  }
}
