package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitFormatException;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.reconcile.Orphan;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Per-cell phase, attempts, last error and overall progress, from the ledger,"
    + " and the last fit's answer per group.")
final class StatusCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<sweep>", description = "the sweep spec, or the sweep directory")
  private String sweep;

  @Option(names = "--phase", description = "only cells in this phase: ${COMPLETION-CANDIDATES}")
  private TrialPhase only;

  @Option(names = "--include-orphans", description = "list every orphan (result in storage of a cell no longer in"
      + " the spec) and the ledger's rows of such cells; by default the first " + SHOWN + " orphans are listed")
  private boolean includeOrphans;

  private static final int SHOWN = 20;

  StatusCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    SweepSession s = SweepSession.open(sweep, main.workingDir(), main.clock());
    PrintWriter out = main.out();
    if (s.simulated()) {
      out.println(Simulated.banner(s));
    }
    Set<String> planned = new HashSet<>();
    s.plan().stream().map(PlannedTrial::id).forEach(planned::add);
    if (!s.ledgerExists()) {
      out.println("sweep " + s.spec().sweep() + ": not started yet (" + s.plan().size() + " trials planned; no ledger"
          + " at " + s.ledgerLocation().replaceFirst("^jdbc:sqlite:", "") + "); run cmr sweep " + sweep);
      fitAnswers(s, out);
      orphans(s, out);
      return CmrMain.OK;
    }
    try (Ledger ledger = s.openLedger()) {
      List<TrialRecord> all = ledger.load();
      List<TrialRecord> records = all.stream().filter(r -> planned.contains(r.id())).toList();
      Map<TrialPhase, Integer> counts = new EnumMap<>(TrialPhase.class);
      for (TrialPhase p : TrialPhase.values()) {
        counts.put(p, 0);
      }
      records.forEach(r -> counts.merge(r.phase(), 1, Integer::sum));
      int unregistered = s.plan().size() - records.size();
      out.printf("%-48s %-9s %8s %7s %-20s  %s%n", "TRIAL", "PHASE", "ATTEMPTS", "CHARGED", "UPDATED", "LAST ERROR");
      for (TrialRecord r : records) {
        if (only == null || r.phase() == only) {
          out.printf("%-48s %-9s %8d %7d %-20s  %s%n", r.id(), r.phase(), r.attempt(), r.charged(),
              r.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
              r.lastError().isEmpty() ? "-" : r.lastError());
        }
      }
      boolean adaptive = s.spec().adaptive().isPresent();
      if (adaptive) {
        AdaptiveText.rounds(ledger.rounds(), out);
      }
      out.println((s.simulated() ? "SIMULATED " : "") + "sweep " + s.spec().sweep() + ": " + Progress.line(counts)
          + (unregistered > 0 ? ", " + unregistered + (adaptive ? " candidate cell(s) not chosen" : " not started yet")
              : "")
          + (ledger.cancelRequested() ? " (cancel requested)" : ""));
      if (includeOrphans) {
        List<TrialRecord> gone = all.stream().filter(r -> !planned.contains(r.id())).toList();
        if (!gone.isEmpty()) {
          out.println("ledger rows of " + gone.size() + " cell(s) no longer in the spec:");
          for (TrialRecord r : gone) {
            out.printf("%-48s %-9s %8d %7d %-20s  %s%n", r.id(), r.phase(), r.attempt(), r.charged(),
                r.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                r.lastError().isEmpty() ? "-" : r.lastError());
          }
        }
      }
    }
    fitAnswers(s, out);
    orphans(s, out);
    return CmrMain.OK;
  }

  /** The last fit's answer per group, in its own words (DESIGN 1.2), when the sweep has been fitted. */
  private static void fitAnswers(SweepSession s, PrintWriter out) {
    Path file = FitOutputs.file(s.layout().fitsDir(), FitTable.CMR, FitFormat.JSON);
    try {
      if (!file.getFileSystem(s.hadoopConf()).exists(file)) {
        return;
      }
      List<CmrRow> rows = new FitOutputs(s.hadoopConf()).read(s.layout().fitsDir(), FitTable.CMR, FitFormat.JSON);
      out.println("last fit (" + file + "):");
      for (CmrRow r : rows) {
        out.println("  " + r.domain() + "/" + r.model() + ": " + r.conclusion());
      }
    } catch (FitFormatException e) {
      out.println("last fit: " + e.getMessage());
    } catch (IOException e) {
      out.println("last fit: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Results in storage of cells no longer in the spec: all with --include-orphans, else the first few. */
  private void orphans(SweepSession s, PrintWriter out) {
    List<Orphan> orphans = Orphans.of(main, s);
    if (orphans.isEmpty()) {
      return;
    }
    out.println("orphans: storage holds " + Orphans.count(orphans) + " of cells no longer in this spec (fit and"
        + " report leave them out; --include-orphans takes them in):");
    List<Orphan> shown = includeOrphans ? orphans : orphans.subList(0, Math.min(SHOWN, orphans.size()));
    for (Orphan o : shown) {
      out.printf("  %-16s %-48s %s%n", o.kind().label(), o.trialId().isEmpty() ? "(unaddressed old base)"
          : o.trialId(), o.location());
    }
    if (shown.size() < orphans.size()) {
      out.println("  ... and " + (orphans.size() - shown.size()) + " more; cmr status --include-orphans " + sweep
          + " lists them all");
    }
  }
}
