package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Per-cell phase, attempts, last error and overall progress, from the ledger.")
final class StatusCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<sweep>", description = "the sweep spec, or the sweep directory")
  private String sweep;

  @Option(names = "--phase", description = "only cells in this phase: ${COMPLETION-CANDIDATES}")
  private TrialPhase only;

  StatusCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    SweepSession s = SweepSession.open(sweep, main.workingDir(), main.clock());
    PrintWriter out = main.out();
    Set<String> planned = new HashSet<>();
    s.plan().stream().map(PlannedTrial::id).forEach(planned::add);
    String ledgerFile = s.ledgerLocation().replaceFirst("^jdbc:sqlite:", "");
    if (!s.ledgerLocation().startsWith("jdbc:") || s.ledgerLocation().startsWith("jdbc:sqlite:")) {
      if (!java.nio.file.Files.exists(java.nio.file.Path.of(ledgerFile))) {
        out.println("sweep " + s.spec().sweep() + ": not started yet (" + s.plan().size() + " trials planned; no ledger at "
            + ledgerFile + "); run cmr sweep " + sweep);
        return CmrMain.OK;
      }
    }
    try (Ledger ledger = s.openLedger()) {
      List<TrialRecord> records = ledger.load().stream().filter(r -> planned.contains(r.id())).toList();
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
      out.println("sweep " + s.spec().sweep() + ": " + Progress.line(counts)
          + (unregistered > 0 ? ", " + unregistered + " not started yet" : "")
          + (ledger.cancelRequested() ? " (cancel requested)" : ""));
    }
    return CmrMain.OK;
  }
}
