package io.cmrsweep.fit.cmr;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.fit.Resampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a group is fitted: the user's {@link FitParameters} (validated in core, the same rules as the sweep
 * spec's {@code fit:} section) plus the engine's own knobs. All token-based knobs are in units of T_max,
 * the largest checkpoint of the group. Every invalid knob is reported at once, naming field, value and fix.
 *
 * @param parameters eps, lambda, level, bootstrap, seed and resampling
 * @param searchCap critical points are searched up to searchCap * T_max (100)
 * @param curveMin smallest point of the CMR-vs-T grid, in T/T_max (0.1)
 * @param curveMax largest point of the CMR-vs-T grid, in T/T_max (10)
 * @param curvePoints points of the log-spaced CMR-vs-T grid (41)
 * @param weightCmrLaw weight the CMR-law points by the delta-method precision of their T0
 * @param minCheckpoints fewest distinct T > 0 checkpoints per ratio (6: the general law has 5 parameters)
 */
public record FitSettings(
    FitParameters parameters,
    double searchCap,
    double curveMin,
    double curveMax,
    int curvePoints,
    boolean weightCmrLaw,
    int minCheckpoints) implements java.io.Serializable {

  /** The lambdas reported beside the main one (the reference study used 100 to 7000). */
  public static final List<Double> REPORTED_LAMBDAS = List.of(100.0, 1000.0, 7000.0);

  /** The log-spaced lambda grid of the sensitivity curve: {@value #LAMBDA_GRID_POINTS} points from 10 to 10^4. */
  static final int LAMBDA_GRID_POINTS = 16;
  static final double LAMBDA_GRID_MIN = 10;
  static final double LAMBDA_GRID_MAX = 1e4;
  /** The eps grid of the sensitivity curve: eps * 2^(k/2) for k = -4..4 (eps / 4 to 4 eps). */
  static final int EPS_GRID_HALF_OCTAVES = 4;

  public FitSettings {
    Objects.requireNonNull(parameters, "parameters is missing; use FitParameters.defaults()");
    List<String> problems = new ArrayList<>();
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
    return of(FitParameters.defaults());
  }

  /** The engine's default knobs with these user parameters. */
  public static FitSettings of(FitParameters parameters) {
    return new FitSettings(parameters, 100, 0.1, 10, 41, true, 6);
  }

  public double eps() {
    return parameters.eps();
  }

  public double lambda() {
    return parameters.lambda();
  }

  public double level() {
    return parameters.level();
  }

  public int bootstrap() {
    return parameters.bootstrap();
  }

  public long seed() {
    return parameters.seed();
  }

  public Resampling resampling() {
    return parameters.resampling();
  }

  public FitSettings withParameters(FitParameters v) {
    return new FitSettings(v, searchCap, curveMin, curveMax, curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withEps(double v) {
    return withParameters(parameters.withEps(v));
  }

  public FitSettings withLambda(double v) {
    return withParameters(parameters.withLambda(v));
  }

  public FitSettings withLevel(double v) {
    return withParameters(parameters.withLevel(v));
  }

  public FitSettings withBootstrap(int v) {
    return withParameters(parameters.withBootstrap(v));
  }

  public FitSettings withSeed(long v) {
    return withParameters(parameters.withSeed(v));
  }

  public FitSettings withResampling(Resampling v) {
    return withParameters(parameters.withResampling(v));
  }

  public FitSettings withSearchCap(double v) {
    return new FitSettings(parameters, v, curveMin, curveMax, curvePoints, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withCurve(double min, double max, int points) {
    return new FitSettings(parameters, searchCap, min, max, points, weightCmrLaw, minCheckpoints);
  }

  public FitSettings withWeightCmrLaw(boolean v) {
    return new FitSettings(parameters, searchCap, curveMin, curveMax, curvePoints, v, minCheckpoints);
  }

  public FitSettings withMinCheckpoints(int v) {
    return new FitSettings(parameters, searchCap, curveMin, curveMax, curvePoints, weightCmrLaw, v);
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

  /**
   * The lambdas of the sensitivity curve, ascending and distinct: the log grid from 10 to 10^4, the
   * {@link #REPORTED_LAMBDAS} and the settings' lambda.
   */
  public double[] lambdaGrid() {
    java.util.TreeSet<Double> grid = new java.util.TreeSet<>(REPORTED_LAMBDAS);
    grid.add(lambda());
    double from = Math.log10(LAMBDA_GRID_MIN);
    double decades = Math.log10(LAMBDA_GRID_MAX) - from;
    for (int i = 0; i < LAMBDA_GRID_POINTS; i++) {
      // Powers of ten come out exact (10^2 = 100), so 100 and 1000 are not doubled by a rounding neighbour.
      grid.add(Math.pow(10, from + decades * i / (LAMBDA_GRID_POINTS - 1)));
    }
    return grid.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The eps values of the sensitivity curve, ascending: eps * 2^(k/2), k = -4..4, so eps itself is one. */
  public double[] epsGrid() {
    double[] grid = new double[2 * EPS_GRID_HALF_OCTAVES + 1];
    for (int k = -EPS_GRID_HALF_OCTAVES; k <= EPS_GRID_HALF_OCTAVES; k++) {
      grid[k + EPS_GRID_HALF_OCTAVES] = k == 0 ? eps() : eps() * Math.pow(2, k / 2.0);
    }
    return grid;
  }
}
