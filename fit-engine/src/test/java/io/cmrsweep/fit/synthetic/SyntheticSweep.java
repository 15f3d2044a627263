package io.cmrsweep.fit.synthetic;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.truth.GeneralRise;
import io.cmrsweep.fit.truth.SizeTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Loss records of one model size from known laws, for tests, benchmarks and calibration studies. The laws
 * are {@link SizeTruth}'s (built so the pipeline's model is exactly right; the true T0 lie on the CMR law
 * R = a4 x^s4 + b4 and the true CMR at the given lambda is a4 + b4; with these ratios every one stays within
 * eps = 0.05, so sup A = 1). Noise is Gaussian on every loss, one stream from {@code seed} for the sweep.
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
  public static final long MODEL_PARAMS = 460_000_000L;

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

  /** The laws of this sweep's single model size: the one truth definition, {@link SizeTruth}. */
  public SizeTruth truth() {
    return new SizeTruth(MODEL_PARAMS, BASE_GENERAL, BASE_DOMAIN, a4, s4, b4, lambda, 0.05, new GeneralRise.Implied());
  }

  public double trueCmr() {
    return truth().lawCmr();
  }

  /** True T0 / T_max of a ratio. */
  public double trueX0(double ratio) {
    return truth().x0(ratio);
  }

  /** (a1, s1, b1) of the domain token law in T/T_max. */
  public double[] domainLaw(double ratio) {
    return truth().domainLaw(ratio);
  }

  /** (a2, s2, a3, s3, b2) of the general token law in T/T_max. */
  public double[] generalLaw(double ratio) {
    return truth().generalLaw(ratio);
  }

  /** All records of one synthetic sweep ("syn"/"dom"/"m1"), reproducible from {@code seed}. */
  public List<LossRecord> records(long seed) {
    Random rng = new Random(seed);
    SizeTruth truth = truth();
    List<LossRecord> out = new ArrayList<>();
    for (double r : ratios) {
      for (int s = 0; s < seeds; s++) {
        String trial = String.format("syn-r%.3f-s%d", r, s);
        for (int k = 0; k <= checkpoints; k++) {
          long tokens = tMaxTokens / checkpoints * k;
          if (k == checkpoints) {
            tokens = tMaxTokens;
          }
          double x = (double) tokens / tMaxTokens;
          out.add(new LossRecord("syn", trial, "dom", "m1", MODEL_PARAMS, r, s, k * 100L, tokens,
              truth.generalLoss(r, x) + noise * rng.nextGaussian(), truth.domainLoss(r, x) + noise * rng.nextGaussian(),
              1));
        }
      }
    }
    return out;
  }
}
