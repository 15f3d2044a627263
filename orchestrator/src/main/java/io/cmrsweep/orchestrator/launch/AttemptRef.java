package io.cmrsweep.orchestrator.launch;

import io.cmrsweep.core.storage.Names;

/** One attempt of one trial: the unit a launcher starts, observes and stops. */
public record AttemptRef(String trialId, int attempt) {
  public AttemptRef {
    Names.require("trialId", trialId);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt=" + attempt + " must be >= 1");
    }
  }

  @Override
  public String toString() {
    return trialId + "#" + attempt;
  }
}
