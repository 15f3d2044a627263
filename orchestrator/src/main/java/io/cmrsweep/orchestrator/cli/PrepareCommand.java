package io.cmrsweep.orchestrator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "prepare", description = "Tokenize the spec's corpora into token shards once (cmr sweep does it"
    + " before the first trial); an unchanged corpus and tokenizer are never prepared twice.")
final class PrepareCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<spec>", description = "the sweep spec (YAML)")
  private String spec;

  PrepareCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    SweepSession s = SweepSession.open(spec, main.workingDir(), main.clock());
    return new CorpusPreparation(s, main.out(), main.err()).run(s.logsDirForPreparation());
  }
}
