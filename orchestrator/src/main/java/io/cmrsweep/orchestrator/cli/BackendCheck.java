package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.simulation.SimulationTruth;
import io.cmrsweep.core.simulation.SimulationTruthFile;
import io.cmrsweep.orchestrator.launch.simulated.SimulationTruths;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.spec.ExecutionSpec;
import java.util.List;
import java.util.Optional;

/**
 * Keeps simulated and real results apart (DESIGN 3.5): a sweep keeps the kind of backend it was first run
 * with, recorded in the ledger and, for a simulated sweep, shown by {@code simulation/truth.json} in its
 * storage; a simulated sweep also keeps its truth. A conflict is bad input (exit 2) that names
 * {@code execution.backend} (or {@code execution.simulation}), both values, and the fix: another sweep name.
 */
final class BackendCheck {
  private final SweepSession session;
  private final SimulationTruthFile truthFile;

  BackendCheck(SweepSession session) {
    this.session = session;
    this.truthFile = new SimulationTruthFile(session.hadoopConf());
  }

  /** The problem that forbids running this spec on this sweep's ledger and storage, if any. */
  Optional<String> problem(Ledger ledger) {
    ExecutionSpec.Backend now = session.spec().execution().backend();
    String sweep = session.spec().sweep();
    Optional<String> recorded = ledger.backend();
    Optional<SimulationTruth> stored = truthFile.read(session.layout().truthFile());
    String before;
    if (recorded.isPresent()) {
      before = recorded.get();
    } else if (stored.isPresent()) {
      before = ExecutionSpec.Backend.SIMULATED.label();
    } else if (now.simulated() && !ledger.load().isEmpty()) {
      before = "a real backend (ledger " + session.ledgerLocation() + " has trials)";
    } else {
      before = now.label();
    }
    boolean wasSimulated = before.equals(ExecutionSpec.Backend.SIMULATED.label());
    if (wasSimulated != now.simulated() || (!now.simulated() && stored.isPresent())) {
      return Optional.of("execution.backend=" + now.label() + ", but sweep '" + sweep + "' was run with"
          + " execution.backend=" + before + "; simulated and real results never mix in one sweep: give this run"
          + " a different sweep name (e.g. sweep: " + sweep + (now.simulated() ? "-sim" : "-real") + ")");
    }
    if (now.simulated() && stored.isPresent() && !sameTruth(stored.get(), SimulationTruths.of(session.spec()))) {
      return Optional.of("execution.simulation: sweep '" + sweep + "' was simulated from another truth ("
          + session.layout().truthFile() + "); its loss records would mix two truths: give this run a different"
          + " sweep name, or restore the simulation settings it was run with");
    }
    return Optional.empty();
  }

  /** Records the backend in the ledger and, for a simulated sweep, writes its truth beside the results. */
  void record(Ledger ledger) {
    ledger.recordBackend(session.spec().execution().backend().label());
    if (session.simulated()) {
      truthFile.write(session.layout().truthFile(), SimulationTruths.of(session.spec()));
    }
  }

  /** The same truth apart from which models are swept and how often attempts fail on purpose. */
  private static boolean sameTruth(SimulationTruth a, SimulationTruth b) {
    return strip(a).equals(strip(b));
  }

  private static SimulationTruth strip(SimulationTruth t) {
    return new SimulationTruth(t.sweep(), t.noise(), t.seed(), 0, t.sizeLaw(), t.c(), t.k(), t.g(), t.s4(), t.b4(),
        t.lambda(), t.eps(), t.supA(), t.riseExponent(), t.baseGeneral(), t.baseDomain(), t.tMaxTokens(), List.of());
  }
}
