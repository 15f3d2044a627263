package io.cmrsweep.report.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What changed between the previous report's snapshot and this one, as sentences a person reads. */
public final class Changes {
  /** CMR moves smaller than this (in percentage points) are called unchanged. */
  private static final double SAME_PP = 0.05;

  /** Both bounds within {@link #SAME_PP} of each other (or both missing). */
  private static boolean sameInterval(Snapshot.Entry was, Snapshot.Entry now) {
    return same(was.ciLow(), now.ciLow()) && same(was.ciHigh(), now.ciHigh());
  }

  private static boolean same(double a, double b) {
    return Double.isNaN(a) ? Double.isNaN(b) : Math.abs(a - b) * 100 < SAME_PP;
  }

  public List<String> between(Optional<Snapshot> previous, Snapshot current) {
    if (previous.isEmpty()) {
      return List.of();
    }
    Map<String, Snapshot.Entry> before = new LinkedHashMap<>();
    previous.get().groups().forEach(e -> before.put(e.key(), e));
    List<String> lines = new ArrayList<>();
    for (Snapshot.Entry now : current.groups()) {
      Snapshot.Entry was = before.remove(now.key());
      if (was == null) {
        lines.add(now.key() + ": new in this report, CMR " + pct(now.cmr()) + " " + ci(now) + ".");
      } else if (!was.status().equals(now.status())) {
        lines.add(now.key() + ": status changed from " + was.status() + " to " + now.status() + "; CMR "
            + pct(was.cmr()) + " -> " + pct(now.cmr()) + ".");
      } else if (Double.isFinite(was.cmr()) && Double.isFinite(now.cmr())
          && Math.abs(now.cmr() - was.cmr()) * 100 >= SAME_PP) {
        lines.add(String.format(Locale.ROOT, "%s: CMR %s -> %s (%+.2f pp); interval %s -> %s.", now.key(),
            pct(was.cmr()), pct(now.cmr()), 100 * (now.cmr() - was.cmr()), ci(was), ci(now)));
      } else if (sameInterval(was, now)) {
        lines.add(now.key() + ": unchanged at " + pct(now.cmr()) + " " + ci(now) + ".");
      } else {
        lines.add(now.key() + ": CMR unchanged at " + pct(now.cmr()) + "; interval " + ci(was) + " -> " + ci(now)
            + ".");
      }
    }
    for (Snapshot.Entry gone : before.values()) {
      lines.add(gone.key() + ": no longer in the fits (was CMR " + pct(gone.cmr()) + ").");
    }
    lines.add(0, "Compared with the report of " + previous.get().generatedAt() + ":");
    return lines;
  }

  static String pct(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.2f %%", 100 * share) : "n/a";
  }

  private static String ci(Snapshot.Entry e) {
    return Double.isFinite(e.ciLow())
        ? String.format(Locale.ROOT, "[%.2f %%, %.2f %%]", 100 * e.ciLow(), 100 * e.ciHigh())
        : "[no interval]";
  }
}
