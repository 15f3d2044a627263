package io.cmrsweep.report.render;

import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.report.chart.Chart;
import io.cmrsweep.report.chart.Series;
import io.cmrsweep.report.data.SweepResults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CMR across model sizes (DESIGN 1.1 step 6): per domain a CMR-vs-size chart on a log N axis (the swept
 * sizes' CMRs with their intervals, the fitted size law with its bootstrap band, the targets with their
 * predicted intervals), a table of the predictions, and each prediction in plain words. Nothing without
 * predictions.
 */
public final class SizeSection {

  public List<Block> blocks(SweepResults results) {
    List<PredictionRow> rows = results.predictions();
    List<Block> doc = new ArrayList<>();
    if (rows.isEmpty()) {
      return doc;
    }
    doc.add(new Block.Heading(2, "CMR across model sizes"));
    doc.add(new Block.Paragraph("The CMR of each swept size, fitted against model size N and extrapolated to the"
        + " target sizes of fit.predictParams. The size law is fitted again within every bootstrap replicate"
        + " (replicate b of every size), so each interval carries the uncertainty of every stage; beyond the"
        + " largest swept size it also rests on the law's form, which nothing in the sweep can check."));
    List<List<String>> table = new ArrayList<>();
    for (PredictionRow r : rows) {
      table.add(List.of(r.domain(), size(r.targetParams()), String.format(Locale.ROOT, "%,d", r.targetParams()),
          r.answer().label(), Changes.pct(r.cmr()), interval(r), factor(r.extrapolation()), r.form(),
          String.join(", ", r.sizeModels()), r.status(), r.failedReplicates() + "/" + r.replicates()));
    }
    doc.add(new Block.Table(List.of("domain", "target", "params", "answer", "predicted CMR", "CI", "extrapolation",
        "size law", "sizes used", "status", "failed replicates"), table));
    doc.add(new Block.Bullets(rows.stream().map(SizeSection::sentence).toList()));
    for (Map.Entry<String, Chart> c : charts(results).entrySet()) {
      doc.add(new Block.Figure(c.getKey(), c.getValue().title()));
    }
    return doc;
  }

  /** One chart per domain with predictions, by chart id. */
  public Map<String, Chart> charts(SweepResults results) {
    Map<String, List<PredictionRow>> byDomain = new LinkedHashMap<>();
    for (PredictionRow r : results.predictions()) {
      byDomain.computeIfAbsent(r.domain(), k -> new ArrayList<>()).add(r);
    }
    Map<String, Chart> charts = new LinkedHashMap<>();
    byDomain.forEach((domain, rows) -> charts.put(domain + "-cmr-vs-size", chart(domain, rows)));
    return charts;
  }

  /** "Predicted CMR at 7B: 41.00 % [33.00 %, 49.00 %], extrapolated 2.3x beyond the largest swept size (3.1B) ...". */
  static String sentence(PredictionRow r) {
    String at = r.domain() + ": ";
    if (!r.predicted()) {
      return at + "no prediction at " + size(r.targetParams()) + ": " + r.status()
          + (r.statusDetail().isBlank() ? "" : " (" + r.statusDetail() + ")") + ".";
    }
    StringBuilder sb = new StringBuilder(at).append(switch (r.answer()) {
      case UPPER_BOUND -> "every swept size is decided by its tolerance bound, so the size law extrapolates sup A:"
          + " the CMR at " + size(r.targetParams()) + " is at most about ";
      case NOT_IDENTIFIED -> "not an estimate (the size law runs through estimates and upper bounds alike: "
          + sizesWithAnswers(r) + "); the law's value at " + size(r.targetParams()) + " is ";
      default -> "predicted CMR at " + size(r.targetParams()) + ": ";
    }).append(Changes.pct(r.cmr()));
    sb.append(Double.isFinite(r.ciLow()) ? " " + interval(r) + String.format(Locale.ROOT, " (%.0f %% interval)",
        100 * r.level()) : " (no interval: no bootstrap replicates)");
    double x = r.extrapolation();
    if (x > 1) {
      sb.append(", extrapolated ").append(factor(x)).append(" beyond the largest swept size (")
          .append(size(r.largestSweptParams())).append(')');
    } else {
      sb.append(", within the swept sizes (largest ").append(size(r.largestSweptParams())).append(')');
    }
    sb.append("; ").append(r.form()).append(" size law through ").append(String.join(", ",
        r.sizeParams().stream().map(p -> size(Math.round(p))).toList()));
    if ("two_point".equals(r.status())) {
      sb.append("; a two-point line: it passes exactly through both sizes and nothing checks its form");
    }
    if (r.failedReplicates() > 0) {
      sb.append("; ").append(r.failedReplicates()).append(" of ").append(r.replicates())
          .append(" replicates failed (").append(r.replicateFailures()).append(')');
    }
    return sb.append('.').toString();
  }

  /** "s117k upper_bound, s357k estimate". */
  private static String sizesWithAnswers(PredictionRow r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.sizeModels().size(); i++) {
      out.add(r.sizeModels().get(i) + " " + r.sizeAnswers().get(i));
    }
    return String.join(", ", out);
  }

  private static Chart chart(String domain, List<PredictionRow> rows) {
    PredictionRow widest = rows.stream().max(Comparator.comparingLong(PredictionRow::targetParams)).orElseThrow();
    List<Series> series = new ArrayList<>();
    double[] grid = array(widest.gridParams());
    series.add(Series.band(String.format(Locale.ROOT, "%.0f%% bootstrap band", 100 * widest.level()), "#1f77b4",
        grid, array(widest.gridLow()), array(widest.gridHigh())));
    series.add(Series.line("size law (" + widest.form() + ")", "#1f77b4", grid, array(widest.gridCmr())));
    series.add(Series.points("swept sizes", "#2ca02c", array(widest.sizeParams()), array(widest.sizeCmrs())));
    for (int i = 0; i < widest.sizeParams().size(); i++) {
      double n = widest.sizeParams().get(i);
      series.add(Series.line("", "#2ca02c", new double[] {n, n},
          new double[] {widest.sizeCiLow().get(i), widest.sizeCiHigh().get(i)}));
    }
    List<PredictionRow> predicted = rows.stream().filter(PredictionRow::predicted).toList();
    series.add(Series.points("predicted at the targets", "#d62728",
        predicted.stream().mapToDouble(r -> r.targetParams()).toArray(),
        predicted.stream().mapToDouble(PredictionRow::cmr).toArray()));
    for (PredictionRow r : predicted) {
      series.add(Series.line("", "#d62728", new double[] {r.targetParams(), r.targetParams()},
          new double[] {r.ciLow(), r.ciHigh()}));
    }
    Chart chart = Chart.of("CMR vs model size (" + domain + ")", "model parameters N", "critical mixture ratio", true,
        series).withYRange(0, 1);
    for (PredictionRow r : rows) {
      chart = chart.withMarker(size(r.targetParams()) + " target", r.targetParams());
    }
    return chart;
  }

  /** 7B, 1.6B, 460M, 85M. */
  static String size(long params) {
    if (params >= 1_000_000_000L) {
      return trim(String.format(Locale.ROOT, "%.3g", params / 1e9)) + "B";
    }
    return trim(String.format(Locale.ROOT, "%.3g", params / 1e6)) + "M";
  }

  private static String trim(String s) {
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  private static String factor(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2gx", x) : "n/a";
  }

  private static String interval(PredictionRow r) {
    return Double.isFinite(r.ciLow()) ? "[" + Changes.pct(r.ciLow()) + ", " + Changes.pct(r.ciHigh()) + "]" : "n/a";
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
