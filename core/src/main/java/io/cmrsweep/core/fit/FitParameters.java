package io.cmrsweep.core.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The fit parameters a user chooses, in the sweep spec's {@code fit:} section and on the fit job's
 * command line alike (DESIGN 1.1, 3.4). Both read them under the same keys ({@link #EPS}, ...) and
 * validate them with {@link #problems}, so the spec and the fit job cannot disagree on what is allowed.
 *
 * @param eps tolerance on the general-loss rise in nats, > 0 (a zero tolerance makes the tolerance set degenerate)
 * @param lambda weight of the general loss in F(R, T), > 0
 * @param level confidence level of the percentile interval, in (0, 1)
 * @param bootstrap bootstrap replicates per group, >= 0 (0 = point estimate only)
 * @param seed root seed of every replicate's random generator
 * @param resampling bootstrap resampling unit
 */
public record FitParameters(double eps, double lambda, double level, int bootstrap, long seed, Resampling resampling)
    implements Serializable {

  public static final String EPS = "eps";
  public static final String LAMBDA = "lambda";
  public static final String LEVEL = "level";
  public static final String BOOTSTRAP = "bootstrap";
  public static final String SEED = "seed";
  public static final String RESAMPLING = "resampling";
  /** The most bootstrap replicates a fit may ask for. */
  public static final int MAX_BOOTSTRAP = 100_000;

  /** Names a field in the caller's vocabulary: the spec says {@code fit.eps}, the command line {@code --eps}. */
  public static final UnaryOperator<String> PLAIN = UnaryOperator.identity();

  public FitParameters {
    List<String> problems = problems(eps, lambda, level, bootstrap, resampling, PLAIN);
    if (!problems.isEmpty()) {
      throw new FitParametersException(problems);
    }
  }

  /** DESIGN 1: eps 0.05 nats, lambda 1000, 95 % interval, 1000 replicates, automatic resampling. */
  public static FitParameters defaults() {
    return new FitParameters(0.05, 1000, 0.95, 1000, 20260101L, Resampling.AUTO);
  }

  /**
   * Validated parameters, or a {@link FitParametersException} listing every problem with its field named
   * by {@code field} (e.g. {@code k -> "fit." + k} or {@code k -> "--" + k}).
   */
  public static FitParameters of(double eps, double lambda, double level, int bootstrap, long seed,
      Resampling resampling, UnaryOperator<String> field) {
    List<String> problems = problems(eps, lambda, level, bootstrap, resampling, field);
    if (!problems.isEmpty()) {
      throw new FitParametersException(problems);
    }
    return new FitParameters(eps, lambda, level, bootstrap, seed, resampling);
  }

  /** Every problem of these values, each naming its field (through {@code field}), the value and the fix. */
  public static List<String> problems(double eps, double lambda, double level, int bootstrap, Resampling resampling,
      UnaryOperator<String> field) {
    List<String> problems = new ArrayList<>();
    if (!(eps > 0 && Double.isFinite(eps))) {
      problems.add(field.apply(EPS) + "=" + eps + " must be a finite tolerance > 0 in nats (a zero tolerance"
          + " makes the tolerance set degenerate); use e.g. 0.05");
    }
    if (!(lambda > 0 && Double.isFinite(lambda))) {
      problems.add(field.apply(LAMBDA) + "=" + lambda + " must be a finite weight > 0; use e.g. 1000");
    }
    if (!(level > 0 && level < 1)) {
      problems.add(field.apply(LEVEL) + "=" + level + " must be in (0, 1); use e.g. 0.95 for 95 %");
    }
    if (bootstrap < 0) {
      problems.add(field.apply(BOOTSTRAP) + "=" + bootstrap
          + " must be >= 0 replicates; use e.g. 1000 (0 = point estimate only)");
    } else if (bootstrap > MAX_BOOTSTRAP) {
      problems.add(field.apply(BOOTSTRAP) + "=" + bootstrap + " exceeds the maximum of " + MAX_BOOTSTRAP
          + " replicates; use e.g. 1000 (intervals settle long before 100000)");
    }
    if (resampling == null) {
      problems.add(field.apply(RESAMPLING) + " is missing; use " + Resampling.allowed());
    }
    return problems;
  }

  /**
   * These parameters as fit-job options, under the same keys the spec uses:
   * {@code --eps E --lambda L --level C --bootstrap B --seed S --resampling R}.
   */
  public List<String> arguments() {
    return List.of("--" + BOOTSTRAP, Integer.toString(bootstrap), "--" + LEVEL, Double.toString(level),
        "--" + EPS, Double.toString(eps), "--" + LAMBDA, Double.toString(lambda), "--" + SEED, Long.toString(seed),
        "--" + RESAMPLING, resampling.label());
  }

  public FitParameters withEps(double v) {
    return new FitParameters(v, lambda, level, bootstrap, seed, resampling);
  }

  public FitParameters withLambda(double v) {
    return new FitParameters(eps, v, level, bootstrap, seed, resampling);
  }

  public FitParameters withLevel(double v) {
    return new FitParameters(eps, lambda, v, bootstrap, seed, resampling);
  }

  public FitParameters withBootstrap(int v) {
    return new FitParameters(eps, lambda, level, v, seed, resampling);
  }

  public FitParameters withSeed(long v) {
    return new FitParameters(eps, lambda, level, bootstrap, v, resampling);
  }

  public FitParameters withResampling(Resampling v) {
    return new FitParameters(eps, lambda, level, bootstrap, seed, v);
  }
}
