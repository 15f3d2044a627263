package io.cmrsweep.bench.fit;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.fit.adaptive.AdaptivePlanner;
import io.cmrsweep.fit.adaptive.Budget;
import io.cmrsweep.fit.adaptive.Cell;
import io.cmrsweep.fit.adaptive.Goal;
import io.cmrsweep.fit.adaptive.GroupWidth;
import io.cmrsweep.fit.adaptive.RoundPlan;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.size.SizePoint;
import io.cmrsweep.fit.size.SizePredictor;
import io.cmrsweep.fit.size.SizeSweep;
import io.cmrsweep.fit.synthetic.TruthCells;
import io.cmrsweep.fit.truth.GeneralRise;
import io.cmrsweep.fit.truth.SizeLaw;
import io.cmrsweep.fit.truth.SizeLawForm;
import io.cmrsweep.fit.truth.TruthModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Efficiency of adaptive sweeps (issue 13): trial tokens to reach a CMR interval width of {@code target} for
 * every swept size, adaptive (the planner the coordinator uses, {@link AdaptivePlanner}, driven directly: no
 * processes, no ledger) versus a fixed paper-style grid (6 ratios x all sizes x one token budget, one more seed
 * of the whole grid per round until every size reaches the width), or with {@code -Dpredict} the width of the
 * CMR predicted at a larger size. Both stop on the same width rule (bootstrap B = {@code B}); the reported interval
 * of each finished sweep is then fitted with {@link #FINAL_B} replicates and checked against the truth (coverage of
 * the 95 % interval). Truths: random size laws and CMR-law shapes around {@link TruthModel#defaults()}. Usage:
 * AdaptiveBench truths noise... threads
 */
public final class AdaptiveBench {
  static final double[] RATIOS = {0.15, 0.25, 0.35, 0.45, 0.55, 0.7};
  /**
   * {@code -Dpredict=N}: the goal is the CMR predicted at N parameters (adaptive.target: predicted) from three
   * swept sizes, with logit-linear size-law truths (the family the default law for 3 sizes fits); unset: every
   * swept size's own CMR, from two sizes.
   */
  static final PredictParams PREDICT = System.getProperty("predict") == null ? PredictParams.none()
      : PredictParams.of(List.of(Double.parseDouble(System.getProperty("predict"))), "-Dpredict");
  static final Map<String, Long> SIZES = PREDICT.isEmpty()
      ? Map.of("m300m", 300_000_000L, "m3b", 3_000_000_000L)
      : Map.of("m300m", 300_000_000L, "m1b", 1_000_000_000L, "m3b", 3_000_000_000L);
  static final long TOKENS = 2_000_000_000L;
  static final int SEEDS = 8;
  static final int B = 40;
  /** {@code -Dtarget=W}: the interval width to reach (default 0.02). */
  static final double TARGET = Double.parseDouble(System.getProperty("target", "0.02"));
  static final int FINAL_B = 100;
  /** {@code -Dverbose=true}: every round's widths and choices (run it with one truth and one thread). */
  static final boolean VERBOSE = Boolean.getBoolean("verbose");
  /** {@code -Dfirst=N}: start at truth N (with truths = N + 1, that truth alone). */
  /** {@code -Dinitial=N}: ratios of the adaptive sweep's initial design per size (default 3). */
  static final int INITIAL = Integer.getInteger("initial", 3);
  /** {@code -Dbatch=N}: most cells per adaptive round (default 2: one per size and round). */
  static final int BATCH = Integer.getInteger("batch", 2);
  /**
   * {@code -Dbudgets=0.5,1}: the adaptive sweep's candidate token budgets as fractions of the full budget (a shorter
   * run is the prefix of the full one); default 1 alone. The grid always runs the full budget.
   */
  static final double[] BUDGETS = Arrays.stream(System.getProperty("budgets", "1").split(","))
      .mapToDouble(Double::parseDouble).sorted().toArray();

  record Outcome(long tokens, boolean reached, int covered, int groups, double width) {}

  record Pair(int truth, double noise, Outcome adaptive, Outcome grid) {}

  public static void main(String[] args) throws Exception {
    int truths = Integer.parseInt(args[0]);
    List<Double> noises = new ArrayList<>();
    for (int i = 1; i < args.length - 1; i++) {
      noises.add(Double.parseDouble(args[i]));
    }
    int threads = Integer.parseInt(args[args.length - 1]);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CompletionService<Pair> jobs = new ExecutorCompletionService<>(pool);
    int submitted = 0;
    for (int t = Integer.getInteger("first", 0); t < truths; t++) {
      for (double noise : noises) {
        int truth = t;
        jobs.submit(() -> new Pair(truth, noise, adaptive(cells(truth, noise)), grid(cells(truth, noise))));
        submitted++;
      }
    }
    System.out.printf(Locale.ROOT, "# adaptive vs grid, target width %.3f " + (PREDICT.isEmpty() ? "per size"
        : "of the CMR predicted at " + PREDICT.targets()) + ", %d sizes, ratios %s, seeds up to"
        + " %d, B=%d (stopping) / " + FINAL_B + " (reported interval), %d truths, adaptive initial design %d ratios"
        + " per size, batch %d, adaptive budgets %s of %d tokens%n", TARGET, SIZES.size(), Arrays.toString(RATIOS),
        SEEDS, B, truths, INITIAL, BATCH, Arrays.toString(BUDGETS), TOKENS);
    System.out.println("truth noise adaptive_tokens adaptive_reached adaptive_covered grid_tokens grid_reached"
        + " grid_covered groups ratio");
    List<Pair> done = new ArrayList<>();
    for (int i = 0; i < submitted; i++) {
      Pair p = jobs.take().get();
      done.add(p);
      System.out.printf(Locale.ROOT, "%d %.0e %d %b %d %d %b %d %d %.2f%n", p.truth, p.noise, p.adaptive.tokens,
          p.adaptive.reached, p.adaptive.covered, p.grid.tokens, p.grid.reached, p.grid.covered, p.adaptive.groups,
          (double) p.grid.tokens / p.adaptive.tokens);
      summarize(done, noises);
      System.out.flush();
    }
    pool.shutdown();
  }

  /** The summary so far, one line per noise (printed after every sweep, so a stopped run still has one). */
  static void summarize(List<Pair> done, List<Double> noises) {
    for (double noise : noises) {
      List<Pair> at = done.stream().filter(p -> p.noise == noise).toList();
      List<Pair> both = at.stream().filter(p -> p.adaptive.reached && p.grid.reached).toList();
      double[] ratios = both.stream().mapToDouble(p -> (double) p.grid.tokens / p.adaptive.tokens).sorted().toArray();
      double sumA = both.stream().mapToDouble(p -> p.adaptive.tokens).sum();
      double sumG = both.stream().mapToDouble(p -> p.grid.tokens).sum();
      int groups = at.stream().mapToInt(p -> p.adaptive.groups).sum();
      int covA = at.stream().mapToInt(p -> p.adaptive.covered).sum();
      int covG = at.stream().mapToInt(p -> p.grid.covered).sum();
      if (at.isEmpty()) {
        continue;
      }
      String of = PREDICT.isEmpty() ? " (all sizes)" : " (the prediction)";
      System.out.printf(Locale.ROOT, "# summary after %d sweeps: noise %.0e: %d sweeps, adaptive reached the target"
          + " in %d, grid in %d; both in %d: grid/adaptive tokens total %.2fx, median %.2fx (min %.2f, max %.2f);"
          + " coverage of the 95%% interval" + of + " adaptive %.1f%% (%d/%d), grid %.1f%% (%d/%d)%n", done.size(),
          noise, at.size(),
          at.stream().filter(p -> p.adaptive.reached).count(), at.stream().filter(p -> p.grid.reached).count(),
          both.size(), sumG / sumA, ratios.length == 0 ? Double.NaN : ratios[ratios.length / 2],
          ratios.length == 0 ? Double.NaN : ratios[0], ratios.length == 0 ? Double.NaN : ratios[ratios.length - 1],
          100.0 * covA / groups, covA, groups, 100.0 * covG / groups, covG, groups);
      // the grid's tokens at its seed cap are a lower bound of what it needs where it did not reach the width
      List<Pair> adaptiveReached = at.stream().filter(p -> p.adaptive.reached).toList();
      if (adaptiveReached.size() > both.size()) {
        double[] bounds = adaptiveReached.stream().mapToDouble(p -> (double) p.grid.tokens / p.adaptive.tokens)
            .sorted().toArray();
        System.out.printf(Locale.ROOT, "#   with the %d sweeps the grid did not reach within %d seeds counted at its"
            + " cap (a lower bound): over the %d sweeps adaptive reached, grid/adaptive tokens total >= %.2fx, median"
            + " >= %.2fx%n", adaptiveReached.size() - both.size(), SEEDS, adaptiveReached.size(),
            adaptiveReached.stream().mapToDouble(p -> p.grid.tokens).sum()
                / adaptiveReached.stream().mapToDouble(p -> p.adaptive.tokens).sum(), bounds[bounds.length / 2]);
      }
    }
  }

  /**
   * Truth t: a random size law and CMR-law shape, each swept size's CMR inside the ratio range: a power law, or
   * with {@link #PREDICT} a logit-linear one (CMR 0.3-0.5 at 1B parameters, rising 0.05-0.25 in logit per e-fold).
   */
  static TruthCells cells(int t, double noise) {
    SplittableRandom r = new SplittableRandom(1000L + t);
    double c = 0.5 + 0.15 * r.nextDouble();
    double k = 0.1 + 0.12 * r.nextDouble();
    double g = 0.2 + 0.2 * r.nextDouble();
    double s4 = 0.35 + 0.35 * r.nextDouble();
    double b4 = 0.1 * r.nextDouble();
    SizeLaw law = new SizeLaw(SizeLawForm.POWER, c, k, g);
    if (!PREDICT.isEmpty()) {
      double at1b = 0.3 + 0.2 * r.nextDouble();
      law = new SizeLaw(SizeLawForm.LOGIT_LINEAR, Math.log(at1b / (1 - at1b)), 0.05 + 0.2 * r.nextDouble(), 1);
    }
    TruthModel truth = new TruthModel(law, s4, b4, 1000, 0.05, new GeneralRise.Implied(), 2.5, 3.1);
    return new TruthCells(truth, SIZES, 24, TOKENS, noise, 77L + t);
  }

  /** The grid's cells: every ratio and seed at the full budget. */
  static List<Cell> candidates() {
    return candidates(new double[] {1});
  }

  static List<Cell> candidates(double[] budgets) {
    List<Cell> out = new ArrayList<>();
    for (String m : SIZES.keySet().stream().sorted().toList()) {
      for (double ratio : RATIOS) {
        for (int s = 0; s < SEEDS; s++) {
          for (double b : budgets) {
            out.add(new Cell("dom", m, ratio, s, Math.round(b * TOKENS)));
          }
        }
      }
    }
    return out;
  }

  static AdaptivePlanner planner() {
    return new AdaptivePlanner(FitSettings.defaults(), B, 10);
  }

  static Outcome adaptive(TruthCells truth) {
    AdaptivePlanner planner = planner();
    List<Cell> all = candidates(BUDGETS);
    List<Cell> run = new ArrayList<>(planner.initial(all, INITIAL));
    Goal goal = goal(candidates().size());
    while (true) {
      List<Group> groups = new GroupAssembler().assemble(truth.records(Cell.longest(run)));
      RoundPlan plan = planner.next(groups, run, all, goal);
      if (VERBOSE) {
        System.out.printf(Locale.ROOT, "#   adaptive %d cells: %s%n", run.size(), plan.reason());
        plan.choices().forEach(ch -> System.out.println("#     + " + ch.cell() + ": " + ch.reason()));
      }
      if (plan.outcome().stops()) {
        return finish(truth, run, groups, plan.outcome() == RoundPlan.Outcome.TARGET_REACHED);
      }
      plan.choices().forEach(ch -> run.add(ch.cell()));
    }
  }

  static Goal goal(int trials) {
    return new Goal(TARGET, Budget.trials(trials), BATCH, PREDICT);
  }

  static Outcome grid(TruthCells truth) {
    AdaptivePlanner planner = planner();
    List<Cell> run = new ArrayList<>();
    for (int seeds = 1; seeds <= SEEDS; seeds++) {
      int s = seeds - 1;
      candidates().stream().filter(c -> c.seed() == s).forEach(run::add);
      List<Group> groups = new GroupAssembler().assemble(truth.records(run));
      List<GroupWidth> widths = planner.targetWidths(groups, goal(candidates().size()));
      if (VERBOSE) {
        System.out.printf(Locale.ROOT, "#   grid %d seed(s): %s%n", seeds, widths.stream()
            .map(w -> w.group() + " " + String.format(Locale.ROOT, "%.4f", w.width())).toList());
      }
      if (widths.stream().allMatch(w -> w.reached(TARGET)) || seeds == SEEDS) {
        return finish(truth, run, groups, widths.stream().allMatch(w -> w.reached(TARGET)));
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * The reported interval of a finished sweep ({@link #FINAL_B} replicates) and whether it covers the truth: each
   * size's CMR, or with {@link #PREDICT} the CMR predicted at the target size (the fit job's size law).
   */
  static Outcome finish(TruthCells truth, List<Cell> run, List<Group> groups, boolean reached) {
    Bootstrap boot = new Bootstrap(FitSettings.defaults().withBootstrap(FINAL_B));
    int covered = 0;
    double widest = 0;
    List<SizePoint> points = new ArrayList<>();
    for (Group g : groups) {
      BootstrapRun b = boot.runAll(g, FINAL_B);
      points.add(SizeSweep.point(b.point(), b.summary(), b.replicates(), FINAL_B));
      if (PREDICT.isEmpty()) {
        double lo = b.summary().ciLow();
        double hi = b.summary().ciHigh();
        double cmr = truth.trueCmr(g.key().model());
        if (cmr >= lo && cmr <= hi) {
          covered++;
        }
        widest = Math.max(widest, hi - lo);
      }
    }
    long tokens = Cell.longest(run).stream().mapToLong(Cell::tokens).sum(); // an extension trains only the rest
    if (PREDICT.isEmpty()) {
      return new Outcome(tokens, reached, covered, groups.size(), widest);
    }
    PredictionRow row = SizePredictor.byEvidence(FitSettings.defaults().level())
        .predict(groups.get(0).key().sweep(), "dom", points, PREDICT).get(0);
    double cmr = truth.truth().cmr(PREDICT.targets().get(0));
    boolean in = row.predicted() && cmr >= row.ciLow() && cmr <= row.ciHigh();
    return new Outcome(tokens, reached, in ? 1 : 0, 1, row.ciHigh() - row.ciLow());
  }
}
