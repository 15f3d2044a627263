package io.cmrsweep.fit.size;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Predicts the CMR at target model sizes from the swept sizes of one sweep x domain (DESIGN 1.1 step 6).
 * The law is fitted once through the sizes' point estimates and once within every bootstrap replicate:
 * replicate b of each size's group (independent across sizes, because their runs are) are paired by b, so
 * the percentile interval at a target carries the uncertainty of every earlier stage. A replicate in which
 * any size has no CMR, or whose law cannot be fitted, yields no prediction and is counted by reason.
 * Sizes whose group is not ok are left out of the law and named in the detail. Pure: no I/O.
 */
public final class SizePredictor implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Points of the law's chart grid between the smallest swept size and the target. */
  static final int GRID_POINTS = 25;

  /** The fixed form, or null: chosen per sweep x domain by {@link SizeLawForm#forSizes}. */
  private final SizeLawForm fixed;
  private final double level;

  /** A predictor that always fits {@code form}. */
  public SizePredictor(SizeLawForm form, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level=" + level + " must be in (0, 1); use e.g. 0.95");
    }
    this.fixed = form;
    this.level = level;
  }

  /** The fit's default: the form {@link SizeLawForm#forSizes} chooses for the number of usable sizes. */
  public static SizePredictor byEvidence(double level) {
    return new SizePredictor(null, level);
  }

  /** One row per target; none when {@code targets} is empty. */
  public List<PredictionRow> predict(String sweep, String domain, List<SizePoint> sizes, PredictParams targets) {
    List<SizePoint> sorted = sizes.stream().sorted(Comparator.comparingLong(SizePoint::params)).toList();
    List<SizePoint> used = sorted.stream().filter(p -> p.ok() && p.params() > 0).toList();
    List<String> notes = new ArrayList<>();
    for (SizePoint p : sorted) {
      if (!p.ok()) {
        notes.add(p.model() + " left out (" + p.status() + ")");
      } else if (p.params() <= 0) {
        notes.add(p.model() + " left out (model_params unknown)");
      }
    }
    double[] n = used.stream().mapToDouble(SizePoint::params).toArray();
    double[] c = used.stream().mapToDouble(SizePoint::cmr).toArray();
    int distinct = SizeLawForm.distinct(n);
    SizeLawForm form = fixed != null ? fixed : SizeLawForm.forSizes(distinct);
    long largest = used.isEmpty() ? 0 : used.get(used.size() - 1).params();
    String status;
    Optional<double[]> law = Optional.empty();
    if (distinct < form.parameterCount()) {
      status = "too_few_sizes";
      notes.add(0, "the " + form.label() + " size law has " + form.parameterCount() + " parameters but " + distinct
          + " swept size(s) have an ok CMR; sweep at least " + (form.parameterCount() + 1)
          + " model sizes to predict and check the law");
    } else {
      law = form.fit(n, c);
      if (law.isEmpty()) {
        status = "law_failed";
        notes.add(0, "the " + form.label() + " size law could not be fitted through " + Arrays.toString(c));
      } else if (distinct == form.parameterCount()) {
        status = "two_point";
        notes.add(0, "exactly determined: the law passes through the " + distinct + " sizes and nothing checks its"
            + " form; sweep a further size to test it");
      } else {
        status = "ok";
      }
    }
    Replicates reps = law.isPresent() ? replicates(form, used) : Replicates.NONE;
    String detail = String.join("; ", notes);
    List<PredictionRow> rows = new ArrayList<>();
    for (long target : targets.targets()) {
      rows.add(row(form, sweep, domain, target, used, largest, status, detail, law, reps));
    }
    return rows;
  }

  /**
   * What a prediction is (DESIGN 1.2): an estimate only when every size used is one; when every size is decided
   * by its tolerance bound the law extrapolates sup A (an upper bound); mixed kinds identify neither.
   */
  static CmrAnswer answer(String status, List<SizePoint> used) {
    if (!"ok".equals(status) && !"two_point".equals(status)) {
      return CmrAnswer.NONE;
    }
    if (used.stream().allMatch(p -> p.answer() == CmrAnswer.ESTIMATE)) {
      return CmrAnswer.ESTIMATE;
    }
    boolean bounds = used.stream()
        .allMatch(p -> p.answer() == CmrAnswer.UPPER_BOUND || p.answer() == CmrAnswer.NOT_IDENTIFIED);
    return bounds ? CmrAnswer.UPPER_BOUND : CmrAnswer.NOT_IDENTIFIED;
  }

  private PredictionRow row(SizeLawForm form, String sweep, String domain, long target, List<SizePoint> used,
      long largest, String status, String detail, Optional<double[]> law, Replicates reps) {
    double lo = (1 - level) / 2;
    double[] at = reps.predictions(form, target);
    Arrays.sort(at);
    double point = law.map(p -> form.value(p, target)).orElse(Double.NaN);
    List<Double> gridN = new ArrayList<>();
    List<Double> gridCmr = new ArrayList<>();
    List<Double> gridLow = new ArrayList<>();
    List<Double> gridHigh = new ArrayList<>();
    if (law.isPresent()) {
      double from = used.get(0).params();
      double to = Math.max(target, largest);
      for (int i = 0; i < GRID_POINTS; i++) {
        double g = from * Math.pow(to / from, i / (GRID_POINTS - 1.0));
        double[] band = reps.predictions(form, g);
        Arrays.sort(band);
        gridN.add(g);
        gridCmr.add(form.value(law.get(), g));
        gridLow.add(Bootstrap.quantile(band, lo));
        gridHigh.add(Bootstrap.quantile(band, 1 - lo));
      }
    }
    List<Double> params = new ArrayList<>();
    law.ifPresent(p -> Arrays.stream(p).forEach(params::add));
    return new PredictionRow(sweep, domain, target, point, answer(status, used), Bootstrap.quantile(at, lo),
        Bootstrap.quantile(at, 1 - lo),
        level, reps.tried(), reps.failed(), reps.failureText(), form.label(),
        law.isPresent() ? form.parameterNames() : List.of(), params,
        used.stream().map(SizePoint::model).toList(), used.stream().map(p -> (double) p.params()).toList(),
        used.stream().map(SizePoint::cmr).toList(), used.stream().map(SizePoint::ciLow).toList(),
        used.stream().map(SizePoint::ciHigh).toList(), used.stream().map(p -> p.answer().label()).toList(), largest,
        largest > 0 ? (double) target / largest : Double.NaN, status, detail, gridN, gridCmr, gridLow, gridHigh);
  }

  /** The law within replicate b for every b that all used sizes have. */
  private Replicates replicates(SizeLawForm form, List<SizePoint> used) {
    int b = used.stream().mapToInt(SizePoint::replicateCount).min().orElse(0);
    List<double[]> laws = new ArrayList<>();
    Map<String, Integer> failures = new TreeMap<>();
    double[] n = used.stream().mapToDouble(SizePoint::params).toArray();
    for (int r = 0; r < b; r++) {
      double[] c = new double[used.size()];
      String failure = "";
      for (int i = 0; i < used.size() && failure.isEmpty(); i++) {
        c[i] = used.get(i).replicate(r);
        if (Double.isNaN(c[i])) {
          failure = used.get(i).model() + ":" + used.get(i).failure(r);
        }
      }
      if (failure.isEmpty()) {
        Optional<double[]> law = form.fit(n, c);
        if (law.isPresent()) {
          laws.add(law.get());
          continue;
        }
        failure = "law_failed";
      }
      failures.merge(failure, 1, Integer::sum);
    }
    return new Replicates(b, laws, failures);
  }

  /** The replicate laws and why the others failed. */
  private record Replicates(int tried, List<double[]> laws, Map<String, Integer> failures) {
    static final Replicates NONE = new Replicates(0, List.of(), Map.of());

    int failed() {
      return tried - laws.size();
    }

    double[] predictions(SizeLawForm form, double params) {
      return laws.stream().mapToDouble(p -> form.value(p, params)).toArray();
    }

    String failureText() {
      StringBuilder sb = new StringBuilder();
      failures.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
      return sb.toString();
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SizePredictor[%s, level=%s]", fixed == null ? "by evidence" : fixed.label(),
        level);
  }
}
