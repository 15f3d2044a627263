package io.cmrsweep.fit.adaptive;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.size.SizePoint;
import io.cmrsweep.fit.size.SizePredictor;
import io.cmrsweep.fit.size.SizeSweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The targets of a round whose goal is the CMR predicted at target sizes (DESIGN 6): per domain and target size,
 * the prediction's bootstrap interval from the groups' in-process fits (the fit job's size law, {@link SizeSweep}),
 * and each swept group's weight, the squared change of the prediction when that group's CMR moves by
 * {@value #STEP}, divided by the step squared.
 */
final class PredictionTargets {
  static final double STEP = 0.005;

  private PredictionTargets() {}

  /** One target per domain and target size, in domain then size order; {@code states} keyed "domain/model". */
  static List<Target> of(Map<String, WidthModel.State> states, PredictParams targets, double level, int replicates) {
    Map<String, Map<String, BootstrapRun>> byDomain = new TreeMap<>();
    states.forEach((name, s) -> s.run().ifPresent(run ->
        byDomain.computeIfAbsent(name.substring(0, name.indexOf('/')), k -> new LinkedHashMap<>()).put(name, run)));
    SizePredictor predictor = SizePredictor.byEvidence(level);
    List<Target> out = new ArrayList<>();
    for (String domain : domains(states)) {
      Map<String, BootstrapRun> runs = byDomain.getOrDefault(domain, Map.of());
      List<String> names = new ArrayList<>(runs.keySet());
      List<SizePoint> points = new ArrayList<>();
      String sweep = domain;
      for (BootstrapRun run : runs.values()) {
        points.add(SizeSweep.point(run.point(), run.summary(), run.replicates(), replicates));
        sweep = run.point().key().sweep();
      }
      List<PredictionRow> rows = points.isEmpty() ? List.of() : predictor.predict(sweep, domain, points, targets);
      List<List<PredictionRow>> moved = new ArrayList<>();
      for (int j = 0; j < points.size(); j++) {
        moved.add(predictor.predict(sweep, domain, shifted(points, j), targets));
      }
      for (int t = 0; t < targets.targets().size(); t++) {
        long size = targets.targets().get(t);
        String name = domain + "@" + String.format(Locale.ROOT, "%.3g", (double) size);
        if (rows.isEmpty()) {
          out.add(new Target(new GroupWidth(name, "no swept size has data", Double.NaN, Double.NaN, Double.NaN,
              Double.POSITIVE_INFINITY), evenly(states, domain)));
          continue;
        }
        PredictionRow r = rows.get(t);
        boolean known = r.predicted() && Double.isFinite(r.ciLow()) && Double.isFinite(r.ciHigh());
        String status = r.status() + (r.statusDetail().isBlank() ? "" : ": " + r.statusDetail());
        Map<String, Double> weights = new LinkedHashMap<>(evenly(states, domain));
        if (known) {
          for (int j = 0; j < names.size(); j++) {
            double slope = (moved.get(j).get(t).cmr() - r.cmr()) / STEP;
            weights.put(names.get(j), Double.isFinite(slope) ? slope * slope : 1.0);
          }
        }
        out.add(new Target(new GroupWidth(name, status, r.cmr(), r.ciLow(), r.ciHigh(),
            known ? r.ciHigh() - r.ciLow() : Double.POSITIVE_INFINITY), weights));
      }
    }
    return out;
  }

  /** The domains of every group, with or without data. */
  private static List<String> domains(Map<String, WidthModel.State> states) {
    return states.keySet().stream().map(n -> n.substring(0, n.indexOf('/'))).distinct().sorted().toList();
  }

  /** Weight 1 for every group of {@code domain}: what a target knows before its prediction exists. */
  private static Map<String, Double> evenly(Map<String, WidthModel.State> states, String domain) {
    Map<String, Double> w = new LinkedHashMap<>();
    states.keySet().stream().filter(n -> n.startsWith(domain + "/")).forEach(n -> w.put(n, 1.0));
    return w;
  }

  private static List<SizePoint> shifted(List<SizePoint> points, int j) {
    List<SizePoint> out = new ArrayList<>(points);
    SizePoint p = points.get(j);
    out.set(j, new SizePoint(p.model(), p.params(), p.status(), p.answer(), p.cmr() + STEP, p.ciLow(), p.ciHigh(),
        p.replicates(), p.failures()));
    return out;
  }
}
