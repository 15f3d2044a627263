package io.cmrsweep.fit.bootstrap;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.FitStatus;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.cmr.Sensitivity;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupKey;
import io.cmrsweep.fit.group.Trajectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bootstrap of the CMR (DESIGN 1.1 step 5). Replicate b of a group draws from a generator seeded by
 * (settings.seed, group key, b) only, so a replicate is the same whether it is computed alone, in a
 * batch, or on any Spark executor. Resampling ({@link Resampling}; AUTO picks): whole trajectories by seed
 * within each ratio when every ratio has at least 2 seeds (a cluster bootstrap: checkpoints of one run share
 * its noise), else {@link #SINGLE_TRAJECTORY}, a wild bootstrap around the fitted token laws that keeps every
 * checkpoint (the real-data study in bench/results/calibration-study.md chose it). CHECKPOINT, RESIDUAL and
 * BLOCK can be forced. T_max stays the original group's. Seed-cluster intervals are widened for few runs
 * ({@link Widening}).
 */
public final class Bootstrap implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** What AUTO resamples when some ratio has a single seed. */
  public static final Resampling SINGLE_TRAJECTORY = Resampling.WILD;
  /** From this many runs per ratio the widening's df needs no jackknife (see {@link #widening}). */
  static final int JACKKNIFE_RUNS = 30;
  private final FitSettings settings;
  private final CmrPipeline pipeline;
  /** Each group's fitted losses for resampling around the fit; a pure function of the group, so caching is safe. */
  private transient volatile Map<Group, Optional<Group>> smoothCache;

  public Bootstrap(FitSettings settings) {
    this.settings = settings;
    this.pipeline = new CmrPipeline(settings);
  }

  public FitSettings settings() {
    return settings;
  }

  /** The resampling unit used for {@code group} under the settings. */
  public Resampling unitFor(Group group) {
    if (settings.resampling() != Resampling.AUTO) {
      return settings.resampling();
    }
    return runs(group) >= 2 ? Resampling.SEED : SINGLE_TRAJECTORY;
  }

  /** The fewest runs (seeds) of any ratio > 0 of {@code group}; 0 without such ratios. */
  static int runs(Group group) {
    Map<Double, Integer> seeds = new TreeMap<>();
    for (Trajectory t : group.trajectories()) {
      if (t.ratio() > 0) {
        seeds.merge(t.ratio(), 1, Integer::sum);
      }
    }
    return seeds.values().stream().mapToInt(Integer::intValue).min().orElse(0);
  }

  /**
   * The few-cluster widening of {@code group}'s intervals ({@link Widening}): none unless the bootstrap
   * resamples runs; else t with the Satterthwaite df of the stratified jackknife (one fit per run), falling
   * back to the fewest runs minus one where a delete-one fit fails. From {@link #JACKKNIFE_RUNS} runs on, df is
   * the fewest runs minus one without the jackknife's fits: t is then within 4 % of z either way.
   */
  public Widening widening(Group group, GroupFit point) {
    Resampling unit = unitFor(group);
    int runs = runs(group);
    if (unit != Resampling.SEED || runs < 2 || !point.ok()) {
      return Widening.none(unit, runs);
    }
    double df = runs >= JACKKNIFE_RUNS ? runs - 1.0
        : new ClusterJackknife(pipeline).degreesOfFreedom(group, runs - 1.0);
    return Widening.seedCluster(runs, df, settings.level());
  }

  /** Replicate {@code b} (b >= 0) of {@code group}. Never throws for bad data: failures are values. */
  public Replicate replicate(Group group, int b) {
    if (b < 0) {
      throw new IllegalArgumentException("replicate index b=" + b + " must be >= 0");
    }
    double[] grid = settings.curveGrid();
    SplittableRandom rng = new SplittableRandom(seedOf(settings.seed(), group.key(), b));
    Optional<Group> drawn = draw(group, unitFor(group), rng);
    if (drawn.isEmpty()) {
      double[] nan = new double[grid.length];
      Arrays.fill(nan, Double.NaN);
      return new Replicate(b, Double.NaN, nan, FitStatus.LAW_DID_NOT_CONVERGE.label(), Binding.NONE, Double.NaN,
          Double.NaN, Sensitivity.none(settings));
    }
    Group resampled = drawn.get();
    GroupFit fit = pipeline.fitReplicate(resampled, group.tMax());
    if (!fit.ok()) {
      double[] nan = new double[grid.length];
      Arrays.fill(nan, Double.NaN);
      return new Replicate(b, Double.NaN, nan, fit.status().label(), Binding.NONE, fit.supA(), fit.lawCmr(),
          fit.sensitivity());
    }
    return new Replicate(b, fit.cmr(), fit.curveValues(), "", fit.binding(), fit.supA(), fit.lawCmr(),
        fit.sensitivity());
  }

  /** Point estimate, replicates 0..replicates-1 and their summary, in this thread. */
  public BootstrapRun runAll(Group group, int replicates) {
    if (replicates < 0) {
      throw new IllegalArgumentException("replicates=" + replicates + " must be >= 0");
    }
    GroupFit point = pipeline.fit(group);
    List<Replicate> reps = new ArrayList<>(replicates);
    if (point.ok()) {
      for (int b = 0; b < replicates; b++) {
        reps.add(replicate(group, b));
      }
    }
    return new BootstrapRun(point, reps, summarize(group, point, reps));
  }

  /**
   * Percentile interval at settings.level over the successful replicates, read through the group's
   * {@link Widening} around the point estimate (CMR, curve, sup A, law value and sensitivity alike); failures
   * counted by reason.
   */
  public BootstrapSummary summarize(Group group, GroupFit point, List<Replicate> replicates) {
    return summarize(point, replicates, replicates.isEmpty() ? Widening.none(unitFor(group), runs(group))
        : widening(group, point));
  }

  /** As {@link #summarize(Group, GroupFit, List)} with the widening given. */
  public BootstrapSummary summarize(GroupFit point, List<Replicate> replicates, Widening widening) {
    double lo = (1 - settings.level()) / 2;
    double hi = 1 - lo;
    Map<String, Integer> failures = new TreeMap<>();
    double[] raw = replicates.stream().filter(Replicate::ok).mapToDouble(Replicate::cmr).sorted().toArray();
    double cmrCenter = centerOf(point.cmr(), raw);
    double[] values = Arrays.stream(raw).map(v -> widening.applyToShare(cmrCenter, v)).toArray();
    for (Replicate r : replicates) {
      if (!r.ok()) {
        failures.merge(r.failure(), 1, Integer::sum);
      }
    }
    double[] tokens = point.curveTokens();
    double[] centers = point.curveValues();
    double[] bandLow = new double[tokens.length];
    double[] bandHigh = new double[tokens.length];
    double[] column = new double[replicates.size()];
    for (int i = 0; i < tokens.length; i++) {
      int n = 0;
      for (Replicate r : replicates) {
        if (r.ok() && i < r.curveLength() && !Double.isNaN(r.curveAt(i))) {
          column[n++] = r.curveAt(i);
        }
      }
      double[] sorted = Arrays.copyOf(column, n);
      Arrays.sort(sorted);
      double center = centerOf(centers[i], sorted);
      bandLow[i] = widening.applyToShare(center, quantile(sorted, lo));
      bandHigh[i] = widening.applyToShare(center, quantile(sorted, hi));
    }
    return new BootstrapSummary(settings.level(), replicates.size(), replicates.size() - values.length, failures,
        quantile(values, lo), quantile(values, hi), values, tokens, bandLow, bandHigh,
        ConstraintSummary.of(replicates, point, widening, lo, hi),
        SensitivityBands.of(replicates, point.sensitivity(), widening, settings, lo, hi), widening);
  }

  /** The point estimate where it is defined, else the replicates' median: what a widening reads around. */
  static double centerOf(double point, double[] sorted) {
    return Double.isFinite(point) ? point : quantile(sorted, 0.5);
  }

  /** Linear-interpolation quantile (type 7) of ascending values; NaN when empty. */
  public static double quantile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double h = (sorted.length - 1) * p;
    int i = (int) Math.floor(h);
    if (i + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
  }

  /** SplitMix64-mixed seed of replicate b: depends on nothing else. */
  static long seedOf(long seed, GroupKey key, int b) {
    long h = mix(seed);
    h = mix(h ^ key.stableHash());
    return mix(h ^ (0x9E3779B97F4A7C15L * (b + 1L)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A resampled copy of {@code group}; empty when resampling around the fit is asked for and the group's
   * token laws do not converge. The fitted group is computed once per group and Bootstrap instance.
   */
  Optional<Group> draw(Group group, Resampling unit, SplittableRandom rng) {
    if (!aroundFit(unit)) {
      return Optional.of(resample(group, unit, rng));
    }
    Map<Group, Optional<Group>> cache = smoothCache;
    if (cache == null) {
      synchronized (this) {
        if (smoothCache == null) {
          smoothCache = new ConcurrentHashMap<>();
        }
        cache = smoothCache;
      }
    }
    return cache.computeIfAbsent(group, pipeline::smoothed)
        .map(smooth -> ResidualResampling.resample(group, smooth, unit, rng));
  }

  /**
   * A draw of {@code group} in which only the runs of {@code ratio} are resampled, with the unit the group's own
   * bootstrap uses ({@link #unitFor}): its seeds under the seed cluster, its checkpoints, or its losses around the
   * fitted token laws (the whole group's fit, so the draw of that ratio is exactly a replicate's); every other
   * ratio stays as measured. What one ratio's noise alone does to the answer (the adaptive planner's variance
   * shares). Empty when resampling around the fit is asked for and the token laws do not converge.
   */
  public Optional<Group> drawOnly(Group group, double ratio, SplittableRandom rng) {
    Resampling unit = unitFor(group);
    List<Trajectory> cell = group.at(ratio);
    List<Trajectory> out = new ArrayList<>();
    for (Trajectory t : group.trajectories()) {
      if (Double.compare(t.ratio(), ratio) != 0) {
        out.add(t);
      }
    }
    if (unit == Resampling.SEED) {
      for (int i = 0; i < cell.size(); i++) {
        out.add(cell.get(rng.nextInt(cell.size())));
      }
    } else if (unit == Resampling.CHECKPOINT) {
      cell.forEach(t -> out.add(resampleCheckpoints(t, rng)));
    } else {
      Optional<Group> drawn = draw(group, unit, rng);
      if (drawn.isEmpty()) {
        return Optional.empty();
      }
      out.addAll(drawn.get().at(ratio));
    }
    return Optional.of(group.withTrajectories(out));
  }

  private static boolean aroundFit(Resampling unit) {
    return unit == Resampling.RESIDUAL || unit == Resampling.WILD || unit == Resampling.BLOCK;
  }

  static Group resample(Group group, Resampling unit, SplittableRandom rng) {
    List<Trajectory> out = new ArrayList<>();
    if (unit == Resampling.SEED) {
      for (double ratio : group.ratios()) {
        List<Trajectory> cell = group.at(ratio);
        for (int i = 0; i < cell.size(); i++) {
          out.add(cell.get(rng.nextInt(cell.size())));
        }
      }
    } else if (unit == Resampling.CHECKPOINT) {
      for (Trajectory t : group.trajectories()) {
        out.add(resampleCheckpoints(t, rng));
      }
    } else {
      throw new IllegalArgumentException("resampling=" + unit.label() + " needs the fitted group; use draw");
    }
    return group.withTrajectories(out);
  }

  /** {@code t}'s checkpoints drawn with replacement (in token order), the T = 0 base point always kept. */
  public static Trajectory resampleCheckpoints(Trajectory t, SplittableRandom rng) {
    int first = t.hasBasePoint() ? 1 : 0;
    int n = t.size() - first;
    int[] pick = new int[n];
    for (int i = 0; i < n; i++) {
      pick[i] = first + rng.nextInt(n);
    }
    Arrays.sort(pick);
    int size = first + n;
    double[] tok = new double[size];
    double[] g = new double[size];
    double[] d = new double[size];
    if (first == 1) {
      tok[0] = t.tokensAt(0);
      g[0] = t.generalAt(0);
      d[0] = t.domainAt(0);
    }
    for (int i = 0; i < n; i++) {
      tok[first + i] = t.tokensAt(pick[i]);
      g[first + i] = t.generalAt(pick[i]);
      d[first + i] = t.domainAt(pick[i]);
    }
    return new Trajectory(t.ratio(), t.seed(), tok, g, d);
  }
}
