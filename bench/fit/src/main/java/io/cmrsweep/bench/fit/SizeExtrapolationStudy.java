package io.cmrsweep.bench.fit;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.size.SizeLawForm;
import io.cmrsweep.fit.size.SizePoint;
import io.cmrsweep.fit.size.SizePredictor;
import io.cmrsweep.fit.size.SizeSweep;
import io.cmrsweep.fit.synthetic.SizedSweep;
import io.cmrsweep.fit.truth.GeneralRise;
import io.cmrsweep.fit.truth.SizeLaw;
import io.cmrsweep.fit.truth.TruthModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Leave-largest-out validation of the CMR size law (issue 13 part 2, DESIGN 1.1 step 6). Each simulated sweep
 * draws a known size law from the truth model (half saturating power laws c - k (N/1e9)^-g, half logit-linear),
 * simulates five sizes 150M..2.4B (doubling) with the full per-size pipeline, fits the law on the four smaller
 * sizes with every bootstrap replicate, and predicts the held-out largest size (2x beyond the fitted sizes)
 * and two sizes further up (9.6B, 8x). It reports, for every candidate form, the error of the prediction and
 * how often its percentile interval covers the truth; and the leave-one-size-out error over all five sizes'
 * point estimates. The published study's four CMRs are compared the same way.
 * Usage: SizeExtrapolationStudy [sweeps=100] [replicates=200] [noise=1e-5] [threads=2] [csv=]
 */
public final class SizeExtrapolationStudy {
  static final long[] SIZES = {150_000_000L, 300_000_000L, 600_000_000L, 1_200_000_000L, 2_400_000_000L};
  static final long TWO_UP = 9_600_000_000L;
  static final double[] RATIOS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  /** The reference study's CMRs (DESIGN 1.1) at 460M, 940M, 1.6B and 3.1B parameters. */
  static final double[] PUBLISHED_N = {4.6e8, 9.4e8, 1.6e9, 3.1e9};
  static final double[] PUBLISHED_CMR = {0.2976, 0.3489, 0.4143, 0.4783};

  private SizeExtrapolationStudy() {}

  /** One sweep's outcome per form: predictions at the two targets and the leave-one-size-out errors. */
  record Outcome(int sweep, String truthForm, double[] truth, double[][] predicted, double[][] low, double[][] high,
      String[][] status, double[][] looErrors, int failedReplicates, int replicates) {}

