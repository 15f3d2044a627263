package io.cmrsweep.fit.spark;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.loss.LossFormatException;
import io.cmrsweep.core.storage.StorageNotWritableException;
import io.cmrsweep.fit.output.CmrTable;
import io.cmrsweep.fit.cli.FitCli;
import io.cmrsweep.fit.cli.FitOptions;
import io.cmrsweep.fit.cmr.FitSettings;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The fit job as a command: parse options, open a Spark session (the master from spark-submit, else
 * {@code --master}, else local[*]) with Kryo and registration required, run, print the table.
 * Exit codes: 0 success, 2 bad options or input (the message names what and how to fix it), 1 failure.
 */
@Command(name = "fit-job", mixinStandardHelpOptions = true, version = "fit-job 0.1.0", sortOptions = false,
    usageHelpWidth = 100,
    customSynopsis = "spark-submit [spark options] fit-job.jar (--input <dir|file> | --input-list <file>) --output <dir> [options]",
    description = "Fits the Critical Mixture Ratio of every (sweep, domain, model) group with a bootstrap on Spark.")
public final class FitJobCommand implements Callable<Integer> {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintStream out;
  private final PrintStream err;

  @Mixin
  private FitOptions fit;

  @Option(names = "--replicates-per-task", paramLabel = "N",
      description = "pack N replicates into one Spark task (default: sized to run >= 0.5 s)")
  private Integer replicatesPerTask;

  @Option(names = "--master", paramLabel = "M",
      description = "Spark master when spark-submit sets none (default: ${DEFAULT-VALUE})")
  private String master = "local[*]";

  @Spec
  private CommandSpec command;

  public FitJobCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Parses {@code args} and runs the job; returns the exit code. */
  public int run(String[] args) {
    return FitCli.execute(this, out, err, args);
  }

  @Override
  public Integer call() {
    FitJobOptions options = options();
    SparkSession spark = FitJobCommandSession.open(options);
    try {
      SparkFitJob.Result result = new SparkFitJob(spark, this::progress).run(options);
      out.print(new CmrTable().render(result.rows()));
      return 0;
    } catch (Exception e) {
      // Spark's own exceptions are checked in Java's eyes but thrown undeclared from Scala.
      return failure(e);
    } finally {
      spark.stop();
    }
  }

  /** The validated options; a usage error naming every bad option otherwise. */
  FitJobOptions options() {
    FitSettings settings = fit.settings();
    PredictParams targets = fit.predictParams();
    if (replicatesPerTask != null && replicatesPerTask < 1) {
      throw new ParameterException(command.commandLine(), "--replicates-per-task=" + replicatesPerTask
          + " must be >= 1; use e.g. 25, or leave it out to size tasks by measurement");
    }
    try {
      return new FitJobOptions(fit.input(), fit.output(), fit.format(), settings, fit.groups(), master,
          Optional.ofNullable(replicatesPerTask), targets);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  private int failure(Exception e) {
    if (e instanceof StorageNotWritableException output) {
      err.println("fit-job: cannot write the outputs: " + output.getMessage());
      return 2;
    }
    Throwable cause = rootInput(e);
    if (cause instanceof FitInputException || cause instanceof LossFormatException
        || cause instanceof IllegalArgumentException) {
      err.println("fit-job: bad input: " + cause.getMessage());
      return 2;
    }
    if (cause instanceof UncheckedIOException io) {
      err.println("fit-job: cannot read or write: " + io.getMessage());
      return 1;
    }
    err.println("fit-job: failed: " + e);
    e.printStackTrace(err);
    return 1;
  }

  /** Errors thrown inside tasks arrive wrapped in SparkException; find the one that explains the input. */
  private static Throwable rootInput(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FitInputException || t instanceof LossFormatException || t instanceof UncheckedIOException) {
        return t;
      }
    }
    return e instanceof SparkException && e.getCause() != null ? e.getCause() : e;
  }

  private void progress(String line) {
    err.println(LocalTime.now().format(CLOCK) + " fit-job: " + line);
  }
}
