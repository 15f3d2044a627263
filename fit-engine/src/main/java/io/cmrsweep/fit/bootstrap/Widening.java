package io.cmrsweep.fit.bootstrap;

import io.cmrsweep.core.fit.Resampling;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The few-cluster correction of the seed-cluster bootstrap (DESIGN 1.1 step 5). Resampling n runs per ratio
 * with replacement gives a spread too small by sqrt((n - 1) / n), and a percentile interval treats that spread
 * as known although it rests on a few runs. Every replicate quantity v is therefore read as
 * {@code center + factor * (v - center)}, with the point estimate as center and
 * {@code factor = t(df, (1 + level) / 2) / z((1 + level) / 2) * sqrt(n / (n - 1))}: n is the fewest seeds of
 * any ratio, and df the Satterthwaite degrees of freedom of the CMR's stratified jackknife variance
 * ({@link ClusterJackknife}), between n - 1 (one ratio decides) and the sum of (seeds - 1) over the ratios
 * (all decide equally). Single-trajectory resampling is not widened (factor 1): the real-data study found
 * its intervals already wider than the seed-to-seed spread.
 *
 * @param resampling the unit the bootstrap resampled (never AUTO)
 * @param runs n, the fewest seeds of any ratio (0 without ratios)
 * @param degreesOfFreedom df of the t quantile; NaN where no widening applies
 * @param factor the widening, 1 where none applies
 */
public record Widening(Resampling resampling, int runs, double degreesOfFreedom, double factor)
    implements java.io.Serializable {

  public Widening {
    if (resampling == Resampling.AUTO) {
      throw new IllegalArgumentException("a widening names the resampling actually used, not auto");
    }
    if (!(factor >= 1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor=" + factor + " must be finite and >= 1");
    }
  }

  /** No widening: the interval is the plain percentile interval. */
  public static Widening none(Resampling resampling, int runs) {
    return new Widening(resampling, runs, Double.NaN, 1);
  }

  /** The seed-cluster widening for {@code runs} >= 2 runs per ratio, t with {@code df} >= 1, at {@code level}. */
  public static Widening seedCluster(int runs, double df, double level) {
    if (runs < 2) {
      throw new IllegalArgumentException("runs=" + runs + " must be >= 2 for the seed-cluster widening");
    }
    if (!(df >= 1) || Double.isInfinite(df)) {
      throw new IllegalArgumentException("df=" + df + " must be finite and >= 1");
    }
    double p = (1 + level) / 2;
    double t = new TDistribution(null, df).inverseCumulativeProbability(p);
    double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(p);
    return new Widening(Resampling.SEED, runs, df, t / z * Math.sqrt(runs / (runs - 1.0)));
  }

  public boolean widens() {
    return factor > 1;
  }

  /** {@code value} read around {@code center}; NaN stays NaN. */
  public double apply(double center, double value) {
    return factor == 1 ? value : center + factor * (value - center);
  }

  /** As {@link #apply}, kept inside [0, 1] (shares: the CMR, its curve, sup A). */
  public double applyToShare(double center, double value) {
    return factor == 1 ? value : Math.min(1, Math.max(0, apply(center, value)));
  }
}
