package prefloop.generator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.generator.GeneratorMetrics;
import prefloop.generator.TinyCheckpoints;
import prefloop.generator.sampling.SamplingWorker;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.ModelRole;

class ModelSwitcherTest {
  @TempDir Path dir;
  private SamplingWorker worker;
  private ModelSwitcher switcher;

  @BeforeEach
  void serveTheBaseModel() throws Exception {
    worker = new SamplingWorker(new GeneratorMetrics());
    switcher = switcher(worker);
    serveBase(worker, dir);
  }

  @AfterEach
  void close() {
    switcher.close();
    worker.close();
  }

  /**
   * After a restart the learner may announce a version before its checkpoint server is up. The
   * generator used to drop such an update and serve the older model until the next broadcast.
   */
  @Test
  void anUnreachableAnnouncedCheckpointIsRetriedUntilItLoads() throws Exception {
    CheckpointManifest manifest = TinyCheckpoints.write(dir.resolve("written"), 5, 1);
    Path announced = dir.resolve("served-later");
    announceBeforeItIsServed(manifest, announced, 5);
    assertThat(worker.version()).isZero();

    Files.move(dir.resolve("written"), announced);

    await("v5 to be served", () -> worker.version() == 5);
  }

  @Test
  void aRetryStopsOnceANewerVersionIsAnnounced() throws Exception {
    CheckpointManifest v5 = TinyCheckpoints.write(dir.resolve("v5"), 5, 1);
    CheckpointManifest v6 = TinyCheckpoints.write(dir.resolve("v6"), 6, 2);
    Path v5Later = dir.resolve("v5-later");
    announceBeforeItIsServed(v5, v5Later, 5);

    switcher.onUpdate(TinyCheckpoints.update(v6, dir.resolve("v6").toString(), 6));
    await("v6 to be served", () -> worker.version() == 6);
    Files.move(dir.resolve("v5"), v5Later);
    Thread.sleep(2 * ModelSwitcher.RETRY_FIRST.toMillis() * 4);

    assertThat(worker.version()).isEqualTo(6);
  }

  /** Announces {@code manifest} at the still empty {@code location}; waits for it to fail. */
  private void announceBeforeItIsServed(CheckpointManifest manifest, Path location, long version)
      throws InterruptedException {
    switcher.onUpdate(TinyCheckpoints.update(manifest, location.toString(), version));
    await("the first attempt to fail", () -> !switcher.lastRejection().isEmpty());
  }

  private static ModelSwitcher switcher(SamplingWorker worker) {
    return new ModelSwitcher(
        ModelRole.POLICY,
        new CheckpointFetcher(new CheckpointLoader()),
        worker,
        new GeneratorMetrics(),
        0);
  }

  private static void serveBase(SamplingWorker worker, Path dir) throws Exception {
    Path base = dir.resolve("base");
    TinyCheckpoints.write(base, 0, 7);
    ServingModel model =
        new CheckpointFetcher(new CheckpointLoader())
            .loadBase(base.toString(), 0, ModelRole.POLICY);
    worker.install(model, System.nanoTime()).join();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
