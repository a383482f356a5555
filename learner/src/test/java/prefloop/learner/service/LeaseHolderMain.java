package prefloop.learner.service;

import java.time.Duration;

/**
 * A process that takes a learner lease and holds it until killed: {@link LearnerLeaseIT} kills it
 * with SIGKILL, as a crashed learner dies, so it never leaves the group.
 */
public final class LeaseHolderMain {
  private LeaseHolderMain() {}

  /** Arguments: bootstrap servers, model-updates topic, learner id. */
  public static void main(String[] args) throws Exception {
    LearnerLease lease = LearnerLease.acquire(args[0], args[1], args[2], Duration.ofSeconds(60));
    System.out.println("HELD " + lease.held());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
