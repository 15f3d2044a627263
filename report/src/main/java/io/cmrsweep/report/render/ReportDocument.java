package io.cmrsweep.report.render;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.core.simulation.SimulationTruth;
import io.cmrsweep.core.fit.SensitivityParameter;
import io.cmrsweep.core.fit.SensitivityRow;
import io.cmrsweep.report.data.AdaptiveHistory;
import io.cmrsweep.report.data.SweepResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the report's content from a sweep's results: summary table, what changed, and a section per group. */
public final class ReportDocument {
  private final GroupCharts charts = new GroupCharts();

  public List<Block> build(SweepResults results, List<String> changes, String generatedAt) {
    return build(results, changes, generatedAt, java.util.Optional.empty());
  }

  /**
   * With {@code truth} (a simulated sweep's simulation/truth.json) the report opens with a SIMULATED banner,
   * sets the true CMR beside each estimate and says it in every group's section.
   */
  public List<Block> build(SweepResults results, List<String> changes, String generatedAt,
      java.util.Optional<SimulationTruth> truth) {
    return build(results, changes, generatedAt, truth, java.util.Optional.empty());
  }

  /** With {@code adaptive} (an adaptive sweep's rounds) a section tells how the rounds reached the answer. */
  public List<Block> build(SweepResults results, List<String> changes, String generatedAt,
      java.util.Optional<SimulationTruth> truth, java.util.Optional<AdaptiveHistory> adaptive) {
    List<Block> doc = new ArrayList<>();
    doc.add(new Block.Heading(1, (truth.isPresent() ? "SIMULATED " : "") + "CMR report: " + results.sweep()));
    truth.ifPresent(t -> {
      doc.add(new Block.Paragraph(SimulatedTruth.banner(t)));
      doc.add(SimulatedTruth.table(t, results.groups()));
    });
    doc.add(new Block.Paragraph("Generated " + generatedAt + ". The critical mixture ratio (CMR) is the largest domain"
        + " share R of the continual pre-training mixture whose general validation loss stays within eps of the"
        + " base model's while the domain loss falls; shares are given in percent, with percentile bootstrap"
        + " intervals. " + UNITS));
    doc.add(new Block.Heading(2, "Summary"));
    doc.add(summaryTable(results.groups()));
    if (!changes.isEmpty()) {
      doc.add(new Block.Heading(2, "What changed"));
      doc.add(new Block.Bullets(changes));
    }
    doc.addAll(new SizeSection().blocks(results));
    adaptive.ifPresent(h -> doc.addAll(new AdaptiveSection().blocks(h)));
    for (CmrRow g : results.groups()) {
      doc.add(new Block.Heading(2, g.domain() + " / " + g.model()));
      doc.add(new Block.Paragraph(headline(g)));
      truth.flatMap(t -> SimulatedTruth.line(t, g)).ifPresent(line -> doc.add(new Block.Paragraph(line)));
      List<String> facts = new ArrayList<>();
      facts.add("Ratios past their critical point by T_max (T0 <= T_max, tolerance aside): "
          + (g.feasibleRatios().isEmpty() ? "none"
          : String.join(", ", g.feasibleRatios().stream().map(GroupCharts::ratio).toList())) + ".");
      facts.add(String.format(Locale.ROOT, "sup A (largest R within tolerance at T_max): %s; T_max = %s tokens;"
          + " lambda = %.0f, eps = %.3g nats.", Changes.pct(g.supA()), tokens(g.tMax()), g.lambda(), g.eps()));
      if (g.ok()) {
        facts.add(decidedBy(g));
      }
      facts.add(lambdaLine(g));
      sensitivityLine(results, g).ifPresent(facts::add);
      facts.add(resamplingLine(g));
      facts.add(t0Line(g));
      baseLosses(results, g).ifPresent(facts::add);
      if (!g.inputIssues().isBlank()) {
        facts.add("Input: " + g.inputIssues());
      }
      if (g.failedReplicates() > 0) {
        facts.add("Failed replicates: " + g.failedReplicates() + " of " + g.replicates() + " ("
            + g.replicateFailures() + ").");
      }
      if (!g.advice().isBlank()) {
        facts.add("To narrow the interval: " + g.advice());
      }
      doc.add(new Block.Bullets(facts));
      for (GroupCharts.Named c : charts.build(results, g)) {
        doc.add(new Block.Figure(c.id(), c.chart().title()));
      }
    }
    return doc;
  }

