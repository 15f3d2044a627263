package io.cmrsweep.fit.bootstrap;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.fit.cmr.GroupFit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What decided the CMR across the bootstrap replicates (DESIGN 1.2): the percentile interval of sup A
 * and of the CMR law's own (unbounded) value at T_max (both read through the group's {@link Widening}), each
 * over the replicates where it is defined, and
 * how many replicates each constraint bound ({@link Binding#NONE} counts the failed ones).
 *
 * @param supAValues replicates with a finite sup A
 * @param lawValues replicates with a finite law value (the law, or the interpolation, gave a CMR)
 * @param bindings replicates per binding constraint, every binding present (0 where none)
 */
public record ConstraintSummary(
    int replicates,
    double supALow,
    double supAHigh,
    int supAValues,
    double lawLow,
    double lawHigh,
    int lawValues,
    Map<Binding, Integer> bindings) implements java.io.Serializable {

  public ConstraintSummary {
    EnumMap<Binding, Integer> all = new EnumMap<>(Binding.class);
    for (Binding b : Binding.values()) {
      all.put(b, bindings.getOrDefault(b, 0));
    }
    int sum = all.values().stream().mapToInt(Integer::intValue).sum();
    if (sum != replicates) {
      throw new IllegalArgumentException("binding counts " + all + " sum to " + sum + ", not replicates=" + replicates);
    }
    bindings = java.util.Collections.unmodifiableMap(all);
  }

  static ConstraintSummary of(List<Replicate> replicates, GroupFit point, Widening widening, double lo,
      double hi) {
    Map<Binding, Integer> counts = new EnumMap<>(Binding.class);
    for (Replicate r : replicates) {
      counts.merge(r.binding(), 1, Integer::sum);
    }
    double[] supA = finite(replicates, Replicate::supA);
    double[] law = finite(replicates, Replicate::lawCmr);
    double supACenter = Bootstrap.centerOf(point.supA(), supA);
    double lawCenter = Bootstrap.centerOf(point.lawCmr(), law);
    return new ConstraintSummary(replicates.size(),
        widening.applyToShare(supACenter, Bootstrap.quantile(supA, lo)),
        widening.applyToShare(supACenter, Bootstrap.quantile(supA, hi)), supA.length,
        widening.apply(lawCenter, Bootstrap.quantile(law, lo)), widening.apply(lawCenter, Bootstrap.quantile(law, hi)),
        law.length, counts);
  }

  /** The share of all replicates (failed ones included) in which {@code binding} decided; NaN without any. */
  public double share(Binding binding) {
    return replicates == 0 ? Double.NaN : bindings.get(binding) / (double) replicates;
  }

  private static double[] finite(List<Replicate> replicates, ToDoubleFunction<Replicate> f) {
    return replicates.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstraintSummary c && replicates == c.replicates && Double.compare(supALow, c.supALow) == 0
        && Double.compare(supAHigh, c.supAHigh) == 0 && supAValues == c.supAValues
        && Double.compare(lawLow, c.lawLow) == 0 && Double.compare(lawHigh, c.lawHigh) == 0
        && lawValues == c.lawValues && bindings.equals(c.bindings);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new double[] {replicates, supALow, supAHigh, lawLow, lawHigh});
  }
}
