package io.cmrsweep.its3;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose storage root is {@code s3a://} on a real S3-compatible server on 127.0.0.1, end to end with
 * the shipped launchers: {@code bin/cmr plan} refuses the root without {@code storage.checkpoints}, naming it;
 * {@code bin/cmr sweep} runs real worker processes that write their loss files into the bucket (checkpoints on
 * local disk), {@code bin/cmr fit} reads them through {@code bin/spark-submit} and {@code bin/cmr report}
 * writes the report back into the bucket. Credentials reach every process only through the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), the endpoint through the spec's storage.hadoopConf. The same
 * sweep runs on local disk in the same test, for the wall-time comparison and as the reference result.
 */
class S3aSweepIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final String SWEEP = "s3it";
  private static final List<Double> RATIOS = List.of(0.1, 0.25, 0.5, 0.75, 1.0);
  private static final String PREFIX = "team/cmr/" + SWEEP + "/";

  @TempDir
  Path dir;

  @Test
  void aSweepOnS3aCommitsOneLossFilePerCellFitsThemThroughSparkSubmitAndWritesItsReportBack() throws Exception {
    Path cache = Path.of(System.getenv().getOrDefault("CMR_CACHE",
        System.getProperty("user.home") + "/.cache/cmr-sweep"));
    run(Map.of(), 600, 0, REPO.resolve("bin/fetch-corpora").toString(), "--dir", cache.resolve("corpora").toString());
    Path corpora = cache.resolve("corpora");

    try (S3Server s3 = S3Server.start()) {
      Map<String, String> env = s3.credentialsEnvironment();
      String root = "s3a://" + S3Server.BUCKET + "/team/cmr";

      Path refused = spec("refused.yaml", root, "", dir.resolve("refused.ledger.db"), s3.hadoopSettings(), corpora);
      String plan = run(env, 120, 2, cmr(), "plan", refused.toString()).output();
      assertThat(plan).as("plan refuses an object-store root without checkpoints, naming the field")
          .contains("storage.checkpoints is missing", "storage.root='" + root + "' is an object store");

      Path ckpt = dir.resolve("ckpt");
      Path s3Spec = spec("s3.yaml", root, ckpt.toString(), dir.resolve("s3.ledger.db"), s3.hadoopSettings(), corpora);
      Path local = dir.resolve("local");
      Path localSpec = spec("local.yaml", local.toString(), "", null, Map.of(), corpora);

      Map<String, Long> s3Seconds = new LinkedHashMap<>();
      Map<String, Long> localSeconds = new LinkedHashMap<>();
      S3Server.Counts start = s3.recording().counts();
      String sweepOut = timed(s3Seconds, "sweep", () -> run(env, 300, 0, cmr(), "sweep", s3Spec.toString()));
      S3Server.Counts afterSweep = s3.recording().counts();
      String fitOut = timed(s3Seconds, "fit", () -> run(env, 300, 0, cmr(), "fit", "--no-report", s3Spec.toString()));
      S3Server.Counts afterFit = s3.recording().counts();
      String reportOut = timed(s3Seconds, "report", () -> run(env, 120, 0, cmr(), "report", s3Spec.toString()));
      S3Server.Counts afterReport = s3.recording().counts();

      timed(localSeconds, "sweep", () -> run(Map.of(), 300, 0, cmr(), "sweep", localSpec.toString()));
      timed(localSeconds, "fit", () -> run(Map.of(), 300, 0, cmr(), "fit", "--no-report", localSpec.toString()));
      timed(localSeconds, "report", () -> run(Map.of(), 120, 0, cmr(), "report", localSpec.toString()));

      int cells = RATIOS.size();
      assertThat(sweepOut).contains((cells + 1) + "/" + (cells + 1) + " succeeded");
      List<String> keys = s3.keys();
      List<String> objects = keys.stream().filter(k -> !k.endsWith("/")).toList();
      List<String> lossKeys = objects.stream().filter(k -> k.startsWith(PREFIX + "losses/")).toList();
      Set<String> localLossFiles = relativeFiles(local.resolve(SWEEP).resolve("losses"));
      assertThat(lossKeys).as("one loss file per cell, the same cells as on local disk").hasSize(cells)
          .allMatch(k -> k.endsWith(".parquet"))
          .map(k -> k.substring((PREFIX + "losses/").length())).containsExactlyInAnyOrderElementsOf(localLossFiles);
      assertThat(objects).as("no temporary object is left and none was ever copied (an s3a rename)")
          .filteredOn(k -> !k.equals(PREFIX + ".coordinator.lease"))
          .noneMatch(k -> k.contains("/.") || k.contains("inprogress") || k.contains("_temporary"));
      assertThat(afterReport.since(start).copies()).isEmpty();
      assertThat(objects).as("checkpoints stay on local disk (storage.checkpoints)")
          .noneMatch(k -> k.contains("/checkpoints/"));
      try (Stream<Path> bases = Files.walk(ckpt.resolve(SWEEP).resolve("checkpoints/t1"))) {
        assertThat(bases.filter(p -> p.endsWith(Path.of("base", "model.safetensors"))).toList())
            .as("the base checkpoint on local disk").hasSize(1);
      }
      assertThat(objects).contains(PREFIX + "sweep.yaml", PREFIX + "fits/cmr.json", PREFIX + "fits/cmr.parquet",
          PREFIX + "fits/laws.json", PREFIX + "fits/curves.parquet", PREFIX + "report/index.html",
          PREFIX + "report/report.md");
      assertThat(objects).filteredOn(k -> k.startsWith(PREFIX + "report/charts/")).isNotEmpty();

      Set<String> fitRead = new TreeSet<>(afterFit.since(afterSweep).reads());
      fitRead.retainAll(lossKeys);
      assertThat(fitRead).as("the fit read every loss file from the bucket").containsExactlyInAnyOrderElementsOf(lossKeys);

      Configuration conf = s3.hadoopConf();
      List<LossRecord> s3Losses = sorted(new LossFiles(conf).readAll(
          new org.apache.hadoop.fs.Path(root + "/" + SWEEP + "/losses"), LossFormat.PARQUET));
      List<LossRecord> localLosses = sorted(new LossFiles(new Configuration()).readAll(
          new org.apache.hadoop.fs.Path(local.resolve(SWEEP).resolve("losses").toUri()), LossFormat.PARQUET));
      assertThat(s3Losses).as("every record of every cell reached the bucket").hasSameSizeAs(localLosses)
          .extracting(LossRecord::trialId, LossRecord::tokens)
          .containsExactlyElementsOf(localLosses.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.trialId(),
              r.tokens())).toList());

      List<CmrRow> cmr = new FitOutputs(conf).read(new org.apache.hadoop.fs.Path(root + "/" + SWEEP + "/fits"),
          FitTable.CMR, FitFormat.JSON);
      String md = new String(s3.bytes(PREFIX + "report/report.md"), StandardCharsets.UTF_8);
      String html = new String(s3.bytes(PREFIX + "report/index.html"), StandardCharsets.UTF_8);
      assertThat(cmr).extracting(CmrRow::model).containsExactly("t1");
      for (CmrRow g : cmr) {
        assertThat(g.replicates()).isEqualTo(20);
        // An upper bound (or a law the runs do not identify) is shown as "<= sup A".
        boolean bound = g.answer() == CmrAnswer.UPPER_BOUND || g.answer() == CmrAnswer.NOT_IDENTIFIED;
        assertThat(fitOut).as("the fit's table shows the answer of cmr.json")
            .containsPattern("legal +" + g.model() + " +" + g.modelParams() + " +" + g.answer().label() + " +"
                + (bound ? "<= " : "") + java.util.regex.Pattern.quote(String.format(Locale.ROOT, "%.2f%%",
                100 * (bound ? g.supA() : g.cmr()))));
        String ci = bound ? "[" + share(g.supACiLow()) + ", " + share(g.supACiHigh()) + "]" : interval(g);
        assertThat(md).as("the report in the bucket shows the numbers of cmr.json")
            .contains("| " + (bound ? "<= " : "") + share(bound ? g.supA() : g.cmr()) + " | " + ci + " | "
                + share(g.supA()) + " |");
        assertThat(html).contains("<td>" + (bound ? "&lt;= " : "") + share(bound ? g.supA() : g.cmr()) + "</td><td>"
            + ci + "</td><td>" + share(g.supA()) + "</td>");
      }

      S3Server.Counts sweepStage = afterSweep.since(start);
      System.out.printf(Locale.ROOT, "%ns3a sweep figures (S3Proxy on 127.0.0.1; the local-disk sweep ran after it in"
          + " the same test, on warm caches):%n");
      System.out.printf(Locale.ROOT, "  objects written: sweep %d (%d loss files), fit %d, report %d; in bucket %d;"
              + " copies (renames) %d%n", sweepStage.puts().size(), lossKeys.size(),
          afterFit.since(afterSweep).puts().size(), afterReport.since(afterFit).puts().size(), objects.size(),
          afterReport.since(start).copies().size());
      System.out.printf(Locale.ROOT, "  sweep stage wrote besides loss files: %s%n",
          sweepStage.puts().stream().filter(k -> !lossKeys.contains(k)).toList());
      System.out.printf(Locale.ROOT, "  files the fit read: %d loss files (%d GET requests in the fit stage)%n",
          fitRead.size(), afterFit.since(afterSweep).reads().size());
      for (String stage : s3Seconds.keySet()) {
        System.out.printf(Locale.ROOT, "  %-6s s3a %5.1f s   local %5.1f s   ratio %.2f%n", stage,
            s3Seconds.get(stage) / 1000.0, localSeconds.get(stage) / 1000.0,
            (double) s3Seconds.get(stage) / Math.max(1, localSeconds.get(stage)));
      }
      System.out.println(reportOut.strip());
    }
  }

  private Path spec(String name, String root, String checkpoints, Path ledger, Map<String, String> hadoopConf,
      Path corpora) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("sweep: " + SWEEP);
    lines.add("storage:");
    lines.add("  root: " + root);
    if (!checkpoints.isEmpty()) {
      lines.add("  checkpoints: " + checkpoints);
    }
    if (ledger != null) {
      lines.add("  ledger: " + ledger);
    }
    if (!hadoopConf.isEmpty()) {
      lines.add("  hadoopConf:");
      hadoopConf.forEach((k, v) -> lines.add("    " + k + ": \"" + v + "\""));
    }
    lines.addAll(List.of(
        "corpora: {dir: " + corpora + ", general: brown, domains: [legal]}",
        "models:",
        "  - {label: t1, dim: 32, layers: 1, heads: 2, ffnDim: 64, context: 64}",
        "pretrain: {tokens: 64k, batchSize: 8, peakLr: 3.0e-3, warmupTokens: 8k}",
        "cpt:",
        "  ratios: " + RATIOS,
        "  tokens: 16384",
        "  evalTokens: [1024, 2048, 4096, 6144, 8192, 10240, 12288, 14336, 16384]",
        "  batchSize: 8",
        "  peakLr: 3.0e-4",
        "  warmupTokens: 1024",
        "  validationTokens: 4096",
        "seeds: [1]",
        "fit: {bootstrap: 20, master: 'local[2]'}",
        "execution: {backend: local, parallelism: 2, threadsPerWorker: 1}",
        ""));
    return Files.writeString(dir.resolve(name), String.join("\n", lines));
  }

  private static String cmr() {
    return REPO.resolve("bin/cmr").toString();
  }

  private static Set<String> relativeFiles(Path base) throws IOException {
    try (Stream<Path> s = Files.walk(base)) {
      return s.filter(Files::isRegularFile).map(p -> base.relativize(p).toString())
          .filter(p -> !p.startsWith(".") && !p.contains("/.")).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static List<LossRecord> sorted(List<LossRecord> records) {
    return records.stream().sorted(Comparator.comparing(LossRecord::trialId).thenComparingLong(LossRecord::tokens))
        .toList();
  }

  private static String share(double share) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * share);
  }

  private static String interval(CmrRow g) {
    return "[" + share(g.ciLow()) + ", " + share(g.ciHigh()) + "]";
  }

  private interface Stage {
    Result run() throws Exception;
  }

  private static String timed(Map<String, Long> millis, String name, Stage stage) throws Exception {
    long t0 = System.nanoTime();
    Result r = stage.run();
    millis.put(name, (System.nanoTime() - t0) / 1_000_000);
    return r.output();
  }

  private record Result(int code, String output) {}

  private Result run(Map<String, String> env, int seconds, int expectedCode, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(REPO.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> penv = new HashMap<>(env);
    pb.environment().putAll(penv);
    Process p = pb.start();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertThat(done).as("%s finished within %d s; output:%n%s", String.join(" ", command), seconds, out).isTrue();
    assertThat(p.exitValue()).as("%s exit code; output:%n%s", String.join(" ", command), out).isEqualTo(expectedCode);
    return new Result(p.exitValue(), out);
  }
}
