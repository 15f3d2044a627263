package io.cmrsweep.orchestrator.adaptive;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.fit.adaptive.Cell;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The candidate cells of an adaptive sweep and their trials: every CPT trial of the full grid (cpt.ratios x
 * seeds x sizes x domains, each also stopped at every share of adaptive.stopAt, {@code TrialGrid}) is a
 * candidate; pretraining always runs. The plan of a sweep so far is its pretrain trials plus the trials its
 * recorded rounds chose, in grid order.
 */
public final class CellMap {
  private final List<PlannedTrial> grid;
  private final Map<String, Cell> cellOf = new LinkedHashMap<>();
  private final Map<Cell, String> trialOf = new LinkedHashMap<>();

  public CellMap(List<PlannedTrial> grid, long cptTokens) {
    this.grid = List.copyOf(grid);
    for (PlannedTrial t : grid) {
      if (t.kind() == TrialKind.CPT) {
        Cell c = new Cell(t.domain(), t.model(), t.ratio(), t.seed(), t.runTokens(cptTokens));
        cellOf.put(t.id(), c);
        trialOf.put(c, t.id());
      }
    }
  }

  public List<Cell> candidates() {
    return List.copyOf(cellOf.values());
  }

  public String trialId(Cell c) {
    String id = trialOf.get(c);
    if (id == null) {
      throw new IllegalArgumentException("cell " + c + " is not a cell of this sweep's grid");
    }
    return id;
  }

  /**
   * The cell of a chosen trial. A round naming a trial the spec no longer plans is a spec edit under a running
   * adaptive sweep: refused as bad input (exit 2), before anything is launched or written.
   */
  public Cell cell(String trialId) {
    Cell c = cellOf.get(trialId);
    if (c == null) {
      throw new IllegalArgumentException("models / cpt.ratios / seeds / corpora.domains / adaptive.stopAt: the"
          + " ledger's adaptive rounds chose trial " + trialId + ", which the edited spec no longer plans. A decided"
          + " round is never re-decided; restore those fields of the spec as they were when the sweep started (cmr"
          + " status shows the rounds), or start a new sweep under another sweep name");
    }
    return c;
  }

  /** The cell of a trial id, if the spec plans it. */
  public Optional<Cell> find(String trialId) {
    return Optional.ofNullable(cellOf.get(trialId));
  }

  /** Every cell the rounds chose, in round order. */
  public List<Cell> chosen(List<Round> rounds) {
    List<Cell> out = new ArrayList<>();
    for (Round r : rounds) {
      r.chosen().forEach(c -> out.add(cell(c.trialId())));
    }
    return out;
  }

  /**
   * Pretraining plus the chosen trials, in the grid's order. A chosen trial whose cell (ratio, seed) a round before
   * ran at a shorter budget continues that run (from its final state, so only the rest is trained).
   */
  public List<PlannedTrial> plan(List<Round> rounds) {
    Set<String> chosen = new HashSet<>();
    Map<String, String> longestSoFar = new HashMap<>();
    Map<String, String> continues = new HashMap<>();
    for (Round r : rounds) {
      for (Round.Chosen c : r.chosen()) {
        Cell cell = cell(c.trialId());
        chosen.add(c.trialId());
        String before = longestSoFar.get(cell.run());
        if (before == null || cellOf.get(before).tokens() < cell.tokens()) {
          if (before != null) {
            continues.put(c.trialId(), before);
          }
          longestSoFar.put(cell.run(), c.trialId());
        }
      }
    }
    return grid.stream().filter(t -> t.kind() != TrialKind.CPT || chosen.contains(t.id()))
        .map(t -> continues.containsKey(t.id()) ? t.continuing(continues.get(t.id())) : t).toList();
  }
}
