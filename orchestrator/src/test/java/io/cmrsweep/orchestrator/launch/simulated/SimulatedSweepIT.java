package io.cmrsweep.orchestrator.launch.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.simulation.SimulationTruth;
import io.cmrsweep.core.simulation.SimulationTruthFile;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.FitStatus;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.output.FitRows;
import io.cmrsweep.orchestrator.cli.CmrMain;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.LedgerEvent;
import io.cmrsweep.orchestrator.ledger.Ledgers;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import io.cmrsweep.orchestrator.testing.Cmr;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated backend end to end: {@code cmr sweep} commits the truth's loss records through the real
 * coordinator, the fit engine recovers the truth's CMR from them, the report says SIMULATED and sets the truth
 * beside each estimate; a sweep never changes between simulated and real; a killed coordinator resumes.
 */
class SimulatedSweepIT {
  private static final String MODELS = """
      models:
        - {label: m85m, dim: 768, layers: 12, heads: 12, ffnDim: 2048, context: 1024}
        - {label: m309m, dim: 1024, layers: 24, heads: 16, ffnDim: 2816, context: 1024}
      """;

  @TempDir
  Path dir;

  private Path spec(String sweep, String ratios, String seeds, String simulation) throws Exception {
    Path spec = dir.resolve(sweep + ".yaml");
    Files.writeString(spec, "sweep: " + sweep + "\nstorage: {root: data}\ncorpora: {domains: [legal]}\n" + MODELS
        + "cpt: {ratios: " + ratios + ", tokens: 2000000000, batchSize: 64}\nseeds: " + seeds + "\n"
        + "fit: {bootstrap: 20}\n"
        + "execution:\n  backend: simulated\n  parallelism: 4\n"
        + "  retry: {maxAttempts: 10, initialBackoff: 10ms, maxBackoff: 20ms}\n"
        + "  simulation: " + simulation + "\n");
    return spec;
  }

  @Test
  void aSimulatedSweepIsFittedBackToItsTruthAndItsReportSaysSimulatedWithTheTruthBesideEachEstimate()
      throws Exception {
    Path spec = spec("sim", "[0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8]", "[1]",
        "{noise: 0, failureRate: 0.2}");
    Cmr.Result sweep = Cmr.run(dir, "sweep", spec.toString());
    assertThat(sweep.code()).as(sweep.err()).isZero();
    assertThat(sweep.out()).contains("SIMULATED sweep sim (execution.backend=simulated)")
        .contains("SIMULATED sweep sim: all 22 trials succeeded");
    SweepLayout layout = SweepLayout.of(dir.resolve("data").toString(), "sim");
    SimulationTruth truth = new SimulationTruthFile(new Configuration()).read(layout.truthFile()).orElseThrow();
    try (Ledger ledger = Ledgers.open(dir.resolve("data/sim/ledger.db").toString())) {
      assertThat(ledger.backend()).contains("simulated");
      long retried = ledger.load().stream().filter(r -> r.attempt() > 1).count();
      assertThat(retried).as("trials whose simulated failures were retried").isPositive();
    }

    // The fit engine on exactly the committed loss files: at zero noise the truth comes back.
    List<LossRecord> records = new LossFiles(new Configuration())
        .readAll(layout.lossesDir(), LossFormat.PARQUET);
    FitSettings settings = FitSettings.defaults().withBootstrap(20);
    FitRows rows = new FitRows();
    List<Group> groups = new GroupAssembler().assemble(records);
    assertThat(groups).hasSize(2);
    for (Group g : groups) {
      BootstrapRun run = new Bootstrap(settings).runAll(g, 20);
      assertThat(run.point().status()).as("%s", run.point()).isEqualTo(FitStatus.OK);
      double expected = truth.model(g.key().model()).orElseThrow().cmr();
      assertThat(run.point().cmr()).as("CMR of %s", g.key()).isCloseTo(expected, within(1e-6));
      rows.add(run.point(), run.summary());
    }
    new FitOutputs(new Configuration()).write(layout.fitsDir(), rows.results());

    Cmr.Result report = Cmr.run(dir, "report", spec.toString());
    assertThat(report.code()).as(report.err()).isZero();
    String md = Files.readString(dir.resolve("data/sim/report/report.md"));
    String html = Files.readString(dir.resolve("data/sim/report/index.html"));
    assertThat(md).startsWith("# SIMULATED CMR report: sim").contains("SIMULATED: this sweep trained no model");
    assertThat(html).contains("SIMULATED: this sweep trained no model");
    for (SimulationTruth.Model m : truth.models()) {
      String pct = String.format(java.util.Locale.ROOT, "%.2f %%", 100 * m.cmr());
      assertThat(md).contains("| legal | " + m.model() + " | " + pct + " | " + pct + " | +0.00 pp | ");
    }
    Cmr.Result status = Cmr.run(dir, "status", spec.toString());
    assertThat(status.out()).contains("SIMULATED sweep sim: 22/22 succeeded");
  }

