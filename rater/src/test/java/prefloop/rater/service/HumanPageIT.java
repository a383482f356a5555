package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import prefloop.broker.TopicReader;
import prefloop.rater.TestPairs;
import prefloop.rater.human.HumanPolicy;
import prefloop.rater.human.HumanTask;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.world.Degradation;

/**
 * Headless Chromium on the rating page: a keyboard label reaches the preferences topic; XSS is
 * inert.
 */
class HumanPageIT {
  private static final String XSS_PROMPT =
      "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"> a red circle";
  private static final String PROMPT = "a large green triangle on a white background, top right";
  private static final Path SCREENSHOT = Path.of("../docs/rater/rating-page.png");
  private static final Path PHONE_SCREENSHOT = Path.of("../docs/rater/rating-page-phone.png");

  private static RaterPageFixture page;

  @BeforeAll
  static void start() throws Exception {
    GeneratedPair xss =
        TestPairs.pair(
            "xss-pair",
            XSS_PROMPT,
            TestPairs.render(PROMPT, 1),
            TestPairs.render(PROMPT, 2, Degradation.BLUR));
    page =
        RaterPageFixture.start(
            config ->
                config.withHuman(
                    new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 100), Duration.ZERO),
            List.of(xss, TestPairs.cleanVersusDegraded("nice-pair", PROMPT, 5)));
  }

  @AfterAll
  static void stop() {
    if (page != null) {
      page.close();
    }
  }

  @Test
  void keyboardLabelReachesPreferencesAndPromptMarkupStaysText(@TempDir Path profile)
      throws Exception {
    WebDriver driver = Chromium.headless(profile);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      driver.get(page.url() + "/rate/");
      driver.findElement(By.id("rater")).sendKeys("alice");
      driver.findElement(By.cssSelector("#who button")).click();
      wait.until(d -> XSS_PROMPT.equals(d.findElement(By.id("prompt")).getText()));

      JavascriptExecutor js = (JavascriptExecutor) driver;
      assertThat(js.executeScript("return window.__xss === undefined")).isEqualTo(true);
      assertThat(driver.findElements(By.cssSelector("#prompt script, #prompt img"))).isEmpty();

      new Actions(driver).sendKeys(Keys.ARROW_LEFT).perform();
      wait.until(d -> PROMPT.equals(d.findElement(By.id("prompt")).getText()));
      wait.until(d -> d.findElement(By.id("stats")).getText().contains("alice"));
      assertThat(driver.findElement(By.id("stats")).getText()).contains("estimated accuracy");
      assertThat(driver.findElement(By.id("alpha")).getText()).contains("no pair labelled");
      Files.createDirectories(SCREENSHOT.getParent());
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
      assertThat(js.executeScript("return window.__xss === undefined")).isEqualTo(true);
    } finally {
      driver.quit();
    }

    HumanTask task = page.rater.humanQueue().get("xss-pair").orElseThrow();
    PreferenceLabel expected = task.swapped() ? PreferenceLabel.B : PreferenceLabel.A;
    List<Preference> human =
        TopicReader.readUntil(
                page.kafka.bootstrapServers(),
                page.topics.preferences(),
                l -> l.stream().anyMatch(p -> p.getRater().getId().equals("human:alice")),
                Duration.ofSeconds(30))
            .stream()
            .filter(p -> p.getRater().getId().equals("human:alice"))
            .toList();
    assertThat(human).hasSize(1);
    assertThat(human.get(0).getPairId()).isEqualTo("xss-pair");
    assertThat(human.get(0).getRater().getId()).isEqualTo("human:alice");
    assertThat(human.get(0).getLabel())
        .as("← on a pair shown %s", task.swapped() ? "B|A" : "A|B")
        .isEqualTo(expected);
    assertThat(human.get(0).getPrompt()).isEqualTo(XSS_PROMPT);
    // the rater service's estimate of alice's accuracy from one label, not a flat 1
    assertThat(human.get(0).getConfidence()).isGreaterThan(0.5).isLessThan(1.0);
  }

  @Test
  void onAPhoneWideScreenTheKeyboardAloneAndTheButtonsRate(@TempDir Path profile) throws Exception {
    WebDriver driver = Chromium.phone(profile, 375, 800);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
      driver.get(page.url() + "/rate/");
      JavascriptExecutor js = (JavascriptExecutor) driver;
      // keyboard only: Tab to the name, type it, Enter starts, ← labels
      new Actions(driver).sendKeys(Keys.TAB).sendKeys("pat").sendKeys(Keys.ENTER).perform();
      wait.until(d -> d.findElement(By.id("task")).isDisplayed());
      assertThat(driver.findElement(By.id("progress")).getText())
          .isEqualTo("You have labelled 0 pairs.");
      assertThat(((Number) js.executeScript("return window.innerWidth")).intValue())
          .isLessThanOrEqualTo(375);
      assertThat(
              js.executeScript(
                  "return document.documentElement.scrollWidth <= window.innerWidth"
                      + " && document.getElementById('right').getBoundingClientRect().right"
                      + " <= window.innerWidth"))
          .as("no sideways scrolling, both images on screen")
          .isEqualTo(true);
      Files.copy(
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
          PHONE_SCREENSHOT,
          StandardCopyOption.REPLACE_EXISTING);
      String first = driver.findElement(By.id("task")).getAttribute("data-pair-id");
      new Actions(driver).sendKeys(Keys.ARROW_LEFT).perform();
      wait.until(
          d ->
              String.valueOf(d.findElement(By.tagName("body")).getAttribute("data-last-label"))
                  .equals(first + ":left"));
      // the buttons carry labels for screen readers, and a tap on one labels too
      assertThat(driver.findElements(By.cssSelector(".choices button")))
          .allSatisfy(b -> assertThat(b.getAttribute("aria-label")).isNotBlank());
      String second = driver.findElement(By.id("task")).getAttribute("data-pair-id");
      driver.findElement(By.cssSelector(".choices button[data-choice=skip]")).click();
      wait.until(
          d ->
              String.valueOf(d.findElement(By.tagName("body")).getAttribute("data-last-label"))
                  .equals(second + ":skip"));
      wait.until(d -> d.findElement(By.id("stats")).getText().contains("pat"));
    } finally {
      driver.quit();
    }
  }
}
