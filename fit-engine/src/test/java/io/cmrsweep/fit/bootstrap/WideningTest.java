package io.cmrsweep.fit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import org.junit.jupiter.api.Test;

class WideningTest {

  @Test
  void sixRunsWithFiveDegreesOfFreedomWidenByStudentTOverNormalTimesTheVarianceCorrection() {
    // Tables: t(5, 0.975) = 2.570582, z(0.975) = 1.959964.
    Widening w = Widening.seedCluster(6, 5, 0.95);

    assertThat(w.factor()).isCloseTo(2.570582 / 1.959964 * Math.sqrt(6 / 5.0), within(1e-5));
    assertThat(w.resampling()).isEqualTo(Resampling.SEED);
    assertThat(w.widens()).isTrue();
  }

  @Test
  void aValueIsReadAroundItsCenterAndAShareStaysInsideZeroToOne() {
    Widening w = Widening.seedCluster(3, 2, 0.95);

    assertThat(w.apply(0.5, 0.6)).isCloseTo(0.5 + w.factor() * 0.1, within(1e-12));
    assertThat(w.apply(0.5, 0.4)).isCloseTo(0.5 - w.factor() * 0.1, within(1e-12));
    assertThat(w.applyToShare(0.9, 0.99)).isEqualTo(1.0);
    assertThat(w.applyToShare(0.1, 0.01)).isEqualTo(0.0);
    assertThat(w.apply(0.5, Double.NaN)).isNaN();
  }

  @Test
  void noWideningLeavesEveryValueAsItIs() {
    Widening w = Widening.none(Resampling.WILD, 1);

    assertThat(w.factor()).isEqualTo(1.0);
    assertThat(w.apply(0.5, 0.7)).isEqualTo(0.7);
    assertThat(w.applyToShare(0.5, 1.3)).isEqualTo(1.3);
  }

  @Test
  void aWideningNeedsTwoRunsAndAtLeastOneDegreeOfFreedom() {
    assertThatThrownBy(() -> Widening.seedCluster(1, 1, 0.95)).hasMessageContaining("runs=1");
    assertThatThrownBy(() -> Widening.seedCluster(3, 0.5, 0.95)).hasMessageContaining("df=0.5");
  }

  @Test
  void theSeedClusterIntervalIsThePercentileIntervalWidenedAroundThePointEstimate() {
    Group g = new GroupAssembler().assemble(SyntheticSweep.reference(1e-4).withSeeds(3).records(11)).get(0);
    FitSettings settings = FitSettings.defaults();
    BootstrapRun run = new Bootstrap(settings).runAll(g, 40);
    Widening w = run.summary().widening();
    double[] raw = run.replicates().stream().filter(Replicate::ok).mapToDouble(Replicate::cmr).sorted().toArray();
    double point = run.point().cmr();
    int ratios = g.ratios().size();

    assertThat(w.resampling()).isEqualTo(Resampling.SEED);
    assertThat(w.runs()).isEqualTo(3);
    // Satterthwaite: between one ratio deciding (n - 1) and every ratio deciding equally (sum of n - 1).
    assertThat(w.degreesOfFreedom()).isBetween(2.0, 2.0 * ratios);
    assertThat(run.summary().ciLow())
        .isCloseTo(Math.max(0, point + w.factor() * (Bootstrap.quantile(raw, 0.025) - point)), within(1e-12));
    assertThat(run.summary().ciHigh())
        .isCloseTo(Math.min(1, point + w.factor() * (Bootstrap.quantile(raw, 0.975) - point)), within(1e-12));
    assertThat(run.summary().ciHigh() - run.summary().ciLow())
        .isGreaterThan(Bootstrap.quantile(raw, 0.975) - Bootstrap.quantile(raw, 0.025));
  }

  @Test
  void aSingleTrajectoryIntervalIsNotWidened() {
    Group g = new GroupAssembler().assemble(SyntheticSweep.reference(1e-4).records(11)).get(0);
    BootstrapRun run = new Bootstrap(FitSettings.defaults()).runAll(g, 20);
    double[] raw = run.replicates().stream().filter(Replicate::ok).mapToDouble(Replicate::cmr).sorted().toArray();

    assertThat(run.summary().widening()).isEqualTo(Widening.none(Resampling.WILD, 1));
    assertThat(run.summary().distribution()).containsExactly(raw);
  }
}
