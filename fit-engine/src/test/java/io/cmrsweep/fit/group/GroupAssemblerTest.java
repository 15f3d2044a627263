package io.cmrsweep.fit.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.loss.LossRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupAssemblerTest {
  private final GroupAssembler assembler = new GroupAssembler();

  static LossRecord row(String domain, String model, double ratio, int seed, long tokens, double gen, double dom,
      int attempt) {
    return new LossRecord("s", "t-" + domain + model + ratio + "-" + seed + "-a" + attempt, domain, model, 1000L,
        ratio, seed, tokens / 10, tokens, gen, dom, attempt);
  }

  @Test
  void groupsBySweepDomainAndModelInSortedOrderWhateverTheInputOrder() {
    List<LossRecord> rows = new ArrayList<>();
    for (String d : List.of("math", "code")) {
      for (String m : List.of("m2", "m1")) {
        for (double r : List.of(0.5, 0.25)) {
          for (int seed : List.of(2, 1)) {
            for (long t : List.of(300L, 0L, 100L, 200L)) {
              rows.add(row(d, m, r, seed, t, 2 + t * 1e-4, 3 - t * 1e-4, 1));
            }
          }
        }
      }
    }
    List<Group> groups = assembler.assemble(rows);
    assertThat(groups).extracting(g -> g.key().toString())
        .containsExactly("s/code/m1", "s/code/m2", "s/math/m1", "s/math/m2");
    Group g = groups.get(0);
    assertThat(g.trajectories()).extracting(Trajectory::ratio).containsExactly(0.25, 0.25, 0.5, 0.5);
    assertThat(g.trajectories()).extracting(Trajectory::seed).containsExactly(1, 2, 1, 2);
    assertThat(g.trajectories().get(0).tokens()).containsExactly(0, 100, 200, 300);
    assertThat(g.trajectories().get(0).hasBasePoint()).isTrue();
    assertThat(g.issues().isEmpty()).isTrue();
    assertThat(g.issues().summary()).isEqualTo("none");
    assertThat(g.tMax()).isEqualTo(300);

    List<LossRecord> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(3));
    assertThat(assembler.assemble(shuffled)).isEqualTo(groups);
  }

  @Test
  void countsNonFiniteLossesAndSetsThemAside() {
    List<LossRecord> rows = List.of(
        row("d", "m", 0.5, 1, 0, 2.0, 3.0, 1),
        row("d", "m", 0.5, 1, 100, Double.NaN, 3.0, 1),
        row("d", "m", 0.5, 1, 200, 2.1, Double.POSITIVE_INFINITY, 1),
        row("d", "m", 0.5, 1, 300, 2.2, 2.9, 1));
    Group g = assembler.assemble(rows).get(0);
    assertThat(g.issues().nonFiniteRows()).isEqualTo(2);
    assertThat(g.trajectories().get(0).tokens()).containsExactly(0, 300);
    assertThat(g.issues().summary()).contains("2 row(s) with NaN/inf loss set aside");
  }

  @Test
  void keepsTheHighestAttemptOfADuplicateCheckpointAndCountsTheDuplicate() {
    List<LossRecord> rows = List.of(
        row("d", "m", 0.5, 1, 0, 2.0, 3.0, 1),
        row("d", "m", 0.5, 1, 100, 9.0, 9.0, 1),
        row("d", "m", 0.5, 1, 100, 2.1, 2.9, 2));
    Group g = assembler.assemble(rows).get(0);
    assertThat(g.issues().duplicateCheckpoints()).isEqualTo(1);
    assertThat(g.trajectories().get(0).generalLoss()).containsExactly(2.0, 2.1);
    assertThat(g.issues().summary()).contains("1 duplicate checkpoint row(s) set aside (kept the highest attempt)");
  }

  @Test
  void setsRatioZeroAsideAndCountsTrajectoriesWithoutABasePoint() {
    List<LossRecord> rows = List.of(
        row("d", "m", 0.0, 1, 0, 2.0, 3.0, 1),
        row("d", "m", 0.0, 1, 100, 2.0, 3.0, 1),
        row("d", "m", 0.3, 1, 100, 2.0, 3.0, 1));
    Group g = assembler.assemble(rows).get(0);
    assertThat(g.issues().zeroRatioRows()).isEqualTo(2);
    assertThat(g.issues().trajectoriesWithoutBase()).isEqualTo(1);
    assertThat(g.trajectories()).hasSize(1);
    assertThat(g.issues().summary()).contains("2 row(s) of ratio 0 set aside").contains("1 trajectory(ies) without");
  }

  @Test
  void anEmptyInputGivesNoGroups() {
    assertThat(assembler.assemble(List.of())).isEmpty();
  }

  @Test
  void trajectoriesRejectBadCheckpointsNamingTheFieldTheValueAndTheFix() {
    double[] ok = {2.0, 2.1};
    assertThatThrownBy(() -> new Trajectory(1.4, 1, new double[] {0, 1}, ok, ok))
        .hasMessageContaining("ratio=1.4 must be a domain share in [0, 1]");
    assertThatThrownBy(() -> new Trajectory(0.5, 1, new double[] {-5, 1}, ok, ok))
        .hasMessageContaining("tokens=-5.0 must be finite and >= 0");
    assertThatThrownBy(() -> new Trajectory(0.5, 1, new double[] {5, 1}, ok, ok))
        .hasMessageContaining("sort checkpoints by tokens");
    assertThatThrownBy(() -> new Trajectory(0.5, 1, new double[] {0, 1}, new double[] {2, Double.NaN}, ok))
        .hasMessageContaining("must be finite; set diverged checkpoints aside");
    assertThatThrownBy(() -> new Trajectory(0.5, 1, new double[] {0, 1, 2}, ok, ok))
        .hasMessageContaining("has 3 tokens, 2 general losses and 2 domain losses");
  }

  @Test
  void trajectoryArraysAreCopiedInAndOut() {
    double[] t = {0, 1};
    Trajectory tr = new Trajectory(0.5, 1, t, new double[] {2, 2}, new double[] {3, 3});
    t[1] = 99;
    tr.tokens()[1] = 77;
    assertThat(tr.tokens()).containsExactly(0, 1);
  }

  @Test
  void groupKeysHaveAStableHashAndReadableText() {
    GroupKey k = new GroupKey("s", "d", "m");
    assertThat(k.toString()).isEqualTo("s/d/m");
    assertThat(k.stableHash()).isEqualTo(new GroupKey("s", "d", "m").stableHash())
        .isNotEqualTo(new GroupKey("s", "d", "m2").stableHash());
  }
}
