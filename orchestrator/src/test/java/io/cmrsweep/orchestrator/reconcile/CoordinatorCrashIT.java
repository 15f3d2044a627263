package io.cmrsweep.orchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossReader;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.cli.CmrMain;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.testing.FakeSweep;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the real coordinator process is killed with SIGKILL at seeded random moments of a sweep of
 * fake-fast workers and restarted, several times. The moments (after how many more worker events each
 * kill comes, whether and which worker dies with it) are drawn up front from one seed only: {@value #SEED} by
 * default, {@code -Dcrash.seed=N} to try another; a failure names its seed. In the end every cell has exactly one committed
 * result, no worker started after its cell's result was committed or beside another attempt of its
 * cell, and nothing was lost. Some rounds also SIGKILL a worker just before its coordinator.
 */
class CoordinatorCrashIT {
  private static final String GRID = """
      corpora: {domains: [legal]}
      models:
        - {label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}
        - {label: b, dim: 64, layers: 2, heads: 4, ffnDim: 128}
      cpt: {ratios: [0.05, 0.1, 0.2, 0.35, 0.5, 0.75], tokens: 1000, checkpoints: 4}
      """;
  private static final int KILLS = 5;
  private static final long SEED = 20_240_611L;

  /** One crash: after {@code events} more worker events; {@code workerPick} >= 0 kills that running worker too. */
  record Kill(int events, int workerPick) {}

  /** The kills of a run, a function of the seed alone. */
  static List<Kill> schedule(long seed) {
    Random random = new Random(seed);
    List<Kill> kills = new ArrayList<>();
    for (int round = 0; round < KILLS; round++) {
      int events = 1 + random.nextInt(4);
      boolean worker = random.nextBoolean();
      int pick = random.nextInt(1 << 16);
      kills.add(new Kill(events, worker ? pick : -1));
    }
    return List.copyOf(kills);
  }

  @TempDir
  Path dir;

  @Test
  void killingTheCoordinatorAtSeededRandomMomentsNeverLosesRepeatsOrDuplicatesACell() throws Exception {
    long seed = Long.getLong("crash.seed", SEED);
    List<Kill> schedule = schedule(seed);
    System.out.println("CoordinatorCrashIT seed " + seed + ": " + schedule);
    try {
      crashAndResume(schedule);
    } catch (Throwable e) {
      throw new AssertionError("CoordinatorCrashIT failed with seed " + seed + " (kills " + schedule
          + "; rerun with -Dcrash.seed=" + seed + "): " + e.getMessage(), e);
    }
  }

  @Test
  void theKillMomentsFollowFromTheSeedAlone() {
    assertThat(schedule(SEED)).isEqualTo(schedule(SEED)).hasSize(KILLS);
    assertThat(schedule(SEED)).isNotEqualTo(schedule(SEED + 1));
  }

  private void crashAndResume(List<Kill> schedule) throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 3, 10);
    // Workers outlive a coordinator's restart, so restarted coordinators must adopt them.
    sweep.defaultControl("sleep=1500");
    List<PlannedTrial> plan = sweep.plan();

    int kills = 0;
    int workerKills = 0;
    for (int round = 0; round < KILLS; round++) {
      int seen = sweep.journal().size();
      Kill kill = schedule.get(round);
      Process coordinator = start(round);
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
          .until(() -> sweep.journal().size() >= seen + kill.events() || !coordinator.isAlive());
      if (!coordinator.isAlive()) {
        assertThat(coordinator.exitValue()).as(log(round)).isZero();
        break;
      }
      if (kill.workerPick() >= 0) {
        workerKills += killOneWorker(kill.workerPick()) ? 1 : 0; // a worker dies too, just before its coordinator
      }
      coordinator.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
      assertThat(coordinator.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(coordinator.exitValue()).isEqualTo(137);
      kills++;
    }
    Process last = start(KILLS);
    assertThat(last.waitFor(180, TimeUnit.SECONDS)).as("final coordinator finishes").isTrue();
    assertThat(last.exitValue()).as(log(KILLS)).isZero();

    assertThat(kills).as("the coordinator was killed mid-sweep").isGreaterThanOrEqualTo(3);
    assertThat(sweep.violations()).isEmpty();
    assertThat(sweep.ledger()).extracting(TrialRecord::phase).containsOnly(TrialPhase.SUCCEEDED);
    List<PlannedTrial> cpt = plan.stream().filter(t -> t.kind() == TrialKind.CPT).toList();
    List<Path> files = sweep.lossFiles();
    assertThat(files).hasSize(cpt.size());
    ParquetLossReader reader = new ParquetLossReader(new Configuration());
    for (PlannedTrial t : cpt) {
      Path expected = sweep.sweepDir().resolve("losses/domain=" + t.domain() + "/model=" + t.model() + "/" + t.id()
          + ".parquet");
      assertThat(files).contains(expected);
      List<LossRecord> rows = reader.read(new org.apache.hadoop.fs.Path(expected.toUri()));
      assertThat(rows).hasSize(5).allMatch(r -> r.trialId().equals(t.id()));
    }
    for (PlannedTrial t : plan) {
      long starts = sweep.starts(t.id());
      assertThat(starts).as("starts of " + t.id()).isBetween(1L, 2L * KILLS + 1);
    }
    long adopted = CoordinatorLogs.logs(dir).filter(l -> l.contains("adopted running worker")).count();
    assertThat(adopted).as("restarted coordinators adopted workers left running by killed ones").isPositive();
    System.out.println("CoordinatorCrashIT: " + workerKills + " workers killed, " + adopted + " adoptions, " + kills + " kills, " + sweep.journal().stream()
        .filter(l -> l.startsWith("start")).count() + " worker starts for " + plan.size() + " cells");
  }

  /**
   * SIGKILLs one running worker of this sweep, found by its spec path on the command line: the
   * {@code pick}-th (modulo their number) in the order of those command lines, which name the trial.
   */
  private boolean killOneWorker(int pick) {
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
    if (workers.isEmpty()) {
      return false;
    }
    return new ArrayList<>(workers.values()).get(pick % workers.size()).destroyForcibly();
  }

  /** Lines of every coordinator log of this test. */
  private static final class CoordinatorLogs {
    static java.util.stream.Stream<String> logs(Path dir) throws IOException {
      try (var files = Files.list(dir)) {
        List<Path> logs = files.filter(p -> p.getFileName().toString().startsWith("coordinator-")).toList();
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (Path p : logs) {
          lines.addAll(Files.readAllLines(p));
        }
        return lines.stream();
      }
    }
  }

  private Process start(int round) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), CmrMain.class.getName(), "sweep", dir.resolve("sweep.yaml").toString())
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("coordinator-" + round + ".log").toFile()).start();
  }

  private String log(int round) {
    try {
      return Files.readString(dir.resolve("coordinator-" + round + ".log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
