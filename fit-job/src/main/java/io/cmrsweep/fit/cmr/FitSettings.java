package io.cmrsweep.fit.cmr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a group is fitted. All token-based knobs are in units of T_max, the largest checkpoint of the
 * group. Every invalid value is reported at once, each naming the field, the value and the fix.
 *
 * @param eps tolerance on the general-loss rise in nats (DESIGN 1: 0.05)
 * @param lambda weight of the general loss in F (1000)
 * @param level confidence level of the percentile interval (0.95)
 * @param bootstrap number of bootstrap replicates B (1000)
 * @param seed root seed of every replicate's random generator
 * @param resampling bootstrap resampling unit
 * @param searchCap critical points are searched up to searchCap * T_max (100)
 * @param curveMin smallest point of the CMR-vs-T grid, in T/T_max (0.1)
 * @param curveMax largest point of the CMR-vs-T grid, in T/T_max (10)
 * @param curvePoints points of the log-spaced CMR-vs-T grid (41)
 * @param weightCmrLaw weight the CMR-law points by the delta-method precision of their T0
 * @param minCheckpoints fewest distinct T > 0 checkpoints per ratio (6: the general law has 5 parameters)
 */
public record FitSettings(
    double eps,
    double lambda,
    double level,
    int bootstrap,
    long seed,
    Resampling resampling,
    double searchCap,
    double curveMin,
    double curveMax,
    int curvePoints,
    boolean weightCmrLaw,
    int minCheckpoints) implements java.io.Serializable {

  /** The lambdas reported beside the main one (the reference study used 100 to 7000). */
  public static final List<Double> REPORTED_LAMBDAS = List.of(100.0, 1000.0, 7000.0);

  public FitSettings {
    Objects.requireNonNull(resampling, "resampling is missing; use Resampling.AUTO");
    List<String> problems = new ArrayList<>();
    if (!(eps >= 0 && Double.isFinite(eps))) {
      problems.add("eps=" + eps + " must be a finite tolerance >= 0 in nats; use e.g. 0.05");
    }
    if (!(lambda > 0 && Double.isFinite(lambda))) {
      problems.add("lambda=" + lambda + " must be a finite weight > 0; use e.g. 1000");
    }
    if (!(level > 0 && level < 1)) {
      problems.add("level=" + level + " must be in (0, 1); use e.g. 0.95");
    }
    if (bootstrap < 0) {
      problems.add("bootstrap=" + bootstrap + " must be >= 0 replicates; use e.g. 1000 (0 = point estimate only)");
    }
    if (!(searchCap > 1 && Double.isFinite(searchCap))) {
      problems.add("searchCap=" + searchCap + " must be a finite multiple of T_max > 1; use e.g. 100");
    }
    if (!(curveMin > 0 && curveMin < curveMax && Double.isFinite(curveMax))) {
      problems.add("curveMin=" + curveMin + ", curveMax=" + curveMax
          + " must satisfy 0 < curveMin < curveMax < inf (units of T_max); use e.g. 0.1 and 10");
    }
    if (curvePoints < 2) {
      problems.add("curvePoints=" + curvePoints + " must be >= 2; use e.g. 41");
    }
    if (minCheckpoints < 6) {
      problems.add("minCheckpoints=" + minCheckpoints
          + " must be >= 6 (the general token law has 5 parameters); use e.g. 6");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid fit settings: " + String.join("; ", problems));
    }
  }

  public static FitSettings defaults() {
    return new FitSettings(0.05, 1000, 0.95, 1000, 20260101L, Resampling.AUTO, 100, 0.1, 10, 41, true, 6);
  }

  public FitSettings withEps(double v) {
    return new FitSettings(v, lambda, level, bootstrap, seed, resampling, searchCap, curveMin, curveMax,
        curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withLambda(double v) {
    return new FitSettings(eps, v, level, bootstrap, seed, resampling, searchCap, curveMin, curveMax,
        curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withLevel(double v) {
    return new FitSettings(eps, lambda, v, bootstrap, seed, resampling, searchCap, curveMin, curveMax,
        curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withBootstrap(int v) {
    return new FitSettings(eps, lambda, level, v, seed, resampling, searchCap, curveMin, curveMax,
        curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withSeed(long v) {
    return new FitSettings(eps, lambda, level, bootstrap, v, resampling, searchCap, curveMin, curveMax,
        curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withResampling(Resampling v) {
    return new FitSettings(eps, lambda, level, bootstrap, seed, v, searchCap, curveMin, curveMax,
        curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withSearchCap(double v) {
    return new FitSettings(eps, lambda, level, bootstrap, seed, resampling, v, curveMin, curveMax,
        curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withCurve(double min, double max, int points) {
    return new FitSettings(eps, lambda, level, bootstrap, seed, resampling, searchCap, min, max, points,
        weightCmrLaw, minCheckpoints);
  }

  public FitSettings withWeightCmrLaw(boolean v) {
    return new FitSettings(eps, lambda, level, bootstrap, seed, resampling, searchCap, curveMin, curveMax,
        curvePoints, v, minCheckpoints);
  }

  public FitSettings withMinCheckpoints(int v) {
    return new FitSettings(eps, lambda, level, bootstrap, seed, resampling, searchCap, curveMin, curveMax,
        curvePoints, weightCmrLaw, v);
  }

  /** The CMR-vs-T grid in units of T_max: curvePoints log-spaced values from curveMin to curveMax. */
  public double[] curveGrid() {
    double[] g = new double[curvePoints];
    double lr = Math.log(curveMax / curveMin);
    for (int i = 0; i < curvePoints; i++) {
      g[i] = curveMin * Math.exp(lr * i / (curvePoints - 1));
    }
    g[curvePoints - 1] = curveMax;
    return g;
  }
}
