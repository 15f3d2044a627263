package io.cmrsweep.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.orchestrator.trial.TrialPhase;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static Map<TrialPhase, Integer> counts(int succeeded, int failed) {
    Map<TrialPhase, Integer> c = new EnumMap<>(TrialPhase.class);
    for (TrialPhase p : TrialPhase.values()) {
      c.put(p, 0);
    }
    c.put(TrialPhase.SUCCEEDED, succeeded);
    c.put(TrialPhase.FAILED, failed);
    return c;
  }

  @Test
  void aLedgerWithoutTrialsIsNotReportedAsAllSucceeded() {
    assertThat(Progress.line(counts(0, 0))).isEqualTo("no trials in the ledger yet").doesNotContain("100%");
  }

  @Test
  void countsSucceededCellsAgainstAllCells() {
    assertThat(Progress.line(counts(3, 1))).startsWith("3/4 succeeded (75%), 0 running").contains("1 failed");
  }
}
