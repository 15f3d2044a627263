package io.cmrsweep.fit.adaptive;

import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.bootstrap.Replicate;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.CriticalPoint;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.cmr.RatioFit;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.Trajectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The interval width of one group and where its variance comes from. The width is the bootstrap percentile
 * interval of the engine ({@link Bootstrap}, B replicates). The share of ratio r is measured by a partial
 * bootstrap that resamples only r's data with the group's own resampling unit ({@link Bootstrap#drawOnly}: its
 * seeds under the seed cluster, else its losses around the fitted token laws) and keeps every other ratio as
 * measured: the spread of those CMRs is what r's noise alone does to the answer. Shares
 * are treated as independent, and one more seed at r divides its share by (n_r + 1) / n_r, as averaging
 * n_r + 1 runs does. An unmeasured candidate ratio is valued by bootstrapping the group with a run simulated there
 * ({@link #simulatedRun}): the factor by which that run narrows the CMR's spread. A shorter token budget is valued
 * the same way, with the simulated run stopped at that budget (the prefix of a full-budget run, as the worker's
 * stop-early runs are).
 */
final class WidthModel {
  private static final double Z84 = 0.994457883209753; // normal quantile of 0.84, for a robust sd from quantiles
  private static final long PLANNER_STREAM = 0x5DEECE66DL;
  /** The most a single new run is trusted to narrow an interval by (a simulated run can look too good). */
  static final double MIN_FACTOR = 0.2;
  /**
   * A run stopped before the full budget is valued only where the critical point it measures lies within this
   * share of its tokens: beyond its stop its T0 is an extrapolation of the general law's rising flank, which a
   * single run pins down badly and a simulated run (smooth interpolated laws) makes look far better than it is.
   */
  static final double PEAK_SEEN = 0.75;
  /** a4, s4, b4 of the CMR law R = a4 T^s4 + b4. */
  static final int CMR_LAW_PARAMETERS = 3;
  private final FitSettings settings;
  private final int replicates;
  private final int partialReplicates;

  FitSettings settings() {
    return settings;
  }

  int replicates() {
    return replicates;
  }

  WidthModel(FitSettings settings, int replicates, int partialReplicates) {
    // replicates of their own: the width that stops a sweep and the interval the fit then reports are independent
    // Monte Carlo draws, so a round's lucky narrow draw does not carry into the reported interval
    this.settings = settings.withBootstrap(Math.max(1, replicates)).withSeed(settings.seed() ^ PLANNER_STREAM);
    this.replicates = replicates;
    this.partialReplicates = partialReplicates;
  }

  /** A run the model can value at an unmeasured ratio: {@code tokens} training tokens at {@code ratio}. */
  record NewRun(double ratio, long tokens) implements Comparable<NewRun> {
    @Override
    public int compareTo(NewRun o) {
      int c = Double.compare(ratio, o.ratio);
      return c != 0 ? c : Long.compare(tokens, o.tokens);
    }
  }

  /**
   * What the model knows about a group: its width and, when it has one, its per-ratio variance shares and the
   * factor by which each valued new run is expected to narrow its interval.
   */
  record State(GroupWidth width, TreeMap<Double, Share> shares, Map<Double, Long> runsPerRatio,
      TreeMap<NewRun, Double> newRunFactors, Set<Double> stoppedBeforePeak, boolean lawChecked,
      TreeMap<Double, Double> extensionFactors, Optional<BootstrapRun> run) {
    static State noData(String name) {
      return new State(new GroupWidth(name, "no data", Double.NaN, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY),
          new TreeMap<>(), Map.of(), new TreeMap<>(), Set.of(), false, new TreeMap<>(), Optional.empty());
    }

    /** The factor of continuing the stopped run at {@code ratio} to the full budget, or null when not valued. */
    Double extensionFactor(double ratio) {
      return extensionFactors.get(ratio);
    }

    /** The factor of a new run at {@code ratio} with {@code tokens}, or null when the model did not value it. */
    Double factor(double ratio, long tokens) {
      return newRunFactors.get(new NewRun(ratio, tokens));
    }

    /** Forgets every valued run at {@code ratio} (it has just been chosen at one budget). */
    void measuredNow(double ratio) {
      newRunFactors.keySet().removeIf(k -> k.ratio() == ratio);
    }

    Set<Double> measuredRatios() {
      return runsPerRatio.keySet();
    }

    double totalVariance() {
      return shares.values().stream().distinct().mapToDouble(Share::variance).sum();
    }
  }

  /** The variance share of a pool of runs (a measured ratio, and the new ratios scored as more of it). */
  static final class Share {
    double variance;
    int runs;

    Share(double variance, int runs) {
      this.variance = variance;
      this.runs = runs;
    }

    double variance() {
      return variance;
    }

    /** The variance one more run removes. */
    double reduction() {
      return variance / (runs + 1);
    }

    void addRun() {
      variance = variance * runs / (runs + 1);
      runs++;
    }
  }

  State measure(String name, Group group, Collection<NewRun> candidates) {
    return measure(name, group, true, candidates);
  }

  /** The width alone when {@code shares} is false (no partial bootstraps, no simulated new ratios). */
  State measure(String name, Group group, boolean shares) {
    return measure(name, group, shares, List.of());
  }

  private State measure(String name, Group group, boolean shares, Collection<NewRun> candidates) {
    Bootstrap bootstrap = new Bootstrap(settings);
    BootstrapRun run = bootstrap.runAll(group, replicates);
    GroupFit point = run.point();
    var s = run.summary();
    // an interpolated CMR (fewer than 3 usable T0 points) has an interval that ignores the law's form
    boolean bootstrapped = point.ok() && !point.interpolated() && s.replicates() > 0
        && s.failed() * 2 <= s.replicates() && Double.isFinite(s.ciLow()) && Double.isFinite(s.ciHigh());
    // a law through exactly as many points as it has parameters fits any three points: its interval cannot see a
    // wrong shape, and stopping on it under-covered (DESIGN 6, Efficiency), so a 4th point comes first
    long lawPoints = point.ratios().stream().filter(r -> r.t0Kind() == CriticalPoint.Kind.ROOT).count();
    // a run stopped before its critical point has a T0 extrapolated from the general law's rising flank: the
    // planner chose it expecting to see the peak, so it is extended (the rest of the same run) before any stop
    Set<Double> beforePeak = stoppedBeforePeak(point, group);
    boolean lawChecked = lawPoints > CMR_LAW_PARAMETERS;
    boolean identified = bootstrapped && lawChecked && beforePeak.isEmpty();
    String status = !point.ok() ? point.status().label()
        : point.interpolated() ? "interpolated: fewer than 3 ratios with a usable T0"
        : !bootstrapped ? s.failed() + " of " + s.replicates() + " replicates failed"
        : !lawChecked ? "the CMR law rests on " + lawPoints + " T0 points, as many as its parameters"
        : !beforePeak.isEmpty() ? "the run(s) at ratio " + beforePeak + " stopped before their critical point"
        : point.status().label();
    double width = identified ? s.ciHigh() - s.ciLow() : Double.POSITIVE_INFINITY;
    GroupWidth w = new GroupWidth(name, status, point.cmr(), s.ciLow(), s.ciHigh(), width);
    TreeMap<Double, Share> byRatio = new TreeMap<>();
    Map<Double, Long> runs = new TreeMap<>();
    for (double r : group.ratios()) {
      runs.put(r, (long) group.at(r).size());
    }
    TreeMap<NewRun, Double> factors = new TreeMap<>();
    TreeMap<Double, Double> extensions = new TreeMap<>();
    if (bootstrapped && shares) {
      CmrPipeline pipeline = new CmrPipeline(settings);
      for (double r : group.ratios()) {
        byRatio.put(r, new Share(partialVariance(bootstrap, pipeline, group, r), group.at(r).size()));
      }
      List<NewRun> unmeasured = candidates.stream().filter(c -> !runs.containsKey(c.ratio())).distinct().sorted()
          .toList();
      if (!unmeasured.isEmpty()) {
        factors.putAll(newRunFactors(bootstrap, pipeline, group, run, unmeasured));
      }
      extensions.putAll(extensionFactors(bootstrap, pipeline, group, run));
    }
    return new State(w, byRatio, runs, factors, beforePeak, bootstrapped && lawChecked, extensions,
        Optional.of(run));
  }

  /**
   * The ratios whose runs all stopped before the group's full budget without seeing their critical point: its T0
   * lies beyond {@link #PEAK_SEEN} of the longest run's tokens, or there is none.
   */
  static Set<Double> stoppedBeforePeak(GroupFit point, Group group) {
    Set<Double> out = new TreeSet<>();
    for (RatioFit f : point.ratios()) {
      double reached = group.at(f.ratio()).stream().mapToDouble(Trajectory::maxTokens).max().orElse(0);
      if (reached < group.tMax() && !sees(f, reached)) {
        out.add(f.ratio());
      }
    }
    return out;
  }

  private static boolean sees(RatioFit f, double tokens) {
    return f.t0Kind() != CriticalPoint.Kind.NONE && f.t0() <= PEAK_SEEN * tokens;
  }

  /**
   * How much one run at each unmeasured ratio and token budget is expected to narrow the group's interval: the
   * CMR's spread with a simulated run there over its spread now (both robust, 16-84 % quantiles, times each
   * design's widening). The simulated run is the measured neighbours' fitted losses interpolated linearly in the
   * ratio (extrapolated from the two nearest outside the measured range) at the same checkpoints up to the budget,
   * plus the residuals of the nearest measured run: a run whose laws lie between its neighbours' and whose noise is
   * theirs. A new ratio adds a point to the CMR law, which one more run of a measured ratio does not, so it cannot
   * be scored as one. Absent where the run cannot be simulated (the token laws do not converge, the checkpoints
   * differ, the measured runs stop before the budget); the planner then scores a full-budget run as one more run of
   * its nearest measured ratio and does not choose a shorter one.
   */
  private Map<NewRun, Double> newRunFactors(Bootstrap bootstrap, CmrPipeline pipeline, Group group,
      BootstrapRun now, List<NewRun> unmeasured) {
    Map<NewRun, Double> out = new TreeMap<>();
    double spreadNow = spreadNow(now);
    // every measured ratio's fitted laws at a full run's checkpoints, so a stopped neighbour still interpolates
    Trajectory full = group.trajectories().get(longest(group.trajectories()));
    Optional<Group> smooth = pipeline.smoothedAt(group, full.tokens());
    List<Double> measured = group.ratios().stream().filter(r -> r > 0).toList();
    if (smooth.isEmpty() || measured.size() < 2 || !(spreadNow > 0)) {
      return out;
    }
    for (NewRun r : unmeasured) {
      Optional<Trajectory> run = simulatedRun(group, smooth.get(), measured, r.ratio(), r.tokens());
      if (run.isEmpty()) {
        continue;
      }
      List<Trajectory> with = new ArrayList<>(group.trajectories());
      with.add(run.get());
      Group augmented = group.withTrajectories(with);
      GroupFit simulated = null;
      if (r.tokens() < group.tMax()) {
        simulated = pipeline.fit(augmented);
        if (!peakSeen(simulated, r)) {
          continue;
        }
      }
      Double factor = narrowing(bootstrap, pipeline, augmented, simulated, spreadNow);
      if (factor != null) {
        out.put(r, factor);
      }
    }
    return out;
  }

  /** The robust spread of the group's CMR now, times its design's widening: what every factor divides by. */
  private static double spreadNow(BootstrapRun now) {
    return spread(now.replicates().stream().filter(Replicate::ok).mapToDouble(Replicate::cmr).toArray())
        * now.summary().widening().factor();
  }

  /**
   * The factor by which {@code augmented} (the group with a run added or replaced) narrows the CMR's spread: its
   * robust spread over 2 x the partial replicates, times its widening, over {@code spreadNow}, clipped to
   * [{@link #MIN_FACTOR}, 1]; null when most of those replicates fail. {@code fit} is its point fit where already
   * made, else null.
   */
  private Double narrowing(Bootstrap bootstrap, CmrPipeline pipeline, Group augmented, GroupFit fit,
      double spreadNow) {
    double[] cmrs = new double[2 * partialReplicates];
    int n = 0;
    for (int b = 0; b < cmrs.length; b++) {
      Replicate rep = bootstrap.replicate(augmented, b);
      if (rep.ok()) {
        cmrs[n++] = rep.cmr();
      }
    }
    if (n * 2 < cmrs.length) {
      return null;
    }
    double widening = bootstrap.unitFor(augmented) == Resampling.SEED
        ? bootstrap.widening(augmented, fit != null ? fit : pipeline.fit(augmented)).factor() : 1;
    return Math.max(MIN_FACTOR, Math.min(1, spread(Arrays.copyOf(cmrs, n)) * widening / spreadNow));
  }

  /**
   * How much continuing each ratio's longest stopped run to the full budget is expected to narrow the interval: the
   * CMR's spread with that run continued (its measured prefix, then its ratio's fitted laws at the full run's
   * checkpoints plus the residuals of the nearest full run there) over the spread now. Only ratios none of whose
   * runs reached the full budget; absent where the continuation cannot be simulated.
   */
  private Map<Double, Double> extensionFactors(Bootstrap bootstrap, CmrPipeline pipeline, Group group,
      BootstrapRun now) {
    Map<Double, Double> out = new TreeMap<>();
    double spreadNow = spreadNow(now);
    Trajectory full = group.trajectories().get(longest(group.trajectories()));
    List<Double> stopped = group.ratios().stream().filter(r -> r > 0
        && group.at(r).get(longest(group.at(r))).maxTokens() < group.tMax()).toList();
    if (stopped.isEmpty() || !(spreadNow > 0)) {
      return out;
    }
    Optional<Group> smooth = pipeline.smoothedAt(group, full.tokens());
    if (smooth.isEmpty()) {
      return out;
    }
    for (double r : stopped) {
      Trajectory run = group.at(r).get(longest(group.at(r)));
      Optional<Trajectory> continued = continuedRun(group, smooth.get(), run, full);
      if (continued.isEmpty()) {
        continue;
      }
      List<Trajectory> with = new ArrayList<>(group.trajectories());
      with.set(with.indexOf(run), continued.get());
      Double factor = narrowing(bootstrap, pipeline, group.withTrajectories(with), null, spreadNow);
      if (factor != null) {
        out.put(r, factor);
      }
    }
    return out;
  }

  /**
   * {@code run} continued to the checkpoints of {@code full}: its measured points where it has them (its prefix
   * must be {@code full}'s, else empty), then its ratio's fitted laws plus {@code full}'s residuals.
   */
  static Optional<Trajectory> continuedRun(Group group, Group smooth, Trajectory run, Trajectory full) {
    int k = 0;
    while (k < run.size() && k < full.size() && run.tokensAt(k) == full.tokensAt(k)) {
      k++;
    }
    if (k < run.size() && !(k == run.size() - 1 && run.tokensAt(k) < full.tokensAt(Math.min(k, full.size() - 1)))) {
      return Optional.empty();
    }
    Trajectory law = smooth.at(run.ratio()).get(0);
    int fi = group.trajectories().indexOf(full);
    Trajectory fullFitted = smooth.trajectories().get(fi);
    double[] tok = full.tokens();
    double[] g = new double[tok.length];
    double[] d = new double[tok.length];
    for (int i = 0; i < tok.length; i++) {
      if (i < k) {
        g[i] = run.generalAt(i);
        d[i] = run.domainAt(i);
      } else {
        g[i] = law.generalAt(i) + full.generalAt(i) - fullFitted.generalAt(i);
        d[i] = law.domainAt(i) + full.domainAt(i) - fullFitted.domainAt(i);
      }
    }
    return Optional.of(new Trajectory(run.ratio(), run.seed(), tok, g, d));
  }

  /**
   * Whether a run at {@code r} stopped at its tokens is expected to see its critical point: in {@code simulated},
   * the fit of the group with the simulated run, that run's T0 lies within {@link #PEAK_SEEN} of the stop. An
   * estimate: a run that then stops before its peak is extended to the full budget (the rest of the same run), so
   * a wrong guess costs a round, not tokens.
   */
  static boolean peakSeen(GroupFit simulated, NewRun r) {
    return simulated.ok() && simulated.ratios().stream().filter(f -> f.ratio() == r.ratio()).findFirst()
        .filter(f -> sees(f, r.tokens())).isPresent();
  }

  /**
   * A run at ratio {@code r} stopped at {@code tokens} (its checkpoints up to it), simulated from the measured runs;
   * empty when the neighbours' checkpoints differ from the nearest run's or stop before the budget.
   */
  static Optional<Trajectory> simulatedRun(Group group, Group smooth, List<Double> measured, double r,
      long tokens) {
    // the two measured ratios that bracket r, else the two nearest on its side
    int hi = 0;
    while (hi < measured.size() && measured.get(hi) < r) {
      hi++;
    }
    int a = Math.max(0, Math.min(hi - 1, measured.size() - 2));
    double r1 = measured.get(a);
    double r2 = measured.get(a + 1);
    double w = (r2 - r) / (r2 - r1);
    // the noise of the nearest measured ratio whose longest run reaches the budget
    List<Double> byDistance = measured.stream().sorted(Comparator.comparingDouble((Double m) -> Math.abs(m - r))
        .thenComparingDouble(m -> m)).toList();
    Double nearest = byDistance.stream().filter(m -> group.at(m).get(longest(group.at(m))).maxTokens() >= tokens)
        .findFirst().orElse(null);
    if (nearest == null) {
      return Optional.empty();
    }
    int longest = longest(group.at(nearest));
    Trajectory s1 = smooth.at(r1).get(0);
    Trajectory s2 = smooth.at(r2).get(0);
    Trajectory noisy = group.at(nearest).get(longest);
    Trajectory fitted = smooth.at(nearest).get(longest);
    int k = 0;
    while (k < noisy.size() && noisy.tokensAt(k) <= tokens) {
      k++;
    }
    double[] tok = Arrays.copyOf(noisy.tokens(), k);
    if (s1.size() < k || s2.size() < k || !Arrays.equals(tok, Arrays.copyOf(s1.tokens(), k))
        || !Arrays.equals(tok, Arrays.copyOf(s2.tokens(), k))) {
      return Optional.empty();
    }
    double[] g = Arrays.copyOf(noisy.generalLoss(), k);
    double[] d = Arrays.copyOf(noisy.domainLoss(), k);
    for (int i = 0; i < tok.length; i++) {
      if (tok[i] > 0) {
        g[i] += w * s1.generalAt(i) + (1 - w) * s2.generalAt(i) - fitted.generalAt(i);
        d[i] += w * s1.domainAt(i) + (1 - w) * s2.domainAt(i) - fitted.domainAt(i);
      }
    }
    return Optional.of(new Trajectory(r, 0, tok, g, d));
  }

  /** The index of the run with the most tokens (the first such), so a simulation never starts from a short one. */
  private static int longest(List<Trajectory> runs) {
    int best = 0;
    for (int i = 1; i < runs.size(); i++) {
      if (runs.get(i).maxTokens() > runs.get(best).maxTokens()) {
        best = i;
      }
    }
    return best;
  }

  /** Robust sd: the 16-84 % quantile range over 2 z(0.84); NaN with fewer than 3 values. */
  private static double spread(double[] values) {
    if (values.length < 3) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    return (Bootstrap.quantile(v, 0.84) - Bootstrap.quantile(v, 0.16)) / (2 * Z84);
  }

  private double partialVariance(Bootstrap bootstrap, CmrPipeline pipeline, Group group, double ratio) {
    double[] values = new double[partialReplicates];
    int n = 0;
    long bits = Double.doubleToLongBits(ratio);
    for (int b = 0; b < partialReplicates; b++) {
      SplittableRandom rng = new SplittableRandom(settings.seed() ^ group.key().stableHash() ^ (bits * 31 + b));
      Optional<Group> drawn = bootstrap.drawOnly(group, ratio, rng);
      GroupFit fit = drawn.isEmpty() ? null : pipeline.fitReplicate(drawn.get(), group.tMax());
      if (fit != null && fit.ok() && Double.isFinite(fit.cmr())) {
        values[n++] = fit.cmr();
      }
    }
    if (n < 3) {
      // the ratio's own noise breaks the fit: its share is as large as the answer's whole range
      return 0.25;
    }
    double sd = spread(Arrays.copyOf(values, n));
    return sd * sd;
  }
}
