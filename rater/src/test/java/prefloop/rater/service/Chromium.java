package prefloop.rater.service;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium for the page tests (the Debian chromium and chromedriver packages). */
final class Chromium {
  private Chromium() {}

  /** A 900 × 900 desktop window. */
  static WebDriver headless(Path profile) {
    return start(options(profile));
  }

  /**
   * A phone's screen: {@code width} × {@code height} CSS pixels at device pixel ratio 2, with touch
   * (Chromium's device emulation; a headless window cannot be narrower than 500 pixels).
   */
  static WebDriver phone(Path profile, int width, int height) {
    ChromeOptions options = options(profile);
    options.setExperimentalOption(
        "mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 2.0)));
    return start(options);
  }

  private static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=900,900",
        "--user-data-dir=" + profile);
    return options;
  }

  private static WebDriver start(ChromeOptions options) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }
}
