package io.cmrsweep.fit.bootstrap;

import io.cmrsweep.fit.cmr.GroupFit;
import java.util.List;
import java.util.Objects;

/** A whole single-process bootstrap of one group: the point estimate, every replicate, the summary. */
public record BootstrapRun(GroupFit point, List<Replicate> replicates, BootstrapSummary summary) {
  public BootstrapRun {
    Objects.requireNonNull(point, "point");
    replicates = List.copyOf(replicates);
    Objects.requireNonNull(summary, "summary");
  }
}
