package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import prefloop.app.RepositoryRoot;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.rater.service.Chromium;
import prefloop.world.PngCodec;

/**
 * The dashboard on a real broker with synthetic traffic and tiny real checkpoints, seen through
 * headless Chromium: every chart has data, the grid shows the latest policy version, the shipped
 * reward models score each grid for the win rate vs base, updates arrive live, and a screenshot
 * goes to docs/dashboard/dashboard.png. The people panel reads a stand-in for the rater's {@code
 * /api/stats} on loopback, in the shape the rater sends (LocalLoopIT reads a real rater's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.ephemeral();
  private static Vertx vertx;
  private static DashboardVerticle dashboard;
  private static SyntheticLoop loop;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Two people who agree on the four pairs both labelled; bob is below chance and excluded. */
  static final JsonObject RATER_STATS =
      new JsonObject(
          """
          {"waiting": 3, "settled": 9, "policy": "FRACTION",
           "raters": {
             "ann": {"labelled": 12, "skipped": 0, "bad": 0, "modelAgreement": 0.75,
                     "modelCompared": 12, "humanAgreement": 1.0, "humanCompared": 4,
                     "estimatedAccuracy": 0.83, "excluded": false, "withheld": 0,
                     "goldSeen": 2, "goldCorrect": 2},
             "bob <b>": {"labelled": 25, "skipped": 1, "bad": 0, "modelAgreement": 0.2,
                     "modelCompared": 25, "humanAgreement": 1.0, "humanCompared": 4,
                     "estimatedAccuracy": 0.31, "excluded": true, "withheld": 5,
                     "goldSeen": 3, "goldCorrect": 0}},
           "agreement": {"alpha": 0.62, "pairs": 4,
             "kappas": [{"raters": ["ann", "bob <b>"], "kappa": 0.5, "shared": 4}]}}
          """);

  @BeforeAll
  static void startDashboardOnATrafficOfSyntheticMessages() throws Exception {
    vertx = Vertx.vertx();
    int raterPort =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .response()
                        .putHeader("Content-Type", "application/json")
                        .end(RATER_STATS.encode()))
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS)
            .actualPort();
    loop = new SyntheticLoop(kafka.bootstrapServers(), kafka.topics());
    DashboardConfig config =
        DashboardConfig.defaults(kafka.bootstrapServers())
            .withTopicPrefix(kafka.topics().prefix())
            .withPort(0)
            .withBaseCheckpoint(SyntheticLoop.checkpoint(dir, "base", 0))
            .withGridSteps(2)
            .withGridMinInterval(Duration.ZERO)
            .withPushInterval(Duration.ofMillis(200))
            .withDriftDelta(0.01)
            .withRewardDir(RepositoryRoot.resolve("models/reward"))
            .withRaterUrl("http://127.0.0.1:" + raterPort + "/")
            .withGridDir(dir.resolve("grids"));
    for (long step = 1; step <= 30; step++) {
      loop.metrics(step);
      loop.preference(step, step / 10);
    }
    loop.reference(1, 16, false);
    loop.reference(2, 32, true);
    loop.policy(1, SyntheticLoop.checkpoint(dir, "policy", 1));
    loop.policy(2, SyntheticLoop.checkpoint(dir, "policy", 2));
    loop.garbage();
    loop.flush();
    dashboard = new DashboardVerticle(config);
    vertx.deployVerticle(dashboard).await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (loop != null) {
      loop.close();
    }
  }

  @Test
  @Order(1)
  void stateAggregatesTheTopicsAndTheGridOfTheLatestPolicyIsServed() throws Exception {
    JsonObject state = awaitState(DashboardIT::showsGridOfVersion2);

    assertThat(state.getLong("learnerStep")).isEqualTo(30);
    assertThat(state.getJsonObject("totals").getLong("preferences")).isEqualTo(30);
    assertThat(
            state.getJsonObject("totals").getJsonObject("undecodable").getLong("prefloop.metrics"))
        .isEqualTo(1);
    assertThat(state.getJsonObject("rewards").getJsonArray("versions")).hasSize(4);
    assertThat(state.getJsonArray("bins")).hasSize(SyntheticLoop.BINS);
    HttpResponse<byte[]> png = get("/grid/latest.png", HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(PngCodec.decode(png.body()).text()).containsEntry("policy_version", "2");
    assertThat(dir.resolve("grids/v2.png"))
        .as("every rendered grid is also kept on disk")
        .hasBinaryContent(png.body());
    assertThat(dir.resolve("grids/v0.png")).exists();
    assertThat(get("/health", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    // every browser asks for it: it used to be a 404 in each console
    HttpResponse<String> icon = get("/favicon.ico", HttpResponse.BodyHandlers.ofString());
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(get("/metrics", HttpResponse.BodyHandlers.ofString()).body())
        .contains("prefloop_dashboard_learner_steps_total 30.0");
  }

  @Test
  @Order(1)
  void peopleRatingPairsAreShownAsTheRaterReportsThem() throws Exception {
    JsonObject people =
        awaitState(s -> s.getJsonObject("people").getValue("updated") != null)
            .getJsonObject("people");

    assertThat(people.getJsonObject("agreement").getDouble("alpha")).isEqualTo(0.62);
    assertThat(people.getJsonObject("raters").fieldNames()).containsExactly("ann", "bob <b>");
    assertThat(people.getValue("problem")).isNull();
    assertThat(get("/metrics", HttpResponse.BodyHandlers.ofString()).body())
        .contains("prefloop_dashboard_people_alpha 0.62")
        .contains("prefloop_dashboard_people_accuracy{rater=\"ann\"} 0.83")
        .contains("prefloop_dashboard_people_model_agreement{rater=\"bob <b>\"} 0.2");
  }

  @Test
  @Order(1)
  void everyRenderedGridIsScoredAgainstTheBaseGridForTheLearningCurve() throws Exception {
    JsonObject state = awaitState(DashboardIT::showsGridOfVersion2);

    JsonArray curve = state.getJsonArray("learningCurve");
    assertThat(curve).isNotEmpty();
    JsonObject base = curve.getJsonObject(0);
    assertThat(base.getLong("version")).isZero();
    assertThat(base.getJsonObject("models").fieldNames())
        .containsExactlyInAnyOrder(
            "fidelity", "aesthetic", "fidelity-heldout", "aesthetic-heldout", "attributes");
    assertThat(base.getDouble("trainingMean")).isEqualTo(0.5);
    assertThat(base.getDouble("heldOutMean")).isEqualTo(0.5);
    JsonObject newest = curve.getJsonObject(curve.size() - 1);
    assertThat(newest.getLong("version")).isEqualTo(2);
    JsonObject fidelity = newest.getJsonObject("models").getJsonObject("fidelity");
    assertThat(fidelity.getDouble("rate")).isBetween(0.0, 1.0);
    assertThat(fidelity.getDouble("se")).isNotNegative();
    assertThat(newest.getJsonObject("models").stream())
        .as("a version with other weights draws other images: not all ties")
        .anyMatch(e -> ((JsonObject) e.getValue()).getDouble("rate") != 0.5);
    assertThat(state.getValue("learningCurveProblem")).isNull();
    JsonObject sentinel = state.getJsonObject("sentinel");
    assertThat(sentinel.getBoolean("enabled")).isTrue();
    assertThat(sentinel.getLong("judged"))
        .as("versions 1 and 2 judged against the base")
        .isPositive();
    assertThat(sentinel.getDouble("cpuSeconds")).isPositive();
    assertThat(get("/metrics", HttpResponse.BodyHandlers.ofString()).body())
        .contains("prefloop_sentinel_judged_total ")
        .contains("prefloop_sentinel_cpu_share ")
        .contains("prefloop_dashboard_winrate_version 2.0")
        .contains(
            "prefloop_dashboard_winrate_vs_base{model=\"fidelity\"} " + fidelity.getDouble("rate"))
        .contains("prefloop_dashboard_winrate_vs_base_mean{models=\"heldout\"} ");
  }

  @Test
  @Order(2) // publishes one more step
  void pageRendersEveryChartWithDataAndTheLatestGridLive() throws Exception {
    assumeTrue(
        Chromium.installed(),
        "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
    awaitState(DashboardIT::showsGridOfVersion2);
    WebDriver browser = Chromium.headless(Files.createTempDirectory(dir, "chromium"));
    try {
      browser.manage().window().setSize(new Dimension(1400, 2000));
      browser.get("http://127.0.0.1:" + dashboard.port() + "/");
      WebDriverWait wait = new WebDriverWait(browser, WAIT);
      wait.ignoring(StaleElementReferenceException.class); // the people table is rebuilt per poll
      wait.until(
          b -> "2".equals(b.findElement(By.id("grid-version")).getDomAttribute("data-version")));
      wait.until(b -> (Boolean) js(b, "return document.getElementById('grid').naturalWidth > 0;"));

      Map<String, Long> points =
          jsCounts(
              browser,
              "return Object.fromEntries(Object.entries(window.prefloopCharts).map(([k, c]) =>"
                  + " [k, c.data.datasets.reduce((n, d) => n + d.data.filter(v => v !== null)"
                  + ".length, 0)]));");
      assertThat(points)
          .containsOnlyKeys(
              "winrate", "reward", "learner", "drift", "bins", "staleness", "throughput");
      assertThat(points.values()).allMatch(n -> n > 0);
      assertThat(browser.findElement(By.id("chart-winrate")).isDisplayed()).isTrue();
      wait.until(
          b -> b.findElement(By.id("sentinel-status")).getText().contains("versions judged"));
      assertThat(
              js(
                  browser,
                  "return window.prefloopCharts.winrate.data.datasets.map(d => d.label"
                      + " + ':' + d.data.map(p => p.x).join(','));"))
          .asString()
          .contains("fidelity:0,2", "attributes (held out):0,2", "no change (0.5):0,2");
      Map<String, Long> inked =
          jsCounts(
              browser,
              "return Object.fromEntries([...document.querySelectorAll('canvas')].map(c => {"
                  + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                  + " let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;"
                  + " return [c.id, n]; }));");
      assertThat(inked.values()).hasSize(7).allMatch(n -> n > 1000);
      assertThat(browser.findElement(By.id("grid-version")).getText())
          .isEqualTo("policy version 2");
      wait.until(b -> b.findElements(By.cssSelector("#people-raters tbody tr")).size() == 2);
      assertThat(browser.findElement(By.id("people-agreement")).getText())
          .startsWith("Krippendorff's α 0.62 over 4 pairs")
          .contains("ann & bob <b> κ 0.50");
      String bobsRow =
          wait.until(b -> b.findElement(By.cssSelector("tr[data-rater='bob <b>']")).getText());
      assertThat(bobsRow)
          .as("a name is shown as text, never as markup")
          .contains("bob <b> 25 0.20 0.31 0 / 3 excluded (5 labels withheld)");

      loop.metrics(31);
      loop.flush();
      wait.until(b -> b.findElement(By.id("learner-step")).getText().startsWith("31"));
      Thread.sleep(1_500); // a throughput point or two more for the picture
      Path shot = RepositoryRoot.resolve("docs/dashboard/dashboard.png");
      Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
  }

  private static boolean showsGridOfVersion2(JsonObject state) {
    return Long.valueOf(2).equals(state.getJsonObject("grid").getLong("latest"));
  }

  private static Object js(Object browser, String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  /** Runs {@code script}, which returns an object of counts, in the page. */
  @SuppressWarnings("unchecked")
  private static Map<String, Long> jsCounts(Object browser, String script) {
    return (Map<String, Long>) js(browser, script);
  }

  private JsonObject awaitState(Predicate<JsonObject> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonObject state = null;
    while (System.nanoTime() < deadline) {
      state = new JsonObject(get("/api/state", HttpResponse.BodyHandlers.ofString()).body());
      if (done.test(state)) {
        return state;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("dashboard state did not get there in " + WAIT + ": " + state);
  }

  private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path)).build(),
        body);
  }
}
