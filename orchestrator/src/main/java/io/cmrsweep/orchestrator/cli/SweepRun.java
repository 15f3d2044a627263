package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.orchestrator.adaptive.AdaptiveSweep;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.spec.ExecutionSpec;
import io.cmrsweep.orchestrator.spec.SpecException;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.lock.Acquisition;
import io.cmrsweep.orchestrator.lock.SweepLock;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.reconcile.Reconciler;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;

/** Runs a sweep's reconcile loop to the end under the coordinator lock; shared by sweep and retry. */
final class SweepRun {
  private final CmrMain main;
  private final SweepSession session;

  SweepRun(CmrMain main, SweepSession session) {
    this.main = main;
    this.session = session;
  }

  /** Requeues trials in exactly the phases {@code requeue} (fresh budget), then runs until nothing can move. */
  int run(Set<TrialPhase> requeue, String why) throws InterruptedException {
    Acquisition lock = session.lock();
    if (lock instanceof Acquisition.Busy busy) {
      main.err().println(busyMessage(session, busy));
      return CmrMain.FAILED;
    }
    SweepLock held = ((Acquisition.Held) lock).lock();
    try (held; Ledger ledger = session.openLedger(); Launcher launcher = session.launcher()) {
      BackendCheck backend = new BackendCheck(session);
      var conflict = backend.problem(ledger);
      if (conflict.isPresent()) {
        throw new SpecException(session.specFile().toString(), java.util.List.of(conflict.get()));
      }
      if (session.spec().adaptive().isPresent()) {
        // A spec edit that orphans cells the recorded rounds chose is refused before anything is written.
        session.cellMap().plan(ledger.rounds());
      }
      backend.record(ledger);
      if (session.simulated()) {
        main.out().println(Simulated.banner(session));
      }
      saveSpec();
      Orphans.notice(Orphans.of(main, session), session).ifPresent(main.out()::println);
      if (session.spec().execution().backend() == ExecutionSpec.Backend.LOCAL) {
        // Kubernetes workers prepare on first use (under a file lock on the shared corpora volume)
        int prepared = new CorpusPreparation(session, main.out(), main.err()).run(session.logsDirForPreparation());
        if (prepared != CmrMain.OK) {
          return prepared;
        }
      }
      ledger.requestCancel(false);
      if (session.spec().adaptive().isEmpty()) {
        return reconcile(held, ledger, launcher, session.plan(), requeue, why, false);
      }
      RoundTrials trials = new RoundTrials(held, ledger, launcher, requeue, why);
      Optional<Round> stop = session.adaptive(ledger, main.out()).run(trials);
      if (stop.isEmpty()) {
        return trials.code;
      }
      main.out().println("sweep " + session.spec().sweep() + ": adaptive sweep done after round " + stop.get().number()
          + ": " + stop.get().outcome() + ": " + stop.get().reason());
      saveFitInput();
      return CmrMain.OK;
    }
  }

  /** The trials of adaptive rounds: requeued as asked in the first round only (later ones are new). */
  private final class RoundTrials implements AdaptiveSweep.Trials {
    private final SweepLock held;
    private final Ledger ledger;
    private final Launcher launcher;
    private final String why;
    private Set<TrialPhase> requeue;
    private int code = CmrMain.OK;

    RoundTrials(SweepLock held, Ledger ledger, Launcher launcher, Set<TrialPhase> requeue, String why) {
      this.held = held;
      this.ledger = ledger;
      this.launcher = launcher;
      this.requeue = requeue;
      this.why = why;
    }

    @Override
    public boolean run(List<PlannedTrial> plan) throws InterruptedException {
      code = reconcile(held, ledger, launcher, plan, requeue, why, true);
      requeue = Set.of();
      return code == CmrMain.OK;
    }
  }

