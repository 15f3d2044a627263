package io.cmrsweep.fit.group;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * All trajectories of one (sweep, domain, model), sorted by (ratio, seed), with what was set aside while
 * assembling them. A group may be empty or lack base points: the pipeline reports that as a status.
 */
public record Group(GroupKey key, long modelParams, List<Trajectory> trajectories, InputIssues issues)
    implements java.io.Serializable {

  public Group {
    Objects.requireNonNull(key, "key");
    trajectories = List.copyOf(trajectories);
    Objects.requireNonNull(issues, "issues");
    if (modelParams < 0) {
      throw new IllegalArgumentException("model_params=" + modelParams + " must be >= 0");
    }
  }

  /** Largest tokens over all trajectories; T/T_max is the unit every law is fitted in. */
  public double tMax() {
    double m = 0;
    for (Trajectory t : trajectories) {
      m = Math.max(m, t.maxTokens());
    }
    return m;
  }

  /** The distinct ratios, ascending. */
  public List<Double> ratios() {
    TreeSet<Double> s = new TreeSet<>();
    for (Trajectory t : trajectories) {
      s.add(t.ratio());
    }
    return List.copyOf(s);
  }

  /** The trajectories of one ratio, in seed order. */
  public List<Trajectory> at(double ratio) {
    return trajectories.stream().filter(t -> Double.compare(t.ratio(), ratio) == 0).toList();
  }

  public Group withTrajectories(List<Trajectory> replaced) {
    return new Group(key, modelParams, replaced, issues);
  }
}
