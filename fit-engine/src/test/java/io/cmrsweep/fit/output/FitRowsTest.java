package io.cmrsweep.fit.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.CurveRow;
import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.LawForm;
import io.cmrsweep.core.fit.LawRow;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.CmrPipeline;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.cmr.RatioFit;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.GroupKey;
import io.cmrsweep.fit.group.InputIssues;
import io.cmrsweep.fit.law.TwoTermPowerLaw;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitRowsTest {
  private static BootstrapRun run(SyntheticSweep sweep) {
    Group g = new GroupAssembler().assemble(sweep.records(3)).get(0);
    return new Bootstrap(FitSettings.defaults()).runAll(g, 4);
  }

  @Test
  void theCmrRowCarriesTheFitTheT0sTheLawsTheAdviceAndTheCmrAtEveryReportedLambda() {
    BootstrapRun r = run(SyntheticSweep.reference(1e-5));
    CmrRow row = FitRows.cmr(r.point(), r.summary());

    assertThat(row.status()).isEqualTo("ok");
    assertThat(row.cmr()).isBetween(0.0, 1.0);
    assertThat(row.replicates()).isEqualTo(4);
    assertThat(row.t0()).hasSize(6);
    assertThat(row.cmrLaw()).hasSize(3);
    assertThat(row.feasibleRatios()).containsExactly(0.2, 0.3);
    assertThat(row.reportedLambdas()).isEqualTo(FitSettings.REPORTED_LAMBDAS);
    assertThat(row.cmrAtReportedLambdas()).hasSize(FitSettings.REPORTED_LAMBDAS.size());
    for (int i = 0; i < row.reportedLambdas().size(); i++) {
      assertThat(row.cmrAtReportedLambdas().get(i)).isEqualTo(r.point().cmrAtLambda(row.reportedLambdas().get(i)));
    }
    // One seed per ratio; the first ratio above the CMR has T0 = 1.14 T_max, close enough not to ask for
    // a longer T_max.
    assertThat(row.advice()).contains("More seeds per ratio").doesNotContain("longer T_max");
  }

  @Test
  void seedsIsTheSmallestNumberOfSeedsOfAnyRatio() {
    BootstrapRun one = run(SyntheticSweep.reference(1e-5));
    BootstrapRun three = run(SyntheticSweep.reference(1e-5).withSeeds(3));

    assertThat(FitRows.cmr(one.point(), one.summary()).seeds()).isEqualTo(1);
    assertThat(FitRows.cmr(three.point(), three.summary()).seeds()).isEqualTo(3)
        .isEqualTo(three.point().ratios().stream().mapToInt(RatioFit::seeds).min().orElseThrow());
  }

  @Test
  void aFailedGroupHasNanForMissingNumbersZeroSeedsAndItsStatus() {
    Group empty = new Group(new GroupKey("s", "d", "m"), 5, List.of(), InputIssues.none());
    GroupFit fit = new CmrPipeline(FitSettings.defaults()).fit(empty);
    BootstrapRun r = new Bootstrap(FitSettings.defaults()).runAll(empty, 10);

    CmrRow row = FitRows.cmr(fit, r.summary());

    assertThat(row.cmr()).isNaN();
    assertThat(row.ciLow()).isNaN();
    assertThat(row.status()).isEqualTo("empty_group");
    assertThat(row.seeds()).isZero();
    assertThat(row.replicates()).isZero();
    assertThat(row.advice()).contains("ratios in (0, 1]");
  }

  @Test
  void lawRowsDescribeEveryFittedLawAndEvaluateToTheFittedModel() {
    BootstrapRun r = run(SyntheticSweep.reference(0));
    List<LawRow> laws = FitRows.laws(r.point());

    assertThat(laws).extracting(LawRow::law).containsOnly("token_domain", "token_general", "ratio_general",
        "ratio_domain", "cmr");
    assertThat(laws).hasSize(6 * 2 + 3);
    LawRow general = laws.get(1);
    assertThat(general.form()).isEqualTo(LawForm.TWO_TERM);
    assertThat(general.parameterNames()).containsExactly("a2", "s2", "a3", "s3", "b2");
    assertThat(general.parameters().get(1)).isLessThan(general.parameters().get(3));
    // The reordered parameters describe the same function the fitter fitted in (A, s, B, d, b2).
    RatioFit first = r.point().ratios().get(0);
    double[] fitted = first.generalLaw().parameters();
    TwoTermPowerLaw model = new TwoTermPowerLaw("token_general");
    for (double x : new double[] {0.1, 0.5, 1.0, 3.0}) {
      assertThat(general.value(x)).isCloseTo(model.value(fitted, x), within(1e-9));
    }
    LawRow domain = laws.get(0);
    assertThat(domain.form()).isEqualTo(LawForm.POWER);
    double[] p = first.domainLaw().parameters();
    assertThat(domain.value(0.5)).isCloseTo(p[0] * Math.pow(0.5, p[1]) + p[2], within(1e-12));
  }

  @Test
  void curveRowsFollowTheGridWithTheBand() {
    BootstrapRun r = run(SyntheticSweep.reference(0));
    List<CurveRow> curve = FitRows.curves(r.point(), r.summary());

    assertThat(curve).hasSize(FitSettings.defaults().curvePoints());
    assertThat(curve).allSatisfy(c -> assertThat(c.bandLow()).isLessThanOrEqualTo(c.bandHigh()));
  }

  @Test
  void theRowsOfARealFitReadBackEqualFromJsonAndParquet(@TempDir Path dir) {
    BootstrapRun r = run(SyntheticSweep.reference(1e-5));
    var results = new FitRows().add(r.point(), r.summary()).results();
    FitOutputs outputs = new FitOutputs(new Configuration());
    org.apache.hadoop.fs.Path fits = new org.apache.hadoop.fs.Path(dir.toUri());

    outputs.write(fits, results);

    assertThat(outputs.read(fits, FitFormat.JSON)).isEqualTo(results);
    assertThat(outputs.read(fits, FitFormat.PARQUET)).isEqualTo(results);
  }
}
