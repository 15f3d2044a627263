package io.cmrsweep.fit.adaptive;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One candidate trial of an adaptive sweep: a CPT run of {@code model} on {@code domain} at {@code ratio} with
 * {@code seed}, costing {@code tokens} training tokens. The planner only sees cells; the coordinator maps them to
 * its trial ids.
 */
public record Cell(String domain, String model, double ratio, int seed, long tokens) {

  /** Domain, model, ratio, seed, tokens: the order every tie is broken in, so decisions are deterministic. */
  public static final Comparator<Cell> ORDER = Comparator.comparing(Cell::domain).thenComparing(Cell::model)
      .thenComparingDouble(Cell::ratio).thenComparingInt(Cell::seed).thenComparingLong(Cell::tokens);

  public Cell {
    if (domain == null || domain.isBlank() || model == null || model.isBlank()) {
      throw new IllegalArgumentException("a cell needs a domain and a model; got domain=" + domain + ", model=" + model);
    }
    if (!(ratio > 0 && ratio <= 1)) {
      throw new IllegalArgumentException("cell ratio=" + ratio + " must be in (0, 1]");
    }
    if (tokens <= 0) {
      throw new IllegalArgumentException("cell tokens=" + tokens + " must be > 0");
    }
  }

  /** The group (swept size of one domain) the cell belongs to, as {@code domain/model}. */
  public String group() {
    return domain + "/" + model;
  }

  /** The run this cell is one budget of: its group, ratio and seed. */
  public String run() {
    return group() + " r=" + ratio + " seed " + seed;
  }

  /**
   * One cell per run, the longest: a run stopped early and later extended is one run of the longer budget (the
   * shorter is its exact prefix), so the cells a sweep has run are counted, fitted and charged once.
   */
  public static List<Cell> longest(Collection<Cell> cells) {
    Map<String, Cell> out = new TreeMap<>();
    for (Cell c : cells) {
      out.merge(c.run(), c, (a, b) -> a.tokens() >= b.tokens() ? a : b);
    }
    return out.values().stream().sorted(ORDER).toList();
  }

  /** The most tokens {@code cells} ran of this cell's run (0 when none did). */
  public long ranBefore(Collection<Cell> cells) {
    return cells.stream().filter(c -> c.run().equals(run())).mapToLong(Cell::tokens).max().orElse(0);
  }

  @Override
  public String toString() {
    return run();
  }
}
