package io.cmrsweep.fit.adaptive;

import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.Trajectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The interval width of one group and where its variance comes from. The width is the bootstrap percentile
 * interval of the engine ({@link Bootstrap}, B replicates). The share of ratio r is measured by a partial
 * bootstrap that resamples only r's data (its seeds when it has two or more, else its checkpoints) and keeps
 * every other ratio as measured: the spread of those CMRs is what r's noise alone does to the answer. Shares
 * are treated as independent, and one more seed at r divides its share by (n_r + 1) / n_r, as averaging
 * n_r + 1 runs does.
 */
final class WidthModel {
  private static final double Z84 = 0.994457883209753; // normal quantile of 0.84, for a robust sd from quantiles
  private final FitSettings settings;
  private final int replicates;
  private final int partialReplicates;

  FitSettings settings() {
    return settings;
  }

  int replicates() {
    return replicates;
  }

  WidthModel(FitSettings settings, int replicates, int partialReplicates) {
    this.settings = settings.withBootstrap(Math.max(1, replicates));
    this.replicates = replicates;
    this.partialReplicates = partialReplicates;
  }

  /** What the model knows about a group: its width and, when it has one, its per-ratio variance shares. */
  record State(GroupWidth width, TreeMap<Double, Share> shares, Map<Double, Long> runsPerRatio,
      Optional<BootstrapRun> run) {
    static State noData(String name) {
      return new State(new GroupWidth(name, "no data", Double.NaN, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY),
          new TreeMap<>(), Map.of(), Optional.empty());
    }

    Set<Double> measuredRatios() {
      return runsPerRatio.keySet();
    }

    double totalVariance() {
      return shares.values().stream().distinct().mapToDouble(Share::variance).sum();
    }
  }

  /** The variance share of a pool of runs (a measured ratio, and the new ratios scored as more of it). */
  static final class Share {
    double variance;
    int runs;

    Share(double variance, int runs) {
      this.variance = variance;
      this.runs = runs;
    }

    double variance() {
      return variance;
    }

    /** The variance one more run removes. */
    double reduction() {
      return variance / (runs + 1);
    }

    void addRun() {
      variance = variance * runs / (runs + 1);
      runs++;
    }
  }

  State measure(String name, Group group) {
    return measure(name, group, true);
  }

  /** The width alone when {@code shares} is false (no partial bootstraps). */
  State measure(String name, Group group, boolean shares) {
    BootstrapRun run = new Bootstrap(settings).runAll(group, replicates);
    GroupFit point = run.point();
    var s = run.summary();
    // an interpolated CMR (fewer than 3 usable T0 points) has an interval that ignores the law's form
    boolean identified = point.ok() && !point.interpolated() && s.replicates() > 0 && s.failed() * 2 <= s.replicates()
        && Double.isFinite(s.ciLow()) && Double.isFinite(s.ciHigh());
    String status = !point.ok() ? point.status().label()
        : point.interpolated() ? "interpolated: fewer than 3 ratios with a usable T0"
        : !identified ? s.failed() + " of " + s.replicates() + " replicates failed" : point.status().label();
    double width = identified ? s.ciHigh() - s.ciLow() : Double.POSITIVE_INFINITY;
    GroupWidth w = new GroupWidth(name, status, point.cmr(), s.ciLow(), s.ciHigh(), width);
    TreeMap<Double, Share> byRatio = new TreeMap<>();
    Map<Double, Long> runs = new TreeMap<>();
    for (double r : group.ratios()) {
      runs.put(r, (long) group.at(r).size());
    }
    if (identified && shares) {
      CmrPipeline pipeline = new CmrPipeline(settings);
      for (double r : group.ratios()) {
        byRatio.put(r, new Share(partialVariance(pipeline, group, r), group.at(r).size()));
      }
    }
    return new State(w, byRatio, runs, Optional.of(run));
  }

  private double partialVariance(CmrPipeline pipeline, Group group, double ratio) {
    double[] values = new double[partialReplicates];
    int n = 0;
    long bits = Double.doubleToLongBits(ratio);
    for (int b = 0; b < partialReplicates; b++) {
      SplittableRandom rng = new SplittableRandom(settings.seed() ^ group.key().stableHash() ^ (bits * 31 + b));
      GroupFit fit = pipeline.fitReplicate(resampleOne(group, ratio, rng), group.tMax());
      if (fit.ok() && Double.isFinite(fit.cmr())) {
        values[n++] = fit.cmr();
      }
    }
    if (n < 3) {
      // the ratio's own noise breaks the fit: its share is as large as the answer's whole range
      return 0.25;
    }
    double[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    double sd = (Bootstrap.quantile(v, 0.84) - Bootstrap.quantile(v, 0.16)) / (2 * Z84);
    return sd * sd;
  }

  private static Group resampleOne(Group group, double ratio, SplittableRandom rng) {
    List<Trajectory> out = new ArrayList<>();
    List<Trajectory> cell = group.at(ratio);
    for (Trajectory t : group.trajectories()) {
      if (t.ratio() != ratio) {
        out.add(t);
      }
    }
    if (cell.size() >= 2) {
      for (int i = 0; i < cell.size(); i++) {
        out.add(cell.get(rng.nextInt(cell.size())));
      }
    } else {
      for (Trajectory t : cell) {
        out.add(Bootstrap.resampleCheckpoints(t, rng));
      }
    }
    return group.withTrajectories(out);
  }
}
