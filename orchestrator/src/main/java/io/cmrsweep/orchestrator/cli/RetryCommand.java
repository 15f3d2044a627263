package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.orchestrator.trial.TrialPhase;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = "Give the FAILED and CANCELLED cells a fresh retry budget and run them"
    + " (with --failed: only the FAILED ones; cancelled cells stay cancelled); succeeded cells are not touched.")
final class RetryCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<sweep>", description = "the sweep spec, or the sweep directory")
  private String sweep;

  @Option(names = "--failed", description = "only cells that FAILED; cancelled cells are left cancelled")
  private boolean failedOnly;

  RetryCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() throws InterruptedException {
    SweepSession s = SweepSession.open(sweep, main.workingDir(), main.clock());
    Set<TrialPhase> requeue = failedOnly ? EnumSet.of(TrialPhase.FAILED)
        : EnumSet.of(TrialPhase.FAILED, TrialPhase.CANCELLED);
    return new SweepRun(main, s).run(requeue, failedOnly ? "cmr retry --failed" : "cmr retry");
  }
}
