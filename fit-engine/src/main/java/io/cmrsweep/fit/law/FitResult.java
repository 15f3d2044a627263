package io.cmrsweep.fit.law;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of fitting one law: parameters, goodness of fit, optimizer effort, and the parameter
 * covariance (sigma^2 (J'WJ)^-1, row-major p x p, all NaN when it could not be computed). A failed fit
 * has {@code converged == false}, NaN parameters and a {@code failure} text; it is a value, not an
 * exception. Arrays are copied in and out.
 */
public record FitResult(
    String law,
    List<String> parameterNames,
    double[] parameters,
    double r2,
    double rmse,
    int points,
    int iterations,
    int evaluations,
    boolean converged,
    double[] covariance,
    String failure) implements java.io.Serializable {

  public FitResult {
    Objects.requireNonNull(law, "law");
    parameterNames = List.copyOf(parameterNames);
    parameters = parameters.clone();
    covariance = covariance.clone();
    Objects.requireNonNull(failure, "failure");
    int p = parameterNames.size();
    if (parameters.length != p) {
      throw new IllegalArgumentException("parameters has " + parameters.length + " values but law " + law
          + " names " + p + " parameters " + parameterNames);
    }
    if (covariance.length != p * p) {
      throw new IllegalArgumentException("covariance has " + covariance.length + " values; expected " + p * p);
    }
    if (converged != failure.isEmpty()) {
      throw new IllegalArgumentException("a converged fit has an empty failure text and a failed fit a non-empty"
          + " one; got converged=" + converged + ", failure='" + failure + "'");
    }
  }

  static FitResult failed(LawModel model, int points, int iterations, int evaluations, String why) {
    double[] nan = new double[model.parameterCount()];
    Arrays.fill(nan, Double.NaN);
    double[] cov = new double[nan.length * nan.length];
    Arrays.fill(cov, Double.NaN);
    return new FitResult(model.name(), model.parameterNames(), nan, Double.NaN, Double.NaN, points, iterations,
        evaluations, false, cov, why);
  }

  @Override
  public double[] parameters() {
    return parameters.clone();
  }

  @Override
  public double[] covariance() {
    return covariance.clone();
  }

  /** Parameter i without copying the array. */
  public double parameter(int i) {
    return parameters[i];
  }

  /** Covariance of parameters i and j. */
  public double covariance(int i, int j) {
    return covariance[i * parameters.length + j];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FitResult f && law.equals(f.law) && parameterNames.equals(f.parameterNames)
        && Arrays.equals(parameters, f.parameters) && Double.compare(r2, f.r2) == 0
        && Double.compare(rmse, f.rmse) == 0 && points == f.points && iterations == f.iterations
        && evaluations == f.evaluations && converged == f.converged && Arrays.equals(covariance, f.covariance)
        && failure.equals(f.failure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(law, Arrays.hashCode(parameters), r2, rmse, converged);
  }

  @Override
  public String toString() {
    return law + Arrays.toString(parameters) + " r2=" + r2 + " rmse=" + rmse
        + (converged ? "" : " failed: " + failure);
  }
}
