package io.cmrsweep.fit.local;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitResults;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormatException;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.output.CmrTable;
import io.cmrsweep.fit.output.FitRows;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * The whole fit on one machine, for debugging and small sweeps: read loss files, fit every group with
 * its bootstrap in this thread, write cmr, laws and curves (JSON and Parquet), print a short table.
 * Exit codes: 0 success, 2 bad usage or input, 1 anything else.
 */
public final class LocalFit {
  private final PrintStream out;
  private final PrintStream err;

  public LocalFit(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(String... args) {
    LocalFitOptions options;
    try {
      options = LocalFitOptions.parse(args);
    } catch (LocalFitOptions.UsageException e) {
      err.println(e.getMessage());
      return 2;
    }
    try {
      List<CmrRow> rows = fit(options);
      out.print(new CmrTable().render(rows));
      return 0;
    } catch (LossFormatException | IllegalArgumentException e) {
      err.println("bad input: " + e.getMessage());
      return 2;
    } catch (UncheckedIOException e) {
      err.println("I/O failure: " + e.getMessage());
      return 1;
    }
  }

  /** Fits every group under options.input and writes the fit outputs; returns the CMR rows. */
  public List<CmrRow> fit(LocalFitOptions options) {
    Configuration conf = new Configuration();
    List<LossRecord> records = new LossFiles(conf)
        .readAll(new org.apache.hadoop.fs.Path(options.input().toAbsolutePath().toUri()), options.format());
    if (records.isEmpty()) {
      throw new IllegalArgumentException("--input " + options.input() + " holds no " + options.format()
          .name().toLowerCase(Locale.ROOT) + " loss records; check --input and --format");
    }
    Bootstrap bootstrap = new Bootstrap(options.settings());
    FitRows rows = new FitRows();
    for (Group g : new GroupAssembler().assemble(records)) {
      BootstrapRun run = bootstrap.runAll(g, options.settings().bootstrap());
      rows.add(run.point(), run.summary());
    }
    FitResults results = rows.results();
    new FitOutputs(conf).write(new org.apache.hadoop.fs.Path(options.output().toAbsolutePath().toUri()), results);
    return results.cmr();
  }
}