  /**
   * Runs the reconcile loop over {@code plan} until nothing can move; returns the summary's exit code (OK when
   * every trial succeeded). {@code round}: an adaptive round, whose success does not end the sweep.
   */
  private int reconcile(SweepLock held, Ledger ledger, Launcher launcher, List<PlannedTrial> plan,
      Set<TrialPhase> requeue, String why, boolean round) throws InterruptedException {
    Reconciler r = session.reconciler(ledger, launcher);
    r.start(plan);
    int requeued = r.requeue(requeue, why);
    if (requeued > 0) {
      main.out().println("requeued " + requeued + " trial(s): " + why);
    }
    Progress progress = new Progress(main.out(), main.terminal(), main.clock(), Duration.ofSeconds(5));
    progress.update(r.counts(), true);
    while (true) {
      if (!held.held()) {
        main.err().println("cmr: lost the coordinator lock " + held.where() + " to another coordinator; stopping"
            + " without touching its workers. Run cmr status " + session.specFile() + " to see the sweep");
        return CmrMain.FAILED;
      }
      r.tick();
      progress.update(r.counts(), false);
      if (r.finished()) {
        break;
      }
      launcher.awaitChange(session.pollInterval());
    }
    progress.update(r.counts(), true);
    progress.finish();
    if (!r.cancelled() && !round) {
      saveFitInput();
    }
    return summarize(r);
  }

  /**
   * Why a second coordinator refuses: the sweep's storage (or ledger) is locked by another. Exit 1, not 2:
   * the spec is fine, the sweep is busy, and the same command succeeds once the other coordinator ends.
   */
  static String busyMessage(SweepSession session, Acquisition.Busy busy) {
    return "cmr: another coordinator is running sweep " + session.spec().sweep() + ": " + busy.holder()
        + " holds " + busy.where() + ". Wait for it to finish (cmr status " + session.specFile()
        + " shows progress), or stop it with cmr cancel on the spec it runs, with the ledger it names";
  }

  private int summarize(Reconciler r) {
    PrintWriter out = main.out();
    Map<TrialPhase, Integer> c = r.counts();
    if (r.cancelled()) {
      out.println("sweep " + session.spec().sweep() + " cancelled; run cmr sweep again to resume");
      return CmrMain.CANCELLED;
    }
    long blocked = r.records().stream().filter(t -> t.phase() == TrialPhase.PENDING && r.blocked(t)).count();
    if (c.get(TrialPhase.FAILED) == 0 && blocked == 0 && c.get(TrialPhase.CANCELLED) > 0) {
      out.println("sweep " + session.spec().sweep() + ": " + c.get(TrialPhase.SUCCEEDED) + " succeeded, "
          + c.get(TrialPhase.CANCELLED) + " cancelled and left as they are; cmr sweep or cmr retry "
          + session.specFile() + " runs them");
      return CmrMain.CANCELLED;
    }
    if (c.get(TrialPhase.FAILED) == 0 && blocked == 0) {
      out.println((session.simulated() ? "SIMULATED " : "") + "sweep " + session.spec().sweep() + ": all "
          + c.get(TrialPhase.SUCCEEDED) + " trials succeeded");
      return CmrMain.OK;
    }
    for (TrialRecord t : r.records()) {
      if (t.phase() == TrialPhase.FAILED) {
        out.println("FAILED " + t.id() + " after " + t.attempt() + " attempt(s): " + t.lastError());
      }
    }
    out.println("sweep " + session.spec().sweep() + ": " + c.get(TrialPhase.FAILED) + " failed, " + blocked
        + " blocked by a failed or cancelled base; fix the cause, then run: cmr retry " + session.specFile());
    return CmrMain.FAILED;
  }

  /**
   * Lists the committed loss files of the current cells as the fit's input (fits/inputs.txt), so a fit
   * submitted without the coordinator (the on-demand Kubernetes fit Job) reads exactly them, never orphans.
   */
  private void saveFitInput() {
    try {
      FitInput.of(session, false).write(main.clock());
    } catch (RuntimeException e) {
      main.err().println("cmr: warning: could not write the fit input list " + session.layout().fitInputList()
          + ": " + e.getMessage() + "; cmr fit writes it again");
    }
  }

  /** Keeps the spec as run beside the results (DESIGN 3.2); a storage that cannot take it only warns. */
  private void saveSpec() {
    try {
      writeSpec();
    } catch (IOException | RuntimeException e) {
      main.err().println("cmr: warning: could not keep the spec at " + session.layout().specFile() + ": " + e.getMessage());
    }
  }

  private void writeSpec() throws IOException {
    var target = session.layout().specFile();
    FileSystem fs = target.getFileSystem(session.hadoopConf());
    byte[] text = Files.readString(session.specFile(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    var local = SweepSession.localPath(target);
    if (local.isPresent() && Files.exists(local.get()) && Files.isSameFile(local.get(), session.specFile())) {
      return;
    }
    fs.mkdirs(target.getParent());
    try (FSDataOutputStream o = fs.create(target, true)) {
      o.write(text);
    }
  }
}
