package io.cmrsweep.report.chart;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A 2-D chart: title, axis labels, series, and optional vertical markers (e.g. T_max) and a horizontal
 * reference line (e.g. the tolerance). Rendered by {@link SvgRenderer}.
 */
public record Chart(String title, String xLabel, String yLabel, boolean logX, List<Series> series,
    List<Marker> verticalMarkers, OptionalDouble yFrom, OptionalDouble yTo) {

  /** A labelled vertical or horizontal reference line. */
  public record Marker(String label, double at) {}

  public Chart {
    series = List.copyOf(series);
    verticalMarkers = List.copyOf(verticalMarkers);
  }

  public static Chart of(String title, String xLabel, String yLabel, boolean logX, List<Series> series) {
    return new Chart(title, xLabel, yLabel, logX, series, List.of(), OptionalDouble.empty(), OptionalDouble.empty());
  }

  public Chart withMarker(String label, double at) {
    List<Marker> markers = new java.util.ArrayList<>(verticalMarkers);
    markers.add(new Marker(label, at));
    return new Chart(title, xLabel, yLabel, logX, series, markers, yFrom, yTo);
  }

  public Chart withYRange(double from, double to) {
    return new Chart(title, xLabel, yLabel, logX, series, verticalMarkers, OptionalDouble.of(from), OptionalDouble.of(to));
  }
}
