package io.cmrsweep.fit.truth;

/**
 * The identity of one simulated CPT trial: what its loss records carry, and (with the simulation seed) what
 * seeds its noise, so a re-run trial gives the identical records.
 */
public record SimulatedTrial(
    String sweep, String trialId, String domain, String model, long modelParams, double ratio, int seed,
    int attempt) {

  public SimulatedTrial {
    if (sweep == null || sweep.isBlank() || trialId == null || trialId.isBlank() || domain == null
        || domain.isBlank() || model == null || model.isBlank()) {
      throw new IllegalArgumentException("sweep, trial id, domain and model must be non-blank; got " + sweep + ", "
          + trialId + ", " + domain + ", " + model);
    }
    if (modelParams <= 0 || !(ratio >= 0 && ratio <= 1) || attempt < 1) {
      throw new IllegalArgumentException("need modelParams > 0, ratio in [0, 1], attempt >= 1; got " + modelParams
          + ", " + ratio + ", " + attempt);
    }
  }
}
