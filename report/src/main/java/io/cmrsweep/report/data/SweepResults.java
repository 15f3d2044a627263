package io.cmrsweep.report.data;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.CurveRow;
import io.cmrsweep.core.fit.FitResults;
import io.cmrsweep.core.fit.LawRow;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.core.fit.SensitivityParameter;
import io.cmrsweep.core.fit.SensitivityRow;
import java.util.List;
import java.util.Optional;

/** Everything a report shows of one sweep: the fit outputs and the measured trajectories. */
public record SweepResults(String sweep, FitResults fits, List<MeanTrajectory> trajectories) {

  public SweepResults {
    trajectories = List.copyOf(trajectories);
  }

  /** One CMR row per group, in the fit's order. */
  public List<CmrRow> groups() {
    return fits.cmr();
  }

  /** The CMR predicted at the target sizes, per domain and target (empty without fit.predictParams). */
  public List<PredictionRow> predictions() {
    return fits.predictions();
  }

  public List<LawRow> lawsOf(CmrRow g, String law) {
    return fits.laws().stream().filter(l -> sameGroup(g, l.domain(), l.model()) && l.law().equals(law)).toList();
  }

  public Optional<LawRow> tokenLaw(CmrRow g, String law, double ratio) {
    return lawsOf(g, law).stream().filter(l -> Math.abs(l.ratio() - ratio) < 1e-12).findFirst();
  }

  public List<CurveRow> curveOf(CmrRow g) {
    return fits.curves().stream().filter(c -> sameGroup(g, c.domain(), c.model())).toList();
  }

  /** The sensitivity curve of {@code g} over {@code parameter}, in the fit's (ascending) order. */
  public List<SensitivityRow> sensitivityOf(CmrRow g, SensitivityParameter parameter) {
    return fits.sensitivity().stream()
        .filter(s -> sameGroup(g, s.domain(), s.model()) && s.parameter() == parameter).toList();
  }

  public List<MeanTrajectory> trajectoriesOf(CmrRow g) {
    return trajectories.stream().filter(t -> sameGroup(g, t.domain(), t.model())).toList();
  }

  /** {@code domain/model}, how the report names a group. */
  public static String key(CmrRow g) {
    return g.domain() + "/" + g.model();
  }

  private static boolean sameGroup(CmrRow g, String domain, String model) {
    return g.domain().equals(domain) && g.model().equals(model);
  }
}
