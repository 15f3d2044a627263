package io.cmrsweep.orchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cmrsweep.core.loss.InputList;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossReader;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.cli.CmrMain;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.testing.Cmr;
import io.cmrsweep.orchestrator.testing.FakeSweep;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: real coordinator processes over fake-fast workers, SIGKILLed at seeded random moments (sometimes
 * with one of their workers), the spec edited between restarts (a ratio added, one removed, a model's size
 * changed under the same label), and a second coordinator with another ledger started beside a running one
 * at random moments. Everything random follows from one seed: {@value #SEED} by default,
 * {@code -Dchaos.seed=N} for another; a failure names its seed. At the end: exactly one committed result per
 * current cell, the fit's input list holds no file of a stale spec, no worker started after its cell's
 * result was committed or beside another attempt of its cell, and every second coordinator either refused
 * (exit 1, naming the holder) or ran alone.
 */
class ChaosIT {
  private static final String GRID = """
      corpora: {domains: [legal]}
      models:
        - {label: a, dim: 32, layers: 2, heads: 4, ffnDim: 128}
        - {label: b, dim: 48, layers: 2, heads: 4, ffnDim: 128}
      cpt: {ratios: [0.1, 0.2, 0.3], tokens: 1000, checkpoints: 4}
      """;
  private static final int ROUNDS = 6;
  private static final long SEED = 20_261_125L;

  /** The spec edits, applied in this order at seeded rounds. */
  private static final List<Edit> EDITS = List.of(
      new Edit("add ratio 0.5", s -> s.replace("ratios: [0.1, 0.2, 0.3]", "ratios: [0.1, 0.2, 0.3, 0.5]")),
      new Edit("remove ratio 0.1", s -> s.replaceAll("ratios: \\[0\\.1, ", "ratios: [")),
      new Edit("model a: dim 32 -> 64 under the same label", s -> s.replace("{label: a, dim: 32,", "{label: a, dim: 64,")));

  record Edit(String name, UnaryOperator<String> change) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One round: the edit applied before it (-1: none), after how many more worker events the coordinator is
   * killed, which running worker dies with it (-1: none), and whether a second coordinator is started first.
   */
  record Round(int edit, int events, int workerPick, boolean second) {}

  /** The rounds of a run, a function of the seed alone; every edit happens once, in order, after round 0. */
  static List<Round> schedule(long seed) {
    Random random = new Random(seed);
    List<Integer> slots = new ArrayList<>();
    for (int r = 1; r < ROUNDS; r++) {
      slots.add(r);
    }
    java.util.Collections.shuffle(slots, random);
    List<Integer> editRounds = slots.subList(0, EDITS.size()).stream().sorted().toList();
    List<Round> rounds = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      int edit = editRounds.indexOf(r);
      int events = 1 + random.nextInt(4);
      int pick = random.nextBoolean() ? random.nextInt(1 << 16) : -1;
      rounds.add(new Round(edit, events, pick, random.nextInt(3) == 0));
    }
    return List.copyOf(rounds);
  }

  @TempDir
  Path dir;

  @Test
  void killsEditsAndASecondCoordinatorNeverCorruptTheSweepOrItsFitInput() throws Exception {
    long seed = Long.getLong("chaos.seed", SEED);
    List<Round> schedule = schedule(seed);
    System.out.println("ChaosIT seed " + seed + ": " + schedule);
    try {
      chaos(schedule);
    } catch (Throwable e) {
      throw new AssertionError("ChaosIT failed with seed " + seed + " (rounds " + schedule + "; rerun with"
          + " -Dchaos.seed=" + seed + "): " + e.getMessage(), e);
    }
  }

  @Test
  void theChaosFollowsFromTheSeedAloneAndAppliesEveryEditOnce() {
    assertThat(schedule(SEED)).isEqualTo(schedule(SEED)).hasSize(ROUNDS);
    assertThat(schedule(SEED)).isNotEqualTo(schedule(SEED + 1));
    for (long s = SEED; s < SEED + 20; s++) {
      assertThat(schedule(s).stream().map(Round::edit).filter(e -> e >= 0)).containsExactly(0, 1, 2);
      assertThat(schedule(s).get(0).edit()).isEqualTo(-1);
    }
  }

  private void chaos(List<Round> schedule) throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 3, 10);
    sweep.defaultControl("sleep=700");
    Set<String> everPlanned = new HashSet<>();
    sweep.plan().forEach(t -> everPlanned.add(t.id()));
    int seconds = 0;
    int refused = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Round r = schedule.get(round);
      if (r.edit() >= 0) {
        sweep.edit(EDITS.get(r.edit()).change());
        sweep.plan().forEach(t -> everPlanned.add(t.id()));
      }
      long seen = trialEvents(sweep);
      Process coordinator = start("coordinator-" + round, sweep.spec());
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
          .until(() -> trialEvents(sweep) >= seen + r.events() || !coordinator.isAlive());
      long ranInstead = -1;
      if (r.second()) {
        seconds++;
        ranInstead = second(sweep, round, coordinator);
        refused += ranInstead < 0 ? 1 : 0;
      }
      if (!coordinator.isAlive()) {
        String log = log("coordinator-" + round);
        if (ranInstead >= 0 && coordinator.exitValue() == 1) {
          // Under load the second coordinator can take the storage lock first; then this one must refuse.
          assertThat(log).contains("another coordinator is running sweep fake: pid " + ranInstead);
        } else {
          assertThat(coordinator.exitValue()).as(log).isZero();
        }
        continue;
      }
      if (r.workerPick() >= 0) {
        killOneWorker(r.workerPick());
      }
      coordinator.destroyForcibly();
      assertThat(coordinator.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    Process last = start("coordinator-final", sweep.spec());
    assertThat(last.waitFor(180, TimeUnit.SECONDS)).as("final coordinator finishes").isTrue();
    assertThat(last.exitValue()).as(log("coordinator-final")).isZero();
    Cmr.Result fit = Cmr.run(dir, "fit", sweep.spec().toString(), "--dry-run");
    assertThat(fit.code()).as(fit.out() + fit.err()).isZero();

    List<PlannedTrial> plan = sweep.plan();
    List<PlannedTrial> cpt = plan.stream().filter(t -> t.kind() == TrialKind.CPT).toList();
    Set<String> current = plan.stream().map(PlannedTrial::id).collect(Collectors.toSet());
    assertThat(everPlanned).as("the edits made cells stale").hasSizeGreaterThan(current.size());

    // Exactly one committed result per current cell, written by that cell.
    assertThat(sweep.violations()).isEmpty();
    assertThat(sweep.ledger().stream().filter(t -> current.contains(t.id())).map(TrialRecord::phase))
        .hasSize(plan.size()).containsOnly(TrialPhase.SUCCEEDED);
    Map<String, Long> filesPerTrial = sweep.lossFiles().stream().collect(Collectors.groupingBy(
        p -> p.getFileName().toString().replace(".parquet", ""), TreeMap::new, Collectors.counting()));
    ParquetLossReader reader = new ParquetLossReader(new Configuration());
    for (PlannedTrial t : cpt) {
      assertThat(filesPerTrial.get(t.id())).as("committed results of " + t.id()).isEqualTo(1L);
      Path file = sweep.sweepDir().resolve("losses/domain=" + t.domain() + "/model=" + t.model() + "/" + t.id()
          + ".parquet");
      List<LossRecord> rows = reader.read(new org.apache.hadoop.fs.Path(file.toUri()));
      assertThat(rows).hasSize(5).allMatch(x -> x.trialId().equals(t.id()) && x.ratio() == t.ratio());
    }
    for (PlannedTrial t : plan.stream().filter(t -> t.kind() == TrialKind.PRETRAIN).toList()) {
      Path base = sweep.sweepDir().resolve("checkpoints/" + t.model() + "/" + t.id() + "/base/model.txt");
      assertThat(Files.readAllLines(base)).first().asString().startsWith(t.id() + " attempt ");
    }

    // The fit's input: exactly the current cells' files, none of a stale spec, though stale ones exist.
    List<String> listed = new InputList(new Configuration()).read(new org.apache.hadoop.fs.Path(
        sweep.sweepDir().resolve("fits/inputs.txt").toUri())).stream()
        .map(p -> p.getName().replace(".parquet", "")).toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(cpt.stream().map(PlannedTrial::id).toList());
    assertThat(filesPerTrial.keySet()).as("stale results stay in storage as orphans")
        .anyMatch(id -> !current.contains(id));

    System.out.println("ChaosIT: " + ROUNDS + " rounds, " + seconds + " second coordinators (" + refused
        + " refused), " + sweep.journal().stream().filter(l -> l.startsWith("start")).count() + " worker starts, "
        + (filesPerTrial.size() - cpt.size()) + " orphan loss files, " + cpt.size() + " current CPT cells");
  }

  /**
   * Starts a coordinator with another ledger beside the running one and waits for it: it must refuse with
   * exit 1 naming the holder (returns -1), unless it took the lock first -- the first had ended, or had not
   * yet taken the lock and then refused -- when it runs alone to the end (exit 0; returns its pid).
   */
  private long second(FakeSweep sweep, int round, Process first) throws Exception {
    Path spec = dir.resolve("second-" + round + ".yaml");
    Files.writeString(spec, Files.readString(sweep.spec()).replace("storage: {root: data}",
        "storage: {root: data, ledger: second-" + round + ".db}"));
    Process second = start("second-" + round, spec);
    assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("second coordinator ends").isTrue();
    String log = log("second-" + round);
    if (second.exitValue() == 1) {
      assertThat(log).contains("another coordinator is running sweep fake: pid " + first.pid());
      return -1;
    }
    assertThat(second.exitValue()).as(log).isZero();
    assertThat(first.waitFor(30, TimeUnit.SECONDS))
        .as("a second coordinator ran to the end while the first was still running:\n" + log).isTrue();
    return second.pid();
  }

  /**
   * Worker starts and commits so far; corpus preparations (journalled as {@code prepare ...}) do not count, or
   * a round would end before any trial of it ran.
   */
  private static long trialEvents(FakeSweep sweep) throws IOException {
    return sweep.journal().stream().filter(l -> !l.startsWith("prepare ")).count();
  }

  /** SIGKILLs the {@code pick}-th (modulo their number) running worker of this sweep, ordered by command line. */
  private void killOneWorker(int pick) {
    Map<String, ProcessHandle> workers = new TreeMap<>();
    ProcessHandle.allProcesses().forEach(h -> {
      try {
        String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")));
        if (cmdline.contains(dir + "/data/fake/logs/")) {
          workers.put(cmdline + "#" + h.pid(), h);
        }
      } catch (IOException e) {
        // the process ended while being listed
      }
    });
    if (!workers.isEmpty()) {
      new ArrayList<>(workers.values()).get(pick % workers.size()).destroyForcibly();
    }
  }

  private Process start(String name, Path spec) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), CmrMain.class.getName(), "sweep", spec.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
