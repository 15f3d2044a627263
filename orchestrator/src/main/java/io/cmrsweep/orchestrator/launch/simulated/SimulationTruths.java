package io.cmrsweep.orchestrator.launch.simulated;

import io.cmrsweep.core.simulation.SimulationTruth;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.truth.GeneralRise;
import io.cmrsweep.fit.truth.SizeTruth;
import io.cmrsweep.fit.truth.TruthModel;
import io.cmrsweep.orchestrator.spec.SimulationSpec;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The truth.json of a simulated sweep: the truth's parameters and the true CMR of every swept model size. */
public final class SimulationTruths {
  private SimulationTruths() {}

  public static SimulationTruth of(SweepSpec spec) {
    SimulationSpec sim = spec.execution().simulation();
    TruthModel t = sim.truth();
    List<SimulationTruth.Model> models = new ArrayList<>();
    for (ModelShape m : spec.models()) {
      SizeTruth size = t.at(m.parameterCount());
      List<Double> byLambda = FitSettings.REPORTED_LAMBDAS.stream().map(l -> size.cmr(l, t.eps())).toList();
      models.add(new SimulationTruth.Model(m.label(), m.parameterCount(), size.cmr(), size.lawCmr(),
          size.supA(t.eps()), byLambda));
    }
    Optional<Double> supA = t.rise() instanceof GeneralRise.Bounded b ? Optional.of(b.supA()) : Optional.empty();
    double exponent = t.rise() instanceof GeneralRise.Bounded b ? b.exponent() : 0;
    return new SimulationTruth(spec.sweep(), sim.noise(), sim.seed(), sim.failureRate(),
        t.sizeLaw().form().name().toLowerCase(Locale.ROOT), t.sizeLaw().c(), t.sizeLaw().k(), t.sizeLaw().g(), t.s4(),
        t.b4(), t.lambda(), t.eps(), supA, exponent, t.baseGeneral(), t.baseDomain(), spec.cpt().tokens(), models);
  }
}
