package io.cmrsweep.fit.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * A slice of one group's bootstrap replicates that one Spark task computes: replicates
 * {@code [from, to)} of group number {@code group}. Slicing never changes results, because replicate b
 * is seeded by (seed, group key, b) alone.
 */
record ReplicateTask(int group, int from, int to) {

  ReplicateTask {
    if (group < 0 || from < 0 || to <= from) {
      throw new IllegalArgumentException("bad replicate slice group=" + group + " [" + from + ", " + to + ")");
    }
  }

  int size() {
    return to - from;
  }

  /**
   * Cuts B replicates of each listed group into slices of at most {@code perTask}, interleaving groups so
   * that the last tasks of a stage are not all from one slow group.
   */
  static List<ReplicateTask> plan(List<Integer> groups, int replicates, int perTask) {
    if (perTask < 1) {
      throw new IllegalArgumentException("replicates per task must be >= 1, got " + perTask);
    }
    List<List<ReplicateTask>> byGroup = new ArrayList<>();
    for (int g : groups) {
      List<ReplicateTask> slices = new ArrayList<>();
      for (int from = 0; from < replicates; from += perTask) {
        slices.add(new ReplicateTask(g, from, Math.min(replicates, from + perTask)));
      }
      byGroup.add(slices);
    }
    List<ReplicateTask> tasks = new ArrayList<>();
    for (int i = 0; ; i++) {
      boolean any = false;
      for (List<ReplicateTask> slices : byGroup) {
        if (i < slices.size()) {
          tasks.add(slices.get(i));
          any = true;
        }
      }
      if (!any) {
        return tasks;
      }
    }
  }

  /**
   * Replicates per task so that a task runs for about {@code targetMillis}, given the measured cost of one
   * replicate; never fewer than needed to keep tasks above the scheduling overhead, never more than B.
   */
  static int perTask(double millisPerReplicate, double targetMillis, int replicates) {
    double cost = Math.max(millisPerReplicate, 0.01);
    int n = (int) Math.ceil(targetMillis / cost);
    return Math.max(1, Math.min(replicates, n));
  }
}
