package io.cmrsweep.fit.bootstrap;

import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.Trajectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Resampling around the fitted token laws (RESIDUAL, WILD, BLOCK): every trajectory keeps its checkpoints
 * (so a replicate never loses the early points the general law needs) and its losses become fitted value
 * plus a resampled residual. The general and the domain loss of a checkpoint share one draw, so their
 * correlation survives. Residuals are scaled by sqrt(N / (N - p)) per ratio and law (N points of the
 * ratio, p parameters), because least-squares residuals are smaller than the noise by about that factor.
 * Base points (T = 0) and ratio-0 trajectories stay as measured.
 */
final class ResidualResampling {
  private ResidualResampling() {}

  /** Block length of the moving-block bootstrap for n residuals: about n^(1/3), at least 2. */
  static int blockLength(int n) {
    return Math.max(2, (int) Math.round(Math.cbrt(n)));
  }

  /** A replicate of {@code group} around {@code smooth} (the same group with fitted losses). */
  static Group resample(Group group, Group smooth, Resampling unit, SplittableRandom rng) {
    if (unit != Resampling.RESIDUAL && unit != Resampling.WILD && unit != Resampling.BLOCK) {
      throw new IllegalArgumentException("resampling=" + unit.label() + " does not resample residuals");
    }
    List<Trajectory> observed = group.trajectories();
    List<Trajectory> fitted = smooth.trajectories();
    Map<Double, Integer> points = new HashMap<>();
    for (Trajectory t : observed) {
      int n = 0;
      for (int i = 0; i < t.size(); i++) {
        n += t.tokensAt(i) > 0 ? 1 : 0;
      }
      points.merge(t.ratio(), n, Integer::sum);
    }
    List<Trajectory> out = new ArrayList<>(observed.size());
    for (int k = 0; k < observed.size(); k++) {
      Trajectory t = observed.get(k);
      Trajectory f = fitted.get(k);
      if (t.ratio() <= 0) {
        out.add(t);
        continue;
      }
      int n = points.get(t.ratio());
      double scaleG = inflation(n, CmrPipeline.GENERAL_LAW_PARAMETERS);
      double scaleD = inflation(n, CmrPipeline.DOMAIN_LAW_PARAMETERS);
      int first = t.hasBasePoint() ? 1 : 0;
      int m = t.size() - first;
      double[] g = t.generalLoss();
      double[] d = t.domainLoss();
      int[] source = new int[m];
      double[] weight = new double[m];
      draw(unit, m, rng, source, weight);
      for (int i = 0; i < m; i++) {
        int at = first + i;
        int from = first + source[i];
        g[at] = f.generalAt(at) + weight[i] * scaleG * (t.generalAt(from) - f.generalAt(from));
        d[at] = f.domainAt(at) + weight[i] * scaleD * (t.domainAt(from) - f.domainAt(from));
      }
      out.add(new Trajectory(t.ratio(), t.seed(), t.tokens(), g, d));
    }
    return group.withTrajectories(out);
  }

  /** Which residual (by index among the m T > 0 checkpoints) lands at each checkpoint, and its weight. */
  private static void draw(Resampling unit, int m, SplittableRandom rng, int[] source, double[] weight) {
    java.util.Arrays.fill(weight, 1.0);
    switch (unit) {
      case RESIDUAL -> {
        for (int i = 0; i < m; i++) {
          source[i] = rng.nextInt(m);
        }
      }
      case WILD -> {
        for (int i = 0; i < m; i++) {
          source[i] = i;
          weight[i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
      }
      default -> {
        int len = Math.min(blockLength(m), m);
        int i = 0;
        while (i < m) {
          int start = rng.nextInt(m - len + 1);
          for (int j = 0; j < len && i < m; j++) {
            source[i++] = start + j;
          }
        }
      }
    }
  }

  private static double inflation(int n, int parameters) {
    return n > parameters ? Math.sqrt(n / (double) (n - parameters)) : 1.0;
  }
}
