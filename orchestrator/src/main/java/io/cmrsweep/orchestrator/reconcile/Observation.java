package io.cmrsweep.orchestrator.reconcile;

import io.cmrsweep.orchestrator.launch.AttemptState;
import java.util.Optional;

/**
 * What the coordinator saw of one trial in one round: whether its result is committed, whether its
 * base is ready, the state of its current attempt (empty when the backend has none), whether a cancel
 * was requested and whether a launch slot is free.
 */
public record Observation(boolean committed, boolean dependencyReady, Optional<AttemptState> attempt,
    boolean cancelRequested, boolean slotFree) {
  public Observation {
    if (attempt == null) {
      throw new IllegalArgumentException("attempt must be present or empty, not null");
    }
  }
}
