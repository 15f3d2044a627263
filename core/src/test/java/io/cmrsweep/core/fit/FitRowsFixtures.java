package io.cmrsweep.core.fit;

import java.util.List;

/** Rows with every kind of value the contract allows: NaN scalars, empty lists, lists holding NaN. */
final class FitRowsFixtures {
  private FitRowsFixtures() {}

  static CmrRow cmr(String domain, double cmr, int seeds) {
    return new CmrRow("syn", domain, "m1", 1_234_567_890_123L, cmr, 0.21, 0.27, 0.95, 30, 2, "2 x no root",
        4.2e9, 1000, 0.05, 0.3, "ok", "", true, CmrAnswer.UPPER_BOUND, Binding.SUP_A,
        "The tolerance bound decides: CMR <= 30.0 %.", 0.26, 0.34, 0.41, 0.12, Double.NaN, 0.9, 0.05, 0.0,
        seeds, seeds >= 2 ? Resampling.SEED : Resampling.WILD, seeds >= 2 ? 1.44 : 1.0,
        List.of(100.0, 1000.0, 7000.0),
        List.of(0.31, Double.NaN, 0.12), 3.1, 2.7, List.of(0.1, 0.2, 0.3), List.of(0.0, 1.5e9, Double.NaN),
        List.of(false, false, true), List.of(true, true, false), List.of(0.1, 0.2), List.of(0.99, 0.98, 0.97),
        List.of(0.9, Double.NaN, 0.8), List.of(1e-5, 2e-5, 3e-5), List.of(0.2, -0.4, 0.05), 0.93,
        List.of(), Double.NaN, List.of(1.0, 0.5, 2.0), 0.99, 0, 1, 0, 2, 0, "1 duplicate checkpoint",
        "More seeds per ratio \"quoted\", unicode \u00b5.");
  }

  static CmrRow failed() {
    return new CmrRow("syn", "empty", "m2", 0, Double.NaN, Double.NaN, Double.NaN, 0.95, 0, 0, "",
        Double.NaN, 1000, 0.05, Double.NaN, "empty_group", "no ratios", false, CmrAnswer.NONE, Binding.NONE,
        "No CMR: empty_group.", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, 0, Resampling.WILD, 1.0, List.of(), List.of(),
        Double.NaN, Double.NaN, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), Double.NaN, List.of(), Double.NaN, List.of(), Double.NaN, 0, 0, 0, 0, 0, "", "");
  }

  static List<LawRow> laws() {
    return List.of(
        new LawRow("syn", "dom", "m1", "token_domain", LawForm.POWER, 0.2, List.of("a1", "s1", "b1"),
            List.of(-0.5, 0.4, 0.01), 0.999, 1e-5, 40, 12, true, ""),
        new LawRow("syn", "dom", "m1", "token_general", LawForm.TWO_TERM, 0.2, List.of("a2", "s2", "a3", "s3", "b2"),
            List.of(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN), Double.NaN, Double.NaN, 40, 200,
            false, "did not converge"),
        new LawRow("syn", "dom", "m1", "cmr", LawForm.POWER, Double.NaN, List.of("a4", "s4", "b4"),
            List.of(0.2, -0.4, 0.05), 0.93, 0.01, 5, 8, true, ""));
  }

  static List<CurveRow> curves() {
    return List.of(new CurveRow("syn", "dom", "m1", 4.2e8, 0.1, 0.4, Double.NaN, Double.NaN),
        new CurveRow("syn", "dom", "m1", 4.2e9, 1.0, 0.25, 0.21, 0.27));
  }

  static List<PredictionRow> predictions() {
    return List.of(
        new PredictionRow("syn", "dom", 7_000_000_000L, 0.41, CmrAnswer.NOT_IDENTIFIED, 0.33, 0.49, 0.95, 200, 3,
            "too_few_sizes=1; no_cmr=2",
            "logit_linear", List.of("a", "b"), List.of(-0.4, 0.37), List.of("m1", "m2", "m3"),
            List.of(4.6e8, 9.4e8, 1.6e9), List.of(0.2976, 0.3489, Double.NaN), List.of(0.25, 0.3, Double.NaN),
            List.of(0.33, 0.39, Double.NaN), List.of("estimate", "upper_bound", "none"), 1_600_000_000L, 4.375, "ok",
            "", List.of(4.6e8, 7e9),
            List.of(0.29, 0.41), List.of(0.25, Double.NaN), List.of(0.33, 0.49)),
        new PredictionRow("syn", "other", 1_000_000_000L, Double.NaN, CmrAnswer.NONE, Double.NaN, Double.NaN, 0.95, 0,
            0, "",
            "logit_linear", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 0,
            Double.NaN, "too_few_sizes", "no size has an ok CMR", List.of(), List.of(), List.of(), List.of()));
  }

  static List<SensitivityRow> sensitivity() {
    return List.of(
        new SensitivityRow("syn", "dom", "m1", SensitivityParameter.LAMBDA, 1000, true, 0.3, 0.26, 0.34,
            Binding.SUP_A, 0.3, 0.9),
        new SensitivityRow("syn", "dom", "m1", SensitivityParameter.EPS, 0.0125, false, Double.NaN, Double.NaN,
            Double.NaN, Binding.NONE, 0.0, Double.NaN));
  }
}
