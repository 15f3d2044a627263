package io.cmrsweep.fit.output;

import io.cmrsweep.core.fit.CmrRow;
import java.util.List;
import java.util.Locale;

/** The short human-readable table printed at the end of a fit: one line per domain and model. */
public final class CmrTable {

  public String render(List<CmrRow> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-14s %-10s %12s %8s  %-20s %7s %-8s %s%n",
        "domain", "model", "params", "CMR", "CI", "sup A", "failed", "status"));
    for (CmrRow r : rows) {
      String ci = Double.isNaN(r.ciLow())
          ? "-"
          : String.format(Locale.ROOT, "[%5.1f%%, %5.1f%%] %2.0f%%", 100 * r.ciLow(), 100 * r.ciHigh(), 100 * r.level());
      sb.append(String.format(Locale.ROOT, "%-14s %-10s %12d %8s  %-20s %7s %-8s %s%n",
          r.domain(), r.model(), r.modelParams(), percent(r.cmr()), ci, percent(r.supA()),
          r.failedReplicates() + "/" + r.replicates(), r.status()));
    }
    return sb.toString();
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * share);
  }
}
