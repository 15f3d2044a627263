package io.cmrsweep.report.render;

import io.cmrsweep.core.fit.CmrRow;
import java.util.List;

/**
 * The headline numbers of one report, kept as report/summary.json so that the next report (e.g. the next
 * nightly run) can say what changed.
 */
public record Snapshot(String generatedAt, List<Entry> groups) {

  /** One group's headline: CMR and its interval, as domain shares, and the fit status. */
  public record Entry(String domain, String model, double cmr, double ciLow, double ciHigh, String status) {
    static Entry of(CmrRow g) {
      return new Entry(g.domain(), g.model(), g.cmr(), g.ciLow(), g.ciHigh(), g.status());
    }

    String key() {
      return domain + "/" + model;
    }
  }

  public Snapshot {
    groups = List.copyOf(groups);
  }

  public static Snapshot of(String generatedAt, List<CmrRow> groups) {
    return new Snapshot(generatedAt, groups.stream().map(Entry::of).toList());
  }
}