  static final String UNITS = "Losses are validation cross-entropy in nats per token of the sweep's tokenizer"
      + " (with the byte-level tokenizer, nats per byte); where the loss files carry them, the base model's losses"
      + " are also given in bits per UTF-8 byte of the scored text, which compare across tokenizers.";

  /** The base model's losses (T = 0, mean over ratios and seeds) per token and, when recorded, per byte. */
  private static java.util.Optional<String> baseLosses(SweepResults results, CmrRow g) {
    double[] sum = new double[4];
    int n = 0;
    int nb = 0;
    for (var t : results.trajectoriesOf(g)) {
      double[] tokens = t.tokens();
      if (tokens.length == 0 || tokens[0] != 0) {
        continue;
      }
      sum[0] += t.generalLoss()[0];
      sum[1] += t.domainLoss()[0];
      n++;
      if (Double.isFinite(t.generalBitsPerByte()[0]) && Double.isFinite(t.domainBitsPerByte()[0])) {
        sum[2] += t.generalBitsPerByte()[0];
        sum[3] += t.domainBitsPerByte()[0];
        nb++;
      }
    }
    if (n == 0) {
      return java.util.Optional.empty();
    }
    String line = String.format(Locale.ROOT, "Base model (T = 0): general %.4f, domain %.4f nats/token", sum[0] / n,
        sum[1] / n);
    line += nb == 0 ? "; bits per byte not recorded in these loss files."
        : String.format(Locale.ROOT, "; general %.4f, domain %.4f bits/byte.", sum[2] / nb, sum[3] / nb);
    return java.util.Optional.of(line);
  }

  private static Block.Table summaryTable(List<CmrRow> groups) {
    List<List<String>> rows = new ArrayList<>();
    for (CmrRow g : groups) {
      boolean bound = bound(g);
      rows.add(List.of(g.domain(), g.model(), String.format(Locale.ROOT, "%,d", g.modelParams()), g.answer().label(),
          bound ? "<= " + Changes.pct(g.supA()) : Changes.pct(g.cmr()),
          bound ? interval(g.supACiLow(), g.supACiHigh()) : interval(g.ciLow(), g.ciHigh()), Changes.pct(g.supA()),
          g.binding().label(), g.status(), r2(minTokenLawR2(g)), r2(g.cmrLawR2()),
          g.failedReplicates() + "/" + g.replicates()));
    }
    return new Block.Table(List.of("domain", "model", "params", "answer", "CMR", "CI", "sup A", "decided by",
        "status", "min token-law R^2", "CMR-law R^2", "failed replicates"), rows);
  }

  /** The answer is only "CMR <= sup A": the CMR column shows the bound and the CI is sup A's. */
  private static boolean bound(CmrRow g) {
    return g.answer() == CmrAnswer.UPPER_BOUND || g.answer() == CmrAnswer.NOT_IDENTIFIED;
  }

  /** The row's conclusion leads: what decides the answer and what can be known, in one sentence. */
  private static String headline(CmrRow g) {
    return g.conclusion();
  }

  private static String decidedBy(CmrRow g) {
    String shares = g.replicates() == 0 ? "no bootstrap replicates"
        : String.format(Locale.ROOT, "sup A decides in %.0f %%, the law in %.0f %%, interpolation in %.0f %% of the"
            + " %d replicates, %.0f %% failed", 100 * g.bindingShareSupA(), 100 * g.bindingShareLaw(),
            100 * g.bindingShareInterpolation(), g.replicates(), 100.0 * g.failedReplicates() / g.replicates());
    return "Decided by " + g.binding().label().replace('_', ' ') + ". Tolerance bound sup A " + Changes.pct(g.supA())
        + " " + interval(g.supACiLow(), g.supACiHigh()) + "; the CMR law alone " + Changes.pct(g.lawCmr()) + " "
        + interval(g.lawCmrCiLow(), g.lawCmrCiHigh()) + "; " + shares + ".";
  }

