package io.cmrsweep.bench.orchestrator;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.Ledgers;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.reconcile.Decider;
import io.cmrsweep.orchestrator.reconcile.Reconciler;
import io.cmrsweep.orchestrator.reconcile.StorageResults;
import io.cmrsweep.orchestrator.retry.RetryPolicy;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import io.cmrsweep.orchestrator.testing.InstantLauncher;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;

/**
 * Coordinator overhead on a 10,000-trial grid whose trials finish instantly: plan, then schedule every
 * trial through the real reconcile loop, SQLite ledger and storage checks (per-trial overhead, target
 * under 5 ms); then crash half-way (trials left RUNNING in the ledger, the backend forgotten) and time
 * a new coordinator's resume: read the spec, plan, open the ledger, scan storage and reconcile once
 * (target under 2 s). Usage: SchedulerBench [work-dir] [domains] (default: a temp dir, 10 domains).
 */
public final class SchedulerBench {
  private SchedulerBench() {}

  public static void main(String[] args) throws Exception {
    // Per-trial INFO lines would measure the terminal, not the coordinator.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.log", "warn"));
    if (args.length > 0 && args[0].equals("resume")) {
      // A fresh JVM resuming the ledger a previous run left crashed: what a restarted `cmr sweep` pays.
      Path work = Path.of(args[1]);
      int domains = args.length > 2 ? Integer.parseInt(args[2]) : 10;
      resume(spec(work, domains), work.resolve("crashed"), "cold resume (fresh JVM)");
      return;
    }
    Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("cmr-bench");
    int domains = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String yaml = spec(work, domains);

    long t0 = System.nanoTime();
    SweepSpec spec = new SpecReader().parse(yaml, "bench.yaml");
    List<PlannedTrial> plan = new TrialGrid().plan(spec);
    long planNs = System.nanoTime() - t0;
    System.out.printf("plan: %d trials in %.1f ms%n", plan.size(), planNs / 1e6);

    Path full = work.resolve("full");
    long s0 = System.nanoTime();
    Map<TrialPhase, Integer> done = run(spec, plan, full, Integer.MAX_VALUE);
    long runNs = System.nanoTime() - s0;
    System.out.printf("schedule: %d trials to SUCCEEDED in %.0f ms = %.3f ms coordinator overhead per trial"
        + " (target < 5 ms) %s%n", done.get(TrialPhase.SUCCEEDED), runNs / 1e6, runNs / 1e6 / plan.size(), done);

    Path crashed = work.resolve("crashed");
    run(spec, plan, crashed, plan.size() / 2);
    long resumeNs = resume(yaml, crashed, "resume");
    System.out.printf("RESULT trials=%d plan_ms=%.1f overhead_ms_per_trial=%.3f resume_ms=%.0f%n", plan.size(),
        planNs / 1e6, runNs / 1e6 / plan.size(), resumeNs / 1e6);
  }

  /** Reconciles a crashed ledger once: spec, plan, open, load, scan, one round. Returns the nanoseconds taken. */
  private static long resume(String yaml, Path crashed, String label) {
    long r0 = System.nanoTime();
    SweepSpec again = new SpecReader().parse(yaml, "bench.yaml");
    List<PlannedTrial> replanned = new TrialGrid().plan(again);
    long planned = System.nanoTime();
    Map<TrialPhase, Integer> before;
    Map<TrialPhase, Integer> after;
    long opened;
    long started;
    try (Ledger ledger = Ledgers.open(crashed.resolve("ledger.db").toString()); Launcher launcher = new InstantLauncher()) {
      Reconciler r = reconciler(again, crashed, ledger, launcher, 0);
      opened = System.nanoTime();
      r.start(replanned);
      started = System.nanoTime();
      before = r.counts();
      r.tick();
      after = r.counts();
    }
    long resumeNs = System.nanoTime() - r0;
    System.out.printf("resume stages: spec+plan %.0f ms, open ledger %.0f ms, load ledger + scan storage %.0f ms,"
        + " first reconcile round %.0f ms%n", (planned - r0) / 1e6, (opened - planned) / 1e6, (started - opened) / 1e6,
        (System.nanoTime() - started) / 1e6);
    System.out.printf(label + ": %d-trial ledger after a crash (%s) reconciled in %.0f ms (target < 2000 ms); after one"
        + " round: %s%n", replanned.size(), before, resumeNs / 1e6, after);
    return resumeNs;
  }

  /** Runs the loop until finished, or stops abruptly (like a crash) after {@code stopAfter} launches. */
  private static Map<TrialPhase, Integer> run(SweepSpec spec, List<PlannedTrial> plan, Path root, int stopAfter) {
    try (Ledger ledger = Ledgers.open(root.resolve("ledger.db").toString()); Launcher launcher = new InstantLauncher()) {
      Reconciler r = reconciler(spec, root, ledger, launcher, 64);
      r.start(plan);
      while (!r.finished()) {
        r.tick();
        Map<TrialPhase, Integer> c = r.counts();
        if (c.get(TrialPhase.SUCCEEDED) + c.get(TrialPhase.RUNNING) >= stopAfter) {
          return c; // the backend's memory of running attempts is dropped with it, as in a crash
        }
      }
      return r.counts();
    }
  }

  private static Reconciler reconciler(SweepSpec spec, Path root, Ledger ledger, Launcher launcher, int parallelism) {
    SweepLayout layout = SweepLayout.of(root.resolve("data").toString(), spec.sweep());
    return new Reconciler(ledger, launcher, new StorageResults(layout, new Configuration()),
        new TrialSpecFactory(spec, layout), new Decider(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1)),
        Clock.systemUTC(), Math.max(parallelism, 64));
  }

  private static String spec(Path work, int domains) {
    String ratios = IntStream.rangeClosed(1, 20).mapToObj(i -> Double.toString(i / 20.0)).collect(Collectors.joining(", "));
    String models = IntStream.range(0, 10).mapToObj(i -> "  - {label: m" + i + ", dim: " + (32 + 16 * i)
        + ", layers: 2, heads: 4, ffnDim: 128}").collect(Collectors.joining("\n"));
    String domainList = IntStream.range(0, domains).mapToObj(i -> "d" + i).collect(Collectors.joining(", "));
    return "sweep: bench\n"
        + "storage: {root: " + work + "}\n"
        + "corpora: {domains: [" + domainList + "]}\n"
        + "models:\n" + models + "\n"
        + "cpt: {ratios: [" + ratios + "], tokens: 1000, checkpoints: 4}\n"
        + "seeds: [1, 2, 3, 4, 5]\n"
        + "execution: {parallelism: 64}\n";
  }
}
