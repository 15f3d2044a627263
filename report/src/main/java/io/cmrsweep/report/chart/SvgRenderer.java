package io.cmrsweep.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Chart} as a standalone SVG document (no scripts, no external resources), so the
 * report works offline and in any browser or Markdown viewer.
 */
public final class SvgRenderer {
  private static final int WIDTH = 680;
  private static final int HEIGHT = 380;
  private static final int LEFT = 70;
  private static final int RIGHT = 170;
  private static final int TOP = 40;
  private static final int BOTTOM = 55;

  public String render(Chart chart) {
    Range x = xRange(chart);
    Range y = yRange(chart);
    Frame f = new Frame(x, y, chart.logX());
    StringBuilder svg = new StringBuilder(8192);
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
            + " role=\"img\" font-family=\"sans-serif\" font-size=\"11\">%n",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<title>").append(esc(chart.title())).append("</title>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        LEFT, esc(chart.title())));
    axes(svg, chart, f);
    for (Series s : chart.series()) {
      if (s.style() == Series.Style.BAND) {
        band(svg, s, f);
      }
    }
    for (Series s : chart.series()) {
      switch (s.style()) {
        case LINE -> line(svg, s, f, false);
        case DASHED -> line(svg, s, f, true);
        case POINTS -> points(svg, s, f);
        case BAND -> { }
      }
    }
    for (Chart.Marker m : chart.verticalMarkers()) {
      if (x.contains(m.at())) {
        double px = f.px(m.at());
        svg.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>%n",
            px, TOP, px, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#444\">%s</text>%n",
            px + 3, TOP + 12, esc(m.label())));
      }
    }
    legend(svg, chart);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private record Range(double lo, double hi) {
    boolean contains(double v) {
      return v >= lo && v <= hi;
    }
  }

  private record Frame(Range x, Range y, boolean logX) {
    double px(double v) {
      double t = logX ? (Math.log10(v) - Math.log10(x.lo)) / (Math.log10(x.hi) - Math.log10(x.lo))
          : (v - x.lo) / (x.hi - x.lo);
      return LEFT + t * (WIDTH - LEFT - RIGHT);
    }

    double py(double v) {
      double t = (v - y.lo) / (y.hi - y.lo);
      return HEIGHT - BOTTOM - t * (HEIGHT - TOP - BOTTOM);
    }

    boolean drawable(double xv, double yv) {
      return Double.isFinite(xv) && Double.isFinite(yv) && (!logX || xv > 0);
    }
  }

  private static Range xRange(Chart chart) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : chart.series()) {
      for (double v : s.x()) {
        if (Double.isFinite(v) && (!chart.logX() || v > 0)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    for (Chart.Marker m : chart.verticalMarkers()) {
      if (Double.isFinite(m.at()) && (!chart.logX() || m.at() > 0)) {
        lo = Math.min(lo, m.at());
        hi = Math.max(hi, m.at());
      }
    }
    return padded(lo, hi, chart.logX());
  }

  private static Range yRange(Chart chart) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : chart.series()) {
      double[] xs = s.x();
      double[] ys = s.y();
      double[] hs = s.yHigh();
      for (int i = 0; i < ys.length; i++) {
        if (!Double.isFinite(xs[i]) || (chart.logX() && xs[i] <= 0)) {
          continue;
        }
        for (double v : hs == null ? new double[] {ys[i]} : new double[] {ys[i], hs[i]}) {
          if (Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
      }
    }
    if (chart.yFrom().isPresent()) {
      lo = chart.yFrom().getAsDouble();
    }
    if (chart.yTo().isPresent()) {
      hi = chart.yTo().getAsDouble();
    }
    Range r = padded(lo, hi, false);
    return chart.yFrom().isPresent() || chart.yTo().isPresent() ? new Range(
        chart.yFrom().orElse(r.lo), chart.yTo().orElse(r.hi)) : r;
  }

  private static Range padded(double lo, double hi, boolean log) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return log ? new Range(1, 10) : new Range(0, 1);
    }
    if (log) {
      return hi > lo ? new Range(lo / 1.15, hi * 1.15) : new Range(lo / 2, lo * 2);
    }
    double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.1, 1e-3);
    return new Range(lo - pad, hi + pad);
  }

  private static void axes(StringBuilder svg, Chart chart, Frame f) {
    int x0 = LEFT;
    int x1 = WIDTH - RIGHT;
    int y0 = HEIGHT - BOTTOM;
    int y1 = TOP;
    List<Double> xt = chart.logX() ? Ticks.log(f.x.lo, f.x.hi, 6) : Ticks.linear(f.x.lo, f.x.hi, 6);
    for (double t : xt) {
      double px = f.px(t);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e5e5e5\"/>"
              + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          px, y1, px, y0, px, y0 + 16, Ticks.label(t)));
    }
    for (double t : Ticks.linear(f.y.lo, f.y.hi, 6)) {
      double py = f.py(t);
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
          x0, py, x1, py, x0 - 6, py + 4, Ticks.label(t)));
    }
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
        x0, y1, x1 - x0, y0 - y1));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        (x0 + x1) / 2, HEIGHT - 14, esc(chart.xLabel() + (chart.logX() ? " (log scale)" : ""))));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
        (y0 + y1) / 2, (y0 + y1) / 2, esc(chart.yLabel())));
  }

  private static void points(StringBuilder svg, Series s, Frame f) {
    double[] xs = s.x();
    double[] ys = s.y();
    svg.append("<g fill=\"").append(s.color()).append("\">");
    for (int i = 0; i < xs.length; i++) {
      if (f.drawable(xs[i], ys[i])) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\"/>", f.px(xs[i]), f.py(ys[i])));
      }
    }
    svg.append("</g>\n");
  }

  private static void line(StringBuilder svg, Series s, Frame f, boolean dashed) {
    for (List<double[]> run : runs(s.x(), s.y(), f)) {
      if (run.size() < 2) {
        continue;
      }
      svg.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"1.8\"");
      if (dashed) {
        svg.append(" stroke-dasharray=\"6 4\"");
      }
      svg.append(" points=\"");
      for (double[] p : run) {
        svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(p[0]), f.py(p[1])));
      }
      svg.append("\"/>\n");
    }
  }

  private static void band(StringBuilder svg, Series s, Frame f) {
    double[] xs = s.x();
    double[] lo = s.y();
    double[] hi = s.yHigh();
    List<double[]> upper = new ArrayList<>();
    List<double[]> lower = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      if (f.drawable(xs[i], lo[i]) && Double.isFinite(hi[i])) {
        upper.add(new double[] {xs[i], hi[i]});
        lower.add(0, new double[] {xs[i], lo[i]});
      }
    }
    if (upper.size() < 2) {
      return;
    }
    svg.append("<polygon fill=\"").append(s.color()).append("\" fill-opacity=\"0.18\" stroke=\"none\" points=\"");
    for (double[] p : upper) {
      svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(p[0]), f.py(Math.min(Math.max(p[1], f.y.lo), f.y.hi))));
    }
    for (double[] p : lower) {
      svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(p[0]), f.py(Math.min(Math.max(p[1], f.y.lo), f.y.hi))));
    }
    svg.append("\"/>\n");
  }

  /** Splits a polyline at non-finite values, which are gaps. */
  private static List<List<double[]>> runs(double[] xs, double[] ys, Frame f) {
    List<List<double[]>> runs = new ArrayList<>();
    List<double[]> cur = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      if (f.drawable(xs[i], ys[i])) {
        cur.add(new double[] {xs[i], Math.min(Math.max(ys[i], f.y.lo), f.y.hi)});
      } else if (!cur.isEmpty()) {
        runs.add(cur);
        cur = new ArrayList<>();
      }
    }
    if (!cur.isEmpty()) {
      runs.add(cur);
    }
    return runs;
  }

  private static void legend(StringBuilder svg, Chart chart) {
    int x = WIDTH - RIGHT + 12;
    int y = TOP + 6;
    List<String> seen = new ArrayList<>();
    for (Series s : chart.series()) {
      if (s.label().isEmpty() || seen.contains(s.label())) {
        continue;
      }
      seen.add(s.label());
      String swatch = switch (s.style()) {
        case POINTS -> String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"/>", x + 8, y, s.color());
        case BAND -> String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"8\" fill=\"%s\" fill-opacity=\"0.25\"/>", x, y - 4, s.color());
        default -> String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>",
            x, y, x + 16, y, s.color(), s.style() == Series.Style.DASHED ? " stroke-dasharray=\"4 3\"" : "");
      };
      svg.append(swatch).append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 22, y + 4,
          esc(s.label())));
      y += 16;
      if (y > HEIGHT - BOTTOM) {
        break;
      }
    }
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
