package io.cmrsweep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.core.fit.SensitivityParameter;
import io.cmrsweep.core.fit.SensitivityRow;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.fit.local.LocalFit;
import io.cmrsweep.fit.synthetic.SizedSweep;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import io.cmrsweep.report.chart.Chart;
import io.cmrsweep.report.chart.Series;
import io.cmrsweep.report.data.AdaptiveHistory;
import io.cmrsweep.report.data.SweepFiles;
import io.cmrsweep.report.data.SweepResults;
import io.cmrsweep.report.render.GroupCharts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir
  Path root;

  /** The loss files the fitted sweep committed. */
  private final List<org.apache.hadoop.fs.Path> lossFiles = new ArrayList<>();

  private SweepLayout fittedSweep(long noiseSeed) {
    return fittedSweep(SyntheticSweep.reference(1e-4), noiseSeed);
  }

  private SweepLayout fittedSweep(SyntheticSweep sweep, long noiseSeed) {
    return fittedSweep(sweep, noiseSeed, r -> r);
  }

  private SweepLayout fittedSweep(SyntheticSweep sweep, long noiseSeed, UnaryOperator<LossRecord> recorded,
      String... fitOptions) {
    SweepLayout layout = SweepLayout.of(root.toUri().toString(), "syn");
    Map<String, List<LossRecord>> trials = new LinkedHashMap<>();
    for (LossRecord r : sweep.records(noiseSeed)) {
      trials.computeIfAbsent(r.trialId(), k -> new ArrayList<>()).add(recorded.apply(r));
    }
    ParquetLossWriter writer = new ParquetLossWriter(new Configuration());
    trials.values().forEach(t -> {
      org.apache.hadoop.fs.Path file = layout.lossFile(t.get(0).domain(), t.get(0).model(), t.get(0).trialId());
      writer.write(file, t);
      lossFiles.add(file);
    });
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--input", root.resolve("syn/losses").toString(), "--output",
        root.resolve("syn/fits").toString(), "--bootstrap", "30"));
    args.addAll(List.of(fitOptions));
    int code = new LocalFit(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)).run(
        args.toArray(new String[0]));
    assertThat(code).as(err.toString()).isZero();
    return layout;
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void statesTheUnitsAndGivesTheBaseLossesInBitsPerByteWhenTheLossFilesCarryThem() throws Exception {
    // a tokenizer whose tokens average 4 bytes: bits/byte = nats/token / ln 2 / 4
    SweepLayout layout = fittedSweep(SyntheticSweep.reference(1e-4), 3, r -> new LossRecord(r.sweep(), r.trialId(),
        r.domain(), r.model(), r.modelParams(), r.ratio(), r.seed(), r.step(), r.tokens(), r.generalLoss(),
        r.domainLoss(), r.attempt(), r.generalLoss() / Math.log(2) / 4, r.domainLoss() / Math.log(2) / 4));

    new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(layout, lossFiles);

    String md = Files.readString(root.resolve("syn/report/report.md"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Base model \\(T = 0\\): general ([0-9.]+), domain"
        + " ([0-9.]+) nats/token; general ([0-9.]+), domain ([0-9.]+) bits/byte").matcher(md);
    assertThat(md).contains("nats per token of the sweep's tokenizer", "bits per UTF-8 byte");
    assertThat(m.find()).as(md).isTrue();
    assertThat(Double.parseDouble(m.group(3))).isCloseTo(Double.parseDouble(m.group(1)) / Math.log(2) / 4,
        org.assertj.core.api.Assertions.within(1e-3));
    assertThat(Double.parseDouble(m.group(4))).isCloseTo(Double.parseDouble(m.group(2)) / Math.log(2) / 4,
        org.assertj.core.api.Assertions.within(1e-3));
  }

  @Test
  void saysBitsPerByteWereNotRecordedForLossFilesWithoutThem() throws Exception {
    new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(fittedSweep(3), lossFiles);

    assertThat(Files.readString(root.resolve("syn/report/report.md")))
        .containsPattern("Base model \\(T = 0\\): general [0-9.]+, domain [0-9.]+ nats/token; bits per byte not"
            + " recorded");
  }

  @Test
  void writesASelfContainedHtmlPageMarkdownAndOneSvgPerChart() throws Exception {
    SweepLayout layout = fittedSweep(3);

    Report.Written w = new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(layout, lossFiles);

    Path report = root.resolve("syn/report");
    String html = Files.readString(report.resolve("index.html"));
    String md = Files.readString(report.resolve("report.md"));
    assertThat(w.groups()).isEqualTo(1);
    assertThat(w.charts()).isEqualTo(6);
    try (var charts = Files.list(report.resolve("charts"))) {
      assertThat(charts.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "dom-m1-general-loss.svg", "dom-m1-domain-loss.svg", "dom-m1-trade-off.svg", "dom-m1-cmr-vs-tokens.svg",
          "dom-m1-cmr-vs-lambda.svg", "dom-m1-cmr-vs-eps.svg");
    }
    assertThat(html).contains("<h2>Summary</h2>", "<h2>dom / m1</h2>", "CMR vs token budget", "bootstrap band",
        "Trade-off", "General loss change vs CPT tokens", "Domain loss change vs CPT tokens", "T_max", "<table>");
    assertThat(html.split("<svg ", -1)).as("six inline charts").hasSize(7);
    assertThat(html).doesNotContain("<script", "<link", "src=\"http");
    assertThat(md).contains("# CMR report: syn", "| domain | model |", "![CMR vs token budget (dom/m1)](charts/"
        + "dom-m1-cmr-vs-tokens.svg)", "Critical points T0:");
    assertThat(md).doesNotContain("What changed");
  }

  @Test
  void anAdaptiveSweepsReportTellsItsSpendAgainstTheGridEveryRoundAndChartsTheWidthByTokens() throws Exception {
    SweepLayout layout = fittedSweep(3);
    long full = 1_000_000;
    AdaptiveHistory.Cell low = new AdaptiveHistory.Cell("t1", "dom/m1", 0.1, 1, full, "initial design");
    AdaptiveHistory.Cell high = new AdaptiveHistory.Cell("t2", "dom/m1", 0.7, 1, full, "initial design");
    AdaptiveHistory.Cell half = new AdaptiveHistory.Cell("t3", "dom/m1", 0.15, 1, full / 2, "new ratio");
    AdaptiveHistory h = new AdaptiveHistory(0.02, "every swept size's CMR interval", full, 12, List.of(
        new AdaptiveHistory.Round(0, "CONTINUE", "initial design", List.of(), List.of(low, high)),
        new AdaptiveHistory.Round(1, "CONTINUE", "1 cell(s) chosen", List.of(new AdaptiveHistory.Width("dom/m1",
            "no interval", Double.NaN, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY)), List.of(half)),
        new AdaptiveHistory.Round(2, "CONTINUE", "1 cell(s) chosen", List.of(new AdaptiveHistory.Width("dom/m1",
            "ok", 0.4, 0.37, 0.43, 0.06)), List.of(new AdaptiveHistory.Cell("t4", "dom/m1", 0.7, 2, full, "seed"),
            new AdaptiveHistory.Cell("t5", "dom/m1", 0.15, 1, full, full / 2, "extend"))),
        new AdaptiveHistory.Round(3, "TARGET_REACHED", "every group's CMR interval is at most 0.0200 wide",
            List.of(new AdaptiveHistory.Width("dom/m1", "ok", 0.4, 0.39, 0.405, 0.015)), List.of())));

    Report.Written w = new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(layout, lossFiles,
        java.util.Optional.of(h));

    String md = Files.readString(root.resolve("syn/report/report.md"));
    assertThat(md).contains("## Adaptive design")
        .contains("It chose 5 CPT cell(s) (1 stopped early, 1 continuing a run stopped early), 4.00M tokens: 33 % of"
            + " the 12.00M tokens of the 12-cell grid at the full budget. Stopped after round 3: TARGET_REACHED")
        .contains("| 1 | 2.00M | dom/m1 none (no interval) | dom/m1 r=0.150 seed 1 to 500.0k tokens |")
        .contains("| 2 | 2.50M | dom/m1 0.0600 | dom/m1 r=0.700 seed 2; dom/m1 r=0.150 seed 1 continued to 1.00M"
            + " tokens (500.0k more) |")
        .contains("| 3 | 4.00M | dom/m1 0.0150 | TARGET_REACHED |");
    assertThat(w.charts()).isEqualTo(7);
    String svg = Files.readString(root.resolve("syn/report/charts/adaptive-widths.svg"));
    assertThat(svg).contains("CMR interval width by tokens spent").contains("target width 0.0200");
  }

  @Test
  void saysWhatChangedSinceThePreviousReport() throws Exception {
    SweepLayout layout = fittedSweep(3);
    new Report(new Configuration(), at("2026-11-23T01:00:00Z")).write(layout, lossFiles);
    Path summary = root.resolve("syn/report/summary.json");
    Files.writeString(summary, Files.readString(summary).replaceFirst("\"cmr\": [0-9.Ee-]+", "\"cmr\": 0.1"));

    Report.Written w = new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(layout, lossFiles);

    assertThat(w.changes()).first().asString().contains("2026-11-23 01:00 UTC");
    assertThat(w.changes().get(1)).startsWith("dom/m1: CMR 10.00 % -> ").contains("pp");
    assertThat(Files.readString(root.resolve("syn/report/report.md"))).contains("## What changed");
  }

  /** A share as the report must show it: percent with two decimals, independent of the report's code. */
  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * share);
  }

  @Test
  void showsTheCmrIntervalSupAAndCmrAtEveryReportedLambdaOfCmrJsonInHtmlAndMarkdown() throws Exception {
    SweepLayout layout = fittedSweep(SyntheticSweep.reference(1e-4).withSeeds(2), 3);

    new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(layout, lossFiles);

    CmrRow g = new FitOutputs(new Configuration()).read(layout.fitsDir(), FitTable.CMR, FitFormat.JSON).get(0);
    assertThat(g.ok()).isTrue();
    assertThat(g.reportedLambdas()).hasSize(3);
    String ci = "[" + pct(g.ciLow()) + ", " + pct(g.ciHigh()) + "]";
    List<String> lambdas = new ArrayList<>();
    List<String> atLambdas = new ArrayList<>();
    for (int i = 0; i < g.reportedLambdas().size(); i++) {
      lambdas.add(String.format(Locale.ROOT, "%.0f", g.reportedLambdas().get(i)));
      atLambdas.add(pct(g.cmrAtReportedLambdas().get(i)));
    }
    String lambdaLine = "CMR at lambda " + String.join(" / ", lambdas) + ": " + String.join(" / ", atLambdas) + ".";
    String md = Files.readString(root.resolve("syn/report/report.md"));
    String html = Files.readString(root.resolve("syn/report/index.html"));

    assertThat(g.answer()).isEqualTo(CmrAnswer.ESTIMATE);
    assertThat(md).contains("| estimate | " + pct(g.cmr()) + " | " + ci + " | " + pct(g.supA()) + " | "
            + g.binding().label() + " | ok |")
        .contains("## dom / m1\n\n" + g.conclusion())
        .contains("sup A (largest R within tolerance at T_max): " + pct(g.supA()))
        .contains(lambdaLine)
        .contains("Seeds per ratio: at least 2. The bootstrap resamples whole runs (seed-cluster); with 2 runs per"
            + " ratio its intervals are widened " + String.format(Locale.ROOT, "%.2fx", g.intervalWidening()));
    assertThat(html).contains("<td>" + pct(g.cmr()) + "</td><td>" + ci + "</td><td>" + pct(g.supA()) + "</td>")
        .contains("<p>" + g.conclusion() + "</p>")
        .contains("<li>" + lambdaLine + "</li>")
        .contains("<li>Seeds per ratio: at least " + g.seeds() + ". ");
    assertThat(g.seeds()).isEqualTo(2);
    assertThat(g.resampling()).isEqualTo(Resampling.SEED);
    assertThat(g.intervalWidening()).as("t(df)/z x sqrt(2) for 2 runs").isGreaterThan(Math.sqrt(2));
  }

  @Test
  void anUpperBoundLeadsWithItsSentenceAndShowsCmrAtMostSupAWithSupAsInterval() throws Exception {
    // A tolerance tight enough that sup A (about 0.30) lies below the law's CMR (0.38); noise that hides the law.
    double[] gen = SyntheticSweep.reference(0).generalLaw(0.3);
    SweepLayout layout = fittedSweep(SyntheticSweep.reference(1e-2).withCheckpoints(12), 3, r -> r,
        "--eps", Double.toString(gen[0] + gen[2]));

    new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(layout, lossFiles);

    CmrRow g = new FitOutputs(new Configuration()).read(layout.fitsDir(), FitTable.CMR, FitFormat.JSON).get(0);
    assertThat(g.answer()).isEqualTo(CmrAnswer.UPPER_BOUND);
    String md = Files.readString(root.resolve("syn/report/report.md"));
    assertThat(md).contains("## dom / m1\n\n" + g.conclusion())
        .contains("| upper_bound | <= " + pct(g.supA()) + " | [" + pct(g.supACiLow()) + ", " + pct(g.supACiHigh())
            + "] | " + pct(g.supA()) + " | sup_a | ok |");
    assertThat(g.conclusion()).startsWith("The tolerance bound decides: CMR <= ");
  }

  @Test
  void theLambdaAndEpsChartsShowTheSensitivityRowsAndMarkTheSpecsChoiceWithItsCmr() throws Exception {
    SweepLayout layout = fittedSweep(3);
    SweepResults results = new SweepFiles(new Configuration()).read(layout, FitFormat.JSON, lossFiles);
    CmrRow g = results.groups().get(0);

    for (SensitivityParameter p : SensitivityParameter.values()) {
      List<SensitivityRow> rows = results.sensitivityOf(g, p);
      Chart chart = new GroupCharts().sensitivity(results, g, p);
      Series band = chart.series().get(0);
      Series line = chart.series().get(1);
      assertThat(rows).as("%s rows", p).hasSizeGreaterThan(5);
      assertThat(line.x()).isEqualTo(rows.stream().mapToDouble(SensitivityRow::value).toArray());
      assertThat(line.y()).isEqualTo(rows.stream().mapToDouble(SensitivityRow::cmr).toArray());
      assertThat(band.y()).isEqualTo(rows.stream().mapToDouble(SensitivityRow::ciLow).toArray());
      assertThat(band.yHigh()).isEqualTo(rows.stream().mapToDouble(SensitivityRow::ciHigh).toArray());
      SensitivityRow chosen = rows.stream().filter(SensitivityRow::chosen).findFirst().orElseThrow();
      assertThat(chosen.value()).isEqualTo(p == SensitivityParameter.LAMBDA ? g.lambda() : g.eps());
      assertThat(chosen.cmr()).isEqualTo(g.cmr());
      assertThat(chart.verticalMarkers()).singleElement().satisfies(m -> {
        assertThat(m.at()).isEqualTo(chosen.value());
        assertThat(m.label()).endsWith("CMR " + pct(g.cmr()));
      });
    }
    new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(layout, lossFiles);
    assertThat(Files.readString(root.resolve("syn/report/charts/dom-m1-cmr-vs-lambda.svg")))
        .contains("lambda = 1000: CMR " + pct(g.cmr()));
  }

  @Test
  void readsTheSameReportDataFromTheJsonAndTheParquetFitOutputs() throws Exception {
    SweepLayout layout = fittedSweep(3);
    SweepFiles files = new SweepFiles(new Configuration());

    assertThat(files.read(layout, FitFormat.PARQUET, lossFiles).fits())
        .isEqualTo(files.read(layout, FitFormat.JSON, lossFiles).fits());

    new Report(new Configuration(), at("2026-11-24T01:00:00Z"), FitFormat.JSON).write(layout, lossFiles);
    String fromJson = Files.readString(root.resolve("syn/report/report.md"));
    Files.delete(root.resolve("syn/report/summary.json"));
    Files.delete(root.resolve("syn/fits/cmr.json"));
    new Report(new Configuration(), at("2026-11-24T01:00:00Z"), FitFormat.PARQUET).write(layout, lossFiles);
    assertThat(Files.readString(root.resolve("syn/report/report.md"))).isEqualTo(fromJson);
  }

  @Test
  void chartsTheTrajectoriesOfExactlyTheGivenLossFilesAndNotOthersInStorage() throws Exception {
    SweepLayout layout = fittedSweep(3);
    List<LossRecord> stale = new ArrayList<>();
    for (LossRecord r : SyntheticSweep.reference(1e-4).records(3)) {
      if (r.trialId().equals(SyntheticSweep.reference(1e-4).records(3).get(0).trialId())) {
        stale.add(new LossRecord(r.sweep(), "stale-ratio", r.domain(), r.model(), r.modelParams(), 0.999, r.seed(),
            r.step(), r.tokens(), r.generalLoss(), r.domainLoss(), r.attempt()));
      }
    }
    org.apache.hadoop.fs.Path staleFile = layout.lossFile(stale.get(0).domain(), stale.get(0).model(), "stale-ratio");
    new ParquetLossWriter(new Configuration()).write(staleFile, stale);
    List<org.apache.hadoop.fs.Path> everything = new ArrayList<>(lossFiles);
    everything.add(staleFile);
    SweepFiles files = new SweepFiles(new Configuration());

    assertThat(files.read(layout, FitFormat.JSON, lossFiles).trajectories()).extracting(t -> t.ratio())
        .isNotEmpty().doesNotContain(0.999);
    assertThat(files.read(layout, FitFormat.JSON, everything).trajectories()).extracting(t -> t.ratio())
        .contains(0.999);
  }

  @Test
  void chartsTheCmrAgainstModelSizeAndStatesEachPredictionOfPredictionsJsonInPlainWords() throws Exception {
    SweepLayout layout = SweepLayout.of(root.toUri().toString(), "syn");
    Map<String, List<LossRecord>> trials = new LinkedHashMap<>();
    for (LossRecord r : SizedSweep.reference(1e-5).records(7)) {
      trials.computeIfAbsent(r.trialId(), k -> new ArrayList<>()).add(r);
    }
    trials.values().forEach(t -> {
      org.apache.hadoop.fs.Path file = layout.lossFile(t.get(0).domain(), t.get(0).model(), t.get(0).trialId());
      new ParquetLossWriter(new Configuration()).write(file, t);
      lossFiles.add(file);
    });
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(new LocalFit(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)).run(
        "--input", root.resolve("syn/losses").toString(), "--output", root.resolve("syn/fits").toString(),
        "--bootstrap", "20", "--predict-params", "7e9,1e9")).as(err.toString()).isZero();

    Report.Written w = new Report(new Configuration(), at("2026-11-24T01:00:00Z")).write(layout, lossFiles);

    List<PredictionRow> rows = new FitOutputs(new Configuration()).read(layout.fitsDir(), FitTable.PREDICTIONS,
        FitFormat.JSON);
    PredictionRow at7b = rows.get(1);
    assertThat(at7b.targetParams()).isEqualTo(7_000_000_000L);
    assertThat(at7b.predicted()).isTrue();
    assertThat(at7b.answer()).as("the CMR law decides at every size of this truth").isEqualTo(CmrAnswer.ESTIMATE);
    String md = Files.readString(root.resolve("syn/report/report.md"));
    String html = Files.readString(root.resolve("syn/report/index.html"));
    String svg = Files.readString(root.resolve("syn/report/charts/dom-cmr-vs-size.svg"));
    String ci = "[" + pct(at7b.ciLow()) + ", " + pct(at7b.ciHigh()) + "]";
    String words = "dom: predicted CMR at 7B: " + pct(at7b.cmr()) + " " + ci + " (95 % interval), extrapolated "
        + String.format(Locale.ROOT, "%.2gx", 7e9 / 1.2e9) + " beyond the largest swept size (1.2B); saturating"
        + " size law through 150M, 300M, 600M, 1.2B";
    assertThat(w.charts()).as("six charts per group and one CMR-vs-size chart for the domain")
        .isEqualTo(4 * 6 + 1);
    assertThat(md).contains("## CMR across model sizes", words,
        "| dom | 7B | 7,000,000,000 | estimate | " + pct(at7b.cmr()) + " | " + ci + " | 5.8x | saturating | m0, m1, m2, m3 | ok |",
        "![CMR vs model size (dom)](charts/dom-cmr-vs-size.svg)");
    assertThat(html).contains("<li>" + words, "<td>" + pct(at7b.cmr()) + "</td><td>" + ci + "</td>");
    assertThat(svg).contains("CMR vs model size (dom)", "model parameters N", "size law (saturating)",
        "bootstrap band", "swept sizes", "predicted at the targets", "7B target", "1B target");
  }

  @Test
  void explainsThatTheFitMustRunFirst() {
    SweepLayout layout = SweepLayout.of(root.toUri().toString(), "nofit");

    assertThatThrownBy(() -> new Report(new Configuration(), Clock.systemUTC()).write(layout, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cmr.json does not exist; run the fit first");
  }
}
