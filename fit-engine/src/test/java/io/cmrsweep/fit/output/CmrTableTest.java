package io.cmrsweep.fit.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.CmrAnswer;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CmrTableTest {
  private static CmrRow row(SyntheticSweep sweep, double eps, int replicates) {
    Group g = new GroupAssembler().assemble(sweep.records(7)).get(0);
    BootstrapRun run = new Bootstrap(FitSettings.defaults().withEps(eps)).runAll(g, replicates);
    return FitRows.cmr(run.point(), run.summary());
  }

  @Test
  void leadsWithEachGroupsConclusionBeforeTheTable() {
    CmrRow row = row(SyntheticSweep.reference(1e-5), 0.05, 8);

    String text = new CmrTable().render(List.of(row));

    assertThat(text).startsWith("dom/m1: " + row.conclusion() + System.lineSeparator());
    assertThat(text).contains(String.format(Locale.ROOT, "%.2f%%", 100 * row.cmr()), "estimate", "law");
  }

  @Test
  void anUpperBoundShowsCmrAtMostSupAWithSupAsIntervalNotTheCmrsPoint() {
    // Without replicates sup A deciding is only an upper bound (tolerance tight enough to bind: eps 0.0101).
    double[] gen = SyntheticSweep.reference(0).generalLaw(0.3);
    CmrRow row = row(SyntheticSweep.reference(1e-5), gen[0] + gen[2], 0);
    assertThat(row.answer()).isEqualTo(CmrAnswer.UPPER_BOUND);

    String table = new CmrTable().render(List.of(row));

    assertThat(table).contains(String.format(Locale.ROOT, "<= %.2f%%", 100 * row.supA()), "upper_bound", "sup_a");
  }
}
