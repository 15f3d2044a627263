package io.cmrsweep.orchestrator.testing;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.storage.StorageNotWritableException;
import io.cmrsweep.core.storage.WritableCheck;
import io.cmrsweep.core.trial.TerminationMessage;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.core.trial.WorkerExit;
import io.cmrsweep.fit.truth.SimulatedTrial;
import io.cmrsweep.fit.truth.SizeLaw;
import io.cmrsweep.fit.truth.SizeLawForm;
import io.cmrsweep.fit.truth.TruthModel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A fake-fast worker: a real process, started by the launcher like {@code bin/worker run --spec <file>} (and by the
 * corpus preparation like {@code bin/worker prepare --spec <file>}, journalled as {@code prepare ...}),
 * that commits a real loss file (or base checkpoint) through core's writer, in milliseconds instead of
 * hours. Behaviour per trial comes from {@code $CMR_FAKE_DIR/control/<trialId>} (else {@code control/default}),
 * space-separated: {@code sleep=MS}, {@code exit=CODE}, {@code crash-until=N} (exit 1 while attempt <= N),
 * {@code kill-until=N} (kill -9 itself while attempt <= N), {@code hang}; {@code control/truth} (a noise sd) makes
 * every CPT trial write losses from the known {@link #TRUTH} instead of straight lines. Like the real worker it checks
 * that its output directory takes files before it "trains", and leaves a failure's reason as its
 * termination message (core's {@code WritableCheck}, {@code TerminationMessage}, {@code WorkerExit}).
 *
 * <p>It also checks what the coordinator must never do, appending to {@code violations.log}: start after
 * its cell's result was committed, run at the same time as another attempt of its cell, or find its
 * commit refused because a result was already there. Every start goes to {@code journal.log}. Like the
 * real worker, a CPT trial whose base checkpoint holds a model of another shape exits 2 (bad spec).
 */
public final class FakeWorker {
  private FakeWorker() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !(args[0].equals("run") || args[0].equals("prepare")) || !args[1].equals("--spec")) {
      System.err.println("usage: fake-worker run|prepare --spec <file>");
      System.exit(2);
    }
    TrialSpec spec;
    try {
      spec = new TrialSpecJson().read(Files.readString(Path.of(args[2])));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path dir = Path.of(System.getenv("CMR_FAKE_DIR"));
    if (args[0].equals("prepare")) {
      // control/prepare may say exit=CODE, as a real preparation that finds bad input exits 2
      append(dir.resolve("journal.log"), "prepare " + spec.data().generalCorpus() + " " + spec.data().domain() + " "
          + spec.data().tokenizer() + " " + spec.data().corpora().size());
      String c = Files.exists(dir.resolve("control/prepare")) ? Files.readString(dir.resolve("control/prepare")) : "";
      System.exit(c.startsWith("exit=") ? Integer.parseInt(c.substring(5).strip()) : 0);
    }
    String control = control(dir, spec.identity().trialId());
    append(dir.resolve("journal.log"), "start " + spec.identity().trialId() + " " + spec.identity().attempt());
    TrialSpec.Paths paths = spec.paths();
    Path proof = Path.of(spec.identity().kind() == TrialKind.CPT ? paths.lossFile() : paths.baseCheckpoint());
    if (Files.exists(proof)) {
      append(dir.resolve("violations.log"), "started after its result was committed: " + spec.identity().trialId()
          + " attempt " + spec.identity().attempt());
    }
    Files.createDirectories(dir.resolve("locks"));
    try (FileChannel ch = FileChannel.open(dir.resolve("locks").resolve(spec.identity().trialId() + ".lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        append(dir.resolve("violations.log"), "ran concurrently with another attempt: " + spec.identity().trialId()
            + " attempt " + spec.identity().attempt());
      }
      requireWritable(spec, proof);
      behave(control, spec);
      if (spec.identity().kind() == TrialKind.CPT && !baseFits(spec)) {
        System.exit(2); // as the real worker: a base of another shape is a bad spec
      }
      commit(spec, proof, dir);
      append(dir.resolve("journal.log"), "done " + spec.identity().trialId() + " " + spec.identity().attempt());
    }
    System.out.println("fake worker " + spec.identity().trialId() + " attempt " + spec.identity().attempt()
        + " committed");
  }

  /** As the real worker does before it trains: outputs that cannot be written end it with the storage code. */
  private static void requireWritable(TrialSpec spec, Path proof) {
    String field = spec.identity().kind() == TrialKind.CPT ? "paths.lossFile" : "paths.baseCheckpoint";
    try {
      new WritableCheck(new Configuration()).requireDirectory(field, proof.getParent().toString(), WritableCheck.TRIAL_FIX);
    } catch (StorageNotWritableException e) {
      exit(WorkerExit.STORAGE_NOT_WRITABLE, e.getMessage());
    }
  }

  /** Leaves the reason where the launcher reads it, then exits with the code, as the real worker does. */
  private static void exit(WorkerExit exit, String reason) {
    TerminationMessage.location(System.getenv())
        .ifPresent(f -> TerminationMessage.write(f, reason));
    System.exit(exit.code());
  }

  private static void behave(String control, TrialSpec spec) throws Exception {
    for (String token : control.trim().split("\\s+")) {
      String[] kv = token.split("=", 2);
      switch (kv[0]) {
        case "sleep" -> Thread.sleep(Long.parseLong(kv[1]));
        case "exit" -> System.exit(Integer.parseInt(kv[1]));
        case "crash-until" -> {
          if (spec.identity().attempt() <= Integer.parseInt(kv[1])) {
            System.err.println("fake crash");
            exit(WorkerExit.CRASHED, "fake crash in attempt " + spec.identity().attempt());
          }
        }
        case "kill-until" -> {
          if (spec.identity().attempt() <= Integer.parseInt(kv[1])) {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(60_000);
          }
        }
        case "hang" -> Thread.sleep(600_000);
        default -> { }
      }
    }
  }

  private static void commit(TrialSpec spec, Path proof, Path dir) throws IOException {
    if (spec.identity().kind() == TrialKind.PRETRAIN) {
      Path tmp = proof.resolveSibling("." + proof.getFileName() + ".tmp-" + ProcessHandle.current().pid());
      Files.createDirectories(tmp);
      Files.writeString(tmp.resolve("model.txt"), spec.identity().trialId() + " attempt " + spec.identity().attempt()
          + "\n" + spec.model() + "\n");
      try {
        Files.move(tmp, proof, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        append(dir.resolve("violations.log"), "base checkpoint already present: " + spec.identity().trialId());
      }
      return;
    }
    // as the real worker, a CPT run leaves its final state in its workDir, and a run that continues a shorter one
    // reads that run's state (here: a marker naming the trial and where it stopped)
    String from = spec.paths().continueFrom();
    if (!from.isBlank()) {
      Path state = Path.of(from).resolve("state.txt");
      append(dir.resolve("journal.log"), "continue " + spec.identity().trialId() + " from "
          + (Files.isRegularFile(state) ? Files.readString(state).strip() : "nothing"));
      if (!Files.isRegularFile(state)) {
        append(dir.resolve("violations.log"), "continues a run that left no state: " + spec.identity().trialId());
      }
    }
    if (!spec.paths().workDir().isBlank()) {
      Files.createDirectories(Path.of(spec.paths().workDir()));
      Files.writeString(Path.of(spec.paths().workDir()).resolve("state.txt"), spec.identity().trialId() + " at "
          + spec.training().runTokens());
    }
    double noise = truthNoise(dir);
    List<LossRecord> rows = noise >= 0 ? truthRows(spec, noise) : new ArrayList<>();
    List<Long> ts = checkpoints(spec);
    long params = spec.model().parameterCount();
    for (long t : noise >= 0 ? List.<Long>of() : ts) {
      double x = (double) t / spec.training().tokens();
      double r = spec.data().ratio();
      rows.add(new LossRecord(spec.identity().sweep(), spec.identity().trialId(), spec.data().domain(),
          spec.model().label(), params, r, spec.training().seed(), t / 1000, t, 3.0 + 0.1 * r * x, 4.0 - r * x,
          spec.identity().attempt()));
    }
    var result = new ParquetLossWriter(new Configuration()).write(new org.apache.hadoop.fs.Path(proof.toUri()), rows);
    if (result == ParquetLossWriter.Commit.ALREADY_PRESENT) {
      append(dir.resolve("violations.log"), "commit refused, result already present: " + spec.identity().trialId()
          + " attempt " + spec.identity().attempt());
    }
  }

  /** T = 0 and the spec's checkpoints, up to and including where the run stops (training.stopTokens). */
  private static List<Long> checkpoints(TrialSpec spec) {
    long stop = spec.training().runTokens();
    List<Long> ts = new ArrayList<>(List.of(0L));
    spec.training().evalTokens().stream().filter(t -> t < stop).forEach(ts::add);
    ts.add(stop);
    return ts;
  }

  /** The true CMR of {@link #TRUTH} at every size. */
  public static final double TRUE_CMR = 0.4;
  /** The truth of {@code control/truth}: a CMR of {@value #TRUE_CMR} at every model size (tiny models included). */
  public static final TruthModel TRUTH = TruthModel.defaults().withSizeLaw(
      new SizeLaw(SizeLawForm.LOGIT_LINEAR, Math.log(TRUE_CMR / (1 - TRUE_CMR)), 0, 0));

  /** {@code control/truth} holds a noise sd: CPT losses then come from {@link #TRUTH}; -1 without it. */
  private static double truthNoise(Path dir) throws IOException {
    Path f = dir.resolve("control/truth");
    return Files.exists(f) ? Double.parseDouble(Files.readString(f).strip()) : -1;
  }

  /** Loss records from {@link #TRUTH}; the noise depends on the trial id only, so every attempt writes the same. */
  private static List<LossRecord> truthRows(TrialSpec spec, double noise) {
    List<Long> ts = checkpoints(spec);
    long[] steps = new long[ts.size()];
    long[] tokens = new long[ts.size()];
    for (int i = 0; i < ts.size(); i++) {
      tokens[i] = ts.get(i);
      steps[i] = ts.get(i) / 1000;
    }
    var id = spec.identity();
    var trial = new SimulatedTrial(id.sweep(), id.trialId(), spec.data().domain(), spec.model().label(),
        spec.model().parameterCount(), spec.data().ratio(), spec.training().seed(), id.attempt());
    return new ArrayList<>(TRUTH.records(trial, spec.training().tokens(), steps, tokens, noise, 11));
  }

  /** Whether the base checkpoint holds a model of this trial's shape, as the real worker checks. */
  private static boolean baseFits(TrialSpec spec) throws IOException {
    Path model = Path.of(spec.paths().baseCheckpoint()).resolve("model.txt");
    if (!Files.isRegularFile(model)) {
      System.err.println("bad spec: paths.baseCheckpoint=" + model.getParent() + " holds no base model");
      return false;
    }
    List<String> lines = Files.readAllLines(model);
    if (lines.size() < 2 || !lines.get(1).equals(spec.model().toString())) {
      System.err.println("bad spec: paths.baseCheckpoint=" + model.getParent() + " holds model "
          + (lines.size() < 2 ? "?" : lines.get(1)) + " but the spec asks for " + spec.model());
      return false;
    }
    return true;
  }

  private static String control(Path dir, String trialId) throws IOException {
    for (Path p : List.of(dir.resolve("control").resolve(trialId), dir.resolve("control").resolve("default"))) {
      if (Files.exists(p)) {
        return Files.readString(p);
      }
    }
    return "";
  }

  static void append(Path file, String line) throws IOException {
    Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
