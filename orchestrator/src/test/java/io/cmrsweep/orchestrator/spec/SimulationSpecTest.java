package io.cmrsweep.orchestrator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cmrsweep.fit.truth.GeneralRise;
import io.cmrsweep.fit.truth.SizeLawForm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulationSpecTest {
  private static final String GRID = """
      sweep: sim
      storage: {root: data}
      corpora: {domains: [legal]}
      models:
        - {label: m1b, dim: 2048, layers: 24, heads: 16, ffnDim: 5632}
      cpt: {ratios: [0.1, 0.3]}
      """;

  private static SweepSpec parse(String tail) {
    return new SpecReader(Path.of("/tmp")).parse(GRID + tail, "test");
  }

  @Test
  void theTruthIsBuiltForTheFitsLambdaAndEpsUnlessTheSpecSaysOtherwise() {
    SweepSpec s = parse("fit: {lambda: 300, eps: 0.02}\nexecution: {backend: simulated}\n");
    assertThat(s.execution().backend()).isEqualTo(ExecutionSpec.Backend.SIMULATED);
    assertThat(s.execution().simulation().truth().lambda()).isEqualTo(300);
    assertThat(s.execution().simulation().truth().eps()).isEqualTo(0.02);
    assertThat(s.execution().simulation().noise()).isEqualTo(1e-5);
    assertThat(s.execution().simulation().truth().rise()).isInstanceOf(GeneralRise.Implied.class);
  }

  @Test
  void everyTruthFieldIsReadFromTheSimulationBlock() {
    SweepSpec s = parse("""
        execution:
          backend: simulated
          simulation:
            noise: 2.0e-4
            seed: 9
            failureRate: 0.1
            truth:
              sizeLaw: {form: logit_linear, c: -0.5, k: 0.2}
              s4: 0.4
              b4: 0.05
              lambda: 700
              eps: 0.03
              supA: 0.35
              riseExponent: 2
              baseGeneral: 2.2
              baseDomain: 2.9
        """);
    var sim = s.execution().simulation();
    assertThat(sim.noise()).isEqualTo(2e-4);
    assertThat(sim.seed()).isEqualTo(9);
    assertThat(sim.failureRate()).isEqualTo(0.1);
    var t = sim.truth();
    assertThat(t.sizeLaw().form()).isEqualTo(SizeLawForm.LOGIT_LINEAR);
    assertThat(t.sizeLaw().c()).isEqualTo(-0.5);
    assertThat(t.sizeLaw().k()).isEqualTo(0.2);
    assertThat(t.s4()).isEqualTo(0.4);
    assertThat(t.b4()).isEqualTo(0.05);
    assertThat(t.lambda()).isEqualTo(700);
    assertThat(t.eps()).isEqualTo(0.03);
    assertThat(t.rise()).isEqualTo(new GeneralRise.Bounded(0.35, 2));
    assertThat(t.baseGeneral()).isEqualTo(2.2);
    assertThat(t.baseDomain()).isEqualTo(2.9);
  }

  @Test
  void aBadFitLambdaOnARealBackendIsReportedUnderFitAloneNotUnderTheUnusedSimulation() {
    SpecException e = catchThrowableOfType(() -> parse("fit: {lambda: -5}\n"), SpecException.class);
    assertThat(e.getMessage()).contains("fit.lambda").doesNotContain("execution.simulation");
  }
}
