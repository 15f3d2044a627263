package io.cmrsweep.fit.size;

import io.cmrsweep.core.fit.CmrAnswer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One swept model size of one sweep x domain, as the size law sees it: its CMR point estimate and interval,
 * and replicate b's CMR at index b (NaN where that replicate failed, {@code failures[b]} saying why).
 *
 * @param status the group's fit status ({@code ok} or why not); only ok sizes enter the law
 * @param answer what the group's fit can know ({@code estimate}, or only an upper bound: DESIGN 1.2)
 */
public record SizePoint(String model, long params, String status, CmrAnswer answer, double cmr, double ciLow,
    double ciHigh, double[] replicates, String[] failures) implements java.io.Serializable {

  public SizePoint {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(answer, "answer");
    replicates = replicates.clone();
    failures = failures.clone();
    if (failures.length != replicates.length) {
      throw new IllegalArgumentException("failures has " + failures.length + " entries, replicates "
          + replicates.length + "; one reason per replicate");
    }
  }

  public boolean ok() {
    return "ok".equals(status);
  }

  @Override
  public double[] replicates() {
    return replicates.clone();
  }

  @Override
  public String[] failures() {
    return failures.clone();
  }

  int replicateCount() {
    return replicates.length;
  }

  double replicate(int b) {
    return replicates[b];
  }

  String failure(int b) {
    return failures[b];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SizePoint p && model.equals(p.model) && params == p.params && status.equals(p.status)
        && Double.compare(cmr, p.cmr) == 0 && Arrays.equals(replicates, p.replicates)
        && Arrays.equals(failures, p.failures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, params, status, cmr);
  }

  @Override
  public String toString() {
    return "SizePoint[" + model + " N=" + params + " " + status + " cmr=" + cmr + "]";
  }
}
