package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.report.Report;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Write the sweep's report (report/index.html, report.md, SVG charts) from its"
    + " losses and fits.")
final class ReportCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<sweep>", description = "the sweep spec, or the sweep directory")
  private String sweep;

  @Option(names = "--include-orphans", description = "chart every loss file in storage, also those of cells no"
      + " longer in the spec (by default only the current spec's cells)")
  private boolean includeOrphans;

  ReportCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() throws Exception {
    SweepSession s = SweepSession.open(sweep, main.workingDir(), main.clock());
    return write(main, s, FitInput.of(s, includeOrphans).files());
  }

  /**
   * Writes the report of the sweep charting {@code lossFiles}, with an adaptive sweep's rounds, and says where;
   * shared with {@code cmr fit}.
   */
  static int write(CmrMain main, SweepSession s, List<Path> lossFiles) {
    Report.Written w = new Report(s.hadoopConf(), main.clock()).write(s.layout(), lossFiles,
        AdaptiveText.history(s));
    w.changes().forEach(line -> main.out().println(line));
    main.out().println("report: " + w.groups() + " group(s), " + w.charts() + " charts -> " + w.index()
        + " (and " + w.markdown().getName() + ")");
    return CmrMain.OK;
  }
}