  /** How far the CMR moves over the lambda and eps grids: the share of the answer that is a choice. */
  private static java.util.Optional<String> sensitivityLine(SweepResults results, CmrRow g) {
    List<String> parts = new ArrayList<>();
    for (SensitivityParameter p : SensitivityParameter.values()) {
      List<SensitivityRow> rows = results.sensitivityOf(g, p);
      double lo = rows.stream().mapToDouble(SensitivityRow::cmr).filter(Double::isFinite).min().orElse(Double.NaN);
      double hi = rows.stream().mapToDouble(SensitivityRow::cmr).filter(Double::isFinite).max().orElse(Double.NaN);
      if (rows.isEmpty() || Double.isNaN(lo)) {
        continue;
      }
      parts.add(String.format(Locale.ROOT, "over %s %s to %s the CMR runs from %s to %s",
          p.name().toLowerCase(Locale.ROOT), number(rows.get(0).value()), number(rows.get(rows.size() - 1).value()),
          Changes.pct(lo), Changes.pct(hi)));
    }
    return parts.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of("Sensitivity: " + String.join("; ", parts) + " (charts below).");
  }

  private static String number(double v) {
    return v >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String lambdaLine(CmrRow g) {
    List<String> lambdas = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < g.reportedLambdas().size(); i++) {
      lambdas.add(String.format(Locale.ROOT, "%.0f", g.reportedLambdas().get(i)));
      values.add(Changes.pct(g.cmrAtReportedLambdas().get(i)));
    }
    return lambdas.isEmpty() ? "CMR at other lambdas: not computed."
        : "CMR at lambda " + String.join(" / ", lambdas) + ": " + String.join(" / ", values) + ".";
  }

  /** The worst R^2 of the group's token laws, domain and general; NaN when none was fitted. */
  static double minTokenLawR2(CmrRow g) {
    return java.util.stream.Stream.concat(g.tokenLawR2Domain().stream(), g.tokenLawR2General().stream())
        .mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
  }

  /** How the interval was made: the resampling unit, the seeds behind it and any few-cluster widening. */
  static String resamplingLine(CmrRow g) {
    String seeds = "Seeds per ratio: at least " + g.seeds() + ". ";
    if (g.resampling() == Resampling.SEED) {
      return seeds + String.format(Locale.ROOT, "The bootstrap resamples whole runs (seed-cluster); with %d runs"
          + " per ratio its intervals are widened %.2fx for the few runs (a Student t quantile and the n/(n-1)"
          + " variance correction, DESIGN 1.1 step 5).", g.seeds(), g.intervalWidening());
    }
    return seeds + "The bootstrap resamples within each run (" + g.resampling().label() + ")"
        + (g.seeds() < 2 ? "; one run cannot tell training noise from the token laws' lack of fit, so the interval"
        + " tends to be wide. 2 or more seeds per ratio enable the cluster bootstrap over runs." : ".");
  }

  private static String t0Line(CmrRow g) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < g.ratios().size() && i < g.t0().size(); i++) {
      double t0 = g.t0().get(i);
      boolean extrapolated = i < g.t0Extrapolated().size() && g.t0Extrapolated().get(i);
      parts.add("R " + GroupCharts.ratio(g.ratios().get(i)) + ": " + (Double.isNaN(t0) ? "none"
          : tokens(t0) + (extrapolated ? " (extrapolated beyond T_max)" : "")));
    }
    return "Critical points T0: " + (parts.isEmpty() ? "none" : String.join("; ", parts)) + ".";
  }

  private static String interval(double lo, double hi) {
    return Double.isFinite(lo) && Double.isFinite(hi)
        ? String.format(Locale.ROOT, "[%.2f %%, %.2f %%]", 100 * lo, 100 * hi)
        : "n/a";
  }

  private static String r2(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
  }

  static String tokens(double t) {
    if (!Double.isFinite(t)) {
      return "n/a";
    }
    return t >= 1e6 ? String.format(Locale.ROOT, "%.2fM", t / 1e6)
        : t >= 1e3 ? String.format(Locale.ROOT, "%.1fk", t / 1e3) : String.format(Locale.ROOT, "%.0f", t);
  }
}
