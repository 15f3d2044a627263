package io.cmrsweep.orchestrator.plan;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The trials whose losses are a sweep's measurements: every planned trial except those another one continues. A run
 * stopped early and later continued is the exact prefix of its continuation, whose loss file holds the same losses
 * up to the stop and the rest of the run, so fitting both would count those checkpoints twice.
 */
public final class LongestRuns {
  private LongestRuns() {}

  /** The trials of {@code plan} that no trial of the plan continues. */
  public static List<PlannedTrial> of(List<PlannedTrial> plan) {
    return of(plan, plan);
  }

  /** The trials of {@code plan} that no trial of {@code known} (e.g. the ledger's registered trials) continues. */
  public static List<PlannedTrial> of(List<PlannedTrial> plan, Collection<PlannedTrial> known) {
    Set<String> continued = known.stream().filter(PlannedTrial::continuesAnother).map(PlannedTrial::continues)
        .collect(Collectors.toSet());
    return plan.stream().filter(t -> !continued.contains(t.id())).toList();
  }
}
