package prefloop.evaluation.outputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Bar and line charts as PNG files (XChart; AWT runs headless when no display is set). */
public final class Charts {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 560;

  private Charts() {}

  /**
   * A grouped bar chart: one group per category (e.g. checkpoint), one bar per series (e.g. reward
   * model).
   *
   * @param series series name → one value per category
   */
  public static void bars(
      String title, String yTitle, List<String> categories, Map<String, double[]> series, Path file)
      throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("")
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setAvailableSpaceFill(0.8);
    series.forEach(
        (name, values) ->
            chart.addSeries(name, categories, boxed(values, categories.size(), name)));
    save(chart, file);
  }

  /**
   * A line chart: one line per series over shared or own x values.
   *
   * @param series series name → {x values, y values}
   * @param logY logarithmic y axis (values ≤ 0 are drawn at 1e-12)
   */
  public static void lines(
      String title,
      String xTitle,
      String yTitle,
      Map<String, double[][]> series,
      boolean logY,
      Path file)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setYAxisLogarithmic(logY);
    for (Map.Entry<String, double[][]> entry : series.entrySet()) {
      double[] x = entry.getValue()[0];
      double[] y = entry.getValue()[1].clone();
      if (x.length == 0) {
        continue;
      }
      if (logY) {
        for (int i = 0; i < y.length; i++) {
          y[i] = Math.max(y[i], 1e-12);
        }
      }
      chart.addSeries(entry.getKey(), x, y);
    }
    save(chart, file);
  }

  private static List<Double> boxed(double[] values, int expected, String name) {
    if (values.length != expected) {
      throw new IllegalArgumentException(
          "series " + name + " has " + values.length + " values for " + expected + " categories");
    }
    return java.util.Arrays.stream(values).boxed().toList();
  }

  private static void save(Chart<?, ?> chart, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String name = file.toString();
    String stem = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    BitmapEncoder.saveBitmap(chart, stem, BitmapFormat.PNG);
  }
}
