package io.cmrsweep.bench.fit;

import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.bootstrap.BootstrapSummary;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.util.Arrays;
import java.util.Locale;

/**
 * Coverage of the bootstrap percentile interval on seeded synthetic sweeps with a known CMR (0.38).
 * Usage: CalibrationStudy [sweeps=200] [replicates=200] [noise=5e-5] [level=0.90] [seeds=1] [resampling=auto].
 * Target: nominal 90 % covers the truth 80-97 % of the time. The noise must leave the CMR identifiable
 * (DESIGN 1.2: about 1e-5 .. 1e-4 nats).
 */
public final class CalibrationStudy {
  private CalibrationStudy() {}

  public static void main(String[] args) {
    int sweeps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int replicates = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    double noise = args.length > 2 ? Double.parseDouble(args[2]) : 5e-5;
    double level = args.length > 3 ? Double.parseDouble(args[3]) : 0.90;
    int seeds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    Resampling resampling = args.length > 5 ? Resampling.parse(args[5]).orElseThrow(() ->
        new IllegalArgumentException("resampling='" + args[5] + "'; use " + Resampling.allowed())) : Resampling.AUTO;
    SyntheticSweep truth = SyntheticSweep.reference(noise).withSeeds(seeds);
    Bootstrap bootstrap = new Bootstrap(FitSettings.defaults().withLevel(level).withResampling(resampling));
    int covered = 0;
    int pointFailed = 0;
    int failedReplicates = 0;
    double[] widths = new double[sweeps];
    double[] errors = new double[sweeps];
    long start = System.nanoTime();
    for (int d = 0; d < sweeps; d++) {
      BootstrapRun run = bootstrap.runAll(new GroupAssembler().assemble(truth.records(100_000 + d)).get(0), replicates);
      BootstrapSummary s = run.summary();
      if (!run.point().ok()) {
        pointFailed++;
        continue;
      }
      failedReplicates += s.failed();
      widths[d] = s.ciHigh() - s.ciLow();
      errors[d] = Math.abs(run.point().cmr() - truth.trueCmr());
      if (s.ciLow() <= truth.trueCmr() && truth.trueCmr() <= s.ciHigh()) {
        covered++;
      }
    }
    int n = sweeps - pointFailed;
    double p = covered / (double) n;
    double z = 1.96;
    double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
    Arrays.sort(widths);
    Arrays.sort(errors);
    System.out.printf(Locale.ROOT, "sweeps=%d replicates=%d noise=%.1e level=%.2f seeds/ratio=%d"
        + " resampling=%s true_cmr=%.3f%n", sweeps, replicates, noise, level, seeds,
        bootstrap.unitFor(new GroupAssembler().assemble(truth.records(100_000)).get(0)).label(), truth.trueCmr());
    System.out.printf(Locale.ROOT, "coverage %d/%d = %.1f %% (95 %% Wilson interval %.1f-%.1f %%), target 80-97 %%%n",
        covered, n, 100 * p, 100 * (centre - half), 100 * (centre + half));
    System.out.printf(Locale.ROOT, "median interval width %.4f, median |point - truth| %.4f, point fits failed %d,"
        + " replicates failed %d of %d%n", widths[sweeps / 2], errors[sweeps / 2], pointFailed, failedReplicates,
        n * replicates);
    System.out.printf(Locale.ROOT, "time %.1f s on one core%n", (System.nanoTime() - start) / 1e9);
  }
}
