package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.orchestrator.reconcile.Orphan;
import java.util.List;
import java.util.Optional;

/** How the CLI speaks of orphans: results in storage of cells no longer in the spec. */
final class Orphans {
  private Orphans() {}

  /** Orphans in {@code session}'s storage; a storage that cannot be listed warns and counts as none. */
  static List<Orphan> of(CmrMain main, SweepSession session) {
    try {
      return session.results().orphans(session.plan());
    } catch (RuntimeException e) {
      main.err().println("cmr: warning: could not look for results of cells no longer in the spec under "
          + session.layout().sweepDir() + ": " + e.getMessage());
      return List.of();
    }
  }

  /** {@code 3 loss file(s) and 1 base checkpoint(s)}. */
  static String count(List<Orphan> orphans) {
    long losses = orphans.stream().filter(o -> o.kind() == Orphan.Kind.LOSS_FILE).count();
    long bases = orphans.size() - losses;
    return losses + " loss file(s) and " + bases + " base checkpoint(s)";
  }

  /** The one-line notice of {@code cmr plan} and {@code cmr sweep}; empty when there are none. */
  static Optional<String> notice(List<Orphan> orphans, SweepSession session) {
    if (orphans.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("note: storage holds " + count(orphans) + " of cells no longer in this spec (orphans; fit"
        + " and report leave them out): cmr status " + session.specFile() + " lists them");
  }
}
