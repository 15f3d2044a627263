package io.cmrsweep.fit.local;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitResults;
import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormatException;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cli.FitCli;
import io.cmrsweep.fit.cli.FitOptions;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.output.CmrTable;
import io.cmrsweep.fit.output.FitRows;
import io.cmrsweep.fit.size.SizePredictor;
import io.cmrsweep.fit.size.SizeSweep;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The whole fit on one machine, for debugging and small sweeps: read loss files, fit every group with
 * its bootstrap in this thread, predict the CMR at the target sizes across the models of each domain,
 * write cmr, laws, curves, sensitivity and predictions (JSON and Parquet), print a short summary.
 * It takes the fit job's options without the Spark-only ones. Exit codes: 0 success, 2 bad usage or
 * input, 1 anything else.
 */
@Command(name = "local-fit", mixinStandardHelpOptions = true, version = "local-fit 0.1.0", sortOptions = false,
    usageHelpWidth = 100,
    description = "Fits the Critical Mixture Ratio of every group on this machine, in one thread.")
public final class LocalFit implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;

  @Mixin
  private FitOptions options;

  public LocalFit(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Parses {@code args} and fits; returns the exit code. */
  public int run(String... args) {
    return FitCli.execute(this, out, err, args);
  }

  @Override
  public Integer call() {
    FitSettings settings = options.settings();
    PredictParams targets = options.predictParams();
    try {
      List<CmrRow> rows = fit(settings, targets);
      out.print(new CmrTable().render(rows));
      return 0;
    } catch (LossFormatException | IllegalArgumentException e) {
      err.println("local-fit: bad input: " + e.getMessage());
      return 2;
    } catch (UncheckedIOException e) {
      err.println("local-fit: I/O failure: " + e.getMessage());
      return 1;
    }
  }

  /** Fits every selected group under --input and writes the fit outputs; returns the CMR rows. */
  private List<CmrRow> fit(FitSettings settings, PredictParams targets) {
    Configuration conf = new Configuration();
    LossFiles files = new LossFiles(conf);
    List<LossRecord> records = new ArrayList<>();
    for (org.apache.hadoop.fs.Path f : options.input().files(conf, options.format())) {
      records.addAll(files.read(f, options.format()));
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("the input " + options.input() + " holds no " + options.format()
          .name().toLowerCase(Locale.ROOT) + " loss records; check --input, --input-list and --format");
    }
    List<Group> groups = new GroupAssembler().assemble(records).stream()
        .filter(g -> options.groups().map(p -> p.matcher(g.key().toString()).matches()).orElse(true)).toList();
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("no group sweep/domain/model matches --groups '"
          + options.groups().orElseThrow().pattern() + "'; drop --groups or widen it");
    }
    Bootstrap bootstrap = new Bootstrap(settings);
    FitRows rows = new FitRows();
    SizeSweep sizes = new SizeSweep(SizePredictor.byEvidence(settings.level()), targets,
        settings.bootstrap());
    for (Group g : groups) {
      BootstrapRun run = bootstrap.runAll(g, settings.bootstrap());
      rows.add(run.point(), run.summary());
      sizes.add(run.point(), run.summary(), run.replicates());
    }
    FitResults results = rows.results().withPredictions(sizes.rows());
    Path output = Path.of(options.output()).toAbsolutePath();
    new FitOutputs(conf).write(new org.apache.hadoop.fs.Path(output.toUri()), results);
    return results.cmr();
  }
}
