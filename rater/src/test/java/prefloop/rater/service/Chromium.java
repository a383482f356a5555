package prefloop.rater.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium for the page tests (the Debian chromium and chromedriver packages). */
public final class Chromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** Whether Debian's chromium and chromium-driver are installed (the page tests need both). */
  public static boolean installed() {
    return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
  }

  /** A 900 × 900 desktop window. */
  public static WebDriver headless(Path profile) {
    return start(options(profile));
  }

  /**
   * A phone's screen: {@code width} × {@code height} CSS pixels at device pixel ratio 2, with touch
   * (Chromium's device emulation; a headless window cannot be narrower than 500 pixels).
   */
  public static WebDriver phone(Path profile, int width, int height) {
    ChromeOptions options = options(profile);
    options.setExperimentalOption(
        "mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 2.0)));
    return start(options);
  }

  private static ChromeOptions options(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
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
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }
}
