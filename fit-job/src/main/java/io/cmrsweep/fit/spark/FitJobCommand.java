package io.cmrsweep.fit.spark;

import io.cmrsweep.core.loss.LossFormatException;
import io.cmrsweep.fit.output.CmrTable;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;

/**
 * The fit job as a command: parse options, open a Spark session (the master from spark-submit, else
 * {@code --master}, else local[*]) with Kryo and registration required, run, print the table.
 * Exit codes: 0 success, 2 bad options or input (the message names what and how to fix it), 1 failure.
 */
public final class FitJobCommand {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintStream out;
  private final PrintStream err;

  public FitJobCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(String[] args) {
    FitJobArgs.Parsed parsed = FitJobArgs.parse(args);
    if (parsed.help()) {
      out.println(FitJobArgs.USAGE);
      return 0;
    }
    if (parsed.options().isEmpty()) {
      parsed.problems().forEach(p -> err.println("fit-job: " + p));
      err.println(FitJobArgs.USAGE);
      return 2;
    }
    FitJobOptions options = parsed.options().get();
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

  private int failure(Exception e) {
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
