package io.cmrsweep.report.data;

/**
 * Measured losses of one (domain, model, ratio), averaged over seeds at each checkpoint; non-finite
 * measurements are left out of the mean and counted in {@code nonFinite}. Losses are nats per token of the
 * sweep's tokenizer; the bits-per-byte means are NaN where the loss files do not carry them.
 */
public record MeanTrajectory(String domain, String model, double ratio, double[] tokens, double[] generalLoss,
    double[] domainLoss, double[] generalBitsPerByte, double[] domainBitsPerByte, int nonFinite) {

  public MeanTrajectory {
    tokens = tokens.clone();
    generalLoss = generalLoss.clone();
    domainLoss = domainLoss.clone();
    generalBitsPerByte = generalBitsPerByte.clone();
    domainBitsPerByte = domainBitsPerByte.clone();
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

  @Override
  public double[] generalBitsPerByte() {
    return generalBitsPerByte.clone();
  }

  @Override
  public double[] domainBitsPerByte() {
    return domainBitsPerByte.clone();
  }
}
