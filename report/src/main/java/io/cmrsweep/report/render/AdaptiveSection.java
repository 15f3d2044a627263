package io.cmrsweep.report.render;

import io.cmrsweep.report.chart.Chart;
import io.cmrsweep.report.chart.Series;
import io.cmrsweep.report.data.AdaptiveHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report's account of an adaptive sweep: what it aimed at, what it spent against the full grid, every round
 * (the widths before it and the cells it chose) and a chart of each target's width against the tokens spent.
 */
public final class AdaptiveSection {
  static final String CHART = "adaptive-widths";
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"};

  public List<Block> blocks(AdaptiveHistory h) {
    List<Block> doc = new ArrayList<>();
    doc.add(new Block.Heading(2, "Adaptive design"));
    long spent = h.tokensBefore(Integer.MAX_VALUE);
    long cells = h.rounds().stream().mapToLong(r -> r.chosen().size()).sum();
    long stopped = h.rounds().stream().flatMap(r -> r.chosen().stream()).filter(c -> c.tokens() < h.fullTokens())
        .count();
    long continued = h.rounds().stream().flatMap(r -> r.chosen().stream())
        .filter(AdaptiveHistory.Cell::continuesAnother).count();
    List<String> kinds = new ArrayList<>();
    if (stopped > 0) {
      kinds.add(stopped + " stopped early");
    }
    if (continued > 0) {
      kinds.add(continued + " continuing a run stopped early");
    }
    AdaptiveHistory.Round last = h.rounds().isEmpty() ? null : h.rounds().get(h.rounds().size() - 1);
    String state = last == null ? "No round is decided yet."
        : last.stops() ? "Stopped after round " + last.number() + ": " + last.outcome() + ", " + last.reason() + "."
        : "Round " + last.number() + " is running.";
    doc.add(new Block.Paragraph(String.format(Locale.ROOT, "The sweep ran in rounds until %s was at most %s wide."
        + " It chose %d CPT cell(s)%s, %s tokens: %.0f %% of the %s tokens of the %d-cell grid at the full budget. %s",
        h.goal(), fmt(h.targetWidth()), cells, kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")",
        ReportDocument.tokens(spent), 100.0 * spent / ((double) h.gridCells() * h.fullTokens()),
        ReportDocument.tokens((double) h.gridCells() * h.fullTokens()), h.gridCells(), state)));
    List<List<String>> rows = new ArrayList<>();
    for (AdaptiveHistory.Round r : h.rounds()) {
      String widths = r.widths().isEmpty() ? "-" : String.join("; ", r.widths().stream()
          .map(w -> w.target() + " " + (Double.isFinite(w.width()) ? fmt(w.width()) : "none (" + w.status() + ")"))
          .toList());
      String chosen = r.chosen().isEmpty() ? r.outcome() : String.join("; ", r.chosen().stream()
          .map(c -> c.group() + " r=" + GroupCharts.ratio(c.ratio()) + " seed " + c.seed()
              + (c.continuesAnother() ? " continued to " + ReportDocument.tokens(c.tokens()) + " tokens ("
                  + ReportDocument.tokens(c.trained()) + " more)"
                  : c.tokens() < h.fullTokens() ? " to " + ReportDocument.tokens(c.tokens()) + " tokens" : ""))
          .toList());
      rows.add(List.of(Integer.toString(r.number()), ReportDocument.tokens(h.tokensBefore(r.number())), widths, chosen));
    }
    doc.add(new Block.Table(List.of("round", "tokens before", "widths before", "cells chosen (or the stop)"), rows));
    if (!charts(h).isEmpty()) {
      doc.add(new Block.Figure(CHART, charts(h).get(CHART).title()));
    }
    return doc;
  }

  /** The width of every target against the tokens spent before each round, with the target width; none before two. */
  public Map<String, Chart> charts(AdaptiveHistory h) {
    Map<String, Chart> out = new LinkedHashMap<>();
    TreeSet<String> targets = new TreeSet<>();
    h.rounds().forEach(r -> r.widths().forEach(w -> targets.add(w.target())));
    List<AdaptiveHistory.Round> measured = h.rounds().stream().filter(r -> !r.widths().isEmpty()).toList();
    if (measured.size() < 2) {
      return out;
    }
    List<Series> series = new ArrayList<>();
    int k = 0;
    double maxX = 0;
    for (String target : targets) {
      double[] x = new double[measured.size()];
      double[] y = new double[measured.size()];
      for (int i = 0; i < measured.size(); i++) {
        AdaptiveHistory.Round r = measured.get(i);
        x[i] = h.tokensBefore(r.number());
        y[i] = r.widths().stream().filter(w -> w.target().equals(target)).mapToDouble(AdaptiveHistory.Width::width)
            .findFirst().orElse(Double.NaN);
        maxX = Math.max(maxX, x[i]);
      }
      String color = COLORS[k++ % COLORS.length];
      series.add(Series.line(target, color, x, y));
      series.add(Series.points("", color, x, y));
    }
    series.add(Series.dashed("target width " + fmt(h.targetWidth()), "#d62728", new double[] {0, maxX},
        new double[] {h.targetWidth(), h.targetWidth()}));
    out.put(CHART, Chart.of("CMR interval width by tokens spent", "CPT tokens spent before the round",
        "interval width", false, series));
    return out;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
