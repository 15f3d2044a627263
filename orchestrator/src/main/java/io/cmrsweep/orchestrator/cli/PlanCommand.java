package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "plan", description = "Validate a sweep spec and print its trial grid; starts nothing.")
final class PlanCommand implements Callable<Integer> {
  private final CmrMain main;

  @Parameters(index = "0", paramLabel = "<spec>", description = "the sweep spec (YAML)")
  private String spec;

  PlanCommand(CmrMain main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    SweepSession s = SweepSession.open(spec, main.workingDir(), main.clock());
    PrintWriter out = main.out();
    if (s.simulated()) {
      out.println(Simulated.banner(s));
    }
    out.printf("sweep %s: %d trials (%d pretrain, %d CPT), storage %s, ledger %s%n", s.spec().sweep(), s.plan().size(),
        s.plan().stream().filter(t -> t.kind() == TrialKind.PRETRAIN).count(),
        s.plan().stream().filter(t -> t.kind() == TrialKind.CPT).count(), s.layout().sweepDir(), s.ledgerLocation());
    // the tokens column only where some run stops early (adaptive.stopAt), so plain plans read as they always did
    boolean stops = s.plan().stream().anyMatch(t -> t.stopTokens() > 0);
    String tokensHead = stops ? String.format("%12s ", "CPT TOKENS") : "";
    out.printf("%-48s %-8s %-10s %-12s %7s %5s %s %s%n", "TRIAL", "KIND", "MODEL", "DOMAIN", "RATIO", "SEED",
        tokensHead, "AFTER");
    for (PlannedTrial t : s.plan()) {
      String tokens = !stops ? "" : String.format("%12s ", t.kind() != TrialKind.CPT ? "-"
          : Long.toString(t.runTokens(s.spec().cpt().tokens())));
      out.printf("%-48s %-8s %-10s %-12s %7s %5d %s %s%n", t.id(), t.kind(), t.model(),
          t.domain().isEmpty() ? "-" : t.domain(), t.kind() == TrialKind.CPT ? Double.toString(t.ratio()) : "-",
          t.seed(), tokens, t.dependsOn().isEmpty() ? "-" : t.dependsOn());
    }
    out.printf("checkpoints (CPT tokens): %s%n", s.spec().cpt().evalTokens());
    s.spec().adaptive().ifPresent(a -> AdaptiveText.plan(s, a, out));
    Orphans.notice(Orphans.of(main, s), s).ifPresent(out::println);
    return CmrMain.OK;
  }
}
