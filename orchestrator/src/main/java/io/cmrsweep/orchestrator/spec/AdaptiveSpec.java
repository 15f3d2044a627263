package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.fit.adaptive.Budget;
import io.cmrsweep.fit.adaptive.Goal;
import java.util.List;

/**
 * The {@code adaptive:} section (DESIGN 6): run the sweep in rounds, choosing each round's cells among the
 * spec's {@code cpt.ratios} x {@code seeds} (x the token budgets of {@code stopAt}) until every group's CMR
 * interval (or every predicted CMR's) is at most {@code targetWidth} wide or the budget is spent.
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
 * @param stopAt shares of cpt.tokens, ascending in (0, 1), at which a candidate run may also stop early: a shorter
 *     token budget the planner may choose for a new ratio whose critical point such a run still sees (the initial
 *     design and every law's T_max use all of cpt.tokens); empty: every run uses all of it
 */
public record AdaptiveSpec(double targetWidth, String target, PredictParams predictAt, Budget budget, int batch,
    int initialRatios, int replicates, List<Double> stopAt) {

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
    stopAt = stopAt == null ? List.of() : List.copyOf(stopAt);
    for (double share : stopAt) {
      if (!(share > 0 && share < 1)) {
        throw new IllegalArgumentException("adaptive.stopAt share=" + share + " must be in (0, 1)");
      }
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
