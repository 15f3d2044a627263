package io.cmrsweep.bench.fit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.Trajectory;
import io.cmrsweep.fit.law.LawFitter;
import io.cmrsweep.fit.law.PowerLaw;
import io.cmrsweep.fit.law.TwoTermPowerLaw;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Fits per second on one core (this thread) for the token laws (n = 50 points) and for whole bootstrap
 * replicates of a 6-ratio group, beside SciPy doing the same work in the same run (bench/scripts/
 * fit_scipy.py, started as a subprocess on the same data). Usage: FitBench [seconds] [python3].
 * Figures are rates of one thread; the script pins the JVM and its SciPy child to one core.
 */
public final class FitBench {
  private static final int DATASETS = 50;
  private static final int POINTS = 50;
  private static final int ROUNDS = 3;

  private FitBench() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
    String python = args.length > 1 ? args[1] : "python3";
    Path dir = Files.createTempDirectory("fit-bench");
    List<double[][]> data = datasets();
    writeTokens(dir.resolve("tokens.csv"), data);
    Group group = new GroupAssembler().assemble(SyntheticSweep.reference(5e-5).records(1)).get(0);
    writeGroup(dir.resolve("group.csv"), group);

    LawFitter fitter = LawFitter.defaults();
    PowerLaw dom = PowerLaw.positive("token_domain", "a1", "s1", "b1");
    TwoTermPowerLaw gen = new TwoTermPowerLaw("token_general");
    Bootstrap bootstrap = new Bootstrap(FitSettings.defaults().withResampling(Resampling.CHECKPOINT));
    int[] b = {0};
    // Rounds alternate Java and SciPy and keep each side's best, so load from other processes on a shared
    // machine hits both sides alike instead of whichever happened to run during a burst.
    double domRate = 0;
    double genRate = 0;
    double repRate = 0;
    double[] scipy = new double[3];
    String scipyVersion = "";
    int code = 0;
    String output = "";
    for (int round = 0; round < ROUNDS; round++) {
      domRate = Math.max(domRate, rate(seconds, () -> data.forEach(d -> fitter.fit(dom, d[0], d[1]))) * data.size());
      genRate = Math.max(genRate, rate(seconds, () -> data.forEach(d -> fitter.fit(gen, d[0], d[2]))) * data.size());
      repRate = Math.max(repRate, rate(seconds, () -> bootstrap.replicate(group, b[0]++)));
      Process p = new ProcessBuilder(python, Path.of("bench/scripts/fit_scipy.py").toString(),
          "--tokens", dir.resolve("tokens.csv").toString(), "--group", dir.resolve("group.csv").toString(),
          "--seconds", Double.toString(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      code = p.waitFor();
      if (code != 0 || output.isEmpty()) {
        break;
      }
      JsonObject s = JsonParser.parseString(output.substring(output.lastIndexOf('\n') + 1)).getAsJsonObject();
      scipy[0] = Math.max(scipy[0], s.get("token_domain_fits_per_s").getAsDouble());
      scipy[1] = Math.max(scipy[1], s.get("token_general_fits_per_s").getAsDouble());
      scipy[2] = Math.max(scipy[2], s.get("replicates_per_s").getAsDouble());
      scipyVersion = s.get("scipy").getAsString();
    }
    System.out.printf(Locale.ROOT, "%-34s %14s %14s %8s%n", "work (one core)", "java /s", "scipy /s", "ratio");
    if (code != 0 || output.isEmpty()) {
      System.out.printf(Locale.ROOT, "%-34s %14.1f%n%-34s %14.1f%n%-34s %14.1f%n", "token law domain (3 par, n=50)",
          domRate, "token law general (5 par, n=50)", genRate, "bootstrap replicate (6 ratios)", repRate);
      System.out.println("SciPy baseline failed (exit " + code + "); install it with: apt-get install -y python3-scipy");
      System.exit(1);
    }
    row("token law domain (3 par, n=50)", domRate, scipy[0]);
    row("token law general (5 par, n=50)", genRate, scipy[1]);
    row("bootstrap replicate (6 ratios)", repRate, scipy[2]);
    System.out.println("scipy " + scipyVersion + ", java " + System.getProperty("java.version") + ", best of "
        + ROUNDS + " alternating rounds, " + seconds + " s per measurement after warm-up");
  }

  private static void row(String name, double java, double scipy) {
    System.out.printf(Locale.ROOT, "%-34s %14.1f %14.1f %7.1fx%n", name, java, scipy, java / scipy);
  }

  /** Runs work repeatedly for about {@code seconds} after a warm-up of the same length; calls per second. */
  private static double rate(double seconds, Runnable work) {
    long warm = System.nanoTime();
    while (System.nanoTime() - warm < seconds * 1e9) {
      work.run();
    }
    long start = System.nanoTime();
    int n = 0;
    while (System.nanoTime() - start < seconds * 1e9) {
      work.run();
      n++;
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /** {x, domain change, general change} per dataset from the synthetic truth with 5e-5 nats of noise. */
  private static List<double[][]> datasets() {
    SyntheticSweep s = SyntheticSweep.reference(0);
    Random rng = new Random(2026);
    List<double[][]> out = new ArrayList<>();
    for (int k = 0; k < DATASETS; k++) {
      double ratio = 0.2 + 0.5 * k / (DATASETS - 1.0);
      double[] pd = s.domainLaw(ratio);
      double[] pg = s.generalLaw(ratio);
      double[] x = new double[POINTS];
      double[] d = new double[POINTS];
      double[] g = new double[POINTS];
      for (int i = 0; i < POINTS; i++) {
        x[i] = (i + 1.0) / POINTS;
        d[i] = pd[0] * Math.pow(x[i], pd[1]) + pd[2] + 5e-5 * rng.nextGaussian();
        g[i] = pg[0] * Math.pow(x[i], pg[1]) + pg[2] * Math.pow(x[i], pg[3]) + pg[4] + 5e-5 * rng.nextGaussian();
      }
      out.add(new double[][] {x, d, g});
    }
    return out;
  }

  private static void writeTokens(Path file, List<double[][]> data) throws IOException {
    StringBuilder sb = new StringBuilder("dataset,x,domain,general\n");
    for (int k = 0; k < data.size(); k++) {
      double[][] d = data.get(k);
      for (int i = 0; i < d[0].length; i++) {
        sb.append(k).append(',').append(d[0][i]).append(',').append(d[1][i]).append(',').append(d[2][i]).append('\n');
      }
    }
    Files.writeString(file, sb.toString());
  }

  private static void writeGroup(Path file, Group group) throws IOException {
    StringBuilder sb = new StringBuilder("ratio,tokens,general,domain\n");
    for (Trajectory t : group.trajectories()) {
      for (int i = 0; i < t.size(); i++) {
        sb.append(t.ratio()).append(',').append(t.tokensAt(i)).append(',').append(t.generalAt(i)).append(',')
            .append(t.domainAt(i)).append('\n');
      }
    }
    Files.writeString(file, sb.toString());
  }
}
