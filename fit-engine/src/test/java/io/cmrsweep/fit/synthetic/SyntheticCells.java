package io.cmrsweep.fit.synthetic;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.adaptive.Cell;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Loss records of single cells of a {@link SyntheticSweep} truth, for adaptive designs that run some
 * (ratio, seed) cells and not others: each cell's noise is drawn from a generator seeded by (noise seed, ratio,
 * seed) alone, so a cell's records do not depend on which other cells ran.
 *
 * @param truth the laws (its ratios and seed count are ignored)
 * @param domain domain label of the records
 * @param model model label of the records
 * @param noiseSeed seed of the noise
 */
public record SyntheticCells(SyntheticSweep truth, String domain, String model, long noiseSeed) {

  public List<LossRecord> records(Cell cell) {
    long seed = noiseSeed * 1_000_003L + Double.doubleToLongBits(cell.ratio()) * 31 + cell.seed();
    List<LossRecord> out = new ArrayList<>();
    String trial = String.format(java.util.Locale.ROOT, "%s-%s-r%.4f-s%d", domain, model, cell.ratio(), cell.seed());
    for (LossRecord r : truth.withRatios(cell.ratio()).withSeeds(1).records(seed)) {
      out.add(new LossRecord(r.sweep(), trial, domain, model, r.modelParams(), r.ratio(), cell.seed(), r.step(),
          r.tokens(), r.generalLoss(), r.domainLoss(), r.attempt()));
    }
    return out;
  }

  public List<LossRecord> records(Collection<Cell> cells) {
    List<LossRecord> out = new ArrayList<>();
    for (Cell c : cells) {
      if (c.domain().equals(domain) && c.model().equals(model)) {
        out.addAll(records(c));
      }
    }
    return out;
  }
}
