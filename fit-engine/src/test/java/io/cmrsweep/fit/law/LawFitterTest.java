package io.cmrsweep.fit.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LawFitterTest {
  private final LawFitter fitter = LawFitter.defaults();

  private static double[] grid(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i + 1.0) / n;
    }
    return x;
  }

  @Test
  void recoversTheOneTermLawFromExactDataToOneInAMillion() {
    PowerLaw law = PowerLaw.positive("d", "a1", "s1", "b1");
    double[] truth = {-0.43, 0.55, 0.002};
    double[] x = grid(30);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = law.value(truth, x[i]);
    }
    FitResult r = fitter.fit(law, x, y);
    assertThat(r.converged()).isTrue();
    assertThat(r.parameters()).containsExactly(truth, within(1e-6));
    assertThat(r.r2()).isCloseTo(1.0, within(1e-12));
    assertThat(r.rmse()).isLessThan(1e-9);
  }

  @Test
  void recoversTheTwoTermLawFromExactDataToOneInAMillion() {
    TwoTermPowerLaw law = new TwoTermPowerLaw("g");
    double[] truth = TwoTermPowerLaw.fromTerms(0.025, 0.3, -0.006, 0.9, 0.0);
    double[] x = grid(40);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = law.value(truth, x[i]);
    }
    FitResult r = fitter.fit(law, x, y);
    assertThat(r.converged()).isTrue();
    assertThat(TwoTermPowerLaw.ordered(r.parameters()))
        .containsExactly(TwoTermPowerLaw.ordered(truth), within(1e-6));
  }

  @Test
  void noisyTwoTermFitsReachTheNoiseFloorAndReportACovariance() {
    TwoTermPowerLaw law = new TwoTermPowerLaw("g");
    double[] truth = TwoTermPowerLaw.fromTerms(0.025, 0.3, -0.006, 0.9, 0.0);
    double[] x = grid(50);
    Random rng = new Random(7);
    for (int rep = 0; rep < 20; rep++) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = law.value(truth, x[i]) + 5e-5 * rng.nextGaussian();
      }
      FitResult r = fitter.fit(law, x, y);
      assertThat(r.converged()).isTrue();
      // The residual of the best fit cannot exceed the noise by much (5 parameters of 50 points).
      assertThat(r.rmse()).isBetween(3e-5, 6e-5);
      assertThat(r.covariance(0, 0)).satisfiesAnyOf(v -> assertThat(v).isPositive(), v -> assertThat(v).isNaN());
    }
  }

  @Test
  void moreStartsNeverFindAWorseMinimumThanTheDefault() {
    TwoTermPowerLaw law = new TwoTermPowerLaw("g");
    double[] truth = TwoTermPowerLaw.fromTerms(0.02, 0.2, -0.01, 0.7, 0.0);
    double[] x = grid(24);
    Random rng = new Random(11);
    for (int rep = 0; rep < 10; rep++) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = law.value(truth, x[i]) + 1e-4 * rng.nextGaussian();
      }
      double two = fitter.fit(law, x, y).rmse();
      double eight = fitter.withStarts(8).fit(law, x, y).rmse();
      // Equal up to the optimizer's tolerance: the grid start already lies in the global basin.
      assertThat(two).isLessThanOrEqualTo(eight * (1 + 1e-3));
    }
  }

  @Test
  void weightsShiftTheFitTowardsTheHeavyPoints() {
    PowerLaw law = PowerLaw.positive("d", "a", "s", "b");
    double[] x = grid(10);
    double[] y = new double[x.length];
    double[] w = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.sqrt(x[i]) + (i == 9 ? 0.5 : 0.0);
      w[i] = i == 9 ? 1e-9 : 1.0;
    }
    FitResult weighted = fitter.fit(law, x, y, w);
    assertThat(weighted.parameter(1)).isCloseTo(0.5, within(1e-3));
  }

  @Test
  void degeneratePointsGiveAFailedResultNotAnException() {
    PowerLaw law = PowerLaw.positive("d", "a", "s", "b");
    FitResult r = fitter.fit(law, new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {1, 2, 3, 4});
    assertThat(r.converged()).isFalse();
    assertThat(r.failure()).contains("degenerate points: 1 distinct x value(s) for 3 parameters");
    assertThat(r.parameters()).containsOnly(Double.NaN);
  }

  @Test
  void invalidInputIsRejectedNamingTheOffendingValue() {
    PowerLaw law = PowerLaw.positive("d", "a", "s", "b");
    assertThatThrownBy(() -> fitter.fit(law, new double[] {0.1, 0, 0.3}, new double[] {1, 2, 3}))
        .hasMessageContaining("x[1]=0.0 must be positive");
    assertThatThrownBy(() -> fitter.fit(law, new double[] {0.1, 0.2, 0.3}, new double[] {1, Double.NaN, 3}))
        .hasMessageContaining("y[1]=NaN must be finite");
    assertThatThrownBy(() -> fitter.fit(law, new double[] {0.1, 0.2}, new double[] {1, 2}))
        .hasMessageContaining("needs at least as many points");
    assertThatThrownBy(() -> fitter.withStarts(0)).hasMessageContaining("starts=0 must be >= 1");
  }
}
