package io.cmrsweep.orchestrator.cli;

import java.util.EnumSet;
import java.util.concurrent.Callable;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", description = "Run a sweep, or resume it: finished cells are never run again.")
final class SweepCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<spec>", description = "the sweep spec (YAML)")
  private String spec;

  SweepCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() throws InterruptedException {
    SweepSession s = SweepSession.open(spec, main.workingDir(), main.clock());
    return new SweepRun(main, s).run(EnumSet.of(TrialPhase.CANCELLED), "resumed after cancel");
  }
}
