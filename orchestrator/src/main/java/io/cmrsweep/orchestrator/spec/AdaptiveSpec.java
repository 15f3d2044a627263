package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.fit.adaptive.Budget;
import io.cmrsweep.fit.adaptive.Goal;

/**
 * The {@code adaptive:} section (DESIGN 6): run the sweep in rounds, choosing each round's cells among the
 * spec's {@code cpt.ratios} x {@code seeds} until every group's CMR interval (or every predicted CMR's) is at
 * most {@code targetWidth} wide or the budget is spent.
 *
 * @param targetWidth the CMR interval width to reach, in (0, 1)
 * @param target {@value #PER_SIZE}: the width is required of every swept size; {@value #PREDICTED}: of the CMR
 *     predicted at every size of {@code fit.predictParams}, per domain (the size law across the swept sizes)
 * @param predictAt the target sizes of {@value #PREDICTED} (fit.predictParams); empty for {@value #PER_SIZE}
 * @param budget the most CPT trials or tokens the sweep may spend, the initial design included
 * @param batch the most cells chosen per round
 * @param initialRatios ratios of the first round per size and domain, spread over cpt.ratios, first seed only
 * @param replicates bootstrap replicates of the in-process fit between rounds (each ratio's partial bootstrap
 *     takes a quarter of them, at least 8)
 */
public record AdaptiveSpec(double targetWidth, String target, PredictParams predictAt, Budget budget, int batch,
    int initialRatios, int replicates) {

  public static final String PER_SIZE = "perSize";
  public static final String PREDICTED = "predicted";

  public AdaptiveSpec {
    new Goal(targetWidth, budget, batch, predictAt); // the same invariants as the planner's
    if (!PER_SIZE.equals(target) && !PREDICTED.equals(target)) {
      throw new IllegalArgumentException("adaptive.target='" + target + "' must be " + PER_SIZE + " or " + PREDICTED);
    }
    if (PREDICTED.equals(target) == predictAt.isEmpty()) {
      throw new IllegalArgumentException("adaptive.target=" + target + " goes with " + (predictAt.isEmpty()
          ? "target sizes (fit.predictParams)" : "no target sizes"));
    }
    if (initialRatios < 3 || replicates < 10) {
      throw new IllegalArgumentException("adaptive.initialRatios=" + initialRatios + " must be >= 3 and"
          + " adaptive.replicates=" + replicates + " >= 10");
    }
  }

  public Goal goal() {
    return new Goal(targetWidth, budget, batch, predictAt);
  }

  public int partialReplicates() {
    return Math.max(8, replicates / 4);
  }
}
