package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import io.cmrsweep.core.simulation.SimulationTruth;
import io.cmrsweep.core.simulation.SimulationTruthFile;
import io.cmrsweep.orchestrator.launch.simulated.SimulationTruths;
import io.cmrsweep.orchestrator.spec.SimulationSpec;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The SIMULATED labels of plan, sweep, status and fit output: what the backend is and what the truth says. */
final class Simulated {
  private Simulated() {}

  /** One line that cannot be mistaken for a real sweep's output. */
  static String banner(SweepSession s) {
    SimulationSpec sim = s.spec().execution().simulation();
    SimulationTruth truth = SimulationTruths.of(s.spec());
    return String.format(Locale.ROOT, "SIMULATED sweep %s (execution.backend=simulated): no model is trained; loss"
        + " records are drawn from a known truth (noise sd %.3g nats, seed %d, failure rate %.3g); true CMR %s;"
        + " truth in %s", s.spec().sweep(), sim.noise(), sim.seed(), sim.failureRate(),
        truth.models().stream().map(m -> String.format(Locale.ROOT, "%s %.4f", m.model(), m.cmr()))
            .collect(Collectors.joining(", ")), s.layout().truthFile());
  }

  /** The fit's CMR per group beside the truth's, from fits/cmr.json and the spec's truth. */
  static List<String> comparison(SweepSession s) {
    SimulationTruth truth = new SimulationTruthFile(s.hadoopConf()).read(s.layout().truthFile())
        .orElseGet(() -> SimulationTruths.of(s.spec()));
    List<CmrRow> rows = new FitOutputs(s.hadoopConf()).read(s.layout().fitsDir(), FitTable.CMR, FitFormat.JSON);
    List<String> out = new java.util.ArrayList<>();
    out.add("SIMULATED sweep " + s.spec().sweep() + ": estimated vs true CMR (at T_max, lambda "
        + s.spec().fit().parameters().lambda() + ", eps " + s.spec().fit().parameters().eps() + ")");
    if (truth.lambda() != s.spec().fit().parameters().lambda() || truth.eps() != s.spec().fit().parameters().eps()) {
      out.add("note: the truth was built for lambda " + truth.lambda() + ", eps " + truth.eps() + "; TRUE is the CMR"
          + " there, so ERROR also holds the change of lambda or eps");
    }
    out.add(String.format(Locale.ROOT, "%-12s %-10s %9s %19s %9s %10s  %s", "DOMAIN", "MODEL", "ESTIMATE", "CI",
        "TRUE", "ERROR", "STATUS"));
    for (CmrRow r : rows) {
      double t = truth.model(r.model()).map(SimulationTruth.Model::cmr).orElse(Double.NaN);
      if (truth.lambda() != s.spec().fit().parameters().lambda() || truth.eps() != s.spec().fit().parameters().eps()) {
      out.add("note: the truth was built for lambda " + truth.lambda() + ", eps " + truth.eps() + "; TRUE is the CMR"
          + " there, so ERROR also holds the change of lambda or eps");
    }
    out.add(String.format(Locale.ROOT, "%-12s %-10s %9.4f [%8.4f, %8.4f] %9.4f %+10.2e  %s", r.domain(), r.model(),
          r.cmr(), r.ciLow(), r.ciHigh(), t, r.cmr() - t, r.status()));
    }
    return out;
  }
}
