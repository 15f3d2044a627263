package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.spec.ExecutionSpec;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.reconcile.Reconciler;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
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
    Optional<FileLock> lock = session.tryLock();
    if (lock.isEmpty()) {
      main.err().println("cmr: another coordinator is running sweep " + session.spec().sweep()
          + " (lock held beside " + session.ledgerLocation() + "); wait for it or run cmr cancel");
      return CmrMain.FAILED;
    }
    try (FileLock held = lock.get(); Ledger ledger = session.openLedger(); Launcher launcher = session.launcher()) {
      saveSpec();
      if (session.spec().execution().backend() == ExecutionSpec.Backend.LOCAL) {
        // Kubernetes workers prepare on first use (under a file lock on the shared corpora volume)
        int prepared = new CorpusPreparation(session, main.out(), main.err()).run(session.logsDirForPreparation());
        if (prepared != CmrMain.OK) {
          return prepared;
        }
      }
      ledger.requestCancel(false);
      Reconciler r = session.reconciler(ledger, launcher);
      r.start(session.plan());
      int requeued = r.requeue(requeue, why);
      if (requeued > 0) {
        main.out().println("requeued " + requeued + " trial(s): " + why);
      }
      Progress progress = new Progress(main.out(), main.terminal(), main.clock(), Duration.ofSeconds(5));
      progress.update(r.counts(), true);
      while (true) {
        r.tick();
        progress.update(r.counts(), false);
        if (r.finished()) {
          break;
        }
        launcher.awaitChange(session.pollInterval());
      }
      progress.update(r.counts(), true);
      progress.finish();
      return summarize(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
      out.println("sweep " + session.spec().sweep() + ": all " + c.get(TrialPhase.SUCCEEDED) + " trials succeeded");
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
    FileSystem fs = target.getFileSystem(new Configuration());
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
