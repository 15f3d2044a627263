package io.cmrsweep.fit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.Trajectory;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResidualResamplingTest {
  private static final FitSettings SETTINGS = FitSettings.defaults();

  private static Group group(SyntheticSweep s) {
    return new GroupAssembler().assemble(s.records(42)).get(0);
  }

  private static Group smooth(Group g) {
    return new CmrPipeline(SETTINGS).smoothed(g).orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(value = Resampling.class, names = {"RESIDUAL", "WILD", "BLOCK"})
  void resamplingAroundTheFitKeepsEveryCheckpointAndTheBasePoint(Resampling unit) {
    Group g = group(SyntheticSweep.reference(1e-4));
    Group r = ResidualResampling.resample(g, smooth(g), unit, new SplittableRandom(3));
    for (int i = 0; i < g.trajectories().size(); i++) {
      Trajectory before = g.trajectories().get(i);
      Trajectory after = r.trajectories().get(i);
      assertThat(after.tokens()).containsExactly(before.tokens());
      assertThat(after.generalAt(0)).isEqualTo(before.generalAt(0));
      assertThat(after.domainAt(0)).isEqualTo(before.domainAt(0));
      assertThat(after.generalLoss()).isNotEqualTo(before.generalLoss());
    }
  }

  @Test
  void theSmoothedGroupFollowsTheTrueLawsWithinTheNoise() {
    SyntheticSweep truth = SyntheticSweep.reference(1e-4);
    Group g = group(truth);
    Group s = smooth(g);
    Group exact = group(SyntheticSweep.reference(0));
    for (int k = 0; k < g.trajectories().size(); k++) {
      Trajectory fitted = s.trajectories().get(k);
      Trajectory clean = exact.trajectories().get(k);
      for (int i = 1; i < fitted.size(); i++) {
        assertThat(fitted.generalAt(i)).isCloseTo(clean.generalAt(i), within(3e-4));
        assertThat(fitted.domainAt(i)).isCloseTo(clean.domainAt(i), within(3e-4));
      }
    }
  }

  @Test
  void wildWeightsOnlyFlipTheSignsOfTheScaledResiduals() {
    Group g = group(SyntheticSweep.reference(1e-4));
    Group s = smooth(g);
    Group r = ResidualResampling.resample(g, s, Resampling.WILD, new SplittableRandom(5));
    Trajectory obs = g.trajectories().get(0);
    Trajectory fit = s.trajectories().get(0);
    Trajectory rep = r.trajectories().get(0);
    int n = obs.size() - 1;
    double scale = Math.sqrt(n / (double) (n - CmrPipeline.GENERAL_LAW_PARAMETERS));
    for (int i = 1; i < obs.size(); i++) {
      double residual = obs.generalAt(i) - fit.generalAt(i);
      assertThat(Math.abs(rep.generalAt(i) - fit.generalAt(i))).isCloseTo(scale * Math.abs(residual),
          within(1e-12));
    }
  }

  @Test
  void blockResamplingMovesRunsOfConsecutiveResiduals() {
    Group g = group(SyntheticSweep.reference(1e-4).withCheckpoints(27));
    Group s = smooth(g);
    Group r = ResidualResampling.resample(g, s, Resampling.BLOCK, new SplittableRandom(9));
    Trajectory obs = g.trajectories().get(0);
    Trajectory fit = s.trajectories().get(0);
    Trajectory rep = r.trajectories().get(0);
    int m = obs.size() - 1;
    double scale = Math.sqrt(m / (double) (m - CmrPipeline.DOMAIN_LAW_PARAMETERS));
    List<Integer> source = new ArrayList<>();
    for (int i = 1; i < obs.size(); i++) {
      double drawn = (rep.domainAt(i) - fit.domainAt(i)) / scale;
      for (int j = 1; j < obs.size(); j++) {
        if (Math.abs(drawn - (obs.domainAt(j) - fit.domainAt(j))) < 1e-12) {
          source.add(j);
          break;
        }
      }
    }
    assertThat(source).hasSize(m);
    int len = ResidualResampling.blockLength(m);
    assertThat(len).isEqualTo(3);
    for (int start = 0; start + len <= m; start += len) {
      for (int j = 1; j < len; j++) {
        assertThat(source.get(start + j)).isEqualTo(source.get(start + j - 1) + 1);
      }
    }
  }

  @Test
  void residualReplicatesAreSeededByTheGroupAndTheIndexAlone() {
    Group g = group(SyntheticSweep.reference(5e-5));
    FitSettings s = SETTINGS.withResampling(Resampling.BLOCK);
    BootstrapRun batch = new Bootstrap(s).runAll(g, 4);
    assertThat(new Bootstrap(s).replicate(g, 3)).isEqualTo(batch.replicates().get(3));
    assertThat(batch.replicates()).extracting(Replicate::cmr).doesNotHaveDuplicates();
  }

  @Test
  void exactDataGiveAZeroWidthIntervalUnderResidualResampling() {
    SyntheticSweep truth = SyntheticSweep.reference(0);
    BootstrapRun run = new Bootstrap(SETTINGS.withResampling(Resampling.RESIDUAL)).runAll(group(truth), 4);
    assertThat(run.summary().ciLow()).isCloseTo(truth.trueCmr(), within(1e-6));
    assertThat(run.summary().ciHigh()).isCloseTo(truth.trueCmr(), within(1e-6));
  }

  @Test
  void theCheckpointAndSeedResamplerRefusesModesThatNeedTheFit() {
    Group g = group(SyntheticSweep.reference(1e-5));
    assertThatThrownBy(() -> Bootstrap.resample(g, Resampling.WILD, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resampling=wild");
  }

  @Test
  void aGroupWhoseTokenLawsCannotBeFittedHasNoSmoothedForm() {
    Group g = group(SyntheticSweep.reference(1e-5));
    List<Trajectory> noBase = new ArrayList<>();
    for (Trajectory t : g.trajectories()) {
      int n = t.size() - 1;
      noBase.add(new Trajectory(t.ratio(), t.seed(), Arrays.copyOfRange(t.tokens(), 1, n + 1),
          Arrays.copyOfRange(t.generalLoss(), 1, n + 1), Arrays.copyOfRange(t.domainLoss(), 1, n + 1)));
    }
    assertThat(new CmrPipeline(SETTINGS).smoothed(g.withTrajectories(noBase))).isEmpty();
  }
}
