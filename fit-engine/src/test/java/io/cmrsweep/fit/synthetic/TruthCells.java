package io.cmrsweep.fit.synthetic;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.adaptive.Cell;
import io.cmrsweep.fit.truth.SimulatedTrial;
import io.cmrsweep.fit.truth.TruthModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loss records of single adaptive-sweep cells from a {@link TruthModel}: a cell's noise depends on the
 * simulation seed and its (domain, model, ratio, seed) alone, so its records do not depend on which other cells ran.
 * A cell with fewer tokens than {@code tMax} is the prefix of the full-budget run (its checkpoints up to its tokens,
 * with the same noise), as the worker's runs stopped early are.
 *
 * @param truth the laws over model sizes
 * @param params parameter count of each model label
 * @param checkpoints checkpoints with T > 0 of a full run, evenly spaced up to {@code tMax} (plus T = 0)
 * @param tMax the full token budget, T_max of the laws
 * @param noise sd of the loss noise, nats
 * @param seed the simulation seed
 */
public record TruthCells(TruthModel truth, Map<String, Long> params, int checkpoints, long tMax, double noise,
    long seed) {

  public TruthCells {
    params = Map.copyOf(params);
    if (tMax <= 0) {
      throw new IllegalArgumentException("tMax=" + tMax + " must be > 0");
    }
  }

  /** The id of the cell's full-budget run (its noise stream). */
  public static String trialId(Cell c) {
    return String.format(Locale.ROOT, "%s-%s-r%.4f-s%d", c.domain(), c.model(), c.ratio(), c.seed());
  }

  public double trueCmr(String model) {
    return truth.cmr(params.get(model));
  }

  public List<LossRecord> records(Cell c) {
    if (c.tokens() > tMax) {
      throw new IllegalArgumentException(c + " has tokens=" + c.tokens() + " beyond tMax=" + tMax);
    }
    long[] steps = new long[checkpoints + 1];
    long[] tokens = new long[checkpoints + 1];
    for (int k = 0; k <= checkpoints; k++) {
      steps[k] = 100L * k;
      tokens[k] = k == checkpoints ? tMax : tMax / checkpoints * k;
    }
    SimulatedTrial t = new SimulatedTrial("sim", trialId(c), c.domain(), c.model(), params.get(c.model()), c.ratio(),
        c.seed(), 1);
    return truth.records(t, tMax, steps, tokens, noise, seed).stream().filter(r -> r.tokens() <= c.tokens())
        .toList();
  }

  public List<LossRecord> records(Collection<Cell> cells) {
    List<LossRecord> out = new ArrayList<>();
    cells.forEach(c -> out.addAll(records(c)));
    return out;
  }
}