  @Test
  void aSimulatedSweepRefusesARealBackendAndARealSweepRefusesTheSimulatedOneNamingTheFieldAndTheFix()
      throws Exception {
    Path spec = spec("mixed", "[0.1, 0.3]", "[1]", "{noise: 0}");
    assertThat(Cmr.run(dir, "sweep", spec.toString()).code()).isZero();
    String simulated = Files.readString(spec);
    Files.writeString(spec, simulated.replace("{noise: 0}", "{noise: 1.0e-3}"));
    Cmr.Result otherTruth = Cmr.run(dir, "sweep", spec.toString());
    assertThat(otherTruth.code()).isEqualTo(2);
    assertThat(otherTruth.err()).contains("- execution.simulation: sweep 'mixed' was simulated from another truth");
    Files.writeString(spec, simulated.replace("backend: simulated", "backend: local")
        .replaceAll("(?s)  simulation: .*", ""));
    Cmr.Result real = Cmr.run(dir, "sweep", spec.toString());
    assertThat(real.code()).isEqualTo(2);
    assertThat(real.err()).contains("- execution.backend=local, but sweep 'mixed' was run with"
        + " execution.backend=simulated").contains("different sweep name").doesNotContain("Exception");

    // A sweep whose ledger says it ran on real workers: the simulated backend must not add to it.
    Path other = spec("real", "[0.1, 0.3]", "[1]", "{noise: 0}");
    Path ledgerFile = dir.resolve("data/real/ledger.db");
    try (Ledger ledger = Ledgers.open(ledgerFile.toString())) {
      ledger.recordBackend("local");
    }
    Cmr.Result sim = Cmr.run(dir, "sweep", other.toString());
    assertThat(sim.code()).isEqualTo(2);
    assertThat(sim.err()).contains("- execution.backend=simulated, but sweep 'real' was run with"
        + " execution.backend=local").contains("different sweep name");
    assertThat(dir.resolve("data/real/losses")).doesNotExist();
    assertThat(dir.resolve("data/real/simulation")).doesNotExist();
  }

  @Test
  void aCoordinatorKilledMidSweepResumesWithoutRelaunchingACommittedTrialOrChangingItsRecords() throws Exception {
    Path spec = spec("crash", "[0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8]",
        "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", "{noise: 1.0e-4, seed: 3, failureRate: 0.1}");
    SweepSpec parsed = new SpecReader(dir).read(spec);
    List<PlannedTrial> plan = new TrialGrid().plan(parsed);
    Path losses = dir.resolve("data/crash/losses");
    Process first = coordinator(spec, 0);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
        .until(() -> count(losses) >= 20 || !first.isAlive());
    assertThat(first.isAlive()).as("the first coordinator is still running when it is killed").isTrue();
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    java.time.Instant killedAt = java.time.Instant.now();
    Map<Path, byte[]> before = snapshot(losses);
    assertThat(before.size()).as("committed before the kill").isBetween(20, plan.size() - 3 - 1);

    Process second = coordinator(spec, 1);
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("coordinator-1.log"))).isZero();

    Map<Path, byte[]> after = snapshot(losses);
    List<PlannedTrial> cpt = plan.stream().filter(t -> t.kind() == TrialKind.CPT).toList();
    assertThat(after).hasSize(cpt.size());
    before.forEach((file, bytes) -> assertThat(after.get(file)).as("%s kept as committed", file).isEqualTo(bytes));
    TrialSpecFactory specs = new TrialSpecFactory(parsed, SweepLayout.of(dir.resolve("data").toString(), "crash"));
    SimulatedTrialRun run = new SimulatedTrialRun(parsed.execution().simulation(), new Configuration());
    try (Ledger ledger = Ledgers.open(dir.resolve("data/crash/ledger.db").toString())) {
      assertThat(ledger.load()).extracting(TrialRecord::phase).containsOnly(TrialPhase.SUCCEEDED);
      for (PlannedTrial t : cpt) {
        Path file = losses.resolve("domain=legal/model=" + t.model() + "/" + t.id() + ".parquet");
        List<LossRecord> rows = new LossFiles(new Configuration())
            .read(new org.apache.hadoop.fs.Path(file.toUri()), LossFormat.PARQUET);
        // The records are the truth's for this trial, whichever attempt wrote them.
        assertThat(rows).extracting(LossRecord::generalLoss).containsExactlyElementsOf(
            run.records(specs.create(t, 1)).stream().map(LossRecord::generalLoss).toList());
        List<LedgerEvent> events = ledger.events(t.id());
        long successes = events.stream().filter(e -> e.to() == TrialPhase.SUCCEEDED).count();
        assertThat(successes).as("successes of %s", t.id()).isEqualTo(1);
        if (before.containsKey(file)) {
          assertThat(events).as("events of %s after the kill", t.id())
              .noneMatch(e -> e.to() == TrialPhase.RUNNING && e.at().isAfter(killedAt));
        }
      }
    }
  }

  private Process coordinator(Path spec, int round) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), CmrMain.class.getName(), "sweep", spec.toString())
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("coordinator-" + round + ".log").toFile()).start();
  }

  /**
   * Committed loss files while the coordinator writes; a walk that meets a temporary file the writer just renamed
   * away counts nothing this time (the caller polls again).
   */
  private static long count(Path losses) throws Exception {
    try {
      return snapshot(losses).size();
    } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
      if (e instanceof java.io.UncheckedIOException u && !(u.getCause() instanceof java.nio.file.NoSuchFileException)) {
        throw e;
      }
      return 0;
    }
  }

  private static Map<Path, byte[]> snapshot(Path losses) throws Exception {
    Map<Path, byte[]> out = new HashMap<>();
    if (!Files.exists(losses)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(losses)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .toList()) {
        out.put(p, Files.readAllBytes(p));
      }
    }
    return out;
  }
}
