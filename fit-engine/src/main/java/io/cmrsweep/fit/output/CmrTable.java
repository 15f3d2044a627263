package io.cmrsweep.fit.output;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.CmrRow;
import java.util.List;
import java.util.Locale;

/**
 * The short human-readable summary printed at the end of a fit: first one sentence per domain and model
 * saying what decides the answer and what can be known (the row's conclusion), then a table. Where the
 * answer is not an estimate, the CMR column shows the upper bound "<= sup A" and the interval is sup A's.
 */
public final class CmrTable {

  public String render(List<CmrRow> rows) {
    StringBuilder sb = new StringBuilder();
    for (CmrRow r : rows) {
      sb.append(r.domain()).append('/').append(r.model()).append(": ").append(r.conclusion())
          .append(System.lineSeparator());
    }
    sb.append(String.format(Locale.ROOT, "%-14s %-10s %12s %-14s %10s  %-20s %7s %-13s %-8s %s%n",
        "domain", "model", "params", "answer", "CMR", "CI", "sup A", "decided by", "failed", "status"));
    for (CmrRow r : rows) {
      boolean estimate = r.answer() == CmrAnswer.ESTIMATE;
      boolean bound = r.answer() == CmrAnswer.UPPER_BOUND || r.answer() == CmrAnswer.NOT_IDENTIFIED;
      String cmr = bound ? "<= " + percent(r.supA()) : percent(r.cmr());
      double lo = estimate ? r.ciLow() : bound ? r.supACiLow() : Double.NaN;
      double hi = estimate ? r.ciHigh() : bound ? r.supACiHigh() : Double.NaN;
      String ci = Double.isNaN(lo) || Double.isNaN(hi)
          ? "-"
          : String.format(Locale.ROOT, "[%5.1f%%, %5.1f%%] %2.0f%%", 100 * lo, 100 * hi, 100 * r.level());
      sb.append(String.format(Locale.ROOT, "%-14s %-10s %12d %-14s %10s  %-20s %7s %-13s %-8s %s%n",
          r.domain(), r.model(), r.modelParams(), r.answer().label(), cmr, ci, percent(r.supA()),
          r.binding().label(), r.failedReplicates() + "/" + r.replicates(), r.status()));
    }
    return sb.toString();
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * share);
  }
}
