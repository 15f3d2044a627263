package io.cmrsweep.orchestrator.adaptive;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import java.util.Collection;
import java.util.List;

/** The committed loss records of completed trials, for the fit between rounds. */
public interface LossSource {
  List<LossRecord> read(Collection<PlannedTrial> trials);
}
