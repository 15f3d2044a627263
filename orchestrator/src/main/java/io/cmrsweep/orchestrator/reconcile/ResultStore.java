package io.cmrsweep.orchestrator.reconcile;

import io.cmrsweep.orchestrator.plan.PlannedTrial;
import java.util.Collection;
import java.util.Set;

/** Where committed results live: the proof that a trial completed. */
public interface ResultStore {

  /** True when the trial's result is committed (a CPT loss file, a pretrain trial's base checkpoint). */
  boolean committed(PlannedTrial trial);

  /** The ids of every committed trial among {@code trials}, with as few storage calls as possible. */
  Set<String> scan(Collection<PlannedTrial> trials);
}
