package io.cmrsweep.report.render;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.simulation.SimulationTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report's SIMULATED parts: a banner, the true CMR beside each estimate, and a line per group. */
final class SimulatedTruth {
  private SimulatedTruth() {}

  static String banner(SimulationTruth t) {
    return String.format(Locale.ROOT, "SIMULATED: this sweep trained no model. Its loss records were drawn from a"
        + " known truth (simulation/truth.json: size law %s with c=%.4g, k=%.4g, g=%.4g; CMR-law exponent %.4g,"
        + " intercept %.4g; built for lambda %.0f, eps %.3g%s; loss noise sd %.3g nats, seed %d). Use it to test the"
        + " method and plan a sweep, never as a measurement.", t.sizeLaw(), t.c(), t.k(), t.g(), t.s4(), t.b4(),
        t.lambda(), t.eps(), t.supA().map(v -> String.format(Locale.ROOT, ", sup A %.4g", v)).orElse(""), t.noise(),
        t.seed());
  }

  static Block.Table table(SimulationTruth t, List<CmrRow> groups) {
    List<List<String>> rows = new ArrayList<>();
    for (CmrRow g : groups) {
      Optional<SimulationTruth.Model> m = t.model(g.model());
      double truth = m.map(SimulationTruth.Model::cmr).orElse(Double.NaN);
      String covered = !Double.isFinite(truth) || !Double.isFinite(g.ciLow()) ? "-"
          : g.ciLow() <= truth && truth <= g.ciHigh() ? "yes" : "no";
      rows.add(List.of(g.domain(), g.model(), Changes.pct(g.cmr()), Changes.pct(truth),
          Double.isFinite(truth) && Double.isFinite(g.cmr())
              ? String.format(Locale.ROOT, "%+.2f pp", 100 * (g.cmr() - truth)) : "-",
          covered, g.status()));
    }
    return new Block.Table(List.of("domain", "model", "CMR (estimate)", "true CMR (simulated)", "error",
        "interval covers truth", "status"), rows);
  }

  static Optional<String> line(SimulationTruth t, CmrRow g) {
    return t.model(g.model()).map(m -> "SIMULATED: true CMR " + Changes.pct(m.cmr()) + " (CMR law "
        + Changes.pct(m.lawCmr()) + ", sup A " + Changes.pct(m.supA()) + ") for " + m.model() + " ("
        + String.format(Locale.ROOT, "%,d", m.params()) + " parameters).");
  }
}
