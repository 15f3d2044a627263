package io.cmrsweep.fit.spark;

import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.Replicate;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs the bootstrap replicates of many groups as Spark tasks. The groups are broadcast once; each task
 * computes a slice of one group's replicates. A replicate's result depends only on (seed, group key,
 * index), so any slicing or scheduling gives the same numbers.
 */
final class DistributedBootstrap {
  /** A task should run well above Spark's per-task overhead (~tens of ms); aim for half a second. */
  static final double TARGET_TASK_MILLIS = 500;

  private final JavaSparkContext jsc;
  private final FitSettings settings;
  private final Consumer<String> progress;

  DistributedBootstrap(JavaSparkContext jsc, FitSettings settings, Consumer<String> progress) {
    this.jsc = jsc;
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Replicates of each group in {@code groups} (indexed as in {@code groups}); groups not listed in
   * {@code eligible} get none.
   */
  List<List<Replicate>> run(List<Group> groups, List<Integer> eligible, Integer replicatesPerTask) {
    List<List<Replicate>> out = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      out.add(new ArrayList<>());
    }
    int b = settings.bootstrap();
    if (b == 0 || eligible.isEmpty()) {
      return out;
    }
    int perTask = replicatesPerTask != null ? replicatesPerTask : measuredPerTask(groups, eligible);
    List<ReplicateTask> tasks = ReplicateTask.plan(eligible, b, perTask);
    progress.accept(String.format("bootstrap: %d replicates x %d group(s) in %d tasks of <= %d replicates",
        b, eligible.size(), tasks.size(), perTask));
    Broadcast<Group[]> shared = jsc.broadcast(groups.toArray(new Group[0]));
    FitSettings s = settings;
    List<GroupReplicate> results = jsc.parallelize(tasks, tasks.size())
        .flatMap(task -> {
          Group g = shared.value()[task.group()];
          Bootstrap bootstrap = new Bootstrap(s);
          List<GroupReplicate> reps = new ArrayList<>(task.size());
          for (int r = task.from(); r < task.to(); r++) {
            reps.add(new GroupReplicate(task.group(), bootstrap.replicate(g, r)));
          }
          return reps.iterator();
        })
        .collect();
    for (GroupReplicate gr : results) {
      out.get(gr.group()).add(gr.replicate());
    }
    for (List<Replicate> reps : out) {
      reps.sort(Comparator.comparingInt(Replicate::index));
    }
    shared.destroy();
    return out;
  }

  /**
   * Replicates per task from the cost of a few replicates timed here on the driver (the fastest of
   * three, after JIT warm-up, for the most expensive group).
   */
  private int measuredPerTask(List<Group> groups, List<Integer> eligible) {
    Bootstrap bootstrap = new Bootstrap(settings);
    double worst = 0;
    for (int g : eligible) {
      double best = Double.MAX_VALUE;
      for (int r = 0; r < 3; r++) {
        long t0 = System.nanoTime();
        bootstrap.replicate(groups.get(g), r);
        best = Math.min(best, (System.nanoTime() - t0) / 1e6);
      }
      worst = Math.max(worst, best);
    }
    return ReplicateTask.perTask(worst, TARGET_TASK_MILLIS, settings.bootstrap());
  }
}