  public static void main(String[] args) throws Exception {
    int sweeps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int replicates = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    double noise = args.length > 2 ? Double.parseDouble(args[2]) : 1e-5;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    String csv = args.length > 4 ? args[4] : "";
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int s = 0; s < sweeps; s++) {
      int sweep = s;
      futures.add(pool.submit(() -> run(sweep, replicates, noise)));
    }
    List<Outcome> outcomes = new ArrayList<>();
    try {
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "Leave-largest-out: %d simulated sweeps, sizes %s (fit on the first four),"
        + " %d ratios, 1 seed, 16 checkpoints, noise %.0e nats, %d bootstrap replicates, 95 %% percentile"
        + " intervals; %.0f s on %d threads%n", sweeps, Arrays.toString(SIZES), RATIOS.length, noise, replicates,
        seconds, threads);
    System.out.printf(Locale.ROOT, "truths: %d saturating power (c - k (N/1e9)^-g), %d logit-linear%n%n",
        outcomes.stream().filter(o -> o.truthForm().equals("power")).count(),
        outcomes.stream().filter(o -> o.truthForm().equals("logit_linear")).count());
    for (String subset : List.of("all", "power", "logit_linear")) {
      List<Outcome> os = outcomes.stream().filter(o -> subset.equals("all") || o.truthForm().equals(subset)).toList();
      System.out.printf(Locale.ROOT, "truths: %s (%d sweeps)%n", subset, os.size());
      System.out.printf(Locale.ROOT, "%-13s %-22s %6s %8s %8s %8s %9s %9s %10s%n", "form", "target", "n", "bias",
          "mae", "rmse", "coverage", "width", "loso_rmse");
      for (SizeLawForm form : SizeLawForm.values()) {
        for (int t = 0; t < 2; t++) {
          summarize(form, t, os);
        }
      }
      System.out.println();
    }
    int failed = outcomes.stream().mapToInt(Outcome::failedReplicates).sum();
    int tried = outcomes.stream().mapToInt(Outcome::replicates).sum();
    System.out.printf(Locale.ROOT, "size-law replicates failed (the default form for 4 sizes): %d of %d%n%n", failed, tried);
    published();
    if (!csv.isEmpty()) {
      writeCsv(Path.of(csv), outcomes);
    }
  }

  static Outcome run(int sweep, int replicates, double noise) {
    SizeLaw law = drawLaw(sweep);
    TruthModel truth = TruthModel.defaults().withSizeLaw(law).withRise(new GeneralRise.Bounded(1.0, 2.0));
    SizedSweep sim = new SizedSweep(truth, "dom", SIZES, RATIOS, 1, 16, 2_000_000_000L, noise);
    List<Group> groups = new GroupAssembler().assemble(sim.records(9_000L + sweep));
    Bootstrap bootstrap = new Bootstrap(FitSettings.defaults().withBootstrap(replicates));
    List<SizePoint> fitted = new ArrayList<>();
    double[] allN = new double[SIZES.length];
    double[] allCmr = new double[SIZES.length];
    for (Group g : groups) {
      int i = Arrays.binarySearch(SIZES, g.modelParams());
      boolean heldOut = i == SIZES.length - 1;
      BootstrapRun run = bootstrap.runAll(g, heldOut ? 0 : replicates);
      allN[i] = g.modelParams();
      allCmr[i] = run.point().cmr();
      if (!heldOut) {
        fitted.add(SizeSweep.point(run.point(), run.summary(), run.replicates(), replicates));
      }
    }
    PredictParams targets = new PredictParams(List.of(SIZES[SIZES.length - 1], TWO_UP));
    double[] truthAt = {truth.cmr(SIZES[SIZES.length - 1]), truth.cmr(TWO_UP)};
    SizeLawForm[] forms = SizeLawForm.values();
    double[][] predicted = new double[forms.length][2];
    double[][] low = new double[forms.length][2];
    double[][] high = new double[forms.length][2];
    String[][] status = new String[forms.length][2];
    double[][] loo = new double[forms.length][];
    int failed = 0;
    int tried = 0;
    for (int f = 0; f < forms.length; f++) {
      List<PredictionRow> rows = new SizePredictor(forms[f], 0.95).predict("sim", "dom", fitted, targets);
      for (int t = 0; t < 2; t++) {
        PredictionRow r = rows.get(t);
        predicted[f][t] = r.cmr();
        low[f][t] = r.ciLow();
        high[f][t] = r.ciHigh();
        status[f][t] = r.status();
        if (forms[f] == SizeLawForm.forSizes(fitted.size()) && t == 0) {
          failed = r.failedReplicates();
          tried = r.replicates();
        }
      }
      loo[f] = leaveOneOut(forms[f], allN, allCmr);
    }
    System.err.printf(Locale.ROOT, "sweep %d done (%s)%n", sweep, law);
    return new Outcome(sweep, law.form().name().toLowerCase(Locale.ROOT), truthAt, predicted, low, high, status, loo,
        failed, tried);
  }

  /**
   * A size law for sweep {@code sweep}: even sweeps a saturating power law c - k (N/1e9)^-g, odd ones a
   * logit-linear law, redrawn until its CMR stays within [0.1, 0.85] from the smallest size to two sizes up
   * (so that every swept size has measured ratios on both sides of its CMR).
   */
  static SizeLaw drawLaw(int sweep) {
    SplittableRandom rng = new SplittableRandom(4242L + sweep);
    while (true) {
      SizeLaw law = sweep % 2 == 0
          ? new SizeLaw(io.cmrsweep.fit.truth.SizeLawForm.POWER, 0.5 + 0.3 * rng.nextDouble(),
              0.05 + 0.2 * rng.nextDouble(), 0.2 + 0.4 * rng.nextDouble())
          : new SizeLaw(io.cmrsweep.fit.truth.SizeLawForm.LOGIT_LINEAR, -0.8 + 0.9 * rng.nextDouble(),
              0.1 + 0.3 * rng.nextDouble(), 0);
      double low = law.cmr(SIZES[0]);
      double high = law.cmr(TWO_UP);
      if (Math.min(low, high) >= 0.1 && Math.max(low, high) <= 0.85) {
        return law;
      }
    }
  }

  /** Error at each size of the law fitted through all the others (NaN where it cannot be fitted). */
  static double[] leaveOneOut(SizeLawForm form, double[] n, double[] cmr) {
    double[] err = new double[n.length];
    for (int k = 0; k < n.length; k++) {
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < n.length; i++) {
        if (i != k && Double.isFinite(cmr[i])) {
          keep.add(i);
        }
      }
      double[] kn = keep.stream().mapToDouble(i -> n[i]).toArray();
      double[] kc = keep.stream().mapToDouble(i -> cmr[i]).toArray();
      int at = k;
      err[k] = Double.isFinite(cmr[k])
          ? form.fit(kn, kc).map(p -> form.value(p, n[at]) - cmr[at]).orElse(Double.NaN) : Double.NaN;
    }
    return err;
  }

  static void summarize(SizeLawForm form, int t, List<Outcome> os) {
    int f = form.ordinal();
    List<Double> errors = new ArrayList<>();
    List<Double> widths = new ArrayList<>();
    List<Double> loso = new ArrayList<>();
    int covered = 0;
    int withInterval = 0;
    for (Outcome o : os) {
      double p = o.predicted()[f][t];
      if (Double.isFinite(p)) {
        errors.add(p - o.truth()[t]);
      }
      if (Double.isFinite(o.low()[f][t])) {
        withInterval++;
        widths.add(o.high()[f][t] - o.low()[f][t]);
        if (o.low()[f][t] <= o.truth()[t] && o.truth()[t] <= o.high()[f][t]) {
          covered++;
        }
      }
      for (double e : o.looErrors()[f]) {
        if (Double.isFinite(e)) {
          loso.add(e);
        }
      }
    }
    double bias = errors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double mae = errors.stream().mapToDouble(Math::abs).average().orElse(Double.NaN);
    double rmse = Math.sqrt(errors.stream().mapToDouble(e -> e * e).average().orElse(Double.NaN));
    double losoRmse = Math.sqrt(loso.stream().mapToDouble(e -> e * e).average().orElse(Double.NaN));
    double width = widths.stream().sorted().skip(widths.size() / 2).findFirst().orElse(Double.NaN);
    String target = t == 0 ? "2.4B (largest, 2x)" : "9.6B (two up, 8x)";
    System.out.printf(Locale.ROOT, "%-13s %-22s %6d %8.4f %8.4f %8.4f %8.1f%% %9.4f %10.4f%n", form.label(), target,
        errors.size(), bias, mae, rmse, withInterval == 0 ? Double.NaN : 100.0 * covered / withInterval, width,
        losoRmse);
  }

  static void published() {
    System.out.println("Published CMRs (reference study, DESIGN 1.1): 29.76 %, 34.89 %, 41.43 %, 47.83 % at 460M,"
        + " 940M, 1.6B, 3.1B");
    System.out.printf(Locale.ROOT, "%-13s %-40s %10s %10s %12s%n", "form", "leave-one-size-out errors (pp)",
        "loso_rmse", "largest", "cmr_at_7B");
    for (SizeLawForm form : SizeLawForm.values()) {
      double[] e = leaveOneOut(form, PUBLISHED_N, PUBLISHED_CMR);
      double rmse = Math.sqrt(Arrays.stream(e).filter(Double::isFinite).map(x -> x * x).average().orElse(Double.NaN));
      String at7b = form.fit(PUBLISHED_N, PUBLISHED_CMR).map(p -> String.format(Locale.ROOT, "%.4f",
          form.value(p, 7e9))).orElse("-");
      StringBuilder sb = new StringBuilder();
      for (double x : e) {
        sb.append(Double.isFinite(x) ? String.format(Locale.ROOT, "%+.2f ", 100 * x) : "- ");
      }
      System.out.printf(Locale.ROOT, "%-13s %-40s %10.4f %+10.4f %12s%n", form.label(), sb.toString().trim(), rmse,
          e[e.length - 1], at7b);
    }
  }

  static void writeCsv(Path file, List<Outcome> outcomes) {
    StringBuilder sb = new StringBuilder("sweep,truth_form,form,target_params,truth,predicted,ci_low,ci_high,status\n");
    for (Outcome o : outcomes) {
      for (SizeLawForm form : SizeLawForm.values()) {
        for (int t = 0; t < 2; t++) {
          int f = form.ordinal();
          sb.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%.6f,%.6f,%.6f,%.6f,%s%n", o.sweep(), o.truthForm(),
              form.label(), t == 0 ? SIZES[SIZES.length - 1] : TWO_UP, o.truth()[t], o.predicted()[f][t],
              o.low()[f][t], o.high()[f][t], o.status()[f][t]));
        }
      }
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
