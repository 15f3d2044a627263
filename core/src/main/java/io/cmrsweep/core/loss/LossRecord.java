package io.cmrsweep.core.loss;

import java.util.Objects;

/**
 * One validation measurement of one trial at one checkpoint (DESIGN 3.1). Losses are validation
 * cross-entropy in nats per token of the trial's tokenizer; the same losses in bits per UTF-8 byte of the
 * scored text ({@code generalBitsPerByte}, {@code domainBitsPerByte}) compare across tokenizers, and are NaN
 * in files written before they existed. NaN or infinite losses are legal values (a diverged run) that the
 * fit reports rather than crashes on. Everything else is checked here.
 */
public record LossRecord(
    String sweep,
    String trialId,
    String domain,
    String model,
    long modelParams,
    double ratio,
    int seed,
    long step,
    long tokens,
    double generalLoss,
    double domainLoss,
    int attempt,
    double generalBitsPerByte,
    double domainBitsPerByte) {

  /** A record without the bits-per-byte columns (NaN), as files written before them read. */
  public LossRecord(String sweep, String trialId, String domain, String model, long modelParams, double ratio,
      int seed, long step, long tokens, double generalLoss, double domainLoss, int attempt) {
    this(sweep, trialId, domain, model, modelParams, ratio, seed, step, tokens, generalLoss, domainLoss, attempt,
        Double.NaN, Double.NaN);
  }

  public LossRecord {
    requireText("sweep", sweep);
    requireText("trial_id", trialId);
    requireText("domain", domain);
    requireText("model", model);
    if (modelParams < 0) {
      throw new IllegalArgumentException("model_params=" + modelParams + " must be >= 0");
    }
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException(
          "ratio=" + ratio + " must be a domain share in [0, 1]; write e.g. 0.25 for 25 %");
    }
    if (step < 0) {
      throw new IllegalArgumentException("step=" + step + " must be >= 0 (optimizer steps since CPT start)");
    }
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens=" + tokens + " must be >= 0 (CPT tokens consumed; 0 = base model)");
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt=" + attempt + " must be >= 1");
    }
  }

  /** True when both losses are finite numbers. */
  public boolean finite() {
    return Double.isFinite(generalLoss) && Double.isFinite(domainLoss);
  }

  private static void requireText(String column, String value) {
    Objects.requireNonNull(value, () -> column + " is missing");
    if (value.isBlank()) {
      throw new IllegalArgumentException(column + " is empty; every loss record needs a " + column);
    }
  }
}
