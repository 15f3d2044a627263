package io.cmrsweep.core.fit;

import java.util.List;

/**
 * The fit outputs of one fit run: one CMR row per group, every fitted law, every curve point, every point
 * of the lambda and eps sensitivity curves, and the CMR predicted at every target size per sweep x domain
 * (empty without {@code fit.predictParams}).
 */
public record FitResults(List<CmrRow> cmr, List<LawRow> laws, List<CurveRow> curves,
    List<SensitivityRow> sensitivity, List<PredictionRow> predictions) {
  public FitResults {
    cmr = List.copyOf(cmr);
    laws = List.copyOf(laws);
    curves = List.copyOf(curves);
    sensitivity = List.copyOf(sensitivity);
    predictions = List.copyOf(predictions);
  }

  /** Results without predictions. */
  public FitResults(List<CmrRow> cmr, List<LawRow> laws, List<CurveRow> curves, List<SensitivityRow> sensitivity) {
    this(cmr, laws, curves, sensitivity, List.of());
  }

  public FitResults withPredictions(List<PredictionRow> rows) {
    return new FitResults(cmr, laws, curves, sensitivity, rows);
  }
}
