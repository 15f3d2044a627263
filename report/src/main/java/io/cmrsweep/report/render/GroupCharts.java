package io.cmrsweep.report.render;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.CurveRow;
import io.cmrsweep.core.fit.LawRow;
import io.cmrsweep.core.fit.SensitivityParameter;
import io.cmrsweep.core.fit.SensitivityRow;
import io.cmrsweep.report.chart.Chart;
import io.cmrsweep.report.chart.Series;
import io.cmrsweep.report.data.MeanTrajectory;
import io.cmrsweep.report.data.SweepResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The charts of one group: loss change vs tokens per ratio (general and domain; fitted laws over the
 * measured points), the general-vs-domain trade-off, the CMR vs token budget with its bootstrap band, and
 * the CMR vs lambda and vs eps with their bands (the sensitivity to the two choices of the objective).
 */
public final class GroupCharts {
  private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  private static final int FIT_POINTS = 80;

  /** A chart with a stable file-name id. */
  public record Named(String id, Chart chart) {}

  public List<Named> build(SweepResults results, CmrRow g) {
    String prefix = g.domain() + "-" + g.model();
    return List.of(
        new Named(prefix + "-general-loss", lossChart(results, g, true)),
        new Named(prefix + "-domain-loss", lossChart(results, g, false)),
        new Named(prefix + "-trade-off", tradeOff(results, g)),
        new Named(prefix + "-cmr-vs-tokens", cmrCurve(results, g)),
        new Named(prefix + "-cmr-vs-lambda", sensitivity(results, g, SensitivityParameter.LAMBDA)),
        new Named(prefix + "-cmr-vs-eps", sensitivity(results, g, SensitivityParameter.EPS)));
  }

  /**
   * The CMR over lambda or over eps with its bootstrap band, sup A beside it (on the eps chart it moves
   * with eps), and the fit's own setting marked with its CMR: how much of the answer is a choice.
   */
  public Chart sensitivity(SweepResults results, CmrRow g, SensitivityParameter parameter) {
    List<SensitivityRow> rows = results.sensitivityOf(g, parameter);
    int n = rows.size();
    double[] x = new double[n];
    double[] c = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    double[] supA = new double[n];
    SensitivityRow chosen = null;
    for (int i = 0; i < n; i++) {
      SensitivityRow r = rows.get(i);
      x[i] = r.value();
      c[i] = r.cmr();
      lo[i] = r.ciLow();
      hi[i] = r.ciHigh();
      supA[i] = r.supA();
      chosen = r.chosen() ? r : chosen;
    }
    boolean lambda = parameter == SensitivityParameter.LAMBDA;
    String name = lambda ? "lambda" : "eps";
    List<Series> series = new ArrayList<>();
    series.add(Series.band(String.format(Locale.ROOT, "%.0f%% bootstrap band", 100 * g.level()), "#1f77b4", x, lo, hi));
    series.add(Series.line("CMR", "#1f77b4", x, c));
    series.add(Series.dashed("sup A (tolerance bound)", "#d62728", x, supA));
    Chart chart = Chart.of("CMR vs " + name + " (" + SweepResults.key(g) + ")",
        lambda ? "lambda (weight of the general-loss rise)" : "eps (tolerance, nats/token)", "critical mixture ratio",
        true, series).withYRange(0, 1);
    if (chosen == null) {
      return chart;
    }
    return chart.withMarker(String.format(Locale.ROOT, "%s = %s: CMR %s", name, number(chosen.value()),
        Changes.pct(chosen.cmr())), chosen.value());
  }

