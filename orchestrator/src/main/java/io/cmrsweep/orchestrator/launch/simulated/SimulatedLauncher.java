package io.cmrsweep.orchestrator.launch.simulated;

import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.spec.SimulationSpec;
import io.cmrsweep.orchestrator.trial.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated backend (execution.backend: simulated): an attempt is a task on a small thread pool that
 * commits the attempt's result at once ({@link SimulatedTrialRun}), so the coordinator, ledger, retries and
 * result scan run exactly as for real workers. Attempts live in this process: after a coordinator restart
 * none is found running, and the committed results decide, as for workers lost with their machine.
 */
public final class SimulatedLauncher implements Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedLauncher.class);
  private final SimulatedTrialRun run;
  private final ExecutorService pool;
  private final Map<AttemptRef, CompletableFuture<AttemptState>> attempts = new ConcurrentHashMap<>();
  private final Semaphore changes = new Semaphore(0);

  /** {@code threads}: how many attempts write their results at once. */
  public SimulatedLauncher(SimulationSpec simulation, Configuration conf, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads=" + threads + " must be >= 1");
    }
    this.run = new SimulatedTrialRun(simulation, conf);
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "simulated-trial");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public List<AttemptState> observe() {
    List<AttemptState> out = new ArrayList<>();
    attempts.forEach((ref, f) -> out.add(f.isDone() ? f.join() : AttemptState.running(ref)));
    return out;
  }

  @Override
  public void launch(TrialSpec spec) {
    AttemptRef ref = new AttemptRef(spec.identity().trialId(), spec.identity().attempt());
    attempts.computeIfAbsent(ref, r -> CompletableFuture.supplyAsync(() -> attempt(r, spec), pool)
        .whenComplete((s, e) -> changes.release()));
  }

  private AttemptState attempt(AttemptRef ref, TrialSpec spec) {
    if (run.failsOnPurpose(spec.identity())) {
      return AttemptState.failed(ref, Failure.retryable("simulated failure (execution.simulation.failureRate)"));
    }
    try {
      LOG.debug("{}", run.run(spec));
      return AttemptState.exitedOk(ref);
    } catch (RuntimeException e) {
      return AttemptState.failed(ref, Failure.retryable("simulated trial could not commit its result: "
          + e.getMessage()));
    }
  }

  @Override
  public void kill(AttemptRef ref) {
    CompletableFuture<AttemptState> f = attempts.remove(ref);
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public void release(AttemptRef ref) {
    attempts.remove(ref);
  }

  @Override
  public void awaitChange(Duration max) throws InterruptedException {
    if (changes.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
      changes.drainPermits();
    }
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
