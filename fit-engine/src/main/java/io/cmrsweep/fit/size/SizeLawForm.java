package io.cmrsweep.fit.size;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Candidate forms of the CMR-vs-model-size law (DESIGN 1.1 step 6), in x = ln(N / 1e9) so that the
 * coefficients stay well conditioned. Every form's value is clipped to [0, 1] (a CMR is a share). The
 * two-parameter forms are fitted by least squares on their linearizing transform, the saturating form by
 * a grid over its exponent with linear least squares for the other two (variable projection).
 */
public enum SizeLawForm {
  /** logit(CMR) = a + b x: bounded to (0, 1) by construction; linear in log N where the CMR is mid-range. */
  LOGIT_LINEAR(List.of("a", "b")),
  /** CMR = a + b x, clipped. */
  LOG_LINEAR(List.of("a", "b")),
  /** CMR = a (N / 1e9)^b, clipped. */
  POWER(List.of("a", "b")),
  /** CMR = c - a (N / 1e9)^(-b), b > 0, clipped: approaches the limit c as N grows. */
  SATURATING(List.of("c", "a", "b"));

  /**
   * The form the fit uses for {@code sizes} distinct swept sizes (DESIGN 1.1 step 6, bench/size-bench.sh):
   * saturating from 4 sizes (the most accurate and best-covering form on simulated sweeps of either family,
   * and then checked by one size more than it has parameters), else logit-linear (3 sizes check it, 2 give
   * a labelled two-point line; saturating would pass exactly through 3 and is unstable below them).
   */
  public static SizeLawForm forSizes(int sizes) {
    return sizes >= 4 ? SATURATING : LOGIT_LINEAR;
  }
  /** The reference size of x = ln(N / N0). */
  public static final double N0 = 1e9;
  /** Shares are kept this far inside (0, 1) before a logit or a log. */
  static final double EDGE = 1e-4;

  private final List<String> parameterNames;

  SizeLawForm(List<String> parameterNames) {
    this.parameterNames = parameterNames;
  }

  public List<String> parameterNames() {
    return parameterNames;
  }

  public int parameterCount() {
    return parameterNames.size();
  }

  /** {@code logit_linear}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SizeLawForm> parse(String label) {
    for (SizeLawForm f : values()) {
      if (f.label().equals(label)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The law with parameters {@code p} at {@code params} parameters, in [0, 1]. */
  public double value(double[] p, double params) {
    double x = Math.log(params / N0);
    double v = switch (this) {
      case LOGIT_LINEAR -> 1 / (1 + Math.exp(-(p[0] + p[1] * x)));
      case LOG_LINEAR -> p[0] + p[1] * x;
      case POWER -> p[0] * Math.exp(p[1] * x);
      case SATURATING -> p[0] - p[1] * Math.exp(-p[2] * x);
    };
    return Double.isNaN(v) ? v : Math.min(1, Math.max(0, v));
  }

  /**
   * Least-squares parameters through the points (params[i], cmr[i]); empty when the points cannot
   * determine them (fewer distinct sizes than parameters, non-finite input or result).
   */
  public Optional<double[]> fit(double[] params, double[] cmr) {
    int n = params.length;
    if (cmr.length != n || distinct(params) < parameterCount()) {
      return Optional.empty();
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(params[i] > 0) || !Double.isFinite(cmr[i])) {
        return Optional.empty();
      }
      x[i] = Math.log(params[i] / N0);
    }
    double[] p = switch (this) {
      case LOGIT_LINEAR -> line(x, transform(cmr, c -> Math.log(c / (1 - c))));
      case LOG_LINEAR -> line(x, cmr.clone());
      case POWER -> {
        double[] l = line(x, transform(cmr, Math::log));
        yield new double[] {Math.exp(l[0]), l[1]};
      }
      case SATURATING -> saturating(x, cmr);
    };
    for (double v : p) {
      if (!Double.isFinite(v)) {
        return Optional.empty();
      }
    }
    return Optional.of(p);
  }

  private static double[] transform(double[] cmr, java.util.function.DoubleUnaryOperator f) {
    double[] y = new double[cmr.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = f.applyAsDouble(Math.min(1 - EDGE, Math.max(EDGE, cmr[i])));
    }
    return y;
  }

  /** Ordinary least squares y = a + b x. */
  static double[] line(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= x.length;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    double b = sxy / sxx;
    return new double[] {my - b * mx, b};
  }

  /**
   * c - a e^(-b x): for each b on a log grid, (c, a) by least squares; the best b is then refined by a
   * golden-section search between its grid neighbours.
   */
  private static double[] saturating(double[] x, double[] y) {
    int steps = 400;
    int bestK = -1;
    double bestSse = Double.POSITIVE_INFINITY;
    for (int k = 0; k <= steps; k++) {
      double sse = sse(x, y, exponent(k, steps));
      if (sse < bestSse) {
        bestSse = sse;
        bestK = k;
      }
    }
    if (bestK < 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double lo = exponent(Math.max(0, bestK - 1), steps);
    double hi = exponent(Math.min(steps, bestK + 1), steps);
    double g = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 100; i++) {
      double m1 = hi - g * (hi - lo);
      double m2 = lo + g * (hi - lo);
      if (sse(x, y, m1) <= sse(x, y, m2)) {
        hi = m2;
      } else {
        lo = m1;
      }
    }
    double b = (lo + hi) / 2;
    double[] l = line(z(x, b), y);
    return new double[] {l[0], l[1], b};
  }

  private static double exponent(int k, int steps) {
    return 0.005 * Math.pow(1000, k / (double) steps);
  }

  private static double[] z(double[] x, double b) {
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = -Math.exp(-b * x[i]);
    }
    return z;
  }

  /** Squared error of the best (c, a) at exponent b (a < 0 is a CMR falling towards c as size grows). */
  private static double sse(double[] x, double[] y, double b) {
    double[] z = z(x, b);
    double[] l = line(z, y);
    double sse = 0;
    for (int i = 0; i < x.length; i++) {
      double r = y[i] - (l[0] + l[1] * z[i]);
      sse += r * r;
    }
    return sse;
  }

  static int distinct(double[] v) {
    return (int) java.util.Arrays.stream(v).distinct().count();
  }
}
