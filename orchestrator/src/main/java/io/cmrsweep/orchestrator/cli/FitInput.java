package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.loss.InputList;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.plan.LongestRuns;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.reconcile.StorageResults;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;

/**
 * What fit and report read: the committed loss files of exactly the current spec's cells, or with
 * {@code --include-orphans} every loss file in storage. The fit job gets them as an input list
 * ({@code <root>/<sweep>/fits/inputs.txt}), never as a directory to search.
 */
final class FitInput {
  private final SweepSession session;
  private final boolean includeOrphans;
  private final List<Path> files;
  private final int orphans;

  private final int continued;

  private FitInput(SweepSession session, boolean includeOrphans, List<Path> files, int orphans, int continued) {
    this.session = session;
    this.includeOrphans = includeOrphans;
    this.files = List.copyOf(files);
    this.orphans = orphans;
    this.continued = continued;
  }

  static FitInput of(SweepSession session, boolean includeOrphans) {
    StorageResults results = session.results();
    // a run stopped early and since continued (the ledger says which) is the prefix of its continuation: once the
    // continuation has committed its losses, only the continuation is read
    List<PlannedTrial> continuations = List.of();
    if (session.ledgerExists()) {
      try (Ledger ledger = session.openLedger()) {
        List<PlannedTrial> registered = ledger.load().stream().map(TrialRecord::trial)
            .filter(PlannedTrial::continuesAnother).toList();
        Set<Path> committed = new HashSet<>(results.lossFiles(registered));
        continuations = registered.stream()
            .filter(t -> committed.contains(session.layout().lossFile(t.domain(), t.model(), t.id()))).toList();
      }
    }
    List<Path> planned = results.lossFiles(session.plan());
    List<Path> current = results.lossFiles(LongestRuns.of(session.plan(), continuations));
    List<Path> all = results.allLossFiles();
    return new FitInput(session, includeOrphans, includeOrphans ? all : current, all.size() - planned.size(),
        planned.size() - current.size());
  }

  List<Path> files() {
    return files;
  }

  /** Replaces the sweep's input list with {@link #files()}. */
  void write(Clock clock) {
    new InputList(session.hadoopConf()).write(session.layout().fitInputList(), List.of(
        "input of cmr fit for sweep " + session.spec().sweep() + ", written " + clock.instant() + " from "
            + session.specFile(),
        includeOrphans ? "every loss file in storage (--include-orphans)"
            : "the committed loss files of the current spec's cells only"), files);
  }

  /** One line: how many files, of how many cells, where listed, and the orphans left out. */
  String summary() {
    long cells = session.plan().stream().filter(t -> t.kind() == TrialKind.CPT).count();
    String what = includeOrphans ? files.size() + " loss file(s), every one in storage (" + orphans
        + " of cells no longer in the spec)"
        : files.size() + " loss file(s) of the current spec's " + cells + " CPT cell(s)"
            + (continued > 0 ? "; " + continued + " of runs stopped early and since continued left out (their"
                + " continuations hold the same losses and the rest)" : "")
            + (orphans > 0 ? "; " + orphans + " orphan loss file(s) of cells no longer in the spec left out"
                + " (--include-orphans takes them too)" : "");
    return "fit input: " + what + ", listed in " + session.layout().fitInputList();
  }
}
