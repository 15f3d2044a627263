package io.cmrsweep.report.data;

/**
 * Measured losses of one (domain, model, ratio), averaged over seeds at each checkpoint; non-finite
 * measurements are left out of the mean and counted in {@code nonFinite}.
 */
public record MeanTrajectory(String domain, String model, double ratio, double[] tokens, double[] generalLoss,
    double[] domainLoss, int nonFinite) {

  public MeanTrajectory {
    tokens = tokens.clone();
    generalLoss = generalLoss.clone();
    domainLoss = domainLoss.clone();
  }

  @Override
  public double[] tokens() {
    return tokens.clone();
  }

  @Override
  public double[] generalLoss() {
    return generalLoss.clone();
  }

  @Override
  public double[] domainLoss() {
    return domainLoss.clone();
  }
}
