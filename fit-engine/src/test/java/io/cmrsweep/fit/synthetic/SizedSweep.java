package io.cmrsweep.fit.synthetic;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.truth.SimulatedTrial;
import io.cmrsweep.fit.truth.TruthModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loss records of a simulated sweep over several model sizes from a known {@link TruthModel}: one group
 * ("syn", domain, "m&lt;i&gt;") per size, every ratio and seed, checkpoints evenly spaced up to T_max, Gaussian
 * noise per loss seeded by (seed, trial id). The true CMR of each size, and at any target size, is the
 * truth's {@link TruthModel#cmr(long)}.
 */
public record SizedSweep(TruthModel truth, String domain, long[] sizes, double[] ratios, int seeds, int checkpoints,
    long tMaxTokens, double noise) {

  public SizedSweep {
    sizes = sizes.clone();
    ratios = ratios.clone();
  }

  /** Four sizes 150M..1.2B of the default truth (CMR 0.25..0.41), ratios 0.1..0.7, 24 checkpoints. */
  public static SizedSweep reference(double noise) {
    return new SizedSweep(TruthModel.defaults(), "dom", new long[] {150_000_000L, 300_000_000L, 600_000_000L,
        1_200_000_000L}, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}, 1, 24, 2_000_000_000L, noise);
  }

  public SizedSweep withTruth(TruthModel t) {
    return new SizedSweep(t, domain, sizes, ratios, seeds, checkpoints, tMaxTokens, noise);
  }

  public SizedSweep withSizes(long... s) {
    return new SizedSweep(truth, domain, s, ratios, seeds, checkpoints, tMaxTokens, noise);
  }

  public SizedSweep withDomain(String d) {
    return new SizedSweep(truth, d, sizes, ratios, seeds, checkpoints, tMaxTokens, noise);
  }

  @Override
  public long[] sizes() {
    return sizes.clone();
  }

  /** The model label of size i. */
  public static String model(int i) {
    return "m" + i;
  }

  public List<LossRecord> records(long seed) {
    long[] steps = new long[checkpoints + 1];
    long[] tokens = new long[checkpoints + 1];
    for (int k = 0; k <= checkpoints; k++) {
      steps[k] = k * 100L;
      tokens[k] = k == checkpoints ? tMaxTokens : tMaxTokens / checkpoints * k;
    }
    List<LossRecord> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      for (double r : ratios) {
        for (int s = 0; s < seeds; s++) {
          String id = String.format(Locale.ROOT, "syn-%s-%s-r%.3f-s%d", domain, model(i), r, s);
          SimulatedTrial trial = new SimulatedTrial("syn", id, domain, model(i), sizes[i], r, s, 1);
          out.addAll(truth.records(trial, tMaxTokens, steps, tokens, noise, seed));
        }
      }
    }
    return out;
  }
}
