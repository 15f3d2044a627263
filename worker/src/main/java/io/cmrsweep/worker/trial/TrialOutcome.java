package io.cmrsweep.worker.trial;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.trial.WorkerExit;
import java.util.List;

/** How a trial ended, a one-line reason, and the loss records it committed (empty for pre-training). */
public record TrialOutcome(WorkerExit exit, String message, List<LossRecord> records) {

  public TrialOutcome {
    if (exit == null || message == null) {
      throw new IllegalArgumentException("a trial outcome needs an exit and a message");
    }
    records = List.copyOf(records);
  }
}
