package io.cmrsweep.fit.spark;

import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.Resampling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the fit job's command line (DESIGN 3.4). Every problem is collected, so a user fixes them all
 * in one go; each names the option, the bad value and what is allowed.
 */
public final class FitJobArgs {

  /** Either options to run with, a request for help, or the problems found. */
  public record Parsed(Optional<FitJobOptions> options, List<String> problems, boolean help) {
    public Parsed {
      problems = List.copyOf(problems);
    }
  }

  public static final String USAGE = String.join("\n",
      "usage: spark-submit [spark options] fit-job.jar --input <dir|file> --output <dir> [options]",
      "  --input <uri>          loss records: a file or a directory searched recursively (file://, hdfs://, s3a://)",
      "  --output <uri>         directory for cmr.parquet, cmr.json, laws.parquet and curves.parquet",
      "  --format parquet|csv   input format (default parquet)",
      "  --bootstrap N          bootstrap replicates per group (default 1000; 0 = point estimate only)",
      "  --level L              confidence level of the percentile interval, in (0, 1) (default 0.95)",
      "  --eps E                general-loss tolerance in nats (default 0.05)",
      "  --lambda L             weight of the general-loss term in F(R, T) (default 1000)",
      "  --seed S               seed of the bootstrap; results do not depend on partitioning (default 20260101)",
      "  --resampling MODE      auto | checkpoint | seed (default auto: by seed when every cell has >= 2 seeds)",
      "  --groups REGEX         only groups whose sweep/domain/model matches, e.g. 'quickstart/legal/.*'",
      "  --replicates-per-task N  pack N replicates into one Spark task (default: sized to run >= 0.5 s)",
      "  --master M             Spark master when spark-submit sets none (default local[*])",
      "  --help                 this text");

  private FitJobArgs() {}

  public static Parsed parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return new Parsed(Optional.empty(), List.of(), true);
      }
      if (!a.startsWith("--")) {
        problems.add("unexpected argument '" + a + "'; options start with --, see --help");
        continue;
      }
      String name = a;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        problems.add(a + " needs a value");
        continue;
      }
      if (!KNOWN.contains(name)) {
        problems.add("unknown option " + name + "; see --help for the options");
        continue;
      }
      if (values.put(name, value) != null) {
        problems.add(name + " is given twice; give it once");
      }
    }
    String input = values.get("--input");
    String output = values.get("--output");
    if (input == null || input.isBlank()) {
      problems.add("--input is missing; give the loss records, e.g. --input <root>/<sweep>/losses");
    }
    if (output == null || output.isBlank()) {
      problems.add("--output is missing; give a directory for the fits, e.g. --output <root>/<sweep>/fits");
    }
    LossFormat format = option(values, "--format", LossFormat.PARQUET, problems,
        v -> LossFormat.parse(v).orElseThrow(() -> new IllegalArgumentException("use parquet or csv")));
    FitSettings d = FitSettings.defaults();
    int bootstrap = option(values, "--bootstrap", d.bootstrap(), problems, Integer::parseInt);
    double level = option(values, "--level", d.level(), problems, Double::parseDouble);
    double eps = option(values, "--eps", d.eps(), problems, Double::parseDouble);
    double lambda = option(values, "--lambda", d.lambda(), problems, Double::parseDouble);
    long seed = option(values, "--seed", d.seed(), problems, Long::parseLong);
    Resampling resampling = option(values, "--resampling", d.resampling(), problems,
        v -> Resampling.valueOf(v.toUpperCase(Locale.ROOT)));
    Optional<Pattern> groups = option(values, "--groups", Optional.empty(), problems,
        v -> Optional.of(Pattern.compile(v)));
    Optional<Integer> perTask = option(values, "--replicates-per-task", Optional.empty(), problems, v -> {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new IllegalArgumentException("must be >= 1");
      }
      return Optional.of(n);
    });
    String master = values.getOrDefault("--master", FitJobOptions.DEFAULT_MASTER);

    FitSettings settings = null;
    try {
      settings = d.withBootstrap(bootstrap).withLevel(level).withEps(eps).withLambda(lambda).withSeed(seed)
          .withResampling(resampling);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      return new Parsed(Optional.empty(), problems, false);
    }
    return new Parsed(Optional.of(new FitJobOptions(input, output, format, settings, groups, master, perTask)),
        List.of(), false);
  }

  private static final List<String> KNOWN = List.of("--input", "--output", "--format", "--bootstrap", "--level",
      "--eps", "--lambda", "--seed", "--resampling", "--groups", "--replicates-per-task", "--master");

  private static <T> T option(Map<String, String> values, String name, T fallback, List<String> problems,
      Function<String, T> parse) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return parse.apply(v.trim());
    } catch (PatternSyntaxException e) {
      problems.add(name + "='" + v + "' is not a valid regular expression: " + e.getDescription());
    } catch (NumberFormatException e) {
      problems.add(name + "='" + v + "' is not a number; " + hint(name));
    } catch (IllegalArgumentException e) {
      problems.add(name + "='" + v + "' is not allowed; " + hint(name));
    }
    return fallback;
  }

  private static String hint(String name) {
    return switch (name) {
      case "--format" -> "use parquet or csv";
      case "--resampling" -> "use auto, checkpoint or seed";
      case "--replicates-per-task" -> "use a whole number >= 1";
      case "--bootstrap" -> "use a whole number >= 0, e.g. 1000";
      case "--seed" -> "use a whole number";
      default -> "see --help";
    };
  }
}
