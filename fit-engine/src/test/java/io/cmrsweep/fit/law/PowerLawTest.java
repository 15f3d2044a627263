package io.cmrsweep.fit.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.fit.cmr.CmrCurve;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerLawTest {

  @Test
  void publishedCmrLawCoefficientsGiveThePublishedCmrAtOneHundredUnits() {
    // DESIGN 1.1: T in units of 0.2B tokens, CMR(T = 100) for the 460M, 940M, 1.6B and 3.1B models.
    double[][] coefficients = {
      {0.22524761, 0.26944345, -0.48139982},
      {0.7520627, 0.13720245, -1.06581937},
      {-2.36384831, -0.15125569, 1.59223649},
      {-2.5368197, -0.42071423, 0.84375368}
    };
    double[] percent = {29.76, 34.89, 41.43, 47.83};
    PowerLaw law = PowerLaw.signed("cmr", "a4", "s4", "b4");
    for (int i = 0; i < 4; i++) {
      double[] c = coefficients[i];
      assertThat(100 * law.value(c, 100)).as("model %d", i).isCloseTo(percent[i], within(0.005));
      assertThat(100 * new CmrCurve.Law(c[0], c[1], c[2], 1.0).at(100)).isCloseTo(percent[i], within(0.005));
    }
  }

  @Test
  void cmrCurveIsCappedBySupAAndClippedToTheUnitInterval() {
    assertThat(new CmrCurve.Law(0.3, 0.5, 0.08, 0.25).at(1.0)).isEqualTo(0.25);
    assertThat(new CmrCurve.Law(2.0, 0.5, 0.0, 1.0).at(4.0)).isEqualTo(1.0);
    assertThat(new CmrCurve.Law(0.3, 0.5, -0.5, 1.0).at(1.0)).isEqualTo(0.0);
  }

  @Test
  void analyticDerivativesOfTheOneTermLawMatchFiniteDifferences() {
    PowerLaw law = PowerLaw.positive("t", "a", "s", "b");
    double[] p = {-0.4, 0.45, 0.01};
    Derivatives.check(law, p, new double[] {0.03, 0.3, 1.0, 2.7});
  }

  @Test
  void analyticDerivativesOfTheTwoTermLawMatchFiniteDifferencesAlsoNearTheDegenerateExponentGap() {
    TwoTermPowerLaw law = new TwoTermPowerLaw("g");
    for (double d : new double[] {0.6, 1e-3, 1e-9, -0.2}) {
      double[] p = {0.01, 0.3, -0.004, d, 0.001};
      Derivatives.check(law, p, new double[] {0.04, 0.5, 1.0, 3.5});
    }
  }

  @Test
  void orderedTermsDescribeTheSameFunctionWithTheSmallerExponentFirst() {
    TwoTermPowerLaw law = new TwoTermPowerLaw("g");
    double[] p = TwoTermPowerLaw.fromTerms(-0.01, 0.9, 0.03, 0.3, 0.002);
    double[] t = TwoTermPowerLaw.ordered(p);
    assertThat(t[1]).isLessThan(t[3]);
    assertThat(t).containsExactly(new double[] {0.03, 0.3, -0.01, 0.9, 0.002}, within(1e-12));
    for (double x : List.of(0.1, 0.7, 2.0)) {
      double direct = t[0] * Math.pow(x, t[1]) + t[2] * Math.pow(x, t[3]) + t[4];
      assertThat(law.value(p, x)).isCloseTo(direct, within(1e-14));
    }
  }
}
