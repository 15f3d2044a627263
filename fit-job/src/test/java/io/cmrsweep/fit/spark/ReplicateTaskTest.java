package io.cmrsweep.fit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicateTaskTest {

  @Test
  void coversEveryReplicateOfEveryGroupExactlyOnce() {
    List<ReplicateTask> tasks = ReplicateTask.plan(List.of(0, 2, 5), 1000, 64);

    for (int g : List.of(0, 2, 5)) {
      int[] seen = new int[1000];
      tasks.stream().filter(t -> t.group() == g).forEach(t -> {
        for (int b = t.from(); b < t.to(); b++) {
          seen[b]++;
        }
      });
      assertThat(seen).containsOnly(1);
    }
    assertThat(tasks).allSatisfy(t -> assertThat(t.size()).isBetween(1, 64));
  }

  @Test
  void interleavesGroupsSoNoGroupIsLeftForTheEnd() {
    List<ReplicateTask> tasks = ReplicateTask.plan(List.of(0, 1), 4, 2);

    assertThat(tasks).extracting(ReplicateTask::group).containsExactly(0, 1, 0, 1);
  }

  @Test
  void sizesTasksToTheTargetDurationWithinOneAndB() {
    assertThat(ReplicateTask.perTask(5.0, 500, 10_000)).isEqualTo(100);
    assertThat(ReplicateTask.perTask(900.0, 500, 10_000)).isEqualTo(1);
    assertThat(ReplicateTask.perTask(0.001, 500, 300)).isEqualTo(300);
  }
}
