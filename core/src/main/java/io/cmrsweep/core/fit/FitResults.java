package io.cmrsweep.core.fit;

import java.util.List;

/**
 * The fit outputs of one fit run: one CMR row per group, every fitted law, every curve point, every point
 * of the lambda and eps sensitivity curves.
 */
public record FitResults(List<CmrRow> cmr, List<LawRow> laws, List<CurveRow> curves,
    List<SensitivityRow> sensitivity) {
  public FitResults {
    cmr = List.copyOf(cmr);
    laws = List.copyOf(laws);
    curves = List.copyOf(curves);
    sensitivity = List.copyOf(sensitivity);
  }
}
