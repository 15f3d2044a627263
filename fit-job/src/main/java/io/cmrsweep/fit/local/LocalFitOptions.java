package io.cmrsweep.fit.local;

import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.Resampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Command line of the local fit (DESIGN 3.4), parsed and validated as a whole. */
public record LocalFitOptions(Path input, Path output, LossFormat format, FitSettings settings) {

  static final String USAGE = "usage: --input <dir|file> --output <dir> [--format parquet|csv] [--bootstrap N]"
      + " [--level 0.95] [--eps 0.05] [--lambda 1000] [--seed S] [--resampling auto|checkpoint|seed]";

  /** Bad command line: the message names every offending option and its fix. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  public static LocalFitOptions parse(String... args) throws UsageException {
    List<String> problems = new ArrayList<>();
    Path input = null;
    Path output = null;
    LossFormat format = LossFormat.PARQUET;
    FitSettings s = FitSettings.defaults();
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (!opt.startsWith("--")) {
        problems.add("unexpected argument '" + opt + "'; options start with --");
        continue;
      }
      if (i + 1 >= args.length) {
        problems.add(opt + " needs a value");
        break;
      }
      String v = args[++i];
      try {
        switch (opt) {
          case "--input" -> input = Path.of(v);
          case "--output" -> output = Path.of(v);
          case "--format" -> format = LossFormat.parse(v).orElseThrow(
              () -> new IllegalArgumentException("--format=" + v + " must be parquet or csv"));
          case "--bootstrap" -> s = s.withBootstrap(Integer.parseInt(v));
          case "--level" -> s = s.withLevel(Double.parseDouble(v));
          case "--eps" -> s = s.withEps(Double.parseDouble(v));
          case "--lambda" -> s = s.withLambda(Double.parseDouble(v));
          case "--seed" -> s = s.withSeed(Long.parseLong(v));
          case "--resampling" -> s = s.withResampling(Resampling.valueOf(v.toUpperCase(Locale.ROOT)));
          default -> problems.add("unknown option " + opt);
        }
      } catch (NumberFormatException e) {
        problems.add(opt + "=" + v + " is not a number");
      } catch (IllegalArgumentException e) {
        problems.add(opt.equals("--resampling") ? "--resampling=" + v + " must be auto, checkpoint or seed"
            : opt + ": " + e.getMessage());
      }
    }
    if (input == null) {
      problems.add("--input is required (a loss file or a directory of them)");
    }
    if (output == null) {
      problems.add("--output is required (a directory for cmr.json, laws.json, curves.json)");
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("\n", problems) + "\n" + USAGE);
    }
    return new LocalFitOptions(input, output, format, s);
  }
}
