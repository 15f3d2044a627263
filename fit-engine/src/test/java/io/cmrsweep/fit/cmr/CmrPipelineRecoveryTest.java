package io.cmrsweep.fit.cmr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.law.TwoTermPowerLaw;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import org.junit.jupiter.api.Test;

/**
 * Synthetic sweeps from known laws (SyntheticSweep: 6 ratios 0.2..0.7, true CMR 0.38, T0/T_max from
 * 0.16 to 4.27, so four ratios need extrapolated T0) must be recovered.
 */
class CmrPipelineRecoveryTest {
  private final CmrPipeline pipeline = new CmrPipeline(FitSettings.defaults());

  private static Group group(SyntheticSweep s, long seed) {
    return new GroupAssembler().assemble(s.records(seed)).get(0);
  }

  @Test
  void exactDataGiveBackTheTokenLawsEveryT0AndTheCmrToOneInAMillion() {
    SyntheticSweep s = SyntheticSweep.reference(0.0);
    GroupFit fit = pipeline.fit(group(s, 1));
    assertThat(fit.status()).isEqualTo(FitStatus.OK);
    assertThat(fit.cmr()).isCloseTo(s.trueCmr(), within(1e-6));
    assertThat(fit.supA()).isEqualTo(1.0);
    assertThat(fit.interpolated()).isFalse();
    assertThat(fit.cmrLaw().orElseThrow().parameters()).containsExactly(new double[] {s.a4(), s.s4(), s.b4()},
        within(1e-6));
    for (RatioFit r : fit.ratios()) {
      double truth = s.trueX0(r.ratio());
      assertThat(r.t0() / fit.tMax()).as("T0 of %s", r.ratio()).isCloseTo(truth, within(1e-6 * truth));
      assertThat(r.extrapolated()).isEqualTo(truth > 1);
      assertThat(r.feasible()).isEqualTo(truth <= 1);
      assertThat(r.domainLaw().parameters()).containsExactly(s.domainLaw(r.ratio()), within(1e-6));
      double[] gen = TwoTermPowerLaw.ordered(r.generalLaw().parameters());
      assertThat(gen).containsExactly(s.generalLaw(r.ratio()), within(1e-6));
      assertThat(r.generalLaw().r2()).isCloseTo(1.0, within(1e-9));
    }
    assertThat(fit.cmrAt(fit.tMax())).isEqualTo(fit.cmr());
    assertThat(fit.cmrAt(4 * fit.tMax())).isCloseTo(s.a4() * 2 + s.b4(), within(1e-6));
  }

  @Test
  void realisticNoiseStillRecoversT0AndTheCmrWithinStatedTolerances() {
    // 1e-5 nats: the residual level of the reference study's fits (DESIGN 1.2).
    SyntheticSweep s = SyntheticSweep.reference(1e-5).withCheckpoints(30);
    for (long seed = 1; seed <= 5; seed++) {
      GroupFit fit = pipeline.fit(group(s, seed));
      assertThat(fit.status()).as("seed %d: %s", seed, fit).isEqualTo(FitStatus.OK);
      assertThat(fit.cmr()).as("seed %d", seed).isCloseTo(s.trueCmr(), within(0.01));
      for (RatioFit r : fit.ratios()) {
        double truth = s.trueX0(r.ratio());
        double x0 = r.t0() / fit.tMax();
        // Measured T0 (inside T_max) within 3 %; extrapolated ones (up to 4.3 T_max) within 25 %.
        assertThat(x0).as("seed %d T0 of %s", seed, r.ratio()).isCloseTo(truth, within((truth <= 1 ? 0.03 : 0.25) * truth));
        assertThat(r.domainLaw().parameters()).containsExactly(s.domainLaw(r.ratio()), within(0.01));
        // The general law's five parameters are not separately identifiable at this noise (the fit
        // often sits near s2 = s3); its curve is, to a few noise standard deviations.
        for (double x = 0.05; x <= 1.0; x += 0.05) {
          double[] truthLaw = s.generalLaw(r.ratio());
          double expected = truthLaw[0] * Math.pow(x, truthLaw[1]) + truthLaw[2] * Math.pow(x, truthLaw[3]);
          assertThat(TokenLaws.GENERAL.value(r.generalLaw().parameters(), x) + fit.baseGeneral()
              - SyntheticSweep.BASE_GENERAL).isCloseTo(expected, within(3e-5));
        }
      }
    }
  }

  @Test
  void theCmrFallsAsLambdaGrowsAndIsReportedAtTheThreeReferenceLambdas() {
    GroupFit fit = pipeline.fit(group(SyntheticSweep.reference(0.0), 1));
    double at100 = fit.cmrAtLambda(100);
    double at1000 = fit.cmrAtLambda(1000);
    double at7000 = fit.cmrAtLambda(7000);
    assertThat(at1000).isEqualTo(fit.cmr());
    assertThat(at100).isGreaterThan(at1000);
    assertThat(at1000).isGreaterThan(at7000);
    assertThat(fit.cmrByLambda()).containsOnlyKeys(100.0, 1000.0, 7000.0);
  }

  @Test
  void aTightToleranceCapsTheCmrAtSupA() {
    SyntheticSweep s = SyntheticSweep.reference(0.0);
    double eps = 0.012;
    // The true sup A: the ratio whose general-loss rise at T_max (a2 + a3) equals eps, by bisection.
    double lo = 0.2;
    double hi = 0.7;
    for (int i = 0; i < 60; i++) {
      double mid = 0.5 * (lo + hi);
      double[] g = s.generalLaw(mid);
      if (g[0] + g[2] > eps) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    GroupFit fit = new CmrPipeline(FitSettings.defaults().withEps(eps)).fit(group(s, 1));
    assertThat(fit.status()).isEqualTo(FitStatus.OK);
    assertThat(lo).isBetween(0.25, 0.37);
    // The ratio law is a 3-parameter power law through 6 ratios, so it approximates the true rise.
    assertThat(fit.supA()).isCloseTo(lo, within(0.02));
    assertThat(fit.cmr()).isEqualTo(Math.min(fit.supA(), s.trueCmr()));
  }

  @Test
  void withTwoUsableRatiosTheMonotoneInterpolationIsUsedAndFlagged() {
    SyntheticSweep s = SyntheticSweep.reference(0.0).withRatios(0.3, 0.45);
    GroupFit fit = pipeline.fit(group(s, 1));
    assertThat(fit.status()).isEqualTo(FitStatus.OK);
    assertThat(fit.interpolated()).isTrue();
    assertThat(fit.cmrLaw()).isEmpty();
    assertThat(fit.detail()).contains("monotone interpolation");
    double x1 = s.trueX0(0.3);
    double x2 = s.trueX0(0.45);
    assertThat(fit.cmr()).isCloseTo(0.3 + 0.15 * (1 - x1) / (x2 - x1), within(1e-6));
  }
}
