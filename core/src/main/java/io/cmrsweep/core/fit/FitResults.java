package io.cmrsweep.core.fit;

import java.util.List;

/** The three fit outputs of one fit run: one CMR row per group, every fitted law, every curve point. */
public record FitResults(List<CmrRow> cmr, List<LawRow> laws, List<CurveRow> curves) {
  public FitResults {
    cmr = List.copyOf(cmr);
    laws = List.copyOf(laws);
    curves = List.copyOf(curves);
  }
}
