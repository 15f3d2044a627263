package io.cmrsweep.fit.cmr;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The CMR over lambda and eps grids must be what single fits at those settings give. */
class SensitivityTest {
  private static final FitSettings SETTINGS = FitSettings.defaults().withEps(0.012);

  private static Group group() {
    return new GroupAssembler().assemble(SyntheticSweep.reference(1e-4).records(5)).get(0);
  }

  @Test
  void theGridsHoldTheSpecsLambdaAndEpsTheReportedLambdasAndTheLogGridFrom10To10000() {
    double[] lambdas = SETTINGS.withLambda(333).lambdaGrid();
    assertThat(lambdas).contains(10.0, 100.0, 333.0, 1000.0, 7000.0, 10000.0).hasSize(16 + 2).isSorted();
    assertThat(SETTINGS.epsGrid()).hasSize(9).contains(0.012).isSorted();
    assertThat(SETTINGS.epsGrid()[0]).isEqualTo(0.012 / 4);
  }

  @Test
  void everyPointOfTheLambdaCurveEqualsASingleFitAtThatLambda() {
    Group g = group();
    GroupFit fit = new CmrPipeline(SETTINGS).fit(g);
    Sensitivity s = fit.sensitivity();
    double[] lambdas = s.lambdas();
    assertThat(lambdas).isEqualTo(SETTINGS.lambdaGrid());
    for (int i = 0; i < lambdas.length; i += 3) {
      GroupFit single = new CmrPipeline(SETTINGS.withLambda(lambdas[i])).fit(g);
      assertThat(s.lambdaCmr()[i]).as("lambda %s", lambdas[i]).isEqualTo(single.cmr());
      assertThat(s.lambdaBinding()[i]).as("lambda %s", lambdas[i])
          .isEqualTo(single.ok() ? single.binding() : Binding.NONE);
    }
    for (double l : FitSettings.REPORTED_LAMBDAS) {
      assertThat(fit.cmrAtLambda(l)).isEqualTo(new CmrPipeline(SETTINGS.withLambda(l)).fit(g).cmr());
    }
  }

  @Test
  void everyPointOfTheEpsCurveEqualsASingleFitAtThatEpsAndOnlySupAMoves() {
    Group g = group();
    GroupFit fit = new CmrPipeline(SETTINGS).fit(g);
    Sensitivity s = fit.sensitivity();
    double[] eps = s.epsilons();
    for (int i = 0; i < eps.length; i++) {
      GroupFit single = new CmrPipeline(SETTINGS.withEps(eps[i])).fit(g);
      assertThat(s.epsSupA()[i]).as("eps %s", eps[i]).isEqualTo(single.supA());
      assertThat(s.epsCmr()[i]).as("eps %s", eps[i]).isEqualTo(single.cmr());
      assertThat(s.epsBinding()[i]).as("eps %s", eps[i]).isEqualTo(single.binding());
      assertThat(single.lawCmr()).isEqualTo(fit.lawCmr());
    }
    // The tight end of the grid is decided by sup A, the loose end by the law.
    assertThat(s.epsBinding()[0]).isEqualTo(Binding.SUP_A);
    assertThat(s.epsBinding()[eps.length - 1]).isEqualTo(Binding.LAW);
  }

  @Test
  void everyReplicateEvaluatesTheWholeGridSoTheBandAtTheSpecsLambdaIsTheCmrInterval() {
    BootstrapRun run = new Bootstrap(SETTINGS).runAll(group(), 30);
    int chosen = Arrays.binarySearch(SETTINGS.lambdaGrid(), SETTINGS.lambda());
    int chosenEps = Arrays.binarySearch(SETTINGS.epsGrid(), SETTINGS.eps());

    assertThat(run.summary().sensitivity().lambdaLow()[chosen]).isEqualTo(run.summary().ciLow());
    assertThat(run.summary().sensitivity().lambdaHigh()[chosen]).isEqualTo(run.summary().ciHigh());
    assertThat(run.summary().sensitivity().epsLow()[chosenEps]).isEqualTo(run.summary().ciLow());
    assertThat(run.summary().sensitivity().lambdaLow()).doesNotContain(Double.NaN);
    assertThat(run.replicates()).allSatisfy(r -> assertThat(r.sensitivity().lambdaCmr())
        .hasSize(SETTINGS.lambdaGrid().length));
  }
}
