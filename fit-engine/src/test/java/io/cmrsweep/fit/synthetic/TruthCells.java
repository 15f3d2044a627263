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
 * simulation seed and the cell alone (its trial id), so its records do not depend on which other cells ran.
 *
 * @param truth the laws over model sizes
 * @param params parameter count of each model label
 * @param checkpoints checkpoints with T > 0 per trial, evenly spaced up to the cell's tokens (plus T = 0)
 * @param noise sd of the loss noise, nats
 * @param seed the simulation seed
 */
public record TruthCells(TruthModel truth, Map<String, Long> params, int checkpoints, double noise, long seed) {

  public TruthCells {
    params = Map.copyOf(params);
  }

  public static String trialId(Cell c) {
    return String.format(Locale.ROOT, "%s-%s-r%.4f-s%d", c.domain(), c.model(), c.ratio(), c.seed());
  }

  public double trueCmr(String model) {
    return truth.cmr(params.get(model));
  }

  public List<LossRecord> records(Cell c) {
    long[] steps = new long[checkpoints + 1];
    long[] tokens = new long[checkpoints + 1];
    for (int k = 0; k <= checkpoints; k++) {
      steps[k] = 100L * k;
      tokens[k] = k == checkpoints ? c.tokens() : c.tokens() / checkpoints * k;
    }
    SimulatedTrial t = new SimulatedTrial("sim", trialId(c), c.domain(), c.model(), params.get(c.model()), c.ratio(),
        c.seed(), 1);
    return truth.records(t, c.tokens(), steps, tokens, noise, seed);
  }

  public List<LossRecord> records(Collection<Cell> cells) {
    List<LossRecord> out = new ArrayList<>();
    cells.forEach(c -> out.addAll(records(c)));
    return out;
  }
}
