package io.cmrsweep.fit.synthetic;

import io.cmrsweep.core.loss.LossRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Loss records from known laws, for tests, benchmarks and calibration studies. The truth is built so
 * the pipeline's model is exactly right: with x = T/T_max, each ratio R has
 * dL_dom = a1 x^s1 (a1 = -(0.2 + 0.6 R), s1 = 0.5) and dL_gen = a2 x^0.3 + a3 x^0.9
 * (a2 = 0.01 + 0.03 R) where a3 is solved so that dF/dT = 0 exactly at x0(R) = ((R - b4)/a4)^(1/s4);
 * the true T0 therefore lie on the CMR law R = a4 x^s4 + b4, the true CMR at the given lambda is
 * a4 + b4, and every ratio stays within eps = 0.05 (sup A = 1). Noise is Gaussian on every loss.
 *
 * @param checkpoints checkpoints with T > 0 per trial, evenly spaced up to T_max (plus T = 0)
 * @param noise standard deviation of the loss noise in nats
 */
public record SyntheticSweep(
    double[] ratios,
    int seeds,
    int checkpoints,
    long tMaxTokens,
    double noise,
    double lambda,
    double a4,
    double s4,
    double b4) {

  public static final double BASE_GENERAL = 2.5;
  public static final double BASE_DOMAIN = 3.1;
  static final double S1 = 0.5;
  static final double S2 = 0.3;
  static final double S3 = 0.9;

  public SyntheticSweep {
    ratios = ratios.clone();
    for (double r : ratios) {
      if (!(r > b4 && r <= 1)) {
        throw new IllegalArgumentException("ratio " + r + " must be in (b4=" + b4 + ", 1] so that its T0 exists");
      }
    }
    if (seeds < 1 || checkpoints < 1 || tMaxTokens < checkpoints || !(noise >= 0) || !(lambda > 0)) {
      throw new IllegalArgumentException("need seeds >= 1, checkpoints >= 1, tMaxTokens >= checkpoints, noise >= 0,"
          + " lambda > 0; got seeds=" + seeds + ", checkpoints=" + checkpoints + ", tMaxTokens=" + tMaxTokens
          + ", noise=" + noise + ", lambda=" + lambda);
    }
  }

  /** Six ratios 0.2 .. 0.7, one seed, 24 checkpoints, T_max = 2e9 tokens, CMR law (0.3, 0.5, 0.08): CMR 0.38. */
  public static SyntheticSweep reference(double noise) {
    return new SyntheticSweep(new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.7}, 1, 24, 2_000_000_000L, noise, 1000,
        0.3, 0.5, 0.08);
  }

  public SyntheticSweep withSeeds(int n) {
    return new SyntheticSweep(ratios, n, checkpoints, tMaxTokens, noise, lambda, a4, s4, b4);
  }

  public SyntheticSweep withCheckpoints(int n) {
    return new SyntheticSweep(ratios, seeds, n, tMaxTokens, noise, lambda, a4, s4, b4);
  }

  public SyntheticSweep withRatios(double... r) {
    return new SyntheticSweep(r, seeds, checkpoints, tMaxTokens, noise, lambda, a4, s4, b4);
  }

  @Override
  public double[] ratios() {
    return ratios.clone();
  }

  public double trueCmr() {
    return Math.max(0, Math.min(1, a4 + b4));
  }

  /** True T0 / T_max of a ratio. */
  public double trueX0(double ratio) {
    return Math.pow((ratio - b4) / a4, 1.0 / s4);
  }

  /** (a1, s1, b1) of the domain token law in T/T_max. */
  public double[] domainLaw(double ratio) {
    return new double[] {-(0.2 + 0.6 * ratio), S1, 0.0};
  }

  /** (a2, s2, a3, s3, b2) of the general token law in T/T_max. */
  public double[] generalLaw(double ratio) {
    double a1 = domainLaw(ratio)[0];
    double a2 = 0.01 + 0.03 * ratio;
    double x0 = trueX0(ratio);
    double domSlope = a1 * S1 * Math.pow(x0, S1 - 1);
    double a3 = -(domSlope / lambda + a2 * S2 * Math.pow(x0, S2 - 1)) / (S3 * Math.pow(x0, S3 - 1));
    return new double[] {a2, S2, a3, S3, 0.0};
  }

  /** All records of one synthetic sweep ("syn"/"dom"/"m1"), reproducible from {@code seed}. */
  public List<LossRecord> records(long seed) {
    Random rng = new Random(seed);
    List<LossRecord> out = new ArrayList<>();
    for (double r : ratios) {
      double[] d = domainLaw(r);
      double[] g = generalLaw(r);
      for (int s = 0; s < seeds; s++) {
        String trial = String.format("syn-r%.3f-s%d", r, s);
        for (int k = 0; k <= checkpoints; k++) {
          long tokens = tMaxTokens / checkpoints * k;
          if (k == checkpoints) {
            tokens = tMaxTokens;
          }
          double x = (double) tokens / tMaxTokens;
          double dg = k == 0 ? 0 : g[0] * Math.pow(x, g[1]) + g[2] * Math.pow(x, g[3]) + g[4];
          double dd = k == 0 ? 0 : d[0] * Math.pow(x, d[1]) + d[2];
          out.add(new LossRecord("syn", trial, "dom", "m1", 460_000_000L, r, s, k * 100L, tokens,
              BASE_GENERAL + dg + noise * rng.nextGaussian(), BASE_DOMAIN + dd + noise * rng.nextGaussian(), 1));
        }
      }
    }
    return out;
  }
}
