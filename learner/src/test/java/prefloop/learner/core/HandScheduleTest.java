package prefloop.learner.core;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * The set-up of the objectives' hand-computed tests: a fresh NDManager per test and the {@link
 * HandSchedule} on it, closed after the test.
 */
abstract class HandScheduleTest {
  protected NDManager manager;
  protected ScheduleTensors schedule;

  @BeforeEach
  void openHandSchedule() {
    manager = NDManager.newBaseManager();
    schedule = new ScheduleTensors(HandSchedule.create(), manager);
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }
}
