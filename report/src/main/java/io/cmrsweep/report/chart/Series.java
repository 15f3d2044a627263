package io.cmrsweep.report.chart;

import java.util.Arrays;

/**
 * One thing drawn on a chart: measured points, a fitted line, or a band between two lines.
 * Non-finite values are gaps, never drawn.
 */
public record Series(String label, String color, Style style, double[] x, double[] y, double[] yHigh) {

  /** How a series is drawn. */
  public enum Style { POINTS, LINE, DASHED, BAND }

  public Series {
    if (label == null || color == null || style == null) {
      throw new IllegalArgumentException("series needs a label, a color and a style");
    }
    x = x.clone();
    y = y.clone();
    yHigh = yHigh == null ? null : yHigh.clone();
    if (x.length != y.length || (yHigh != null && yHigh.length != x.length)) {
      throw new IllegalArgumentException("series '" + label + "': x, y (and yHigh) must have the same length");
    }
    if (style == Style.BAND && yHigh == null) {
      throw new IllegalArgumentException("series '" + label + "': a band needs yHigh");
    }
  }

  public static Series points(String label, String color, double[] x, double[] y) {
    return new Series(label, color, Style.POINTS, x, y, null);
  }

  public static Series line(String label, String color, double[] x, double[] y) {
    return new Series(label, color, Style.LINE, x, y, null);
  }

  public static Series dashed(String label, String color, double[] x, double[] y) {
    return new Series(label, color, Style.DASHED, x, y, null);
  }

  public static Series band(String label, String color, double[] x, double[] low, double[] high) {
    return new Series(label, color, Style.BAND, x, low, high);
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  @Override
  public double[] yHigh() {
    return yHigh == null ? null : yHigh.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && label.equals(s.label) && color.equals(s.color) && style == s.style
        && Arrays.equals(x, s.x) && Arrays.equals(y, s.y) && Arrays.equals(yHigh, s.yHigh);
  }

  @Override
  public int hashCode() {
    return label.hashCode() * 31 + Arrays.hashCode(x);
  }
}
