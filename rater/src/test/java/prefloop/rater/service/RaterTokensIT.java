package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import prefloop.broker.TopicReader;
import prefloop.rater.TestPairs;
import prefloop.rater.human.HumanPolicy;
import prefloop.rater.human.RaterTokens;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.RaterKind;

/**
 * Per-rater tokens on a running rater: requests without a valid token are refused, a label is
 * attributed to its token's rater whatever name is sent, a removed token stops working, and the
 * page in headless Chromium rates with a token alone.
 */
class RaterTokensIT {
  private static final String PROMPT = "a large green triangle on a white background, top right";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static RaterPageFixture page;
  private static Path tokensFile;
  private static String ann;
  private static String bob;

  @BeforeAll
  static void start() throws Exception {
    tokensFile = dir.resolve("rater-tokens");
    ann = RaterTokens.add(tokensFile, "ann");
    bob = RaterTokens.add(tokensFile, "bob");
    page =
        RaterPageFixture.start(
            config ->
                config
                    .withTokensFile(tokensFile)
                    .withHuman(
                        new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 100, 0), Duration.ZERO),
            List.of(
                TestPairs.cleanVersusDegraded("pair-1", PROMPT, 5),
                TestPairs.cleanVersusDegraded("pair-2", PROMPT, 5)));
  }

  @AfterAll
  static void stop() {
    if (page != null) {
      page.close();
    }
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(page.url() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("X-Rater-Token", token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requestsNeedAValidTokenAndALabelBelongsToItsTokensRater(@TempDir Path profile)
      throws Exception {
    HttpResponse<String> missing = send("GET", "/api/next?rater=ann", null, null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).as("says how to get a token").contains("prefloop rater tokens add");
    assertThat(send("GET", "/api/next?rater=ann", ann + "x", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/next?rater=ann", ann, null).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/label", null, "{}").body()).contains("rater token");
    assertThat(send("POST", "/api/label", ann, "x".repeat(10_000)).statusCode()).isEqualTo(413);
    // a cross-site form cannot send JSON without a preflight: anything else is refused (CSRF)
    HttpResponse<String> form =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(page.url() + "/api/label"))
                .header("Content-Type", "text/plain")
                .header("X-Rater-Token", ann)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"pair_id\": \"pair-2\", \"choice\": \"left\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(form.statusCode()).isEqualTo(415);

    // bob's token, but the body claims to be mallory: the label is bob's
    HttpResponse<String> labelled =
        send(
            "POST",
            "/api/label",
            bob,
            "{\"rater\": \"mallory\", \"pair_id\": \"pair-1\", \"choice\": \"left\"}");
    assertThat(labelled.statusCode()).isEqualTo(200);
    assertThat(labelled.body()).contains("\"bob\"").doesNotContain("mallory");

    // the page: no name to type, the token alone
    WebDriver driver = Chromium.headless(profile);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      driver.get(page.url() + "/rate/");
      wait.until(d -> d.findElement(By.id("token")).isDisplayed());
      assertThat(driver.findElement(By.id("rater")).isDisplayed()).isFalse();
      driver.findElement(By.id("token")).sendKeys(ann);
      driver.findElement(By.cssSelector("#who button")).click();
      wait.until(d -> !d.findElement(By.id("prompt")).getText().isEmpty());
      new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
      wait.until(d -> d.findElement(By.id("stats")).getText().contains("ann"));
    } finally {
      driver.quit();
    }

    List<Preference> human =
        TopicReader.readUntil(
                page.kafka.bootstrapServers(),
                page.topics.preferences(),
                l -> l.stream().filter(p -> p.getRater().getKind() == RaterKind.HUMAN).count() >= 2,
                Duration.ofSeconds(30))
            .stream()
            .filter(p -> p.getRater().getKind() == RaterKind.HUMAN)
            .toList();
    assertThat(human).extracting(p -> p.getRater().getId()).contains("human:bob", "human:ann");

    RaterTokens.remove(tokensFile, "bob");
    assertThat(send("GET", "/api/next", bob, null).statusCode()).isEqualTo(401);
  }
}
