package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.time.Durations;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.reconcile.Reconciler;
import java.io.IOException;
import io.cmrsweep.orchestrator.lock.Acquisition;
import io.cmrsweep.orchestrator.lock.SweepLock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = "Stop a sweep: running attempts are killed, waiting cells are cancelled."
    + " cmr sweep resumes it.")
final class CancelCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<sweep>", description = "the sweep spec, or the sweep directory")
  private String sweep;

  @Option(names = "--wait", paramLabel = "<duration>", defaultValue = "60s", converter = DurationConverter.class,
      description = "how long to wait for a running coordinator to stop: " + Durations.FORMS
          + " (default ${DEFAULT-VALUE})")
  private Duration wait;

  CancelCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    SweepSession s = SweepSession.open(sweep, main.workingDir(), main.clock());
    try (Ledger ledger = s.openLedger()) {
      ledger.requestCancel(true);
    }
    Instant deadline = Instant.now().plus(wait);
    while (true) {
      Acquisition lock = s.lock();
      if (lock instanceof Acquisition.Held free) {
        // No coordinator (any more): stop what is still running ourselves, adopting it like a restart would.
        try (SweepLock held = free.lock(); Ledger ledger = s.openLedger(); Launcher launcher = s.launcher()) {
          Reconciler r = s.reconciler(ledger, launcher);
          r.start(s.plan());
          r.tick();
          main.out().println("sweep " + s.spec().sweep() + " cancelled: " + Progress.line(r.counts()));
        }
        return CmrMain.OK;
      }
      if (Instant.now().isAfter(deadline)) {
        Acquisition.Busy busy = (Acquisition.Busy) lock;
        main.err().println("cmr: cancel requested in ledger " + s.ledgerLocation() + ", but the coordinator has not"
            + " stopped within " + wait + ": " + busy.holder() + " holds " + busy.where()
            + "; if it reads another ledger, run cmr cancel with the spec it runs");
        return CmrMain.FAILED;
      }
      Thread.sleep(200);
    }
  }
}
