package io.cmrsweep.fit.local;

import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormatException;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.output.CmrRow;
import io.cmrsweep.fit.output.CmrTable;
import io.cmrsweep.fit.output.CurveRow;
import io.cmrsweep.fit.output.FitJson;
import io.cmrsweep.fit.output.LawRow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * The whole fit on one machine, for debugging and small sweeps: read loss files, fit every group with
 * its bootstrap in this thread, write cmr.json, laws.json and curves.json, print a short table.
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

  /** Fits every group under options.input and writes the three JSON files; returns the CMR rows. */
  public List<CmrRow> fit(LocalFitOptions options) {
    List<LossRecord> records = new LossFiles(new Configuration())
        .readAll(new org.apache.hadoop.fs.Path(options.input().toAbsolutePath().toUri()), options.format());
    if (records.isEmpty()) {
      throw new IllegalArgumentException("--input " + options.input() + " holds no " + options.format()
          .name().toLowerCase(Locale.ROOT) + " loss records; check --input and --format");
    }
    Bootstrap bootstrap = new Bootstrap(options.settings());
    List<CmrRow> cmr = new ArrayList<>();
    List<LawRow> laws = new ArrayList<>();
    List<CurveRow> curves = new ArrayList<>();
    for (Group g : new GroupAssembler().assemble(records)) {
      BootstrapRun run = bootstrap.runAll(g, options.settings().bootstrap());
      cmr.add(CmrRow.of(run.point(), run.summary()));
      laws.addAll(LawRow.of(run.point()));
      curves.addAll(CurveRow.of(run.point(), run.summary()));
    }
    try {
      Files.createDirectories(options.output());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create --output " + options.output() + ": " + e.getMessage(), e);
    }
    FitJson json = new FitJson();
    json.write(options.output().resolve("cmr.json"), cmr);
    json.write(options.output().resolve("laws.json"), laws);
    json.write(options.output().resolve("curves.json"), curves);
    return cmr;
  }
}
