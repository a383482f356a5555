package prefloop.generator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import prefloop.diffusion.bundle.BundleModelFactory;
import prefloop.diffusion.bundle.TorchScriptDiffusionModel;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.generator.model.BasePool;
import prefloop.generator.model.CheckpointFetcher;
import prefloop.generator.sampling.SamplingWorker;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.WeightsKind;

/**
 * Prints the bytes of one model update and the time from its arrival to serving it (fetch over HTTP
 * on loopback, verify, build or apply, swap on an idle sampling worker), for FULL weights of the
 * toy UNet and ADAPTER weights of the two bundle fixtures (lines starting {@code FIGURE}); asserts
 * nothing. See docs/generator/BENCH.md. Arguments: [updates per kind (20)].
 */
public final class SwapBenchmark {
  private SwapBenchmark() {}

  public static void main(String[] args) throws Exception {
    int updates = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path work = Files.createTempDirectory("prefloop-swap-bench-");
    // served as the learner serves checkpoints: Vert.x, on loopback
    Vertx vertx = Vertx.vertx();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(request -> serveFile(work, request))
            .listen(0, "127.0.0.1")
            .await();
    String base = "http://127.0.0.1:" + server.actualPort() + "/";
    try {
      full(work, base, updates);
      adapters(work, base, Path.of("models/plain-denoiser"), updates);
      adapters(work, base, Path.of("models/latent-denoiser"), updates);
    } finally {
      vertx.close().await();
    }
    System.exit(0);
  }

  private static void full(Path work, String http, int updates) throws Exception {
    try (LoadedCheckpoint shipped = new CheckpointLoader().load(Path.of("models/base"))) {
      List<ModelUpdate> list = new ArrayList<>();
      for (int v = 1; v <= updates; v++) {
        shipped.model().parameters().get(0).getArray().addi(1e-3f);
        list.add(write(shipped.model(), work.resolve("full-v" + v), http + "full-v" + v, v));
      }
      CheckpointFetcher fetcher = new CheckpointFetcher(new CheckpointLoader());
      ServingModel start = fetcher.loadBase("models/base", 0, ModelRole.POLICY);
      measure(
          "FULL models/base (" + shipped.model().parameterCount() + " parameters)",
          fetcher,
          start,
          list);
    }
  }

  private static void adapters(Path work, String http, Path bundle, int updates) throws Exception {
    BundleModelFactory factory = new BundleModelFactory(bundle, null);
    try (BasePool pool = new BasePool(factory);
        TorchScriptDiffusionModel trained = factory.initial()) {
      List<ModelUpdate> list = new ArrayList<>();
      String name = bundle.getFileName().toString();
      for (int v = 1; v <= updates; v++) {
        trained.parameters().get(0).getArray().addi(1e-3f);
        list.add(write(trained, work.resolve(name + "-v" + v), http + name + "-v" + v, v));
      }
      CheckpointFetcher fetcher = new CheckpointFetcher(new CheckpointLoader(), pool);
      ServingModel start = fetcher.loadBase(bundle.toString(), 0, ModelRole.POLICY);
      measure(
          "ADAPTER " + bundle + " (" + trained.parameterCount() + " adapter parameters)",
          fetcher,
          start,
          list);
    }
  }

  private static void measure(
      String what, CheckpointFetcher fetcher, ServingModel start, List<ModelUpdate> updates)
      throws Exception {
    SamplingWorker worker = new SamplingWorker(new GeneratorMetrics());
    worker.install(start, System.nanoTime()).join();
    double[] millis = new double[updates.size()];
    for (int i = 0; i < updates.size(); i++) {
      long received = System.nanoTime();
      ServingModel next = fetcher.fetch(updates.get(i), worker.geometry());
      worker.install(next, received).join();
      millis[i] = (System.nanoTime() - received) / 1e6;
    }
    worker.close();
    double first = millis[0];
    double[] steady = Arrays.copyOfRange(millis, 1, millis.length);
    Arrays.sort(steady);
    System.out.printf(
        "FIGURE swap %s: %d bytes per update; arrival -> serving first %.0f ms, then p50 %.1f ms"
            + " p95 %.1f ms max %.1f ms over %d updates%n",
        what,
        updates.get(0).getBytes(),
        first,
        steady[(steady.length - 1) / 2],
        steady[(int) Math.ceil(0.95 * steady.length) - 1],
        steady[steady.length - 1],
        steady.length);
  }

  private static ModelUpdate write(DiffusionModel model, Path dir, String uri, long version)
      throws IOException {
    CheckpointManifest manifest =
        new CheckpointWriter()
            .write(model, CheckpointMetadata.of("policy", version, version, 0), dir);
    return ModelUpdate.newBuilder()
        .setRole(ModelRole.POLICY)
        .setVersion(version)
        .setLearnerStep(version)
        .setUri(uri)
        .setSha256(manifest.weightsSha256())
        .setBytes(manifest.weightsBytes())
        .setCreatedAt(Instant.now())
        .setWeights(WeightsKind.valueOf(manifest.weightsKind().name()))
        .setBaseSha256(manifest.baseSha256())
        .build();
  }

  private static void serveFile(Path root, HttpServerRequest request) {
    Path file = root.resolve(request.path().substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      request.response().setStatusCode(404).end();
      return;
    }
    request.response().sendFile(file.toString());
  }
}
