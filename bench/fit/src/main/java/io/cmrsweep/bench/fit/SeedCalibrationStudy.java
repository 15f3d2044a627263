package io.cmrsweep.bench.fit;

import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.cmr.RatioFit;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.Trajectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The real-data calibration study (issue 12 parts 1-2): a many-seed sweep is fitted per model with each seed
 * alone and with the seeds pooled (records of several sweeps of one grid count as one study); the seed-to-seed
 * spread of the CMR, sup A, T0 and the CMR-law parameters is set against the interval that each single-seed fit
 * reports under every resampling mode. Prints Markdown.
 * Usage: SeedCalibrationStudy losses-dir [replicates=200] [threads=2] [modes=checkpoint,residual,wild,block].
 */
public final class SeedCalibrationStudy {
  private static final double Z = 1.959964;
  private final FitSettings settings;
  private final int replicates;
  private final List<Resampling> modes;
  private final ExecutorService pool;
  private final StringBuilder out = new StringBuilder();

  SeedCalibrationStudy(FitSettings settings, int replicates, List<Resampling> modes, ExecutorService pool) {
    this.settings = settings;
    this.replicates = replicates;
    this.modes = List.copyOf(modes);
    this.pool = pool;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SeedCalibrationStudy losses-dir [replicates=200] [threads=2] [modes]");
      System.exit(2);
    }
    int replicates = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<Resampling> modes = new ArrayList<>();
    for (String m : (args.length > 3 ? args[3] : "checkpoint,residual,wild,block").split(",")) {
      modes.add(Resampling.parse(m).orElseThrow(() -> new IllegalArgumentException("mode " + m)));
    }
    // Seeds run as separate sweeps of the same grid (e.g. seeds 1-3 and 4-6) are one study: pool them by model.
    List<LossRecord> records = new LossFiles(new Configuration()).readAll(new Path(args[0]), LossFormat.PARQUET)
        .stream().map(r -> new LossRecord("study", r.trialId(), r.domain(), r.model(), r.modelParams(), r.ratio(),
            r.seed(), r.step(), r.tokens(), r.generalLoss(), r.domainLoss(), r.attempt(), r.generalBitsPerByte(),
            r.domainBitsPerByte())).toList();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      SeedCalibrationStudy study = new SeedCalibrationStudy(FitSettings.defaults(), replicates, modes, pool);
      long start = System.nanoTime();
      for (Group g : new GroupAssembler().assemble(records)) {
        study.model(g);
      }
      study.out.append(String.format(Locale.ROOT, "%ntime %.0f s%n", (System.nanoTime() - start) / 1e9));
      System.out.print(study.out);
    } finally {
      pool.shutdown();
    }
  }

  /** One seed's fit: the point estimate and one bootstrap run per mode. */
  record SeedResult(int seed, GroupFit point, List<BootstrapRun> runs) {}

  void model(Group group) throws Exception {
    int[] seeds = group.trajectories().stream().mapToInt(Trajectory::seed).distinct().sorted().toArray();
    List<Future<SeedResult>> futures = new ArrayList<>();
    for (int s : seeds) {
      futures.add(pool.submit(() -> seedResult(group, s)));
    }
    Future<BootstrapRun> pooledFuture = pool.submit(() ->
        new Bootstrap(settings.withResampling(Resampling.SEED)).runAll(group, replicates));
    List<SeedResult> results = new ArrayList<>();
    for (Future<SeedResult> f : futures) {
      results.add(f.get());
    }
    BootstrapRun pooled = pooledFuture.get();
    GroupFit pf = pooled.point();
    double tMax = group.tMax();
    List<Double> ratios = group.ratios().stream().filter(r -> r > 0).toList();
    line("## Model %s (%d params), %d seeds, T_max = %.0f tokens, B = %d per fit", group.key().model(),
        group.modelParams(), seeds.length, tMax, replicates);
    line("");
    line("Pooled (%d seeds): CMR %s, 95 %% seed-cluster interval [%s, %s] (half-width/1.96 %s; widened %sx, t with"
        + " %s df), sup A %s, status %s.", seeds.length, f(pf.cmr()), f(pooled.summary().ciLow()),
        f(pooled.summary().ciHigh()), f(halfSd(pooled)), f(pooled.summary().widening().factor()),
        f(pooled.summary().widening().degreesOfFreedom()), f(pf.supA()), pf.status().label());
    line("");
    StringBuilder head = new StringBuilder("| seed | CMR | sup A | a4 | s4 | b4 |");
    StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|");
    for (double r : ratios) {
      head.append(" T0/Tmax R=").append(r).append(" |");
      rule.append("---|");
    }
    for (Resampling m : modes) {
      head.append(" hw/1.96 ").append(m.label()).append(" |");
      rule.append("---|");
    }
    line(head.toString());
    line(rule.toString());
    List<double[]> columns = new ArrayList<>();
    for (SeedResult sr : results) {
      double[] row = row(sr, ratios, tMax);
      columns.add(row);
      StringBuilder b = new StringBuilder("| " + sr.seed() + " |");
      for (double v : row) {
        b.append(' ').append(f(v)).append(" |");
      }
      if (!sr.point().ok()) {
        b.append(" ").append(sr.point().status().label());
      }
      line(b.toString());
    }
    int width = columns.get(0).length;
    double[] sds = new double[width];
    StringBuilder sdRow = new StringBuilder("| **seed sd** |");
    StringBuilder rangeRow = new StringBuilder("| **range** |");
    for (int c = 0; c < width; c++) {
      double[] col = column(columns, c);
      sds[c] = sd(col);
      sdRow.append(' ').append(f(sds[c])).append(" |");
      rangeRow.append(' ').append(f(range(col))).append(" |");
    }
    line(sdRow.toString());
    line(rangeRow.toString());
    double[] pooledRow = row(new SeedResult(-1, pf, List.of()), ratios, tMax);
    StringBuilder pr = new StringBuilder("| **pooled** |");
    for (int c = 0; c < width - modes.size(); c++) {
      pr.append(' ').append(f(pooledRow[c])).append(" |");
    }
    line(pr.toString());
    line("");
    double seedSd = sds[0];
    double[] cmrs = column(columns, 0);
    line("Interval per resampling against the seed-to-seed sd of the CMR (%s); target ratio 0.7-1.5:", f(seedSd));
    line("");
    line("| resampling | mean hw/1.96 | ratio to seed sd | mean replicate sd | covers pooled CMR | covers other seeds' CMR"
        + " (expect ~83 % if calibrated) | failed replicates |");
    line("|---|---|---|---|---|---|---|");
    for (int m = 0; m < modes.size(); m++) {
      double hw = 0;
      double repSd = 0;
      int n = 0;
      int coverPooled = 0;
      int coverOther = 0;
      int pairs = 0;
      int failed = 0;
      int total = 0;
      for (int i = 0; i < results.size(); i++) {
        SeedResult sr = results.get(i);
        if (!sr.point().ok()) {
          continue;
        }
        BootstrapRun run = sr.runs().get(m);
        failed += run.summary().failed();
        total += run.summary().replicates();
        double lo = run.summary().ciLow();
        double hi = run.summary().ciHigh();
        if (Double.isNaN(lo)) {
          continue;
        }
        n++;
        hw += halfSd(run);
        repSd += sd(run.summary().distribution());
        coverPooled += lo <= pf.cmr() && pf.cmr() <= hi ? 1 : 0;
        for (int j = 0; j < results.size(); j++) {
          if (j != i && !Double.isNaN(cmrs[j])) {
            pairs++;
            coverOther += lo <= cmrs[j] && cmrs[j] <= hi ? 1 : 0;
          }
        }
      }
      line("| %s | %s | %s | %s | %d/%d | %d/%d | %d/%d |", modes.get(m).label(), f(hw / n), f(hw / n / seedSd),
          f(repSd / n), coverPooled, n, coverOther, pairs, failed, total);
    }
    line("");
    pooledSubsets(group, seeds, seedSd, pf.cmr(), pooled);
    residuals(group, seeds, ratios);
    design(group, seeds);
  }

  /**
   * The seed-cluster interval (with its few-cluster widening) from disjoint pools of k seeds, k = 2, 3 and all,
   * against the spread a pool's estimate should have, seed sd / sqrt(k) (seed sd of the single-seed estimates).
   */
  private void pooledSubsets(Group group, int[] seeds, double seedSd, double allCmr, BootstrapRun all)
      throws Exception {
    line("Seed-cluster intervals from disjoint pools of k seeds (widened for few runs, DESIGN 1.1 step 5) against"
        + " seed sd / sqrt(k); target ratio 0.7-1.5:");
    line("");
    line("| k seeds | pools | mean widening | mean df | mean hw/1.96 | seed sd / sqrt(k) | ratio | unwidened ratio |"
        + " pools covering the all-seed CMR |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (int k : new int[] {2, 3, seeds.length}) {
      if (k > seeds.length || (k == seeds.length && k <= 3)) {
        continue;
      }
      List<Future<BootstrapRun>> runs = new ArrayList<>();
      for (int from = 0; from + k <= seeds.length; from += k) {
        int lo = from;
        int size = k;
        Group sub = filter(group, t -> {
          int idx = Arrays.binarySearch(seeds, t.seed());
          return idx >= lo && idx < lo + size;
        });
        runs.add(k == seeds.length ? java.util.concurrent.CompletableFuture.completedFuture(all)
            : pool.submit(() -> new Bootstrap(settings.withResampling(Resampling.SEED)).runAll(sub, replicates)));
      }
      double widening = 0;
      double df = 0;
      double hw = 0;
      int covered = 0;
      int n = 0;
      for (Future<BootstrapRun> f : runs) {
        BootstrapRun r = f.get();
        if (!r.point().ok() || Double.isNaN(r.summary().ciLow())) {
          continue;
        }
        n++;
        widening += r.summary().widening().factor();
        df += r.summary().widening().degreesOfFreedom();
        hw += halfSd(r);
        covered += r.summary().ciLow() <= allCmr && allCmr <= r.summary().ciHigh() ? 1 : 0;
      }
      double target = seedSd / Math.sqrt(k);
      line("| %d | %d | %s | %s | %s | %s | %s | %s | %d/%d |", k, n, f(widening / n), f(df / n), f(hw / n),
          f(target), f(hw / n / target), f(hw / n / target / (widening / n)), covered, n);
    }
    line("");
  }

  private SeedResult seedResult(Group group, int seed) {
    Group one = filter(group, t -> t.seed() == seed);
    List<BootstrapRun> runs = new ArrayList<>();
    GroupFit point = new CmrPipeline(settings).fit(one);
    for (Resampling m : modes) {
      runs.add(new Bootstrap(settings.withResampling(m)).runAll(one, replicates));
    }
    return new SeedResult(seed, point, runs);
  }

  private double[] row(SeedResult sr, List<Double> ratios, double tMax) {
    GroupFit p = sr.point();
    double[] row = new double[6 + ratios.size() - 1 + sr.runs().size()];
    row[0] = p.cmr();
    row[1] = p.supA();
    double[] law = p.cmrLaw().map(l -> l.parameters()).orElse(new double[] {Double.NaN, Double.NaN, Double.NaN});
    row[2] = law[0];
    row[3] = law[1];
    row[4] = law[2];
    int c = 5;
    for (double r : ratios) {
      RatioFit rf = p.ratios().stream().filter(x -> x.ratio() == r).findFirst().orElse(null);
      row[c++] = rf == null ? Double.NaN : rf.t0() / tMax;
    }
    for (BootstrapRun run : sr.runs()) {
      row[c++] = halfSd(run);
    }
    return Arrays.copyOf(row, c);
  }

  /** Token-law residuals of each single-seed fit: size, lag-1 autocorrelation, and the seed effect. */
  private void residuals(Group group, int[] seeds, List<Double> ratios) {
    CmrPipeline pipeline = new CmrPipeline(settings);
    line("Token-law residuals of the single-seed fits (nats; lag-1 autocorrelation over the T > 0 checkpoints,"
        + " mean over seeds; sd of the loss at T_max across seeds):");
    line("");
    line("The shared part is the residual averaged over seeds at each checkpoint (lack of fit common to every"
        + " seed; with independent noise only 1/seeds of the variance would be shared).");
    line("");
    line("| ratio | rmse general | rmse domain | lag-1 acf general | lag-1 acf domain | shared share general |"
        + " shared share domain | seed sd of L_gen(T_max) | seed sd of L_dom(T_max) |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (double r : ratios) {
      double[] rmse = new double[2];
      double[] acf = new double[2];
      int n = 0;
      List<Double> lastG = new ArrayList<>();
      List<Double> lastD = new ArrayList<>();
      List<double[]> allG = new ArrayList<>();
      List<double[]> allD = new ArrayList<>();
      for (int s : seeds) {
        Group one = filter(group, t -> t.seed() == s);
        var smooth = pipeline.smoothed(one);
        if (smooth.isEmpty()) {
          continue;
        }
        List<Trajectory> obs = one.trajectories();
        for (int k = 0; k < obs.size(); k++) {
          Trajectory t = obs.get(k);
          if (t.ratio() != r) {
            continue;
          }
          Trajectory f = smooth.get().trajectories().get(k);
          int first = t.hasBasePoint() ? 1 : 0;
          int m = t.size() - first;
          double[] eg = new double[m];
          double[] ed = new double[m];
          for (int i = 0; i < m; i++) {
            eg[i] = t.generalAt(first + i) - f.generalAt(first + i);
            ed[i] = t.domainAt(first + i) - f.domainAt(first + i);
          }
          allG.add(eg);
          allD.add(ed);
          rmse[0] += rms(eg);
          rmse[1] += rms(ed);
          acf[0] += lag1(eg);
          acf[1] += lag1(ed);
          lastG.add(t.generalAt(t.size() - 1));
          lastD.add(t.domainAt(t.size() - 1));
          n++;
        }
      }
      line("| %s | %s | %s | %s | %s | %s | %s | %s | %s |", r, f(rmse[0] / n), f(rmse[1] / n), f(acf[0] / n),
          f(acf[1] / n), f(shared(allG)), f(shared(allD)),
          f(sd(lastG.stream().mapToDouble(Double::doubleValue).toArray())),
          f(sd(lastD.stream().mapToDouble(Double::doubleValue).toArray())));
    }
    line("");
  }

  /**
   * What would narrow the CMR: the seed-to-seed sd of point estimates from disjoint seed subsets (more seeds)
   * and from reduced designs (fewer early checkpoints, a shorter T_max, fewer ratios).
   */
  private void design(Group group, int[] seeds) throws Exception {
    double tMax = group.tMax();
    double[] tokens = group.trajectories().stream().filter(t -> t.ratio() > 0).findFirst().orElseThrow().tokens();
    double early = tokens.length > 4 ? tokens[4] : 0;
    List<Design> designs = List.of(
        new Design("1 seed, all checkpoints", 1, t -> true),
        new Design("2 seeds pooled", 2, t -> true),
        new Design("4 seeds pooled", 4, t -> true),
        new Design("1 seed, without the 3 earliest checkpoints (T <= " + (long) early + " dropped except T=0)", 1,
            x -> x == 0 || x > early),
        new Design("1 seed, every second checkpoint", 1, null),
        new Design("1 seed, T_max cut to 2/3 (checkpoints T <= " + (long) (tMax * 0.67) + ")", 1,
            x -> x <= tMax * 0.67));
    line("Seed-to-seed sd of the CMR point estimate by design (disjoint seed subsets; a shorter T_max moves the"
        + " CMR itself, so compare its sd, not its mean):");
    line("");
    line("| design | estimates | mean CMR | sd | ok fits |");
    line("|---|---|---|---|---|");
    for (Design d : designs) {
      List<Future<GroupFit>> fits = new ArrayList<>();
      for (int from = 0; from + d.seeds() <= seeds.length; from += d.seeds()) {
        int lo = from;
        Group sub = filter(group, t -> {
          int idx = Arrays.binarySearch(seeds, t.seed());
          return idx >= lo && idx < lo + d.seeds();
        });
        Group cut = d.keep() == null ? everySecond(sub) : keepTokens(sub, d.keep());
        fits.add(pool.submit(() -> new CmrPipeline(settings).fit(cut)));
      }
      List<Double> cmr = new ArrayList<>();
      for (Future<GroupFit> f : fits) {
        GroupFit g = f.get();
        if (g.ok()) {
          cmr.add(g.cmr());
        }
      }
      double[] v = cmr.stream().mapToDouble(Double::doubleValue).toArray();
      line("| %s | %d | %s | %s | %d/%d |", d.name(), fits.size(), f(Arrays.stream(v).average().orElse(Double.NaN)),
          f(sd(v)), v.length, fits.size());
    }
    line("");
  }

  record Design(String name, int seeds, java.util.function.DoublePredicate keep) {}

  private static Group keepTokens(Group g, java.util.function.DoublePredicate keep) {
    List<Trajectory> out = new ArrayList<>();
    for (Trajectory t : g.trajectories()) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < t.size(); i++) {
        if (keep.test(t.tokensAt(i))) {
          idx.add(i);
        }
      }
      out.add(pick(t, idx));
    }
    return g.withTrajectories(out);
  }

  private static Group everySecond(Group g) {
    List<Trajectory> out = new ArrayList<>();
    for (Trajectory t : g.trajectories()) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < t.size(); i++) {
        if (t.tokensAt(i) == 0 || i % 2 == 0 || i == t.size() - 1) {
          idx.add(i);
        }
      }
      out.add(pick(t, idx));
    }
    return g.withTrajectories(out);
  }

  private static Trajectory pick(Trajectory t, List<Integer> idx) {
    double[] tok = new double[idx.size()];
    double[] gl = new double[idx.size()];
    double[] dl = new double[idx.size()];
    for (int i = 0; i < idx.size(); i++) {
      tok[i] = t.tokensAt(idx.get(i));
      gl[i] = t.generalAt(idx.get(i));
      dl[i] = t.domainAt(idx.get(i));
    }
    return new Trajectory(t.ratio(), t.seed(), tok, gl, dl);
  }

  private static Group filter(Group g, Predicate<Trajectory> keep) {
    return g.withTrajectories(g.trajectories().stream().filter(keep).toList());
  }

  private static double halfSd(BootstrapRun run) {
    return (run.summary().ciHigh() - run.summary().ciLow()) / 2 / Z;
  }

  private static double[] column(List<double[]> rows, int c) {
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }

  static double sd(double[] v) {
    double[] x = Arrays.stream(v).filter(Double::isFinite).toArray();
    if (x.length < 2) {
      return Double.NaN;
    }
    double mean = Arrays.stream(x).average().orElse(0);
    double ss = 0;
    for (double a : x) {
      ss += (a - mean) * (a - mean);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  private static double range(double[] v) {
    double[] x = Arrays.stream(v).filter(Double::isFinite).toArray();
    return x.length == 0 ? Double.NaN : Arrays.stream(x).max().getAsDouble() - Arrays.stream(x).min().getAsDouble();
  }

  /** Variance of the seed-mean residual per checkpoint over the mean residual variance (equal lengths only). */
  private static double shared(List<double[]> residuals) {
    int m = residuals.get(0).length;
    if (residuals.stream().anyMatch(e -> e.length != m)) {
      return Double.NaN;
    }
    double meanSq = 0;
    double total = 0;
    for (int i = 0; i < m; i++) {
      double mean = 0;
      for (double[] e : residuals) {
        mean += e[i] / residuals.size();
        total += e[i] * e[i] / residuals.size();
      }
      meanSq += mean * mean;
    }
    return total == 0 ? Double.NaN : meanSq / total;
  }

  private static double rms(double[] e) {
    double s = 0;
    for (double v : e) {
      s += v * v;
    }
    return Math.sqrt(s / e.length);
  }

  static double lag1(double[] e) {
    double mean = Arrays.stream(e).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < e.length; i++) {
      den += (e[i] - mean) * (e[i] - mean);
      if (i > 0) {
        num += (e[i] - mean) * (e[i - 1] - mean);
      }
    }
    return den == 0 ? Double.NaN : num / den;
  }

  private static String f(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    return a != 0 && (a < 1e-3 || a >= 1e4) ? String.format(Locale.ROOT, "%.2e", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }

  private void line(String fmt, Object... args) {
    out.append(args.length == 0 ? fmt : String.format(Locale.ROOT, fmt, args)).append('\n');
  }
}
