package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.orchestrator.fit.FitSubmission;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fit", description = "Submit the fit job for a sweep's committed losses through spark-submit.")
final class FitCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<sweep>", description = "the sweep spec, or the sweep directory")
  private String sweep;

  @Option(names = "--dry-run", description = "print the spark-submit command instead of running it")
  private boolean dryRun;

  @Option(names = "--no-report", description = "do not write the report after the fit")
  private boolean noReport;

  @Option(names = "--include-orphans", description = "fit every loss file in storage, also those of cells no longer"
      + " in the spec (by default only the current spec's cells are fitted)")
  private boolean includeOrphans;

  FitCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() throws Exception {
    SweepSession s = SweepSession.open(sweep, main.workingDir(), main.clock());
    if (s.simulated()) {
      main.out().println(Simulated.banner(s));
    }
    FitInput input = FitInput.of(s, includeOrphans);
    input.write(main.clock());
    main.out().println(input.summary());
    FitSubmission fit = new FitSubmission(s.spec().fit(), s.spec().storage().hadoopConf(), s.layout(), s.home());
    main.out().println(String.join(" ", fit.command()));
    if (dryRun) {
      return CmrMain.OK;
    }
    if (input.files().isEmpty()) {
      main.err().println("cmr: nothing to fit: no cell of sweep " + s.spec().sweep() + " has a committed result;"
          + " run cmr sweep " + s.specFile() + " first");
      return CmrMain.FAILED;
    }
    main.out().flush();
    int code = fit.run();
    if (code != 0) {
      main.err().println("cmr: the fit job failed with exit code " + code + "; see its output above");
      return code == CmrMain.BAD_INPUT ? CmrMain.BAD_INPUT : CmrMain.FAILED;
    }
    main.out().println("fit done: results in " + s.layout().fitsDir());
    if (s.simulated()) {
      Simulated.comparison(s).forEach(main.out()::println);
    }
    return noReport ? CmrMain.OK : ReportCommand.write(main, s, input.files());
  }
}
