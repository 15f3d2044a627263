package io.cmrsweep.fit.truth;

import io.cmrsweep.core.loss.LossRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A known truth over model sizes for simulated sweeps and recovery tests. Per size N the laws are a
 * {@link SizeTruth}: the CMR law keeps s4 and b4 and takes a4(N) = CMR(N) - b4, with CMR(N) from the
 * {@link SizeLaw}, so the true CMR at T_max follows the size law exactly (until sup A caps it). Base losses
 * fall slowly with size: L(M_S) = base * (N/1e9)^(-0.05).
 *
 * @param sizeLaw the CMR at T_max as a function of N
 * @param s4 the CMR-law exponent shared by every size (> 0)
 * @param b4 the CMR-law intercept shared by every size, in [0, 1): ratios in (0, b4] have no truth
 * @param lambda the lambda the laws are built for
 * @param eps the tolerance the general rise is built for
 * @param rise how the general-loss change at T_max depends on R (decides sup A)
 * @param baseGeneral L_gen of a 1e9-parameter base model, nats
 * @param baseDomain L_dom of a 1e9-parameter base model, nats
 */
public record TruthModel(
    SizeLaw sizeLaw,
    double s4,
    double b4,
    double lambda,
    double eps,
    GeneralRise rise,
    double baseGeneral,
    double baseDomain) {

  public TruthModel {
    Objects.requireNonNull(sizeLaw, "sizeLaw");
    Objects.requireNonNull(rise, "rise");
    if (!(s4 > 0 && s4 <= 10) || !(b4 >= 0 && b4 < 1) || !(lambda > 0) || !(eps > 0) || !(baseGeneral > 0)
        || !(baseDomain > 0) || !Double.isFinite(lambda + eps + baseGeneral + baseDomain)) {
      throw new IllegalArgumentException("a truth needs s4 in (0, 10], b4 in [0, 1), lambda > 0, eps > 0 and"
          + " base losses > 0; got s4=" + s4 + ", b4=" + b4 + ", lambda=" + lambda + ", eps=" + eps + ", base=("
          + baseGeneral + ", " + baseDomain + ")");
    }
  }

  /** The default size law, s4 = 0.5, b4 = 0, lambda 1000, eps 0.05, no binding tolerance, base (2.5, 3.1). */
  public static TruthModel defaults() {
    return new TruthModel(SizeLaw.defaults(), 0.5, 0.0, 1000, 0.05, new GeneralRise.Implied(), 2.5, 3.1);
  }

  public TruthModel withRise(GeneralRise r) {
    return new TruthModel(sizeLaw, s4, b4, lambda, eps, r, baseGeneral, baseDomain);
  }

  public TruthModel withSizeLaw(SizeLaw law) {
    return new TruthModel(law, s4, b4, lambda, eps, rise, baseGeneral, baseDomain);
  }

  /** The laws of a model with {@code params} parameters. */
  public SizeTruth at(long params) {
    double scale = Math.pow(params / SizeLaw.UNIT, -0.05);
    return new SizeTruth(params, baseGeneral * scale, baseDomain * scale, sizeLaw.cmr(params) - b4, s4, b4, lambda,
        eps, rise);
  }

  /** The true CMR at T_max of a model of {@code params} parameters, at the built lambda and eps. */
  public double cmr(long params) {
    return at(params).cmr();
  }

  /** The true CMR at T_max at another lambda (and the built eps). */
  public double cmr(long params, double atLambda) {
    return at(params).cmr(atLambda, eps);
  }

  /** True T0 in tokens of a ratio for a size, at the built lambda, for a sweep with this T_max. */
  public double t0Tokens(long params, double ratio, long tMaxTokens) {
    return at(params).x0(ratio) * tMaxTokens;
  }

  /**
   * The loss records of one simulated CPT trial at the given checkpoints (steps[i], tokens[i]; tokens 0 is
   * the base model), with Gaussian noise of standard deviation {@code noise} nats on every loss, drawn from
   * an RNG seeded by ({@code seed}, trial id): the same trial always gives the same records.
   */
  public List<LossRecord> records(SimulatedTrial trial, long tMaxTokens, long[] steps, long[] tokens, double noise,
      long seed) {
    if (steps.length != tokens.length || tMaxTokens <= 0 || !(noise >= 0) || !Double.isFinite(noise)) {
      throw new IllegalArgumentException("need as many steps as tokens, tMaxTokens > 0 and a finite noise >= 0;"
          + " got " + steps.length + " steps, " + tokens.length + " tokens, tMaxTokens=" + tMaxTokens
          + ", noise=" + noise);
    }
    SizeTruth size = at(trial.modelParams());
    SplittableRandom rng = new SplittableRandom(noiseSeed(seed, trial.trialId()));
    List<LossRecord> out = new ArrayList<>(tokens.length);
    for (int i = 0; i < tokens.length; i++) {
      double x = (double) tokens[i] / tMaxTokens;
      double g = size.generalLoss(trial.ratio(), x) + noise * rng.nextGaussian();
      double d = size.domainLoss(trial.ratio(), x) + noise * rng.nextGaussian();
      out.add(new LossRecord(trial.sweep(), trial.trialId(), trial.domain(), trial.model(), trial.modelParams(),
          trial.ratio(), trial.seed(), steps[i], tokens[i], g, d, trial.attempt()));
    }
    return out;
  }

  /** The noise seed of a trial: the simulation seed mixed with a 64-bit FNV-1a hash of the trial id. */
  static long noiseSeed(long seed, String trialId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : trialId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h ^ (seed * 0x9E3779B97F4A7C15L);
  }
}
