package io.cmrsweep.fit.cmr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.GroupKey;
import io.cmrsweep.fit.group.InputIssues;
import io.cmrsweep.fit.group.Trajectory;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad or thin data give a specific status and message, never an exception. */
class CmrPipelineBadInputTest {
  private final CmrPipeline pipeline = new CmrPipeline(FitSettings.defaults());
  private static final GroupKey KEY = new GroupKey("s", "d", "m");

  private static Group assemble(List<LossRecord> records) {
    return new GroupAssembler().assemble(records).get(0);
  }

  @Test
  void anEmptyGroupIsReportedAsEmpty() {
    GroupFit fit = pipeline.fit(new Group(KEY, 1, List.of(), InputIssues.none()));
    assertThat(fit.status()).isEqualTo(FitStatus.EMPTY_GROUP);
    assertThat(fit.status().label()).isEqualTo("empty_group");
    assertThat(fit.cmr()).isNaN();
    assertThat(fit.cmrAt(100)).isNaN();
  }

  @Test
  void aGroupOfOnlyDivergedRowsIsEmptyAndSaysWhy() {
    List<LossRecord> rows = new ArrayList<>();
    for (long t = 0; t < 5; t++) {
      rows.add(new LossRecord("s", "t", "d", "m", 1, 0.3, 1, t, t * 100, Double.NaN, 3.0, 1));
    }
    GroupFit fit = pipeline.fit(assemble(rows));
    assertThat(fit.status()).isEqualTo(FitStatus.EMPTY_GROUP);
    assertThat(fit.detail()).contains("5 row(s) with NaN/inf loss set aside");
  }

  @Test
  void aSingleRatioIsTooFewRatios() {
    GroupFit fit = pipeline.fit(assemble(SyntheticSweep.reference(0).withRatios(0.3).records(1)));
    assertThat(fit.status()).isEqualTo(FitStatus.TOO_FEW_RATIOS);
    assertThat(fit.detail()).contains("found 1 ratio in (0, 1] [0.3]").contains("at least 2");
  }

  @Test
  void withoutAnyT0PointTheBaseLossesAreUnknown() {
    List<LossRecord> rows = SyntheticSweep.reference(0).records(1).stream().filter(r -> r.tokens() > 0).toList();
    Group g = assemble(rows);
    assertThat(g.issues().trajectoriesWithoutBase()).isEqualTo(6);
    GroupFit fit = pipeline.fit(g);
    assertThat(fit.status()).isEqualTo(FitStatus.NO_BASE_POINT);
    assertThat(fit.detail()).contains("record the base model's losses at tokens=0");
  }

  @Test
  void tooFewCheckpointsPerRatioAreNamedByRatio() {
    GroupFit fit = pipeline.fit(assemble(SyntheticSweep.reference(0).withCheckpoints(4).records(1)));
    assertThat(fit.status()).isEqualTo(FitStatus.TOO_FEW_CHECKPOINTS);
    assertThat(fit.detail()).contains("ratio 0.2 has 4 distinct checkpoint(s) with T > 0").contains("at least 6");
  }

  @Test
  void whenEveryRatioIsAboveTheCmrNoRatioIsFeasible() {
    GroupFit fit = pipeline.fit(assemble(SyntheticSweep.reference(0).withRatios(0.45, 0.55, 0.65, 0.75).records(1)));
    assertThat(fit.status()).isEqualTo(FitStatus.NO_FEASIBLE_RATIO);
    assertThat(fit.detail()).contains("below the smallest ratio 0.45");
    assertThat(fit.ratios()).allSatisfy(r -> assertThat(r.extrapolated()).isTrue());
    assertThat(fit.cmr()).isNaN();
  }

  @Test
  void nonFiniteAndDuplicateRowsAreCountedAndTheRestIsStillFitted() {
    List<LossRecord> rows = new ArrayList<>(SyntheticSweep.reference(0).records(1));
    LossRecord r = rows.get(5);
    rows.add(new LossRecord(r.sweep(), r.trialId(), r.domain(), r.model(), r.modelParams(), r.ratio(), r.seed(),
        r.step(), r.tokens() + 1, Double.POSITIVE_INFINITY, r.domainLoss(), 1));
    rows.add(r);
    GroupFit fit = pipeline.fit(assemble(rows));
    assertThat(fit.status()).isEqualTo(FitStatus.OK);
    assertThat(fit.issues().nonFiniteRows()).isEqualTo(1);
    assertThat(fit.issues().duplicateCheckpoints()).isEqualTo(1);
  }

  @Test
  void pureNoiseNeverThrowsAndEndsInANamedStatus() {
    Random rng = new Random(5);
    for (int rep = 0; rep < 20; rep++) {
      List<Trajectory> ts = new ArrayList<>();
      for (double ratio : new double[] {0.1, 0.3, 0.5}) {
        double[] t = new double[10];
        double[] g = new double[10];
        double[] d = new double[10];
        for (int i = 0; i < 10; i++) {
          t[i] = i * 1000;
          g[i] = 2 + rng.nextGaussian();
          d[i] = 3 + rng.nextGaussian();
        }
        ts.add(new Trajectory(ratio, 1, t, g, d));
      }
      GroupFit fit = pipeline.fit(new Group(KEY, 1, ts, InputIssues.none()));
      assertThat(fit.status()).isNotEqualTo(FitStatus.INTERNAL_ERROR);
      assertThat(fit.ok() ? fit.cmr() : 0.5).isBetween(0.0, 1.0);
    }
  }

  @Test
  void ratioZeroTrajectoriesBuiltByHandAreIgnoredByTheLaws() {
    List<Trajectory> ts = new ArrayList<>(assemble(SyntheticSweep.reference(0).records(1)).trajectories());
    ts.add(new Trajectory(0.0, 1, new double[] {0, 1e9}, new double[] {2.5, 2.4}, new double[] {3.1, 3.1}));
    GroupFit fit = pipeline.fit(new Group(KEY, 1, ts, InputIssues.none()));
    assertThat(fit.status()).isEqualTo(FitStatus.OK);
    assertThat(fit.ratios()).extracting(RatioFit::ratio).doesNotContain(0.0);
  }

  @Test
  void invalidSettingsAreAllReportedAtOnceNamingFieldValueAndFix() {
    assertThatThrownBy(() -> new FitSettings(FitParameters.defaults(), 0.5, 0, 10, 1, true, 3))
        .hasMessageContaining("searchCap=0.5")
        .hasMessageContaining("curveMin=0.0")
        .hasMessageContaining("curvePoints=1")
        .hasMessageContaining("minCheckpoints=3");
    assertThatThrownBy(() -> FitSettings.defaults().withEps(0)).hasMessageContaining("eps=0.0 must be a finite"
        + " tolerance > 0 in nats");
    assertThatThrownBy(() -> FitSettings.defaults().withLevel(0)).hasMessageContaining("level=0.0");
    assertThat(FitSettings.defaults().withLambda(100).lambda()).isEqualTo(100);
  }
}
