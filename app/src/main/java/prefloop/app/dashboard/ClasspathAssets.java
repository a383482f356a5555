package prefloop.app.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Reads the page's files and Chart.js (from its WebJar) off the classpath, once, at start. */
final class ClasspathAssets {
  private static final String CHART_JS_POM =
      "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private ClasspathAssets() {}

  /** The bytes of classpath resource {@code path} (no leading slash). */
  static byte[] read(String path) {
    try (InputStream in = ClasspathAssets.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "classpath resource " + path + " is missing; rebuild the app module");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + path, e);
    }
  }

  /** Chart.js's UMD bundle, at the path of whichever WebJar version is on the classpath. */
  static byte[] chartJs() {
    Properties pom = new Properties();
    try (InputStream in =
        ClasspathAssets.class.getClassLoader().getResourceAsStream(CHART_JS_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "the org.webjars.npm:chart.js WebJar is not on the classpath (" + CHART_JS_POM + ")");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CHART_JS_POM, e);
    }
    String version = pom.getProperty("version");
    return read("META-INF/resources/webjars/chart.js/" + version + "/dist/chart.umd.min.js");
  }
}
