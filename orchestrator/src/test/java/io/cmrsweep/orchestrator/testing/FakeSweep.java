package io.cmrsweep.orchestrator.testing;

import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.Ledgers;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A sweep in a temp folder whose workers are {@link FakeWorker} JVMs: the spec, the control folder
 * that tells each fake worker how to behave, and readers for what the sweep left behind.
 */
public final class FakeSweep {
  private final Path dir;
  private final Path spec;
  private final Path fake;

  public FakeSweep(Path dir, String grid, int parallelism, int maxAttempts) throws IOException {
    this.dir = dir;
    this.spec = dir.resolve("sweep.yaml");
    this.fake = dir.resolve("fake");
    Files.createDirectories(fake.resolve("control"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), FakeWorker.class.getName());
    String yaml = "sweep: fake\n"
        + "storage: {root: data}\n"
        + grid
        + "execution:\n"
        + "  backend: local\n"
        + "  parallelism: " + parallelism + "\n"
        + "  retry: {maxAttempts: " + maxAttempts + ", initialBackoff: 100ms, maxBackoff: 200ms}\n"
        + "  env: {CMR_FAKE_DIR: '" + fake + "'}\n"
        + "  workerCommand:\n"
        + cmd.stream().map(c -> "    - '" + c + "'\n").collect(Collectors.joining());
    Files.writeString(spec, yaml);
  }

  /** Rewrites the spec through {@code edit} (a spec edit between two runs of the sweep). */
  public void edit(java.util.function.UnaryOperator<String> edit) throws IOException {
    String before = Files.readString(spec);
    String after = edit.apply(before);
    if (after.equals(before)) {
      throw new IllegalArgumentException("the edit changed nothing in " + spec);
    }
    Files.writeString(spec, after);
  }

  public Path dir() {
    return dir;
  }

  public Path spec() {
    return spec;
  }

  public List<PlannedTrial> plan() {
    return new TrialGrid().plan(new SpecReader().read(spec));
  }

  public void control(String trialId, String behaviour) throws IOException {
    Files.writeString(fake.resolve("control").resolve(trialId), behaviour);
  }

  public void defaultControl(String behaviour) throws IOException {
    control("default", behaviour);
  }

  public List<String> journal() throws IOException {
    Path j = fake.resolve("journal.log");
    return Files.exists(j) ? Files.readAllLines(j) : List.of();
  }

  public long starts(String trialId) throws IOException {
    return journal().stream().filter(l -> l.startsWith("start " + trialId + " ")).count();
  }

  public List<String> violations() throws IOException {
    Path v = fake.resolve("violations.log");
    return Files.exists(v) ? Files.readAllLines(v) : List.of();
  }

  public Path sweepDir() {
    return dir.resolve("data").resolve("fake");
  }

  /** Every committed loss file (hidden temporary files excluded). */
  public List<Path> lossFiles() throws IOException {
    Path losses = sweepDir().resolve("losses");
    if (!Files.exists(losses)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(losses)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
  }

  /** The committed loss records of one CPT trial, in the order written. */
  public List<io.cmrsweep.core.loss.LossRecord> losses(PlannedTrial t) throws IOException {
    Path file = sweepDir().resolve("losses").resolve("domain=" + t.domain()).resolve("model=" + t.model())
        .resolve(t.id() + ".parquet");
    return new io.cmrsweep.core.loss.ParquetLossReader(new org.apache.hadoop.conf.Configuration())
        .read(new org.apache.hadoop.fs.Path(file.toUri()));
  }

  public List<TrialRecord> ledger() {
    try (Ledger l = Ledgers.open(sweepDir().resolve("ledger.db").toString())) {
      return l.load();
    }
  }

  public TrialRecord record(String id) {
    return ledger().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }
}
