package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.report.Report;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = "Write the sweep's report (report/index.html, report.md, SVG charts) from its"
    + " losses and fits.")
final class ReportCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<sweep>", description = "the sweep spec, or the sweep directory")
  private String sweep;

  ReportCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() throws Exception {
    SweepSession s = SweepSession.open(sweep, main.workingDir(), main.clock());
    return write(main, s.layout(), s.hadoopConf());
  }

  /** Writes the report of {@code layout} and says where; shared with {@code cmr fit}. */
  static int write(CmrMain main, SweepLayout layout, Configuration hadoopConf) {
    Report.Written w = new Report(hadoopConf, main.clock()).write(layout);
    w.changes().forEach(line -> main.out().println(line));
    main.out().println("report: " + w.groups() + " group(s), " + w.charts() + " charts -> " + w.index()
        + " (and " + w.markdown().getName() + ")");
    return CmrMain.OK;
  }
}