  private static String number(double v) {
    return v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  private Chart lossChart(SweepResults results, CmrRow g, boolean general) {
    double base = general ? g.baseGeneralLoss() : g.baseDomainLoss();
    List<Series> series = new ArrayList<>();
    List<MeanTrajectory> trajectories = results.trajectoriesOf(g);
    double tMax = tMax(g, trajectories);
    for (int i = 0; i < trajectories.size(); i++) {
      MeanTrajectory t = trajectories.get(i);
      String color = PALETTE[i % PALETTE.length];
      String label = "R = " + ratio(t.ratio());
      double[] y = general ? t.generalLoss() : t.domainLoss();
      for (int j = 0; j < y.length; j++) {
        y[j] -= base;
      }
      series.add(Series.points(label, color, t.tokens(), y));
      Optional<LawRow> law = results.tokenLaw(g, general ? "token_general" : "token_domain", t.ratio());
      law.ifPresent(l -> series.add(fitted("", color, l, tMax)));
    }
    if (general && Double.isFinite(g.eps()) && tMax > 0) {
      series.add(Series.dashed("tolerance eps = " + g.eps(), "#444", new double[] {0, tMax},
          new double[] {g.eps(), g.eps()}));
    }
    String which = general ? "General" : "Domain";
    return Chart.of(which + " loss change vs CPT tokens (" + SweepResults.key(g) + ")", "CPT tokens T",
        "d" + (general ? "L_gen" : "L_dom") + " (nats/token)", false, series);
  }

  private static Series fitted(String label, String color, LawRow law, double tMax) {
    double[] x = new double[FIT_POINTS];
    double[] y = new double[FIT_POINTS];
    for (int i = 0; i < FIT_POINTS; i++) {
      double u = (i + 1) / (double) FIT_POINTS;
      x[i] = u * tMax;
      y[i] = law.value(u);
    }
    return Series.line(label, color, x, y);
  }

  private Chart tradeOff(SweepResults results, CmrRow g) {
    List<Series> series = new ArrayList<>();
    List<MeanTrajectory> trajectories = results.trajectoriesOf(g);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < trajectories.size(); i++) {
      MeanTrajectory t = trajectories.get(i);
      double[] d = t.domainLoss();
      double[] gen = t.generalLoss();
      for (int j = 0; j < d.length; j++) {
        d[j] -= g.baseDomainLoss();
        gen[j] -= g.baseGeneralLoss();
        if (Double.isFinite(d[j])) {
          lo = Math.min(lo, d[j]);
          hi = Math.max(hi, d[j]);
        }
      }
      String color = PALETTE[i % PALETTE.length];
      series.add(Series.line("R = " + ratio(t.ratio()), color, d, gen));
      if (d.length > 0) {
        series.add(Series.points("", color, new double[] {d[d.length - 1]}, new double[] {gen[gen.length - 1]}));
      }
    }
    if (Double.isFinite(lo) && Double.isFinite(g.eps())) {
      series.add(Series.dashed("tolerance eps", "#444", new double[] {lo, hi}, new double[] {g.eps(), g.eps()}));
    }
    return Chart.of("Trade-off: general vs domain loss change (" + SweepResults.key(g) + "; dot = T_max)",
        "dL_dom (nats/token)", "dL_gen (nats/token)", false, series);
  }

  private Chart cmrCurve(SweepResults results, CmrRow g) {
    List<CurveRow> curve = results.curveOf(g);
    double[] t = new double[curve.size()];
    double[] c = new double[curve.size()];
    double[] lo = new double[curve.size()];
    double[] hi = new double[curve.size()];
    for (int i = 0; i < curve.size(); i++) {
      t[i] = curve.get(i).tokens();
      c[i] = curve.get(i).cmr();
      lo[i] = curve.get(i).bandLow();
      hi[i] = curve.get(i).bandHigh();
    }
    List<Series> series = new ArrayList<>();
    series.add(Series.band(String.format(Locale.ROOT, "%.0f%% bootstrap band", 100 * g.level()), "#1f77b4", t, lo, hi));
    series.add(Series.line("CMR law", "#1f77b4", t, c));
    List<Double> measuredT = new ArrayList<>();
    List<Double> measuredR = new ArrayList<>();
    List<Double> extrapT = new ArrayList<>();
    List<Double> extrapR = new ArrayList<>();
    for (int i = 0; i < g.t0().size() && i < g.ratios().size(); i++) {
      double t0 = g.t0().get(i);
      if (Double.isFinite(t0) && t0 > 0) {
        boolean extrapolated = i < g.t0Extrapolated().size() && g.t0Extrapolated().get(i);
        (extrapolated ? extrapT : measuredT).add(t0);
        (extrapolated ? extrapR : measuredR).add(g.ratios().get(i));
      }
    }
    series.add(Series.points("T0 within T_max", "#d62728", array(measuredT), array(measuredR)));
    series.add(Series.points("T0 extrapolated", "#ff9896", array(extrapT), array(extrapR)));
    Chart chart = Chart.of("CMR vs token budget (" + SweepResults.key(g) + ")", "CPT tokens T", "critical mixture ratio", true,
        series).withYRange(0, 1);
    return Double.isFinite(g.tMax()) ? chart.withMarker("T_max", g.tMax()) : chart;
  }

  private static double tMax(CmrRow g, List<MeanTrajectory> trajectories) {
    if (Double.isFinite(g.tMax()) && g.tMax() > 0) {
      return g.tMax();
    }
    double m = 0;
    for (MeanTrajectory t : trajectories) {
      for (double v : t.tokens()) {
        m = Math.max(m, v);
      }
    }
    return m;
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String ratio(double r) {
    return String.format(Locale.ROOT, "%.3g", r);
  }
}
