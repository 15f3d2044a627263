package io.cmrsweep.fit.group;

import io.cmrsweep.core.loss.LossRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns loss records into groups: one per (sweep, domain, model), one trajectory per (ratio, seed),
 * checkpoints sorted by tokens. The order of groups, trajectories and checkpoints does not depend on
 * the order of the input. Rows that cannot be used are counted in {@link InputIssues}, never dropped
 * silently: non-finite losses, duplicate checkpoints (the highest attempt wins, then the smallest
 * trial id), rows of ratio 0.
 */
public final class GroupAssembler {

  private static final Comparator<LossRecord> PREFERENCE = Comparator
      .comparingInt(LossRecord::attempt).reversed()
      .thenComparing(LossRecord::trialId)
      .thenComparingLong(LossRecord::step);

  public List<Group> assemble(Collection<LossRecord> records) {
    Map<GroupKey, List<LossRecord>> byKey = new TreeMap<>();
    for (LossRecord r : records) {
      byKey.computeIfAbsent(new GroupKey(r.sweep(), r.domain(), r.model()), k -> new ArrayList<>()).add(r);
    }
    List<Group> groups = new ArrayList<>();
    byKey.forEach((key, rows) -> groups.add(group(key, rows)));
    return groups;
  }

  private record Cell(double ratio, int seed) {}

  private static Group group(GroupKey key, List<LossRecord> rows) {
    List<LossRecord> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(LossRecord::trialId).thenComparingLong(LossRecord::tokens)
        .thenComparingInt(LossRecord::attempt).thenComparingLong(LossRecord::step));
    long modelParams = sorted.get(0).modelParams();
    int nonFinite = 0;
    int zeroRatio = 0;
    int conflictingParams = 0;
    Map<Cell, Map<Long, LossRecord>> cells = new TreeMap<>(
        Comparator.comparingDouble(Cell::ratio).thenComparingInt(Cell::seed));
    int duplicates = 0;
    for (LossRecord r : sorted) {
      if (r.modelParams() != modelParams) {
        conflictingParams++;
      }
      if (!r.finite()) {
        nonFinite++;
        continue;
      }
      if (r.ratio() == 0.0) {
        zeroRatio++;
        continue;
      }
      Map<Long, LossRecord> byTokens = cells.computeIfAbsent(new Cell(r.ratio(), r.seed()), c -> new TreeMap<>());
      LossRecord previous = byTokens.get(r.tokens());
      if (previous != null) {
        duplicates++;
        if (PREFERENCE.compare(r, previous) < 0) {
          byTokens.put(r.tokens(), r);
        }
      } else {
        byTokens.put(r.tokens(), r);
      }
    }
    List<Trajectory> trajectories = new ArrayList<>();
    int withoutBase = 0;
    for (Map.Entry<Cell, Map<Long, LossRecord>> e : cells.entrySet()) {
      Collection<LossRecord> points = e.getValue().values();
      int n = points.size();
      double[] t = new double[n];
      double[] g = new double[n];
      double[] d = new double[n];
      int i = 0;
      for (LossRecord r : points) {
        t[i] = r.tokens();
        g[i] = r.generalLoss();
        d[i] = r.domainLoss();
        i++;
      }
      Trajectory tr = new Trajectory(e.getKey().ratio(), e.getKey().seed(), t, g, d);
      if (!tr.hasBasePoint()) {
        withoutBase++;
      }
      trajectories.add(tr);
    }
    return new Group(key, modelParams, trajectories,
        new InputIssues(nonFinite, duplicates, zeroRatio, withoutBase, conflictingParams));
  }
}
