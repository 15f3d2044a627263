package io.cmrsweep.fit.bootstrap;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.Sensitivity;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The pointwise bootstrap bands of the CMR over the lambda and eps grids of {@link FitSettings} (read through
 * the group's {@link Widening} around the point fit's values), and the
 * share of all replicates in which the tolerance bound sup A decided at each grid point.
 */
public record SensitivityBands(
    double[] lambdaLow,
    double[] lambdaHigh,
    double[] lambdaSupAShare,
    double[] epsLow,
    double[] epsHigh,
    double[] epsSupAShare) implements java.io.Serializable {

  public SensitivityBands {
    lambdaLow = lambdaLow.clone();
    lambdaHigh = lambdaHigh.clone();
    lambdaSupAShare = lambdaSupAShare.clone();
    epsLow = epsLow.clone();
    epsHigh = epsHigh.clone();
    epsSupAShare = epsSupAShare.clone();
    if (lambdaHigh.length != lambdaLow.length || lambdaSupAShare.length != lambdaLow.length
        || epsHigh.length != epsLow.length || epsSupAShare.length != epsLow.length) {
      throw new IllegalArgumentException("each grid's low, high and share arrays must have the same length");
    }
  }

  static SensitivityBands of(List<Replicate> replicates, Sensitivity point, Widening widening, FitSettings settings,
      double lo, double hi) {
    int nl = settings.lambdaGrid().length;
    int ne = settings.epsGrid().length;
    double[][] lambda = bands(replicates, nl, lo, hi, widening, point.lambdaCmr(), s -> s.lambdaCmr(),
        s -> s.lambdaBinding());
    double[][] eps = bands(replicates, ne, lo, hi, widening, point.epsCmr(), s -> s.epsCmr(), s -> s.epsBinding());
    return new SensitivityBands(lambda[0], lambda[1], lambda[2], eps[0], eps[1], eps[2]);
  }

  private static double[][] bands(List<Replicate> replicates, int n, double lo, double hi, Widening widening,
      double[] centers, Function<Sensitivity, double[]> values, Function<Sensitivity, Binding[]> bindings) {
    double[][] out = new double[3][n];
    double[][] columns = new double[n][replicates.size()];
    int[] counts = new int[n];
    int[] supA = new int[n];
    for (Replicate r : replicates) {
      double[] v = values.apply(r.sensitivity());
      Binding[] b = bindings.apply(r.sensitivity());
      for (int i = 0; i < n && i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          columns[i][counts[i]++] = v[i];
        }
        supA[i] += b[i] == Binding.SUP_A ? 1 : 0;
      }
    }
    for (int i = 0; i < n; i++) {
      double[] sorted = Arrays.copyOf(columns[i], counts[i]);
      Arrays.sort(sorted);
      double center = Bootstrap.centerOf(i < centers.length ? centers[i] : Double.NaN, sorted);
      out[0][i] = widening.applyToShare(center, Bootstrap.quantile(sorted, lo));
      out[1][i] = widening.applyToShare(center, Bootstrap.quantile(sorted, hi));
      out[2][i] = replicates.isEmpty() ? Double.NaN : supA[i] / (double) replicates.size();
    }
    return out;
  }

  @Override
  public double[] lambdaLow() {
    return lambdaLow.clone();
  }

  @Override
  public double[] lambdaHigh() {
    return lambdaHigh.clone();
  }

  @Override
  public double[] lambdaSupAShare() {
    return lambdaSupAShare.clone();
  }

  @Override
  public double[] epsLow() {
    return epsLow.clone();
  }

  @Override
  public double[] epsHigh() {
    return epsHigh.clone();
  }

  @Override
  public double[] epsSupAShare() {
    return epsSupAShare.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SensitivityBands s && Arrays.equals(lambdaLow, s.lambdaLow)
        && Arrays.equals(lambdaHigh, s.lambdaHigh) && Arrays.equals(lambdaSupAShare, s.lambdaSupAShare)
        && Arrays.equals(epsLow, s.epsLow) && Arrays.equals(epsHigh, s.epsHigh)
        && Arrays.equals(epsSupAShare, s.epsSupAShare);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(lambdaLow), Arrays.hashCode(epsLow));
  }
}
