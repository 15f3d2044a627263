package io.cmrsweep.orchestrator.reconcile;

/**
 * A result in the sweep's storage that no cell of the current spec produced: a loss file whose trial id
 * is not a current cell, or a base checkpoint of no current pre-training trial (after a ratio was removed
 * or a model changed under the same label). Fit and report leave orphans out unless asked otherwise.
 *
 * @param trialId the trial that wrote it; empty for a base from before bases were addressed by trial id
 * @param location its path or URI
 */
public record Orphan(Kind kind, String trialId, String location) {

  public enum Kind {
    LOSS_FILE("loss file"),
    BASE_CHECKPOINT("base checkpoint");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Orphan {
    if (kind == null || trialId == null || location == null || location.isEmpty()) {
      throw new IllegalArgumentException("an orphan needs a kind, a trial id (may be empty) and a location");
    }
  }
}
