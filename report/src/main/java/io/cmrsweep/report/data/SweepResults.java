package io.cmrsweep.report.data;

import java.util.List;
import java.util.Optional;

/** Everything a report shows of one sweep: fits, laws, curves and measured trajectories. */
public record SweepResults(String sweep, List<GroupResult> groups, List<LawCurve> laws, List<CurvePoint> curves,
    List<MeanTrajectory> trajectories) {

  public SweepResults {
    groups = List.copyOf(groups);
    laws = List.copyOf(laws);
    curves = List.copyOf(curves);
    trajectories = List.copyOf(trajectories);
  }

  public List<LawCurve> lawsOf(GroupResult g, String law) {
    return laws.stream().filter(l -> l.domain().equals(g.domain()) && l.model().equals(g.model())
        && l.law().equals(law)).toList();
  }

  public Optional<LawCurve> tokenLaw(GroupResult g, String law, double ratio) {
    return lawsOf(g, law).stream().filter(l -> Math.abs(l.ratio() - ratio) < 1e-12).findFirst();
  }

  public List<CurvePoint> curveOf(GroupResult g) {
    return curves.stream().filter(c -> c.domain().equals(g.domain()) && c.model().equals(g.model())).toList();
  }

  public List<MeanTrajectory> trajectoriesOf(GroupResult g) {
    return trajectories.stream().filter(t -> t.domain().equals(g.domain()) && t.model().equals(g.model())).toList();
  }
}
