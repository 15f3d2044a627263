package io.cmrsweep.report.data;

import java.util.List;

/**
 * A fitted law from fits/laws.json, in the DESIGN 1.1 form: a sum of power terms plus a constant,
 * {@code f(x) = sum_i a_i x^s_i + b} with parameters (a_1, s_1, ..., a_k, s_k, b) and x = T / T_max for the
 * token laws. {@code ratio} is NaN for the ratio and CMR laws.
 */
public record LawCurve(String domain, String model, String law, double ratio, List<Double> parameters, double r2,
    boolean converged) {

  public LawCurve {
    parameters = List.copyOf(parameters);
  }

  /** f(x); NaN when the law has no usable parameters (an odd count: pairs then the constant). */
  public double value(double x) {
    int n = parameters.size();
    if (n == 0 || n % 2 == 0) {
      return Double.NaN;
    }
    double sum = parameters.get(n - 1);
    for (int i = 0; i + 1 < n; i += 2) {
      sum += parameters.get(i) * Math.pow(x, parameters.get(i + 1));
    }
    return sum;
  }
}
